"""The plain-Python engine: Python source generated from the rule conditions, compiled once.

The source is built only from validated rule data (fact keys from the vocabulary, numbers and
choices checked by the loader) and never from user text; ``source`` shows it for review.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sentencecheck.engines.base import Result
from sentencecheck.rules import semantics
from sentencecheck.rules.conditions import All, Atom, Node, Truth
from sentencecheck.rules.model import RuleSet


def expression(node: Node, definite: bool) -> str:
    if isinstance(node, Atom):
        return semantics.python(semantics.check(node, definite))
    joiner = " and " if isinstance(node, All) else " or "
    return "(" + joiner.join(expression(c, definite) for c in node.items) + ")"


def generate_source(rule_set: RuleSet) -> str:
    """``evaluate(f)``: for each rule whose premise definitely holds and whose rest possibly holds, (order, TRUE if
    the rest definitely holds, else UNKNOWN)."""
    lines = ["def evaluate(f):", "    out = []"]
    for rule in rule_set.rules:
        premise = expression(rule.premise, True)
        lines.append(f"    # {rule.id}")
        if rule.rest is None:
            lines.append(f"    if {premise}:")
            lines.append(f"        out.append(({rule.order}, TRUE))")
            continue
        lines.append(f"    if {premise} and {expression(rule.rest, False)}:")
        lines.append(f"        out.append(({rule.order}, TRUE if {expression(rule.rest, True)} else UNKNOWN))")
    lines.append("    return out")
    return "\n".join(lines) + "\n"


class PythonEngine:
    """Fast, and the oracle the durable-rules engine is tested against."""

    name = "python"

    def __init__(self, rule_set: RuleSet) -> None:
        self.source = generate_source(rule_set)
        namespace: dict[str, Any] = {"TRUE": Truth.TRUE, "UNKNOWN": Truth.UNKNOWN}
        exec(compile(self.source, "<sentencecheck generated rules>", "exec"), namespace)  # noqa: S102
        self._evaluate: Callable[[Mapping[str, Any]], Result] = namespace["evaluate"]

    def evaluate(self, facts: Sequence[Mapping[str, Any]], label: str = "") -> list[Result]:
        return [self._evaluate(f) for f in facts]
