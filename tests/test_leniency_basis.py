"""``leniency.basis``: what the court's reasons for leniency rest on, from its grounds and the CC 53(1) items."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentencecheck.derive.grounds import leniency_basis
from sentencecheck.derive.party import person_facts
from sentencecheck.model.load import load_case
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.vocabulary import FACTS

CASES = Path(__file__).resolve().parents[1] / "cases"

F = frozenset


@pytest.mark.parametrize(
    ("grounds", "items", "expected"),
    [
        (F({"clean_record", "employment"}), F({"4"}), "personal"),
        (F({"employment"}), F(), "personal"),
        (F({"remorse", "employment"}), F({"11"}), "repentance"),
        (F({"employment"}), F({"11"}), "repentance"),
        (F({"remorse"}), F({"6", "11"}), "other"),
        (F({"employment", "victim_forgave"}), None, "other"),
        (None, F({"10"}), "other"),
        (F({"clean_record"}), F({"2"}), "other"),
        (F(), F(), "none"),
        (F({"employment"}), None, None),
        (None, F({"4"}), None),
        (None, None, None),
    ],
)
def test_basis(grounds: frozenset[str] | None, items: frozenset[str] | None, expected: str | None) -> None:
    assert leniency_basis(grounds, items) == expected


def test_values_are_the_vocabulary_domain() -> None:
    seen = {leniency_basis(F({g}), F()) for g in FACTS["leniency.grounds"].domain} | {leniency_basis(F(), F())}
    assert seen == set(FACTS["leniency.basis"].domain)


def test_a_decision_closes_the_basis_and_a_press_report_does_not() -> None:
    book = default_rule_set().book
    decision = load_case(CASES / "illustrative-dv-grievous-harm-conditional-personal-data.yaml")
    assert person_facts(decision, decision.defendants[0], book)["leniency.basis"] == "personal"
    press = load_case(CASES / "train-conductors-rape-2-5-years.yaml")
    assert person_facts(press, press.defendants[0], book)["leniency.basis"] is None
