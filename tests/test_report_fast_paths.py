"""The report's fast paths give what the plain code gives: a rule's trace in one pass, rule texts filled from a
template remembered per text, citations remembered by the statute book."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from samples import generated_cases
from sentencecheck.derive import Subject, derive_subjects
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data, load_case
from sentencecheck.report.build import _Filler, _template
from sentencecheck.rules.conditions import All, Atom, Node, Trace, Truth, atom_truth, explain_gated, gated, truth
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.model import RuleSet

ROOT = Path(__file__).resolve().parents[1]


def _collect(node: Node, f: dict[str, Any], held: list[Atom], unknown: list[Atom]) -> None:
    """The plain two-pass reference: the atoms on the path that makes the condition (possibly) hold."""
    if isinstance(node, Atom):
        t = atom_truth(node, f)
        if t == Truth.TRUE:
            held.append(node)
        elif t == Truth.UNKNOWN:
            unknown.append(node)
        return
    if isinstance(node, All):
        for child in node.items:
            _collect(child, f, held, unknown)
        return
    values = [truth(c, f) for c in node.items]
    if Truth.TRUE in values:
        _collect(node.items[values.index(Truth.TRUE)], f, held, unknown)
        return
    for child, value in zip(node.items, values, strict=True):
        if value == Truth.UNKNOWN:
            _collect(child, f, held, unknown)


@pytest.fixture(scope="module")
def subjects() -> list[tuple[Case, Subject]]:
    rule_set = default_rule_set()
    cases = [load_case(p) for p in sorted((ROOT / "cases").glob("*.yaml"))]
    cases += [case_from_data(data) for data in generated_cases(150, seed=11)]
    return [(case, s) for case in cases for s in derive_subjects(case, rule_set)]


def test_explain_gated_is_the_truth_and_the_collected_atoms(subjects: list[tuple[Case, Subject]]) -> None:
    rule_set = default_rule_set()
    for _, s in subjects:
        for rule in rule_set.rules:
            held: list[Any] = []
            unknown: list[Any] = []
            _collect(rule.premise, s.encoded, held, unknown)
            if rule.rest is not None:
                _collect(rule.rest, s.encoded, held, unknown)
            expected = Trace(gated(rule.premise, rule.rest, s.encoded), tuple(dict.fromkeys(held)),
                             tuple(dict.fromkeys(unknown)))
            assert explain_gated(rule.premise, rule.rest, s.encoded) == expected, rule.spec.id


def _texts(rule_set: RuleSet, lang: str) -> list[str]:
    out: list[str] = []
    for rule in rule_set.rules:
        spec = rule.spec
        out += [getattr(spec.title, lang), getattr(spec.explanation, lang), getattr(spec.argument, lang)]
        if spec.counterfactual is not None:
            out.append(getattr(spec.counterfactual, lang))
    return out


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_filled_from_templates_as_written(subjects: list[tuple[Case, Subject]], lang: str) -> None:
    rule_set = default_rule_set()
    texts = _texts(rule_set, lang)
    for case, s in subjects[::7]:
        filler = _Filler(s, rule_set, case, lang)
        for text in texts:
            assert filler.fill(text) == filler._fill_as_written(text), text


@pytest.mark.parametrize("name", ["{charge}", "Ann {g:he|she}", "x}", "{", "Aigerim | Serik", "{victims}"])
def test_names_with_braces_are_inserted_as_they_are(subjects: list[tuple[Case, Subject]], name: str) -> None:
    """A name that would make a new variable or gender marker if the text were read again stays as written."""
    rule_set = default_rule_set()
    case, s = subjects[0]
    d = s.defendant.model_copy(update={"name": name})
    victims = ", ".join(v.name or v.id for v in case.victims)
    for sex, ending in (("male", "а"), ("female", "б")):
        named = replace(s, defendant=d.model_copy(update={"sex": sex}))
        filler = _Filler(named, rule_set, case, "ru")
        at_start = name[:1].upper() + name[1:]  # each sentence starts with a capital
        assert filler.fill("{defendant}. {defendant}{g:а|б}, {victims}") == f"{at_start}. {at_start}{ending}, {victims}"


def test_templates_with_loose_braces_are_not_compiled() -> None:
    book = default_rule_set().book
    assert _template(book, "a {g:b|c} {defendant}. {defendant} {x|years}", True) == (
        ("a c ", ". ", " ", ""), (("defendant", None, False), ("defendant", None, True), ("x", "years", False)))
    assert _template(book, "{g:{defendant}|x}", False) is None
    assert _template(book, "{{defendant}}", False) is None
    assert _template(book, "a } b", False) is None
