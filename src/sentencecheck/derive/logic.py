"""Kleene three-valued logic on ``bool | None`` (``None`` = unknown).

Written as plain loops: these run tens of times for every subject, and a loop that stops at the first deciding value
is several times cheaper than ``any()`` over a generator."""

from __future__ import annotations

from collections.abc import Iterable

Tri = bool | None


def k_not(a: Tri) -> Tri:
    return None if a is None else not a


def k_and(*values: Tri) -> Tri:
    """False if any is false; otherwise unknown if any is unknown; otherwise (all true, or none given) True."""
    out: Tri = True
    for v in values:
        if v is False:
            return False
        if v is None:
            out = None
    return out


def k_or(*values: Tri) -> Tri:
    """True if any is true; otherwise unknown if any is unknown; otherwise (all false, or none given) False."""
    out: Tri = False
    for v in values:
        if v is True:
            return True
        if v is None:
            out = None
    return out


def k_any(values: Iterable[Tri]) -> Tri:
    """True if any is true; False only if all are known false (and there is at least one)."""
    empty, unknown = True, False
    for v in values:
        if v is True:
            return True
        if v is None:
            unknown = True
        empty = False
    return None if empty or unknown else False
