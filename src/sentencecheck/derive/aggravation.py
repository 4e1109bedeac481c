"""CC 54 per charge: the aggravating circumstances the facts establish, without those that are an element of the part
charged (CC 54(2)), and those of them the court did not recognise."""

from __future__ import annotations

from typing import Any

from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.lookup import applicable_versions
from sentencecheck.model.case import Case, Charge
from sentencecheck.rules.vocabulary import CC54_ITEMS


def _part_tagged(book: StatuteBook, case: Case, charge: Charge | None, tags: set[str]) -> Tri:
    """Does the part charged (any item of it, or the part as a whole) carry one of ``tags``, in every candidate
    version? Unknown where the part is not stated; false for an article the data does not hold."""
    if charge is None or charge.article is None or (charge.code, charge.article) not in book.articles:
        return False
    art = book.articles[(charge.code, charge.article)]
    if charge.part is None and len(art.parts) > 1:
        return None
    p = case.proceeding
    versions = applicable_versions(book, charge.code, charge.article, charge.part, p.offence_start,
                                   p.decision_date).candidates
    flags = [bool(tags & set(v.tags)) or any(tags & set(q.tags) for q in v.qualifiers) for v in versions]
    if not flags:
        return False
    return True if all(flags) else (False if not any(flags) else None)


def aggravating_facts(book: StatuteBook, case: Case, charge: Charge | None, person: dict[str, Any],
                      charge_values: dict[str, Any]) -> dict[str, Any]:
    """``aggravating.present`` without the elements of the part charged, and ``aggravating.not_recognised``."""
    present: dict[str, Tri] = dict(person["aggravating.present"])
    elements = {
        "3": k_or(charge_values.get("charge.group_applied"),
                  _part_tagged(book, case, charge, {"group", "group_conspiracy", "criminal_group"})),
        "7": _part_tagged(book, case, charge,
                          {"minor_victim", "young_child_victim", "pregnant_victim", "helpless_victim"}),
        "9": _part_tagged(book, case, charge, {"special_cruelty"}),
    }
    for item, element in elements.items():
        if item in present:
            present[item] = k_and(present[item], k_not(element))
    recognised = person["aggravating.recognised"]
    missing: dict[str, Tri] = {}
    for item in CC54_ITEMS:
        if present.get(item) is not True:
            missing[item] = False  # only circumstances the facts establish
        else:
            missing[item] = None if recognised is None else item not in recognised
    return {"aggravating.present": present, "aggravating.not_recognised": missing}
