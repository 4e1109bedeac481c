"""CC 54 per charge: the aggravating circumstances the facts establish, without those that are an element of the part
charged (CC 54(2)), and those of them the court did not recognise."""

from __future__ import annotations

from typing import Any

from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
from sentencecheck.derive.qualifiers import part_carries
from sentencecheck.derive.registry import derives
from sentencecheck.law.book import StatuteBook
from sentencecheck.model.case import Case, Charge
from sentencecheck.rules.vocabulary import CC54_ITEMS

_GROUP_TAGS = frozenset({"group", "group_conspiracy", "criminal_group"})
_VICTIM_TAGS = frozenset({"minor_victim", "young_child_victim", "pregnant_victim", "helpless_victim"})
_CRUELTY_TAGS = frozenset({"special_cruelty"})
"""The tags of the part charged that make CC 54(1) items 3, 7 and 9 an element of the offence (CC 54(2))."""


@derives("defendant", "aggravating.not_recognised", refines=("aggravating.present",))
def aggravating_facts(book: StatuteBook, case: Case, charge: Charge | None, person: dict[str, Any],
                      charge_values: dict[str, Any]) -> dict[str, Any]:
    """``aggravating.present`` without the elements of the part charged, and ``aggravating.not_recognised``."""
    present: dict[str, Tri] = dict(person["aggravating.present"])
    elements = {
        "3": k_or(charge_values.get("charge.group_applied"), part_carries(book, case, charge, _GROUP_TAGS)),
        "7": part_carries(book, case, charge, _VICTIM_TAGS),
        "9": part_carries(book, case, charge, _CRUELTY_TAGS),
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
