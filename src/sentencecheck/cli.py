"""The ``sentencecheck`` command: a thin click layer over the library."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from sentencecheck.api import evaluate
from sentencecheck.cli_lazy import LazyGroup
from sentencecheck.cli_options import as_of_option, output_option, redact_key_option, rules_option, write_output
from sentencecheck.errors import SentencecheckError
from sentencecheck.io.documents import iter_paths
from sentencecheck.io.safe import safe_terminal
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_schema_text, load_case
from sentencecheck.model.text import read_case_stream
from sentencecheck.report.docx import to_docx
from sentencecheck.report.model import Report
from sentencecheck.report.redact import command_key
from sentencecheck.report.render import render
from sentencecheck.rules.load import load_rule_set
from sentencecheck.version import __version__

ENGINES = click.Choice(["durable", "python"])
STDIN = Path("-")


def _fail(exc: SentencecheckError) -> None:
    """The error on standard error, without terminal escape sequences a case file may carry."""
    click.echo(safe_terminal(str(exc)), err=True)


def _case_paths(files: tuple[Path, ...]) -> list[Path]:
    """The case files named or found in the named folders, in order; ``-`` (standard input) at most once."""
    if files.count(STDIN) > 1:
        raise click.BadParameter("'-' (standard input) may be given only once", param_hint="FILES")
    return [p for f in files for p in ([f] if f == STDIN else iter_paths([f]))]


def _load(path: Path) -> Case:
    return read_case_stream(sys.stdin.buffer) if path == STDIN else load_case(path)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, lazy_subcommands={
    "audit": "sentencecheck.batch.cli:audit",
    "template": "sentencecheck.batch.cli:template",
    "disparity": "sentencecheck.stats.cli:disparity",
    "new": "sentencecheck.casefile.skeleton:new",
    "extract": "sentencecheck.extract.command:extract",
    "interview": "sentencecheck.interview.command:interview",
    "publish": "sentencecheck.publish.command:publish",
}, extras={"publish": "publish"})
@click.version_option(__version__, prog_name="sentencecheck")
def main() -> None:
    """Screen criminal and administrative verdicts for likely leniency or over-punishment.

    A screening aid, not legal advice.

    Exit codes: 0 done (for check: no findings), 1 findings (check) or a failed check (test-rules),
    2 bad input, options or output path. Every command's help names its own; see docs/cli.md.
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown", "html", "docx"]), default="text",
              help="docx: a Word draft of the grounds for the lawyer to verify and complete (needs -o FILE).")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en")
@as_of_option()
@click.option("--engine", type=ENGINES, default="durable", show_default=True)
@rules_option
@click.option("--redact", is_flag=True,
              help="Replace names, ids, courts' names and free text with pseudonyms and labels in every format.")
@redact_key_option()
@click.option("--summary", is_flag=True,
              help="Only the summary: one case's grounds and deadlines, or a table over many cases.")
@click.option("--settle/--no-settle", default=True, show_default=True,
              help="With each possible finding, the fewest facts that would confirm it and the fewest that would "
                   "clear it (found by an SMT solver, z3; about 0.1-0.5 s a finding); --no-settle lists every "
                   "unknown fact the rule reads instead.")
@output_option
def check(files: tuple[Path, ...], fmt: str, lang: str, as_of: datetime | None, engine: str,
          rules_dir: Path | None, redact: bool, redact_key: Path | None, summary: bool, settle: bool,
          output: str) -> None:
    """Screen case files (YAML or JSON; folders are searched; - reads one case from standard input).

    Exit codes: 0 screened, no findings; 1 findings; 2 bad input (a case file, the rules folder, an option or
    the output file); 3 no findings, but some case was not (fully) screened (a charge or date the statute data
    does not cover) — not a clean result.
    """
    try:
        rule_set = load_rule_set(rules_dir) if rules_dir else None
        key, notice = command_key(redact, redact_key, None if output == "-" else Path(output))
    except SentencecheckError as exc:
        _fail(exc)
        sys.exit(2)
    if notice:
        click.echo(notice, err=True)
    reports: list[Report] = []
    bad = 0
    today = as_of.date() if as_of else date.today()
    paths = _case_paths(files)
    if not paths:
        click.echo("no case files found", err=True)
        sys.exit(2)
    for path in paths:
        try:
            case = _load(path)
            reports.append(evaluate(case, engine=engine, rule_set=rule_set, lang=lang, redact=key or False,  # type: ignore[arg-type]
                                    as_of=today, settle=settle))
        except SentencecheckError as exc:
            bad += 1
            _fail(exc)
    if reports:
        write_output(to_docx(reports) if fmt == "docx" else render(reports, fmt, summary), output)
    if bad:
        sys.exit(2)
    if any(r.findings for r in reports):
        sys.exit(1)
    sys.exit(3 if any(r.screening != "screened" for r in reports) else 0)


