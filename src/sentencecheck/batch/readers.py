"""Streaming readers: every input record, one at a time, with where it came from.

Formats (chosen by the file name's ending; folders are searched for all of them):

* ``.jsonl`` / ``.ndjson``: one case per line (blank lines are skipped);
* ``.json``: a single case, or a JSON array of cases;
* ``.yaml`` / ``.yml``: one case per file;
* ``.csv`` (UTF-8, a BOM is accepted) and ``.xlsx`` (first sheet, read-only streaming): one case per row,
  flat columns mapped onto the case model (see :mod:`sentencecheck.batch.mapping`); the rows are read by
  :mod:`sentencecheck.batch.tables`, the table reader ``sentencecheck disparity`` uses too.

Every record is accounted for: a record that cannot be read becomes a :class:`Record` with ``problems``
instead of ``data``, and an input that cannot be read at all (not a regular file, no permission, a damaged
workbook, not UTF-8) is one such record too, with reason ``unreadable input``; the other inputs go on.
A CSV row whose quoting is broken is rejected by its row and line number and reading resumes on the next
line.  Text that cannot be written as UTF-8 (a lone surrogate such as ``\\udc80``, which JSON escapes can
produce) rejects its record: it is never replaced, and never reaches an output.  Header columns the mapping
does not name are reported once per file on standard error and kept in a :class:`ReadLog`.
"""

from __future__ import annotations

import hashlib
import re
import stat
import sys
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sentencecheck.batch.mapping import Mapping, UnknownColumn, row_to_data, unknown_columns
from sentencecheck.batch.tables import Row, TableError, csv_rows, xlsx_rows
from sentencecheck.errors import InputError, Problem
from sentencecheck.io.documents import MAX_DOCUMENT_BYTES, file_kind, format_loc, parse_text, read_document

CASE_SUFFIXES = (".yaml", ".yml", ".json", ".jsonl", ".ndjson")
TABLE_SUFFIXES = (".csv", ".xlsx")
ALL_SUFFIXES = CASE_SUFFIXES + TABLE_SUFFIXES

UNREADABLE_RECORD = "unreadable record"
UNREADABLE_INPUT = "unreadable input"
UNREADABLE_DOCUMENT = ("cannot read", "not a file", "too large")
""":func:`read_document`'s errors about the file rather than its content."""

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Record:
    """One input record: a case's data, or the problems that stopped it from being read."""

    file: str
    unit: str  # "line", "row", "item" or "file"
    number: int | None  # line, row or item number (1-based; a spreadsheet's row counts the header as row 1)
    data: Any = None
    origin: dict[str, str] | None = None  # field path -> column, for spreadsheet rows
    problems: list[Problem] = field(default_factory=list)
    reason: str = UNREADABLE_RECORD  # why it is rejected, when it has problems

    @property
    def where(self) -> str:
        return f"{self.file}:{self.unit} {self.number}" if self.number is not None else self.file


@dataclass
class ReadLog:
    """What reading noticed besides records: header columns the mapping does not name (each once per file).

    Each is also written as one warning line to ``stream`` (standard error when ``None``)."""

    unknown_columns: list[UnknownColumn] = field(default_factory=list)
    stream: IO[str] | None = None

    def columns(self, found: list[UnknownColumn]) -> None:
        for notice in found:
            self.unknown_columns.append(notice)
            print("warning: " + printable(notice.message()), file=self.stream or sys.stderr)


def printable(text: str) -> str:
    """``text`` with any character UTF-8 cannot encode written as an escape (``\\udc80``)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8") if _SURROGATE.search(text) else text


def _input_error(name: str, message: str, expected: str | None = None) -> Record:
    return Record(name, "file", None, problems=[Problem("", message, None, expected)], reason=UNREADABLE_INPUT)


def input_files(inputs: Sequence[Path]) -> list[Path]:
    """Files named directly, and the entries inside named folders whose name ends in a known suffix, in sorted
    order.  Entries that are neither files nor folders (a FIFO, a device) are listed too, to be refused when read;
    a link to nothing is left out."""
    out: list[Path] = []
    for path in inputs:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.suffix.lower() in ALL_SUFFIXES and p.exists() and not p.is_dir()))
        else:
            out.append(path)
    return out


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def sha256_file(path: Path) -> str | None:
    """The file's SHA-256, or None when it is not a regular file or cannot be read."""
    if not _regular(path):
        return None
    h = hashlib.sha256()
    try:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def estimate_records(path: Path) -> int | None:
    """A cheap count of records for the progress bar (None when unknown)."""
    suffix = path.suffix.lower()
    if not _regular(path):
        return None
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
    except Exception:  # a damaged file is reported when it is read; the estimate only feeds a progress bar
        return None
    return None


def read_records(inputs: Sequence[Path], mapping: Mapping, log: ReadLog | None = None) -> Iterator[Record]:
    """Every record of every input, in order; unknown header columns go to ``log`` (and standard error)."""
    log = log if log is not None else ReadLog()
    for path in input_files(inputs):
        for record in _file_records(path, mapping, log):
            yield _checked(record)


