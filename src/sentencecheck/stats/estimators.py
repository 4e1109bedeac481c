"""The statistics, as small pure functions on NumPy arrays.

* :func:`describe` - n, mean, median and sample standard deviation (n - 1 in the denominator);
* :func:`cohens_d` - standardised mean difference with the pooled standard deviation;
* :func:`bootstrap_mean_difference` - percentile bootstrap interval of a difference of means,
  resampling each group independently with a seeded generator;
* :func:`wilson` - Wilson score interval of a proportion;
* :func:`newcombe` - Newcombe's hybrid score interval (his method 10) of a difference of proportions;
* :func:`inverse_variance_pool` - fixed-effect inverse-variance pooled mean difference with
  Cochran's Q and I^2;
* :func:`mantel_haenszel_rate_difference` - Mantel-Haenszel pooled risk difference with the
  Greenland-Robins variance.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

#: Cap on the number of values drawn per block while bootstrapping (memory, not results).
_BLOCK_VALUES = 4_000_000


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.959964 for 0.95."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie between 0 and 1, not {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float | None
    median: float | None
    sd: float | None


def describe(values: FloatArray) -> Summary:
    """n, mean, median, sample SD (``None`` when undefined: no values, or one value for the SD)."""
    n = int(values.size)
    if n == 0:
        return Summary(0, None, None, None)
    mean = float(np.mean(values))
    median = float(np.median(values))
    sd = float(np.std(values, ddof=1)) if n > 1 else None
    return Summary(n, mean, median, sd)


def pooled_sd(a: FloatArray, b: FloatArray) -> float | None:
    """sqrt(((n_a - 1) s_a^2 + (n_b - 1) s_b^2) / (n_a + n_b - 2))."""
    na, nb = a.size, b.size
    if na < 2 or nb < 2:
        return None
    va = float(np.var(a, ddof=1))
    vb = float(np.var(b, ddof=1))
    return math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))


def cohens_d(group: FloatArray, reference: FloatArray) -> float | None:
    """(mean(group) - mean(reference)) / pooled SD; ``None`` if the pooled SD is 0 or undefined."""
    s = pooled_sd(group, reference)
    if s is None or s == 0.0:
        return None
    return (float(np.mean(group)) - float(np.mean(reference))) / s


def stable_seed(seed: int, *labels: str) -> np.random.SeedSequence:
    """A seed sequence from *seed* and *labels* that does not depend on Python's hash salt."""
    key = "\x1f".join(labels).encode("utf-8")
    return np.random.SeedSequence([seed & 0xFFFFFFFF, zlib.crc32(key), len(key)])


