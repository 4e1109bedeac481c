"""The condition language: parsing, negation normal form, and three-valued evaluation.

A condition is ``all`` / ``any`` / ``not`` over atoms ``{fact: NAME, OP: VALUE}``.  Ops:
``is`` (yes/no facts), ``eq ne lt lte gt gte`` (numbers; ``eq``/``ne`` also for choices),
``in`` / ``not_in`` (choices), ``contains`` / ``lacks`` (sets).  No arithmetic, no code.

Evaluation is Kleene's three-valued logic over *encoded* facts (see :mod:`.encoding`): a condition
is TRUE (holds on known facts), UNKNOWN (would hold if unknown facts went the other way) or FALSE.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from sentencecheck.rules import semantics
from sentencecheck.rules.encoding import BIG
from sentencecheck.rules.vocabulary import FactSpec


class Truth(IntEnum):
    FALSE = 0
    UNKNOWN = 1
    TRUE = 2


NUM_OPS = ("lt", "lte", "gt", "gte", "eq", "ne")
_NEGATE_NUM = {"lt": "gte", "gte": "lt", "lte": "gt", "gt": "lte", "eq": "ne", "ne": "eq"}


@dataclass(frozen=True)
class Atom:
    """A literal in negation normal form.

    kind ``bool``: ``value`` is True/False; ``number``: ``op`` in NUM_OPS and a float ``value``;
    ``enum``: ``value`` is a sorted tuple of admitted choices; ``set``: ``item`` and ``value``
    (True = contains, False = lacks).
    """

    fact: FactSpec
    op: str
    value: Any
    item: str | None = None

    def negate(self) -> Atom:
        if self.fact.kind in ("bool", "set"):
            return Atom(self.fact, self.op, not self.value, self.item)
        if self.fact.kind == "number":
            return Atom(self.fact, _NEGATE_NUM[self.op], self.value)
        rest = tuple(sorted(set(self.fact.domain) - set(self.value)))
        return Atom(self.fact, "in", rest)

    def describe(self) -> str:
        name = self.fact.name
        if self.fact.kind == "bool":
            return name if self.value else f"not {name}"
        if self.fact.kind == "set":
            return f"{name} {'contains' if self.value else 'lacks'} {self.item}"
        if self.fact.kind == "number":
            sym = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "eq": "=", "ne": "!="}[self.op]
            return f"{name} {sym} {_num(self.value)}"
        if len(self.value) == 1:
            return f"{name} = {self.value[0]}"
        return f"{name} in [{', '.join(self.value)}]"


@dataclass(frozen=True)
class All:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Any_:
    items: tuple[Node, ...]


Node = Atom | All | Any_


class ConditionError(ValueError):
    """A condition that does not validate; ``path`` locates it inside the rule."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _literal_number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConditionError(path, f"expected a number, found {value!r} (numbers compare only with numbers)")
    if abs(value) >= BIG or not math.isfinite(value):  # size first: isfinite() overflows on huge ints
        raise ConditionError(path, f"number out of range: {value!r}")
    if round(float(value), 4) != float(value):
        raise ConditionError(path, f"at most 4 decimal places: {value!r}")
    return float(value)


def parse(raw: Any, facts: Mapping[str, FactSpec], path: str = "when") -> Node:
    """Parse and validate a condition, then put it in negation normal form."""
    return _parse(raw, facts, path, negated=False)


def _parse(raw: Any, facts: Mapping[str, FactSpec], path: str, negated: bool) -> Node:
    if not isinstance(raw, dict) or not raw:
        raise ConditionError(path, f"expected a mapping with all / any / not / fact, found {raw!r}")
    keys = set(raw)
    if keys in ({"all"}, {"any"}):
        (word, items), = raw.items()
        if not isinstance(items, list) or not items:
            raise ConditionError(path, f"'{word}' needs a non-empty list")
        children = tuple(_parse(c, facts, f"{path}.{word}[{i}]", negated) for i, c in enumerate(items))
        conj = (word == "all") != negated
        return All(children) if conj else Any_(children)
    if keys == {"not"}:
        return _parse(raw["not"], facts, f"{path}.not", not negated)
    if "fact" not in keys:
        raise ConditionError(path, f"unknown keys {sorted(keys)}; expected all, any, not, or fact + one operator")
    name = raw["fact"]
    spec = facts.get(name) if isinstance(name, str) else None
    if spec is None:
        raise ConditionError(path, f"unknown fact {name!r} (see `sentencecheck rules facts`)")
    ops = keys - {"fact"}
    if len(ops) != 1:
        raise ConditionError(path, f"fact {name}: exactly one operator expected, found {sorted(ops) or 'none'}")
    (op,) = ops
    atom = _atom(spec, op, raw[op], f"{path}.{op}")
    return atom.negate() if negated else atom


