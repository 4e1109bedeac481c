"""Tables: the one reader of spreadsheets, for the audit (row by row) and the disparity statistics (whole).

* :func:`csv_rows` and :func:`xlsx_rows` stream a CSV/TSV file or an XLSX workbook: the header first (row 1, names
  stripped), then every row with its number and, for CSV, its first line.  A row that cannot be split into cells
  (broken quoting, a line too long, not UTF-8, more cells than the header) carries a :class:`Problem` and reading
  goes on; a table that cannot be read at all raises :class:`TableError`.
* :func:`read_frame` reads a whole table as a :class:`pandas.DataFrame` (CSV, TSV, XLSX through the readers above;
  Parquet and JSON Lines through pandas), raising :class:`TableError` at the first row that cannot be read.  Cell
  types are inferred as :func:`pandas.read_csv` and :func:`pandas.read_excel` infer them.

The audit turns a row's problem into a rejected record (:mod:`sentencecheck.batch.readers`); the statistics stop
with the same problem, by file, row and line.
"""

from __future__ import annotations

import csv
import re
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sentencecheck.errors import InputError, Problem

if TYPE_CHECKING:
    import pandas as pd

MAX_LINE_CHARS = 1 << 20
"""A CSV line longer than this is rejected unread (so one endless line cannot fill the memory)."""
MAX_RECORD_LINES = 100
"""Lines one CSV row may span (a quoted cell may hold line breaks); past this its quote is taken as broken."""
CSV_EXPECTED = 'a CSV file saved as UTF-8 ("CSV UTF-8")'
XLSX_EXPECTED = "an .xlsx workbook"

#: File name endings :func:`read_frame` understands, and how it reads them.
FRAME_SUFFIXES: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".txt": "csv",
    ".xlsx": "excel",
    ".xlsm": "excel",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}

BAD_BYTE = re.compile("[\udc80-\udcff]")
"""An undecodable byte, as ``errors="surrogateescape"`` keeps it."""


@dataclass
class TableError(InputError):
    """A table that cannot be read, or lacks a column an analysis needs: names the file, and the row and line when
    one row is at fault (as the audit's rejected records do)."""

    row: int | None = None

    def __str__(self) -> str:
        if not self.problems:
            return f"{self.file}: {self.message}" if self.file else self.message
        where = self.file or "<input>"
        if self.row is not None:
            where += f": row {self.row}"
        return "\n".join(_problem_text(where, p) for p in self.problems)


def _problem_text(where: str, problem: Problem) -> str:
    line = f" (line {problem.line})" if problem.line is not None else ""
    path = f"{problem.path}: " if problem.path else ""
    expected = f" (expected {problem.expected})" if problem.expected else ""
    return f"{where}{line}: {path}{problem.message}{expected}"


def unreadable(file: str, message: str, expected: str | None = None) -> TableError:
    """The error of a table that cannot be read at all (its one problem has no field path and no line)."""
    return TableError(message, file, [Problem("", message, None, expected)])


@dataclass(frozen=True)
class Row:
    """One row: its number (the header is row 1), its cells, the line it starts on (CSV), or the problem that
    stopped it from being read (then ``cells`` is empty)."""

    number: int
    cells: list[Any] = field(default_factory=list)
    line: int | None = None
    problem: Problem | None = None

    @property
    def blank(self) -> bool:
        """Every cell empty or white space (an empty line too)."""
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in self.cells)


class _BrokenRow(Exception):
    """A CSV row that cannot be split into cells."""


_Line = tuple[int, str | None]  # line number, text (None: longer than MAX_LINE_CHARS)


def _lines(f: IO[str]) -> Iterator[_Line]:
    """Physical lines (any of \\n, \\r\\n, \\r ends one), each read at most MAX_LINE_CHARS at a time."""
    number = 0
    while line := f.readline(MAX_LINE_CHARS):
        number += 1
        if len(line) == MAX_LINE_CHARS and not line.endswith(("\n", "\r")):
            while line and not line.endswith(("\n", "\r")):
                line = f.readline(MAX_LINE_CHARS)
            yield number, None
        else:
            yield number, line


