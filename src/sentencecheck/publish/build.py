"""Write an audit folder as one SQLite database (sqlite-utils), with its Datasette metadata beside it.

The database is written to a hidden file beside the target and renamed into place when complete, so a failed run
never leaves a database that looks whole. Rows go in input order and nothing records the time: the same audit
folder gives the same database content."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlite_utils

from sentencecheck.publish.audit_folder import AuditFolder, open_audit
from sentencecheck.publish.catalogue import citation_rows, rule_rows
from sentencecheck.publish.metadata import datasette_metadata
from sentencecheck.publish.model import PublishError, PublishResult
from sentencecheck.publish.schema import CASES, CITATIONS, FINDINGS, INPUTS, MANIFEST, REJECTED, RULES, Table
from sentencecheck.publish.views import views
from sentencecheck.rules.load import default_rule_set, load_rule_set
from sentencecheck.rules.model import RuleSet

FINDING_INDEXES = ("rule", "direction", "confidence", "severity", "case_row", "case_id")
CASE_INDEXES = ("case_id", "court", "year", "instance")


def metadata_path_for(db_path: Path) -> Path:
    """``audit.db`` -> ``audit.metadata.json`` (beside it)."""
    return db_path.with_name(db_path.stem + ".metadata.json")


def publish(audit_dir: Path, db_path: Path, *, rules_dir: Path | None = None, overwrite: bool = False
            ) -> PublishResult:
    """Write the audit in ``audit_dir`` to the SQLite database ``db_path`` and its Datasette metadata beside it.

    Refused (:class:`PublishError`): a folder that is not a complete audit, files that disagree with the manifest,
    a rule set (``rules_dir``, else the one the manifest names) whose digest is not the audit's, and an existing
    database or metadata file unless ``overwrite``."""
    meta_path = metadata_path_for(db_path)
    for target in (db_path, meta_path):
        if target.is_dir():
            raise PublishError(f"{target}: is a folder; give a file name such as audit.db")
        if target.exists() and not overwrite:
            raise PublishError(f"{target}: already exists; give --overwrite to replace it")
    audit = open_audit(audit_dir)
    rule_set = _rule_set(audit, rules_dir)
    partial = db_path.with_name(f".{db_path.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        db = sqlite_utils.Database(partial)
        counts = _write(audit, rule_set, db)
        columns = {v.name: [c.name for c in db[v.name].columns] for v in views()}
        db.close()
        metadata = datasette_metadata(db_path.stem, audit, rule_set, counts, columns)
        meta_partial = meta_path.with_name(f".{meta_path.name}.partial")
        meta_partial.write_text(json.dumps(metadata, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                encoding="utf-8")
        os.replace(partial, db_path)
        os.replace(meta_partial, meta_path)
    except OSError as exc:
        raise PublishError(f"{db_path}: cannot write: {exc.strerror or exc}") from None
    except sqlite3.Error as exc:
        raise PublishError(f"{db_path}: cannot write the database: {exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return PublishResult(db_path, meta_path, counts, audit.redacted)


def _rule_set(audit: AuditFolder, rules_dir: Path | None) -> RuleSet:
    """The rule set the audit ran, refused if its digest is not the manifest's."""
    recorded = audit.rules_option
    if rules_dir is not None:
        rule_set = load_rule_set(rules_dir)
    elif recorded == "bundled":
        rule_set = default_rule_set()
    elif Path(recorded).is_dir():
        rule_set = load_rule_set(Path(recorded))
    else:
        raise PublishError(f"the audit ran the rules in {recorded!r}, which is not a folder here: give --rules DIR")
    expected = audit.manifest.get("ruleset_digest")
    if rule_set.digest != expected:
        where = str(rules_dir) if rules_dir is not None else recorded
        raise PublishError(f"the rule set {where!r} has digest {rule_set.digest[:12]}…, the audit was run with "
                           f"{str(expected)[:12]}…: publish with the rules the audit ran (--rules DIR)")
    return rule_set


