"""Encoded fact dicts as z3 variables, and conditions as "definitely true" / "possibly true" formulas.

One :class:`World` is one encoded fact dict (:mod:`sentencecheck.rules.encoding`) as z3 variables, dual-rail:

- a yes/no fact (and each item of a set fact): two Booleans, *known true* and *known false*, never both
  (encoded ``2``, ``0``; neither is ``1``, unknown);
- a choice: a *known* flag and the index of the value in the fact's declared domain (``"unknown"`` when not known);
- a number: the interval ``lo .. hi`` of the encoding, as integers in units of 0.0001 (numbers have at most four
  decimals): either exactly ``-BIG .. BIG`` (unknown) or ``-BIG+1 <= lo <= hi <= BIG-1`` (a point when
  ``lo == hi``), as :func:`~sentencecheck.rules.encoding.encode` writes them.

Every atom of :mod:`sentencecheck.rules.conditions` compiles to the same comparisons both engines make, so that
``definite(node)`` holds exactly when :func:`~sentencecheck.rules.conditions.truth` is TRUE and ``possible(node)``
exactly when it is not FALSE. An atom the encoder cannot express raises :class:`NotEncoded` (fail closed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import z3

from sentencecheck.rules.conditions import All, Any_, Atom, Node, Truth
from sentencecheck.rules.encoding import BIG, UNKNOWN_TEXT, number_keys
from sentencecheck.rules.model import Rule
from sentencecheck.rules.vocabulary import FactSpec

SCALE = 10_000
"""Numbers are kept as integers in units of 1/SCALE: the encoding rounds every number to 4 decimals."""
BIG_UNITS = int(BIG) * SCALE
LIMIT_UNITS = (int(BIG) - 1) * SCALE


class NotEncoded(ValueError):
    """An atom (or a fact kind) the z3 encoding cannot express."""


def units(value: float) -> int:
    """A number of the rule language (at most 4 decimals) in units of 1/SCALE, exactly."""
    scaled = round(float(value) * SCALE)
    if abs(scaled / SCALE - float(value)) > 1e-9:
        raise NotEncoded(f"{value!r} has more than 4 decimals")
    return int(scaled)


@dataclass(frozen=True)
class BoolVars:
    true: z3.BoolRef
    false: z3.BoolRef


@dataclass(frozen=True)
class EnumVars:
    known: z3.BoolRef
    index: z3.ArithRef


@dataclass(frozen=True)
class NumberVars:
    lo: z3.ArithRef
    hi: z3.ArithRef


class World:
    """One encoded fact dict over every fact of ``facts``, as z3 variables named ``TAG.fact``."""

    def __init__(self, facts: Mapping[str, FactSpec], tag: str = "w") -> None:
        self.facts = dict(facts)
        self.tag = tag
        self.bools: dict[str, BoolVars] = {}
        self.items: dict[tuple[str, str], BoolVars] = {}
        self.enums: dict[str, EnumVars] = {}
        self.numbers: dict[str, NumberVars] = {}
        self.wellformed: list[z3.BoolRef] = []
        for name, spec in self.facts.items():
            self._declare(name, spec)

    def _dual(self, label: str) -> BoolVars:
        pair = BoolVars(z3.Bool(f"{self.tag}.{label}+"), z3.Bool(f"{self.tag}.{label}-"))
        self.wellformed.append(z3.Not(z3.And(pair.true, pair.false)))
        return pair

    def _declare(self, name: str, spec: FactSpec) -> None:
        if spec.kind == "bool":
            self.bools[name] = self._dual(name)
        elif spec.kind == "set":
            for item in spec.domain:
                self.items[(name, item)] = self._dual(f"{name}[{item}]")
        elif spec.kind == "enum":
            ev = EnumVars(z3.Bool(f"{self.tag}.{name}?"), z3.Int(f"{self.tag}.{name}#"))
            size = len(spec.domain)
            self.wellformed.append(z3.If(ev.known, z3.And(ev.index >= 0, ev.index < size), ev.index == 0))
            if size == 0:
                self.wellformed.append(z3.Not(ev.known))
            self.enums[name] = ev
        elif spec.kind == "number":
            nv = NumberVars(z3.Int(f"{self.tag}.{name}.lo"), z3.Int(f"{self.tag}.{name}.hi"))
            self.wellformed.append(z3.Or(
                z3.And(nv.lo == -BIG_UNITS, nv.hi == BIG_UNITS),
                z3.And(nv.lo >= -LIMIT_UNITS, nv.lo <= nv.hi, nv.hi <= LIMIT_UNITS),
            ))
            self.numbers[name] = nv
        else:
            raise NotEncoded(f"fact {name}: kind {spec.kind!r} has no z3 encoding")

    # ---- what is known ------------------------------------------------------------------------------

    def known(self, name: str) -> z3.BoolRef:
        """The fact is known (for a set: some item is known; for a number: not the whole unknown interval)."""
        spec = self.facts[name]
        if spec.kind == "bool":
            b = self.bools[name]
            return z3.Or(b.true, b.false)
        if spec.kind == "set":
            return z3.Or([z3.Or(p.true, p.false) for (n, _), p in self.items.items() if n == name] or [False])
        if spec.kind == "enum":
            return self.enums[name].known
        nv = self.numbers[name]
        return z3.Not(z3.And(nv.lo == -BIG_UNITS, nv.hi == BIG_UNITS))

    def known_flags(self, names: Iterable[str] | None = None) -> dict[str, z3.BoolRef]:
        return {n: self.known(n) for n in (self.facts if names is None else names)}

    def points_only(self) -> z3.BoolRef:
        """Every number is a single value or unknown (what a rule's example can state)."""
        return z3.And([z3.Or(nv.lo == nv.hi, z3.And(nv.lo == -BIG_UNITS, nv.hi == BIG_UNITS))
                       for nv in self.numbers.values()] or [True])

    # ---- conditions ------------------------------------------------------------------------------------

    def atom(self, atom: Atom, definite: bool) -> z3.BoolRef:
        spec = atom.fact
        if spec.name not in self.facts:
            raise NotEncoded(f"{atom.describe()}: fact {spec.name} is not in the vocabulary")
        if spec.kind in ("bool", "set"):
            if not isinstance(atom.value, bool):
                raise NotEncoded(f"{atom.describe()}: a yes/no value was expected")
            if spec.kind == "bool":
                pair = self.bools[spec.name]
            else:
                found = self.items.get((spec.name, str(atom.item)))
                if found is None:
                    raise NotEncoded(f"{atom.describe()}: item {atom.item!r} is not in the domain")
                pair = found
            want, other = (pair.true, pair.false) if atom.value else (pair.false, pair.true)
            return want if definite else z3.Not(other)
        if spec.kind == "enum":
            ev = self.enums[spec.name]
            domain = self.facts[spec.name].domain
            if atom.op != "in" or any(v not in domain for v in atom.value):
                raise NotEncoded(f"{atom.describe()}: a value outside the domain, or op {atom.op!r}")
            member = z3.Or([ev.index == domain.index(v) for v in atom.value] or [False])
            return z3.And(ev.known, member) if definite else z3.Or(z3.Not(ev.known), member)
        if spec.kind == "number":
            nv = self.numbers[spec.name]
            n = units(atom.value)
            lo, hi = nv.lo, nv.hi
            table: dict[str, tuple[Any, Any]] = {
                "lt": (hi < n, lo < n),
                "lte": (hi <= n, lo <= n),
                "gt": (lo > n, hi > n),
                "gte": (lo >= n, hi >= n),
                "eq": (z3.And(lo == n, hi == n), z3.And(lo <= n, n <= hi)),
                "ne": (z3.Or(hi < n, lo > n), z3.Or(lo != n, hi != n)),
            }
            if atom.op not in table:
                raise NotEncoded(f"{atom.describe()}: operator {atom.op!r}")
            result: z3.BoolRef = table[atom.op][0 if definite else 1]
            return result
        raise NotEncoded(f"{atom.describe()}: kind {spec.kind!r}")

    def definite(self, node: Node) -> z3.BoolRef:
        """The condition is TRUE on this world."""
        return self._node(node, True)

    def possible(self, node: Node) -> z3.BoolRef:
        """The condition is not FALSE (TRUE or UNKNOWN) on this world."""
        return self._node(node, False)

    def _node(self, node: Node, definite: bool) -> z3.BoolRef:
        if isinstance(node, Atom):
            return self.atom(node, definite)
        parts = [self._node(c, definite) for c in node.items]
        if isinstance(node, All):
            return z3.And(parts)
        if isinstance(node, Any_):
            return z3.Or(parts)
        raise NotEncoded(f"condition node {type(node).__name__}")

    def truth_is(self, node: Node, value: Truth) -> z3.BoolRef:
        if value == Truth.TRUE:
            return self.definite(node)
        if value == Truth.FALSE:
            return z3.Not(self.possible(node))
        return z3.And(self.possible(node), z3.Not(self.definite(node)))

    # ---- a rule: its premise on known facts, then the rest ------------------------------------------

    def confirmed(self, rule: Rule) -> z3.BoolRef:
        """The rule gives a confirmed finding: premise TRUE and rest TRUE (or no rest)."""
        premise = self.definite(rule.premise)
        return premise if rule.rest is None else z3.And(premise, self.definite(rule.rest))

    def possibly(self, rule: Rule) -> z3.BoolRef:
        """The rule gives a possible finding: premise TRUE and rest UNKNOWN."""
        if rule.rest is None:
            return z3.BoolVal(False)
        return z3.And(self.definite(rule.premise), self.possible(rule.rest), z3.Not(self.definite(rule.rest)))

    def silent(self, rule: Rule) -> z3.BoolRef:
        """The rule gives nothing: its premise is not TRUE, or its rest is FALSE."""
        fires = self.definite(rule.premise)
        if rule.rest is not None:
            fires = z3.And(fires, self.possible(rule.rest))
        return z3.Not(fires)

    def gated_is(self, rule: Rule, value: Truth) -> z3.BoolRef:
        if value == Truth.TRUE:
            return self.confirmed(rule)
        return self.possibly(rule) if value == Truth.UNKNOWN else self.silent(rule)

    # ---- refinement: more is known ---------------------------------------------------------------------

    def refined_by(self, other: World, name: str) -> z3.BoolRef:
        """``other`` knows fact ``name`` at least as well as this world (the same value where this one knows it)."""
        spec = self.facts[name]
        if spec.kind in ("bool", "set"):
            pairs = [(self.bools[name], other.bools[name])] if spec.kind == "bool" else [
                (self.items[(name, i)], other.items[(name, i)]) for i in spec.domain]
            return z3.And([z3.And(z3.Implies(a.true, b.true), z3.Implies(a.false, b.false)) for a, b in pairs]
                          or [True])
        if spec.kind == "enum":
            a, b = self.enums[name], other.enums[name]
            return z3.Implies(a.known, z3.And(b.known, a.index == b.index))
        x, y = self.numbers[name], other.numbers[name]
        return z3.And(x.lo <= y.lo, y.hi <= x.hi)

    def same(self, other: World, name: str) -> z3.BoolRef:
        """Both worlds hold the same encoded value of fact ``name``."""
        return z3.And(self.refined_by(other, name), other.refined_by(self, name))

    def fix(self, encoded: Mapping[str, Any], name: str) -> z3.BoolRef:
        """This world holds exactly the encoded value of ``name`` in ``encoded``."""
        spec = self.facts[name]
        if spec.kind in ("bool", "set"):
            keyed = [(self.bools[name], spec.key)] if spec.kind == "bool" else [
                (self.items[(name, i)], spec.item_key(i)) for i in spec.domain]
            return z3.And([_pair_is(p, int(encoded[k])) for p, k in keyed] or [True])
        if spec.kind == "enum":
            ev, value = self.enums[name], encoded[spec.key]
            if value == UNKNOWN_TEXT:
                return z3.Not(ev.known)
            if value not in spec.domain:
                raise NotEncoded(f"{name}: value {value!r} outside the domain")
            return z3.And(ev.known, ev.index == spec.domain.index(value))
        nv = self.numbers[name]
        lo_key, hi_key = number_keys(spec)
        return z3.And(nv.lo == _float_units(encoded[lo_key]), nv.hi == _float_units(encoded[hi_key]))

    def at_most(self, encoded: Mapping[str, Any], name: str) -> z3.BoolRef:
        """This world refines the encoded value of ``name``: keeps what is known, may learn what is not."""
        spec = self.facts[name]
        if spec.kind in ("bool", "set"):
            keyed = [(self.bools[name], spec.key)] if spec.kind == "bool" else [
                (self.items[(name, i)], spec.item_key(i)) for i in spec.domain]
            return z3.And([_pair_is(p, int(encoded[k])) for p, k in keyed if int(encoded[k]) != 1] or [True])
        if spec.kind == "enum":
            return z3.BoolVal(True) if encoded[spec.key] == UNKNOWN_TEXT else self.fix(encoded, name)
        nv = self.numbers[name]
        lo_key, hi_key = number_keys(spec)
        return z3.And(nv.lo >= _float_units(encoded[lo_key]), nv.hi <= _float_units(encoded[hi_key]))

    # ---- from a model back to facts -----------------------------------------------------------------

    def encoded(self, model: z3.ModelRef) -> dict[str, Any]:
        """The encoded fact dict of this world in ``model`` (the input both engines read)."""
        out: dict[str, Any] = {}
        for name, spec in self.facts.items():
            if spec.kind == "bool":
                out[spec.key] = _pair_code(model, self.bools[name])
            elif spec.kind == "set":
                for item in spec.domain:
                    out[spec.item_key(item)] = _pair_code(model, self.items[(name, item)])
            elif spec.kind == "enum":
                ev = self.enums[name]
                known = z3.is_true(model.eval(ev.known, model_completion=True))
                index = model.eval(ev.index, model_completion=True).as_long()
                out[spec.key] = spec.domain[index] if known else UNKNOWN_TEXT
            else:
                nv = self.numbers[name]
                lo_key, hi_key = number_keys(spec)
                out[lo_key] = _as_float(model.eval(nv.lo, model_completion=True).as_long())
                out[hi_key] = _as_float(model.eval(nv.hi, model_completion=True).as_long())
        return out

    def values(self, model: z3.ModelRef, names: Iterable[str] | None = None) -> dict[str, Any]:
        """The known facts of this world in ``model``, written as a rule example's ``facts``: yes/no as true/false,
        numbers as numbers (an interval as ``[lo, hi]``), choices by value, a set as the list of its items when
        every item is known, else as ``{item: true/false}`` for the known items. Unknown facts are left out."""
        out: dict[str, Any] = {}
        for name in self.facts if names is None else names:
            spec = self.facts[name]
            if spec.kind == "bool":
                code = _pair_code(model, self.bools[name])
                if code != 1:
                    out[name] = code == 2
            elif spec.kind == "set":
                codes = {i: _pair_code(model, self.items[(name, i)]) for i in spec.domain}
                if all(c != 1 for c in codes.values()):
                    out[name] = [i for i, c in codes.items() if c == 2]
                elif any(c != 1 for c in codes.values()):
                    out[name] = {i: c == 2 for i, c in codes.items() if c != 1}
            elif spec.kind == "enum":
                ev = self.enums[name]
                if z3.is_true(model.eval(ev.known, model_completion=True)):
                    out[name] = spec.domain[model.eval(ev.index, model_completion=True).as_long()]
            else:
                nv = self.numbers[name]
                lo = model.eval(nv.lo, model_completion=True).as_long()
                hi = model.eval(nv.hi, model_completion=True).as_long()
                if (lo, hi) == (-BIG_UNITS, BIG_UNITS):
                    continue
                out[name] = _plain(lo) if lo == hi else [_plain(lo), _plain(hi)]
        return out


def _pair_is(pair: BoolVars, code: int) -> z3.BoolRef:
    if code == 2:
        return z3.And(pair.true, z3.Not(pair.false))
    if code == 0:
        return z3.And(pair.false, z3.Not(pair.true))
    return z3.And(z3.Not(pair.true), z3.Not(pair.false))


def _pair_code(model: z3.ModelRef, pair: BoolVars) -> int:
    if z3.is_true(model.eval(pair.true, model_completion=True)):
        return 2
    return 0 if z3.is_true(model.eval(pair.false, model_completion=True)) else 1


def _float_units(value: float) -> int:
    if value <= -BIG:
        return -BIG_UNITS
    if value >= BIG:
        return BIG_UNITS
    return round(float(value) * SCALE)


def _as_float(u: int) -> float:
    if u == -BIG_UNITS:
        return -BIG
    if u == BIG_UNITS:
        return BIG
    return round(u / SCALE, 4) + 0.0


def _plain(u: int) -> int | float:
    return u // SCALE if u % SCALE == 0 else round(u / SCALE, 4)


def coverage(rules: Iterable[Rule], facts: Mapping[str, FactSpec]) -> tuple[int, int, list[str]]:
    """(conditions encoded, conditions in all, what is not encoded): each rule has a premise and maybe a rest."""
    world = World(facts, "coverage")
    done = total = 0
    missing: list[str] = []
    for rule in rules:
        for label, node in (("premise", rule.premise), ("when", rule.rest)):
            if node is None:
                continue
            total += 1
            try:
                world.definite(node)
                world.possible(node)
            except NotEncoded as exc:
                missing.append(f"{rule.id} {label}: {exc}")
                continue
            done += 1
    return done, total, missing
