"""What an engine does: for each encoded fact, which rules hold (TRUE) or may hold (UNKNOWN)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

from sentencecheck.rules.conditions import Truth
from sentencecheck.rules.model import RuleSet

EngineName = Literal["durable", "python"]
Result = list[tuple[int, Truth]]
"""(rule order, TRUE or UNKNOWN) for every rule that holds or may hold, in rule order."""


class Engine(Protocol):
    name: str

    def evaluate(self, facts: Sequence[Mapping[str, Any]], label: str = "") -> list[Result]:
        """One result per encoded fact; ``label`` names the case in error messages."""
        ...


def make_engine(rule_set: RuleSet, name: EngineName = "durable") -> Engine:
    if name == "python":
        from sentencecheck.engines.python_engine import PythonEngine

        return PythonEngine(rule_set)
    if name == "durable":
        from sentencecheck.engines.durable_engine import DurableEngine

        return DurableEngine(rule_set)
    raise ValueError(f"unknown engine {name!r}: use durable or python")