def _csv_rows(lines: Iterator[_Line], delimiter: str) -> Iterator[tuple[int, list[str] | None, str | None]]:
    """(first line, cells, None) for each row, or (line, None, why) for a line that starts a broken row; reading
    then resumes on the line after it, so a stray or unclosed quote costs one row, never the rest of the file.

    A row is broken when the csv module cannot split it (strict), when it runs over :data:`MAX_RECORD_LINES` lines
    or :data:`MAX_LINE_CHARS` characters, or when it spans lines and has not as many cells as the first row (the
    header): a quote opened in one row and closed in a later one."""
    feed = _Feed(lines)
    reader = csv.reader(feed, strict=True, delimiter=delimiter)  # starts each row afresh, also after an error
    width: int | None = None
    while True:
        consumed = feed.consumed = []
        try:
            cells: list[str] | None = next(reader)
            why = None
        except StopIteration:
            return
        except (csv.Error, _BrokenRow) as exc:
            cells, why = None, str(exc)
        if cells is not None and width is None:
            width = len(cells)
        elif cells is not None and len(consumed) > 1 and len(cells) != width:
            why = (f"a quoted cell runs from line {consumed[0][0]} to line {consumed[-1][0]} and leaves the row "
                   f"{len(cells)} cells, the header {width}")
            cells = None
        yield consumed[0][0], cells, why
        if cells is None:
            feed.replay.extendleft(reversed(consumed[1:]))


class _Feed:
    """Lines for the csv module: first those to read again, then new ones; each is noted in ``consumed``."""

    def __init__(self, lines: Iterator[_Line]) -> None:
        self.lines = lines
        self.replay: deque[_Line] = deque()
        self.consumed: list[_Line] = []

    def __iter__(self) -> _Feed:
        return self

    def __next__(self) -> str:
        item = self.replay.popleft() if self.replay else next(self.lines)
        self.consumed.append(item)
        if item[1] is None:
            raise _BrokenRow(f"line longer than {MAX_LINE_CHARS} characters")
        if len(self.consumed) > MAX_RECORD_LINES:
            raise _BrokenRow(f"a quoted cell runs over more than {MAX_RECORD_LINES} lines")
        return item[1]


def csv_rows(path: Path, name: str, delimiter: str = ",") -> Generator[Row, None, None]:
    """The header row and every row of a CSV file (UTF-8, a BOM is accepted); nothing for an empty file.

    Raises :class:`TableError` when the header cannot be read; a row that cannot be read carries its problem."""
    with path.open("r", encoding="utf-8-sig", errors="surrogateescape", newline="") as f:
        rows = _csv_rows(_lines(f), delimiter)
        first = next(rows, None)
        if first is None:
            return
        line, cells, why = first
        if cells is None or BAD_BYTE.search("".join(cells)):
            raise unreadable(name, f"cannot read the header: {why or 'not UTF-8 text'}", CSV_EXPECTED)
        width = len(cells)
        yield Row(1, [h.strip() for h in cells], line)
        for number, (line, cells, why) in enumerate(rows, start=2):
            if cells is None:
                yield Row(number, line=line, problem=Problem(
                    "", f"broken quoting, the row cannot be split into cells: {why}; reading goes on with the next "
                    "line", line, "a quote closed in the same cell, and doubled inside a quoted cell"))
            elif not (joined := "".join(cells)).strip():
                yield Row(number, cells, line)
            elif BAD_BYTE.search(joined):
                yield Row(number, line=line, problem=Problem("", "row is not valid UTF-8", line))
            elif len(cells) > width:
                yield Row(number, line=line, problem=Problem("", f"row has {len(cells)} cells, the header {width}",
                                                             line))
            else:
                yield Row(number, cells, line)


