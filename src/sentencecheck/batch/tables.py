"""Tables: the one reader of spreadsheets, for the audit (row by row) and the disparity statistics (whole).

* :func:`csv_rows` and :func:`xlsx_rows` stream a CSV/TSV file or an XLSX workbook: the header first (row 1, names
  stripped), then every row with its number and, for CSV, its first line.  A row that cannot be split into cells
  (broken quoting, a line too long, not UTF-8, more cells than the header) carries a :class:`Problem` and reading
  goes on; a table that cannot be read at all raises :class:`TableError`.
* :func:`read_frame` reads a whole table as a :class:`pandas.DataFrame` (CSV, TSV, XLSX through the readers above;
  Parquet and JSON Lines through pandas), raising :class:`TableError` at the first row that cannot be read.  Cell
  types are inferred as :func:`pandas.read_csv` and :func:`pandas.read_excel` infer them.
* A CSV/TSV file is first read by pyarrow's CSV reader (:func:`csv_frame_fast`), which gives the same frame as the exact
  reader (:func:`csv_frame_exact`) many times faster; any file it might read differently (broken or stray quotes, a
  row wider or narrower than the header, not UTF-8, a lone carriage return, a line or a cell over the limits) is
  read again by the exact reader, which names the row and line at fault.

The audit turns a row's problem into a rejected record (:mod:`sentencecheck.batch.readers`); the statistics stop
with the same problem, by file, row and line.
"""

from __future__ import annotations

import codecs
import csv
import functools
import re
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sentencecheck.errors import InputError, Problem

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MAX_LINE_CHARS = 1 << 20
"""A CSV line longer than this is rejected unread (so one endless line cannot fill the memory)."""
MAX_RECORD_LINES = 100
"""Lines one CSV row may span (a quoted cell may hold line breaks); past this its quote is taken as broken."""
FAST_MIN_BYTES_PER_COLUMN = 8192
"""The fast CSV path (:func:`csv_frame_fast`) costs about a millisecond a column beyond the reading: a file with fewer
bytes a column is read by the exact reader, as quick for it."""
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
            delimiter = "\t" if kind == "tsv" else ","
            fast = csv_frame_fast(p, delimiter)
            return fast if fast is not None else csv_frame_exact(p, str(p), delimiter)
        if kind == "excel":
            return _frame(str(p), _as_pandas_reads(xlsx_rows(p, str(p))), skip_blank_lines=False)
        if kind == "parquet":
            return pd.read_parquet(p)
        return pd.read_json(p, lines=True)
    except TableError:
        raise
    except Exception as exc:  # any other reader failure becomes one clear message
        raise TableError(f"cannot read as {kind}: {type(exc).__name__}: {exc}", str(p)) from exc


def csv_frame_exact(path: Path, name: str, delimiter: str = ",") -> pd.DataFrame:
    """A CSV/TSV file as a frame, row by row with :func:`csv_rows`: slow, but names the row and line of a fault."""
    return _frame(name, csv_rows(path, name, delimiter), skip_blank_lines=True)


def csv_frame_fast(path: Path, delimiter: str = ",") -> pd.DataFrame | None:
    """A CSV/TSV file as a frame, split by pyarrow's CSV reader and typed as :func:`csv_frame_exact` types it (the
    same values and dtypes); ``None`` when the file holds anything the two might read differently, or that the
    exact reader refuses (then only the exact reader can say where), or when it is small for its number of columns
    (:data:`FAST_MIN_BYTES_PER_COLUMN`: the exact reader is then as quick)."""
    try:
        raw = path.read_bytes().removeprefix(codecs.BOM_UTF8)
    except OSError:
        return None
    quoted = _quoted_cells(raw, delimiter) if _plain_lines(raw) else None
    header = _first_row(raw, delimiter) if quoted is not None else None
    if quoted is None or header is None or len(raw) < FAST_MIN_BYTES_PER_COLUMN * len(header):
        return None
    columns = _distinct_cells(raw, delimiter, header)
    if columns is None or not _same_rows_as_the_exact_reader(raw, delimiter, quoted, header, columns):
        return None
    return _typed_as_text_parser(header, columns)


