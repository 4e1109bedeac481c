"""``sentencecheck test-rules``: run every rule's examples and every case file's expected findings.

In the spirit of ``opa test``: pass/fail per rule, coverage (how many examples and case files make
each rule fire), rules that nothing fires, and failure details.  Both engines are checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sentencecheck.api import evaluate, get_engine
from sentencecheck.engines.base import EngineName
from sentencecheck.errors import SentencecheckError
from sentencecheck.io.documents import iter_paths
from sentencecheck.model.case import Case
from sentencecheck.model.load import load_case
from sentencecheck.report.model import Finding
from sentencecheck.rules.conditions import Truth
from sentencecheck.rules.encoding import encode
from sentencecheck.rules.load import example_values
from sentencecheck.rules.model import RuleSet

_EXPECT = {"holds": Truth.TRUE, "possible": Truth.UNKNOWN, "no": Truth.FALSE}


@dataclass
class RuleCoverage:
    rule: str
    examples: int = 0
    examples_firing: int = 0
    cases_firing: int = 0
    failures: list[str] = field(default_factory=list)


SEVERE = ("leniency", "over-punishment")


@dataclass
class FalseAlarms:
    """The false-alarm figures: leniency or over-punishment findings on control case files (files whose expected
    findings hold none of those directions), by confidence, and possible findings per case file overall."""

    controls: int = 0
    confirmed_on_controls: int = 0
    possible_on_controls: int = 0
    cases: int = 0
    possible: int = 0
    possible_severe: int = 0
    confirmed: int = 0
    controls_flagged: list[str] = field(default_factory=list)

    def render(self) -> str:
        per_case = self.possible / self.cases if self.cases else 0.0
        lines = [
            f"false alarms on {self.controls} controls: {self.confirmed_on_controls} confirmed, "
            f"{self.possible_on_controls} possible leniency/over-punishment findings (target 0 and 0)",
            f"over {self.cases} case files: {self.confirmed} confirmed, {self.possible} possible findings "
            f"({per_case:.2f} possible per file, {self.possible_severe} of them leniency/over-punishment)",
        ]
        lines.extend(f"    - control flagged: {c}" for c in self.controls_flagged)
        return "\n".join(lines)


@dataclass
class SelfTestReport:
    rules: dict[str, RuleCoverage]
    case_failures: list[str]
    cases: int
    alarms: FalseAlarms = field(default_factory=FalseAlarms)
    unreadable: int = 0  # case files that could not be read (also in case_failures)

    @property
    def ok(self) -> bool:
        return not self.case_failures and not any(c.failures for c in self.rules.values())

    @property
    def no_false_alarms(self) -> bool:
        return self.alarms.confirmed_on_controls == 0 and self.alarms.possible_on_controls == 0

    def render(self) -> str:
        lines = [f"{'rule':44} {'result':6} {'examples':>8} {'fire':>5} {'cases':>6}"]
        for cov in self.rules.values():
            status = "FAIL" if cov.failures else "ok"
            lines.append(f"{cov.rule:44} {status:6} {cov.examples:8d} {cov.examples_firing:5d} {cov.cases_firing:6d}")
            lines.extend(f"    - {f}" for f in cov.failures)
        silent = [c.rule for c in self.rules.values() if c.cases_firing == 0]
        lines.append("")
        lines.append(f"{len(self.rules)} rules, {self.cases} case files")
        if silent:
            lines.append("rules no case file fires: " + ", ".join(silent))
        for failure in self.case_failures:
            lines.append(f"case: {failure}")
        lines.append(self.alarms.render())
        failed = sum(1 for c in self.rules.values() if c.failures) + len(self.case_failures)
        passed = len(self.rules) + self.cases - failed
        lines.append(f"{passed} passed, {failed} failed")
        return "\n".join(lines) + "\n"


def run_self_test(
    rule_set: RuleSet, case_paths: list[Path], engines: tuple[EngineName, ...] = ("python", "durable")
) -> SelfTestReport:
    coverage = {r.id: RuleCoverage(r.id) for r in rule_set.rules}
    for rule in rule_set.rules:
        cov = coverage[rule.id]
        for kind in ("positive", "negative"):
            for ex in getattr(rule.spec.examples, kind):
                cov.examples += 1
                encoded = encode(example_values(ex, rule_set.facts), rule_set.facts)
                for name in engines:
                    result = dict(get_engine(rule_set, name).evaluate([encoded], label=ex.name)[0])
                    got = result.get(rule.order, Truth.FALSE)
                    if got != _EXPECT[ex.expect]:
                        cov.failures.append(f"{name}: {kind} example '{ex.name}': expected {ex.expect}, "
                                            f"got {got.name.lower()}")
                if ex.expect != "no":
                    cov.examples_firing += 1
    case_failures: list[str] = []
    alarms = FalseAlarms()
    files = list(iter_paths(case_paths))
    unreadable = 0
    for path in files:
        try:
            case = load_case(path)
        except SentencecheckError as exc:
            case_failures.append(str(exc))
            unreadable += 1
            continue
        reports = {name: evaluate(case, engine=name, rule_set=rule_set) for name in engines}
        first = reports[engines[0]]
        fired_set = {(f.rule, f.direction, f.defendant_id, f.confidence) for f in first.findings}
        for name, rep in reports.items():
            other = {(f.rule, f.direction, f.defendant_id, f.confidence) for f in rep.findings}
            if other != fired_set:
                case_failures.append(f"{path}: engines disagree ({engines[0]} vs {name})")
        for rule_id in {g[0] for g in fired_set}:
            if rule_id in coverage:
                coverage[rule_id].cases_firing += 1
        _count_alarms(alarms, case, first.findings, str(path))
        if case.expected_findings is None:
            continue
        expected: set[tuple[str, str]] = {(e.rule, e.direction) for e in case.expected_findings}
        fired: set[tuple[str, str]] = {(g[0], g[1]) for g in fired_set}
        for pair in sorted(expected - fired):
            case_failures.append(f"{path}: expected {pair[0]} ({pair[1]}) did not fire")
        for pair in sorted(fired - expected):
            case_failures.append(f"{path}: {pair[0]} ({pair[1]}) fired but is not expected")
        for e in case.expected_findings:
            match = [g for g in fired_set if g[0] == e.rule and (e.defendant is None or g[2] == e.defendant)]
            if e.confidence and match and all(g[3] != e.confidence for g in match):
                case_failures.append(f"{path}: {e.rule} expected {e.confidence}, got {match[0][3]}")
    return SelfTestReport(coverage, case_failures, len(files), alarms, unreadable)


def is_control(case: Case) -> bool:
    """A control case file: its expected findings are recorded and hold no leniency or over-punishment."""
    return case.expected_findings is not None and not any(e.direction in SEVERE for e in case.expected_findings)


def _count_alarms(alarms: FalseAlarms, case: Case, findings: Sequence[Finding], path: str) -> None:
    alarms.cases += 1
    alarms.confirmed += sum(1 for f in findings if f.confidence == "confirmed")
    alarms.possible += sum(1 for f in findings if f.confidence == "possible")
    alarms.possible_severe += sum(1 for f in findings if f.confidence == "possible" and f.direction in SEVERE)
    if not is_control(case):
        return
    alarms.controls += 1
    severe = [f for f in findings if f.direction in SEVERE]
    alarms.confirmed_on_controls += sum(1 for f in severe if f.confidence == "confirmed")
    alarms.possible_on_controls += sum(1 for f in severe if f.confidence == "possible")
    if severe:
        alarms.controls_flagged.append(f"{path}: " + ", ".join(f"{f.rule} ({f.confidence})" for f in severe))
