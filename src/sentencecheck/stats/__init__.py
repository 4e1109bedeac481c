"""Disparity statistics: compare sentences between groups of cases.

Library API::

    from sentencecheck.stats import read_table, disparity, render

    table = read_table("cases.csv")
    report = disparity(table, outcome="severity", group="sex", within="article",
                       where=["age >= 18"])
    print(render(report, "markdown"))

The ``sentencecheck disparity`` command (:mod:`sentencecheck.stats.cli`) is a thin layer over these.
"""

from __future__ import annotations

from .disparity import (
    DEFAULT_MIN_GROUP,
    DEFAULT_RESAMPLES,
    DEFAULT_SEED,
    Analysis,
    SeverityOptions,
    disparity,
    disparity_analysis,
)
from .errors import PolicyError, SeverityError, StatsError, TableError, WhereError
from .models import DisparityReport
from .render import render, render_json, render_markdown, render_text
from .severity import DEFAULT_RATES, load_scale, month_equivalents_column, to_month_equivalents
from .tables import read_table

__all__ = [
    "DEFAULT_MIN_GROUP",
    "DEFAULT_RATES",
    "DEFAULT_RESAMPLES",
    "DEFAULT_SEED",
    "Analysis",
    "DisparityReport",
    "TableError",
    "PolicyError",
    "SeverityError",
    "SeverityOptions",
    "StatsError",
    "WhereError",
    "disparity",
    "disparity_analysis",
    "load_scale",
    "month_equivalents_column",
    "read_table",
    "render",
    "render_json",
    "render_markdown",
    "render_text",
    "to_month_equivalents",
]
