"""Qualifiers of the article charged: which of its parts and items qualify the offence by who the victim was (a minor,
a young child, a pregnant woman) or by special cruelty, whether the conviction applied one, and which the facts call
for but the conviction left out. Read from the tags of the statute data at the case's dates."""

from __future__ import annotations

from typing import Any

from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
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


def _carries(version: Version, tag: str) -> bool:
    """Does this version of a part qualify the offence by ``tag``, as a whole or in one of its items? The items of a
    part share its sanction, so a conviction under the part carries the qualifier whichever item it names."""
    return tag in version.tags or any(tag in q.tags for q in version.qualifiers)


def qualifier_facts(book: StatuteBook, case: Case, charge: Charge, person: dict[str, Any]) -> dict[str, Any]:
    """``law.victim_qualifiers``, ``charge.victim_qualifiers`` and ``charge.victim_qualifier_missing``, each by
    trait, and the same for special cruelty; empty for an article the data does not hold."""
    art = book.articles.get((charge.code, charge.article or ""))
    if art is None or charge.code != "CC":
        return {}
    p = case.proceeding
    by_part = {
        part.part: list(applicable_versions(book, charge.code, art.article, part.part, p.offence_start,
                                            p.decision_date).candidates)
        for part in art.parts
    }
    article_has: dict[str, Tri] = {}
    applied: dict[str, Tri] = {}
    here = by_part.get(charge.part) if charge.part is not None else None
    for trait in VICTIM_TRAITS:
        tag = _tag(trait)
        per_part = [_all_or_some([_carries(v, tag) for v in versions]) for versions in by_part.values() if versions]
        article_has[trait] = True if True in per_part else (None if None in per_part else False)
        applied[trait] = None if not here else _all_or_some([_carries(v, tag) for v in here])
    applied["minor"] = k_or(applied["minor"], applied["young_child"])  # a young child is a minor too
    # only victims the facts establish: an unrecorded pregnancy or age is no qualifier left out
    missing = {trait: k_and(person.get(f"victim.{trait}") is True, article_has[trait], k_not(applied[trait]))
               for trait in VICTIM_TRAITS}
    cruelty = [_all_or_some([_carries(v, "special_cruelty") for v in versions])
               for versions in by_part.values() if versions]
    law_cruelty: Tri = True if True in cruelty else (None if None in cruelty else False)
    cruelty_applied: Tri = None if not here else _all_or_some([_carries(v, "special_cruelty") for v in here])
    return {
        "law.victim_qualifiers": article_has,
        "charge.victim_qualifiers": applied,
        "charge.victim_qualifier_missing": missing,
        "law.cruelty_qualifier": law_cruelty,
        "charge.cruelty_qualifier_missing": k_and(person.get("harm.special_cruelty") is True, law_cruelty,
                                                  k_not(cruelty_applied)),
    }
