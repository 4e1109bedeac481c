"""Counters kept while an audit streams, and the summary written at its end (Markdown, HTML, plots).

Flag rates are shares of audited cases with at least one finding (of a rule, of a direction).
Groups (courts, years, instances) with fewer than ``min_group`` audited cases are suppressed in the
tables, as JSIN does for its published statistics, and the summary says how many were.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sentencecheck.audit.worker import DIRECTIONS
from sentencecheck.rules.model import RuleSet

GROUPS = (("court", "court"), ("year", "year"), ("instance", "instance"))


@dataclass
class Tally:
    read: int = 0
    n_audited: int = 0
    n_rejected: int = 0
    findings: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    flagged: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    by_rule_confirmed: Counter[str] = field(default_factory=Counter)
    by_direction: Counter[str] = field(default_factory=Counter)
    groups: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)

    def rejected(self, reason: str) -> None:
        self.read += 1
        self.n_rejected += 1
        self.reasons[reason] += 1

    def audited(self, case: dict[str, Any]) -> None:
        self.read += 1
        self.n_audited += 1
        self.findings += int(case["findings"])
        flagged = bool(case["_rules"])
        self.flagged += flagged
        self.by_rule.update(case["_rules"])
        self.by_rule_confirmed.update(case.get("_confirmed_rules", ()))
        self.by_direction.update(case["_directions"])
        for key, _title in GROUPS:
            value = str(case.get(key) or "(not stated)")
            cell = self.groups.setdefault(key, {}).setdefault(value, Counter())
            cell["cases"] += 1
            cell["flagged"] += flagged
            cell.update(case["_directions"])

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "audited": self.n_audited, "rejected": self.n_rejected,
                "findings": self.findings, "flagged_cases": self.flagged}


def _pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f} %" if n else "–"


def _tables(tally: Tally, rule_set: RuleSet, min_group: int) -> list[tuple[str, list[str], list[list[str]], str]]:
    n = tally.n_audited
    tables: list[tuple[str, list[str], list[list[str]], str]] = []
    rows = []
    for rule in rule_set.rules:
        k = tally.by_rule.get(rule.id, 0)
        sure = tally.by_rule_confirmed.get(rule.id, 0)
        rows.append([rule.id, rule.spec.direction, rule.spec.severity, str(k), _pct(k, n), str(sure), _pct(sure, n)])
    tables.append(("Flag rate per rule", ["rule", "direction", "severity", "cases flagged", "rate",
                                          "confirmed", "confirmed rate"], rows,
                   "Flagged counts confirmed and possible findings; 'confirmed' counts only findings that hold on "
                   "known facts under every candidate version of the law."))
    rows = [[d, str(tally.by_direction.get(d, 0)), _pct(tally.by_direction.get(d, 0), n)] for d in DIRECTIONS]
    rows.append(["any", str(tally.flagged), _pct(tally.flagged, n)])
    tables.append(("Flag rate per direction", ["direction", "cases flagged", "rate"], rows, ""))
    for key, title in GROUPS:
        cells = tally.groups.get(key, {})
        rows, hidden, hidden_cases = [], 0, 0
        for value in sorted(cells):
            c = cells[value]
            if c["cases"] < min_group:
                hidden += 1
                hidden_cases += c["cases"]
                continue
            rows.append([value, str(c["cases"]), _pct(c["flagged"], c["cases"]),
                         *(_pct(c[d], c["cases"]) for d in DIRECTIONS)])
        note = (f"{hidden} {title} group(s) with fewer than {min_group} cases ({hidden_cases} cases in all) "
                "are suppressed." if hidden else f"No {title} group has fewer than {min_group} cases.")
        tables.append((f"Flag rate per {title}", [title, "cases", "any", *DIRECTIONS], rows, note))
    return tables


def write_summary(out: Path, tally: Tally, rule_set: RuleSet, min_group: int, engine: str) -> None:
    tables = _tables(tally, rule_set, min_group)
    head = [
        f"Records read: {tally.read} = audited {tally.n_audited} + rejected {tally.n_rejected}.",
        f"Findings: {tally.findings}; cases with at least one finding: {tally.flagged} "
        f"({_pct(tally.flagged, tally.n_audited)} of audited cases). Engine: {engine}.",
        f"Groups with fewer than {min_group} audited cases are not published (their rates are suppressed, "
        "as in JSIN's published statistics).",
        "Screening aid, not legal advice: a finding points to something a lawyer should check.",
    ]
    if tally.reasons:
        head.append("Rejected, by reason: " + "; ".join(f"{r}: {k}" for r, k in sorted(tally.reasons.items())) +
                    " (details in rejected.jsonl).")
    plots = _plots(out, tally, rule_set)
    md = ["# Audit summary", "", *(f"- {h}" for h in head), ""]
    for title, cols, rows, note in tables:
        md += [f"## {title}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        md += ["| " + " | ".join(r) + " |" for r in rows] or ["| (no group to publish) |" + " |" * (len(cols) - 1)]
        md += ["", note, ""] if note else [""]
    md += ["## Plots", ""] + [f"![{p}](plots/{p}.png) ([SVG](plots/{p}.svg))" for p in plots] + [""]
    (out / "summary.md").write_text("\n".join(md), encoding="utf-8")
    e = html.escape
    h = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8"><title>Audit summary</title>',
         "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
         "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head><body>",
         "<h1>Audit summary</h1><ul>", *(f"<li>{e(x)}</li>" for x in head), "</ul>"]
    for title, cols, rows, note in tables:
        h.append(f"<h2>{e(title)}</h2><table><tr>" + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr>")
        h += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows]
        h.append("</table>" + (f"<p>{e(note)}</p>" if note else ""))
    h.append("<h2>Plots</h2>")
    h += [f'<p><img src="plots/{p}.svg" alt="{e(p)}"></p>' for p in plots]
    h.append("</body></html>\n")
    (out / "summary.html").write_text("\n".join(h), encoding="utf-8")


def _plots(out: Path, tally: Tally, rule_set: RuleSet) -> list[str]:
    """Byte-stable PNG and SVG plots (no dates, fixed SVG hash salt)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plot_dir = out / "plots"
    plot_dir.mkdir(exist_ok=True)
    n = tally.n_audited or 1
    series = {
        "flag-rate-by-rule": ([r.id for r in rule_set.rules],
                              [100 * tally.by_rule.get(r.id, 0) / n for r in rule_set.rules]),
        "flag-rate-by-direction": (list(DIRECTIONS), [100 * tally.by_direction.get(d, 0) / n for d in DIRECTIONS]),
    }
    names = []
    with matplotlib.rc_context({"svg.hashsalt": "sentencecheck-audit", "svg.fonttype": "path"}):
        for name, (labels, values) in series.items():
            fig, ax = plt.subplots(figsize=(8, 0.4 * len(labels) + 1.2))
            ax.barh(range(len(labels)), values, color="#4c72b0")
            ax.set_yticks(range(len(labels)), labels)
            ax.invert_yaxis()
            ax.set_xlabel("% of audited cases flagged")
            ax.set_xlim(0, max([*values, 1.0]) * 1.1)
            fig.tight_layout()
            fig.savefig(plot_dir / f"{name}.png", metadata={"Software": None}, dpi=100)
            fig.savefig(plot_dir / f"{name}.svg", metadata={"Date": None})
            plt.close(fig)
            names.append(name)
    return names
