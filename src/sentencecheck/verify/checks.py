"""The properties ``sentencecheck rules prove`` decides for a whole rule set, each with a counterexample.

- ``reachable``: every rule can be confirmed, can be possible (a rule with a ``when``) and can stay silent;
- ``contradiction``: no leniency and over-punishment rule (of either scope: a finding on the defendant counts for
  each of their charges) are both confirmed on one subject, unless one names the other in ``compatible_with``;
- ``family``: no two members of a family are both confirmed; a partitioning family leaves no gap on complete facts;
- ``redundancy`` (a warning): a rule whose confirmation always confirms another of the same direction, scope and
  a shared legal basis;
- ``monotonicity``: learning facts (refining unknowns and intervals) never takes a confirmed finding away, nor a
  premise that held.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

import z3

from sentencecheck.rules.conditions import All, Node, Truth, facts_read
from sentencecheck.rules.model import Rule, RuleSet
from sentencecheck.verify.encoding import NotEncoded, World, coverage
from sentencecheck.verify.solver import Counterexample, Prover

Level = Literal["error", "warning"]
CHECKS = ("coverage", "reachable", "contradiction", "family", "redundancy", "monotonicity")


@dataclass(frozen=True)
class Violation:
    check: str
    rules: tuple[str, ...]
    message: str
    counterexample: Counterexample | None = None
    level: Level = "error"
    conflicting: tuple[str, ...] = ()
    """For a rule that cannot reach a result: the parts of its condition that cannot hold together."""


@dataclass
class CheckResult:
    name: str
    proved: int = 0
    """How many properties (one per rule, pair or family) were decided to hold."""
    violations: list[Violation] = field(default_factory=list)


@dataclass
class ProofReport:
    encoded: int
    conditions: int
    not_encoded: list[str]
    derivations: int
    checks: list[CheckResult]

    @property
    def errors(self) -> list[Violation]:
        return [v for c in self.checks for v in c.violations if v.level == "error"]

    @property
    def warnings(self) -> list[Violation]:
        return [v for c in self.checks for v in c.violations if v.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors and not self.not_encoded


def prove(rule_set: RuleSet, checks: Iterable[str] = CHECKS, prover: Prover | None = None) -> ProofReport:
    """Decide every property of ``checks`` for ``rule_set``."""
    done, total, missing = coverage(rule_set.rules, rule_set.facts)
    report = ProofReport(done, total, missing, 0, [])
    if missing:
        report.checks.append(CheckResult("coverage", done, [
            Violation("coverage", (m.split(" ", 1)[0],), f"not encoded: {m}") for m in missing]))
        return report  # fail closed: nothing is proved over a rule set the solver cannot read in full
    p = prover or Prover(rule_set)
    report.derivations = len(p.derivations)
    wanted = set(checks)
    for name, run in (("reachable", check_reachable), ("contradiction", check_contradictions),
                      ("family", check_families), ("redundancy", check_redundancy),
                      ("monotonicity", check_monotonicity)):
        if name in wanted:
            report.checks.append(run(p))
    return report


def _parts(node: Node | None, label: str) -> dict[str, Node]:
    if node is None:
        return {}
    items = node.items if isinstance(node, All) else (node,)
    return {f"{label}[{i}]": child for i, child in enumerate(items)}


def check_reachable(p: Prover) -> CheckResult:
    """Every rule can be confirmed, possible (when it has a rest) and silent."""
    result = CheckResult("reachable")
    w = p.world
    for rule in p.rule_set.rules:
        wants = [Truth.TRUE, Truth.FALSE] + ([Truth.UNKNOWN] if rule.rest is not None else [])
        for want in wants:
            if p.satisfiable(w.gated_is(rule, want)):
                result.proved += 1
                continue
            word = {Truth.TRUE: "confirmed", Truth.UNKNOWN: "possible", Truth.FALSE: "silent"}[want]
            parts = {k: w.definite(v) for k, v in _parts(rule.premise, "premise").items()}
            if want == Truth.TRUE:
                parts.update({k: w.definite(v) for k, v in _parts(rule.rest, "when").items()})
                goal: z3.BoolRef = z3.BoolVal(True)
            else:
                goal = w.gated_is(rule, want)
            core = tuple(p.unsat_core(rule, goal, parts)) if want == Truth.TRUE else ()
            result.violations.append(Violation(
                "reachable", (rule.id,), f"{rule.id} can never be {word}"
                + (f": {', '.join(core)} cannot hold together" if core else ""), conflicting=core))
    return result


def _compatible(a: Rule, b: Rule) -> bool:
    return b.id in a.spec.compatible_with or a.id in b.spec.compatible_with


def check_contradictions(p: Prover) -> CheckResult:
    """No leniency and over-punishment finding (of either scope) both confirmed on one subject."""
    result = CheckResult("contradiction")
    w = p.world
    rules = p.rule_set.rules
    for a in rules:
        if a.spec.direction != "leniency":
            continue
        for b in rules:
            if b.spec.direction != "over-punishment" or _compatible(a, b):
                continue
            found = p.example([w.confirmed(a), w.confirmed(b)], [a, b])
            if found is None:
                result.proved += 1
                continue
            result.violations.append(Violation(
                "contradiction", (a.id, b.id),
                f"{a.id} (leniency) and {b.id} (over-punishment) are both confirmed on the same "
                f"{'charge' if 'charge' in (a.spec.scope, b.spec.scope) else 'defendant'}", found))
    return result


def families(rule_set: RuleSet) -> dict[str, list[Rule]]:
    out: dict[str, list[Rule]] = {}
    for rule in rule_set.rules:
        if rule.spec.family is not None:
            out.setdefault(rule.spec.family.name, []).append(rule)
    return out


def complete(world: World, names: Iterable[str]) -> z3.BoolRef:
    """Every named fact is known (a number as a single value; a set item by item)."""
    parts: list[z3.BoolRef] = []
    for name in sorted(set(names)):
        spec = world.facts[name]
        if spec.kind == "bool":
            pair = world.bools[name]
            parts.append(z3.Or(pair.true, pair.false))
        elif spec.kind == "set":
            parts.extend(z3.Or(world.items[(name, i)].true, world.items[(name, i)].false) for i in spec.domain)
        elif spec.kind == "enum":
            parts.append(world.enums[name].known)
        else:
            nv = world.numbers[name]
            parts.append(nv.lo == nv.hi)
    return z3.And(parts or [True])


def check_families(p: Prover) -> CheckResult:
    """No overlap inside a family; no gap on complete facts in a partitioning family."""
    result = CheckResult("family")
    w = p.world
    for name, members in families(p.rule_set).items():
        declared = {m.spec.family.partition for m in members if m.spec.family is not None}
        if len(declared) > 1:
            result.violations.append(Violation(
                "family", tuple(m.id for m in members), f"family {name}: its members disagree on partition"))
            continue
        if len(members) < 2:
            result.violations.append(Violation(
                "family", tuple(m.id for m in members), f"family {name} has a single member", level="warning"))
        for a, b in combinations(members, 2):
            found = p.example([w.confirmed(a), w.confirmed(b)], [a, b])
            if found is None:
                result.proved += 1
            else:
                result.violations.append(Violation(
                    "family", (a.id, b.id), f"family {name}: {a.id} and {b.id} are both confirmed", found))
        if declared == {True}:
            read: set[str] = set()
            for m in members:
                read |= facts_read(m.condition)
            goal = [complete(w, read), z3.Or([w.definite(m.premise) for m in members]),
                    *[z3.Not(w.confirmed(m)) for m in members]]
            found = p.example(goal, members)
            if found is None:
                result.proved += 1
            else:
                result.violations.append(Violation(
                    "family", tuple(m.id for m in members),
                    f"family {name} leaves a gap: on complete facts a member's premise holds and no member is "
                    "confirmed", found))
    return result


def _shares_basis(a: Rule, b: Rule) -> bool:
    return bool(set(a.spec.legal_basis) & set(b.spec.legal_basis))


def check_redundancy(p: Prover) -> CheckResult:
    """A rule whose confirmation implies another's (same direction, scope and a shared basis): a warning."""
    result = CheckResult("redundancy")
    w = p.world
    rules = p.rule_set.rules
    for a in rules:
        for b in rules:
            if a is b or a.spec.direction != b.spec.direction or a.spec.scope != b.spec.scope \
                    or not _shares_basis(a, b):
                continue
            if not p.satisfiable(w.confirmed(a)):
                continue  # a dead rule is reported by `reachable`
            if p.satisfiable(w.confirmed(a), z3.Not(w.confirmed(b))):
                result.proved += 1
                continue
            result.violations.append(Violation(
                "redundancy", (a.id, b.id), f"whenever {a.id} is confirmed, {b.id} is confirmed too "
                f"({a.spec.direction}, sharing {', '.join(sorted(set(a.spec.legal_basis) & set(b.spec.legal_basis)))})",
                level="warning"))
    return result


