"""Streaming readers: every input record, one at a time, with where it came from.

Formats (chosen by the file name's ending; folders are searched for ``.yaml``, ``.yml``, ``.json``):

* ``.jsonl`` / ``.ndjson``: one case per line (blank lines are skipped);
* ``.json``: a single case, or a JSON array of cases;
* ``.yaml`` / ``.yml``: one case per file;
* ``.csv`` (UTF-8, a BOM is accepted) and ``.xlsx`` (first sheet, read-only streaming): one case per row,
  flat columns mapped onto the case model (see :mod:`sentencecheck.audit.mapping`).

A record that cannot be read becomes a :class:`Record` with ``problems`` instead of ``data``, so
that it is counted as rejected; nothing stops the stream but an unreadable file, which is one
rejected record too.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sentencecheck.audit.mapping import Mapping, row_to_data
from sentencecheck.errors import InputError, Problem
from sentencecheck.io.documents import MAX_DOCUMENT_BYTES, iter_paths, parse_text, read_document

CASE_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".ndjson")
TABLE_SUFFIXES = (".csv", ".xlsx")
ALL_SUFFIXES = CASE_SUFFIXES + TABLE_SUFFIXES


@dataclass
class Record:
    """One input record: a case's data, or the problems that stopped it from being read."""

    file: str
    unit: str  # "line", "row", "item" or "file"
    number: int | None  # line, row or item number (1-based; a spreadsheet's row counts the header as row 1)
    data: Any = None
    origin: dict[str, str] | None = None  # field path -> column, for spreadsheet rows
    problems: list[Problem] = field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.unit} {self.number}" if self.number is not None else self.file


def input_files(inputs: Sequence[Path]) -> list[Path]:
    """Files named directly, and the case files and tables inside named folders, in sorted order."""
    return list(iter_paths(list(inputs), ALL_SUFFIXES))


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def estimate_records(path: Path) -> int | None:
    """A cheap count of records for the progress bar (None when unknown)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson", ".csv"):
            n = 0
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    n += block.count(b"\n")
            return max(n - (1 if suffix == ".csv" else 0), 0)
        if suffix in (".yaml", ".yml"):
            return 1
        if suffix == ".xlsx":
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True)
            try:
                rows = wb.worksheets[0].max_row
            finally:
                wb.close()
            return max(int(rows or 1) - 1, 0) if rows else None
    except OSError:
        return None
    return None


def read_records(inputs: Sequence[Path], mapping: Mapping) -> Iterator[Record]:
    """Every record of every input, in order."""
    for path in input_files(inputs):
        name = str(path)
        suffix = path.suffix.lower()
        try:
            if suffix in (".jsonl", ".ndjson"):
                yield from _jsonl(path, name)
            elif suffix == ".json":
                yield from _json(path, name)
            elif suffix == ".csv":
                yield from _csv(path, name, mapping)
            elif suffix == ".xlsx":
                yield from _xlsx(path, name, mapping)
            elif suffix in (".yaml", ".yml"):
                yield _document(path, name)
            else:
                yield Record(name, "file", None, problems=[Problem("", f"unsupported file type {suffix or '(none)'}",
                                                                   expected="one of " + ", ".join(ALL_SUFFIXES))])
        except OSError as exc:
            yield Record(name, "file", None, problems=[Problem("", f"cannot read file: {exc.strerror or exc}")])


def _document(path: Path, name: str) -> Record:
    try:
        data, _node = read_document(path)
    except InputError as exc:
        return Record(name, "file", None, problems=list(exc.problems))
    return Record(name, "file", None, data=data)


def _jsonl(path: Path, name: str) -> Iterator[Record]:
    with path.open("rb") as f:
        for number, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield Record(name, "line", number, problems=[Problem("", "line is not valid UTF-8")])
                continue
            try:
                data, _ = parse_text(text, "json", name)
            except InputError as exc:
                yield Record(name, "line", number, problems=[Problem(p.path, p.message, None, p.expected)
                                                            for p in exc.problems])
                continue
            yield Record(name, "line", number, data=data)


def _json(path: Path, name: str) -> Iterator[Record]:
    """A JSON file: one case, or an array of cases (the array is parsed whole, so keep it under 8 MB;
    use JSON Lines for larger inputs)."""
    if path.stat().st_size > MAX_DOCUMENT_BYTES:
        yield Record(name, "file", None, problems=[Problem(
            "", f"JSON file larger than {MAX_DOCUMENT_BYTES} bytes", expected="JSON Lines (.jsonl) for large inputs")])
        return
    try:
        text = path.read_text(encoding="utf-8")
        data, _ = parse_text(text, "json", name)
    except UnicodeDecodeError:
        yield Record(name, "file", None, problems=[Problem("", "file is not valid UTF-8")])
        return
    except InputError as exc:
        yield Record(name, "file", None, problems=list(exc.problems))
        return
    if isinstance(data, list):
        for number, item in enumerate(data, start=1):
            yield Record(name, "item", number, data=item)
    else:
        yield Record(name, "file", None, data=data)


def _row_record(name: str, number: int, row: dict[str, Any], mapping: Mapping) -> Record:
    if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
        return Record(name, "row", number, data=None)  # marked as blank by the caller
    try:
        data, origin = row_to_data(row, mapping)
    except (ValueError, TypeError, IndexError) as exc:
        return Record(name, "row", number, problems=[Problem("", f"cannot map row: {exc}")])
    return Record(name, "row", number, data=data, origin=origin)


def _check_header(name: str, header: list[str], mapping: Mapping) -> Problem | None:
    if not set(header) & set(mapping.columns):
        return Problem("", "no column of the mapping found in the header",
                       expected="the columns of `sentencecheck template` or a --mapping file")
    return None


def _csv(path: Path, name: str, mapping: Mapping) -> Iterator[Record]:
    with path.open("r", encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield Record(name, "row", 1, problems=[Problem("", f"cannot read header: {exc}")])
            return
        bad = _check_header(name, header, mapping)
        if bad:
            yield Record(name, "row", 1, problems=[bad])
            return
        number = 1
        while True:
            number += 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as exc:
                yield Record(name, "row", number, problems=[Problem("", f"cannot read row: {exc}")])
                return
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                yield Record(name, "row", number, problems=[Problem(
                    "", f"row has {len(cells)} cells, the header {len(header)}")])
                continue
            yield _row_record(name, number, dict(zip(header, cells, strict=False)), mapping)


def _xlsx(path: Path, name: str, mapping: Mapping) -> Iterator[Record]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        yield Record(name, "file", None, problems=[Problem("", f"cannot open workbook: {exc}")])
        return
    try:
        ws = wb["cases"] if "cases" in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            return
        header = ["" if h is None else str(h).strip() for h in first]
        bad = _check_header(name, header, mapping)
        if bad:
            yield Record(name, "row", 1, problems=[bad])
            return
        for number, cells in enumerate(rows, start=2):
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            yield _row_record(name, number, {h: c for h, c in zip(header, cells, strict=False) if h}, mapping)
    finally:
        wb.close()


def as_jsonable(data: Any) -> Any:
    """Records cross to worker processes as plain JSON-able data."""
    return json.loads(json.dumps(data, default=str))
