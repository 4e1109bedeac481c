"""`extract` end to end: every illustrative verdict drafts into a case file that loads, every value names the
passage it came from, the draft is deterministic, and a .docx of the same text drafts the same case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from sentencecheck.cli import main
from sentencecheck.extract.documents import read_paragraphs
from sentencecheck.extract.draft import draft
from sentencecheck.extract.output import to_yaml
from sentencecheck.model.load import case_from_data, load_case

VERDICTS = Path(__file__).resolve().parent / "verdicts"
TEXTS = sorted(VERDICTS.glob("*.txt"))


def _at(data: Any, path: str) -> Any:
    """The value at a field path such as ``defendants[0].outcome.kind``."""
    node = data
    for part in path.replace("[", ".[").split("."):
        if part.startswith("["):
            node = node[int(part[1:-1])]
        elif part:
            node = node[part]
    return node


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_every_illustrative_verdict_drafts_a_case_file_that_loads(text: Path) -> None:
    d = draft(text)
    assert d.problems == []
    case = case_from_data(d.data, str(text))
    assert case.extraction is not None and not case.extraction.reviewed
    assert case.record == load_case(text.with_suffix(".expected.yaml")).record


@pytest.mark.parametrize("text", TEXTS, ids=lambda p: p.stem)
def test_every_drafted_value_names_a_passage_of_its_paragraph(text: Path) -> None:
    d = draft(text)
    paragraphs = {p.index: p.text for p in read_paragraphs(text)}
    extraction = d.data["extraction"]
    assert extraction["values"], "nothing was read"
    for path, source in extraction["values"].items():
        assert _at(d.data, path) is not None, path
        quoted = d.data["sources"][source]
        number = int(quoted["paragraph"].split()[0])
        assert quoted["quote"] in paragraphs[number], (path, quoted)
    for path in extraction["not_found"]:
        with pytest.raises((KeyError, IndexError)):
            _at(d.data, path)


def test_a_draft_is_the_same_bytes_every_time() -> None:
    text = VERDICTS / "wife-stabbed-husband-8-years.txt"
    assert to_yaml(draft(text)) == to_yaml(draft(text))


def test_a_docx_of_the_text_drafts_the_same_case(tmp_path: Path) -> None:
    text = VERDICTS / "train-conductors-two-rapes-2-5-years.txt"
    doc = Document()
    for block in text.read_text(encoding="utf-8").split("\n\n"):
        doc.add_paragraph(" ".join(block.split("\n")))
    path = tmp_path / "verdict.docx"
    doc.save(str(path))

    def facts(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if k not in ("id", "sources", "extraction")}

    def without_sources(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: without_sources(v) for k, v in node.items() if k != "source"}
        if isinstance(node, list):
            return [without_sources(v) for v in node]
        return node

    assert without_sources(facts(draft(path).data)) == without_sources(facts(draft(text).data))


def test_the_command_writes_one_draft_per_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    texts = [str(VERDICTS / "mall-harassment-petty-hooliganism-20-mrp.txt"),
             str(VERDICTS / "husband-light-harm-admin-arrest-3-hours.txt")]
    out = tmp_path / "drafts"
    result = CliRunner().invoke(main, ["extract", *texts, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["husband-light-harm-admin-arrest-3-hours.yaml", "mall-harassment-petty-hooliganism-20-mrp.yaml"]
    case = load_case(out / written[1])
    assert [c.article for c in case.defendants[0].charges] == ["434"]
    again = CliRunner().invoke(main, ["extract", texts[0], "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output


def test_several_files_need_an_output_folder() -> None:
    result = CliRunner().invoke(main, ["extract", str(TEXTS[0]), str(TEXTS[1])])
    assert result.exit_code == 2 and "--out" in result.output


def test_a_missing_file_is_bad_input_and_the_others_are_still_drafted(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "nope.txt"), str(TEXTS[0]), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / f"{TEXTS[0].stem}.yaml").is_file()


def test_a_draft_lists_what_it_did_not_find_and_does_not_load_without_a_defendant(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("ПОСТАНОВЛЕНИЕ\n\nг. Алматы 13 мая 2024 года\n\nУСТАНОВИЛ:\n\nНичего не указано.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    data = yaml.safe_load(result.output)
    assert "defendants" in data["extraction"]["not_found"]
    assert "# The draft does not load yet" in result.output


def test_score_prints_per_field_accuracy_and_the_findings_agreement() -> None:
    result = CliRunner().invoke(main, ["extract", "--score", str(VERDICTS)])
    assert result.exit_code == 0, result.output
    assert "per-field accuracy:" in result.output
    assert f"same findings as the expected file: {len(TEXTS)}/{len(TEXTS)}" in result.output


def test_a_text_without_its_parts_is_not_read_as_the_whole_decision(tmp_path: Path) -> None:
    """Silence means "the court did not" only where the draft read the reasoning and operative parts."""
    whole = (VERDICTS / "wife-stabbed-husband-8-years.txt").read_text(encoding="utf-8")
    excerpt = whole.split("У С Т А Н О В И Л:")[1].split("П Р И Г О В О Р И Л:")[0]
    path = tmp_path / "excerpt.txt"
    path.write_text(excerpt, encoding="utf-8")
    assert draft(path).data["record"] == "other"
    assert draft(VERDICTS / "wife-stabbed-husband-8-years.txt").data["record"] == "decision"
