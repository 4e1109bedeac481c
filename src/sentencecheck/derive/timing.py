"""The dates the law is read at: the offence date (CC 5), or from the offence to the decision where a later, more
lenient text applies (CC 6)."""

from __future__ import annotations

from datetime import date

from sentencecheck.derive.logic import Tri
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.general import FAR_PAST
from sentencecheck.model.case import Proceeding

FAR_FUTURE = date(2999, 12, 31)


def offence_window(p: Proceeding) -> tuple[date, date]:
    """When the offence may have been committed: its date, the year of an approximate date, or any day before
    the decision when the date is unknown."""
    if p.offence_date is not None:
        if p.offence_date_approximate:
            return date(p.offence_date.year, 1, 1), date(p.offence_date.year, 12, 31)
        return p.offence_date, p.offence_date
    return FAR_PAST, p.decision_date or FAR_FUTURE


def lenient_window(p: Proceeding) -> tuple[date, date]:
    """From the offence to the decision: a later text more lenient to the defendant applies (CC 6)."""
    start, end = offence_window(p)
    return start, max(end, p.decision_date or end)


def on_or_after(window: tuple[date, date], earliest: date, latest: date | None = None) -> Tri:
    """Was the offence committed on or after a date known to lie in [earliest, latest]?"""
    start, end = window
    if start >= (latest or earliest):
        return True
    if end < earliest:
        return False
    return None


def after_2024_law(book: StatuteBook, window: tuple[date, date]) -> Tri:
    """On or after the entry into force of Law 72-VIII (CC 109-1, battery, as a crime), dated by the statute data."""
    versions = book.versions("CC", "109-1", "1")
    if not versions:
        return None
    first = min(versions, key=lambda v: v.effective_from.earliest or FAR_PAST)
    b = first.effective_from
    if b.earliest is None:
        return None
    return on_or_after(window, b.earliest, b.latest)


def new_codes(book: StatuteBook, window: tuple[date, date]) -> Tri:
    """The offence falls under the 2014 Codes (not the 1997 Codes, which the statute data does not model); the
    Codes' start is read from the statute data."""
    assert book.general is not None
    return on_or_after(window, book.general.codes_in_force())
