"""Tests of ``sentencecheck disparity`` and the :mod:`sentencecheck.stats` library.

Expected values are computed by hand (shown next to each assertion) or taken from published
sources: Newcombe (1998) for the Wilson and Newcombe intervals, and the Mongolian sentencing
study's own tables for the worked example on its dataset.
"""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from sentencecheck.stats import (  # noqa: E402
    DisparityReport,
    PolicyError,
    SeverityError,
    SeverityOptions,
    StatsError,
    TableError,
    WhereError,
    disparity,
    load_scale,
    month_equivalents_column,
    read_table,
    render,
    to_month_equivalents,
)
from sentencecheck.stats import estimators as est  # noqa: E402
from sentencecheck.stats import where as wl  # noqa: E402
from sentencecheck.stats.cli import disparity as disparity_cmd  # noqa: E402
from sentencecheck.stats.models import Comparison, GroupStats, RateStats  # noqa: E402

SHARED = Path(os.environ.get("SENTENCECHECK_SHARED") or Path(__file__).resolve().parents[2] / "shared")
MONGOLIA = SHARED / "data" / "mongolia-sentencing" / "sentencing_clean.parquet"

A = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
B = [1.0, 2.0, 3.0, 4.0, 5.0]


def small_table() -> pd.DataFrame:
    return pd.DataFrame({"group": ["a"] * len(A) + ["b"] * len(B), "y": A + B})


def comparison(report: DisparityReport, group: str) -> Comparison:
    return next(c for c in report.comparisons if c.group == group)


def rate(stats: GroupStats) -> RateStats:
    assert stats.rate is not None
    return stats.rate


# ------------------------------------------------------------------------------------ descriptive


def test_group_statistics_match_hand_computation() -> None:
    report = disparity(small_table(), "y", "group", reference="b", resamples=50)
    a, b = report.groups
    # a: sum 40 / 8 = 5; sorted middle pair (4, 5) -> 4.5; squared deviations 9+1+1+1+0+0+4+16 = 32
    assert (a.label, a.n, a.mean, a.median) == ("a", 8, 5.0, 4.5)
    assert a.sd == pytest.approx(math.sqrt(32 / 7))
    # b: 1..5 -> mean 3, median 3, squared deviations 4+1+0+1+4 = 10 -> var 10/4
    assert (b.label, b.n, b.mean, b.median) == ("b", 5, 3.0, 3.0)
    assert b.sd == pytest.approx(math.sqrt(2.5))
    c = comparison(report, "a")
    assert c.mean_difference == pytest.approx(2.0)
    # pooled variance (7 * 32/7 + 4 * 10/4) / 11 = 42/11
    assert c.cohens_d == pytest.approx(2.0 / math.sqrt(42 / 11))
    assert report.overall.n == 13
    assert report.overall.mean == pytest.approx(55 / 13)


def test_default_reference_is_the_largest_group() -> None:
    assert disparity(small_table(), "y", "group", resamples=10).reference == "a"


def test_cohens_d_known_example() -> None:
    # 1..5 vs 3..7: both variances 2.5, pooled SD sqrt(2.5), means 3 and 5 -> d = -2/sqrt(2.5) = -1.2649
    d = est.cohens_d(np.array([1.0, 2, 3, 4, 5]), np.array([3.0, 4, 5, 6, 7]))
    assert d == pytest.approx(-1.2649110640673518)
    assert est.cohens_d(np.array([1.0, 1, 1]), np.array([1.0, 1, 1])) is None  # no spread: undefined


def test_wilson_and_newcombe_match_newcombe_1998() -> None:
    # Newcombe, Statistics in Medicine 17:857-872 and 873-890 (1998), worked examples.
    assert est.wilson(81, 263) == pytest.approx((0.2553, 0.3662), abs=5e-5)
    assert est.wilson(15, 148) == pytest.approx((0.0624, 0.1605), abs=5e-5)
    assert est.wilson(0, 20) == pytest.approx((0.0, 0.1611), abs=5e-5)
    assert est.newcombe(56, 70, 48, 80) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    assert est.newcombe(9, 10, 3, 10) == pytest.approx((0.1705, 0.8090), abs=5e-5)


# ------------------------------------------------------------------------------------ bootstrap


