"""``sentencecheck rules prove``: decide the rule set's properties with z3, and name the fewest facts to establish.

Exit codes: 0 every property proved (and every case explained), 1 a violation (each printed with its
counterexample as YAML facts ready to paste into a rule's examples), 2 bad input (a rules folder or case file
that does not load).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
import yaml

from sentencecheck.cli_options import output_option, rules_option, write_output
from sentencecheck.errors import SentencecheckError
from sentencecheck.io.documents import iter_paths
from sentencecheck.model.load import load_case
from sentencecheck.rules.load import load_rule_set
from sentencecheck.verify.checks import CHECKS, ProofReport, Violation, prove
from sentencecheck.verify.explain import as_json, minimal_facts, render_text


def violation_data(v: Violation) -> dict[str, Any]:
    """A violation as plain data; its counterexample as a rule example (name, facts) and each rule's result."""
    out: dict[str, Any] = {"check": v.check, "level": v.level, "rules": list(v.rules), "message": v.message}
    if v.conflicting:
        out["conflicting"] = list(v.conflicting)
    if v.counterexample is not None:
        out["example"] = {"name": f"rules prove: {v.check} ({', '.join(v.rules)})",
                          "facts": v.counterexample.facts}
        out["expect"] = v.counterexample.expect
        if v.counterexample.intervals:
            out["note"] = "a number is known only as a range [lo, hi]: no single value gives this result"
    return out


def report_data(report: ProofReport) -> dict[str, Any]:
    return {
        "ok": report.ok,
        "coverage": {"encoded": report.encoded, "conditions": report.conditions, "not_encoded": report.not_encoded},
        "derivations": report.derivations,
        "checks": [{"check": c.name, "proved": c.proved, "violations": len(c.violations)} for c in report.checks],
        "violations": [violation_data(v) for c in report.checks for v in c.violations],
    }


def render_report(report: ProofReport) -> str:
    pct = 100.0 * report.encoded / report.conditions if report.conditions else 100.0
    lines = [f"coverage: {report.encoded}/{report.conditions} conditions encoded ({pct:.0f} %)"]
    lines.extend(f"  not encoded: {m}" for m in report.not_encoded)
    lines.append(f"derivation guarantees used: {report.derivations}")
    for c in report.checks:
        errors = sum(1 for v in c.violations if v.level == "error")
        warnings = len(c.violations) - errors
        lines.append(f"{c.name:14} {c.proved:4} proved, {errors:3} violations, {warnings:3} warnings")
    body = [violation_data(v) for c in report.checks for v in c.violations]
    text = "\n".join(lines) + "\n"
    if body:
        text += "\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=110)
    text += "proved\n" if report.ok else f"NOT PROVED: {len(report.errors)} violations\n"
    return text


@click.command("prove")
@rules_option
@click.option("--explain", "explain", multiple=True, type=click.Path(path_type=Path),
              help="For each possible finding of these case files (or folders), the fewest facts to establish.")
@click.option("--check", "only", multiple=True, type=click.Choice(CHECKS),
              help="Run only these checks (repeatable; default: all).")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@output_option
def prove_command(rules_dir: Path | None, explain: tuple[Path, ...], only: tuple[str, ...], lang: str, fmt: str,
                  output: str) -> None:
    """Prove the rule set with z3: every rule reachable, no contradiction, families without overlap or gap,
    monotone in what is known; redundancy as warnings.

    Exit codes: 0 everything proved, 1 a violation (printed with its counterexample), 2 bad input.
    """
    missing = [str(p) for p in explain if not p.exists()]
    if missing:
        click.echo(f"not found: {', '.join(missing)}", err=True)
        sys.exit(2)
    try:
        rs = load_rule_set(rules_dir)
        cases = [load_case(p) for p in iter_paths(list(explain))]
    except SentencecheckError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    report = prove(rs, only or CHECKS)
    explained = [(c.id, minimal_facts(c, rs)) for c in cases]
    if fmt == "json":
        data = report_data(report)
        if explain:
            data["explain"] = [{"case": cid, "findings": as_json(found)} for cid, found in explained]
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    else:
        text = render_report(report) + "".join("\n" + render_text(cid, found, lang) for cid, found in explained)
    write_output(text, output)
    sys.exit(0 if report.ok else 1)
