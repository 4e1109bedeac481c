"""Qualifiers of the article charged: which of its parts and items qualify the offence by who the victim was (a minor,
a young child, a pregnant woman) or by special cruelty, whether the conviction applied one, and which the facts call
for but the conviction left out. Read from the tags of the statute data at the case's dates."""

from __future__ import annotations

from typing import Any

from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
from sentencecheck.derive.registry import derives
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.lookup import applicable_versions
from sentencecheck.law.schema import Version
from sentencecheck.model.case import Case, Charge
from sentencecheck.rules.vocabulary import VICTIM_TRAITS


def _tag(trait: str) -> str:
    return f"{trait}_victim"


def _all_or_some(flags: list[bool]) -> Tri:
    """True if every candidate version says so, False if none does, unknown if they differ (or there is none)."""
    if not flags:
        return False
    return True if all(flags) else (False if not any(flags) else None)


def carries(version: Version, tags: set[str]) -> bool:
    """Does this version of a part qualify the offence by one of ``tags``, as a whole or in one of its items? The
    items of a part share its sanction, so a conviction under the part carries the qualifier whichever item it
    names."""
    return bool(tags & set(version.tags)) or any(tags & set(q.tags) for q in version.qualifiers)


def part_carries(book: StatuteBook, case: Case, charge: Charge | None, tags: set[str]) -> Tri:
    """Does the part charged carry one of ``tags`` in every candidate version? Unknown where the part is not stated
    (and the article has parts); false for an article the data does not hold."""
    if charge is None or (charge.code, charge.article or "") not in book.articles:
        return False
    by_part = candidates_by_part(book, case, charge)
    if charge.part is None and len(by_part) > 1:
        return None
    here = by_part.get(charge.part, next(iter(by_part.values())) if len(by_part) == 1 else [])
    return _all_or_some([carries(v, tags) for v in here])


def severity(version: Version) -> tuple[bool, bool, float, float]:
    """How harsh a part's sanction is: life only, life possible, then the maximum and minimum of imprisonment."""
    imp = version.sanction("imprisonment")
    life = version.sanction("life") is not None
    return (life and imp is None, life, (imp.max or 0.0) if imp else 0.0, (imp.min or 0.0) if imp else 0.0)


_BY_PART: dict[tuple[Any, ...], dict[str | None, list[Version]]] = {}


def candidates_by_part(book: StatuteBook, case: Case, charge: Charge) -> dict[str | None, list[Version]]:
    """The candidate versions of each part of the article charged, at the case's dates (cached: the qualifier,
    aggravation and group facts of every subject of a charge ask the same question)."""
    art = book.articles[(charge.code, charge.article or "")]
    p = case.proceeding
    key = (book.digest, id(book), charge.code, art.article, p.offence_start, p.decision_date)
    found = _BY_PART.get(key)
    if found is None:
        if len(_BY_PART) > 50_000:
            _BY_PART.clear()
        found = _BY_PART[key] = {
            part.part: list(applicable_versions(book, charge.code, art.article, part.part, p.offence_start,
                                                p.decision_date).candidates)
            for part in art.parts
        }
    return found


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
    by_part = candidates_by_part(book, case, charge)
    graver = graver_parts(by_part, charge.part)
    article_has: dict[str, Tri] = {}
    applied: dict[str, Tri] = {}
    here = by_part.get(charge.part) if charge.part is not None else None
    knew = person.get("victim.known_to_offender")
    for trait in VICTIM_TRAITS:
        tag = _tag(trait)
        per_part = [_all_or_some([carries(v, {tag}) for v in versions]) for versions in graver.values() if versions]
        article_has[trait] = True if True in per_part else (None if None in per_part else False)
        applied[trait] = None if not here else _all_or_some([carries(v, {tag}) for v in here])
    applied["minor"] = k_or(applied["minor"], applied["young_child"])  # a young child is a minor too
    # only victims the facts establish: an unrecorded pregnancy or age is no qualifier left out; a minor and a
    # pregnant woman must be "known" to the offender (CC 99(2)(4), (14) and the like), a young child need not
    missing = {trait: k_and(person.get(f"victim.{trait}") is True, article_has[trait], k_not(applied[trait]),
                            True if trait == "young_child" else knew)
               for trait in VICTIM_TRAITS}
    cruelty = [_all_or_some([carries(v, {"special_cruelty"}) for v in versions])
               for versions in graver.values() if versions]
    law_cruelty: Tri = True if True in cruelty else (None if None in cruelty else False)
    cruelty_applied: Tri = None if not here else _all_or_some([carries(v, {"special_cruelty"}) for v in here])
    return {
        "law.victim_qualifiers": article_has,
        "charge.victim_qualifiers": applied,
        "charge.victim_qualifier_missing": missing,
        "law.cruelty_qualifier": law_cruelty,
        "charge.cruelty_qualifier_missing": k_and(person.get("harm.special_cruelty") is True, law_cruelty,
                                                  k_not(cruelty_applied)),
    }
