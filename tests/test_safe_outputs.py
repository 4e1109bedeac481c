"""Safe to open (issue 9, item 6): no formula reaches a spreadsheet, no HTML, script link or tracking image reaches a
Markdown viewer, no escape sequence reaches a terminal — whatever the case data holds."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from sentencecheck.api import evaluate
from sentencecheck.batch.cli import audit
from sentencecheck.cli import main
from sentencecheck.io.safe import FORMULA_START, safe_cell, safe_markdown, safe_terminal
from sentencecheck.model.load import case_from_data
from sentencecheck.report.render import to_html, to_markdown, to_text

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
AS_OF = "2026-01-01"
COURT = '=HYPERLINK("http://evil/c","court") | <script>alert(1)</script> [x](javascript:alert(1))'
NAME = '=HYPERLINK("http://evil/n","name")\x1b[31mRed\x1b]0;pwned\x07'
TITLE = "<script>alert(2)</script> [x](javascript:alert(1)) ![t](http://evil/p.png)"
INPUT = "=1+2.jsonl"
UNSAFE_MARKDOWN = ("<script", "javascript:", "evil/p.png", "![", "](")


def _hostile() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["id"] = "hostile"
    data["title"] = TITLE
    data["proceeding"]["court"] = COURT
    data["defendants"][0]["name"] = NAME
    return data


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory, fixture_rules_dir: Path) -> Path:
    """One hostile case in a file whose name is a formula too (given relative, as a user types it)."""
    folder = tmp_path_factory.mktemp("safe")
    (folder / INPUT).write_text(json.dumps(_hostile(), ensure_ascii=False) + "\n", encoding="utf-8")
    out = folder / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        result = CliRunner().invoke(audit, [INPUT, "--out", str(out), "--engine", "python", "--jobs", "1",
                                            "--min-group", "1", "--as-of", AS_OF, "--rules", str(fixture_rules_dir)],
                                    catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(("value", "cell"), [
    ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
    ("+7 701 000 00 00", "'+7 701 000 00 00"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'=1+1"),
    ("-", "'-"),
    ("-1.5", "-1.5"),
    ("+2", "+2"),
    ("-1e-3", "-1e-3"),
    (-1.5, "-1.5"),
    (-3, "-3"),
    (None, ""),
    ("Алматинский районный суд", "Алматинский районный суд"),
    ("a=b", "a=b"),
])
def test_a_cell_a_spreadsheet_would_run_is_neutralised_and_numbers_stay_numbers(value: object, cell: str) -> None:
    assert safe_cell(value) == cell


def test_formulas_in_a_court_and_a_defendant_name_reach_neither_csv_as_formulas(audited: Path) -> None:
    cases = _csv(audited / "cases.csv")
    findings = _csv(audited / "findings.csv")
    assert cases[0]["court"] == "'" + COURT
    assert findings and {f["defendant"] for f in findings} == {"'" + safe_terminal(NAME)}
    assert cases[0]["sentence_years"] == "8.0"
    assert {r["source_file"] for r in [*cases, *findings]} == {"'" + INPUT}
    for row in [*cases, *findings]:
        for column, value in row.items():
            assert not value.startswith(FORMULA_START) or re.fullmatch(r"[+-]?[\d.]+", value), (column, value)
            assert "\x1b" not in value and "\x07" not in value, (column, value)


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("|")]


def _cells(row: str) -> int:
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_summary_md_passes_no_html_script_link_and_a_pipe_does_not_shift_its_table(audited: Path) -> None:
    md = (audited / "summary.md").read_text(encoding="utf-8")
    for unsafe in ("<script", "javascript:", "evil/p.png"):
        assert unsafe not in md
    court_rows = [row for row in _table_rows(md) if "HYPERLINK" in row]
    assert court_rows and all("\\|" in row for row in court_rows)
    tables = md.split("\n## ")
    for table in tables:
        rows = _table_rows(table)
        assert len({_cells(row) for row in rows}) <= 1, rows
    assert "&lt;script&gt;" in md
    html_page = (audited / "summary.html").read_text(encoding="utf-8")
    assert "<script" not in html_page


def _rendered(markdown: str) -> str:
    """HTML as a Markdown viewer makes it (CommonMark with raw HTML allowed, and tables)."""
    return str(MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown))


def _assert_renders_safely(markdown: str) -> None:
    page = _rendered(markdown)
    assert "<script" not in page and "javascript:" not in page
    assert re.findall(r"<img [^>]*>", page) == re.findall(r'<img src="plots/[^"]+" alt="[^"]*" />', page)
    assert re.findall(r'href="([^"]*)"', page) == re.findall(r'href="((?:#|plots/)[^"]*)"', page)
    for table in re.findall(r"<table>.*?</table>", page, re.S):
        rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
        assert len({len(re.findall(r"<t[hd][ >]", row)) for row in rows}) == 1, table


def test_markdown_outputs_render_with_no_script_foreign_link_or_image_and_whole_table_rows(audited: Path) -> None:
    _assert_renders_safely((audited / "summary.md").read_text(encoding="utf-8"))
    _assert_renders_safely(to_markdown([_report()]))
    _assert_renders_safely(to_markdown([_report("ru")], summary=True))


def _report(lang: str = "en") -> Any:
    return evaluate(case_from_data(_hostile()), engine="python", lang=lang, as_of=date(2026, 1, 1))


def test_check_markdown_passes_no_script_javascript_link_or_tracking_image() -> None:
    for text in (to_markdown([_report()]), to_markdown([_report("ru")]), to_markdown([_report()], summary=True)):
        for unsafe in UNSAFE_MARKDOWN:
            assert unsafe not in text.replace("](#", ""), unsafe
        assert "&lt;script&gt;alert(2)" in text and "\x1b" not in text
    page = to_html([_report()])
    assert "<script" not in page and "\x1b" not in page and "\x07" not in page


def test_check_markdown_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile()), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--engine", "python", "--as-of", AS_OF, "--format",
                                       "markdown"], color=True)
    assert result.exit_code in (0, 1, 3), result.output
    assert "Case hostile" in result.stdout
    for unsafe in UNSAFE_MARKDOWN:
        assert unsafe not in result.stdout.replace("](#", ""), unsafe


def test_escape_sequences_in_a_name_never_reach_the_terminal_in_check_text_output(tmp_path: Path) -> None:
    assert "\x1b" not in to_text([_report()]) and "\x1b" not in to_text([_report()], summary=True)
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(_hostile()), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--engine", "python", "--as-of", AS_OF], color=True)
    assert "Red" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_escape_sequences_in_a_file_name_never_reach_the_terminal_in_an_error(tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;pwned\x07\x1b[31mred.yaml"
    path.write_text("id: [\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--engine", "python"], color=True)
    assert result.exit_code == 2
    assert "red.yaml" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


@pytest.mark.parametrize(("text", "shown"), [
    ("[x](javascript:alert(1))", "x"),
    ("[x]( <JavaScript:alert(1)>)", "x"),
    ("[x](java\tscript:alert(1))", "x"),
    ("[x](data:text/html;base64,PHNjcmlwdD4=)", "x"),
    ("![t](http://evil/p.png)", "t"),
    ("[a](http://example.kz)", "[a\\](http://example.kz)"),
    ("a\\[x](javascript:alert(1))", "a\\\\x"),
    ("[a [b]](javascript:alert(1))", "[a [b]\\](javascript:alert(1))"),
    ("[a] [b]", "[a\\] [b]"),
    ("[1]: javascript:alert(1)", "[1\\]: javascript:alert(1)"),
    ("ст. 99 УК РК [1], ст. 104 УК РК", "ст. 99 УК РК [1], ст. 104 УК РК"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
    ("Суд | №2", "Суд \\| №2"),
    ("one\ntwo\r\n# three", "one two # three"),
])
def test_markdown_text_renders_as_written(text: str, shown: str) -> None:
    assert safe_markdown(text) == shown


@pytest.mark.parametrize(("text", "shown"), [
    ("\x1b[31mred\x1b[0m", "red"),
    ("\x1b]0;title\x07x", "x"),
    ("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"),
    ("\x9b2Jx", "x"),
    ("a\rb\tc\nd\x00\x7f", "ab\tc\nd"),
    ("Ибрагимова", "Ибрагимова"),
])
def test_terminal_text_has_no_escape_sequence_or_control_but_newline_and_tab(text: str, shown: str) -> None:
    assert safe_terminal(text) == shown
