"""Values as lawyers write them in a case file: ``article: 107``, ``outcome: convicted``, ``20.09.2023``, a month
or a year for an approximate offence date, ``"1,5"`` years.  Each reader turns an unambiguous form into the
model's value and refuses an ambiguous one with the fix (see ``docs/case-file-input.md``)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, Literal

from pydantic_core import PydanticCustomError

from sentencecheck.io.documents import written

Precision = Literal["day", "month", "year"]

_ISO_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ].*")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_MY = re.compile(r"(\d{1,2})\.(\d{4})")
_YEAR = re.compile(r"\d{4}")
_COMMA = re.compile(r"(\d+),(\d+)")

DAY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "pattern": r"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}$", "description": "DD.MM.YYYY"},
    ]
}
APPROXIMATE_DATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        *DAY_SCHEMA["anyOf"],
        {"type": "string", "pattern": r"^([0-9]{4}-[0-9]{1,2}|[0-9]{1,2}\.[0-9]{4}|[0-9]{4})$",
         "description": "a month (YYYY-MM, MM.YYYY) or a year: an approximate date"},
        {"type": "integer", "minimum": 1000, "maximum": 9999, "description": "a year: an approximate date"},
    ]
}
ARTICLE_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string", "pattern": r"^[0-9]{1,4}([-.][0-9]{1,2}){0,2}$"}, {"type": "integer", "minimum": 0}]
}
PART_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string", "pattern": r"^[0-9]{1,2}(-[0-9]{1,2})?$"}, {"type": "integer", "minimum": 0}]
}


def _refuse(kind: str, message: str, **ctx: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, "{message}", {"message": message, **ctx})


def provision_number(value: object) -> object:
    """An article or part written as a number (``107``) is that number as text; a decimal number (``73.1``) is
    refused: YAML has read ``73-1`` written with a point, and ``73.10`` would have become ``73.1``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = written(value)
        whole, _, fraction = text.partition(".")
        fix = whole if fraction.strip("0") == "" else f"{whole}-{fraction}"
        raise _refuse("provision_number", f"write {fix} as a string: '{fix}' (YAML reads {text} as a decimal number)")
    return value


def decimal_comma(value: object) -> object:
    """``"1,5"`` is 1.5; ``"1,500"`` is refused (a decimal comma or a thousands separator?)."""
    if not isinstance(value, str):
        return value
    match = _COMMA.fullmatch(value.strip())
    if match is None:
        return value
    whole, fraction = match.groups()
    if len(fraction) == 3:
        point = f"{whole}.{fraction}".rstrip("0").rstrip(".")
        raise _refuse(
            "ambiguous_number",
            f"'{value.strip()}' may be {point} or {whole}{fraction}: write {point} (a decimal point) or "
            f"{whole}{fraction} (no thousands separator)",
        )
    return f"{whole}.{fraction}"


def read_date(value: object) -> tuple[object, Precision]:
    """A date as written, with its precision: ``20.09.2023`` and ``2023-09-20`` (a day), ``2023-03`` and
    ``03.2023`` (a month, as its first day), ``2022`` (a year, as 1 January).  Date objects and ISO date-times go
    on to Pydantic unchanged; anything else is refused (a bare number is never read as a Unix timestamp)."""
    if value is None or isinstance(value, date | bool | list | dict):
        return value, "day"
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = written(value)
    elif isinstance(value, str):
        text = value.strip()
        if _ISO_DATETIME.fullmatch(text):
            return text, "day"
    else:
        return value, "day"
    if match := _ISO_DAY.fullmatch(text):
        return _date(text, int(match[1]), int(match[2]), int(match[3])), "day"
    if match := _DMY.fullmatch(text):
        return _date(text, int(match[3]), int(match[2]), int(match[1])), "day"
    if match := _ISO_MONTH.fullmatch(text):
        return _date(text, int(match[1]), int(match[2]), 1, "month"), "month"
    if match := _MY.fullmatch(text):
        return _date(text, int(match[2]), int(match[1]), 1, "month"), "month"
    if _YEAR.fullmatch(text):
        return _date(text, int(text), 1, 1, "year"), "year"
    raise _refuse("date_form", f"'{text}' is not a date: write the day as 20.09.2023 or 2023-09-20",
                  expected="a date DD.MM.YYYY or YYYY-MM-DD")


def _date(text: str, year: int, month: int, day: int, what: Precision = "day") -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise _refuse("date_form", f"'{text}' is not a {what} of the calendar",
                      expected="a date DD.MM.YYYY or YYYY-MM-DD") from None


def exact_day(reason: str) -> Callable[[object], object]:
    """A validator for a date that must be a day; a month or a year is refused, saying ``reason``."""

    def check(value: object) -> object:
        day, precision = read_date(value)
        if precision != "day":
            text = written(value) if isinstance(value, float) else str(value).strip()
            raise _refuse(
                "date_not_exact",
                f"'{text}' gives only the {precision}, but this date must be the exact day: {reason}; write the "
                "day (20.09.2023), or leave the date out (unknown) if the source does not give it",
                expected="a date DD.MM.YYYY or YYYY-MM-DD",
            )
        return day

    return check


_FALSE = frozenset({"false", "0", "no", "off", "n", "f"})


def approximate(data: object) -> object:
    """A proceeding whose ``offence_date`` is a month or a year: its first day, with ``offence_date_approximate``
    set.  The model records an approximate date by its year (the whole year is searched), so a month is widened
    to its year, never narrowed to a day."""
    if not isinstance(data, dict) or data.get("offence_date") is None:
        return data
    try:
        day, precision = read_date(data["offence_date"])
    except PydanticCustomError:
        return data  # the field's own validator names the problem at offence_date
    if precision == "day":
        return {**data, "offence_date": day}
    flag = data.get("offence_date_approximate")
    if flag is False or (isinstance(flag, str) and flag.strip().lower() in _FALSE):
        raise _refuse(
            "date_not_exact",
            f"offence_date gives only the {precision}, but offence_date_approximate is false: write the exact day, "
            "or remove offence_date_approximate",
            at=("offence_date_approximate",),
        )
    return {**data, "offence_date": day, "offence_date_approximate": True}

