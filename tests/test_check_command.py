"""`sentencecheck check`: exit codes, formats, determinism, redaction, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from samples import CASE, CONTROL, ROOT
from sentencecheck.cli import main


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


def test_findings_exit_1_and_text_report_has_notice() -> None:
    code, out, _ = _run(str(CASE), "--engine", "python")
    assert code == 1
    assert "defence-against-attack-convicted-as-murder" in out
    assert "not legal advice" in out


def test_no_findings_exit_0(tmp_path: Path) -> None:
    p = tmp_path / "control.yaml"
    p.write_text(CONTROL)
    code, out, _ = _run(str(p))
    assert code == 0
    assert "No findings" in out


def test_bad_input_exit_2_without_traceback(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("id: x\nproceeding: {instance: moon_court}\n")
    code, _, err = _run(str(p))
    assert code == 2
    assert "proceeding.instance" in err
    assert "Traceback" not in err


def test_json_is_byte_identical_across_runs_and_engines() -> None:
    a = _run(str(CASE), "--format", "json", "--engine", "durable")[1]
    b = _run(str(CASE), "--format", "json", "--engine", "durable")[1]
    c = _run(str(CASE), "--format", "json", "--engine", "python")[1]
    assert a == b
    assert json.loads(a)["findings"] == json.loads(c)["findings"]


def test_every_format_and_russian(tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "html"):
        code, out, _ = _run(str(CASE), "--format", fmt, "--lang", "ru", "--engine", "python")
        assert code == 1
        assert "Источники" in out and "Sources" not in out


def test_redact_removes_names() -> None:
    _, out, _ = _run(str(CASE), "--redact", "--format", "json", "--engine", "python")
    assert "Ibragimova" not in out
    assert "Defendant 1" in out


def test_facts_doc_is_current() -> None:
    from sentencecheck.rules.vocabulary import facts_markdown

    assert (ROOT / "docs" / "facts.md").read_text(encoding="utf-8") == facts_markdown(), (
        "docs/facts.md is stale: run `sentencecheck rules facts --format markdown > docs/facts.md`"
    )
