"""Putting different sentence kinds on one scale: month-equivalents of imprisonment.

Sentencing research compares fines, community service, suspended and custodial sentences by
converting each to the months of imprisonment it is taken to be worth.  A *scale* maps a sentence
kind to the month-equivalents of one unit of that kind's amount (a month of imprisonment, one unit
of currency of a fine, one hour of community service, ...).

The default, :data:`DEFAULT_RATES`, is the primary scale of the Mongolian sentencing study
(Ritz, *Demographic Disparities in Criminal Sentencing: Evidence from Mongolian Courts*), which
reproduces the ``severity`` column of its published dataset:

========================  =====================  ========================================
kind                      unit of the amount     month-equivalents per unit
========================  =====================  ========================================
``imprisonment``          month                  1
``suspended``             month (suspended term) 0.5
``fine``                  MNT                    1/450,000 (15,000 MNT a day x 30 days)
``community_service``     hour                   1/160
========================  =====================  ========================================

Fines are in a currency, so the default only fits Mongolian data; give your own scale with
``--severity-scale FILE``: a YAML mapping of kind to months per unit, where a rate may be a number
or a fraction written as text (``"1/450000"``)::

    imprisonment: 1
    suspended: 0.5
    fine: "1/450000"
    community_service: "1/160"
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

import pandas as pd
import yaml

from .errors import SeverityError

DEFAULT_RATES: dict[str, float] = {
    "imprisonment": 1.0,
    "suspended": 0.5,
    "fine": 1.0 / 450_000.0,
    "community_service": 1.0 / 160.0,
}

#: The rates as written in documentation and reports.
DEFAULT_RATES_TEXT: dict[str, str] = {
    "imprisonment": "1 per month",
    "suspended": "0.5 per month of the suspended term",
    "fine": "1/450000 per MNT",
    "community_service": "1/160 per hour",
}


def normalize_kind(kind: str) -> str:
    """``"Community service"`` -> ``"community_service"``: case, spaces and hyphens do not matter."""
    return re.sub(r"[\s\-]+", "_", kind.strip().lower())


def _rate(value: object, kind: str, where: str) -> float:
    if isinstance(value, bool):
        raise SeverityError(f"{where}: rate for {kind!r} must be a number, not {value!r}")
    if isinstance(value, int | float):
        rate = float(value)
    elif isinstance(value, str):
        try:
            rate = float(Fraction(value.strip().replace("_", "").replace(",", "")))
        except (ValueError, ZeroDivisionError) as exc:
            raise SeverityError(f"{where}: rate for {kind!r} is not a number or fraction: {value!r}") from exc
    else:
        raise SeverityError(f"{where}: rate for {kind!r} must be a number, not {value!r}")
    if not math.isfinite(rate) or rate < 0:
        raise SeverityError(f"{where}: rate for {kind!r} must be a finite number >= 0, not {value!r}")
    return rate


def load_scale(path: str | Path) -> dict[str, float]:
    """Read a YAML severity scale (kind -> month-equivalents per unit)."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeverityError(f"{p}: cannot read severity scale: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise SeverityError(f"{p}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not data:
        raise SeverityError(f"{p}: a severity scale is a mapping of sentence kind to months per unit")
    rates: dict[str, float] = {}
    for key, value in data.items():
        kind = normalize_kind(str(key))
        rates[kind] = _rate(value, kind, str(p))
    return rates


def to_month_equivalents(kind: str, amount: float | None, rates: Mapping[str, float] | None = None) -> float | None:
    """Month-equivalents of a sentence of *kind* and *amount* (in that kind's unit).

    ``None`` when the amount is missing.  Raises :class:`SeverityError` for a kind without a rate.

    >>> to_month_equivalents("fine", 900_000)
    2.0
    """
    table = DEFAULT_RATES if rates is None else {normalize_kind(k): v for k, v in rates.items()}
    key = normalize_kind(kind)
    if key not in table:
        raise SeverityError(f"no conversion rate for sentence kind {kind!r}; known kinds: {', '.join(sorted(table))}")
    if amount is None or (isinstance(amount, float) and math.isnan(amount)):
        return None
    if amount < 0:
        raise SeverityError(f"negative amount {amount!r} for sentence kind {kind!r}")
    return float(amount) * table[key]


def month_equivalents_column(
    table: pd.DataFrame,
    kind_column: str,
    amount_columns: Mapping[str, str],
    rates: Mapping[str, float] | None = None,
    source: str = "input",
) -> pd.Series:
    """Month-equivalents for each row of *table*.

    *kind_column* holds the sentence kind; *amount_columns* maps a kind to the column holding its
    amount (``"*"`` for a column used by every kind not listed).  Rows with a missing kind or
    amount get ``NaN``.  Raises :class:`SeverityError` naming *source* for kinds without a rate or
    without an amount column.
    """
    scale = DEFAULT_RATES if rates is None else {normalize_kind(k): v for k, v in rates.items()}
    amounts = {("*" if k == "*" else normalize_kind(k)): v for k, v in amount_columns.items()}
    for col in [kind_column, *amounts.values()]:
        if col not in table.columns:
            raise SeverityError(f"{source}: column {col!r} (used for severity) not found")
    kinds = table[kind_column].map(lambda v: None if pd.isna(v) else normalize_kind(str(v)))
    present = sorted({k for k in kinds.dropna().unique()})
    unknown = [k for k in present if k not in scale]
    if unknown:
        counts = ", ".join(f"{k!r} ({int((kinds == k).sum())} rows)" for k in unknown)
        raise SeverityError(
            f"{source}: no conversion rate for sentence kind(s) {counts} in column {kind_column!r}; "
            "add them to the --severity-scale file or leave those rows out with --where"
        )
    no_column = [k for k in present if k not in amounts and "*" not in amounts]
    if no_column:
        raise SeverityError(
            f"{source}: no amount column for sentence kind(s) {', '.join(map(repr, no_column))}; "
            "give --severity-amount KIND=COLUMN"
        )
    out = pd.Series(float("nan"), index=table.index, dtype="float64")
    for kind in present:
        col = amounts[kind] if kind in amounts else amounts["*"]
        rows = kinds == kind
        amount = pd.to_numeric(table.loc[rows, col], errors="coerce").astype("float64")
        if (amount < 0).any():
            raise SeverityError(f"{source}: negative amounts in column {col!r} for sentence kind {kind!r}")
        out.loc[rows] = amount * scale[kind]
    return out
