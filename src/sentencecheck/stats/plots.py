"""One figure per comparison (a group against the reference), as PNG and SVG.

Each figure has up to three panels: the outcome's distribution in both groups (box plots without
outlying points - no single case is drawn - with the mean marked), the mean difference with its
confidence interval (overall bootstrap, and the pooled within-strata estimate when there is one),
and the two rates with their Wilson intervals.

Files are byte-stable: the Agg canvas, no timestamps or software tags (``metadata={'Date': None}``
for SVG, ``{'Software': None}`` for PNG) and a fixed ``svg.hashsalt``.  Suppressed groups are never
plotted.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .models import DisparityReport

SVG_SALT = "sentencecheck-disparity"


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_.")
    return s[:60] or "x"


def plot_names(report: DisparityReport) -> list[str]:
    """Base names (without extension) of the figures :func:`write_plots` writes, in order."""
    return [
        f"{i:02d}-{_slug(report.group)}-{_slug(c.group)}-vs-{_slug(c.reference)}"
        for i, c in enumerate(report.comparisons, start=1)
    ]


def write_plots(report: DisparityReport, rows: pd.DataFrame, out_dir: Path) -> list[Path]:
    """Write a PNG and an SVG per comparison into *out_dir*; return the paths written.

    *rows* are the analysed rows (``Analysis.rows``: columns ``outcome`` and ``group``), used for
    the distribution panel.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    labels = rows["group"]
    values = rows["outcome"].to_numpy(dtype="float64")
    written: list[Path] = []
    pooled = {p.group: p for p in report.pooled}
    stats = {g.label: g for g in report.groups}
    conf = f"{report.settings.confidence * 100:g}%"
    for name, comp in zip(plot_names(report), report.comparisons, strict=True):
        g_vals = values[(labels == comp.group).to_numpy()]
        r_vals = values[(labels == comp.reference).to_numpy()]
        gs, rs = stats[comp.group], stats[comp.reference]
        has_rate = gs.rate is not None and rs.rate is not None
        ncols = 3 if has_rate else 2
        fig = Figure(figsize=(4.2 * ncols, 3.8), dpi=100)
        FigureCanvasAgg(fig)
        axes = fig.subplots(1, ncols)
        ax = axes[0]
        ax.boxplot([r_vals, g_vals], showfliers=False, showmeans=True, widths=0.5)
        ax.set_xticks(
            [1, 2],
            [f"{comp.reference}\n(reference, n={comp.n_reference:,})", f"{comp.group}\n(n={comp.n_group:,})"],
        )
        ax.set_ylabel(report.outcome)
        ax.set_title("Distribution (box: quartiles; triangle: mean)", fontsize=9)

        ax = axes[1]
        diffs: list[tuple[str, float, float, float]] = [("overall", comp.mean_difference, comp.ci_low, comp.ci_high)]
        p = pooled.get(comp.group)
        if p is not None and p.mean_difference is not None and p.ci_low is not None and p.ci_high is not None:
            diffs.append((f"within {report.within}\n(pooled)", p.mean_difference, p.ci_low, p.ci_high))
        ys = np.arange(len(diffs))[::-1]
        for y, (_, m, lo, hi) in zip(ys, diffs, strict=True):
            ax.errorbar([m], [y], xerr=[[m - lo], [hi - m]], fmt="o", color="black", capsize=4)
        ax.axvline(0.0, color="grey", linewidth=0.8, linestyle="--")
        ax.set_yticks(list(ys), [d[0] for d in diffs])
        ax.set_ylim(-0.8, len(diffs) - 0.2)
        ax.set_xlabel(f"difference in mean {report.outcome}\n({comp.group} minus {comp.reference})")
        ax.set_title(f"Mean difference, {conf} CI", fontsize=9)

        if has_rate and gs.rate is not None and rs.rate is not None:
            ax = axes[2]
            for x, r in ((0, rs.rate), (1, gs.rate)):
                ax.errorbar(
                    [x],
                    [100 * r.rate],
                    yerr=[[100 * (r.rate - r.ci_low)], [100 * (r.ci_high - r.rate)]],
                    fmt="s",
                    color="black",
                    capsize=4,
                )
            ax.set_xticks([0, 1], [comp.reference, comp.group])
            ax.set_xlim(-0.6, 1.6)
            ax.set_ylim(bottom=0)
            ax.set_ylabel("%")
            ax.set_title(f"Rate: {report.settings.rate_definition}"[:60] + f"\n(Wilson {conf} CI)", fontsize=9)
        fig.suptitle(f"{report.outcome} by {report.group}: {comp.group} vs {comp.reference}", fontsize=10)
        fig.tight_layout()
        with matplotlib.rc_context({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path"}):
            png = out_dir / f"{name}.png"
            svg = out_dir / f"{name}.svg"
            fig.savefig(png, format="png", metadata={"Software": None})
            fig.savefig(svg, format="svg", metadata={"Date": None})
        written += [png, svg]
    return written
