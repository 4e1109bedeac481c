"""What each operator means on encoded facts: the one table both engines and the explanation are built from.

An atom of a condition is *definitely* true or *possibly* true (see :mod:`.encoding` for how unknown is encoded);
each of the two is a :data:`Check` on the encoded keys: a comparison of one key with a constant, or several joined
by *and* / *or*. The Python engine prints a check as Python, the durable-rules engine as its JSON, and
:func:`sentencecheck.rules.conditions.atom_truth` evaluates it, so the three cannot drift apart.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from sentencecheck.rules.encoding import UNKNOWN_TEXT, number_keys

if TYPE_CHECKING:
    from sentencecheck.rules.conditions import Atom

Op = Literal["==", "!=", "<", "<=", ">", ">=", "in"]


@dataclass(frozen=True)
class Compare:
    """``f[key] op value``; for ``in``, ``value`` is a tuple of choices."""

    key: str
    op: Op
    value: float | int | tuple[str, ...]


@dataclass(frozen=True)
class Both:
    items: tuple[Compare, ...]


@dataclass(frozen=True)
class Either:
    items: tuple[Compare, ...]


Check = Compare | Both | Either

_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
    "in": lambda x, values: x in values,
}


@cache
def check(atom: Atom, definite: bool) -> Check:
    """The check that makes ``atom`` definitely (``definite``) or possibly true.

    yes/no and set items: 2 is true, 0 false, 1 unknown; choices: the value or ``unknown``; numbers: the interval
    ``lo .. hi`` (a known number has ``lo == hi``)."""
    spec = atom.fact
    if spec.kind in ("bool", "set"):
        key = spec.key if spec.kind == "bool" else spec.item_key(str(atom.item))
        if definite:
            return Compare(key, "==", 2 if atom.value else 0)
        return Compare(key, ">=" if atom.value else "<=", 1)
    if spec.kind == "enum":
        return Compare(spec.key, "in", tuple(atom.value) + (() if definite else (UNKNOWN_TEXT,)))
    lo, hi = number_keys(spec)
    n = float(atom.value)
    table: dict[str, tuple[Check, Check]] = {
        "lt": (Compare(hi, "<", n), Compare(lo, "<", n)),
        "lte": (Compare(hi, "<=", n), Compare(lo, "<=", n)),
        "gt": (Compare(lo, ">", n), Compare(hi, ">", n)),
        "gte": (Compare(lo, ">=", n), Compare(hi, ">=", n)),
        "eq": (Both((Compare(lo, "==", n), Compare(hi, "==", n))),
               Both((Compare(lo, "<=", n), Compare(hi, ">=", n)))),
        "ne": (Either((Compare(hi, "<", n), Compare(lo, ">", n))),
               Either((Compare(lo, "!=", n), Compare(hi, "!=", n)))),
    }
    return table[atom.op][0 if definite else 1]


def holds(c: Check, f: Mapping[str, Any]) -> bool:
    """Evaluate a check on an encoded fact dict."""
    if isinstance(c, Compare):
        return _OPS[c.op](f[c.key], c.value)
    if isinstance(c, Both):
        return all(holds(x, f) for x in c.items)
    return any(holds(x, f) for x in c.items)


def python(c: Check) -> str:
    """A check as a Python expression over the dict ``f``."""
    if isinstance(c, Compare):
        return f"f[{c.key!r}] {c.op} {c.value!r}"
    joiner = " and " if isinstance(c, Both) else " or "
    return "(" + joiner.join(python(x) for x in c.items) + ")"


def keys(c: Check) -> set[str]:
    """The encoded keys a check reads."""
    if isinstance(c, Compare):
        return {c.key}
    return {k for x in c.items for k in keys(x)}
