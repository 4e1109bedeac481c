"""The illustrative verdict corpus (tests/verdicts/README.md): every text has its expected case file, each file loads,
cites its text, is written from the decision itself, and gives exactly the findings it records."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from sentencecheck import evaluate
from sentencecheck.model.load import load_case

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEXTS = sorted(HERE.glob("*.txt"))
EXPECTED = sorted(HERE.glob("*.expected.yaml"))
SUFFIX = ".expected.yaml"


def _name(path: Path) -> str:
    return path.name.removesuffix(SUFFIX).removesuffix(".txt")


def test_every_text_has_an_expected_case_file() -> None:
    assert len(TEXTS) >= 10
    assert [_name(t) for t in TEXTS] == [_name(e) for e in EXPECTED]


@pytest.mark.parametrize("text", TEXTS, ids=_name)
def test_text_has_the_parts_of_a_decision(text: Path) -> None:
    lines = text.read_text(encoding="utf-8").splitlines()
    assert 40 <= len(lines) <= 120, f"{len(lines)} lines"
    squeezed = "".join(lines).replace(" ", "")
    assert "УСТАНОВИЛ" in squeezed
    assert any(word in squeezed for word in ("ПРИГОВОРИЛ:", "ПОСТАНОВИЛ:", "ПОСТАНОВИЛА:"))


@pytest.mark.parametrize("path", EXPECTED, ids=_name)
def test_expected_file_is_written_from_its_text(path: Path) -> None:
    case = load_case(path)
    assert case.illustrative
    assert case.record in {"decision", "appeal_ruling"}
    assert list(case.sources) == ["v"]
    assert case.sources["v"].document == f"tests/verdicts/{_name(path)}.txt"
    assert (ROOT / case.sources["v"].document).is_file()
    assert case.expected_findings is not None


@pytest.mark.parametrize("path", EXPECTED, ids=_name)
def test_findings_are_the_recorded_ones(path: Path) -> None:
    case = load_case(path)
    assert case.expected_findings is not None
    report = evaluate(case)
    got = Counter((f.rule, f.direction, f.confidence, f.defendant_id) for f in report.findings)
    want = Counter((e.rule, e.direction, e.confidence, e.defendant) for e in case.expected_findings)
    assert got == want
