"""``sentencecheck publish``: an audit folder as a SQLite database, browsed with Datasette without a server."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from click.testing import CliRunner

from sentencecheck.batch.cli import audit
from sentencecheck.paths import bundled_cases_dir, bundled_rules_dir
from sentencecheck.publish import PublishError, metadata_path_for, publish
from sentencecheck.publish.command import UNREDACTED_WARNING
from sentencecheck.publish.command import publish as publish_command
from sentencecheck.publish.metadata import ru_counted

MIN_GROUP = 20
"""Large enough that some courts and years of the bundled cases fall below it, small enough that some do not."""


@dataclass(frozen=True)
class Published:
    audit_dir: Path
    db_path: Path
    db: sqlite_utils.Database
    metadata: dict[str, Any]


def _table(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    return sqlite_utils.db.Table(db, name)


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A redacted Russian audit of the bundled cases, one of them given twice, and two bad records."""
    base = tmp_path_factory.mktemp("publish")
    cases = bundled_cases_dir()
    assert cases is not None
    bad = base / "bad.jsonl"
    bad.write_text('{"id": "bad-1", "title": 1}\nnot json\n', encoding="utf-8")
    key = base / "redact.key"
    key.write_text("ab" * 32, encoding="utf-8")
    key.chmod(0o600)
    out = base / "audit"
    args = [str(cases), str(bad), str(cases / "control-acquittal.yaml"), "--out", str(out), "--engine", "python",
            "--jobs", "1", "--lang", "ru", "--redact-key", str(key), "--min-group", str(MIN_GROUP),
            "--as-of", "2026-01-15"]
    result = CliRunner().invoke(audit, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def published(audit_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Published:
    db_path = tmp_path_factory.mktemp("db") / "audit.db"
    result = publish(audit_dir, db_path)
    assert result.db_path == db_path and result.redacted
    metadata = json.loads(result.metadata_path.read_text(encoding="utf-8"))
    return Published(audit_dir, db_path, sqlite_utils.Database(db_path), metadata)


def _copy(audit_dir: Path, tmp_path: Path, **manifest_changes: Any) -> Path:
    copy = tmp_path / "copy"
    shutil.copytree(audit_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    for key, value in manifest_changes.items():
        if key == "redact":
            manifest["options"]["redact"] = value
        else:
            manifest[key] = value
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return copy


# ---- tables, keys, indexes, full-text search


def test_counts_equal_the_audits(published: Published) -> None:
    manifest = json.loads((published.audit_dir / "manifest.json").read_text(encoding="utf-8"))
    db = published.db
    assert db["cases"].count == manifest["counts"]["audited"] == 72  # 71 bundled cases, one of them twice
    assert db["findings"].count == _lines(published.audit_dir / "findings.jsonl") == manifest["counts"]["findings"]
    assert db["findings"].count > 0
    assert db["rejected"].count == _lines(published.audit_dir / "rejected.jsonl") == 2
    assert db["inputs"].count == len(manifest["inputs"])
    assert [r["reason"] for r in db["rejected"].rows_where(order_by="id")] == ["invalid case", "unreadable record"]


def test_a_repeated_case_gets_two_rows(published: Published) -> None:
    rows = list(published.db["cases"].rows_where("source_file like ?", ["%control-acquittal.yaml"]))
    assert len(rows) == 2
    assert rows[0]["case_id"] == rows[1]["case_id"] and rows[0]["case_row"] != rows[1]["case_row"]


def test_keys_foreign_keys_and_indexes(published: Published) -> None:
    db = published.db
    pks = {name: _table(db, name).pks for name in ("cases", "findings", "rules", "citations", "rejected", "manifest",
                                                 "inputs")}
    assert pks == {"cases": ["case_row"], "findings": ["id"], "rules": ["id"], "citations": ["citation"],
                   "rejected": ["id"], "manifest": ["key"], "inputs": ["position"]}
    fks = {(fk.column, fk.other_table, fk.other_column) for fk in _table(db, "findings").foreign_keys}
    assert fks == {("case_row", "cases", "case_row"), ("rule", "rules", "id")}
    indexed = {tuple(i.columns) for i in _table(db, "findings").indexes}
    assert {("rule",), ("direction",), ("confidence",), ("severity",), ("case_row",), ("case_id",)} <= indexed
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _table(db, "findings").detect_fts() == "findings_fts"


def test_findings_agree_with_their_cases(published: Published) -> None:
    mismatched = published.db.execute(
        "SELECT COUNT(*) FROM findings f JOIN cases c ON c.case_row = f.case_row "
        "WHERE f.case_id IS NOT c.case_id OR f.court IS NOT c.court OR f.year IS NOT c.year").fetchone()[0]
    assert mismatched == 0
    per_case = published.db.execute(
        "SELECT COUNT(*) FROM cases c WHERE c.findings != (SELECT COUNT(*) FROM findings f "
        "WHERE f.case_row = c.case_row)").fetchone()[0]
    assert per_case == 0


def test_rules_table_has_both_titles_and_citations(published: Published) -> None:
    from sentencecheck.rules.load import default_rule_set

    rule_set = default_rule_set()
    rows = list(published.db["rules"].rows_where(order_by="position"))
    assert [r["id"] for r in rows] == [r.id for r in rule_set.rules]
    for row, rule in zip(rows, rule_set.rules, strict=True):
        assert (row["title_en"], row["title_ru"], row["version"]) == (rule.spec.title.en, rule.spec.title.ru,
                                                                      rule.spec.version)
        assert json.loads(row["legal_basis"]) == rule.spec.legal_basis
        assert json.loads(row["appeal_grounds"]) == rule.spec.appeal_grounds
        assert row["ruleset_digest"] == rule_set.digest
    cc55 = _table(published.db, "citations").get("CC 55(4)")
    assert cc55["citation_ru"] == "ч. 4 ст. 55 УК РК" and cc55["title_ru"]


def test_full_text_search_finds_a_word_of_an_explanation(published: Published) -> None:
    first = _table(published.db, "findings").get(1)
    words = re.findall(r"\w{6,}", first["explanation"])
    assert words and re.search("[а-я]", words[0])  # the audit ran with --lang ru
    found = [r["id"] for r in _table(published.db, "findings").search(words[0], columns=["id"])]
    assert 1 in found
    assert list(_table(published.db, "findings").search("zzzqqqxxx")) == []


def test_manifest_table_records_redaction_and_options(published: Published) -> None:
    manifest = {r["key"]: r["value"] for r in published.db["manifest"].rows}
    assert manifest["redacted"] == "true"
    assert manifest["options.min_group"] == str(MIN_GROUP)
    assert manifest["complete"] == "true"
    assert "inputs" not in manifest


# ---- views: flag rates, small groups suppressed in the SQL


@pytest.mark.parametrize("key", ["court", "year", "instance"])
def test_group_views_suppress_small_groups(published: Published, key: str) -> None:
    db = published.db
    sizes = dict(db.execute(f"SELECT {key}, COUNT(*) FROM cases WHERE screening IS NOT 'not_screened' "
                            f"GROUP BY {key}").fetchall())
    rows = list(db[f"flag_rate_by_{key}"].rows)
    assert {r[key] for r in rows} == set(sizes)
    for row in rows:
        n = sizes[row[key]]
        if n < MIN_GROUP:
            assert row["suppressed"] == 1
            assert row["cases"] is None and row["flagged_cases"] is None and row["flag_rate_pct"] is None
            assert row["leniency_pct"] is None
        else:
            assert row["suppressed"] == 0 and row["cases"] == n and row["flag_rate_pct"] is not None


def test_some_group_is_suppressed_and_some_is_not(published: Published) -> None:
    suppressed = [r["suppressed"] for r in published.db["flag_rate_by_court"].rows]
    assert 0 in suppressed and 1 in suppressed


def test_rule_and_direction_views_match_the_findings(published: Published) -> None:
    db = published.db
    screened = db.execute("SELECT COUNT(*) FROM cases WHERE screening IS NOT 'not_screened'").fetchone()[0]
    assert screened >= MIN_GROUP
    flagged = dict(db.execute("SELECT rule, COUNT(DISTINCT case_row) FROM findings GROUP BY rule").fetchall())
    rows = list(db["flag_rate_by_rule"].rows)
    assert len(rows) == db["rules"].count
    for row in rows:
        assert row["suppressed"] == 0 and row["screened_cases"] == screened
        assert row["flagged_cases"] == flagged.get(row["rule"], 0)
    directions = {r["direction"]: r for r in db["flag_rate_by_direction"].rows}
    assert list(directions) == ["leniency", "over-punishment", "procedural", "legislative-gap", "any"]
    any_flagged = db.execute("SELECT COUNT(*) FROM cases WHERE findings > 0").fetchone()[0]
    assert directions["any"]["flagged_cases"] == any_flagged
    assert directions["any"]["flag_rate_pct"] == round(100 * any_flagged / screened, 1)


def test_whole_audit_below_the_threshold_is_suppressed(published: Published, tmp_path: Path) -> None:
    db_path = tmp_path / "small.db"
    shutil.copy(published.db_path, db_path)
    db = sqlite_utils.Database(db_path)
    _table(db, "manifest").update("options.min_group", {"value": "1000"})  # the views read the threshold from the table
    assert {r["suppressed"] for r in db["flag_rate_by_rule"].rows} == {1}
    assert {r["flagged_cases"] for r in db["flag_rate_by_direction"].rows} == {None}


# ---- determinism


def test_publishing_twice_gives_the_same_database(published: Published, tmp_path: Path) -> None:
    again = publish(published.audit_dir, tmp_path / "audit.db")
    first = sqlite3.connect(published.db_path)
    second = sqlite3.connect(again.db_path)
    assert list(first.iterdump()) == list(second.iterdump())
    assert again.db_path.read_bytes() == published.db_path.read_bytes()
    assert again.metadata_path.read_bytes() == metadata_path_for(published.db_path).read_bytes()


# ---- refusals


def test_refuses_an_existing_database_unless_overwrite(published: Published, tmp_path: Path) -> None:
    target = tmp_path / "audit.db"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(PublishError, match="already exists"):
        publish(published.audit_dir, target)
    assert target.read_text(encoding="utf-8") == "keep me"
    publish(published.audit_dir, target, overwrite=True)
    assert sqlite_utils.Database(target)["cases"].count == 72


def test_refuses_an_incomplete_audit(audit_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="not complete"):
        publish(_copy(audit_dir, tmp_path, complete=False), tmp_path / "audit.db")
    assert not (tmp_path / "audit.db").exists()


def test_refuses_a_folder_that_is_not_an_audit(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="no manifest.json"):
        publish(tmp_path, tmp_path / "audit.db")
    (tmp_path / "manifest.json").write_text('{"something": "else"}', encoding="utf-8")
    with pytest.raises(PublishError, match="not an audit"):
        publish(tmp_path, tmp_path / "audit.db")


def test_refuses_a_damaged_audit(audit_dir: Path, tmp_path: Path) -> None:
    copy = _copy(audit_dir, tmp_path)
    lines = (copy / "findings.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "findings.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(PublishError, match="damaged"):
        publish(copy, tmp_path / "audit.db")


def test_refuses_findings_out_of_step_with_cases(audit_dir: Path, tmp_path: Path) -> None:
    copy = _copy(audit_dir, tmp_path)
    lines = (copy / "findings.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "findings.jsonl").write_text("".join(reversed(lines)), encoding="utf-8")
    with pytest.raises(PublishError, match="names case"):
        publish(copy, tmp_path / "audit.db")
    assert not list(tmp_path.glob("*.db")) and not list(tmp_path.glob(".*partial"))


def test_refuses_another_rule_set(audit_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    first = sorted(rules.glob("*.yaml"))[0]
    text = first.read_text(encoding="utf-8")
    changed = re.sub(r"(\n\s+en: )", r"\1Changed ", text, count=1)
    assert changed != text
    first.write_text(changed, encoding="utf-8")
    with pytest.raises(PublishError, match="digest"):
        publish(audit_dir, tmp_path / "audit.db", rules_dir=rules)


# ---- the command


def test_command_writes_and_refuses(audit_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "audit.db"
    result = CliRunner().invoke(publish_command, [str(audit_dir), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.exists() and (tmp_path / "audit.metadata.json").exists()
    assert UNREDACTED_WARNING not in result.output
    again = CliRunner().invoke(publish_command, [str(audit_dir), "-o", str(target)])
    assert again.exit_code == 2 and "--overwrite" in again.output
    assert CliRunner().invoke(publish_command, [str(audit_dir), "-o", str(target), "--overwrite"]).exit_code == 0


def test_command_warns_about_an_unredacted_audit(audit_dir: Path, tmp_path: Path) -> None:
    copy = _copy(audit_dir, tmp_path, redact=False)
    result = CliRunner().invoke(publish_command, [str(copy), "-o", str(tmp_path / "audit.db")])
    assert result.exit_code == 0
    assert UNREDACTED_WARNING in result.output
    manifest = {r["key"]: r["value"] for r in sqlite_utils.Database(tmp_path / "audit.db")["manifest"].rows}
    assert manifest["redacted"] == "false"


# ---- metadata and Datasette (in process: no server, no socket)


def test_metadata_describes_every_column_in_both_languages(published: Published) -> None:
    meta = published.metadata
    assert meta["allow_sql"] is False
    tables = meta["databases"]["audit"]["tables"]
    for name in ("cases", "findings", "rules", "citations", "rejected", "manifest", "inputs"):
        described = tables[name]["columns"]
        assert set(described) == {c.name for c in _table(published.db, name).columns}, name
        for text in [tables[name]["description"], *described.values()]:
            assert " — " in text and re.search("[а-яё]", text, re.IGNORECASE), text
    for view in published.db.view_names():
        assert set(tables[view]["columns"]) == {c.name for c in published.db[view].columns}, view
    assert tables["findings"]["facets"] == ["rule", "direction", "confidence", "court", "year"]
    assert tables["rules"]["label_column"] == "title_en"


@pytest.mark.parametrize(("n", "expected"), [
    (1, "найден 1 вывод"), (2, "найдено 2 вывода"), (5, "найдено 5 выводов"), (11, "найдено 11 выводов"),
    (21, "найден 21 вывод"), (0, "найдено 0 выводов"),
])
def test_russian_counts_agree(n: int, expected: str) -> None:
    assert ru_counted(n, "вывод", "найден", "найдено") == expected


def test_metadata_description_in_russian_agrees(published: Published) -> None:
    text = published.metadata["description"]
    assert "проверено 72 дела" in text and "отклонено 2 записи" in text
    n = published.db["findings"].count
    assert ru_counted(n, "вывод", "найден", "найдено") in text


def _datasette_get(db_path: Path, metadata: dict[str, Any], paths: list[str]) -> list[tuple[int, str]]:
    from datasette.app import Datasette

    async def run() -> list[tuple[int, str]]:
        # immutable, as a public server opens it (a mutable database is never downloadable anyway)
        ds = Datasette(immutables=[str(db_path)], metadata=metadata,
                       settings={"allow_download": False, "allow_csv_stream": False})
        out = []
        for path in paths:
            response = await ds.client.get(path)
            out.append((response.status_code, response.text))
        return out

    return asyncio.run(run())


def test_datasette_facets_search_and_views(published: Published) -> None:
    word = max(re.findall(r"\w+", _table(published.db, "findings").get(1)["title"]), key=len).lower()
    (status, body), (search_status, search), (view_status, view) = _datasette_get(
        published.db_path, published.metadata,
        ["/audit/findings.json?_extra=facet_results", f"/audit/findings.json?_shape=objects&_search={word}",
         "/audit/flag_rate_by_court.json?_shape=objects"])
    assert status == 200
    facets = json.loads(body)["facet_results"]
    assert {"rule", "direction", "confidence", "court", "year"} <= set(facets)
    assert search_status == 200 and 1 in [r["id"] for r in json.loads(search)["rows"]]
    assert view_status == 200
    assert {r["suppressed"] for r in json.loads(view)["rows"]} == {0, 1}


def test_datasette_refuses_sql_and_downloads(published: Published) -> None:
    answers = _datasette_get(published.db_path, published.metadata,
                             ["/audit.json?sql=select+1", "/audit.db", "/audit.json"])
    (sql_status, _), (download_status, _), (db_status, db_body) = answers
    assert sql_status == 403
    assert download_status == 403
    assert db_status == 200 and json.loads(db_body).get("allow_execute_sql") is False


def test_datasette_command_line_get(published: Published) -> None:
    """The documented command, run as a process with --get (no server started)."""
    meta = metadata_path_for(published.db_path)
    result = subprocess.run(
        [sys.executable, "-m", "datasette", str(published.db_path), "-m", str(meta), "--get",
         "/audit/findings.json?_facet=rule&_facet=direction&_extra=facet_results"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    facets = json.loads(result.stdout)["facet_results"]
    assert {"rule", "direction", "confidence", "court", "year"} <= set(facets)
    sql = subprocess.run([sys.executable, "-m", "datasette", str(published.db_path), "-m", str(meta), "--get",
                          "/audit.json?sql=select+1"], capture_output=True, text=True, timeout=120, check=False)
    assert sql.returncode != 0  # --get exits 1 on a response that is not 200 (403 here)
