"""``sentencecheck audit`` and ``sentencecheck template``."""

from __future__ import annotations

import functools
import sys
from datetime import datetime
from pathlib import Path

import click
from click.core import ParameterSource

from sentencecheck.batch.interrupt import Interrupted
from sentencecheck.batch.library import audit as run_audit
from sentencecheck.batch.library import resume_audit
from sentencecheck.batch.template import template_content
from sentencecheck.cli_options import (
    BadInput,
    as_of_option,
    output_option,
    redact_key_option,
    rules_option,
    write_output,
)
from sentencecheck.errors import AuditError


@click.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--out", "out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Output folder: new or empty (created if needed; filled only when the audit is complete).")
@click.option("--overwrite", is_flag=True,
              help="Replace the audit already in --out (a folder holding anything else is never replaced).")
@click.option("--resume", "resume_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Continue the unfinished audit of this --out folder from its last complete chunk, with its own "
                   "inputs and options (only --jobs may be given).")
@click.option("--engine", type=click.Choice(["durable", "python"]), default="durable", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--mapping", "mapping_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=None, help="YAML file mapping spreadsheet columns to case fields.")
@rules_option
@click.option("--redact", is_flag=True,
              help="Replace names, ids, courts' names and free text with keyed pseudonyms and labels in every output.")
@redact_key_option(", kept outside --out")
@click.option("--min-group", type=click.IntRange(min=1), default=5, show_default=True,
              help="Suppress summary groups with fewer audited cases.")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en",
              help="Language of the findings' texts, summary.md, summary.html and the plots (file names, CSV "
                   "columns and JSON keys stay English).")
@as_of_option("; recorded in manifest.json")
@click.option("--hang-seconds", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="A case still running after this long is rejected as an engine hang (its worker is killed).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Cases sent to a worker at a time.")
@click.option("--dask", "dask", metavar="SCHEDULER", default=None,
              help="Screen on the Dask cluster whose scheduler is at this address (tcp://HOST:8786) instead of "
                   "worker processes here; --jobs does not apply. Case data goes to its workers: use only a "
                   "cluster of your own (docs/cluster.md).")
def audit(inputs: tuple[Path, ...], out: Path | None, overwrite: bool, resume_dir: Path | None, engine: str,
          jobs: int | None, mapping_file: Path | None, rules_dir: Path | None, redact: bool, redact_key: Path | None,
          min_group: int, lang: str, as_of: datetime | None, chunk_size: int, hang_seconds: float,
          dask: str | None) -> None:
    """Screen many cases: JSON Lines, JSON arrays, folders of YAML/JSON case files, CSV and XLSX.

    Writes findings.jsonl, findings.csv, cases.csv, rejected.jsonl, summary.md, summary.html,
    plots/ and manifest.json to the folder --out, moved there only when complete. An unfinished audit
    (interrupted, disk full) leaves its outputs in .OUT.partial beside it, manifest marked incomplete:
    continue it with --resume OUT.

    Exit codes: 0 done (even with rejected records), 2 unusable input, options, mapping, rules folder
    or output folder (used, locked by another audit, read-only, full), 130 interrupted (SIGINT),
    143 interrupted (SIGTERM).
    """
    ctx = click.get_current_context()
    notify = functools.partial(click.echo, err=True)
    try:
        if resume_dir is not None:
            given = [p.get_error_hint(ctx) for p in ctx.command.params
                     if p.name not in (None, "resume_dir", "jobs")
                     and ctx.get_parameter_source(p.name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)]
            if given:
                raise click.UsageError("--resume continues the run with its own inputs and options: give only "
                                       f"--jobs with it, not {', '.join(given)}")
            result = resume_audit(resume_dir, jobs=jobs, notify=notify, progress=True)
        else:
            if not inputs or out is None:
                raise click.UsageError("give INPUT... and --out DIR (or --resume DIR)")
            result = run_audit(inputs, out, jobs=jobs, engine=engine, mapping=mapping_file, rules=rules_dir,
                               redact=redact, redact_key=redact_key, min_group=min_group, lang=lang,
                               as_of=as_of.date() if as_of else None, chunk_size=chunk_size, hang_seconds=hang_seconds,
                               dask=dask, overwrite=overwrite, notify=notify, progress=True)
    except Interrupted as stop:
        click.echo(stop.message or f"interrupted by {stop.name} before the audit started: nothing was written",
                   err=True)
        sys.exit(stop.exit_code)
    except AuditError as exc:
        raise BadInput(str(exc)) from None
    click.echo(result.summary_line(), err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True)
@output_option
def template(fmt: str, output: str) -> None:
    """Write a spreadsheet template with the default columns (the xlsx has a README sheet).

    An xlsx workbook is not written to a terminal: give -o FILE or redirect standard output.

    Exit codes: 0 written, 2 the output cannot be written.
    """
    write_output(template_content(fmt), output)
    if output != "-":
        click.echo(f"wrote {output}", err=True)