def _create(db: sqlite_utils.Database, table: Table, pk: str,
            foreign_keys: list[tuple[str, str, str]] | None = None) -> sqlite_utils.db.Table:
    return sqlite_utils.db.Table(db, table.name).create(table.types(), pk=pk, foreign_keys=foreign_keys)


def _write(audit: AuditFolder, rule_set: RuleSet, db: sqlite_utils.Database) -> dict[str, int]:
    manifest = _create(db, MANIFEST, "key")
    manifest.insert_all(manifest_rows(audit))
    inputs = _create(db, INPUTS, "position")
    inputs.insert_all({"position": i, "path": f.get("path"), "sha256": f.get("sha256"), "bytes": f.get("bytes")}
                      for i, f in enumerate(audit.manifest.get("inputs", []), 1))
    rules = _create(db, RULES, "id")
    rules.insert_all(rule_rows(rule_set))
    cases = _create(db, CASES, "case_row")
    cases.insert_all(audit.cases(), alter=True)
    findings = _create(db, FINDINGS, "id", [("case_row", "cases", "case_row"), ("rule", "rules", "id")])
    cited: set[str] = set()
    findings.insert_all(_finding_rows(audit, {r.id for r in rule_set.rules}, cited), alter=True)
    citations = _create(db, CITATIONS, "citation")
    citations.insert_all(citation_rows(rule_set, cited))
    rejected = _create(db, REJECTED, "id")
    rejected.insert_all(({"id": i, **_jsonable(r)} for i, r in enumerate(audit.rejected(), 1)), alter=True)
    for column in FINDING_INDEXES:
        findings.create_index([column])
    for column in CASE_INDEXES:
        cases.create_index([column])
    findings.enable_fts(["title", "explanation"], fts_version="FTS5", create_triggers=False)
    for view in views():
        db.create_view(view.name, view.sql)
    return {t.name: db.table(t.name).count for t in (CASES, FINDINGS, RULES, CITATIONS, REJECTED, MANIFEST, INPUTS)}


def _finding_rows(audit: AuditFolder, rule_ids: set[str], cited: set[str]) -> Iterator[dict[str, Any]]:
    """Findings with their case's position, court, year and instance; the citations they name go into ``cited``."""
    for number, (case, finding) in enumerate(audit.findings(), 1):
        if finding.get("rule") not in rule_ids:
            raise PublishError(f"finding {number} names rule {finding.get('rule')!r}, which the rule set lacks")
        for key in ("legal_basis", "appeal_grounds"):
            cited.update(c["citation"] for c in finding.get(key) or [])
        cited.update(c["citation"] for r in finding.get("routes") or [] for c in r.get("basis") or [])
        row = {"id": number, "case_row": case["case_row"], "court": case.get("court"), "year": case.get("year"),
               "instance": case.get("instance"), **_jsonable(finding)}
        row["source_number"] = row.get("source_number") if row.get("source_number") != "" else None
        yield row


def _jsonable(record: dict[str, Any]) -> dict[str, Any]:
    """Lists and objects as JSON text (sorted keys, UTF-8): the same bytes on every run."""
    return {k: json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (list, dict)) else v
            for k, v in record.items()}


def manifest_rows(audit: AuditFolder) -> list[dict[str, Any]]:
    """The manifest flattened to dotted keys (inputs have their own table), with ``redacted`` (``true`` when the
    audit ran with ``--redact``); sorted by key."""
    flat: dict[str, Any] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict) and value and prefix in ("", "options", "counts"):
            for k, v in value.items():
                walk(f"{prefix}.{k}" if prefix else k, v)
        else:
            flat[prefix] = value

    walk("", {k: v for k, v in audit.manifest.items() if k != "inputs"})
    flat["redacted"] = audit.redacted
    return [{"key": k, "value": _text(flat[k])} for k in sorted(flat)]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
