"""Witnesses: an encoded fact dict on which a rule fires (or stays silent), found by Hypothesis."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis.errors import NoSuchExample

from sentencecheck.engines.base import Engine
from sentencecheck.rules.conditions import Truth
from sentencecheck.rules.model import Rule, RuleSet
from sentencecheck.testing.strategies import encoded_facts


def witness(
    rule_set: RuleSet, rule: Rule, engine: Engine, want: Truth, max_examples: int = 2000
) -> dict[str, Any] | None:
    """A fact dict on which ``engine`` gives ``want`` for ``rule`` (FALSE: silent), or None if none was found."""

    def holds(f: dict[str, Any]) -> bool:
        got = dict(engine.evaluate([f])[0]).get(rule.order, Truth.FALSE)
        return got == want

    try:
        return find(
            encoded_facts(rule_set, rule, others_unknown=True, lean=want != Truth.FALSE),
            holds,
            settings=settings(max_examples=max_examples, derandomize=True, database=None,
                              phases=[Phase.generate], suppress_health_check=list(HealthCheck)),
        )
    except NoSuchExample:
        return None
