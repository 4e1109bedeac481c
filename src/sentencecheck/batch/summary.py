"""Counters kept while an audit streams, and the summary written at its end (Markdown, HTML, plots).

Flag rates are shares of audited cases with at least one finding (of a rule, of a direction).
Groups (courts, years, instances) with fewer than ``min_group`` audited cases are suppressed in the
tables, as JSIN does for its published statistics, and the summary says how many were.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sentencecheck.batch import summary_text as w
from sentencecheck.batch.worker import DIRECTIONS
from sentencecheck.io.safe import safe_markdown
from sentencecheck.rules.model import RuleSet

GROUPS = ("court", "year", "instance")


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
    screening: Counter[str] = field(default_factory=Counter)
    """Audited cases by screening status: screened, partly, not_screened."""

    @property
    def n_screened(self) -> int:
        """Audited cases the rules could check at least in part: the denominator of every rate."""
        return self.n_audited - self.screening["not_screened"]

    def rejected(self, reason: str) -> None:
        self.read += 1
        self.n_rejected += 1
        self.reasons[reason] += 1

    def audited(self, case: dict[str, Any]) -> None:
        self.read += 1
        self.n_audited += 1
        self.screening[str(case.get("screening", "screened"))] += 1
        self.findings += int(case["findings"])
        if case.get("screening") == "not_screened":
            return  # counted, but out of every rate: the rules could not check it
        flagged = bool(case["_rules"])
        self.flagged += flagged
        self.by_rule.update(case["_rules"])
        self.by_rule_confirmed.update(case.get("_confirmed_rules", ()))
        self.by_direction.update(case["_directions"])
        for key in GROUPS:
            value = str(case.get(key) or "")
            cell = self.groups.setdefault(key, {}).setdefault(value, Counter())
            cell["cases"] += 1
            cell["flagged"] += flagged
            cell.update(case["_directions"])

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "audited": self.n_audited, "rejected": self.n_rejected,
                "screened": self.screening["screened"], "partly_screened": self.screening["partly"],
                "not_screened": self.screening["not_screened"], "findings": self.findings,
                "flagged_cases": self.flagged}


Table = tuple[str, list[str], list[list[str]], str]
"""(title, column headings, rows, note)."""


def _tables(tally: Tally, rule_set: RuleSet, min_group: int, lang: str) -> list[Table]:
    t = w.TEXT[lang]
    n = tally.n_screened
    tables: list[Table] = []
    rows = []
    for rule in rule_set.rules:
        k = tally.by_rule.get(rule.id, 0)
        sure = tally.by_rule_confirmed.get(rule.id, 0)
        rows.append([rule.id, getattr(rule.spec.title, lang), w.direction(rule.spec.direction, lang),
                     w.SEVERITY[lang].get(rule.spec.severity, rule.spec.severity), str(k), w.pct(k, n, lang),
                     str(sure), w.pct(sure, n, lang)])
    tables.append((t["rule_table"], [t["rule"], t["rule_title"], t["direction"], t["severity"], t["flagged"],
                                     t["rate"], w.confirmed(lang), t["confirmed_rate"]], rows, t["rule_note"]))
    rows = [[w.direction(d, lang), str(tally.by_direction.get(d, 0)), w.pct(tally.by_direction.get(d, 0), n, lang)]
            for d in DIRECTIONS]
    rows.append([t["any"], str(tally.flagged), w.pct(tally.flagged, n, lang)])
    tables.append((t["direction_table"], [t["direction"], t["flagged"], t["rate"]], rows, ""))
    for key in GROUPS:
        tables.append(_group_table(key, tally.groups.get(key, {}), min_group, lang))
    return tables


def _group_table(key: str, cells: dict[str, Counter[str]], min_group: int, lang: str) -> Table:
    """One group's rates; groups below ``min_group`` cases are left out and counted in the note."""
    t = w.TEXT[lang]
    rows, hidden, hidden_cases = [], 0, 0
    for value in sorted(cells):
        c = cells[value]
        if c["cases"] < min_group:
            hidden += 1
            hidden_cases += c["cases"]
            continue
        rows.append([w.group_value(key, value, lang), str(c["cases"]), w.pct(c["flagged"], c["cases"], lang),
                     *(w.pct(c[d], c["cases"], lang) for d in DIRECTIONS)])
    threshold = w.count(min_group, "case", lang)
    if hidden:
        note = t["suppressed"].format(cases=threshold, groups=w.count(hidden, key, lang),
                                      hidden=w.count(hidden_cases, "case", lang))
    else:
        note = t["none_suppressed"].format(cases=threshold, group=w.group_plural(key, lang))
    columns = [w.group_heading(key, lang), t["audited"], t["any_direction"],
               *(w.direction(d, lang, heading=True) for d in DIRECTIONS)]
    return t["group_table"].format(group=w.group_plural(key, lang)), columns, rows, note