def _plain_lines(raw: bytes) -> bool:
    """UTF-8, a header on the first line, line ends \\n or \\r\\n only, no NUL, and no line over
    :data:`MAX_LINE_CHARS` or the csv module's cell limit (so no cell outside quotes over it)."""
    if not _is_utf8(raw) or raw.startswith(codecs.BOM_UTF8) or b"\0" in raw:
        return False
    end = raw.find(b"\n")
    if not (raw if end == -1 else raw[:end]).decode("utf-8").strip():
        return False
    if b"\r" in raw and raw.count(b"\r") != raw.count(b"\r\n"):
        return False
    return _longest_line(raw) < min(MAX_LINE_CHARS - 2, csv.field_size_limit())


def _is_utf8(raw: bytes, chunk: int = 1 << 20) -> bool:
    """Whether *raw* decodes as UTF-8 (strictly, as :func:`csv_rows` needs), decoded a chunk at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for start in range(0, len(raw), chunk):
            decoder.decode(raw[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _longest_line(raw: bytes) -> int:
    """The longest line's length in bytes (at least its length in characters), its line end left out."""
    import numpy as np

    ends = np.flatnonzero(np.frombuffer(raw, dtype=np.uint8) == ord("\n"))
    starts = np.concatenate(([0], ends + 1))
    return int(np.max(np.concatenate((ends, [len(raw)])) - starts))


def _quoted_cells(raw: bytes, delimiter: str) -> bytes | None:
    """The quoted cells of *raw*, quotes and all, joined; ``None`` when a quote lies outside a well-formed quoted
    cell (which the csv module and another reader may split differently) or a quoted cell is over the csv module's
    cell limit.  (UTF-8 bytes: no byte of a longer character is a quote, a delimiter or a line end.)"""
    if b'"' not in raw:
        return b""
    cells = _quoted_cell(delimiter).findall(raw)
    joined = b"".join(cells)
    if joined.count(b'"') != raw.count(b'"') or max(map(len, cells)) >= csv.field_size_limit():
        return None
    return joined


@functools.cache
def _quoted_cell(delimiter: str) -> re.Pattern[bytes]:
    """A quoted cell as the csv module reads it strictly: opened at the start of a cell, quotes doubled inside,
    closed before a delimiter, a line end or the end of the text (possessive: never read another way)."""
    d = re.escape(delimiter)
    return re.compile(rf'"(?<![^{d}\n]")[^"]*+(?:""[^"]*+)*+"(?![^{d}\r\n])'.encode())  # a quote first: found fast


def _first_row(raw: bytes, delimiter: str) -> list[str] | None:
    """The header row's cells as :func:`csv_rows` splits them (not yet stripped); ``None`` when it spans more than
    :data:`MAX_RECORD_LINES` lines (which :func:`csv_rows` refuses)."""

    def lines() -> Iterator[str]:
        start = 0
        while start < len(raw):
            end = raw.find(b"\n", start) + 1 or len(raw)
            yield raw[start:end].decode("utf-8")
            start = end

    try:
        header = next(csv.reader(lines(), strict=True, delimiter=delimiter), None)
    except csv.Error:
        return None
    return header if header is not None and "".join(header).count("\n") < MAX_RECORD_LINES else None


_Column = tuple["np.ndarray[Any, Any]", list[str]]  # each row's index into the distinct cells; the distinct cells


