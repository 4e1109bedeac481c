"""Both engines, compiled from the same rules, fire exactly the same rules; durable-rules is used safely."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sentencecheck.derive import derive_subjects
from sentencecheck.engines.durable_engine import KEY_BUDGET, PATH_BUDGET, DurableEngine, paths, shard
from sentencecheck.engines.python_engine import PythonEngine
from sentencecheck.model.load import load_case
from sentencecheck.rules.model import RuleSet
from sentencecheck.rules.vocabulary import FactSpec

ROOT = Path(__file__).resolve().parents[1]


def _random_encoded(rs: RuleSet, rng: random.Random) -> dict[str, object]:
    from sentencecheck.rules.encoding import encode

    values: dict[str, object] = {}
    for name, spec in rs.facts.items():
        values[name] = _value(spec, rng)
    return encode(values, rs.facts)


def _value(spec: FactSpec, rng: random.Random) -> object:
    if rng.random() < 0.3:
        return None
    if spec.kind == "bool":
        return rng.random() < 0.5
    if spec.kind == "number":
        return rng.choice([0, 0.5, 1, 1.5, 2, 3, 5, 8, 12, 20])
    if spec.kind == "enum":
        return rng.choice(spec.domain)
    return frozenset(i for i in spec.domain if rng.random() < 0.3)


def test_engines_agree_on_random_facts(bundled: RuleSet) -> None:
    rng = random.Random(7)
    facts = [_random_encoded(bundled, rng) for _ in range(300)]
    py = PythonEngine(bundled).evaluate(facts)
    du = DurableEngine(bundled).evaluate(facts)
    assert py == du
    assert any(py), "the sample should make some rules fire"


def test_engines_agree_on_case_files(bundled: RuleSet) -> None:
    py, du = PythonEngine(bundled), DurableEngine(bundled)
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        subjects = derive_subjects(load_case(path), bundled)
        encoded = [s.encoded for s in subjects]
        assert py.evaluate(encoded) == du.evaluate(encoded), path.name


def test_shards_respect_the_path_and_key_budgets(bundled: RuleSet) -> None:
    for piece in shard(bundled):
        assert sum(paths(c) for c in piece.rules.values()) <= PATH_BUDGET
        assert len(piece.keys) <= KEY_BUDGET  # durable-rules refuses a fact of more than 254 properties


def test_no_engine_state_leaks_between_cases(bundled: RuleSet) -> None:
    rng = random.Random(3)
    a, b = _random_encoded(bundled, rng), _random_encoded(bundled, rng)
    fresh = DurableEngine(bundled)
    alone = fresh.evaluate([b])
    used = DurableEngine(bundled)
    used.evaluate([a] * 5)
    assert used.evaluate([b]) == alone


def test_missing_engine_gives_a_clear_message(fixture_rules: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sentencecheck.errors import EngineError

    monkeypatch.setitem(sys.modules, "durable", None)
    with pytest.raises(EngineError, match="Python 3.11 and 3.12"):
        DurableEngine(fixture_rules)


def test_malformed_facts_never_reach_the_c_core(fixture_rules: RuleSet) -> None:
    from sentencecheck.errors import EngineError
    from sentencecheck.rules.encoding import encode

    engine = DurableEngine(fixture_rules)
    with pytest.raises(EngineError, match=r"case broken-case: the fact does not match"):
        engine.evaluate([{"not": "a fact dict"}], label="broken-case")
    fact = encode({}, fixture_rules.facts)
    fact["harm_death"] = float("nan")
    with pytest.raises(EngineError, match=r"case nan-case: harm_death: nan is not an encoded number"):
        engine.evaluate([fact], label="nan-case")
    fact["harm_death"] = 1
    assert engine.evaluate([fact]) == PythonEngine(fixture_rules).evaluate([fact])
    last = sorted(fact)[-1]  # whichever key: the quick check reads every value
    for bad in (float("nan"), float("inf"), -float("inf"), True, 2e9, -2e9, None, [1], "a;b", ""):
        broken = {**fact, last: bad}
        with pytest.raises(EngineError, match=rf"case bad: {last}: "):
            engine.evaluate([broken], label="bad")
