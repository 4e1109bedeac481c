"""Qualifiers of the article charged: which of its parts and items qualify the offence by who the victim was (a minor,
a young child, a pregnant woman) or by special cruelty, whether the conviction applied one, and which the facts call
for but the conviction left out. Read from the tags of the statute data at the case's dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
from sentencecheck.derive.registry import derives
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.lookup import applicable_versions, article_provisions, joint_boundary_dates, period, place
from sentencecheck.law.schema import Version
from sentencecheck.model.case import Case, Charge
from sentencecheck.rules.vocabulary import VICTIM_TRAITS

T = TypeVar("T")


def _tag(trait: str) -> str:
    return f"{trait}_victim"


def _all_or_some(flags: list[bool]) -> Tri:
    """True if every candidate version says so, False if none does, unknown if they differ (or there is none)."""
    if not flags:
        return False
    return True if all(flags) else (False if not any(flags) else None)


def carries(version: Version, tags: frozenset[str] | set[str]) -> bool:
    """Does this version of a part qualify the offence by one of ``tags``, as a whole or in one of its items? The
    items of a part share its sanction, so a conviction under the part carries the qualifier whichever item it
    names."""
    return bool(tags & set(version.tags)) or any(tags & set(q.tags) for q in version.qualifiers)


def part_carries(book: StatuteBook, case: Case, charge: Charge | None, tags: frozenset[str]) -> Tri:
    """Does the part charged carry one of ``tags`` in every candidate version? Unknown where the part is not stated
    (and the article has parts); false for an article the data does not hold."""
    if charge is None or (charge.code, charge.article or "") not in book.articles:
        return False
    return charge_memo(book, case, charge, ("part carries", tags),
                       lambda by_part, part: _part_carries(by_part, part, tags))


def _part_carries(by_part: dict[str | None, list[Version]], part: str | None, tags: frozenset[str]) -> Tri:
    if part is None and len(by_part) > 1:
        return None
    here = by_part.get(part, next(iter(by_part.values())) if len(by_part) == 1 else [])
    return _all_or_some([carries(v, tags) for v in here])


def severity(version: Version) -> tuple[bool, bool, float, float]:
    """How harsh a part's sanction is: life only, life possible, then the maximum and minimum of imprisonment."""
    imp = version.sanction("imprisonment")
    life = version.sanction("life") is not None
    return (life and imp is None, life, (imp.max or 0.0) if imp else 0.0, (imp.min or 0.0) if imp else 0.0)


_NOT_IN_DATA = "(a part the data does not hold)"
"""Every part charged that the article in the data does not have: the answers below treat them all alike."""


def charge_memo(book: StatuteBook, case: Case, charge: Charge, what: tuple[Any, ...],
                compute: Callable[[dict[str | None, list[Version]], str | None], T]) -> T:
    """An answer about the article and part charged that depends on the case's dates only through the candidate
    versions of the article's parts (``compute(by_part, part charged)``): the book remembers it by the article, the
    part charged and where the dates fall among the boundary dates of the article's parts. The article must be in
    the data; the answer is shared (read it, never change it)."""
    where, part = _where(book, case, charge)
    key = ("charge", part, *what, *where)
    known: Any = book.memo.get(key, _MISSING)
    if known is _MISSING:
        known = book.memo[key] = compute(candidates_by_part(book, case, charge), part)
    return known  # type: ignore[no-any-return]


def _where(book: StatuteBook, case: Case, charge: Charge) -> tuple[tuple[object, ...], str | None]:
    """(the article charged and where the case's dates fall among the boundary dates of its parts, the part charged
    or :data:`_NOT_IN_DATA`)."""
    p = case.proceeding
    parts, bounds = _article(book, charge.code, charge.article or "")
    start, end = period(p.offence_start, p.decision_date)
    part = charge.part if charge.part is None or charge.part in parts else _NOT_IN_DATA
    return (charge.code, charge.article, place(bounds, start), place(bounds, end), start <= end), part


_MISSING = object()


def _article(book: StatuteBook, code: str, article: str) -> tuple[frozenset[str | None], tuple[date, ...]]:
    """The parts of an article in the data and the boundary dates of all their versions (remembered by the book;
    KeyError for an article the data does not hold, so that the memo holds only the data's articles)."""
    key = ("article", code, article)
    known: tuple[frozenset[str | None], tuple[date, ...]] | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        if (code, article) not in book.articles:
            raise KeyError((code, article))
        provisions = article_provisions(book, code, article)
        known = book.memo[key] = (frozenset(part for _, _, part in provisions),
                                  joint_boundary_dates(book, provisions))
    return known


