"""Kleene three-valued logic on ``bool | None`` (``None`` = unknown)."""

from __future__ import annotations

from collections.abc import Iterable

Tri = bool | None


def k_not(a: Tri) -> Tri:
    return None if a is None else not a


def k_and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def k_or(*values: Tri) -> Tri:
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def k_any(values: Iterable[Tri]) -> Tri:
    """True if any is true; False only if all are known false (and there is at least one)."""
    items = list(values)
    if not items:
        return None
    return k_or(*items)
