"""``sentencecheck extract``: a thin click layer over :mod:`sentencecheck.extract`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sentencecheck.errors import InputError, SentencecheckError
from sentencecheck.io.safe import safe_terminal


@click.command("extract")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--out", "out", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the drafts (NAME.yaml each); without it, one draft goes to standard output.")
@click.option("--redact", is_flag=True,
              help="Replace people's names, in fields and quoted passages, by placeholders ([ЛИЦО 1]); needs "
                   "sentencecheck[extract] (natasha's recogniser, offline).")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en", show_default=True,
              help="Language of the draft's opening comments and line references.")
@click.option("--score", "score_dir", type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="Instead of drafting: read every NAME.txt (.docx, .pdf, .html) in this folder that has a "
                   "NAME.expected.yaml, and print per-field accuracy and whether the findings agree.")
@click.option("--force", is_flag=True, help="Overwrite drafts already in the --out folder.")
def extract(files: tuple[Path, ...], out: Path | None, redact: bool, lang: str, score_dir: Path | None,
            force: bool) -> None:
    """Draft a case file from a decision's text: .txt, .docx, text PDF or saved HTML, Russian-language verdicts of
    Kazakhstan's (and Russia's) courts.

    Every value comes with the passage it was read from; what the text does not state is left out and listed.
    Nothing leaves this machine. Exit codes: 0 every draft loads, 1 some draft needs fields completed before it
    loads (its comments list them), 2 bad input or options.
    """
    from sentencecheck.extract.score import score, score_text

    if score_dir is not None:
        if files:
            raise click.UsageError("--score reads its own folder; give no FILES with it")
        click.echo(score_text(score(score_dir)), nl=False)
        return
    if not files:
        raise click.UsageError("name at least one decision file (or --score FOLDER)")
    if out is None and len(files) > 1:
        raise click.UsageError("several files need --out FOLDER (one draft each)")
    incomplete = 0
    failed = 0
    for path in files:
        try:
            text, valid, target = _draft_one(path, out, redact, lang, force)
        except SentencecheckError as exc:
            click.echo(safe_terminal(str(exc)), err=True)
            failed += 1
            continue
        incomplete += not valid
        if target is None:
            click.echo(text, nl=False)
        else:
            state = "loads" if valid else "needs completing (see its comments)"
            click.echo(f"{path} -> {target}: {state}", err=True)
    sys.exit(2 if failed else 1 if incomplete else 0)


def _draft_one(path: Path, out: Path | None, redact: bool, lang: str, force: bool) -> tuple[str, bool, Path | None]:
    """One decision drafted, and written to ``out`` (or returned for standard output)."""
    from sentencecheck.extract.draft import draft
    from sentencecheck.extract.output import redact_draft, to_yaml

    d = draft(path, lang)
    if redact:
        redact_draft(d)
    text = to_yaml(d, lang)
    if out is None:
        return text, d.valid, None
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{path.stem}.yaml"
    if target.exists() and not force:
        raise InputError("a draft is already there; use --force to overwrite it, or another --out", str(target))
    target.write_text(text, encoding="utf-8")
    return text, d.valid, target