def _atom(spec: FactSpec, op: str, value: Any, path: str) -> Atom:
    kind = spec.kind
    if kind == "bool":
        if op != "is" or not isinstance(value, bool):
            raise ConditionError(path, f"{spec.name} is a yes/no fact: use `is: true` or `is: false`")
        return Atom(spec, "is", value)
    if kind == "set":
        if op not in ("contains", "lacks"):
            raise ConditionError(path, f"{spec.name} is a set: use `contains` or `lacks`")
        item = str(value)
        if item not in spec.domain:
            raise ConditionError(path, f"{spec.name} has no item {value!r}; items: {', '.join(spec.domain)}")
        return Atom(spec, "has", op == "contains", item)
    if kind == "number":
        if op not in NUM_OPS:
            raise ConditionError(path, f"{spec.name} is a number: use one of {', '.join(NUM_OPS)}")
        return Atom(spec, op, _literal_number(value, path))
    # enum
    if op in ("eq", "ne"):
        values = [value]
    elif op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise ConditionError(path, f"{op} needs a non-empty list")
        values = value
    else:
        raise ConditionError(path, f"{spec.name} is a choice: use eq, ne, in or not_in")
    for v in values:
        if not isinstance(v, str) or v not in spec.domain:
            raise ConditionError(path, f"{spec.name} cannot be {v!r}; choices: {', '.join(spec.domain)}")
    chosen = tuple(sorted(set(values)))
    atom = Atom(spec, "in", chosen)
    return atom.negate() if op in ("ne", "not_in") else atom


def atoms(node: Node) -> list[Atom]:
    if isinstance(node, Atom):
        return [node]
    return [a for child in node.items for a in atoms(child)]


def facts_read(node: Node) -> set[str]:
    return {a.fact.name for a in atoms(node)}


# ---- three-valued evaluation over an encoded fact dict ---------------------------------------


def atom_truth(atom: Atom, f: Mapping[str, Any]) -> Truth:
    """Definitely / possibly true, by the checks both engines compile (:mod:`.semantics`)."""
    if semantics.holds(semantics.check(atom, True), f):
        return Truth.TRUE
    return Truth.UNKNOWN if semantics.holds(semantics.check(atom, False), f) else Truth.FALSE


def truth(node: Node, f: Mapping[str, Any]) -> Truth:
    if isinstance(node, Atom):
        return atom_truth(node, f)
    values = [truth(c, f) for c in node.items]
    return min(values) if isinstance(node, All) else max(values)


@dataclass(frozen=True)
class Trace:
    """Why a condition came out as it did: the atoms that held, and the unknown facts to establish."""

    result: Truth
    held: tuple[Atom, ...]
    unknown: tuple[Atom, ...]


# ---- a rule: its premise on known facts, then the rest ------------------------------------------------


def gated(premise: Node, rest: Node | None, f: Mapping[str, Any]) -> Truth:
    """A rule's result: FALSE unless its premise holds on known facts; then the truth of the rest (TRUE when the
    rule has no rest).  A possible finding therefore always rests on the known facts of its premise."""
    if truth(premise, f) != Truth.TRUE:
        return Truth.FALSE
    return Truth.TRUE if rest is None else truth(rest, f)


def explain_gated(premise: Node, rest: Node | None, f: Mapping[str, Any]) -> Trace:
    """Why a rule came out as it did: the premise's atoms (all held when it fired) and the rest's trace."""
    held: list[Atom] = []
    unknown: list[Atom] = []
    result = Truth.FALSE if _traced(premise, f, held, unknown) != Truth.TRUE else Truth.TRUE
    if rest is not None:
        rest_truth = _traced(rest, f, held, unknown)
        if result == Truth.TRUE:
            result = rest_truth
    return Trace(result, tuple(dict.fromkeys(held)), tuple(dict.fromkeys(unknown)))


def _traced(node: Node, f: Mapping[str, Any], held: list[Atom], unknown: list[Atom]) -> Truth:
    """The node's truth (:func:`truth`), with the atoms on the path that makes it (possibly) hold appended to
    ``held`` and ``unknown``, in one pass (each atom evaluated once): of an any-of, the first child that holds, else
    every child that may hold."""
    if isinstance(node, Atom):
        t = atom_truth(node, f)
        if t == Truth.TRUE:
            held.append(node)
        elif t == Truth.UNKNOWN:
            unknown.append(node)
        return t
    if isinstance(node, All):
        return min([_traced(child, f, held, unknown) for child in node.items])
    traces = []
    for child in node.items:
        child_held: list[Atom] = []
        child_unknown: list[Atom] = []
        traces.append((_traced(child, f, child_held, child_unknown), child_held, child_unknown))
    first_true = next((trace for trace in traces if trace[0] == Truth.TRUE), None)
    for value, child_held, child_unknown in [first_true] if first_true is not None else traces:
        if value != Truth.FALSE:
            held += child_held
            unknown += child_unknown
    return max(value for value, _, _ in traces)


def paths(node: Node) -> list[list[Atom]]:
    """The condition as alternatives (disjunctive normal form): each a list of atoms that together make it hold."""
    if isinstance(node, Atom):
        return [[node]]
    if isinstance(node, Any_):
        return [p for child in node.items for p in paths(child)]
    out: list[list[Atom]] = [[]]
    for child in node.items:
        out = [a + b for a in out for b in paths(child)]
    return out
