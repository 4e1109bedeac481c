"""The rule set is consistent: properties checked with Hypothesis on generated cases and fact dicts.

Every property is a plain function in :mod:`sentencecheck.testing.properties` (returning a list of
problems); tests/test_testing_the_tests.py shows that each one catches a broken engine or rule set.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import assume, given, note
from hypothesis import strategies as st

from sentencecheck.api import get_engine
from sentencecheck.derive import derive_subjects
from sentencecheck.engines.base import Engine
from sentencecheck.rules.conditions import Truth
from sentencecheck.rules.model import RuleSet
from sentencecheck.testing import (
    Screener,
    cases,
    deterministic,
    encoded_facts,
    engines_agree,
    irrelevant_fact,
    keys_not_read,
    known_optional_paths,
    legally_sane,
    lengthen,
    make_unknown,
    no_contradiction,
    no_state_leak,
    order_independent,
    rename_parties,
    reorder,
    same_findings,
    sentence_monotonic,
    unknown_never_confirms,
    witness,
)


@pytest.fixture(scope="session")
def python(rules: RuleSet) -> Engine:
    return get_engine(rules, "python")


@pytest.fixture(scope="session")
def durable(rules: RuleSet) -> Engine:
    return get_engine(rules, "durable")


@pytest.fixture(scope="session")
def screen(rules: RuleSet, python: Engine) -> Screener:
    return Screener(rules, python)


def _ok(problems: list[str]) -> None:
    assert not problems, "\n".join(problems)


# ---- the two engines ------------------------------------------------------------------------------


@given(data=st.data())
def test_engines_agree_on_generated_cases(rules: RuleSet, python: Engine, durable: Engine, data: st.DataObject) -> None:
    case = data.draw(cases(rules))
    facts = [s.encoded for s in derive_subjects(case, rules)]
    _ok(engines_agree(python, durable, facts))


@given(data=st.data())
def test_engines_agree_on_rule_guided_facts(rules: RuleSet, python: Engine, durable: Engine,
                                           data: st.DataObject) -> None:
    chosen = data.draw(st.lists(st.sampled_from(rules.rules), min_size=1, max_size=3))
    facts = [data.draw(encoded_facts(rules, rule, lean=data.draw(st.sampled_from([None, True, False]))))
             for rule in chosen]
    _ok(engines_agree(python, durable, facts))


# ---- determinism, order, state ------------------------------------------------------------------


@given(data=st.data())
def test_same_case_same_report_bytes(rules: RuleSet, screen: Screener, durable: Engine, data: st.DataObject) -> None:
    case = data.draw(cases(rules))
    _ok(deterministic(screen, case))
    _ok(deterministic(Screener(rules, durable), case))


@given(data=st.data())
def test_results_independent_of_order_and_grouping(rules: RuleSet, python: Engine, durable: Engine,
                                                   data: st.DataObject) -> None:
    facts = data.draw(st.lists(encoded_facts(rules), min_size=1, max_size=4))
    _ok(order_independent(python, facts))
    _ok(order_independent(durable, facts))


@given(data=st.data())
def test_no_state_leaks_between_evaluations(rules: RuleSet, python: Engine, durable: Engine,
                                            data: st.DataObject) -> None:
    first = data.draw(st.lists(encoded_facts(rules), min_size=1, max_size=3))
    then = data.draw(encoded_facts(rules))
    _ok(no_state_leak(python, first, then))
    _ok(no_state_leak(durable, first, then))


@given(data=st.data())
def test_case_b_after_case_a_equals_b_alone(rules: RuleSet, durable: Engine, data: st.DataObject) -> None:
    a, b = data.draw(cases(rules)), data.draw(cases(rules))
    screen = Screener(rules, durable)
    alone = screen(b)
    screen(a)
    assert screen(b) == alone


# ---- monotonicity in the sentence -----------------------------------------------------------------


@given(data=st.data())
def test_longer_imprisonment_never_more_lenient(rules: RuleSet, screen: Screener, data: st.DataObject) -> None:
    case = data.draw(cases(rules, max_defendants=2, sentence_kinds=("imprisonment",),
                           known_terms=True))
    who = data.draw(st.integers(0, len(case.defendants) - 1))
    extra = data.draw(st.sampled_from([0.5, 1.0, 3.0, 10.0]))
    longer = lengthen(case, who, extra)
    assume(longer is not None)
    assert longer is not None
    _ok(sentence_monotonic(screen, case, longer))


# ---- irrelevance ------------------------------------------------------------------------------------


@given(data=st.data())
def test_facts_a_rule_does_not_read_never_change_it(rules: RuleSet, python: Engine, durable: Engine,
                                                    data: st.DataObject) -> None:
    rule = data.draw(st.sampled_from(rules.rules))
    facts = data.draw(encoded_facts(rules, rule))
    key = data.draw(st.sampled_from(keys_not_read(rules, rule)))
    other = data.draw(encoded_facts(rules))
    note(f"rule {rule.id}, key {key}")
    _ok(irrelevant_fact(python, rule, facts, key, other[key]))
    _ok(irrelevant_fact(durable, rule, facts, key, other[key]))


@given(data=st.data())
def test_renaming_parties_changes_no_finding(rules: RuleSet, screen: Screener, data: st.DataObject) -> None:
    case = data.draw(cases(rules))
    _ok(same_findings(screen, case, rename_parties(case), "renaming the parties"))


@given(data=st.data())
def test_reordering_changes_no_finding(rules: RuleSet, screen: Screener, data: st.DataObject) -> None:
    case = data.draw(cases(rules))
    rotate = data.draw(st.integers(1, 3))
    _ok(same_findings(screen, case, reorder(case, rotate), "reordering defendants, victims and charges"))


# ---- no contradiction, unknown facts, legal sanity ---------------------------------------------------


@given(data=st.data())
def test_no_contradictory_confirmed_findings(rules: RuleSet, screen: Screener, data: st.DataObject) -> None:
    case = data.draw(cases(rules))
    _ok(no_contradiction(rules, screen(case)))


@given(data=st.data())
def test_unknown_never_raises_confidence(rules: RuleSet, screen: Screener, data: st.DataObject) -> None:
    case = data.draw(cases(rules, max_defendants=2))
    paths = known_optional_paths(case)
    assume(paths)
    path = data.draw(st.sampled_from(paths))
    note(f"made unknown: {path}")
    unknown = make_unknown(case, path)
    assume(unknown is not None)
    assert unknown is not None
    _ok(unknown_never_confirms(screen, case, unknown))


@given(data=st.data())
def test_findings_are_legally_sane(rules: RuleSet, screen: Screener, data: st.DataObject) -> None:
    case = data.draw(cases(rules))
    _ok(legally_sane(rules, case, screen(case)))


# ---- every rule can fire and can stay silent ----------------------------------------------------------


def test_every_rule_has_witnesses(rules: RuleSet, python: Engine, durable: Engine) -> None:
    missing = []
    for rule in rules.rules:
        for want in (Truth.TRUE, Truth.FALSE):
            found: dict[str, Any] | None = witness(rules, rule, python, want, max_examples=500)
            if found is None:
                missing.append(f"{rule.id}: no witness for {want.name}")
                continue
            got = dict(durable.evaluate([found])[0]).get(rule.order, Truth.FALSE)
            assert got == want, f"{rule.id}: durable gives {got.name} on the python witness for {want.name}"
    assert not missing, "\n".join(missing)
