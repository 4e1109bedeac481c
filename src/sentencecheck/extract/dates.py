"""Dates as verdicts write them: «13 мая 2024 года», «"13" мая 2024 г.», ««13» мая 2024г.», «13.05.2024 г.»,
«13.05.2024».  A day that is not in the calendar (31.02.2024) is not a date, and neither is a day without its year
(«13 мая») or a two-digit year («13.05.24»): the year would be a guess."""

from __future__ import annotations

import re
from datetime import date

from sentencecheck.extract.passages import Found, Paragraph

_MONTHS = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}

_DAY_QUOTES = "\"«»“”„'"

# The year word after the year, kept in the quote: «года», «г.», «г» (also glued on: «2024г.»).
_YEAR_WORD = r"(?:\s*(?:года|году|год|г\.|г(?![а-яё])))?"

_DATE = re.compile(
    rf"""
    (?<![\d.])                                   # not the tail of a longer number
    (?:
        [{_DAY_QUOTES}]?\s*(?P<day>\d{{1,2}})\s*[{_DAY_QUOTES}]?   # the day, perhaps in quotes: «13», "13"
        \s+
        (?P<month>январ[ья]|феврал[ья]|марта?|апрел[ья]|ма[йя]|июн[ья]|июл[ья]|августа?
           |сентябр[ья]|октябр[ья]|ноябр[ья]|декабр[ья])
        \s+
        (?P<year>\d{{4}})
      |
        (?P<dd>\d{{1,2}})\.(?P<mm>\d{{1,2}})\.(?P<yyyy>\d{{4}})   # 13.05.2024
    )
    (?![\d])
    {_YEAR_WORD}
    """,
    re.IGNORECASE | re.VERBOSE,
)


def _month(name: str) -> int:
    name = name.lower()
    return next(number for stem, number in _MONTHS.items() if name.startswith(stem) and len(name) <= len(stem) + 1)


def _match_date(match: re.Match[str]) -> date | None:
    if match["day"] is not None:
        day, month, year = int(match["day"]), _month(match["month"]), int(match["year"])
    else:
        day, month, year = int(match["dd"]), int(match["mm"]), int(match["yyyy"])
    if not 1900 <= year <= 2099:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The date ``text`` states, the whole of it (spaces around it aside), or ``None``."""
    match = _DATE.fullmatch(text.strip())
    return _match_date(match) if match else None


def find_dates(paragraph: Paragraph) -> list[Found[date]]:
    """Every date in the paragraph, in reading order, each with the passage that states it (year word included)."""
    found: list[Found[date]] = []
    for match in _DATE.finditer(paragraph.text):
        value = _match_date(match)
        if value is not None:
            found.append(Found(value, paragraph.index, match.group(0).strip()))
    return found