def candidates_by_part(book: StatuteBook, case: Case, charge: Charge) -> dict[str | None, list[Version]]:
    """The candidate versions of each part of the article charged, at the case's dates (remembered by the book: the
    qualifier, aggravation and group facts of every subject of a charge ask the same question). Shared: read it only.
    """
    where, _ = _where(book, case, charge)
    key = ("by part", *where)
    found: dict[str | None, list[Version]] | None = book.memo.get(key)  # type: ignore[assignment]
    if found is None:
        p = case.proceeding
        found = book.memo[key] = fresh_candidates_by_part(book, charge.code, charge.article or "", p.offence_start,
                                                          p.decision_date)
    return found


def fresh_candidates_by_part(book: StatuteBook, code: str, article: str, offence_date: date | None,
                             decision_date: date | None) -> dict[str | None, list[Version]]:
    """:func:`candidates_by_part` computed afresh."""
    return {
        part.part: list(applicable_versions(book, code, article, part.part, offence_date, decision_date).candidates)
        for part in book.articles[(code, article)].parts
    }


def graver_parts(by_part: dict[str | None, list[Version]], charged: str | None) -> dict[str | None, list[Version]]:
    """The parts whose sanction is harsher than the part charged under every pair of candidate versions (all parts
    where the part charged is not stated): only those can make a conviction lenient."""
    if charged is None or charged not in by_part:
        return by_part
    here = [severity(v) for v in by_part[charged]]
    if not here:
        return {}
    return {part: versions for part, versions in by_part.items()
            if versions and min(severity(v) for v in versions) > max(here)}


@derives("charge", "law.victim_qualifiers", "charge.victim_qualifiers", "charge.victim_qualifier_missing",
         "law.cruelty_qualifier", "charge.cruelty_qualifier_missing")
def qualifier_facts(book: StatuteBook, case: Case, charge: Charge, person: dict[str, Any]) -> dict[str, Any]:
    """``law.victim_qualifiers``, ``charge.victim_qualifiers`` and ``charge.victim_qualifier_missing``, each by
    trait, and the same for special cruelty; empty for an article the data does not hold. The article "has" a
    qualifier only in a part graver than the part charged: a conviction under a harsher part leaves nothing out."""
    art = book.articles.get((charge.code, charge.article or ""))
    if art is None or charge.code != "CC":
        return {}
    article_has, applied, law_cruelty, cruelty_applied = charge_memo(book, case, charge, ("qualifiers",), _qualifiers)
    knew = person.get("victim.known_to_offender")
    # only victims the facts establish: an unrecorded pregnancy or age is no qualifier left out; a minor and a
    # pregnant woman must be "known" to the offender (CC 99(2)(4), (14) and the like), a young child need not
    missing = {trait: k_and(person.get(f"victim.{trait}") is True, article_has[trait], k_not(applied[trait]),
                            True if trait == "young_child" else knew)
               for trait in VICTIM_TRAITS}
    return {
        "law.victim_qualifiers": dict(article_has),
        "charge.victim_qualifiers": dict(applied),
        "charge.victim_qualifier_missing": missing,
        "law.cruelty_qualifier": law_cruelty,
        "charge.cruelty_qualifier_missing": k_and(person.get("harm.special_cruelty") is True, law_cruelty,
                                                  k_not(cruelty_applied)),
    }


def _qualifiers(by_part: dict[str | None, list[Version]], part: str | None
                ) -> tuple[dict[str, Tri], dict[str, Tri], Tri, Tri]:
    """What the article and the part charged say of the victim traits and of special cruelty, whoever the victim
    was: whether a graver part qualifies the offence by each, whether the part charged does."""
    graver = graver_parts(by_part, part)
    article_has: dict[str, Tri] = {}
    applied: dict[str, Tri] = {}
    here = by_part.get(part) if part is not None else None
    for trait in VICTIM_TRAITS:
        tag = _tag(trait)
        per_part = [_all_or_some([carries(v, {tag}) for v in versions]) for versions in graver.values() if versions]
        article_has[trait] = True if True in per_part else (None if None in per_part else False)
        applied[trait] = None if not here else _all_or_some([carries(v, {tag}) for v in here])
    applied["minor"] = k_or(applied["minor"], applied["young_child"])  # a young child is a minor too
    cruelty = [_all_or_some([carries(v, {"special_cruelty"}) for v in versions])
               for versions in graver.values() if versions]
    law_cruelty: Tri = True if True in cruelty else (None if None in cruelty else False)
    cruelty_applied: Tri = None if not here else _all_or_some([carries(v, {"special_cruelty"}) for v in here])
    return article_has, applied, law_cruelty, cruelty_applied
