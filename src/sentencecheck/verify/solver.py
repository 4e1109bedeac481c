"""A solver over one rule set: the encoded world, the derivation guarantees, and minimal counterexamples."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import z3

from sentencecheck.rules.conditions import Truth, gated
from sentencecheck.rules.model import Rule, RuleSet
from sentencecheck.verify.derivations import Derivation, derivation_constraints, load_derivations
from sentencecheck.verify.encoding import World


@contextmanager
def fresh_context() -> Iterator[None]:
    """Run z3 in a new default context, then restore the old one.

    z3's optimiser picks one of several equally small answers by the internal ids of the terms, which depend on
    everything created before in the context; a fresh context makes the same question get the same answer (same
    input, same bytes) whatever ran before. Terms made inside must not be used outside. z3 has no public way to
    swap its default context: this sets the module's ``_main_ctx``, which ``z3.main_ctx()`` reads."""
    module: Any = z3.z3
    saved = module._main_ctx
    module._main_ctx = z3.Context()
    try:
        yield
    finally:
        module._main_ctx = saved


EXPECT_WORD = {Truth.TRUE: "holds", Truth.UNKNOWN: "possible", Truth.FALSE: "no"}


@dataclass(frozen=True)
class Counterexample:
    """Facts (as a rule example writes them: known facts only) on which the property fails, and what each rule
    concerned gives on them (``holds``, ``possible``, ``no``). ``encoded`` is the full fact dict the engines read;
    ``intervals`` is true when a number is only known within a range (not writable in an example)."""

    facts: dict[str, Any]
    expect: dict[str, str]
    encoded: dict[str, Any] = field(repr=False)
    intervals: bool = False


class Prover:
    """One world of encoded facts over the rule set's vocabulary, with the derivation guarantees."""

    def __init__(self, rule_set: RuleSet, derivations: Sequence[Derivation] | None = None) -> None:
        self.rule_set = rule_set
        self.derivations = list(load_derivations(rule_set.facts) if derivations is None else derivations)
        self.world = World(rule_set.facts, "w")
        self.base: list[z3.BoolRef] = [*self.world.wellformed, *derivation_constraints(self.world, self.derivations)]
        self.solver = z3.Solver()
        self.solver.add(self.base)

    def satisfiable(self, *goal: z3.BoolRef) -> bool:
        return bool(self.solver.check(*goal) == z3.sat)

    def example(self, goal: Sequence[z3.BoolRef], rules: Sequence[Rule]) -> Counterexample | None:
        """The smallest set of known facts satisfying ``goal`` (None when nothing does), as a rule example."""
        if not self.satisfiable(*goal):
            return None
        model = self._minimal(goal, points=True) or self._minimal(goal, points=False)
        assert model is not None  # the goal is satisfiable
        return self.counterexample(self.world, model, rules)

    def _minimal(self, goal: Sequence[z3.BoolRef], points: bool) -> z3.ModelRef | None:
        opt = z3.Optimize()
        opt.add(*self.base)
        opt.add(*goal)
        if points:
            opt.add(self.world.points_only())
        for flag in self.world.known_flags().values():
            opt.add_soft(z3.Not(flag), 1)
        if opt.check() != z3.sat:
            return None
        model: z3.ModelRef = opt.model()
        return model

    def counterexample(self, world: World, model: z3.ModelRef, rules: Sequence[Rule]) -> Counterexample:
        encoded = world.encoded(model)
        facts = world.values(model)
        expect = {r.id: EXPECT_WORD[gated(r.premise, r.rest, encoded)] for r in rules}
        intervals = any(isinstance(v, list) and self.rule_set.facts[k].kind == "number" for k, v in facts.items())
        return Counterexample(facts, expect, encoded, intervals)

    def unsat_core(self, rule: Rule, goal: z3.BoolRef, parts: Mapping[str, z3.BoolRef]) -> list[str]:
        """The named parts of a rule's condition that cannot hold together (with the derivation guarantees)."""
        solver = z3.Solver()
        solver.add(*self.base)
        labels = {name: z3.Bool(f"core:{rule.id}:{name}") for name in parts}
        for name, expr in parts.items():
            solver.add(z3.Implies(labels[name], expr))
        solver.add(goal)
        if solver.check(*labels.values()) != z3.unsat:
            return []
        core = {str(c) for c in solver.unsat_core()}
        return [name for name, label in labels.items() if str(label) in core]