def synthetic(seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "g": ["x"] * 400 + ["y"] * 400,
            "y": np.concatenate([rng.normal(10.0, 2.0, 400), rng.normal(13.0, 2.0, 400)]),
        }
    )


def test_bootstrap_is_deterministic_and_covers_the_true_difference() -> None:
    table = synthetic()
    first = comparison(disparity(table, "y", "g", reference="x", resamples=500, seed=7), "y")
    second = comparison(disparity(table, "y", "g", reference="x", resamples=500, seed=7), "y")
    assert (first.ci_low, first.ci_high) == (second.ci_low, second.ci_high)
    # true difference 13 - 10 = 3; the interval contains it and excludes 0
    assert first.ci_low < 3.0 < first.ci_high
    assert first.ci_low > 2.0 and first.ci_high < 4.0
    other = comparison(disparity(table, "y", "g", reference="x", resamples=500, seed=8), "y")
    assert (other.ci_low, other.ci_high) != (first.ci_low, first.ci_high)


def test_bootstrap_interval_does_not_depend_on_other_groups() -> None:
    table = synthetic()
    extra = pd.concat([table, pd.DataFrame({"g": ["z"] * 30, "y": np.arange(30.0)})], ignore_index=True)
    one = comparison(disparity(table, "y", "g", reference="x", resamples=300), "y")
    two = comparison(disparity(extra, "y", "g", reference="x", resamples=300), "y")
    assert (one.ci_low, one.ci_high) == (two.ci_low, two.ci_high)


# ------------------------------------------------------------------------------------ rates


def test_rates_with_wilson_intervals_from_column_expression_and_default() -> None:
    table = pd.DataFrame(
        {
            "g": ["m"] * 10 + ["f"] * 10,
            "y": [0, 0, 1, 2, 3, 4, 5, 6, 7, 8] + [0, 0, 0, 0, 0, 0, 1, 1, 2, 3],
            "jail": [1] * 8 + [0] * 2 + [1] * 4 + [0] * 6,
            "kind": ["prison"] * 8 + ["fine"] * 2 + ["prison"] * 4 + ["fine"] * 6,
        }
    )
    by_col = disparity(table, "y", "g", reference="f", rate_col="jail", resamples=20)
    by_expr = disparity(table, "y", "g", reference="f", rate="kind == 'prison'", resamples=20)
    for report in (by_col, by_expr):
        f, m = report.groups
        assert (rate(f).events, rate(f).n, rate(m).events, rate(m).n) == (4, 10, 8, 10)
        assert (rate(m).ci_low, rate(m).ci_high) == pytest.approx(est.wilson(8, 10))
        c = comparison(report, "m")
        assert c.rate_difference == pytest.approx(0.4)
        assert (c.rate_ci_low, c.rate_ci_high) == pytest.approx(est.newcombe(8, 10, 4, 10))
    default = disparity(table, "y", "g", reference="f", resamples=20)
    f, m = default.groups
    assert (rate(f).events, rate(m).events) == (4, 8)  # outcome > 0
    assert default.settings.rate_definition == "y > 0"
    with pytest.raises(TableError, match="0/1 or true/false"):
        disparity(table.assign(jail=2), "y", "g", rate_col="jail", resamples=5)


# ------------------------------------------------------------------------------------ exclusions


def test_exclusions_are_counted_and_reported() -> None:
    table = pd.DataFrame(
        {
            "g": ["a"] * 6 + ["b"] * 6 + [None] * 2,
            "y": [1.0, 2, 3, None, 5, 6] + [2.0, 3, 4, 5, 6, 7] + [1.0, 2],
            "age": [30, 40, 15, 30, 30, None] + [30] * 6 + [30, 30],
        }
    )
    report = disparity(table, "y", "g", where=["age >= 18"], min_group=1, resamples=20)
    steps = {s.reason: s for s in report.inclusion.steps}
    where = steps["filtered by --where"]
    assert (where.rows, where.false_rows, where.unknown_rows) == (2, 1, 1)  # age 15 false, age missing unknown
    assert steps["missing outcome"].rows == 1
    assert steps["missing group"].rows == 2
    assert report.inclusion.rows_read == 14
    assert report.inclusion.rows_analysed == 14 - 2 - 1 - 2
    text = render(report, "text")
    assert "excluded by --where 'age >= 18': 2 (1 false, 1 unknown because of a missing value)" in text
    assert "excluded, outcome missing: 1" in text
    assert "excluded, g missing: 2" in text
    assert "Rows analysed: 9" in text
    assert "Suppression:" in text
    md = render(report, "markdown")
    assert "Rows analysed: **9**" in md


