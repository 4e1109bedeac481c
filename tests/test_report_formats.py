"""The report's formats share one structure: the Word draft of the grounds, HTML a lawyer can print, the one-screen
summary of a check over many files."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import docx
from click.testing import CliRunner

from sentencecheck.api import evaluate
from sentencecheck.cli import main
from sentencecheck.model.load import load_case
from sentencecheck.report.docx import DRAFT, to_docx
from sentencecheck.report.model import Report
from sentencecheck.report.render import to_html, to_markdown

ROOT = Path(__file__).resolve().parent.parent
AS_OF = date(2026, 1, 1)
WITH_CONFIRMED = ["illustrative-dv-grievous-harm-reconciliation", "train-conductors-rape-2-5-years",
                  "self-defence-abused-wife-8-years"]


def _reports(lang: str) -> list[Report]:
    return [evaluate(load_case(ROOT / "cases" / f"{name}.yaml"), engine="python", lang=lang, as_of=AS_OF)
            for name in WITH_CONFIRMED]


def test_the_docx_draft_opens_and_holds_each_confirmed_ground_and_each_question() -> None:
    reports = _reports("ru")
    document = docx.Document(io.BytesIO(to_docx(reports)))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    text = "\n".join(p.text for p in document.paragraphs)
    assert DRAFT["ru"] in document.sections[0].header.paragraphs[0].text
    for r in reports:
        confirmed = [f for f in r.findings if f.confidence == "confirmed"]
        assert confirmed
        for f in confirmed:
            assert any(h.endswith(f.title) for h in headings), f.title
            assert f.argument in text
            for route in f.routes:
                assert route.text in text
        for f in r.findings:
            for q in f.facts_to_establish:
                assert f"☐ {q.question}" in text
    assert "Прошу:" in text


def test_the_docx_draft_is_the_same_bytes_for_the_same_input() -> None:
    assert to_docx(_reports("ru")) == to_docx(_reports("ru"))


def test_html_has_contents_marks_confirmed_and_possible_apart_and_prints() -> None:
    page = to_html(_reports("en"))
    assert "<nav>" in page and 'href="#f1"' in page
    assert 'class="finding confirmed' in page and 'class="finding possible' in page
    assert "@media print" in page
    assert "Facts of the case as recorded" in page


def test_markdown_escapes_html_and_table_pipes() -> None:
    report = _reports("en")[0]
    hostile = report.model_copy(update={"title": "<script>alert(1)</script> | x"})
    text = to_markdown([hostile])
    assert "<script>" not in text and "&lt;script&gt;" in text and "\\|" in text


def test_check_summary_over_the_bundled_cases_fits_one_screen() -> None:
    result = CliRunner().invoke(main, ["check", str(ROOT / "cases"), "--summary", "--engine", "python",
                                       "--as-of", "2026-01-01"])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert len(lines) <= 45 and max(len(x) for x in lines) <= 110
    assert "with confirmed grounds" in result.output


def test_check_summary_of_one_case_is_its_head_and_summary() -> None:
    path = ROOT / "cases" / "illustrative-dv-grievous-harm-reconciliation.yaml"
    result = CliRunner().invoke(main, ["check", str(path), "--summary", "--lang", "ru", "--engine", "python",
                                       "--as-of", "2022-06-05"])
    assert "Подтверждённые основания" in result.output and "апелляция до 16.06.2022" in result.output
    assert "Выводы подробно".upper() not in result.output


def test_the_draft_asks_the_cassation_court_only_in_neutral_terms() -> None:
    from sentencecheck.report.docx import RELIEF_CASSATION

    case = load_case(ROOT / "cases" / "illustrative-dv-grievous-harm-reconciliation.yaml")
    case = case.model_copy(update={"proceeding": case.proceeding.model_copy(update={"instance": "appeal"})})
    report = evaluate(case, engine="python", lang="ru", as_of=AS_OF)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx([report]))).paragraphs)
    assert RELIEF_CASSATION["ru"] in text and "ст. 442 УПК РК" not in text


def test_the_draft_takes_control_characters_from_case_data() -> None:
    report = _reports("ru")[0]
    hostile = report.model_copy(update={"title": "a\x01b\x1b[31m"})
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(to_docx([hostile]))).paragraphs)
    assert "ab" in text and "\x01" not in text