@main.command()
@output_option
def schema(output: str) -> None:
    """Print the JSON Schema of a case file.

    Exit codes: 0 written, 2 the output file cannot be written.
    """
    write_output(case_schema_text(), output)


@main.group(cls=LazyGroup, lazy_subcommands={"prove": "sentencecheck.verify.command:prove_command"},
            extras={"prove": "verify"})
def rules() -> None:
    """Inspect the rule set.

    Exit codes: 0 written, 2 an unusable rules folder, an unknown rule id or an output file that cannot be
    written.
    """


@rules.command("list")
@rules_option
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en")
@output_option
def rules_list(rules_dir: Path | None, lang: str, output: str) -> None:
    """One line per rule: id, direction, severity, title.

    Exit codes: 0 written, 2 an unusable rules folder or output file.
    """
    try:
        rs = load_rule_set(rules_dir)
    except SentencecheckError as exc:
        _fail(exc)
        sys.exit(2)
    write_output("".join(f"{r.id:42} {r.spec.direction:16} {r.spec.severity:9} {getattr(r.spec.title, lang)}\n"
                         for r in rs.rules), output)


@rules.command("show")
@click.argument("rule_id")
@rules_option
@output_option
def rules_show(rule_id: str, rules_dir: Path | None, output: str) -> None:
    """Show one rule as written, with the file it comes from.

    Exit codes: 0 written, 2 an unknown rule id, an unusable rules folder or output file.
    """
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

    write_output(f"# {rule.file}\n" + yaml.safe_dump(rule.spec.model_dump(mode="json", exclude_none=True),
                                                    allow_unicode=True, sort_keys=False, width=100), output)


@rules.command("facts")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text")
@output_option
def rules_facts(fmt: str, output: str) -> None:
    """The facts rule conditions may read.

    Exit codes: 0 written, 2 the output file cannot be written.
    """
    from sentencecheck.rules.vocabulary import FACTS, facts_markdown

    if fmt == "markdown":
        write_output(facts_markdown(), output)
        return
    if fmt == "json":
        data = {n: {"kind": s.kind, "description": s.description, "domain": list(s.domain)} for n, s in FACTS.items()}
        write_output(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n", output)
        return
    lines = []
    for name, spec in FACTS.items():
        extra = f" [{', '.join(spec.domain)}]" if spec.domain else ""
        lines.append(f"{name:36} {spec.kind:7} {spec.description}{extra}\n")
    write_output("".join(lines), output)


@main.command("test-rules")
@rules_option
@click.option("--cases", "cases_dirs", multiple=True, type=click.Path(path_type=Path, exists=True),
              help="Case files or folders with expected findings (default: the bundled cases/).")
@click.option("--engine", "engines", multiple=True, type=ENGINES, help="Engines to check (default: both).")
@output_option
def test_rules(rules_dir: Path | None, cases_dirs: tuple[Path, ...], engines: tuple[str, ...], output: str) -> None:
    """Run every rule's examples and every case file's expected findings.

    Exit codes: 0 every check passed, 1 a check failed, 2 an unusable rules folder, a case file that
    cannot be read (the report is still written), or an output file that cannot be written.
    """
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
    write_output(report.render(), output)
    if report.unreadable:
        click.echo(f"case files that cannot be read: {report.unreadable} (see the report)", err=True)
        sys.exit(2)
    sys.exit(0 if report.ok else 1)
