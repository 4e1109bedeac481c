"""The durable-rules engine, used exactly as ``shared/docs/durable-rules.md`` §5 prescribes.

- facts, not events (``assert_fact``: every matching rule fires);
- one session per encoded fact, then ``delete_state`` (never more than one live session);
- a host without background threads;
- the fact under one namespace key ``c`` and an ``$ex`` guard on every rule;
- results collected into a set and ordered by rule order;
- rulesets sharded so that no more than ``PATH_BUDGET`` condition paths can match at once.

Only what compiles safely reaches the engine: no arithmetic, no ``$not``, one field per
comparison, numbers compared with numbers.  This is the only module that imports durable-rules.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sentencecheck.engines.base import Result
from sentencecheck.errors import EngineError, RuleError
from sentencecheck.rules import semantics
from sentencecheck.rules.conditions import All, Atom, Node, Truth, atoms
from sentencecheck.rules.encoding import BIG, encode
from sentencecheck.rules.model import RuleSet

PATH_BUDGET = 50
KEY_BUDGET = 200
"""Keys of one projected case fact; durable-rules refuses a fact with more than 254 properties (error 302)."""
CATCH_ALL = "seen"
"""Every shard has a rule that matches every case fact.  Measured here: ``delete_state`` after an
``assert_fact`` that matched no rule (``MessageNotHandledException``) can segfault the process,
depending on the heap; with a catch-all rule that path is never taken."""
_SAFE_TEXT = re.compile(r"^[A-Za-z0-9_ \-]+$")

Json = dict[str, Any]


def _import_engine() -> Any:
    try:
        from durable import engine
    except Exception as exc:  # the C extension may fail to build or import (Python 3.13)
        raise EngineError(
            "durable-rules could not be imported "
            f"({type(exc).__name__}: {exc}). durable-rules 2.0.28 imports only on Python 3.11 and 3.12; "
            "install sentencecheck there, or use --engine python."
        ) from None
    return engine


def _regex(values: Sequence[str]) -> str:
    for v in values:
        if not _SAFE_TEXT.match(v):
            raise RuleError(f"value {v!r} cannot be matched safely by durable-rules")
    return "|".join(values)


_DURABLE_OPS = {"!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


def _check(c: semantics.Check) -> Json:
    """A check of :mod:`sentencecheck.rules.semantics` as a durable-rules condition on the fact ``c``."""
    if isinstance(c, semantics.Both | semantics.Either):
        return {"$and" if isinstance(c, semantics.Both) else "$or": [_check(x) for x in c.items]}
    key = "c." + c.key
    if c.op == "in":
        values = list(c.value)  # type: ignore[arg-type]
        return {key: values[0]} if len(values) == 1 else {"$mt": {key: _regex(values)}}
    if c.op == "==":
        return {key: c.value}
    return {_DURABLE_OPS[c.op]: {key: c.value}}


def to_durable(node: Node, definite: bool) -> Json:
    """A condition as a durable-rules JSON condition (definitely / possibly true)."""
    if isinstance(node, Atom):
        return _check(semantics.check(node, definite))
    word = "$and" if isinstance(node, All) else "$or"
    return {word: [to_durable(c, definite) for c in node.items]}


def paths(cond: Json) -> int:
    """Alternative match paths of a compiled condition (each ``$or`` branch counts)."""
    ((op, arg),) = cond.items()
    if op == "$and":
        out = 1
        for c in arg:
            out *= paths(c)
        return out
    if op == "$or":
        return sum(paths(c) for c in arg)
    return 1


def keys_read(node: Node) -> set[str]:
    """The encoded keys a condition reads."""
    return {key for atom in atoms(node) for definite in (True, False)
            for key in semantics.keys(semantics.check(atom, definite))}


@dataclass
class Shard:
    """Compiled rules ``{name: condition}`` and the encoded keys they read (each case is projected onto them:
    durable-rules refuses a fact with more than 254 properties, error 302)."""

    rules: dict[str, Json] = field(default_factory=lambda: {CATCH_ALL: {"$ex": {"c": 1}}})
    keys: set[str] = field(default_factory=set)
    paths: int = 1


def shard(rule_set: RuleSet) -> list[Shard]:
    """The rule set packed into shards of at most PATH_BUDGET condition paths and KEY_BUDGET keys."""
    shards: list[Shard] = []
    current = Shard()
    for rule in rule_set.rules:
        premise = to_durable(rule.premise, True)  # a premise must hold on known facts
        modes = (("d", True), ("p", False)) if rule.rest is not None else (("d", True),)
        compiled: dict[str, Json] = {}
        n_paths = 0
        for mode, definite in modes:
            parts = [{"$ex": {"c": 1}}, premise] + ([to_durable(rule.rest, definite)] if rule.rest is not None else [])
            cond = {"$and": parts}
            n = paths(cond)
            if n > PATH_BUDGET - 1:
                raise RuleError(
                    f"{rule.file}: rule {rule.id}: its condition expands to {n} alternative paths; "
                    f"durable-rules needs at most {PATH_BUDGET} (split the rule or use fewer `any` branches)"
                )
            compiled[f"r{rule.order}_{mode}"] = cond
            n_paths += n
        keys = keys_read(rule.condition)
        if len(current.rules) > 1 and (current.paths + n_paths > PATH_BUDGET
                                       or len(current.keys | keys) > KEY_BUDGET):
            shards.append(current)
            current = Shard()
        current.rules.update(compiled)
        current.keys |= keys
        current.paths += n_paths
    if len(current.rules) > 1:
        shards.append(current)
    return shards


class DurableEngine:
    """One instance per process or thread; not thread-safe by design."""

    name = "durable"

    def __init__(self, rule_set: RuleSet) -> None:
        engine = _import_engine()
        self._engine = engine

        class _SyncHost(engine.Host):  # type: ignore[misc,name-defined]
            def _run(self) -> None:  # no dispatcher or $pulse threads
                pass

        self._host = _SyncHost()
        self._fired: dict[str, set[str]] = {}
        self._seq = 0
        self._rulesets: list[str] = []
        self._rule_ids = {r.order: r.id for r in rule_set.rules}
        self._shard_rules: dict[str, list[str]] = {}
        self._shard_keys: dict[str, tuple[str, ...]] = {}
        self._keys = frozenset(encode({}, rule_set.facts))
        self._broken: str | None = None
        for k, piece in enumerate(shard(rule_set)):
            compiled = piece.rules
            name = f"sentencecheck_{k}"
            self._shard_keys[name] = tuple(sorted(piece.keys))
            definition = {
                name: {rule: {"all": [{"m": cond}], "run": self._action(rule)} for rule, cond in compiled.items()}
            }
            try:
                self._host.register_rulesets(definition)
            except Exception as exc:
                raise EngineError(f"durable-rules rejected rule shard {name} ({sorted(compiled)}): {exc}") from None
            self._rulesets.append(name)
            self._shard_rules[name] = sorted(
                {self._rule_ids[int(n[1:].split("_")[0])] for n in compiled if n != CATCH_ALL}
            )

    def _action(self, name: str) -> Any:
        fired = self._fired
        if name == CATCH_ALL:

            def seen(c: Any) -> None:  # exactly one parameter (two would make it async)
                return None

            return seen

        def action(c: Any) -> None:
            fired.setdefault(c.s.sid, set()).add(name)

        return action

    def evaluate(self, facts: Sequence[Mapping[str, Any]], label: str = "") -> list[Result]:
        return [self._one(f, label) for f in facts]

    def _check(self, fact: Mapping[str, Any], label: str) -> None:
        """Only well-formed encoded facts reach the C core: a malformed one can crash it on clean-up."""
        if self._broken:
            raise EngineError(f"the durable-rules engine failed earlier ({self._broken}); build a new engine")
        keys = set(fact)
        if keys != self._keys:
            missing, extra = sorted(self._keys - keys)[:5], sorted(keys - self._keys)[:5]
            raise EngineError(f"case {label or '?'}: the fact does not match the rule set's vocabulary "
                              f"(missing {missing}, unexpected {extra})")
        for key, value in fact.items():
            if isinstance(value, str):
                if not _SAFE_TEXT.match(value):
                    raise EngineError(f"case {label or '?'}: {key}: text {value!r} cannot be passed safely")
            elif isinstance(value, bool) or not isinstance(value, int | float) or not -BIG <= value <= BIG:
                raise EngineError(f"case {label or '?'}: {key}: {value!r} is not an encoded number")

    def _one(self, fact: Mapping[str, Any], label: str) -> Result:
        self._check(fact, label)
        self._seq += 1
        sid = f"s{self._seq}"
        try:
            for rs in self._rulesets:
                message = {"sid": sid, "c": {k: fact[k] for k in self._shard_keys[rs]}}
                try:
                    self._host.assert_fact(rs, message)
                except Exception as exc:  # MessageNotHandledException cannot happen: every shard has a catch-all
                    # the session may be half-built: deleting it can abort the process (durable-rules.md §4)
                    self._broken = f"{type(exc).__name__}: {exc}"
                    raise EngineError(
                        f"durable-rules failed on case {label or '?'} in {rs} (rules: "
                        f"{', '.join(self._shard_rules[rs])}): {type(exc).__name__}: {exc}"
                    ) from None
                if not self._broken:
                    self._host.delete_state(rs, sid)
            names = self._fired.get(sid, set())
        finally:
            self._fired.pop(sid, None)
        out: Result = []
        for order in sorted({int(n[1:].split("_")[0]) for n in names}):
            out.append((order, Truth.TRUE if f"r{order}_d" in names else Truth.UNKNOWN))
        return out
