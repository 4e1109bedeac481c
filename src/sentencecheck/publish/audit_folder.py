"""An audit folder as publish reads it: checked whole before anything is written, then streamed row by row.

The four files an audit streams are read in step: ``cases.csv`` gives each case its position (``case_row``) and its
number of findings, and the next that many lines of ``findings.jsonl`` are its findings (both are written in input
order). A line that belongs to another case, or counts that differ from the manifest's, mean a damaged folder."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sentencecheck.io.safe import safe_cell
from sentencecheck.publish.model import PublishError
from sentencecheck.publish.schema import CASES, Table

FILES = ("manifest.json", "cases.csv", "findings.jsonl", "findings.csv", "rejected.jsonl")
_TRUE = {"true": 1, "false": 0}


@dataclass(frozen=True)
class AuditFolder:
    path: Path
    manifest: dict[str, Any]

    @property
    def min_group(self) -> int:
        return int(self.manifest["options"]["min_group"])

    @property
    def redacted(self) -> bool:
        return bool(self.manifest["options"].get("redact"))

    @property
    def rules_option(self) -> str:
        """``bundled`` or the ``--rules`` folder as the audit was given it."""
        return str(self.manifest["options"].get("rules", "bundled"))

    def cases(self) -> Iterator[dict[str, Any]]:
        """``cases.csv`` rows, typed (empty cells are NULL), with ``case_row`` (1-based, input order)."""
        with self._open("cases.csv") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or []
            missing = [c.name for c in CASES.columns if c.name != "case_row" and c.name not in header]
            if missing:
                raise PublishError(f"{self.path / 'cases.csv'}: columns missing: {', '.join(missing)}; not an audit "
                                   "this version of sentencecheck can publish")
            try:
                for number, row in enumerate(reader, 1):
                    yield {"case_row": number, **typed(row, CASES, self.path / "cases.csv", number + 1)}
            except csv.Error as exc:
                raise PublishError(f"{self.path / 'cases.csv'}: {exc}") from None

    def findings(self) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(case, finding) for every finding, the finding with ``deadline`` and ``route`` from ``findings.csv``."""
        lines = self._json_lines("findings.jsonl")
        with self._open("findings.csv") as f:
            table = csv.DictReader(f)
            number = 0
            for case in self.cases():
                for _ in range(case["findings"] or 0):
                    number += 1
                    finding = next(lines, None)
                    flat = next(table, None)
                    if finding is None or flat is None:
                        raise self._damaged(f"findings.jsonl or findings.csv ends before case row {case['case_row']}'s "
                                            "findings")
                    if safe_cell(str(finding.get("case_id"))) != case["case_id"] or flat["case_id"] != case["case_id"]:
                        raise self._damaged(f"finding {number} names case {finding.get('case_id')!r}, but cases.csv "
                                            f"row {case['case_row']} is case {case['case_id']!r}")
                    yield case, {**finding, "deadline": flat.get("deadline") or None,
                                 "route": flat.get("route") or None}
            if next(lines, None) is not None or next(table, None) is not None:
                raise self._damaged("findings.jsonl has more findings than cases.csv counts")

    def rejected(self) -> Iterator[dict[str, Any]]:
        return self._json_lines("rejected.jsonl")

    def count_lines(self, name: str) -> int:
        """Non-empty lines of a JSON Lines file."""
        with (self.path / name).open("rb") as f:
            return sum(1 for line in f if line.strip())

    def count_rows(self, name: str) -> int:
        """Rows of a CSV file below its header (a quoted cell may hold line breaks)."""
        with self._open(name) as f:
            try:
                return max(sum(1 for _ in csv.reader(f)) - 1, 0)
            except csv.Error as exc:
                raise PublishError(f"{self.path / name}: {exc}") from None

    def _open(self, name: str) -> Any:
        return (self.path / name).open(encoding="utf-8", newline="")

    def _json_lines(self, name: str) -> Iterator[dict[str, Any]]:
        with self._open(name) as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise PublishError(f"{self.path / name}:{number}: not JSON ({exc.msg})") from None
                if not isinstance(data, dict):
                    raise PublishError(f"{self.path / name}:{number}: not a JSON object")
                yield data

    def _damaged(self, what: str) -> PublishError:
        return PublishError(f"{self.path}: the audit folder is damaged: {what}")


def typed(row: dict[str, str], table: Table, file: Path, line: int) -> dict[str, Any]:
    """A CSV row's cells as the table's types: empty is NULL, ``true``/``false`` is 1/0 in an integer column;
    columns the table does not list stay text."""
    types = table.types()
    out: dict[str, Any] = {}
    for name, cell in row.items():
        if name is None:
            raise PublishError(f"{file}:{line}: more cells than the header has columns")
        kind = types.get(name, str)
        if cell is None or cell == "":
            out[name] = None
        elif kind is str:
            out[name] = cell
        else:
            try:
                out[name] = _TRUE[cell] if kind is int and cell in _TRUE else kind(cell)
            except ValueError:
                raise PublishError(f"{file}:{line}: column {name}: {cell!r} is not a number") from None
    return out


def open_audit(path: Path) -> AuditFolder:
    """The audit in ``path``, refused unless it is a complete audit whose files agree with its manifest's counts."""
    if not path.is_dir():
        raise PublishError(f"{path}: not a folder (give the folder an audit wrote with --out)")
    manifest_file = path / "manifest.json"
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PublishError(f"{path}: not an audit folder (no manifest.json)") from None
    except (OSError, ValueError) as exc:
        raise PublishError(f"{manifest_file}: not readable ({exc})") from None
    if not isinstance(manifest, dict) or "sentencecheck_version" not in manifest:
        raise PublishError(f"{path}: not an audit folder (manifest.json is not an audit's manifest)")
    if manifest.get("complete") is not True:
        raise PublishError(f"{path}: the audit is not complete (manifest.json says \"complete\": false); finish it "
                           "with: sentencecheck audit --resume, then publish the folder it completes")
    missing = [name for name in FILES if not (path / name).is_file()]
    if missing:
        raise PublishError(f"{path}: not a complete audit folder: {', '.join(missing)} missing")
    options = manifest.get("options")
    if not isinstance(options, dict) or not isinstance(options.get("min_group"), int):
        raise PublishError(f"{manifest_file}: options.min_group missing; not an audit this version can publish")
    folder = AuditFolder(path, manifest)
    counts = manifest.get("counts", {})
    found = {"audited": folder.count_rows("cases.csv"), "findings": folder.count_lines("findings.jsonl"),
             "rejected": folder.count_lines("rejected.jsonl")}
    for key, n in found.items():
        if counts.get(key) != n:
            raise folder._damaged(f"the manifest counts {counts.get(key)} {key}, the files hold {n}")
    return folder
