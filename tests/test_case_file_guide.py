"""The case-file guide (docs/case-files.md, docs/case-files.ru.md): its worked example loads as written, holds the
facts of the bundled case file, gives the findings the guide shows, and its field reference is current."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sentencecheck import evaluate
from sentencecheck.casefile.reference import GUIDES, updated
from sentencecheck.io.documents import parse_text
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data, load_case

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
FREE_TEXT = ("title", "summary")
"""Fields the Russian example writes in Russian; every other fact is the same in both guides."""


def guide(lang: str) -> str:
    return GUIDES[lang].read_text(encoding="utf-8")  # type: ignore[index]


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def final_block(text: str) -> str:
    match = re.search(r"<!-- example: final -->\n```yaml\n(.*?)```", text, flags=re.S)
    assert match, "the guide has no block marked <!-- example: final -->"
    return match.group(1)


def final_case(lang: str) -> Case:
    data, node = parse_text(final_block(guide(lang)), "yaml", f"case-files {lang}")
    return case_from_data(data, f"case-files {lang}", node)


def findings_table(text: str) -> set[tuple[str, str, str]]:
    match = re.search(r"<!-- findings: final -->\n((?:\|.*\n)+)", text)
    assert match, "the guide has no table marked <!-- findings: final -->"
    rows = [line.strip("|").split("|") for line in match.group(1).splitlines()[2:]]
    return {tuple(cell.strip().strip("`") for cell in row) for row in rows}  # type: ignore[misc]


def facts(case: Case) -> dict[str, Any]:
    """The case without the texts a translation changes (titles, names, notes)."""
    data = case.model_dump(mode="json")
    for key in FREE_TEXT:
        data.pop(key)
    for d in data["defendants"]:
        d.pop("name")
    for f in data["expected_findings"] or []:
        f.pop("note")
    return data


def within(part: Any, whole: Any) -> bool:
    """``part`` is ``whole`` with some mapping keys left out (a step of the example, inside the finished file)."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(k in whole and within(v, whole[k]) for k, v in part.items())
    if isinstance(part, list):
        return isinstance(whole, list) and len(part) == len(whole) and all(map(within, part, whole))
    return bool(part == whole)


LANGS = ["en", "ru"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_yaml_block_of_the_guide_parses(lang: str) -> None:
    blocks = yaml_blocks(guide(lang))
    assert len(blocks) >= 7
    for block in blocks:
        parse_text(block, "yaml", f"case-files {lang}")


def test_english_example_is_the_bundled_case_file() -> None:
    assert final_case("en").model_dump() == load_case(BUNDLED).model_dump()


def test_russian_example_holds_the_same_facts() -> None:
    ru, en = final_case("ru"), final_case("en")
    assert facts(ru) == facts(en)
    assert ru.title != en.title and ru.summary != en.summary, "the Russian example keeps English titles"


@pytest.mark.parametrize("lang", LANGS)
def test_each_step_of_the_example_is_part_of_the_finished_file(lang: str) -> None:
    text = guide(lang)
    steps = text[: text.index("<!-- example: final -->")]
    final, _ = parse_text(final_block(text), "yaml")
    snippets = [parse_text(block, "yaml")[0] for block in yaml_blocks(steps)]
    assert len(snippets) == 6
    for snippet in snippets:
        assert isinstance(snippet, dict) and within(snippet, final), snippet


@pytest.mark.parametrize(("lang", "engine"), [("en", "python"), ("en", "durable"), ("ru", "python")])
def test_example_gives_the_findings_the_guide_shows(lang: str, engine: str) -> None:
    case = final_case(lang)
    report = evaluate(case, engine=engine, lang=lang)  # type: ignore[arg-type]
    found = {(f.rule, f.direction, f.confidence) for f in report.findings}
    assert found == findings_table(guide(lang))
    assert {f.defendant_id for f in report.findings} == {"wife"}
    expected = {(e.rule, e.direction, e.confidence) for e in case.expected_findings or []}
    assert found == expected


@pytest.mark.parametrize("lang", LANGS)
def test_field_reference_is_current(lang: str) -> None:
    text = guide(lang)
    assert updated(text, lang) == text, "run: python -m sentencecheck.casefile.reference"  # type: ignore[arg-type]


def test_guides_link_each_other_and_the_input_shorthand() -> None:
    en, ru = guide("en"), guide("ru")
    assert "(case-files.ru.md)" in en and "(case-files.md)" in ru
    for text in (en, ru):
        assert "(case-file-input.md)" in text and "(records.md)" in text
        assert "sentencecheck new" in text
