"""``sentencecheck disparity``: the command-line layer over :mod:`sentencecheck.stats`.

Register it in the main CLI with ``main.add_command(disparity)``.
"""

from __future__ import annotations

from pathlib import Path

import click

from sentencecheck.cli_options import BadInput, output_option, write_output

from .disparity import DEFAULT_MIN_GROUP, DEFAULT_RESAMPLES, DEFAULT_SEED, SeverityOptions, disparity_analysis
from .errors import StatsError, TableError
from .render import Format, render
from .severity import load_scale
from .tables import read_table

_EXT: dict[str, str] = {"text": "txt", "markdown": "md", "json": "json"}


def _amounts(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values:
        kind, sep, col = v.partition("=")
        if not sep or not kind.strip() or not col.strip():
            raise click.BadParameter(f"{v!r}: expected KIND=COLUMN (or *=COLUMN)", param_hint="--severity-amount")
        out[kind.strip()] = col.strip()
    return out


@click.command(name="disparity")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--outcome",
    help="Numeric outcome column (e.g. a severity in months). With --severity-kind: "
    "the name of the computed month-equivalents [default: month_equivalents].",
)
@click.option("--group", required=True, help="Column whose values are the groups compared.")
@click.option("--within", help="Column whose values are strata (e.g. the article); adds a pooled estimate.")
@click.option("--reference", help="Group the others are compared with [default: the largest group].")
@click.option(
    "--where",
    "where",
    multiple=True,
    metavar="EXPR",
    help="Keep rows where EXPR is true, e.g. 'age >= 18', \"sex in [1, 2]\", 'severity notnull'. "
    "Repeatable; all must hold.",
)
@click.option("--rate-col", help="0/1 or true/false column whose share is reported [default: outcome > 0].")
@click.option(
    "--rate",
    "rate_expr",
    metavar="EXPR",
    help="Expression defining the event whose share is reported, e.g. \"sentence_type == 'imprisonment'\".",
)
@click.option(
    "--min-group",
    type=click.IntRange(min=1),
    default=DEFAULT_MIN_GROUP,
    show_default=True,
    help="Groups and stratum cells with fewer rows are suppressed.",
)
@click.option(
    "--resamples",
    type=click.IntRange(min=1),
    default=DEFAULT_RESAMPLES,
    show_default=True,
    help="Bootstrap resamples.",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True, help="Bootstrap seed.")
@click.option("--confidence", type=click.FloatRange(0.5, 1.0, max_open=True), default=0.95, show_default=True)
@click.option(
    "--severity-kind",
    metavar="COL",
    help="Compute the outcome as month-equivalents from the sentence kind in COL.",
)
@click.option(
    "--severity-amount",
    multiple=True,
    metavar="KIND=COL",
    help="Column holding the amount for a sentence kind (repeatable; *=COL for all kinds).",
)
@click.option(
    "--severity-scale",
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML mapping sentence kind -> month-equivalents per unit [default: documented scale].",
)
@click.option(
    "--strata-detail/--no-strata-detail",
    default=True,
    show_default=True,
    help="Publish the per-stratum rows as well as the pooled estimate.",
)
@click.option(
    "--allow-court-groups",
    is_flag=True,
    help="Allow --group to be a court or judge identifier (refused anyway if the data's datasheet "
    "forbids ranking courts or judges).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for report.txt, report.md, report.json and one PNG+SVG plot per comparison.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Format of the report printed on standard output (or written to --output).",
)
@output_option
def disparity(
    input_path: Path,
    outcome: str | None,
    group: str,
    within: str | None,
    reference: str | None,
    where: tuple[str, ...],
    rate_col: str | None,
    rate_expr: str | None,
    min_group: int,
    resamples: int,
    seed: int,
    confidence: float,
    severity_kind: str | None,
    severity_amount: tuple[str, ...],
    severity_scale: Path | None,
    strata_detail: bool,
    allow_court_groups: bool,
    out_dir: Path | None,
    fmt: str,
    output: str,
) -> None:
    """Compare an outcome between groups of cases in INPUT (CSV, TSV, XLSX, Parquet or JSON Lines).

    Prints per-group n, mean, median, SD and rate, the difference to the reference group with a
    bootstrap confidence interval and Cohen's d, optionally within strata with a pooled estimate,
    and the rows excluded and why.

    Exit codes: 0 done, 2 bad input or options (a table that cannot be read, a missing column, an
    invalid expression, an unknown reference group, a comparison the data's terms rule out, an
    output that cannot be written).
    """
    if severity_kind is None and (severity_amount or severity_scale):
        raise click.UsageError("--severity-amount and --severity-scale need --severity-kind")
    if severity_kind is None and not outcome:
        raise click.UsageError("give --outcome (or --severity-kind to compute month-equivalents)")
    if severity_kind is not None and not severity_amount:
        raise click.UsageError("--severity-kind needs --severity-amount KIND=COLUMN for each kind")
    try:
        sev = None
        if severity_kind is not None:
            rates = load_scale(severity_scale) if severity_scale else None
            sev = SeverityOptions(
                kind_column=severity_kind,
                amount_columns=_amounts(severity_amount),
                rates=rates,
                scale_source=f"scale from {severity_scale}"
                if severity_scale
                else "default scale (Mongolian sentencing study)",
            )
        table = read_table(input_path)
        analysis = disparity_analysis(
            table,
            outcome or "month_equivalents",
            group,
            within,
            reference,
            where=where,
            rate_col=rate_col,
            rate=rate_expr,
            min_group=min_group,
            resamples=resamples,
            seed=seed,
            confidence=confidence,
            severity=sev,
            strata_detail=strata_detail,
            allow_court_groups=allow_court_groups,
            source=str(input_path),
        )
    except (StatsError, TableError) as exc:
        raise BadInput(str(exc)) from exc
    fmt_v: Format = "json" if fmt == "json" else "markdown" if fmt == "markdown" else "text"
    written: list[Path] = []
    if out_dir is not None:
        from .plots import write_plots

        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            for f, ext in _EXT.items():
                kind: Format = "json" if f == "json" else "markdown" if f == "markdown" else "text"
                (out_dir / f"report.{ext}").write_text(render(analysis.report, kind), encoding="utf-8")
            written = write_plots(analysis.report, analysis.rows, out_dir / "plots")
        except OSError as exc:
            raise BadInput(f"{out_dir}: cannot write output: {exc.strerror or exc}") from exc
    write_output(render(analysis.report, fmt_v), output)
    if out_dir is not None:
        click.echo(f"wrote {len(_EXT)} reports and {len(written)} plot files to {out_dir}", err=True)