def check_monotonicity(p: Prover) -> CheckResult:
    """Learning facts never turns a confirmed finding into silence or possible, nor a premise that held into one
    that does not: for every pair of worlds where the second knows everything the first does."""
    result = CheckResult("monotonicity")
    before, after = p.world, World(p.rule_set.facts, "learnt")
    solver = z3.Solver()
    solver.add(*before.wellformed, *after.wellformed)
    solver.add(*[before.refined_by(after, name) for name in p.rule_set.facts])
    for rule in p.rule_set.rules:
        try:
            lost = z3.Or(z3.And(before.confirmed(rule), z3.Not(after.confirmed(rule))),
                         z3.And(before.definite(rule.premise), z3.Not(after.definite(rule.premise))))
        except NotEncoded as exc:  # pragma: no cover - coverage fails first
            result.violations.append(Violation("monotonicity", (rule.id,), f"not encoded: {exc}"))
            continue
        if solver.check(lost) == z3.unsat:
            result.proved += 1
            continue
        model = solver.model()
        found = p.counterexample(after, model, [rule])
        result.violations.append(Violation(
            "monotonicity", (rule.id,), f"{rule.id}: learning facts takes a confirmed finding away "
            f"(before: {p.counterexample(before, model, [rule]).facts})", found))
    return result
