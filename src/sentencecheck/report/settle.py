"""The fewest facts that would settle each possible finding of a report: the questions a lawyer asks first.

The solver (:func:`sentencecheck.verify.explain.settle`, z3's optimiser) is imported only when a report asks for
it, so that screening without it stays light."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sentencecheck.derive import Subject
from sentencecheck.report.model import Answer, Settlement
from sentencecheck.rules.model import Rule, RuleSet

if TYPE_CHECKING:
    from sentencecheck.verify.derivations import Derivation
    from sentencecheck.verify.explain import FactToEstablish


def settlement(rule_set: RuleSet, subjects: Sequence[Subject], rule: Rule, pool: list[int], lang: str) -> Settlement:
    """The fewest facts to confirm and to clear ``rule`` on the subjects ``pool`` (a possible finding)."""
    from sentencecheck.verify.explain import settle

    with _SOLVER:
        found = settle(rule_set, subjects, rule, pool, _guarantees(rule_set))
    return Settlement(confirm=_answers(found.confirm, lang), clear=_answers(found.clear, lang),
                      versions_disagree=found.versions_disagree)


def _answers(facts: tuple[FactToEstablish, ...] | None, lang: str) -> list[Answer] | None:
    if facts is None:
        return None
    return [Answer(fact=f.fact if f.item is None else f"{f.fact}[{f.item}]", question=f.question(lang),
                   answer=f.answer(lang)) for f in facts]


_SOLVER = threading.Lock()
"""z3's default context is not thread-safe, and the interview screens in a thread pool."""
_LOADED: dict[int, tuple[object, list[Derivation]]] = {}


def _guarantees(rule_set: RuleSet) -> list[Derivation]:
    """The derivation guarantees over this rule set's vocabulary, loaded once per vocabulary."""
    from sentencecheck.verify.derivations import load_derivations

    seen = _LOADED.get(id(rule_set.facts))
    if seen is None or seen[0] is not rule_set.facts:
        seen = _LOADED[id(rule_set.facts)] = (rule_set.facts, load_derivations(rule_set.facts))
    return seen[1]
