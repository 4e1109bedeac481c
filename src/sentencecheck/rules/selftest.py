"""``sentencecheck test-rules``: run every rule's examples and every case file's expected findings.

In the spirit of ``opa test``: pass/fail per rule, coverage (how many examples and case files make
each rule fire), rules that nothing fires, and failure details.  Both engines are checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sentencecheck.api import evaluate, get_engine
from sentencecheck.engines.base import EngineName
from sentencecheck.errors import SentencecheckError
from sentencecheck.io.documents import iter_paths
from sentencecheck.model.load import load_case
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


@dataclass
class SelfTestReport:
    rules: dict[str, RuleCoverage]
    case_failures: list[str]
    cases: int

    @property
    def ok(self) -> bool:
        return not self.case_failures and not any(c.failures for c in self.rules.values())

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
    files = list(iter_paths(case_paths))
    for path in files:
        try:
            case = load_case(path)
        except SentencecheckError as exc:
            case_failures.append(str(exc))
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
    return SelfTestReport(coverage, case_failures, len(files))