def _file_records(path: Path, mapping: Mapping, log: ReadLog) -> Iterator[Record]:
    name = printable(str(path))
    suffix = path.suffix.lower()
    if suffix not in ALL_SUFFIXES:
        yield _input_error(name, f"unsupported file type {suffix or '(none)'}", "one of " + ", ".join(ALL_SUFFIXES))
        return
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield _input_error(name, f"cannot read file: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(mode):
        yield _input_error(name, f"not a regular file ({file_kind(mode)}): refused unread", "a case file or table")
        return
    try:
        if suffix in (".jsonl", ".ndjson"):
            yield from _jsonl(path, name)
        elif suffix == ".json":
            yield from _json(path, name)
        elif suffix == ".csv":
            yield from _csv(path, name, mapping, log)
        elif suffix == ".xlsx":
            yield from _xlsx(path, name, mapping, log)
        else:
            yield _document(path, name)
    except OSError as exc:
        yield _input_error(name, f"cannot read file: {exc.strerror or exc}")


def _checked(record: Record) -> Record:
    """The record with printable problems, rejected if its data holds text UTF-8 cannot encode."""
    record.problems = [Problem(printable(p.path), printable(p.message), p.line,
                               printable(p.expected) if p.expected else p.expected) for p in record.problems]
    if record.data is not None and not record.problems:
        bad = _unencodable(record.data, ())
        if bad is not None:
            record.problems, record.data, record.origin = [bad], None, None
    return record


def _unencodable(value: Any, path: tuple[int | str, ...]) -> Problem | None:
    """The first text in ``value`` (keys included) with a character that UTF-8 cannot encode, as a problem."""
    items: Any = ()
    if isinstance(value, str):
        m = _SURROGATE.search(value)
        if m:
            return Problem(printable(format_loc(path)), f"text holds U+{ord(m.group()):04X}, a lone surrogate "
                           "that cannot be written as UTF-8: the record is rejected, not altered", None,
                           "valid Unicode text")
    elif isinstance(value, dict):
        for key in value:
            if isinstance(key, str) and _SURROGATE.search(key):
                return _unencodable(key, (*path, key))
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    for key, item in items:
        found = _unencodable(item, (*path, key))
        if found is not None:
            return found
    return None


def _document(path: Path, name: str) -> Record:
    try:
        data, _node = read_document(path)
    except InputError as exc:
        unreadable = exc.message in UNREADABLE_DOCUMENT
        return Record(name, "file", None, problems=list(exc.problems),
                      reason=UNREADABLE_INPUT if unreadable else UNREADABLE_RECORD)
    return Record(name, "file", None, data=data)


def _jsonl(path: Path, name: str) -> Iterator[Record]:
    with path.open("rb") as f:
        number = 0
        while raw := f.readline(MAX_DOCUMENT_BYTES + 1):
            number += 1
            if len(raw) > MAX_DOCUMENT_BYTES:
                while raw and not raw.endswith(b"\n"):
                    raw = f.readline(MAX_DOCUMENT_BYTES)
                yield Record(name, "line", number, problems=[Problem("", f"line longer than {MAX_DOCUMENT_BYTES} "
                                                                         "bytes")])
                continue
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
    with path.open("rb") as f:
        raw = f.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        yield _input_error(name, f"JSON file larger than {MAX_DOCUMENT_BYTES} bytes",
                           "JSON Lines (.jsonl) for large inputs")
        return
    try:
        data, _ = parse_text(raw.decode("utf-8"), "json", name)
    except UnicodeDecodeError:
        yield _input_error(name, "file is not valid UTF-8")
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


def _csv(path: Path, name: str, mapping: Mapping, log: ReadLog) -> Iterator[Record]:
    yield from _table(name, csv_rows(path, name), mapping, log, keep_unnamed=True)


def _xlsx(path: Path, name: str, mapping: Mapping, log: ReadLog) -> Iterator[Record]:
    yield from _table(name, xlsx_rows(path, name), mapping, log, keep_unnamed=False)


def _table(name: str, rows: Generator[Row, None, None], mapping: Mapping, log: ReadLog,
           keep_unnamed: bool) -> Iterator[Record]:
    """A table's rows as records (blank rows skipped); a table that cannot be read ends as one unreadable input."""
    try:
        first = next(rows, None)
        if first is None:
            return
        header = first.cells
        bad = _check_header(name, header, mapping)
        if bad:
            yield Record(name, "row", 1, problems=[bad])
            return
        log.columns(unknown_columns(name, header, mapping))
        for row in rows:
            if row.problem is not None:
                yield Record(name, "row", row.number, problems=[row.problem])
            elif not row.blank:
                cells = zip(header, row.cells, strict=False)
                yield _row_record(name, row.number, {h: c for h, c in cells if keep_unnamed or h}, mapping)
    except TableError as exc:
        yield Record(name, "file", None, problems=list(exc.problems), reason=UNREADABLE_INPUT)
    finally:
        rows.close()  # the file or workbook closed now, also when the header is refused