def xlsx_rows(path: Path, name: str) -> Generator[Row, None, None]:
    """The header row and every row of a workbook's sheet ``cases`` (or its first sheet), streamed read-only;
    cells as openpyxl reads them (``None`` when empty).

    Raises :class:`TableError` when the workbook cannot be opened, or when a damaged sheet stops the reading (after
    the rows read until then)."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (BadZipFile, KeyError, XML errors) for a damaged file
        raise unreadable(name, f"cannot open workbook ({type(exc).__name__}): {exc}", XLSX_EXPECTED) from None
    number = 1
    try:
        ws = wb["cases"] if "cases" in wb.sheetnames else wb.worksheets[0]
        rows = ws.iter_rows(values_only=True)
        first = next(rows, None)
        if first is None:
            return
        yield Row(1, ["" if h is None else str(h).strip() for h in first])
        for number, cells in enumerate(rows, start=2):
            yield Row(number, list(cells))
    except Exception as exc:  # a damaged sheet inside a sound archive
        raise unreadable(name, f"workbook damaged, rows after {number} not read ({type(exc).__name__}): {exc}",
                         XLSX_EXPECTED) from None
    finally:
        wb.close()


def read_frame(path: str | Path) -> pd.DataFrame:
    """A whole table, chosen by the file name's ending (:data:`FRAME_SUFFIXES`).

    Raises :class:`TableError` (naming the file, and the row and line of a row that cannot be read) when the file
    is missing, has an unknown ending, or cannot be read."""
    import pandas as pd

    p = Path(path)
    kind = FRAME_SUFFIXES.get(p.suffix.lower())
    if kind is None:
        known = ", ".join(sorted(FRAME_SUFFIXES))
        raise TableError(f"unknown table format {p.suffix!r}; use one of {known}", str(p))
    if not p.is_file():
        raise TableError("no such file", str(p))
    try:
        if kind in ("csv", "tsv"):
            return _frame(str(p), csv_rows(p, str(p), "\t" if kind == "tsv" else ","), skip_blank_lines=True)
        if kind == "excel":
            return _frame(str(p), _as_pandas_reads(xlsx_rows(p, str(p))), skip_blank_lines=False)
        if kind == "parquet":
            return pd.read_parquet(p)
        return pd.read_json(p, lines=True)
    except TableError:
        raise
    except Exception as exc:  # any other reader failure becomes one clear message
        raise TableError(f"cannot read as {kind}: {type(exc).__name__}: {exc}", str(p)) from exc


def _frame(name: str, rows: Iterator[Row], *, skip_blank_lines: bool) -> pd.DataFrame:
    """The rows as a frame, the header as column names, each column's type inferred as pandas' readers do."""
    from pandas.io.parsers import TextParser  # type: ignore[attr-defined]  # in pandas' __all__, not its stubs

    data: list[list[Any]] = []
    for row in rows:
        if row.problem is not None:
            raise TableError(row.problem.message, name, [row.problem], row.number)
        data.append(row.cells)
    if not data:
        raise TableError("the table is empty: no header row", name)
    frame: pd.DataFrame = TextParser(data, header=0, skip_blank_lines=skip_blank_lines).read()
    return frame


def _as_pandas_reads(rows: Iterator[Row]) -> Iterator[Row]:
    """Workbook rows as :func:`pandas.read_excel` prepares them: empty cells ``""``, whole numbers ``int``, error
    cells missing, trailing empty cells and rows left out, every row as wide as the widest."""
    from openpyxl.cell.cell import ERROR_CODES

    def cell(value: Any) -> Any:
        if value is None:
            return ""
        if isinstance(value, float):
            return int(value) if value.is_integer() else value
        if isinstance(value, str) and value in ERROR_CODES:
            return float("nan")
        return value

    kept: list[Row] = []
    for row in rows:
        cells = list(row.cells) if row.number == 1 else [cell(v) for v in row.cells]
        while cells and isinstance(cells[-1], str) and cells[-1] == "":
            cells.pop()
        kept.append(Row(row.number, cells, row.line, row.problem))
    while kept and not kept[-1].cells and kept[-1].problem is None:
        kept.pop()
    width = max((len(r.cells) for r in kept), default=0)
    for row in kept:
        yield Row(row.number, row.cells + [""] * (width - len(row.cells)), row.line, row.problem)