def test_non_numeric_outcome_is_excluded_with_its_own_reason() -> None:
    table = pd.DataFrame({"g": ["a"] * 6, "y": ["1", "2", "x", "3", "4", "5"]})
    report = disparity(table, "y", "g", min_group=1, resamples=5)
    steps = {s.reason: s.rows for s in report.inclusion.steps}
    assert steps["outcome not a number"] == 1
    assert report.inclusion.rows_analysed == 5


# ------------------------------------------------------------------------------------ suppression


def test_small_groups_are_suppressed() -> None:
    table = pd.concat(
        [small_table(), pd.DataFrame({"group": ["tiny"] * 3, "y": [100.0, 200.0, 300.0]})], ignore_index=True
    )
    report = disparity(table, "y", "group", reference="a", resamples=20)
    tiny = next(g for g in report.groups if g.label == "tiny")
    assert tiny.suppressed and tiny.n is None and tiny.mean is None and tiny.rate is None
    assert [c.group for c in report.comparisons] == ["b"]
    assert report.suppressed_groups == 1
    text = render(report, "text")
    assert "<5" in text and "suppressed" in text and "200" not in text
    assert "1 group(s) of 'group' suppressed" in text
    assert json.loads(render(report, "json"))["groups"][2]["n"] is None
    # lowering the threshold publishes it
    assert not disparity(table, "y", "group", reference="a", min_group=3, resamples=5).groups[2].suppressed
    with pytest.raises(StatsError, match="reference group 'tiny' has fewer than 5"):
        disparity(table, "y", "group", reference="tiny", resamples=5)


# ------------------------------------------------------------------------------------ strata


def strata_table() -> pd.DataFrame:
    rows = []
    # s1: G 3..7 (mean 5, var 2.5), R 1..5 (mean 3, var 2.5): difference 2, SE sqrt(.5 + .5) = 1
    rows += [("s1", "G", v) for v in [3, 4, 5, 6, 7]] + [("s1", "R", v) for v in [1, 2, 3, 4, 5]]
    # s2: G 1,3,5,7,9 (mean 5, var 10), R 0,2,4,6,8 (mean 4, var 10): difference 1, SE sqrt(2 + 2) = 2
    rows += [("s2", "G", v) for v in [1, 3, 5, 7, 9]] + [("s2", "R", v) for v in [0, 2, 4, 6, 8]]
    # s3: a cell below the threshold: not pooled, suppressed
    rows += [("s3", "G", v) for v in [50, 60]] + [("s3", "R", v) for v in [1, 2, 3, 4, 5]]
    return pd.DataFrame(rows, columns=["article", "grp", "months"]).astype({"months": float})


def test_within_strata_inverse_variance_pooled_estimate() -> None:
    report = disparity(strata_table(), "months", "grp", within="article", reference="R", resamples=20)
    (pooled,) = report.pooled
    # weights 1/1 and 1/4: (2 * 1 + 1 * 0.25) / 1.25 = 1.8; SE 1/sqrt(1.25)
    assert pooled.mean_difference == pytest.approx(1.8)
    assert pooled.se == pytest.approx(1 / math.sqrt(1.25))
    z = 1.959963984540054
    assert (pooled.ci_low, pooled.ci_high) == pytest.approx((1.8 - z / math.sqrt(1.25), 1.8 + z / math.sqrt(1.25)))
    # Q = 1 * 0.2^2 + 0.25 * 0.8^2 = 0.2 < df 1 -> I^2 = 0
    assert pooled.cochran_q == pytest.approx(0.2)
    assert pooled.i_squared == 0.0
    assert (pooled.strata_used, pooled.strata_total) == (2, 3)
    s1, s2, s3 = report.strata
    assert s1.weight_share == pytest.approx(0.8) and s2.weight_share == pytest.approx(0.2)
    assert s3.suppressed and not s3.used and s3.n_group is None and s3.mean_group is None
    text = render(report, "text")
    assert "Within article: pooled over strata" in text and "2 of 3" in text