def _bootstrap_means(values: FloatArray, resamples: int, rng: np.random.Generator) -> FloatArray:
    n = values.size
    out = np.empty(resamples, dtype=np.float64)
    block = max(1, _BLOCK_VALUES // max(n, 1))
    for start in range(0, resamples, block):
        stop = min(resamples, start + block)
        idx = rng.integers(0, n, size=(stop - start, n))
        out[start:stop] = values[idx].mean(axis=1)
    return out


def bootstrap_mean_difference(
    group: FloatArray,
    reference: FloatArray,
    resamples: int,
    seed: int,
    confidence: float = 0.95,
    labels: tuple[str, ...] = (),
) -> tuple[float, float]:
    """Percentile bootstrap interval of mean(group) - mean(reference).

    Each group is resampled with replacement to its own size, *resamples* times; the interval is
    the (1-c)/2 and (1+c)/2 quantiles of the resampled differences.  The generator is seeded from
    *seed* and *labels* (e.g. stratum, group and reference), so a comparison's interval does not
    depend on which other groups are in the table or in what order they are processed.
    """
    if group.size == 0 or reference.size == 0:
        raise ValueError("both groups need at least one value")
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    rng = np.random.default_rng(stable_seed(seed, *labels))
    diffs = _bootstrap_means(group, resamples, rng) - _bootstrap_means(reference, resamples, rng)
    alpha = 1.0 - confidence
    lo, hi = np.quantile(diffs, [alpha / 2.0, 1.0 - alpha / 2.0])
    return float(lo), float(hi)


def wilson(events: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for events/n."""
    if n <= 0:
        raise ValueError("n must be positive")
    z = z_value(confidence)
    p = events / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if events == 0 else max(0.0, centre - half)
    high = 1.0 if events == n else min(1.0, centre + half)
    return low, high


def newcombe(e1: int, n1: int, e2: int, n2: int, confidence: float = 0.95) -> tuple[float, float]:
    """Newcombe's hybrid score interval for p1 - p2 (method 10 of Newcombe, Stat Med 1998)."""
    p1, p2 = e1 / n1, e2 / n2
    l1, u1 = wilson(e1, n1, confidence)
    l2, u2 = wilson(e2, n2, confidence)
    d = p1 - p2
    lower = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    upper = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    return lower, upper


@dataclass(frozen=True)
class Pooled:
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    strata: int
    q: float | None = None
    i_squared: float | None = None


def welch_se(group: FloatArray, reference: FloatArray) -> float | None:
    """Standard error of a difference of means without assuming equal variances."""
    if group.size < 2 or reference.size < 2:
        return None
    return math.sqrt(float(np.var(group, ddof=1)) / group.size + float(np.var(reference, ddof=1)) / reference.size)


def inverse_variance_pool(diffs: list[float], ses: list[float], confidence: float = 0.95) -> Pooled:
    """Fixed-effect inverse-variance pooled estimate of per-stratum differences.

    weight_k = 1 / se_k^2; estimate = sum(w d) / sum(w); se = 1 / sqrt(sum w); Cochran's
    Q = sum w (d - estimate)^2 on k - 1 degrees of freedom; I^2 = max(0, (Q - (k - 1)) / Q).
    """
    if not diffs or len(diffs) != len(ses) or any(s <= 0 for s in ses):
        raise ValueError("need at least one stratum, each with a positive standard error")
    w = np.array([1.0 / (s * s) for s in ses])
    d = np.array(diffs)
    est = float(np.sum(w * d) / np.sum(w))
    se = 1.0 / math.sqrt(float(np.sum(w)))
    z = z_value(confidence)
    q = float(np.sum(w * (d - est) ** 2)) if len(diffs) > 1 else None
    i2 = None
    if q is not None:
        i2 = max(0.0, (q - (len(diffs) - 1)) / q) if q > 0 else 0.0
    return Pooled(est, se, est - z * se, est + z * se, len(diffs), q, i2)


def mantel_haenszel_rate_difference(strata: list[tuple[int, int, int, int]], confidence: float = 0.95) -> Pooled:
    """Mantel-Haenszel pooled difference of proportions over strata.

    Each stratum is ``(events_group, n_group, events_reference, n_reference)``.  Weights are
    n1 n0 / (n1 + n0); the variance is Greenland & Robins' (1985):
    sum (a b n0^3 + c d n1^3) / (n1 n0 N^2) / (sum n1 n0 / N)^2, with a, b the events and non-events
    of the group and c, d those of the reference.
    """
    if not strata:
        raise ValueError("need at least one stratum")
    num = 0.0
    wsum = 0.0
    var_num = 0.0
    for a, n1, c, n0 in strata:
        if n1 <= 0 or n0 <= 0:
            raise ValueError("every stratum needs cases in both groups")
        total = n1 + n0
        w = n1 * n0 / total
        num += w * (a / n1 - c / n0)
        wsum += w
        b = n1 - a
        d = n0 - c
        var_num += (a * b * n0**3 + c * d * n1**3) / (n1 * n0 * total**2)
    est = num / wsum
    se = math.sqrt(var_num) / wsum
    z = z_value(confidence)
    return Pooled(est, se, est - z * se, est + z * se, len(strata))
