"""Derived facts: one :class:`Subject` per (defendant, charge, candidate statute version).

Each fact is declared with the function that computes it and its source area (:mod:`sentencecheck.derive.registry`);
importing this package checks that every fact of the vocabulary has its producer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sentencecheck.derive.charge import charge_facts, combined_facts, unstated_part
from sentencecheck.derive.party import person_facts
from sentencecheck.derive.registry import REGISTRY
from sentencecheck.law.lookup import Applicable, part_candidates
from sentencecheck.law.schema import Version
from sentencecheck.model.case import Case, Charge, Defendant
from sentencecheck.rules.encoding import encode
from sentencecheck.rules.model import RuleSet

REGISTRY.check_complete()  # every fact of the vocabulary has its producer, now that every producer is declared


@dataclass
class Subject:
    """What the engines evaluate: the facts of one charge of one defendant under one candidate version.

    ``part`` is the part a candidate version belongs to when the case file does not state the charge's part (then
    every part of the article is a candidate, and a finding must hold under each of them)."""

    defendant: Defendant
    charge: Charge | None
    charge_index: int | None
    applicable: Applicable | None
    version: Version | None
    encoded: dict[str, Any] = field(default_factory=dict)
    part: str | None = None

    @property
    def charge_label(self) -> str:
        return self.charge.label() if self.charge else "(no charge recorded)"


def derive_subjects(case: Case, rule_set: RuleSet) -> list[Subject]:
    """All subjects of a case, in a stable order (defendants, charges, parts, versions by id)."""
    book = rule_set.book
    p = case.proceeding
    out: list[Subject] = []
    for d in case.defendants:
        person = person_facts(case, d, book)
        charges: list[tuple[int | None, Charge | None]] = list(enumerate(d.charges)) or [(None, None)]
        rows: list[tuple[int | None, Charge | None, Applicable | None, Version | None, str | None, dict[str, Any]]] = []
        for idx, charge in charges:
            options: list[tuple[str | None, Applicable | None]] = [(None, None)]
            if charge is not None and charge.article is not None:
                options = list(part_candidates(book, charge.code, charge.article, charge.part, p.offence_start,
                                               p.decision_date))
            guessed = charge is not None and charge.part is None and len(options) > 1
            for part, app in options:
                versions: list[Version | None] = list(app.candidates) if app else []
                for version in versions or [None]:
                    values = dict(person)
                    values.update(charge_facts(book, case, d, charge, version, bool(app and app.date_certain),
                                               person))
                    if guessed:
                        values.update(unstated_part())
                    rows.append((idx, charge, app, version, part if guessed else None, values))
        first_per_charge: dict[int | None, dict[str, Any]] = {}
        for idx, _, _, _, _, values in rows:
            first_per_charge.setdefault(idx, values)
        combined = combined_facts(book, case, d, list(first_per_charge.values()))
        for idx, charge, app, version, part, values in rows:
            values.update(combined)
            out.append(Subject(d, charge, idx, app, version, encode(values, rule_set.facts), part))
    return out
