"""`sentencecheck audit --lang ru`: the summary and plots in Russian, the data in English; `--as-of` deadlines."""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from sentencecheck.batch.cli import audit
from sentencecheck.batch.worker import FINDING_COLUMNS
from sentencecheck.rules.load import load_rule_set

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
LATIN = re.compile(r"[A-Za-z]")
PLOT_FILES = ["plots/flag-rate-by-rule.png", "plots/flag-rate-by-rule.svg", "plots/flag-rate-by-direction.png",
              "plots/flag-rate-by-direction.svg"]
OUTPUT_FILES = ["findings.jsonl", "findings.csv", "cases.csv", "rejected.jsonl", "summary.md", "summary.html",
                "manifest.json", *PLOT_FILES]


def _input(tmp_path: Path) -> Path:
    """Seven cases over two courts (one court below a --min-group of 3), one without an instance, one rejected."""
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    lines = []
    for i in range(7):
        c = json.loads(json.dumps(base))
        c["id"] = f"case-{i:03d}"
        c["proceeding"]["court"] = "Almaty City Court" if i < 5 else "Court B"
        c["proceeding"]["decision_date"] = "2024-03-01"
        if i == 6:
            del c["proceeding"]["instance"]
        lines.append(json.dumps(c))
    lines.append(json.dumps({**json.loads(lines[0]), "id": "case-bad", "defendants": "?"}))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _audit(rules: Path, source: Path, out: Path, *args: str) -> None:
    result = CliRunner().invoke(audit, [str(source), "--out", str(out), "--rules", str(rules), "--engine", "python",
                                        "--min-group", "3", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


class _Text(HTMLParser):
    """The text a reader sees in an HTML page: text nodes (not the style sheet) and images' alt texts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tag = ""

    def handle_data(self, data: str) -> None:
        if self.tag != "style":
            self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag
        self.parts += [v for k, v in attrs if k == "alt" and v]


def _without(text: str, allowed: set[str]) -> str:
    for word in sorted(allowed, key=len, reverse=True):
        text = text.replace(word, " ")
    return text


def test_russian_summary_has_no_latin_word_but_ids_courts_and_files(tmp_path: Path, fixture_rules_dir: Path) -> None:
    out = tmp_path / "ru"
    _audit(fixture_rules_dir, _input(tmp_path), out, "--lang", "ru", "--jobs", "1")
    md = (out / "summary.md").read_text(encoding="utf-8")
    rejected = _jsonl(out / "rejected.jsonl")
    assert [r["case_id"] for r in rejected] == ["case-bad"]
    allowed = {f"case-{i:03d}" for i in range(7)} | {"Almaty City Court", "Court B"}
    allowed |= {r.id for r in load_rule_set(fixture_rules_dir).rules}
    allowed |= {*PLOT_FILES, "manifest.json", "rejected.jsonl"} | {r["reason"] for r in rejected}
    for name, text in (("summary.md", md), ("summary.html", _html_text(out / "summary.html"))):
        rest = _without(text, allowed)
        assert not LATIN.search(rest), (name, sorted(set(re.findall(r"[A-Za-z][A-Za-z0-9_.()-]*", rest))))
    assert "- Прочитано: 8 записей; проверено: 7 дел; отклонено: 1 запись.\n" in md
    assert "Не опубликованы, так как дел меньше порога публикации (3 дела): 1 суд (всего 2 дела)." in md
    assert "| суд первой инстанции | 6 |" in md and "| (не указано) |" not in md  # 1 case: suppressed
    assert "| Almaty City Court | 5 |" in md
    assert "## Отклонённые записи по причинам" in md
    assert re.search(r"\| \d+,\d %", md), "decimal comma"
    assert '<html lang="ru">' in (out / "summary.html").read_text(encoding="utf-8")


def test_english_and_russian_differ_only_in_words_not_in_data(tmp_path: Path, fixture_rules_dir: Path) -> None:
    source = _input(tmp_path)
    for lang in ("en", "ru"):
        _audit(fixture_rules_dir, source, tmp_path / lang, "--lang", lang, "--jobs", "1", "--as-of", "2024-03-05")
    en, ru = tmp_path / "en", tmp_path / "ru"
    assert (en / "cases.csv").read_bytes() == (ru / "cases.csv").read_bytes()
    assert (en / "rejected.jsonl").read_bytes() == (ru / "rejected.jsonl").read_bytes()
    for name in PLOT_FILES:  # the plots' titles and axes are translated
        assert (en / name).read_bytes() != (ru / name).read_bytes(), name
    for lang in ("en", "ru"):
        with (tmp_path / lang / "findings.csv").open(encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == FINDING_COLUMNS
        keys = {k for row in _jsonl(tmp_path / lang / "findings.jsonl") for k in row}
        assert {"case_id", "rule", "direction", "confidence", "routes"} <= keys
    assert "- Read 8 records: 7 cases audited, 1 record rejected.\n" in (en / "summary.md").read_text(encoding="utf-8")


def _html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return "\n".join(parser.parts)


def test_as_of_is_recorded_and_measures_the_deadline_columns(tmp_path: Path, fixture_rules_dir: Path) -> None:
    source = _input(tmp_path)
    outs = []
    for jobs, chunk in (("1", "1000"), ("2", "2")):
        out = tmp_path / f"out{jobs}"
        _audit(fixture_rules_dir, source, out, "--lang", "ru", "--as-of", "05.03.2024", "--jobs", jobs,
               "--chunk-size", chunk)
        outs.append(out)
    for name in OUTPUT_FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    manifest = json.loads((outs[0] / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["as_of"] == "2024-03-05"
    assert "- Сроки апелляционного и кассационного обжалования рассчитаны на 05.03.2024.\n" in (
        outs[0] / "summary.md").read_text(encoding="utf-8")
    with (outs[0] / "findings.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    findings = _jsonl(outs[0] / "findings.jsonl")
    assert rows and len(rows) == len(findings)
    for row, finding in zip(rows, findings, strict=True):
        appeal = [r for r in finding["routes"] if r["forum"] == "appeal"]
        if row["case_id"] == "case-006":  # no instance: the route depends on it and is unknown
            assert (row["route"], row["deadline"]) == ("unknown", "")
            continue
        assert row["route"] == "appeal;cassation"
        assert appeal and appeal[0]["passed"] is False and appeal[0]["deadline"] > "2024-03-05"
        assert row["deadline"] == appeal[0]["deadline"]
    late = tmp_path / "late"
    _audit(fixture_rules_dir, source, late, "--as-of", "2100-01-01", "--jobs", "1")
    with (late / "findings.csv").open(encoding="utf-8", newline="") as f:
        assert {r["deadline"] for r in csv.DictReader(f)} == {""}  # every deadline has passed
    assert json.loads((late / "manifest.json").read_text(encoding="utf-8"))["options"]["as_of"] == "2100-01-01"
