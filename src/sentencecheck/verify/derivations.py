"""What the derivation guarantees about derived facts, as data the solver can use (``derivations.yaml``).

A derived fact is computed in Python, which the solver cannot read: it is a free variable over its declared domain,
except for the entries of ``derivations.yaml``. An *invariant* is a condition that is never FALSE on a derived
subject; a *definition* says a fact is computed from other facts exactly as Kleene's logic evaluates a condition.
Both are checked against the derivation by the tests (every bundled case file and generated cases).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
import z3

from sentencecheck.errors import RuleError
from sentencecheck.rules.conditions import Atom, ConditionError, Node, Truth, parse, truth
from sentencecheck.rules.vocabulary import FactSpec
from sentencecheck.verify.encoding import World

DERIVATIONS_FILE = Path(__file__).with_name("derivations.yaml")


@dataclass(frozen=True)
class Derivation:
    """One guarantee: ``condition`` is never FALSE; or, with ``then``, where ``condition`` is TRUE so is ``then``;
    or, with ``defines``, that fact equals ``condition`` in Kleene's logic."""

    id: str
    source: str
    condition: Node
    defines: FactSpec | None = None
    then: Node | None = None

    def holds_on(self, encoded: Mapping[str, Any]) -> bool:
        """Whether the guarantee holds on one encoded subject (for the tests against the derivation)."""
        value = truth(self.condition, encoded)
        if self.then is not None:
            return value != Truth.TRUE or truth(self.then, encoded) == Truth.TRUE
        if self.defines is None:
            return value != Truth.FALSE
        return truth(Atom(self.defines, "is", True), encoded) == value

    def constraint(self, world: World) -> z3.BoolRef:
        if self.then is not None:
            return z3.Implies(world.definite(self.condition), world.definite(self.then))
        if self.defines is None:
            return world.possible(self.condition)
        pair = world.bools[self.defines.name]
        return z3.And(pair.true == world.definite(self.condition),
                      pair.false == z3.Not(world.possible(self.condition)))


def _expand(entry: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    items = entry.get("each_item")
    if items is None:
        return [(str(entry["id"]), entry)]
    text = json.dumps(entry)
    return [(f"{entry['id']}[{item}]", json.loads(text.replace("{item}", str(item)))) for item in items]


def parse_derivations(data: Any, facts: Mapping[str, FactSpec]) -> list[Derivation]:
    """Validate ``derivations.yaml`` against the vocabulary (an unknown fact or a bad condition is a RuleError)."""
    if not isinstance(data, dict) or not isinstance(data.get("derivations"), list):
        raise RuleError("derivations.yaml: expected a mapping with a list 'derivations'")
    out: list[Derivation] = []
    for raw in data["derivations"]:
        for ident, entry in _expand(raw):
            try:
                if "defines" in entry:
                    spec = facts.get(entry["defines"])
                    if spec is None or spec.kind != "bool":
                        raise RuleError(f"derivation {ident}: defines {entry['defines']!r}: not a yes/no fact")
                    out.append(Derivation(ident, entry["source"], parse(entry["as"], facts, "as"), spec))
                elif "implies" in entry:
                    out.append(Derivation(ident, entry["source"], parse(entry["implies"], facts, "implies"),
                                          then=parse(entry["then"], facts, "then")))
                else:
                    out.append(Derivation(ident, entry["source"], parse(entry["invariant"], facts, "invariant")))
            except (ConditionError, KeyError) as exc:
                raise RuleError(f"derivation {ident}: {exc}") from None
    return out


@cache
def _raw() -> Any:
    return yaml.safe_load(DERIVATIONS_FILE.read_text(encoding="utf-8"))


def load_derivations(facts: Mapping[str, FactSpec]) -> list[Derivation]:
    """The bundled derivation guarantees, over the rule set's vocabulary."""
    return parse_derivations(_raw(), facts)


def derivation_constraints(world: World, derivations: list[Derivation]) -> list[z3.BoolRef]:
    return [d.constraint(world) for d in derivations]
