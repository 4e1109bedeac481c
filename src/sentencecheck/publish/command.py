"""``sentencecheck publish``: a thin click layer over :func:`sentencecheck.publish.publish`."""

from __future__ import annotations

from pathlib import Path

import click

from sentencecheck.cli_options import RULES_HELP, BadInput
from sentencecheck.errors import SentencecheckError
from sentencecheck.io.safe import safe_terminal
from sentencecheck.publish.build import publish as publish_audit

UNREDACTED_WARNING = (
    "WARNING: this audit was run without --redact: the database holds the case files' names, case ids, courts and "
    "free text. Browse it on this machine only; do not publish it. To publish, run the audit again with --redact "
    "and publish that folder."
)


@click.command("publish")
@click.argument("audit_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("-o", "--output", "db_path", required=True, metavar="FILE",
              type=click.Path(path_type=Path, dir_okay=False),
              help="The SQLite database to write (e.g. audit.db); its Datasette metadata goes beside it "
                   "(audit.metadata.json).")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help=RULES_HELP + " Must be the rule set the audit ran (same digest); default: the one its manifest "
                                "names.")
@click.option("--overwrite", is_flag=True, help="Replace the database and metadata file if they exist.")
def publish(audit_dir: Path, db_path: Path, rules_dir: Path | None, overwrite: bool) -> None:
    """Write a complete audit folder (sentencecheck audit --out DIR) as a SQLite database for Datasette: cases,
    findings (full-text search), rules, citations, rejected records, inputs, the manifest, and flag-rate views
    with small groups suppressed; plus DB.metadata.json (en/ru descriptions, facets, SQL off). See docs/publish.md.

    Browse on this machine: datasette audit.db -m audit.metadata.json (binds 127.0.0.1).

    Exit codes: 0 written (a warning on standard error when the audit was not redacted); 2 not a complete audit
    folder, a damaged one, a rule set other than the audit's, an existing database without --overwrite, or a file
    that cannot be written.
    """
    try:
        result = publish_audit(audit_dir, db_path, rules_dir=rules_dir, overwrite=overwrite)
    except SentencecheckError as exc:
        raise BadInput(safe_terminal(str(exc))) from None
    if not result.redacted:
        click.echo(UNREDACTED_WARNING, err=True)
    c = result.counts
    click.echo(f"{result.db_path}: {c['cases']} cases, {c['findings']} findings, {c['rejected']} rejected records, "
               f"{c['rules']} rules; metadata {result.metadata_path}", err=True)
    click.echo(f"browse: datasette {result.db_path} -m {result.metadata_path}", err=True)
