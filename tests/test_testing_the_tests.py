"""Each property check catches a broken engine or rule set: the mutants below must be detected.

The checks are called directly (not through Hypothesis's runner); ``hypothesis.find`` searches the
same strategies for an input on which the mutant breaks the property.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st

from sentencecheck.engines.base import Engine, Result
from sentencecheck.engines.python_engine import PythonEngine
from sentencecheck.law.book import StatuteBook, parse_citation
from sentencecheck.law.schema import DateBound
from sentencecheck.model.case import Case
from sentencecheck.model.load import load_case
from sentencecheck.report.model import Report
from sentencecheck.rules.conditions import All, Any_, Atom, Node, Truth, atoms
from sentencecheck.rules.model import Bilingual, Rule, RuleSet
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

T = TypeVar("T")
Facts = Mapping[str, Any]
SEARCH = settings(max_examples=1000, derandomize=True, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), deadline=None)


def search(strategy: st.SearchStrategy[T], broken: Callable[[T], bool]) -> T:
    """An input on which the property check reports a problem (fails the test if there is none)."""
    return find(strategy, broken, settings=SEARCH)





@pytest.fixture(scope="session")
def python(rules: RuleSet) -> Engine:
    return PythonEngine(rules)


# ---- mutants ------------------------------------------------------------------------------------------


def mutate_rule(rs: RuleSet, rule_id: str, premise: Node | None = None, rest: Node | None = None,
                drop_rest: bool = False, **spec: Any) -> RuleSet:
    """The rule set with one rule's premise, rest or spec replaced (``drop_rest``: the rule becomes premise only)."""
    rules = []
    for r in rs.rules:
        if r.id == rule_id:
            new_rest = None if drop_rest else (rest or r.rest)
            r = dataclasses.replace(r, premise=premise or r.premise, rest=new_rest,
                                    spec=r.spec.model_copy(update=spec))
        rules.append(r)
    return dataclasses.replace(rs, rules=rules, digest=rs.digest + "-mutant")


def flip_first(node: Node, want: Callable[[Atom], bool] = lambda a: True) -> Node:
    """The condition with its first atom satisfying ``want`` negated (an operator flipped)."""
    done = False

    def walk(n: Node) -> Node:
        nonlocal done
        if isinstance(n, Atom):
            if not done and want(n):
                done = True
                return n.negate()
            return n
        items = tuple(walk(c) for c in n.items)
        return All(items) if isinstance(n, All) else Any_(items)

    out = walk(node)
    assert done, "no atom to flip"
    return out


@dataclasses.dataclass
class Wrapped:
    """An engine built on the Python engine with a defect injected by ``change``."""

    inner: Engine
    change: Callable[[Sequence[Facts], list[Result]], list[Result]]
    name: str = "mutant"

    def evaluate(self, facts: Sequence[Facts], label: str = "") -> list[Result]:
        return self.change(facts, self.inner.evaluate(facts))


def has_finding(screen: Screener, case: Case) -> bool:
    return bool(screen(case).findings)


# ---- engines ----------------------------------------------------------------------------------------


def test_engine_agreement_catches_a_flipped_operator(rules: RuleSet, python: Engine) -> None:
    for rule in rules.rules:
        mutant = PythonEngine(mutate_rule(rules, rule.id, flip_first(rule.premise)))
        search(encoded_facts(rules, rule, lean=True), lambda f, m=mutant: bool(engines_agree(python, m, [f])))  # type: ignore[misc]


def easy_rule(rules: RuleSet) -> Rule:
    """The rule with the fewest premise atoms: the easiest to make fire from drawn facts."""
    return min(rules.rules, key=lambda r: (len(atoms(r.premise)), r.order))


def test_engine_agreement_catches_a_dropped_rule(rules: RuleSet, python: Engine) -> None:
    dropped = rules.rules[-1].order
    mutant = Wrapped(python, lambda fs, rs: [[x for x in r if x[0] != dropped] for r in rs])
    search(encoded_facts(rules, rules.rules[-1], lean=True), lambda f: bool(engines_agree(python, mutant, [f])))


# ---- determinism, order, state ------------------------------------------------------------------


def test_determinism_catches_a_flaky_engine(rules: RuleSet, python: Engine) -> None:
    calls = [0]

    def flaky(fs: Sequence[Facts], rs: list[Result]) -> list[Result]:
        calls[0] += 1
        return rs if calls[0] % 2 else [[] for _ in rs]

    screen = Screener(rules, Wrapped(python, flaky))
    search(cases(rules), lambda c: has_finding(Screener(rules, python), c) and bool(deterministic(screen, c)))


