"""A field's value as the form shows it, and the form's text back as the value a case file holds.

What cannot be read is kept as typed (a string), so that validation names the problem beside the field and the
answer is never lost."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from sentencecheck.io.documents import WrittenFloat, written

Kind = Literal[
    "tri", "bool", "choice", "ref", "text", "longtext", "number", "integer", "date", "age", "count", "numbers",
    "items", "multi", "refs",
]
"""How a field is asked: yes / no / not stated; a two-way choice; a select (choice, ref); an input (text, number,
integer, date, an age or a count that may be a range, a list of numbers); checkboxes (items of CC 53/54, choices,
party ids)."""

_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_BOUND = re.compile(r"(>=|≥|<=|≤|<)\s*(\d+)")
_MONTH_YEAR = re.compile(r"\d{1,2}\.\d{4}")


def shown(kind: Kind, value: Any, lang: str) -> str:
    """The text an input shows for ``value`` (empty when not stated)."""
    if value is None:
        return ""
    if kind in ("tri", "bool") and isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if lang == "ru" else value.isoformat()
    if isinstance(value, float):
        return written(value) if isinstance(value, WrittenFloat) else _number(value)
    if kind in ("age", "count") and isinstance(value, dict):
        return _range_text(value)
    if kind == "numbers" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _range_text(value: dict[str, Any]) -> str:
    parts = []
    if value.get("at_least") is not None:
        parts.append(f">={value['at_least']}")
    if value.get("under") is not None:
        parts.append(f"<{value['under']}")
    if value.get("at_most") is not None:
        parts.append(f"<={value['at_most']}")
    return " ".join(parts)


def parsed(kind: Kind, text: str) -> Any:
    """The value ``text`` gives a field of ``kind``: ``None`` for an empty answer (not stated); what cannot be read
    stays the text typed."""
    text = text.strip()
    if text == "":
        return None
    if kind in ("tri", "bool"):
        return {"yes": True, "no": False}.get(text)
    if kind in ("number", "integer"):
        return _read_number(text)
    if kind == "date":
        return _read_day(text)
    if kind in ("age", "count"):
        return _read_range(kind, text)
    if kind == "numbers":
        items = [x.strip() for x in re.split(r"[,;\s]+", text) if x.strip()]
        return [int(x) for x in items] if all(x.isdigit() for x in items) else text
    return text


def _read_number(text: str) -> Any:
    if not _NUMBER.fullmatch(text):
        return text
    if "," in text:
        whole, fraction = text.split(",")
        if len(fraction) == 3:
            return text  # 1,500: a decimal comma or a thousands separator? the model asks
        text = f"{whole}.{fraction}"
    value = float(text)
    return int(value) if "." not in text else value


def _read_day(text: str) -> Any:
    for pattern, order in ((_DMY, (3, 2, 1)), (_ISO, (1, 2, 3))):
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (int(match.group(i)) for i in order)
            try:
                return date(year, month, day)
            except ValueError:
                return text
    return text  # a month or a year (an approximate offence date), or a mistake the model names


def _read_range(kind: Kind, text: str) -> Any:
    if text.isdigit():
        return int(text)
    bounds = _BOUND.findall(text)
    if not bounds or _BOUND.sub("", text).strip():
        return text
    out: dict[str, int] = {}
    for sign, number in bounds:
        key = {">=": "at_least", "≥": "at_least", "<": "under", "<=": "at_most", "≤": "at_most"}[sign]
        if kind == "count" and key == "under":
            key, number = "at_most", str(int(number) - 1)
        if kind == "age" and key == "at_most":
            key, number = "under", str(int(number) + 1)
        out[key] = int(number)
    return out


def plain(value: Any) -> Any:
    """The data as read from a file with the numbers YAML kept as written turned into plain values: a month written
    ``03.2023`` stays that text, any other number a plain float (so it can be written back as YAML and JSON)."""
    if isinstance(value, WrittenFloat):
        return value.text if _MONTH_YEAR.fullmatch(value.text) else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
