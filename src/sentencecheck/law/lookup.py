"""Which version of a part applies to an offence: the law at the offence date (CC 5), or a later,
more lenient one in force before the decision (CC 6).  Where dates are unconfirmed, every
candidate version is returned so that the caller can check whether they agree."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from sentencecheck.law.book import StatuteBook
from sentencecheck.law.schema import DateBound, Version

_FAR_PAST = date(1900, 1, 1)
_FAR_FUTURE = date(2999, 12, 31)


@dataclass(frozen=True)
class Applicable:
    """The versions that may govern a charge, and how they were chosen."""

    label: str
    candidates: tuple[Version, ...]
    remarks: tuple[tuple[str, str], ...]
    """How they were chosen, as (kind, argument) pairs a report words in its language: ``not_in_data`` (article or
    part), ``none_in_force`` (the date), ``date_unknown``, ``used`` (version id), ``later_lenient`` (version id, CC 6),
    ``in_force_unconfirmed``, ``uncertain`` (the candidate ids)."""
    modelled: bool
    date_certain: bool

    @property
    def note(self) -> str:
        """The remarks in English."""
        return f"{self.label}: " + "; ".join(_REMARK_EN[kind].format(arg) for kind, arg in self.remarks)

    @property
    def single(self) -> Version | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def _from_bounds(v: Version) -> tuple[date, date | None]:
    b = v.effective_from
    return (b.earliest or _FAR_PAST, b.latest)


def _to_bounds(v: Version) -> tuple[date | None, date]:
    """(earliest possible end or None if unknown, latest possible end); no end = far future."""
    b: DateBound | None = v.effective_to
    if b is None:
        return (_FAR_FUTURE, _FAR_FUTURE)
    return (b.earliest, b.latest or _FAR_FUTURE)


def possibly_in_force(v: Version, start: date, end: date) -> bool:
    """Could ``v`` have been in force at some moment of [start, end]?"""
    from_earliest, _ = _from_bounds(v)
    _, to_latest = _to_bounds(v)
    return from_earliest <= end and start < to_latest


def surely_in_force(v: Version, start: date, end: date) -> bool:
    """Was ``v`` certainly in force at some moment of [start, end]?"""
    _, from_latest = _from_bounds(v)
    to_earliest, _ = _to_bounds(v)
    if from_latest is None or to_earliest is None:
        return False
    lo = max(start, from_latest)
    return lo <= end and lo < to_earliest


def leniency_key(v: Version) -> tuple[float, float, float]:
    """Orders versions from most to least lenient: life, maximum term, minimum term of imprisonment
    (then of any penalty); smaller is more lenient."""
    life = 1.0 if v.sanction("life") else 0.0
    imp = v.sanction("imprisonment")
    if imp is not None:
        return (life, imp.max if imp.max is not None else 0.0, imp.min or 0.0)
    other = [s for s in v.sanctions if s.kind != "life"]
    if not other:
        return (life, -1.0, -1.0)
    return (life, -1.0 + min(1.0, len(other) / 100), 0.0)


def applicable_versions(
    book: StatuteBook,
    code: str,
    article: str,
    part: str | None,
    offence_date: date | None,
    decision_date: date | None,
) -> Applicable:
    """The candidate versions of ``code article(part)`` for an offence and decision date. The answer depends only on
    where the two dates fall among the versions' boundary dates, so the book remembers it by those places (a few per
    part, however many cases an audit reads)."""
    start, end = period(offence_date, decision_date)
    bounds = boundary_dates(book, code, article, part)
    key = ("applicable", code, article, part, offence_date is None, place(bounds, start), place(bounds, end))
    known: Applicable | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        known = _applicable(book, code, article, part, offence_date, decision_date)
        if known.modelled:  # only parts the data holds in force: the memo stays bounded by the statute data (a
            book.memo[key] = known  # part it lacks is answered at once; "none in force" names the date itself)
    return known


def boundary_dates(book: StatuteBook, code: str, article: str, part: str | None) -> tuple[date, ...]:
    """Every date at which a version of the part starts or ends, or may (sorted; remembered by the book for a part
    the data holds, so that a case naming unknown articles cannot make the memo grow)."""
    key = ("bounds", code, article, part)
    known: tuple[date, ...] | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        versions = book.versions(code, article, part)
        known = tuple(sorted({d for v in versions for d in (*_from_bounds(v), *_to_bounds(v)) if d is not None}))
        if versions:
            book.memo[key] = known
    return known


Provision = tuple[str, str, str | None]
"""(code, article, part) of the statute data."""


def joint_boundary_dates(book: StatuteBook, provisions: tuple[Provision, ...]) -> tuple[date, ...]:
    """Every date at which a version of one of ``provisions`` starts or ends, or may (sorted; remembered by the book,
    so ``provisions`` must name the statute data's parts, not a case's)."""
    key = ("joint bounds", provisions)
    known: tuple[date, ...] | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        known = book.memo[key] = tuple(sorted({d for prov in provisions for d in boundary_dates(book, *prov)}))
    return known


def article_provisions(book: StatuteBook, code: str, article: str) -> tuple[Provision, ...]:
    """Every part of an article the data holds (none for an article it does not hold; remembered for one it does)."""
    key = ("provisions", code, article)
    known: tuple[Provision, ...] | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        art = book.articles.get((code, article))
        if art is None:
            return ()
        known = book.memo[key] = tuple((code, article, p.part) for p in art.parts)
    return known


def dates_place(
    book: StatuteBook, provisions: tuple[Provision, ...], start: date, end: date
) -> tuple[tuple[int, int], tuple[int, int], bool]:
    """Where ``start`` and ``end`` fall among the boundary dates of ``provisions`` (and whether ``start <= end``): two
    periods with the same places have the same versions possibly and surely in force, in each of those parts, so an
    answer that depends on the dates only through those versions may be remembered by these places."""
    bounds = joint_boundary_dates(book, provisions)
    return place(bounds, start), place(bounds, end), start <= end


def period_place(
    book: StatuteBook, provisions: tuple[Provision, ...], offence_date: date | None, decision_date: date | None
) -> tuple[tuple[int, int], tuple[int, int], bool]:
    """:func:`dates_place` for the period :func:`applicable_versions` reads for an offence and a decision date: the
    candidate versions of each of ``provisions`` are the same for two pairs of dates with the same places."""
    return dates_place(book, provisions, *period(offence_date, decision_date))


def place(bounds: tuple[date, ...], day: date) -> tuple[int, int]:
    """Where ``day`` falls among ``bounds``: two days with the same place compare alike with every boundary."""
    return bisect_left(bounds, day), bisect_right(bounds, day)


def period(offence_date: date | None, decision_date: date | None) -> tuple[date, date]:
    """The period in which :func:`applicable_versions` reads the law for an offence and a decision date."""
    start = offence_date or decision_date or _FAR_PAST
    end = decision_date or offence_date or _FAR_FUTURE
    return start, max(start, end)


def _applicable(
    book: StatuteBook,
    code: str,
    article: str,
    part: str | None,
    offence_date: date | None,
    decision_date: date | None,
) -> Applicable:
    label = f"{code} {article}" + (f"({part})" if part else "")
    versions = book.versions(code, article, part)
    if not versions:
        what = "article" if (code, article) not in book.articles else "part"
        return Applicable(label, (), (("not_in_data", what),), False, False)
    start, end = period(offence_date, decision_date)
    possible = [v for v in versions if possibly_in_force(v, start, end)]
    if not possible:
        return Applicable(label, (), (("none_in_force", start.isoformat()),), False, False)
    sure = [v for v in possible if surely_in_force(v, start, end)]
    if sure:
        base = min(sure, key=lambda v: (leniency_key(v), v.id))
        cands = [base] + [v for v in possible if v not in sure and leniency_key(v) < leniency_key(base)]
    else:
        cands = possible
    cands = sorted({v.id: v for v in cands}.values(), key=lambda v: v.id)
    at_offence = [v for v in sure if surely_in_force(v, start, start)]
    remarks: list[tuple[str, str]] = []
    if offence_date is None:
        remarks.append(("date_unknown", ""))
    if len(cands) == 1:
        chosen = cands[0]
        remarks.append(("later_lenient" if at_offence and chosen not in at_offence else "used", chosen.id))
        if not sure:
            remarks.append(("in_force_unconfirmed", ""))
    else:
        remarks.append(("uncertain", ", ".join(v.id for v in cands)))
    return Applicable(label, tuple(cands), tuple(remarks), True, len(cands) == 1 and bool(sure))


_REMARK_EN = {
    "not_in_data": "not modelled ({} not in the statute data)",
    "none_in_force": "not modelled for {} (no version in force then)",
    "date_unknown": "offence date unknown: every version up to the decision was considered{}",
    "used": "{} used",
    "later_lenient": "{} used: a later, more lenient version (CC 6)",
    "in_force_unconfirmed": "that it was in force at the offence date is unconfirmed{}",
    "uncertain": "the version in force is uncertain (unconfirmed dates); evaluated under each of {}",
}


def part_candidates(
    book: StatuteBook,
    code: str,
    article: str,
    part: str | None,
    offence_date: date | None,
    decision_date: date | None,
) -> list[tuple[str | None, Applicable]]:
    """The candidate versions of a charge, part by part: one entry for a stated part (or an article without
    parts), one per part of the article when the part is not stated.  A finding on a charge whose part is unknown
    must hold under every part (the part is a fact of the case, not an uncertainty of the law)."""
    art = book.articles.get((code, article))
    if part is not None or art is None or len(art.parts) <= 1:
        return [(part, applicable_versions(book, code, article, part, offence_date, decision_date))]
    out = []
    for p in art.parts:
        app = applicable_versions(book, code, article, p.part, offence_date, decision_date)
        if app.candidates:
            out.append((p.part, app))
    return out or [(part, applicable_versions(book, code, article, part, offence_date, decision_date))]
