"""Proving the rule set with z3 (``sentencecheck rules prove``): the conditions in a dual-rail encoding of
three-valued facts, the checks, and the fewest facts to establish for a possible finding. Needs the ``verify``
extra (z3-solver)."""

from __future__ import annotations

from sentencecheck.verify.checks import CHECKS, CheckResult, ProofReport, Violation, prove
from sentencecheck.verify.encoding import NotEncoded, World, coverage
from sentencecheck.verify.explain import FactToEstablish, MinimalFacts, minimal_facts
from sentencecheck.verify.solver import Counterexample, Prover

__all__ = [
    "CHECKS",
    "CheckResult",
    "Counterexample",
    "FactToEstablish",
    "MinimalFacts",
    "NotEncoded",
    "ProofReport",
    "Prover",
    "Violation",
    "World",
    "coverage",
    "minimal_facts",
    "prove",
]