def test_mantel_haenszel_rate_difference() -> None:
    # one stratum: reduces to p1 - p0 with variance p1 q1 / n1 + p0 q0 / n0
    one = est.mantel_haenszel_rate_difference([(8, 10, 4, 10)])
    assert one.estimate == pytest.approx(0.4)
    assert one.se == pytest.approx(math.sqrt(0.8 * 0.2 / 10 + 0.4 * 0.6 / 10))
    # two strata, weights n1 n0 / N = 100/20 = 5 and 50/15 = 10/3, differences 0.4 and 0.6 - 0.5 = 0.1:
    # (5 * 0.4 + 10/3 * 0.1) / (5 + 10/3) = 0.28
    two = est.mantel_haenszel_rate_difference([(8, 10, 4, 10), (3, 5, 5, 10)])
    assert two.estimate == pytest.approx(0.28)


# ------------------------------------------------------------------------------------ where language


WHERE_TABLE = pd.DataFrame(
    {
        "age": [17.0, 18.0, 40.0, None, 25.0],
        "sex": [1, 2, 3, 1, 2],
        "kind": ["fine", "prison", None, "prison", "fine"],
        "employed": [True, False, None, True, False],
        "severity": [1.0, None, 3.0, 4.0, 5.0],
    }
)


@pytest.mark.parametrize(
    ("expr", "keep"),
    [
        ("age>=18", [False, True, True, False, True]),
        ("age >= 18 and sex in [1, 2]", [False, True, False, False, True]),
        ("sex in [1,2]", [True, True, False, True, True]),
        ("sex not in [1, 2]", [False, False, True, False, False]),
        ("severity notnull", [True, False, True, True, True]),
        ("severity is null", [False, True, False, False, False]),
        ("age isnull or age >= 18", [False, True, True, True, True]),
        ("not (age < 18)", [False, True, True, False, True]),  # unknown stays unknown
        ("kind == 'prison'", [False, True, False, True, False]),
        ('kind != "prison"', [True, False, False, False, True]),
        ("employed == true", [True, False, False, True, False]),
        ("employed = 0 OR age < 18", [True, True, False, False, True]),
        ("`age` > -1e1", [True, True, True, False, True]),
    ],
)
def test_where_language_keeps_the_right_rows(expr: str, keep: list[bool]) -> None:
    assert wl.apply(expr, WHERE_TABLE).keep.tolist() == keep


def test_where_counts_false_and_unknown_separately() -> None:
    res = wl.apply("age >= 18", WHERE_TABLE)
    assert (res.false, res.unknown) == (1, 1)


@pytest.mark.parametrize(
    "expr",
    [
        "",
        "age >",
        "age >> 18",
        "age >= 18;",
        "__import__('os').system('true')",
        "age.real > 1",
        "age + 1 > 2",
        "18 <= age",
        "age in 1, 2",
        "age in [1, 'a']",
        "kind == prison",
        "age == null",
        "(age > 1",
        "age > 1 and",
        "lambda: 1",
        "age = = 1",
        "not",
        "(" * 60 + "age > 1" + ")" * 60,
    ],
)
def test_where_language_rejects_bad_expressions(expr: str) -> None:
    with pytest.raises(WhereError):
        wl.parse(expr)


@pytest.mark.parametrize(
    ("expr", "message"),
    [
        ("kind > 'a'", "text can only be compared"),
        ("age == 'x'", "compare it without quotes"),
        ("kind == 3", "holds text"),
        ("kind == true", "not true/false"),
        ("nosuch > 1", "column 'nosuch'"),
    ],
)
def test_where_type_errors_are_explained(expr: str, message: str) -> None:
    with pytest.raises(WhereError, match=message):
        wl.apply(expr, WHERE_TABLE)


def test_where_error_points_at_the_position() -> None:
    with pytest.raises(WhereError) as info:
        wl.parse("age >> 18")
    assert "position 6" in str(info.value) and "\n       ^" in str(info.value)


