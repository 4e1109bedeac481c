"""``sentencecheck audit`` and ``sentencecheck template``."""

from __future__ import annotations

import json
import os
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from sentencecheck import __version__
from sentencecheck.audit.mapping import DEFAULT_MAPPING, Mapping, load_mapping
from sentencecheck.audit.readers import estimate_records, input_files, read_records, sha256_file
from sentencecheck.audit.runner import Runner
from sentencecheck.audit.template import template_content
from sentencecheck.audit.worker import Options
from sentencecheck.cli_options import BadInput, output_option, write_output
from sentencecheck.errors import SentencecheckError
from sentencecheck.rules.load import default_rule_set, load_rule_set


def _progress() -> Any:
    """A progress bar with rate and ETA on a terminal; silent otherwise."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    return Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                    TimeElapsedColumn(), TimeRemainingColumn(), console=console, disable=not console.is_terminal)


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Output folder (created if needed).")
@click.option("--engine", type=click.Choice(["durable", "python"]), default="durable", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--mapping", "mapping_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              default=None, help="YAML file mapping spreadsheet columns to case fields.")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Use another rules folder (with its law/ data) instead of the bundled one.")
@click.option("--redact", is_flag=True, help="Replace the names of people with stable pseudonyms in every output.")
@click.option("--min-group", type=click.IntRange(min=1), default=5, show_default=True,
              help="Suppress summary groups with fewer audited cases.")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en",
              help="Language of the findings' texts, summary.md, summary.html and the plots (file names, CSV "
                   "columns and JSON keys stay English).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d", "%d.%m.%Y"]), default=None,
              help="Measure appeal and cassation deadlines against this date (YYYY-MM-DD or DD.MM.YYYY) "
                   "instead of today; recorded in manifest.json.")
@click.option("--hang-seconds", type=click.FloatRange(min=0.1), default=120.0, show_default=True,
              help="A case still running after this long is rejected as an engine hang (its worker is killed).")
@click.option("--chunk-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Cases sent to a worker at a time.")
def audit(inputs: tuple[Path, ...], out: Path, engine: str, jobs: int | None, mapping_file: Path | None,
          rules_dir: Path | None, redact: bool, min_group: int, lang: str, as_of: datetime | None,
          chunk_size: int, hang_seconds: float) -> None:
    """Screen many cases: JSON Lines, JSON arrays, folders of YAML/JSON case files, CSV and XLSX.

    Writes findings.jsonl, findings.csv, cases.csv, rejected.jsonl, summary.md, summary.html,
    plots/ and manifest.json to the folder --out.

    Exit codes: 0 done (even with rejected records), 2 unusable input, options, mapping, rules folder
    or output folder.
    """
    try:
        rule_set = load_rule_set(rules_dir) if rules_dir else default_rule_set()
        mapping = load_mapping(mapping_file) if mapping_file else Mapping(dict(DEFAULT_MAPPING))
    except SentencecheckError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    files = input_files(list(inputs))
    if not files:
        click.echo("no input files found", err=True)
        sys.exit(2)
    today = as_of.date() if as_of else date.today()  # fixed once: every worker measures against the same day
    options = Options(engine=engine, rules_dir=str(rules_dir.resolve()) if rules_dir else None, redact=redact,
                      lang=lang, as_of=today.isoformat())
    from sentencecheck.audit.outputs import Outputs
    from sentencecheck.audit.summary import Tally, write_summary

    estimates = [estimate_records(f) for f in files]
    total = None if any(e is None for e in estimates) else sum(e or 0 for e in estimates)
    tally = Tally()
    try:
        outputs = Outputs(out, tally)
    except OSError as exc:
        raise BadInput(f"{out}: cannot write the output folder: {exc.strerror or exc}") from exc
    progress = _progress()
    try:
        with Runner(options, jobs or os.cpu_count() or 1, chunk_size, hang_seconds) as runner, progress:
            task = progress.add_task("audit", total=total, rate="")
            for record, result in runner.run(read_records(list(inputs), mapping)):
                outputs.write(record, result)
                progress.update(task, advance=1)
                if tally.read % 500 == 0:
                    speed = progress.tasks[0].speed
                    progress.update(task, rate=f"{speed:,.0f} cases/s" if speed else "")
            crashes = runner.crashes + runner.hangs
    except SentencecheckError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    finally:
        outputs.close()
    write_summary(out, tally, rule_set, min_group, engine, lang, today)
    manifest = {
        "sentencecheck_version": __version__,
        "ruleset_digest": rule_set.digest,
        "statute_data_digest": rule_set.book.digest,
        "inputs": [{"path": str(f), "sha256": sha256_file(f), "bytes": f.stat().st_size} for f in files],
        "counts": {**tally.counts(), "rejected_by_reason": dict(sorted(tally.reasons.items()))},
        "options": {"engine": engine, "redact": redact, "min_group": min_group, "lang": lang,
                    "as_of": today.isoformat(),
                    "mapping": mapping.columns if mapping_file else "default",
                    "rules": str(rules_dir) if rules_dir else "bundled"},
        "note": "Byte-identical for the same inputs and options whatever --jobs and --chunk-size are.",
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
                                       encoding="utf-8")
    click.echo(f"read {tally.read} = audited {tally.n_audited} + rejected {tally.n_rejected}; "
               f"{tally.findings} findings in {tally.flagged} cases"
               + (f"; {crashes} crash(es) or hang(s) isolated" if crashes else "") + f"; outputs in {out}", err=True)


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
