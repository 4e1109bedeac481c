"""`sentencecheck audit` and `sentencecheck template` (small inputs, at most two workers)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from sentencecheck.batch.cli import audit, template
from sentencecheck.batch.library import audit as run_audit
from sentencecheck.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
OUTPUT_FILES = ["findings.jsonl", "findings.csv", "cases.csv", "rejected.jsonl", "summary.md", "summary.html",
                "manifest.json", "plots/flag-rate-by-rule.png", "plots/flag-rate-by-rule.svg",
                "plots/flag-rate-by-direction.png", "plots/flag-rate-by-direction.svg"]


def _cases(n: int) -> list[dict[str, Any]]:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    out = []
    for i in range(n):
        c = json.loads(json.dumps(base))
        c["id"] = f"case-{i:03d}"
        c["proceeding"]["court"] = f"court-{i % 3}"
        c["proceeding"]["decision_date"] = f"{2019 + i % 2}-03-01"
        out.append(c)
    return out


def _run(rules: Path, *args: str) -> Result:
    result = CliRunner().invoke(audit, [*args, "--rules", str(rules)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _counts(out: Path) -> dict[str, int]:
    counts: dict[str, int] = json.loads((out / "manifest.json").read_text())["counts"]
    assert counts["read"] == counts["audited"] + counts["rejected"]
    return counts


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_jsonl_json_array_and_folder(tmp_path: Path, fixture_rules_dir: Path) -> None:
    cases = _cases(6)
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases[:2]) + "\n{oops\n",
                                      encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(cases[2:4]), encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for c in cases[4:]:
        (folder / f"{c['id']}.yaml").write_text(yaml.safe_dump(c, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    _run(fixture_rules_dir, str(tmp_path / "a.jsonl"), str(tmp_path / "b.json"), str(folder), "--out", str(out),
         "--engine", "python", "--jobs", "1")
    counts = _counts(out)
    assert (counts["read"], counts["audited"], counts["rejected"]) == (7, 6, 1)
    rows = _csv_rows(out / "cases.csv")
    assert [r["case_id"] for r in rows] == [c["id"] for c in cases]
    assert [r["source_unit"] for r in rows] == ["line", "line", "item", "item", "file", "file"]
    assert rows[0]["year"] == "2019" and rows[0]["court"] == "court-0"
    rejected = _jsonl(out / "rejected.jsonl")
    assert rejected[0]["unit"] == "line" and rejected[0]["number"] == 4
    findings = _jsonl(out / "findings.jsonl")
    assert findings and {f["case_id"] for f in findings} == {c["id"] for c in cases}
    for name in OUTPUT_FILES:
        assert (out / name).exists(), name
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["ruleset_digest"] and manifest["statute_data_digest"] and len(manifest["inputs"]) == 4


def _table_rows() -> tuple[list[str], list[list[Any]]]:
    header = ["case_id", "court", "instance", "decision_date", "defendant_name", "defendant_sex", "defendant_age",
              "charge_article", "charge_part", "outcome", "sentence_kind", "sentence_years", "victim_name",
              "victim_relationship", "harm_death", "police_complaints"]
    good = ["row-1", "Court A", "first_instance", "2021-02-03", "Aigerim Nurlanova", "female", "35", "99", "1",
            "convicted", "imprisonment", "8", "Serik Nurlanov", "spouse", "true", "2"]
    bad_sex = ["row-2", "Court A", "first_instance", "2021-02-03", "", "femal", "35", "99", "1", "convicted",
               "imprisonment", "8", "", "spouse", "", ""]
    no_instance = ["row-3", "Court B", "trial", "", "", "male", "", "", "", "acquitted", "", "", "", "", "", ""]
    bad_age = ["row-4", "Court B", "appeal", "2022-13-01", "", "male", "abc", "", "", "convicted", "", "", "", "", "",
               ""]
    return header, [good, bad_sex, no_instance, bad_age]


def test_csv_and_xlsx_rows_rejected_with_row_field_and_reason(tmp_path: Path, fixture_rules_dir: Path) -> None:
    header, rows = _table_rows()
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for r in rows:
        ws.append([int(v) if v.isdigit() else (v or None) for v in r])
    wb.save(tmp_path / "t.xlsx")
    for name in ("t.csv", "t.xlsx"):
        out = tmp_path / ("out-" + name)
        _run(fixture_rules_dir, str(tmp_path / name), "--out", str(out), "--engine", "python", "--jobs", "1")
        counts = _counts(out)
        assert (counts["read"], counts["audited"], counts["rejected"]) == (4, 1, 3), name
        rejected = {r["number"]: r for r in _jsonl(out / "rejected.jsonl")}
        assert set(rejected) == {3, 4, 5}
        assert all(r["file"].endswith(name) and r["unit"] == "row" for r in rejected.values())
        sex = rejected[3]["problems"][0]
        assert sex["path"] == "defendants[0].sex" and sex["column"] == "defendant_sex" and sex["message"]
        assert rejected[4]["problems"][0]["path"] == "proceeding.instance"
        paths = {p["path"]: p["column"] for p in rejected[5]["problems"]}
        assert paths["defendants[0].age"] == "defendant_age"
        assert paths["proceeding.decision_date"] == "decision_date"
        case = _csv_rows(out / "cases.csv")[0]
        assert (case["case_id"], case["articles"], case["sentence_years"], case["source_number"]) == (
            "row-1", "CC 99(1)", "8.0", "2")


def test_mapping_file(tmp_path: Path, fixture_rules_dir: Path) -> None:
    (tmp_path / "m.yaml").write_text(yaml.safe_dump({"columns": {
        "Номер": "case_id", "Инстанция": "proceeding.instance", "Пол": "defendant_sex", "Итог": "outcome"}},
        allow_unicode=True), encoding="utf-8")
    (tmp_path / "t.csv").write_text("Номер,Инстанция,Пол,Итог,ignored\nk-1,appeal,male,acquitted,zzz\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    _run(fixture_rules_dir, str(tmp_path / "t.csv"), "--mapping", str(tmp_path / "m.yaml"), "--out", str(out),
         "--engine", "python", "--jobs", "1")
    assert _counts(out)["audited"] == 1
    row = _csv_rows(out / "cases.csv")[0]
    assert (row["case_id"], row["instance"], row["defendant_sex"], row["outcome"]) == (
        "k-1", "appeal", "male", "acquitted")


def test_outputs_identical_across_jobs(tmp_path: Path, fixture_rules_dir: Path) -> None:
    cases = _cases(23)
    cases[5]["defendants"][0]["sex"] = "?"
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    outs = []
    for jobs, chunk in (("1", "1000"), ("2", "3")):
        out = tmp_path / f"out{jobs}"
        _run(fixture_rules_dir, str(tmp_path / "in.jsonl"), "--out", str(out), "--engine", "python", "--jobs", jobs,
             "--chunk-size", chunk, "--min-group", "2")
        outs.append(out)
    for name in OUTPUT_FILES:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
    assert _counts(outs[0])["rejected"] == 1


def test_worker_crash_is_isolated(tmp_path: Path, fixture_rules_dir: Path) -> None:
    cases = _cases(10)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    out = tmp_path / "out"
    result = run_audit([tmp_path / "in.jsonl"], out, engine="python", jobs=2, chunk_size=4,
                       rules=fixture_rules_dir, before_case="audit_hooks:abort_on_case_006")
    assert result.isolated >= 1 and "crash(es) or hang(s) isolated" in result.summary_line()
    assert (result.read, result.audited, result.rejected) == (10, 9, 1)
    assert [r["case_id"] for r in result.rejected_records()] == ["case-006"]
    counts = _counts(out)
    assert (counts["read"], counts["audited"], counts["rejected"]) == (10, 9, 1)
    (rejected,) = _jsonl(out / "rejected.jsonl")
    assert (rejected["reason"], rejected["case_id"], rejected["number"]) == ("engine crash", "case-006", 7)
    assert [r["case_id"] for r in _csv_rows(out / "cases.csv")] == [c["id"] for c in cases if c["id"] != "case-006"]


def test_redaction_removes_names(tmp_path: Path, fixture_rules_dir: Path) -> None:
    header, rows = _table_rows()
    with (tmp_path / "t.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([header, *rows])
    cases = _cases(2)
    cases[0]["victims"][0]["name"] = "Serik Nurlanov"
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    out = tmp_path / "out"
    _run(fixture_rules_dir, str(tmp_path / "t.csv"), str(tmp_path / "in.jsonl"), "--out", str(out),
         "--engine", "python", "--jobs", "1", "--redact")
    assert _counts(out)["audited"] == 3
    for path in out.rglob("*"):
        if path.is_file() and path.suffix != ".png":
            text = path.read_text(encoding="utf-8")
            for name in ("Aigerim", "Nurlanov", "Ibragimova", "row-1", "case-000"):
                assert name not in text, (path.name, name)
    ids = [r["case_id"] for r in _csv_rows(out / "cases.csv")]
    assert all(i.startswith("case-") and len(i) == 17 for i in ids)  # case- and 12 hex digits of an HMAC


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_round_trips(tmp_path: Path, fixture_rules_dir: Path, fmt: str) -> None:
    path = tmp_path / f"template.{fmt}"
    result = CliRunner().invoke(template, ["--format", fmt, "-o", str(path)])
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        from openpyxl import load_workbook

        assert load_workbook(path).sheetnames == ["cases", "README"]
    out = tmp_path / "out"
    _run(fixture_rules_dir, str(path), "--out", str(out), "--engine", "python", "--jobs", "1")
    counts = _counts(out)
    assert (counts["audited"], counts["rejected"]) == (1, 0)
    row = _csv_rows(out / "cases.csv")[0]
    assert (row["case_id"], row["articles"], row["defendant_sex"]) == ("example-0001", "CC 99(1)", "male")


def test_durable_engine_matches_python(tmp_path: Path, fixture_rules_dir: Path) -> None:
    cases = _cases(5)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    outs = {}
    for engine in ("durable", "python"):
        outs[engine] = tmp_path / engine
        _run(fixture_rules_dir, str(tmp_path / "in.jsonl"), "--out", str(outs[engine]), "--engine", engine,
             "--jobs", "2", "--chunk-size", "2")
    assert (outs["durable"] / "cases.csv").read_bytes() == (outs["python"] / "cases.csv").read_bytes()
    assert _counts(outs["durable"])["audited"] == 5


def test_hung_worker_is_killed_and_its_case_rejected(tmp_path: Path, fixture_rules_dir: Path) -> None:
    cases = _cases(6)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    out = tmp_path / "out"
    run_audit([tmp_path / "in.jsonl"], out, engine="python", jobs=1, chunk_size=3, hang_seconds=6,
                        rules=fixture_rules_dir, before_case="audit_hooks:hang_on_case_003")
    counts = _counts(out)
    assert (counts["read"], counts["audited"], counts["rejected"]) == (6, 5, 1)
    (rejected,) = _jsonl(out / "rejected.jsonl")
    assert (rejected["reason"], rejected["case_id"]) == ("engine hang", "case-003")


def test_complete_columns_close_empty_cells_and_rows_are_spreadsheet_records(tmp_path: Path) -> None:
    from sentencecheck.batch.mapping import load_mapping, row_to_data
    from sentencecheck.model.load import case_from_data

    mapping_file = tmp_path / "m.yaml"
    mapping_file.write_text(yaml.safe_dump({
        "columns": {"id": "case_id", "out": "outcome", "mit": "mitigating_recognised", "agg": "aggravating_recognised"},
        "complete": ["mit"],
    }, allow_unicode=True), encoding="utf-8")
    mapping = load_mapping(mapping_file)
    data, _ = row_to_data({"id": "r1", "out": "convicted", "mit": "", "agg": ""}, mapping)
    case = case_from_data(data)
    assert case.record == "spreadsheet_row"
    assert case.defendants[0].mitigating_recognised == []  # complete: the empty cell says "none"
    assert case.defendants[0].aggravating_recognised is None  # not complete: unknown
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"columns": {"id": "case_id", "c": "court"}, "complete": ["c", "zzz"]}),
                   encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_mapping(bad)
    assert "free values" in str(err.value) and "'zzz'" in str(err.value)


def test_abuse_columns_say_who_abused_whom() -> None:
    from sentencecheck.batch.mapping import DEFAULT_MAPPING, Mapping, row_to_data
    from sentencecheck.model.load import case_from_data

    row = {"case_id": "r1", "outcome": "convicted", "abused_by_victim": "true", "abuse_duration_years": ""}
    case = case_from_data(row_to_data(row, Mapping(DEFAULT_MAPPING))[0])
    abuse = case.history.abuse or []
    assert [(a.by, a.against, a.occurred) for a in abuse] == [("victim", "defendant", True)]
    row = {"case_id": "r2", "outcome": "convicted", "prior_abuse": "false"}
    case = case_from_data(row_to_data(row, Mapping(DEFAULT_MAPPING))[0])
    assert [(a.by, a.against, a.occurred) for a in case.history.abuse or []] == [("defendant", "victim", False)]


def test_dv_template_audit_flags_only_labelled_patterns(tmp_path: Path) -> None:
    """30 realistic domestic-violence rows written for the project with labels (tests/data): the audit flags
    no row its labels call clean, and misses no labelled pattern."""
    data = Path(__file__).resolve().parent / "data"
    labels = yaml.safe_load((data / "dv-template-30.labels.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "out"
    result = CliRunner().invoke(audit, [str(data / "dv-template-30.csv"), "--out", str(out), "--engine", "python",
                                        "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with (out / "cases.csv").open(encoding="utf-8") as f:
        flagged = {r["case_id"] for r in csv.DictReader(f) if int(r["findings"])}
    labelled = {case_id for case_id, label in labels.items() if label["flag"]}
    assert flagged - labelled == set(), "false alarms"
    assert labelled - flagged == set(), "missed patterns"