def test_order_check_catches_batch_dependence(rules: RuleSet, python: Engine) -> None:
    mutant = Wrapped(python, lambda fs, rs: [rs[0]] + [[] for _ in rs[1:]])
    search(st.lists(encoded_facts(rules), min_size=1, max_size=4), lambda fs: bool(order_independent(mutant, fs)))


def test_state_leak_check_catches_a_leaking_engine(rules: RuleSet, python: Engine) -> None:
    memory: list[Result] = [[]]

    def leak(fs: Sequence[Facts], rs: list[Result]) -> list[Result]:
        out = [sorted(set(r) | set(memory[0])) for r in rs]
        memory[0] = rs[-1] if rs else []
        return out

    mutant = Wrapped(python, leak)
    firing = encoded_facts(rules, easy_rule(rules), lean=True)
    search(st.tuples(st.lists(firing, min_size=1, max_size=2), encoded_facts(rules)),
           lambda ab: bool(no_state_leak(mutant, ab[0], ab[1])))


# ---- monotonicity -------------------------------------------------------------------------------------


def lengthened(rules: RuleSet) -> st.SearchStrategy[tuple[Case, Case]]:
    @st.composite
    def pair(draw: st.DrawFn) -> tuple[Case, Case]:
        case = draw(cases(rules, max_defendants=1, sentence_kinds=("imprisonment",), known_terms=True))
        longer = lengthen(case, 0, draw(st.sampled_from([1.0, 5.0, 15.0])))
        return case, longer or case

    return pair()


def test_monotonicity_catches_a_rule_that_rewards_long_sentences(rules: RuleSet) -> None:
    # a leniency rule that fires when the sentence reaches the statutory minimum (instead of falling below it)
    rule = next(r for r in rules.rules if r.spec.direction == "leniency")
    below_min = next(a for r in rules.rules for a in atoms(r.condition) if a.fact.name == "sentence.below_min")
    mutant = mutate_rule(rules, rule.id, Atom(below_min.fact, "is", False), drop_rest=True)
    screen = Screener(mutant, PythonEngine(mutant))
    search(lengthened(rules), lambda pair: bool(sentence_monotonic(screen, pair[0], pair[1])))


# ---- irrelevance --------------------------------------------------------------------------------------


def test_irrelevance_catches_a_rule_reading_an_undeclared_fact(rules: RuleSet, python: Engine) -> None:
    rule = rules.rules[0]
    bools = {s.key for s in rules.facts.values() if s.kind == "bool"}
    key = next(k for k in keys_not_read(rules, rule) if k in bools)
    mutant = Wrapped(python, lambda fs, rs: [[x for x in r if not (x[0] == rule.order and f[key] == 0)]
                                             for f, r in zip(fs, rs, strict=True)])
    search(st.tuples(encoded_facts(rules, rule, lean=True), encoded_facts(rules)),
           lambda fo: bool(irrelevant_fact(mutant, rule, fo[0], key, fo[1][key])))


def test_renaming_check_catches_id_dependence(rules: RuleSet, python: Engine) -> None:
    base = Screener(rules, python)

    def by_id(case: Case) -> Report:  # forgets the findings of defendant d0
        r = base(case)
        return r.model_copy(update={"findings": [f for f in r.findings if f.defendant_id != "d0"]})

    search(cases(rules, max_defendants=1),
           lambda c: bool(same_findings(by_id, c, rename_parties(c), "renaming")))


def test_reordering_check_catches_order_dependence(rules: RuleSet, python: Engine) -> None:
    screen = Screener(rules, Wrapped(python, lambda fs, rs: [rs[0]] + [[] for _ in rs[1:]]))
    search(cases(rules), lambda c: bool(same_findings(screen, c, reorder(c), "reordering")))


# ---- contradiction, unknown, legal sanity, witnesses ---------------------------------------------------


