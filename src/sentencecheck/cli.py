"""The ``sentencecheck`` command: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from sentencecheck import __version__
from sentencecheck.api import evaluate
from sentencecheck.errors import SentencecheckError
from sentencecheck.io.documents import iter_paths
from sentencecheck.model.load import case_schema_text, load_case
from sentencecheck.report.model import Report
from sentencecheck.report.render import render
from sentencecheck.rules.load import load_rule_set

ENGINES = click.Choice(["durable", "python"])


def _fail(exc: SentencecheckError) -> None:
    click.echo(str(exc), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sentencecheck")
def main() -> None:
    """Screen criminal and administrative verdicts for likely leniency or over-punishment.

    A screening aid, not legal advice.
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en")
@click.option("--engine", type=ENGINES, default="durable", show_default=True)
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Use another rules folder (with its law/ data) instead of the bundled one.")
@click.option("--redact", is_flag=True, help="Replace the names of people with pseudonyms.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), default=None)
def check(files: tuple[Path, ...], fmt: str, lang: str, engine: str, rules_dir: Path | None, redact: bool,
          output: Path | None) -> None:
    """Screen case files (YAML or JSON; folders are searched).

    Exit code: 0 no findings, 1 findings, 2 bad input.
    """
    try:
        rule_set = load_rule_set(rules_dir) if rules_dir else None
    except SentencecheckError as exc:
        _fail(exc)
        sys.exit(2)
    reports: list[Report] = []
    bad = 0
    paths = list(iter_paths(files))
    if not paths:
        click.echo("no case files found", err=True)
        sys.exit(2)
    for path in paths:
        try:
            case = load_case(path)
            reports.append(evaluate(case, engine=engine, rule_set=rule_set, lang=lang, redact=redact))  # type: ignore[arg-type]
        except SentencecheckError as exc:
            bad += 1
            _fail(exc)
    if reports:
        text = render(reports, fmt)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)
    if bad:
        sys.exit(2)
    sys.exit(1 if any(r.findings for r in reports) else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a case file."""
    click.echo(case_schema_text(), nl=False)


@main.group()
def rules() -> None:
    """Inspect the rule set."""


@rules.command("list")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en")
def rules_list(rules_dir: Path | None, lang: str) -> None:
    """One line per rule: id, direction, severity, title."""
    try:
        rs = load_rule_set(rules_dir)
    except SentencecheckError as exc:
        _fail(exc)
        sys.exit(2)
    for r in rs.rules:
        click.echo(f"{r.id:42} {r.spec.direction:16} {r.spec.severity:9} {getattr(r.spec.title, lang)}")


@rules.command("show")
@click.argument("rule_id")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
def rules_show(rule_id: str, rules_dir: Path | None) -> None:
    """Show one rule as written, with the file it comes from."""
    try:
        rs = load_rule_set(rules_dir)
    except SentencecheckError as exc:
        _fail(exc)
        sys.exit(2)
    rule = rs.by_id(rule_id)
    if rule is None:
        click.echo(f"no rule {rule_id!r}; see `sentencecheck rules list`", err=True)
        sys.exit(2)
    import yaml

    click.echo(f"# {rule.file}")
    click.echo(yaml.safe_dump(rule.spec.model_dump(mode="json", exclude_none=True), allow_unicode=True,
                              sort_keys=False, width=100), nl=False)


@rules.command("facts")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules_facts(fmt: str) -> None:
    """The facts rule conditions may read."""
    from sentencecheck.rules.vocabulary import FACTS, facts_markdown

    if fmt == "markdown":
        click.echo(facts_markdown(), nl=False)
        return
    if fmt == "json":
        data = {n: {"kind": s.kind, "description": s.description, "domain": list(s.domain)} for n, s in FACTS.items()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True))
        return
    for name, spec in FACTS.items():
        extra = f" [{', '.join(spec.domain)}]" if spec.domain else ""
        click.echo(f"{name:36} {spec.kind:7} {spec.description}{extra}")


@main.command("test-rules")
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None)
@click.option("--cases", "cases_dirs", multiple=True, type=click.Path(path_type=Path, exists=True),
              help="Case files or folders with expected findings (default: the bundled cases/).")
@click.option("--engine", "engines", multiple=True, type=ENGINES, help="Engines to check (default: both).")
def test_rules(rules_dir: Path | None, cases_dirs: tuple[Path, ...], engines: tuple[str, ...]) -> None:
    """Run every rule's examples and every case file's expected findings; exit 1 on any failure."""
    from sentencecheck.paths import bundled_cases_dir
    from sentencecheck.rules.selftest import run_self_test

    try:
        rs = load_rule_set(rules_dir)
    except SentencecheckError as exc:
        _fail(exc)
        sys.exit(2)
    default = bundled_cases_dir()
    paths = list(cases_dirs) or ([default] if default else [])
    report = run_self_test(rs, paths, tuple(engines) or ("python", "durable"))  # type: ignore[arg-type]
    click.echo(report.render(), nl=False)
    sys.exit(0 if report.ok else 1)


def _register_commands() -> None:
    """Commands that live in their own packages."""
    from sentencecheck.audit.cli import audit, template
    from sentencecheck.stats.cli import disparity

    for command in (audit, template, disparity):
        main.add_command(command)


_register_commands()
