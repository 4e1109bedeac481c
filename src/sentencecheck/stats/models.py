"""The result of a disparity analysis: plain pydantic models, rendered by :mod:`.render`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExclusionStep(_Model):
    """Rows dropped by one inclusion rule, applied in the order listed."""

    reason: str
    rule: str
    rows: int
    #: For ``--where``: rows for which the expression was false / unknown (a missing value).
    false_rows: int | None = None
    unknown_rows: int | None = None


class Inclusion(_Model):
    rows_read: int
    rules: list[str]
    steps: list[ExclusionStep]
    rows_analysed: int


class RateStats(_Model):
    events: int
    n: int
    rate: float
    ci_low: float
    ci_high: float


class GroupStats(_Model):
    label: str
    suppressed: bool
    n: int | None
    mean: float | None = None
    median: float | None = None
    sd: float | None = None
    rate: RateStats | None = None


class Comparison(_Model):
    """One group against the reference group, on all analysed rows."""

    group: str
    reference: str
    n_group: int
    n_reference: int
    mean_difference: float
    ci_low: float
    ci_high: float
    cohens_d: float | None
    rate_difference: float | None = None
    rate_ci_low: float | None = None
    rate_ci_high: float | None = None


class StratumComparison(_Model):
    """One group against the reference inside one stratum (one value of ``--within``)."""

    stratum: str
    group: str
    suppressed: bool
    used: bool
    reason: str | None = None
    n_group: int | None = None
    n_reference: int | None = None
    mean_group: float | None = None
    mean_reference: float | None = None
    mean_difference: float | None = None
    se: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    weight_share: float | None = None
    rate_group: float | None = None
    rate_reference: float | None = None


class PooledComparison(_Model):
    """A group against the reference, pooled over strata."""

    group: str
    reference: str
    strata_total: int
    strata_used: int
    rows_group: int
    rows_reference: int
    mean_difference: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    cochran_q: float | None
    i_squared: float | None
    rate_difference: float | None = None
    rate_se: float | None = None
    rate_ci_low: float | None = None
    rate_ci_high: float | None = None


class SeverityInfo(_Model):
    kind_column: str
    amount_columns: dict[str, str]
    rates: dict[str, float]
    scale_source: str


class Settings(_Model):
    confidence: float
    resamples: int
    seed: int
    min_group: int
    where: list[str]
    rate_definition: str


class DisparityReport(_Model):
    source: str
    outcome: str
    group: str
    within: str | None
    reference: str
    settings: Settings
    severity: SeverityInfo | None
    inclusion: Inclusion
    overall: GroupStats
    groups: list[GroupStats]
    comparisons: list[Comparison]
    strata: list[StratumComparison]
    strata_detail_hidden: bool
    pooled: list[PooledComparison]
    suppressed_groups: int
    methods: list[str]
    notes: list[str]