def test_contradiction_check_catches_opposite_rules(rules: RuleSet) -> None:
    over = min((r for r in rules.rules if r.spec.direction == "over-punishment"),
               key=lambda r: len(atoms(r.condition)))
    copy = Rule(over.spec.model_copy(update={"id": "mutant-leniency-copy", "direction": "leniency"}),
                over.premise, over.rest, "mutant.yaml", len(rules.rules))
    mutant = dataclasses.replace(rules, rules=[*rules.rules, copy], digest=rules.digest + "-mutant")
    screen = Screener(mutant, PythonEngine(mutant))

    def broken(c: Case) -> bool:
        return bool(no_contradiction(mutant, screen(c)))

    # a written witness (or a bundled case) where the rule fires needs no search budget; the search is the fallback
    here = Path(__file__).resolve().parent
    files = [*sorted((here / "fixtures" / "witnesses").glob("*.yaml")), *sorted((here.parent / "cases").glob("*.yaml"))]
    case = next((c for c in (load_case(p) for p in files) if broken(c)), None) or search(cases(rules), broken)
    # declared compatible: no longer a contradiction
    allowed = dataclasses.replace(mutant, rules=[*rules.rules, dataclasses.replace(
        copy, spec=copy.spec.model_copy(update={"compatible_with": [over.id]}))])
    assert not [p for p in no_contradiction(allowed, screen(case)) if "mutant-leniency-copy" in p]


def made_unknown(rules: RuleSet) -> st.SearchStrategy[tuple[Case, Case]]:
    @st.composite
    def pair(draw: st.DrawFn) -> tuple[Case, Case]:
        case = draw(cases(rules, max_defendants=1))
        paths = known_optional_paths(case)
        if not paths:
            return case, case
        return case, make_unknown(case, draw(st.sampled_from(paths))) or case

    return pair()


def test_unknown_check_catches_unknown_read_as_true(rules: RuleSet, python: Engine) -> None:
    bool_keys = {s.key for s in rules.facts.values() if s.kind == "bool"}
    inner = python

    def optimistic(fs: Sequence[Facts], rs: list[Result]) -> list[Result]:
        return inner.evaluate([{k: (2 if k in bool_keys and v == 1 else v) for k, v in f.items()} for f in fs])

    screen = Screener(rules, Wrapped(python, optimistic))
    search(made_unknown(rules), lambda pair: bool(unknown_never_confirms(screen, pair[0], pair[1])))


def test_legal_sanity_catches_an_unknown_template_fact(rules: RuleSet, python: Engine) -> None:
    rule = rules.by_id("above-statutory-maximum") or rules.rules[0]
    text = Bilingual(en=rule.spec.explanation.en + " {no.such.fact}", ru=rule.spec.explanation.ru)
    mutant = mutate_rule(rules, rule.id, explanation=text)
    screen = Screener(mutant, PythonEngine(mutant))
    search(cases(rules), lambda c: any("no.such.fact" in p for p in legally_sane(mutant, c, screen(c))))


def test_legal_sanity_catches_a_citation_not_in_force(rules: RuleSet, python: Engine) -> None:
    """Reports drop a cited provision not in force at the case's dates; when none of a rule's legal basis is, the
    finding keeps them all and the check reports it."""
    rule = rules.by_id("above-statutory-maximum") or rules.rules[0]
    future = DateBound(earliest=date(2099, 1, 1), latest=date(2099, 1, 1), confirmed=True)
    articles = dict(rules.book.articles)
    for citation in rule.spec.legal_basis:
        cit = parse_citation(citation)
        assert cit is not None
        article = articles[(cit.code, cit.article)]
        articles[(cit.code, cit.article)] = article.model_copy(update={"parts": [p.model_copy(update={"versions": [
            v.model_copy(update={"effective_from": future, "effective_to": None}) for v in p.versions]})
            for p in article.parts]})
    book = StatuteBook(articles, rules.book.authorities, rules.book.files, rules.book.digest + "-mutant",
                       rules.book.general)
    mutant = dataclasses.replace(rules, book=book, digest=rules.digest + "-mutant")
    screen = Screener(mutant, python)
    search(cases(rules), lambda c: any("not in force" in p for p in legally_sane(mutant, c, screen(c))))


def test_witness_search_reports_a_rule_that_cannot_fire_or_stay_silent(rules: RuleSet) -> None:
    rule = rules.rules[0]
    atom = atoms(rule.premise)[0]
    never = mutate_rule(rules, rule.id, All((atom, atom.negate())), drop_rest=True)
    assert witness(never, never.rules[0], PythonEngine(never), Truth.TRUE, max_examples=300) is None
    assert witness(never, never.rules[0], PythonEngine(never), Truth.FALSE, max_examples=300) is not None
    # a rule that fires on everything (an engine defect: no premise can do that, unknown facts silence it)
    always = Wrapped(PythonEngine(rules), lambda fs, rs: [[(o, t) for o, t in r if o != rule.order]
                                                          + [(rule.order, Truth.TRUE)] for r in rs])
    assert witness(rules, rule, always, Truth.FALSE, max_examples=300) is None