# ------------------------------------------------------------------------------------ severity


def test_to_month_equivalents_default_scale() -> None:
    assert to_month_equivalents("imprisonment", 18) == 18.0
    assert to_month_equivalents("suspended", 12) == 6.0  # half weight
    assert to_month_equivalents("fine", 900_000) == pytest.approx(2.0)  # 450,000 MNT per month
    assert to_month_equivalents("Community service", 240) == pytest.approx(1.5)  # 160 hours per month
    assert to_month_equivalents("fine", None) is None
    assert to_month_equivalents("fine", 100, {"fine": 0.01}) == pytest.approx(1.0)
    with pytest.raises(SeverityError, match="no conversion rate for sentence kind 'probation'"):
        to_month_equivalents("probation", 12)


def test_severity_scale_file_and_column(tmp_path: Path) -> None:
    scale = tmp_path / "scale.yaml"
    scale.write_text('imprisonment: 1\nrestriction of freedom: "1/2"\nfine: "1/100"\n', encoding="utf-8")
    rates = load_scale(scale)
    assert rates == {"imprisonment": 1.0, "restriction_of_freedom": 0.5, "fine": 0.01}
    table = pd.DataFrame(
        {
            "kind": ["imprisonment", "fine", "Restriction of freedom", "fine", None],
            "months": [10.0, None, 8.0, None, 3.0],
            "amount": [None, 300.0, None, None, None],
        }
    )
    col = month_equivalents_column(table, "kind", {"fine": "amount", "*": "months"}, rates)
    assert col.tolist()[:3] == [10.0, 3.0, 4.0] and col.isna().tolist()[3:] == [True, True]
    with pytest.raises(SeverityError, match="'community_service' \\(5 rows\\)"):
        month_equivalents_column(table.assign(kind="community service"), "kind", {"*": "months"}, rates)
    bad = tmp_path / "bad.yaml"
    bad.write_text("fine: cheap\n", encoding="utf-8")
    with pytest.raises(SeverityError, match="not a number or fraction"):
        load_scale(bad)
    # the report states the scale and counts rows without an amount as a missing outcome
    table = pd.DataFrame(
        {
            "g": ["a"] * 5 + ["b"] * 5,
            "kind": ["imprisonment", "fine"] * 5,
            "months": [1.0] * 10,
            "amount": [100.0] * 9 + [None],
        }
    )
    opts = SeverityOptions("kind", {"imprisonment": "months", "fine": "amount"}, rates)
    report = disparity(table, "me", "g", severity=opts, min_group=1, resamples=5)
    assert report.severity is not None and report.severity.rates["fine"] == 0.01
    assert {s.reason: s.rows for s in report.inclusion.steps}["missing outcome"] == 1
    assert report.groups[0].mean == pytest.approx((3 * 1.0 + 2 * 1.0) / 5)


# ------------------------------------------------------------------------------------ reading and CLI


def test_read_table_formats_agree(tmp_path: Path) -> None:
    table = small_table()
    table.to_csv(tmp_path / "t.csv", index=False)
    table.to_parquet(tmp_path / "t.parquet", index=False)
    table.to_excel(tmp_path / "t.xlsx", index=False)
    table.to_json(tmp_path / "t.jsonl", orient="records", lines=True)
    outputs = set()
    for name in ("t.csv", "t.parquet", "t.xlsx", "t.jsonl"):
        report = disparity(read_table(tmp_path / name), "y", "group", resamples=30, source="t")
        outputs.add(render(report, "json"))
    assert len(outputs) == 1


def test_read_table_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="no such file"):
        read_table(tmp_path / "missing.csv")
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(TableError, match="broken.parquet: cannot read as parquet"):
        read_table(broken)
    with pytest.raises(TableError, match="unknown table format"):
        read_table(tmp_path / "x.docx")


