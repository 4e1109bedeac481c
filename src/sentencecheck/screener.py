"""One screening path: case → derived facts → engine → report.

Everything that screens a case (the API, the audit's workers, ``test-rules``, the property tests, the interview's
ranking) goes through :class:`Screener`, so a case gets the same report wherever it is screened from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sentencecheck.derive import Subject, derive_subjects
from sentencecheck.engines.base import Engine, EngineName, Result, make_engine
from sentencecheck.model.case import Case
from sentencecheck.report.build import build_report
from sentencecheck.report.model import Report
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.model import RuleSet

_ENGINES: dict[tuple[str, str], Engine] = {}
_FINGERPRINTS: dict[int, tuple[RuleSet, str]] = {}


def conditions_fingerprint(rule_set: RuleSet) -> str:
    """A digest of what an engine compiles: every rule's order, id, premise and rest, and the fact keys. Two rule
    sets with the same conditions share an engine; any change to a condition (a mutant in a test, an edited file)
    gets its own."""
    seen = _FINGERPRINTS.get(id(rule_set))
    if seen is not None and seen[0] is rule_set:
        return seen[1]
    h = hashlib.sha256()
    for rule in rule_set.rules:
        h.update(repr((rule.order, rule.id, rule.premise, rule.rest)).encode())
    h.update(repr(sorted(spec.key for spec in rule_set.facts.values())).encode())
    digest = h.hexdigest()
    _FINGERPRINTS[id(rule_set)] = (rule_set, digest)
    return digest


def engine_for(rule_set: RuleSet, name: EngineName = "durable") -> Engine:
    """One engine per kind and set of conditions in this process (durable-rules cannot reload or unregister a rule
    set, and building one costs a second)."""
    key = (name, conditions_fingerprint(rule_set))
    engine = _ENGINES.get(key)
    if engine is None:
        engine = _ENGINES[key] = make_engine(rule_set, name)
    return engine


@dataclass(frozen=True)
class Screener:
    """A rule set and its engine: screens cases."""

    rule_set: RuleSet
    engine: Engine

    @classmethod
    def of(cls, rule_set: RuleSet | None = None, engine: EngineName = "durable") -> Screener:
        """The screener of ``rule_set`` (default: the bundled rules) with the named engine (shared in the process)."""
        rules = rule_set or default_rule_set()
        return cls(rules, engine_for(rules, engine))

    def subjects(self, case: Case) -> list[Subject]:
        """The case's derived facts: one subject per defendant, charge, candidate part and version."""
        return derive_subjects(case, self.rule_set)

    def results(self, subjects: Sequence[Subject], label: str = "") -> list[Result]:
        """The rules that hold or may hold on each subject."""
        return self.engine.evaluate([s.encoded for s in subjects], label=label)

    def report(self, case: Case, subjects: Sequence[Subject], results: Sequence[Result], *, lang: str = "en",
               redact: bool | bytes = False, as_of: date | None = None, with_facts: bool = True,
               settle: bool = False) -> Report:
        """The report of subjects already evaluated (for callers that compare results before building one)."""
        return build_report(case, self.rule_set, subjects, results, self.engine.name, lang, redact, as_of,
                            with_facts=with_facts, settle=settle)

    def screen(self, case: Case, *, lang: str = "en", redact: bool | bytes = False, as_of: date | None = None,
               with_facts: bool = True, settle: bool = False) -> Report:
        """Screen one case: derive its facts, run the rules, explain what fired. Deadlines are measured against
        ``as_of`` (default: today). ``redact``: the redaction key (or ``True`` for the key file) to build the report
        from a redacted copy of the case. ``with_facts=False`` leaves out the case's facts worded for a reader.
        ``settle``: each possible finding with the fewest facts that would confirm it and clear it (z3)."""
        subjects = self.subjects(case)
        return self.report(case, subjects, self.results(subjects, case.id), lang=lang, redact=redact, as_of=as_of,
                           with_facts=with_facts, settle=settle)

    def __call__(self, case: Case) -> Report:
        """:meth:`screen` with the defaults (a screener is a ``Callable[[Case], Report]``)."""
        return self.screen(case)