def _distinct_cells(raw: bytes, delimiter: str, header: list[str]) -> list[_Column] | None:
    """Each column's cells below the header: their distinct values in the order they first appear, and each row's
    index into them.  ``None`` when pyarrow's reader refuses a row (wider or narrower than the header), splits the
    header otherwise than the csv module, or finds no row below it."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as arrow_csv

    names = [str(i) for i in range(len(header))]
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(raw),
            read_options=arrow_csv.ReadOptions(column_names=names),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                                 escape_char=False, newlines_in_values=True, ignore_empty_lines=True),
            convert_options=arrow_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowException:  # a row wider or narrower than the header, a row over the block size
        return None
    if table.num_rows < 2 or list(table.slice(0, 1).to_pylist()[0].values()) != header:
        return None
    columns: list[_Column] = []
    for column in table.slice(1).columns:
        encoded = pc.dictionary_encode(column.combine_chunks())
        columns.append((encoded.indices.to_numpy(zero_copy_only=False), encoded.dictionary.to_pylist()))
    return columns


def _same_rows_as_the_exact_reader(raw: bytes, delimiter: str, quoted: bytes, header: list[str],
                                   columns: list[_Column]) -> bool:
    """The rows read are those :func:`csv_rows` gives and :func:`_frame` keeps: each as wide as the header (counted
    again by the delimiters outside quoted cells), no row of one blank cell, the header too (the exact reader drops
    it), none over :data:`MAX_RECORD_LINES` lines."""
    rows, width = len(columns[0][0]) + 1, len(columns)
    if raw.count(delimiter.encode()) - quoted.count(delimiter.encode()) != rows * (width - 1):
        return False
    if width == 1 and not all(cell.strip() for cell in [*header, *columns[0][1]]):
        return False
    if quoted.count(b"\n") < MAX_RECORD_LINES:
        return True
    import numpy as np

    breaks = sum(np.array([cell.count("\n") for cell in distinct], dtype=np.int64)[codes]
                 for codes, distinct in columns)
    return bool(np.max(breaks) < MAX_RECORD_LINES)


def _typed_as_text_parser(header: list[str], columns: list[_Column]) -> pd.DataFrame:
    """The header (names stripped) and the rows below it as :func:`_frame` builds them.

    pandas' Python parser types each column on its own, cell by cell in order, and a cell seen before changes
    nothing; so each column's distinct cells, in the order they first appear, are typed by it and spread back.
    Columns with about as many distinct cells are typed together (the shorter ones padded with their first cell):
    a few parser calls for a wide table, and little padding for a long one."""
    import pandas as pd
    from pandas.io.parsers import TextParser  # type: ignore[attr-defined]  # in pandas' __all__, not its stubs

    alike: dict[int, list[int]] = {}
    for i, (_, distinct) in enumerate(columns):
        alike.setdefault(len(distinct).bit_length(), []).append(i)
    typed: dict[int, Any] = {}
    for members in alike.values():
        typed.update(_typed_together(members, columns))
    frame = pd.DataFrame({i: typed[i] for i in range(len(columns))}, copy=False)
    frame.columns = TextParser([[h.strip() for h in header]], header=0).read().columns
    return frame


def _typed_together(members: list[int], columns: list[_Column]) -> dict[int, Any]:
    """The columns *members*, typed by pandas' Python parser in one call and spread back over their rows (each a
    NumPy or a pandas extension array)."""
    from pandas.io.parsers import TextParser  # type: ignore[attr-defined]  # in pandas' __all__, not its stubs

    longest = max(len(columns[i][1]) for i in members)
    padded = [columns[i][1] + columns[i][1][:1] * (longest - len(columns[i][1])) for i in members]
    # every row is kept: the exact reader drops no row here (csv_frame_fast sees to it), so none may be dropped
    rows = list(map(list, zip(*padded, strict=True)))
    typed = TextParser([[str(i) for i in members], *rows], header=0, skip_blank_lines=False).read()
    return {i: _spread(values, columns[i][0]) for i, (_, values) in zip(members, typed.items(), strict=True)}


def _spread(values: pd.Series, codes: np.ndarray[Any, Any]) -> Any:
    """``values[codes]``, as a NumPy array when *values* has a NumPy dtype, else as its pandas extension array."""
    import numpy as np

    return np.take(values.to_numpy(), codes) if isinstance(values.dtype, np.dtype) else values.array.take(codes)


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
