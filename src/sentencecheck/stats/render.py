"""Rendering a :class:`~sentencecheck.stats.models.DisparityReport` as text, Markdown or JSON.

All three are deterministic: the same report gives the same bytes.  Numbers are rounded for
display (3 decimals, rates as percentages with 1 decimal); JSON keeps 10 significant digits.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Literal

from .models import (
    Comparison,
    DisparityReport,
    ExclusionStep,
    GroupStats,
    PooledComparison,
    StratumComparison,
)

Format = Literal["text", "markdown", "json"]
NA = "n/a"


def _num(x: float | None, digits: int = 3) -> str:
    if x is None:
        return NA
    v = round(x, digits)
    return f"{0.0 if v == 0 else v:,.{digits}f}"


def _int(n: int | None, min_group: int) -> str:
    return f"<{min_group}" if n is None else f"{n:,}"


def _pct(x: float | None) -> str:
    return NA if x is None else f"{_num(100 * x, 1)}%"


def _ci(lo: float | None, hi: float | None, pct: bool = False) -> str:
    if lo is None or hi is None:
        return NA
    if pct:
        return f"[{_pct(lo)}, {_pct(hi)}]"
    return f"[{_num(lo)}, {_num(hi)}]"


def _pp(x: float | None) -> str:
    """A difference of rates in percentage points."""
    return NA if x is None else f"{_num(100 * x, 1)} pp"


def _ci_pp(lo: float | None, hi: float | None) -> str:
    if lo is None or hi is None:
        return NA
    return f"[{_num(100 * lo, 1)}, {_num(100 * hi, 1)}] pp"


def _step_text(step: ExclusionStep) -> str:
    if step.reason == "filtered by --where":
        detail = ""
        if step.unknown_rows:
            detail = f" ({step.false_rows:,} false, {step.unknown_rows:,} unknown because of a missing value)"
        return f"excluded by --where {step.rule!r}: {step.rows:,}{detail}"
    return f"excluded, {step.rule}: {step.rows:,}"


def _group_row(g: GroupStats, min_group: int) -> list[str]:
    if g.suppressed:
        return [g.label, _int(None, min_group), "suppressed", "", "", "", ""]
    r = g.rate
    return [
        g.label,
        _int(g.n, min_group),
        _num(g.mean),
        _num(g.median),
        _num(g.sd),
        _pct(r.rate) if r else NA,
        _ci(r.ci_low, r.ci_high, pct=True) if r else NA,
    ]


_GROUP_HEAD = ["group", "n", "mean", "median", "sd", "rate", "rate 95% CI"]


def _comparison_row(c: Comparison) -> list[str]:
    return [
        c.group,
        f"{c.n_group:,}",
        _num(c.mean_difference),
        _ci(c.ci_low, c.ci_high),
        _num(c.cohens_d),
        _pp(c.rate_difference),
        _ci_pp(c.rate_ci_low, c.rate_ci_high),
    ]


_COMPARISON_HEAD = [
    "group",
    "n",
    "mean difference",
    "CI (bootstrap)",
    "Cohen's d",
    "rate difference",
    "CI (Newcombe)",
]


def _pooled_row(p: PooledComparison) -> list[str]:
    return [
        p.group,
        f"{p.strata_used:,} of {p.strata_total:,}",
        f"{p.rows_group:,} / {p.rows_reference:,}",
        _num(p.mean_difference),
        _ci(p.ci_low, p.ci_high),
        _pct(p.i_squared),
        _pp(p.rate_difference),
        _ci_pp(p.rate_ci_low, p.rate_ci_high),
    ]


_POOLED_HEAD = [
    "group",
    "strata used",
    "rows group / ref",
    "pooled difference",
    "CI",
    "I^2",
    "pooled rate difference (MH)",
    "CI",
]


def _stratum_row(s: StratumComparison, min_group: int) -> list[str]:
    if s.suppressed:
        return [
            s.stratum,
            s.group,
            _int(s.n_group, min_group),
            _int(s.n_reference, min_group),
            "suppressed",
            "",
            "",
            "",
            "",
        ]
    return [
        s.stratum,
        s.group,
        _int(s.n_group, min_group),
        _int(s.n_reference, min_group),
        _num(s.mean_difference),
        _ci(s.ci_low, s.ci_high),
        _pct(s.weight_share) if s.used else f"not pooled: {s.reason}",
        _pct(s.rate_group),
        _pct(s.rate_reference),
    ]


_STRATUM_HEAD = [
    "stratum",
    "group",
    "n group",
    "n ref",
    "difference",
    "CI (normal)",
    "weight",
    "rate group",
    "rate ref",
]


def _conf(report: DisparityReport) -> str:
    return f"{report.settings.confidence * 100:g}%"


def _heads(heads: list[str], report: DisparityReport) -> list[str]:
    return [
        h.replace("95%", _conf(report)) if "95%" in h else (f"{_conf(report)} {h}" if h.startswith("CI") else h)
        for h in heads
    ]


def _header_lines(report: DisparityReport) -> list[tuple[str, str]]:
    s = report.settings
    out = [
        ("Input", report.source),
        ("Outcome", report.outcome + (" (month-equivalents, computed)" if report.severity else "")),
        ("Groups", f"{report.group} (reference: {report.reference})"),
    ]
    if report.within:
        out.append(("Strata", report.within))
    out.append(("Rate", f"share of rows where {s.rate_definition}"))
    out.append(
        (
            "Settings",
            f"{_conf(report)} confidence; {s.resamples} bootstrap resamples; seed {s.seed}; "
            f"groups with fewer than {s.min_group} rows suppressed",
        )
    )
    return out


def _severity_lines(report: DisparityReport) -> list[str]:
    sev = report.severity
    if sev is None:
        return []
    lines = [f"Sentence kind from column {sev.kind_column!r}; {sev.scale_source}."]
    for kind, rate in sev.rates.items():
        col = sev.amount_columns.get(kind, sev.amount_columns.get("*", NA))
        lines.append(f"{kind}: {rate:.10g} month-equivalents per unit of {col!r}")
    return lines


# ---------------------------------------------------------------------------------------------- text


def _text_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    return [line(head), line(["-" * w for w in widths]), *(line(r) for r in rows)]


def _section(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def render_text(report: DisparityReport) -> str:
    mg = report.settings.min_group
    title = f"Disparity report: {report.outcome} by {report.group}"
    lines = [title, "=" * len(title), ""]
    width = max(len(k) for k, _ in _header_lines(report))
    lines += [f"{k.ljust(width)}  {v}" for k, v in _header_lines(report)]
    if report.severity:
        lines += _section("Severity scale")
        lines += _severity_lines(report)
    inc = report.inclusion
    lines += _section("Inclusion")
    lines.append(f"Rows read: {inc.rows_read:,}")
    lines.append("Included: rows where " + "; ".join(inc.rules) + ".")
    lines += [f"  {_step_text(s)}" for s in inc.steps]
    lines.append(f"Rows analysed: {inc.rows_analysed:,}")
    lines += _section("Groups")
    rows = [_group_row(g, mg) for g in report.groups] + [_group_row(report.overall, mg)]
    lines += _text_table(_heads(_GROUP_HEAD, report), rows)
    lines += _section(f"Differences from the reference group ({report.reference})")
    if report.comparisons:
        lines += _text_table(_heads(_COMPARISON_HEAD, report), [_comparison_row(c) for c in report.comparisons])
    else:
        lines.append("No other group is large enough to compare.")
    if report.within:
        lines += _section(f"Within {report.within}: pooled over strata")
        lines += _text_table(_heads(_POOLED_HEAD, report), [_pooled_row(p) for p in report.pooled])
        if report.strata:
            lines += _section(f"Per stratum of {report.within}")
            lines += _text_table(_heads(_STRATUM_HEAD, report), [_stratum_row(s, mg) for s in report.strata])
    lines += _section("Methods")
    lines += [f"- {m}" for m in report.methods]
    lines += _section("Notes")
    lines += [f"- {n}" for n in report.notes]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- markdown


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    out = [
        "| " + " | ".join(_md_cell(h) for h in head) + " |",
        "|" + "|".join([" --- "] + [" ---: "] * (len(head) - 1)) + "|",
    ]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return out


def render_markdown(report: DisparityReport) -> str:
    mg = report.settings.min_group
    lines = [f"# Disparity report: `{report.outcome}` by `{report.group}`", ""]
    lines += [f"- **{k}:** {_md_cell(v)}" for k, v in _header_lines(report)]
    if report.severity:
        lines += ["", "## Severity scale", ""] + [f"- {x}" for x in _severity_lines(report)]
    inc = report.inclusion
    lines += [
        "",
        "## Inclusion",
        "",
        f"Rows read: {inc.rows_read:,}.",
        "",
        "Included: rows where " + "; ".join(_md_cell(r) for r in inc.rules) + ".",
        "",
    ]
    lines += [f"- {_md_cell(_step_text(s))}" for s in inc.steps]
    lines += ["", f"Rows analysed: **{inc.rows_analysed:,}**.", "", "## Groups", ""]
    rows = [_group_row(g, mg) for g in report.groups] + [_group_row(report.overall, mg)]
    lines += _md_table(_heads(_GROUP_HEAD, report), rows)
    lines += ["", f"## Differences from the reference group ({_md_cell(report.reference)})", ""]
    if report.comparisons:
        lines += _md_table(_heads(_COMPARISON_HEAD, report), [_comparison_row(c) for c in report.comparisons])
    else:
        lines.append("No other group is large enough to compare.")
    if report.within:
        lines += ["", f"## Within `{report.within}`: pooled over strata", ""]
        lines += _md_table(_heads(_POOLED_HEAD, report), [_pooled_row(p) for p in report.pooled])
        if report.strata:
            lines += ["", f"### Per stratum of `{report.within}`", ""]
            lines += _md_table(_heads(_STRATUM_HEAD, report), [_stratum_row(s, mg) for s in report.strata])
    lines += ["", "## Methods", ""] + [f"- {_md_cell(m)}" for m in report.methods]
    lines += ["", "## Notes", ""] + [f"- {_md_cell(n)}" for n in report.notes]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- json


def _round(obj: object) -> object:
    if isinstance(obj, float):
        return float(f"{obj:.10g}")
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_round(v) for v in obj]
    return obj


def render_json(report: DisparityReport) -> str:
    return json.dumps(_round(report.model_dump(mode="json")), indent=2, ensure_ascii=False) + "\n"


def render(report: DisparityReport, fmt: Format) -> str:
    """Render *report* in *fmt* (``text``, ``markdown`` or ``json``)."""
    if fmt == "text":
        return render_text(report)
    if fmt == "markdown":
        return render_markdown(report)
    return render_json(report)
