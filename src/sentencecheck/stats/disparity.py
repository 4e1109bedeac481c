"""Compare an outcome (a sentence, a severity) between groups of cases.

:func:`disparity` is the library entry point; the ``sentencecheck disparity`` command is a thin
layer over it, :func:`sentencecheck.stats.tables.read_table` and :mod:`sentencecheck.stats.render`.
See ``docs/disparity.md`` for the methods.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_numeric_dtype

from . import estimators as est
from . import where as where_lang
from .errors import StatsError, TableError
from .models import (
    Comparison,
    DisparityReport,
    ExclusionStep,
    GroupStats,
    Inclusion,
    PooledComparison,
    RateStats,
    Settings,
    SeverityInfo,
    StratumComparison,
)
from .policy import check_group_column, is_court_like
from .severity import DEFAULT_RATES, month_equivalents_column, normalize_kind
from .tables import require_columns

DEFAULT_SEED = 20240611
DEFAULT_RESAMPLES = 2000
DEFAULT_MIN_GROUP = 5


@dataclass(frozen=True)
class SeverityOptions:
    """Compute the outcome as month-equivalents from a sentence kind and an amount per kind."""

    kind_column: str
    amount_columns: Mapping[str, str]
    rates: Mapping[str, float] | None = None
    scale_source: str = "default scale (Mongolian sentencing study)"


@dataclass
class _Analysed:
    values: np.ndarray
    labels: pd.Series
    strata: pd.Series | None
    events: pd.Series  # nullable boolean
    raw_groups: pd.Series
    raw_strata: pd.Series | None
    steps: list[ExclusionStep] = field(default_factory=list)


def label_of(value: object) -> str:
    """How a group or stratum value is written: ``True``, ``3`` (not ``3.0``), ``female``."""
    if isinstance(value, bool | np.bool_):
        return "True" if bool(value) else "False"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        f = float(value)
        return str(int(f)) if f.is_integer() else repr(f)
    return str(value)


def _sort_key(value: object) -> tuple[int, float, str]:
    if isinstance(value, bool | np.bool_ | int | np.integer | float | np.floating):
        return (0, float(value), "")
    return (1, 0.0, str(value))


def _ordered_labels(values: pd.Series) -> list[str]:
    """Distinct labels of *values* in natural order (False < True, 2 < 10, then text)."""
    seen: dict[str, tuple[int, float, str]] = {}
    for v in values.dropna().unique():
        lab = label_of(v)
        key = _sort_key(v)
        if lab not in seen or key < seen[lab]:
            seen[lab] = key
    return sorted(seen, key=lambda lab: (seen[lab], lab))


def _outcome_numbers(series: pd.Series) -> pd.Series:
    if is_bool_dtype(series.dtype):
        return series.astype("float64")
    if is_numeric_dtype(series.dtype):
        return series.astype("float64")

    def conv(v: object) -> object:
        if isinstance(v, bool | np.bool_):
            return float(bool(v))
        return v

    return pd.to_numeric(series.map(conv), errors="coerce").astype("float64")


_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def _rate_flags(series: pd.Series, column: str, source: str) -> pd.Series:
    """A 0/1 or true/false column as nullable booleans; anything else is an error."""

    def conv(v: object) -> bool | None:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, bool | np.bool_):
            return bool(v)
        if isinstance(v, int | float | np.integer | np.floating):
            if float(v) in (0.0, 1.0):
                return float(v) == 1.0
        elif isinstance(v, str) and v.strip().lower() in _TRUE | _FALSE:
            return v.strip().lower() in _TRUE
        raise TableError(f"{source}: --rate-col column {column!r} must hold 0/1 or true/false, found {v!r}")

    return pd.Series(pd.array([conv(v) for v in series], dtype="boolean"), index=series.index)


def _group_stats(label: str, values: np.ndarray, events: pd.Series, min_group: int, confidence: float) -> GroupStats:
    n = int(values.size)
    if n < min_group:
        return GroupStats(label=label, suppressed=True, n=None)
    s = est.describe(values)
    return GroupStats(
        label=label,
        suppressed=False,
        n=n,
        mean=s.mean,
        median=s.median,
        sd=s.sd,
        rate=_rate_stats(events, confidence),
    )


def _rate_stats(events: pd.Series, confidence: float) -> RateStats | None:
    known = events.dropna()
    n = int(known.size)
    if n == 0:
        return None
    k = int(known.astype(bool).sum())
    lo, hi = est.wilson(k, n, confidence)
    return RateStats(events=k, n=n, rate=k / n, ci_low=lo, ci_high=hi)


def _select(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    within: str | None,
    where: Sequence[str],
    rate_col: str | None,
    rate: str | None,
    severity: SeverityOptions | None,
    source: str,
) -> _Analysed:
    frame = table
    steps: list[ExclusionStep] = []
    for expr in where:
        res = where_lang.apply(expr, frame, source)
        steps.append(
            ExclusionStep(
                reason="filtered by --where",
                rule=expr,
                rows=res.false + res.unknown,
                false_rows=res.false,
                unknown_rows=res.unknown,
            )
        )
        frame = frame.loc[res.keep.to_numpy()]

    if severity is not None:
        rates = dict(DEFAULT_RATES) if severity.rates is None else dict(severity.rates)
        raw = month_equivalents_column(frame, severity.kind_column, severity.amount_columns, rates, source)
    else:
        raw = frame[outcome]
    numbers = _outcome_numbers(raw)
    missing = raw.isna()
    not_numeric = numbers.isna() & ~missing
    infinite = pd.Series(np.isinf(numbers.to_numpy(dtype="float64")), index=frame.index)
    what = "month-equivalents could not be computed (kind or amount missing)" if severity else "outcome missing"
    steps.append(ExclusionStep(reason="missing outcome", rule=what, rows=int(missing.sum())))
    if int(not_numeric.sum()):
        steps.append(
            ExclusionStep(reason="outcome not a number", rule=f"{outcome} is not numeric", rows=int(not_numeric.sum()))
        )
    if int(infinite.sum()):
        steps.append(ExclusionStep(reason="outcome infinite", rule=f"{outcome} is infinite", rows=int(infinite.sum())))
    keep = numbers.notna() & ~infinite
    frame, numbers = frame.loc[keep.to_numpy()], numbers.loc[keep.to_numpy()]

    gmiss = frame[group].isna()
    steps.append(ExclusionStep(reason="missing group", rule=f"{group} missing", rows=int(gmiss.sum())))
    frame, numbers = frame.loc[~gmiss.to_numpy()], numbers.loc[~gmiss.to_numpy()]

    strata: pd.Series | None = None
    raw_strata: pd.Series | None = None
    if within is not None:
        smiss = frame[within].isna()
        steps.append(ExclusionStep(reason="missing stratum", rule=f"{within} missing", rows=int(smiss.sum())))
        frame, numbers = frame.loc[~smiss.to_numpy()], numbers.loc[~smiss.to_numpy()]
        raw_strata = frame[within]
        strata = raw_strata.map(label_of)

    if rate is not None:
        events = where_lang.evaluate(where_lang.parse(rate), frame, rate, source)
    elif rate_col is not None:
        events = _rate_flags(frame[rate_col], rate_col, source)
    else:
        events = pd.Series(pd.array(numbers.to_numpy() > 0, dtype="boolean"), index=frame.index)

    labels = frame[group].map(label_of)
    return _Analysed(
        values=numbers.to_numpy(dtype="float64"),
        labels=labels,
        strata=strata,
        events=events,
        raw_groups=frame[group],
        raw_strata=raw_strata,
        steps=steps,
    )


@dataclass(frozen=True)
class Analysis:
    """A report together with the rows it was computed from (for plotting).

    ``rows`` has the columns ``outcome`` (float), ``group`` (label) and, with strata, ``stratum``.
    """

    report: DisparityReport
    rows: pd.DataFrame


def disparity(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    within: str | None = None,
    reference: str | None = None,
    *,
    where: Sequence[str] = (),
    rate_col: str | None = None,
    rate: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = 0.95,
    severity: SeverityOptions | None = None,
    strata_detail: bool = True,
    allow_court_groups: bool = False,
    source: str | None = None,
) -> DisparityReport:
    """Compare *outcome* between the groups of column *group*.

    * ``where``: filter expressions (see :mod:`.where`), applied in order, all must be true;
    * ``reference``: the group others are compared with (its label, e.g. ``"True"`` or ``"3"``);
      default: the largest group (ties: the first in sort order);
    * ``within``: a column whose values are strata; groups are also compared inside each stratum
      and the differences pooled (inverse-variance for means, Mantel-Haenszel for rates);
    * ``rate_col`` (a 0/1 or true/false column) or ``rate`` (an expression) defines the event whose
      share is reported; default: outcome > 0;
    * ``severity``: compute the outcome as month-equivalents (the outcome column is then created
      under the name *outcome*);
    * groups and stratum cells with fewer than ``min_group`` rows are suppressed.

    Raises :class:`~sentencecheck.stats.errors.StatsError` subclasses, or
    :class:`~sentencecheck.stats.errors.TableError` for a missing or unusable column, with a message naming the
    source and column for bad input.
    """
    return disparity_analysis(
        table,
        outcome,
        group,
        within,
        reference,
        where=where,
        rate_col=rate_col,
        rate=rate,
        min_group=min_group,
        resamples=resamples,
        seed=seed,
        confidence=confidence,
        severity=severity,
        strata_detail=strata_detail,
        allow_court_groups=allow_court_groups,
        source=source,
    ).report


def disparity_analysis(
    table: pd.DataFrame,
    outcome: str,
    group: str,
    within: str | None = None,
    reference: str | None = None,
    *,
    where: Sequence[str] = (),
    rate_col: str | None = None,
    rate: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = 0.95,
    severity: SeverityOptions | None = None,
    strata_detail: bool = True,
    allow_court_groups: bool = False,
    source: str | None = None,
) -> Analysis:
    """Like :func:`disparity`, also returning the analysed rows."""
    src = source or str(table.attrs.get("source") or "input table")
    if min_group < 1:
        raise StatsError("min_group must be at least 1")
    if resamples < 1:
        raise StatsError("resamples must be at least 1")
    if not 0.5 <= confidence < 1.0:
        raise StatsError("confidence must be at least 0.5 and below 1")
    if rate is not None and rate_col is not None:
        raise StatsError("give either a rate column or a rate expression, not both")
    ban = str(table.attrs.get("forbids_court_ranking") or "")
    check_group_column(group, src, allow_court_groups, ban)
    if severity is None:
        require_columns(table, {"--outcome": outcome}, src)
    elif outcome in table.columns:
        raise TableError(
            f"{src}: column {outcome!r} already exists; name the computed month-equivalents something else (--outcome)"
        )
    require_columns(table, {"--group": group, "--within": within, "--rate-col": rate_col}, src)
    if within is not None and within == group:
        raise StatsError("--within must be a different column from --group")
    if rate is not None:
        where_lang.parse(rate)
    for expr in where:
        where_lang.parse(expr)

    data = _select(table, outcome, group, within, where, rate_col, rate, severity, src)
    labels_all = _ordered_labels(data.raw_groups)
    by_label = {lab: (data.labels == lab).to_numpy() for lab in labels_all}

    groups = [
        _group_stats(lab, data.values[mask], data.events[mask], min_group, confidence) for lab, mask in by_label.items()
    ]
    published = [g for g in groups if not g.suppressed]
    if not published:
        raise StatsError(
            f"{src}: no group of {group!r} has at least {min_group} analysed rows "
            f"({len(data.values)} rows analysed); nothing can be published"
        )
    if reference is None:
        reference = max(published, key=lambda g: (g.n or 0, -labels_all.index(g.label))).label
    elif reference not in by_label:
        raise TableError(
            f"{src}: reference {reference!r} is not a value of column {group!r} among analysed rows; "
            f"values: {', '.join(labels_all) or '(none)'}"
        )
    ref_stats = next(g for g in groups if g.label == reference)
    if ref_stats.suppressed:
        raise StatsError(
            f"{src}: reference group {reference!r} has fewer than {min_group} analysed rows; choose another --reference"
        )
    ref_mask = by_label[reference]
    ref_values = data.values[ref_mask]
    comparisons: list[Comparison] = []
    for g in published:
        if g.label == reference:
            continue
        mask = by_label[g.label]
        vals = data.values[mask]
        lo, hi = est.bootstrap_mean_difference(
            vals, ref_values, resamples, seed, confidence, labels=("overall", g.label, reference)
        )
        rate_fields: dict[str, float | None] = {}
        if g.rate is not None and ref_stats.rate is not None:
            rlo, rhi = est.newcombe(g.rate.events, g.rate.n, ref_stats.rate.events, ref_stats.rate.n, confidence)
            rate_fields = {
                "rate_difference": g.rate.rate - ref_stats.rate.rate,
                "rate_ci_low": rlo,
                "rate_ci_high": rhi,
            }
        comparisons.append(
            Comparison(
                group=g.label,
                reference=reference,
                n_group=int(vals.size),
                n_reference=int(ref_values.size),
                mean_difference=float(np.mean(vals)) - float(np.mean(ref_values)),
                ci_low=lo,
                ci_high=hi,
                cohens_d=est.cohens_d(vals, ref_values),
                **rate_fields,
            )
        )

    strata_rows: list[StratumComparison] = []
    pooled: list[PooledComparison] = []
    hide_strata = False
    if within is not None and data.strata is not None and data.raw_strata is not None:
        hide_strata = is_court_like(within) or not strata_detail
        strata_rows, pooled = _stratified(
            data, by_label, [c.group for c in comparisons], reference, min_group, confidence, data.raw_strata
        )

    n_suppressed = sum(1 for g in groups if g.suppressed)
    overall = _group_stats("all analysed rows", data.values, data.events, 1, confidence)
    rate_definition = rate if rate is not None else f"{rate_col} is true" if rate_col is not None else f"{outcome} > 0"
    sev_info = None
    if severity is not None:
        rates = (
            dict(DEFAULT_RATES)
            if severity.rates is None
            else {normalize_kind(k): float(v) for k, v in severity.rates.items()}
        )
        sev_info = SeverityInfo(
            kind_column=severity.kind_column,
            amount_columns={normalize_kind(k) if k != "*" else k: v for k, v in severity.amount_columns.items()},
            rates=dict(sorted(rates.items())),
            scale_source=severity.scale_source,
        )
    rules = [f"every --where expression is true ({' AND '.join(where)})"] if where else []
    rules.append(
        "the month-equivalents can be computed (known sentence kind, amount present)"
        if severity
        else f"{outcome} is present and a finite number"
    )
    rules.append(f"{group} is present")
    if within:
        rules.append(f"{within} is present")
    steps = data.steps
    report = DisparityReport(
        source=src,
        outcome=outcome,
        group=group,
        within=within,
        reference=reference,
        settings=Settings(
            confidence=confidence,
            resamples=resamples,
            seed=seed,
            min_group=min_group,
            where=list(where),
            rate_definition=rate_definition,
        ),
        severity=sev_info,
        inclusion=Inclusion(rows_read=int(len(table)), rules=rules, steps=steps, rows_analysed=int(data.values.size)),
        overall=overall,
        groups=groups,
        comparisons=comparisons,
        strata=[] if hide_strata else strata_rows,
        strata_detail_hidden=hide_strata,
        pooled=pooled,
        suppressed_groups=n_suppressed,
        methods=_methods(confidence, resamples, seed, within is not None),
        notes=_notes(min_group, n_suppressed, group, within, where, table, hide_strata, src),
    )
    rows = pd.DataFrame({"outcome": data.values, "group": data.labels.to_numpy()})
    if data.strata is not None:
        rows["stratum"] = data.strata.to_numpy()
    return Analysis(report=report, rows=rows)


def _stratified(
    data: _Analysed,
    by_label: dict[str, np.ndarray],
    compared: list[str],
    reference: str,
    min_group: int,
    confidence: float,
    raw_strata: pd.Series,
) -> tuple[list[StratumComparison], list[PooledComparison]]:
    assert data.strata is not None
    strata_labels = _ordered_labels(raw_strata)
    smasks = {s: (data.strata == s).to_numpy() for s in strata_labels}
    z = est.z_value(confidence)
    needed = max(2, min_group)
    rows: list[StratumComparison] = []
    pooled: list[PooledComparison] = []
    ref_mask = by_label[reference]
    for g in compared:
        gmask = by_label[g]
        per: list[dict[str, object]] = []
        diffs: list[float] = []
        ses: list[float] = []
        rate_cells: list[tuple[int, int, int, int]] = []
        rows_g = rows_r = 0
        for s in strata_labels:
            gm = gmask & smasks[s]
            rm = ref_mask & smasks[s]
            ng, nr = int(gm.sum()), int(rm.sum())
            if ng == 0 and nr == 0:
                continue
            if ng < min_group or nr < min_group:
                per.append(
                    {
                        "stratum": s,
                        "group": g,
                        "suppressed": True,
                        "used": False,
                        "reason": f"a group has fewer than {min_group} rows",
                        "n_group": ng if ng >= min_group else None,
                        "n_reference": nr if nr >= min_group else None,
                    }
                )
                continue
            vg, vr = data.values[gm], data.values[rm]
            diff = float(np.mean(vg)) - float(np.mean(vr))
            se = est.welch_se(vg, vr) if ng >= needed and nr >= needed else None
            eg, er = data.events[gm].dropna().astype(bool), data.events[rm].dropna().astype(bool)
            row: dict[str, object] = {
                "stratum": s,
                "group": g,
                "suppressed": False,
                "n_group": ng,
                "n_reference": nr,
                "mean_group": float(np.mean(vg)),
                "mean_reference": float(np.mean(vr)),
                "mean_difference": diff,
                "rate_group": float(eg.mean()) if len(eg) else None,
                "rate_reference": float(er.mean()) if len(er) else None,
            }
            if se is None or se == 0.0:
                row.update(used=False, reason="no variance within the stratum" if se == 0.0 else "too few rows")
            else:
                row.update(used=True, se=se, ci_low=diff - z * se, ci_high=diff + z * se)
                diffs.append(diff)
                ses.append(se)
                rows_g += ng
                rows_r += nr
            if len(eg) and len(er):
                rate_cells.append((int(eg.sum()), int(len(eg)), int(er.sum()), int(len(er))))
            per.append(row)
        weights_total = sum(1.0 / (s * s) for s in ses)
        for row in per:
            se_v = row.get("se")
            if isinstance(se_v, float):
                row["weight_share"] = (1.0 / (se_v * se_v)) / weights_total
            rows.append(StratumComparison.model_validate(row))
        fields: dict[str, float | None] = dict.fromkeys(
            ("mean_difference", "se", "ci_low", "ci_high", "cochran_q", "i_squared")
        )
        if diffs:
            p = est.inverse_variance_pool(diffs, ses, confidence)
            fields = {
                "mean_difference": p.estimate,
                "se": p.se,
                "ci_low": p.ci_low,
                "ci_high": p.ci_high,
                "cochran_q": p.q,
                "i_squared": p.i_squared,
            }
        if rate_cells:
            r = est.mantel_haenszel_rate_difference(rate_cells, confidence)
            fields.update(rate_difference=r.estimate, rate_se=r.se, rate_ci_low=r.ci_low, rate_ci_high=r.ci_high)
        pooled.append(
            PooledComparison(
                group=g,
                reference=reference,
                strata_total=len(strata_labels),
                strata_used=len(diffs),
                rows_group=rows_g,
                rows_reference=rows_r,
                **fields,
            )
        )
    return rows, pooled


def _methods(confidence: float, resamples: int, seed: int, stratified: bool) -> list[str]:
    pct = f"{confidence * 100:g}%"
    out = [
        "Per group: n, mean, median and standard deviation (sample SD, n - 1 denominator) of the outcome.",
        "Difference = group mean minus reference mean. Cohen's d = difference / pooled SD, "
        "pooled SD = sqrt(((n1-1)s1^2 + (n2-1)s2^2) / (n1+n2-2)).",
        f"{pct} CI of the difference: percentile bootstrap, {resamples} resamples of each group drawn "
        f"independently with replacement, seed {seed} (fixed: the same input gives the same interval).",
        f"Rates: share of rows with the event; {pct} Wilson score interval; difference of rates with "
        "Newcombe's hybrid score interval.",
    ]
    if stratified:
        out.append(
            "Within strata: per-stratum difference of means with a normal-approximation interval "
            "(Welch standard error); pooled difference = inverse-variance weighted mean of the stratum "
            "differences (fixed effect), SE = 1/sqrt(sum of weights), with Cochran's Q and I^2 for "
            "heterogeneity; only strata where both groups reach the publication threshold and the SE is "
            "positive contribute. Pooled rate difference: Mantel-Haenszel weights n1*n0/(n1+n0), "
            "Greenland-Robins variance."
        )
    return out


def _notes(
    min_group: int,
    n_suppressed: int,
    group: str,
    within: str | None,
    where: Sequence[str],
    table: pd.DataFrame,
    hide_strata: bool,
    source: str,
) -> list[str]:
    notes = [
        f"Suppression: groups and stratum cells with fewer than {min_group} analysed rows are not published "
        f"(shown as <{min_group}, no statistics, no comparison); "
        f"{n_suppressed} group(s) of {group!r} suppressed.",
        "These are descriptive comparisons of observational data: apart from the strata of --within they "
        "adjust for nothing, and a difference does not by itself show discrimination.",
    ]
    if within is not None and hide_strata and is_court_like(within):
        notes.append(
            f"Per-stratum rows of {within!r} are not published because it identifies courts or "
            "judges; only the pooled estimate is shown."
        )
    elif within is not None and hide_strata:
        notes.append("Per-stratum rows were not requested; only the pooled estimate is shown.")
    ban = str(table.attrs.get("forbids_court_ranking") or "")
    if ban:
        court_filters = [e for e in where if any(is_court_like(c) for c in where_lang.columns(where_lang.parse(e)))]
        notes.append(f'Terms of use of {source} (DATASHEET.md): "{ban}"')
        if court_filters:
            notes.append(
                "Warning: a --where filter selects by court or judge; do not use such results to rank courts or judges."
            )
    return notes