def run_cli(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(disparity_cmd, args)
    return result.exit_code, result.stdout, result.stderr


def test_cli_errors_are_clear_and_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    small_table().to_csv(path, index=False)
    code, _, err = run_cli([str(path), "--outcome", "severity", "--group", "group"])
    assert code == 2 and "cases.csv" in err and "'severity'" in err and "Traceback" not in err
    code, _, err = run_cli([str(path), "--outcome", "y", "--group", "group", "--where", "y >> 1"])
    assert code == 2 and "invalid expression" in err and "Traceback" not in err
    code, _, err = run_cli([str(path), "--outcome", "y", "--group", "group", "--reference", "zz"])
    assert code == 2 and "reference 'zz'" in err
    bad = tmp_path / "bad.parquet"
    bad.write_text("x", encoding="utf-8")
    code, _, err = run_cli([str(bad), "--outcome", "y", "--group", "group"])
    assert code == 2 and "bad.parquet" in err and "Traceback" not in err


def test_cli_output_and_plots_are_byte_identical_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    t = strata_table()
    t.to_csv(path, index=False)
    outputs = []
    for run in ("one", "two"):
        out = tmp_path / run
        code, stdout, err = run_cli(
            [
                str(path),
                "--outcome",
                "months",
                "--group",
                "grp",
                "--within",
                "article",
                "--reference",
                "R",
                "--resamples",
                "200",
                "--out",
                str(out),
                "--format",
                "json",
            ]
        )
        assert code == 0, err
        files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        outputs.append((stdout, files, {f: (out / f).read_bytes() for f in files}))
    assert outputs[0] == outputs[1]
    stdout, files, contents = outputs[0]
    assert json.loads(stdout)["pooled"][0]["mean_difference"] == pytest.approx(1.8)
    assert files == ["plots/01-grp-G-vs-R.png", "plots/01-grp-G-vs-R.svg", "report.json", "report.md", "report.txt"]
    assert b"<dc:date>" not in contents["plots/01-grp-G-vs-R.svg"]
    assert b"Software" not in contents["plots/01-grp-G-vs-R.png"]
    assert contents["plots/01-grp-G-vs-R.png"][:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_computes_month_equivalents(tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    pd.DataFrame(
        {
            "sex": ["f"] * 5 + ["m"] * 5,
            "kind": ["imprisonment", "fine", "suspended", "community_service", "fine"] * 2,
            "months": [12, None, 12, None, None, 24, None, 24, None, None],
            "fine": [None, 450_000, None, None, 900_000, None, 900_000, None, None, 1_800_000],
            "hours": [None, None, None, 160, None, None, None, None, 320, None],
        }
    ).to_csv(path, index=False)
    code, stdout, err = run_cli(
        [
            str(path),
            "--group",
            "sex",
            "--severity-kind",
            "kind",
            "--severity-amount",
            "fine=fine",
            "--severity-amount",
            "community_service=hours",
            "--severity-amount",
            "*=months",
            "--format",
            "json",
            "--resamples",
            "20",
            "--reference",
            "f",
        ]
    )
    assert code == 0, err
    data = json.loads(stdout)
    means = {g["label"]: g["mean"] for g in data["groups"]}
    # f: 12 + 1 + 6 + 1 + 2 = 22 / 5; m: 24 + 2 + 12 + 2 + 4 = 44 / 5
    assert means == {"f": pytest.approx(4.4), "m": pytest.approx(8.8)}
    assert data["outcome"] == "month_equivalents"


# ------------------------------------------------------------------------------------ court policy


def test_court_groups_are_refused_unless_allowed_and_never_against_a_datasheet(tmp_path: Path) -> None:
    table = pd.DataFrame({"court_id": ["c1"] * 5 + ["c2"] * 5, "y": np.arange(10.0), "sex": ["f", "m"] * 5})
    with pytest.raises(PolicyError, match="--allow-court-groups"):
        disparity(table, "y", "court_id", resamples=5)
    assert disparity(table, "y", "court_id", allow_court_groups=True, resamples=5).reference == "c1"
    (tmp_path / "DATASHEET.md").write_text("It should not be used to rank judges or courts.\n", encoding="utf-8")
    table.to_csv(tmp_path / "data.csv", index=False)
    read = read_table(tmp_path / "data.csv")
    with pytest.raises(PolicyError, match="DATASHEET.md says"):
        disparity(read, "y", "court_id", allow_court_groups=True, resamples=5)
    # adjusting for courts is fine, but the per-court rows are not published
    report = disparity(read, "y", "sex", within="court_id", min_group=2, resamples=5)
    assert report.strata == [] and report.strata_detail_hidden and report.pooled
    assert any("rank judges or courts" in n for n in report.notes)


# ------------------------------------------------------------------------------------ Mongolia


#: The study's primary adult sample ("sample_a"; CODEBOOK.md, Canonical samples): age >= 18 and
#: complete on sex, education, employment, crime category, prior record and severity.
SAMPLE_A = [
    "age >= 18",
    "female notnull",
    "education_level notnull",
    "employed notnull",
    "crime_category notnull",
    "prior_criminal notnull",
    "severity notnull",
]


@pytest.fixture(scope="module")
def mongolia() -> pd.DataFrame:
    if not MONGOLIA.is_file():
        pytest.skip(f"Mongolian sentencing dataset not found at {MONGOLIA} (set SENTENCECHECK_SHARED)")
    return read_table(MONGOLIA)


def test_mongolia_primary_sample_matches_the_published_figures(mongolia: pd.DataFrame) -> None:
    assert len(mongolia) == 69_527  # CODEBOOK.md: Rows
    # Published: CODEBOOK.md (N = 29,132) and the study's tables/table1_characteristics.csv and
    # tables/table3_bivariate.csv (severity winsorized at the 99th percentile).
    published = {
        # column: (group, reference, n group, mean group, mean reference, Cohen's d)
        "gender": ("male", "female", 25_221, 9.625519977144268, 8.46305444597858, 0.058702387850890866),
        "employed": ("True", "False", 18_531, 6.676376745429581, 14.351882634866731, -0.39443815293649465),
        "prior_criminal": ("True", "False", 10_353, 14.004061268757313, 6.969497788291886, 0.3604073412918733),
    }
    for column, (grp, ref, n, mean_g, mean_r, d) in published.items():
        report = disparity(
            mongolia,
            "severity_winsorized",
            column,
            reference=ref,
            where=SAMPLE_A,
            rate="sentence_type == 'imprisonment'",
            resamples=200,
        )
        assert report.inclusion.rows_analysed == 29_132
        stats = {g.label: g for g in report.groups}
        assert stats[grp].n == n
        assert stats[grp].mean == pytest.approx(mean_g, rel=1e-9)
        assert stats[ref].mean == pytest.approx(mean_r, rel=1e-9)
        c = comparison(report, grp)
        assert c.cohens_d == pytest.approx(d, rel=1e-9)
        assert c.ci_low < mean_g - mean_r < c.ci_high
    # Table 1, sample A: female 3,911; imprisonment 5,521 (19.0%); severity (winsorized) mean 9.5
    # (SD 19.8), median 1.6
    assert report.overall.rate is not None and report.overall.rate.events == 5_521
    assert round(report.overall.mean or 0, 1) == 9.5 and round(report.overall.sd or 0, 1) == 19.8
    assert round(report.overall.median or 0, 1) == 1.6
    female = disparity(mongolia, "severity_winsorized", "gender", where=SAMPLE_A, resamples=10).groups[0]
    assert (female.label, female.n) == ("female", 3_911)


def test_mongolia_robustness_sample_and_severity_scale(mongolia: pd.DataFrame) -> None:
    # sample_b: no age requirement, known juveniles excluded: N = 35,995 (CODEBOOK.md)
    sample_b = ["age isnull or age >= 18", *SAMPLE_A[1:]]
    report = disparity(mongolia, "severity", "gender", where=sample_b, resamples=10)
    assert report.inclusion.rows_analysed == 35_995
    # the default severity scale reproduces the dataset's own severity column
    computed = month_equivalents_column(
        mongolia,
        "sentence_type",
        {
            "imprisonment": "sentence_months",
            "suspended": "sentence_months",
            "fine": "sentence_fine_mnt",
            "community_service": "sentence_community_hours",
        },
    )
    assert computed.isna().equals(mongolia["severity"].isna())
    assert np.allclose(computed.dropna(), mongolia["severity"].dropna(), rtol=1e-12)


def test_mongolia_refuses_to_rank_courts(mongolia: pd.DataFrame) -> None:
    with pytest.raises(PolicyError, match="rank judges or courts"):
        disparity(mongolia, "severity", "court_id", allow_court_groups=True, resamples=5)