def _head(tally: Tally, min_group: int, engine: str, lang: str, as_of: date | None) -> list[str]:
    t = w.TEXT[lang]
    head = [
        t["read"].format(records=w.count(tally.read, "record", lang), audited=w.count(tally.n_audited, "case", lang),
                         rejected=w.count(tally.n_rejected, "record", lang)),
        t["found"].format(findings=w.count(tally.findings, "finding", lang),
                          flagged=w.count(tally.flagged, "case", lang),
                          rate=w.pct(tally.flagged, tally.n_screened, lang)),
        t["screening"].format(screened=w.count(tally.screening["screened"], "case", lang),
                              partly=w.count(tally.screening["partly"], "case", lang),
                              not_screened=w.count(tally.screening["not_screened"], "case", lang)),
        t["threshold"].format(cases=w.count(min_group, "case", lang)),
    ]
    if as_of is not None:
        head.append(w.as_of_line(as_of, lang))
    return [*head, t["engine"].format(engine=engine), w.disclaimer(lang)]


def _rejected_table(tally: Tally, lang: str) -> list[Table]:
    t = w.TEXT[lang]
    if not tally.reasons:
        return []
    rows = [[reason, str(k)] for reason, k in sorted(tally.reasons.items())]
    return [(t["rejected_table"], [t["reason"], t["records"]], rows, t["rejected_note"])]


def write_summary(out: Path, tally: Tally, rule_set: RuleSet, min_group: int, engine: str, lang: str = "en",
                  as_of: date | None = None) -> None:
    """``summary.md``, ``summary.html`` and ``plots/`` in ``lang``; ``as_of`` is the date deadlines were measured
    against (said in the summary when given)."""
    t = w.TEXT[lang]
    tables = _tables(tally, rule_set, min_group, lang) + _rejected_table(tally, lang)
    head = _head(tally, min_group, engine, lang, as_of)
    plots = _plots(out, tally, rule_set, lang)
    m = safe_markdown  # court names, reasons and titles from case data: no HTML, links, images or stray pipes
    md = [f"# {m(t['title'])}", "", *(f"- {m(h)}" for h in head), ""]
    for title, cols, rows, note in tables:
        md += [f"## {m(title)}", "", "| " + " | ".join(map(m, cols)) + " |", "|" + "---|" * len(cols)]
        empty = f"| {m(t['no_group'])} |" + " |" * (len(cols) - 1)
        md += ["| " + " | ".join(map(m, r)) + " |" for r in rows] or [empty]
        md += ["", m(note), ""] if note else [""]
    md += [f"## {m(t['plots'])}", ""]
    md += [f"![{m(title)}](plots/{name}.png) ([{m(t['vector'])}](plots/{name}.svg))" for name, title in plots] + [""]
    (out / "summary.md").write_text("\n".join(md), encoding="utf-8")
    e = html.escape
    h = ["<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8"><title>{e(t["title"])}</title>',
         "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}"
         "td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}</style></head><body>",
         f"<h1>{e(t['title'])}</h1><ul>", *(f"<li>{e(x)}</li>" for x in head), "</ul>"]
    for title, cols, rows, note in tables:
        h.append(f"<h2>{e(title)}</h2><table><tr>" + "".join(f"<th>{e(c)}</th>" for c in cols) + "</tr>")
        h += ["<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in rows]
        h.append("</table>" + (f"<p>{e(note)}</p>" if note else ""))
    h.append(f"<h2>{e(t['plots'])}</h2>")
    h += [f'<p><img src="plots/{name}.svg" alt="{e(title)}"></p>' for name, title in plots]
    h.append("</body></html>\n")
    (out / "summary.html").write_text("\n".join(h), encoding="utf-8")


def _plots(out: Path, tally: Tally, rule_set: RuleSet, lang: str) -> list[tuple[str, str]]:
    """Byte-stable PNG and SVG plots (no dates, fixed SVG hash salt, text drawn as paths): (file name, title)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    t = w.TEXT[lang]
    plot_dir = out / "plots"
    plot_dir.mkdir(exist_ok=True)
    n = tally.n_screened or 1
    series = {
        "flag-rate-by-rule": (t["rule_table"], [r.id for r in rule_set.rules],
                              [100 * tally.by_rule.get(r.id, 0) / n for r in rule_set.rules]),
        "flag-rate-by-direction": (t["direction_table"], [w.direction(d, lang) for d in DIRECTIONS],
                                   [100 * tally.by_direction.get(d, 0) / n for d in DIRECTIONS]),
    }
    names = []
    with matplotlib.rc_context({"svg.hashsalt": "sentencecheck-audit", "svg.fonttype": "path"}):
        for name, (title, labels, values) in series.items():
            fig, ax = plt.subplots(figsize=(8, 0.4 * len(labels) + 1.6))
            ax.barh(range(len(labels)), values, color="#4c72b0")
            ax.set_yticks(range(len(labels)), labels)
            ax.invert_yaxis()
            ax.set_title(title)
            ax.set_xlabel(t["axis"])
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: w.number(x, lang)))
            ax.set_xlim(0, max([*values, 1.0]) * 1.1)
            fig.tight_layout()
            fig.savefig(plot_dir / f"{name}.png", metadata={"Software": None}, dpi=100)
            fig.savefig(plot_dir / f"{name}.svg", metadata={"Date": None})
            plt.close(fig)
            names.append((name, title))
    return names
