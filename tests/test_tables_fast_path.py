"""The fast CSV/TSV path of :func:`read_frame` gives the exact reader's frame, and leaves every fault to it.

:func:`csv_frame_fast` (pyarrow's reader, typed by pandas' Python parser on each column's distinct cells) must build
the same frame, values and dtypes, as :func:`csv_frame_exact` (row by row with the csv module), or decline; a table
with a fault must still be refused by row and line exactly as before.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sentencecheck.batch import tables
from sentencecheck.batch.tables import (
    MAX_LINE_CHARS,
    MAX_RECORD_LINES,
    TableError,
    csv_frame_exact,
    csv_frame_fast,
    read_frame,
)

BOM = "\ufeff"
SMALL_FOR_ITS_WIDTH = tables.FAST_MIN_BYTES_PER_COLUMN
CELL_LIMIT = csv.field_size_limit()

#: Tables the fast path reads itself: (file name, text).  Each must give the exact reader's frame.
PLAIN = {
    "quoted line breaks": ("t.csv", 'id,note,n\n1,"two\nlines",3\n2,"a ""quoted"" word",4\n3,"x\r\ny",5\n'),
    "windows line ends": ("t.csv", "id,n,f\r\n1,2,0.5\r\n2,,1e3\r\n3,4,\r\n"),
    "bom and padded header": ("t.csv", BOM + " group , y \na,1.5\nb,\n"),
    "empty cells and blank lines": ("t.csv", "a,b,c\n1,,x\n\n,,\n3,4,\n\n"),
    "numbers with commas": ("t.csv", 'amount,count\n"1,000",2\n"2,500.5",3\n'),
    "formula-like cells": ("t.csv", "f,g\n=SUM(A1:A2),+1\n@cmd,-2\n=1+1,3\n"),
    "booleans and missing": ("t.csv", "b,c,d\nTrue,true,FALSE\nFalse,,TRUE\n,NA,n/a\n"),
    "na strings": ("t.csv", "s,t\nNA,nan\nNULL,None\n#N/A,-NaN\nx,1\n"),
    "ints and floats": ("t.csv", "i,f,big\n1,1.0,18446744073709551615\n-2,2.50,1\n 3 ,1e-3,2\n"),
    "cyrillic and duplicates": ("t.csv", "имя,имя,,x\nАнна,1,2,3\nБорис,4,5,6\n"),
    "one column": ("t.csv", "y\n1\n\n2\n3\n"),
    "numeric names, an empty column": ("t.csv", "1,2.5,empty\nx,1,\ny,2,\n"),
    "tsv": ("t.tsv", 'group\tnote\ty\na\t"tab\there"\t1.5\nb\t"x, y"\t\n'),
    "no final line end": ("t.csv", "a,b\n1,2\n3,4"),
    "many line breaks, each row under the limit": (
        "t.csv",
        "a,b\n" + "".join(f'"{chr(10) * 60}",{i}\n' for i in range(3)),
    ),
}

#: Tables the fast path declines but the exact reader reads: read_frame must give the exact reader's frame.
DECLINED_BUT_READ = {
    "short rows": ("t.csv", "a,b,c\n1,2\n3\n4,5,6\n"),
    "a line of white space": ("t.csv", "a,b\n1,2\n   \n3,4\n"),
    "a form feed line": ("t.csv", "a,b\n1,2\n\x0c\n3,4\n"),
    "a quoted blank in one column": ("t.csv", 'y\n1\n" "\n2\n'),
    "a lone carriage return": ("t.csv", "a,b\r1,2\r3,4\r"),
    "a quote inside an unquoted cell": ("t.csv", 'a,b\nsay "hi",1\n'),
    "a header row only": ("t.csv", "a,b\n"),
}

#: Tables with a fault: the fast path declines and read_frame refuses them as the exact reader does.
FAULTY = {
    "broken quoting": ("t.csv", 'case_id,court\ncase-1,"court 1"\ncase-2,"court "2"\ncase-3,court 3\n'),
    "unclosed quote": ("t.csv", 'group,y\na,1\nb,"2\n'),
    "row wider than the header": ("t.csv", "a,b\n1,2\n\n3,4,5\n"),
    "first row wider than the header": ("t.csv", "a,b\n1,2,3\n4,5\n"),
    "text after a closing quote": ("t.csv", 'a,b\n"x"y,1\n'),
    "multi-line row too narrow": ("t.csv", 'a,b,c\n"x\ny",1\n2,3,4\n'),
    "not utf-8": ("latin.csv", None),
    "undecodable row": ("t.csv", None),
    "too many lines in one row": ("t.csv", 'a,b\n"' + "\n" * MAX_RECORD_LINES + '",1\n'),
    "too many lines in the header": ("t.csv", '"a' + "\n" * MAX_RECORD_LINES + '",b\n1,2\n'),
    "blank first line": ("t.csv", "\na,b\n1,2\n"),
    "a line over the limit": ("t.csv", "a,b\n" + "x" * MAX_LINE_CHARS + ",1\n"),
    "a cell over the csv module's limit": ("t.csv", "a,b\n" + "x" * (CELL_LIMIT + 1) + ",1\n"),
    "a quoted cell over the csv module's limit": ("t.csv", 'a,b\n"' + ("x" * 1399 + "\n") * 98 + '",1\n'),
    "empty": ("empty.csv", ""),
}

RAW = {
    "not utf-8": "группа,y\n".encode("cp1251"),
    "undecodable row": b"a,b\n1,2\n" + "я,3\n".encode("cp1251"),
}


@pytest.fixture(autouse=True)
def small_tables_take_the_fast_path_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tables here are small: without this the fast path would leave them to the exact reader."""
    monkeypatch.setattr(tables, "FAST_MIN_BYTES_PER_COLUMN", 0)


def write(tmp_path: Path, name: str, text: str | None, key: str) -> Path:
    path = tmp_path / name
    path.write_bytes(RAW[key] if text is None else text.encode("utf-8"))
    return path


def delimiter_of(path: Path) -> str:
    return "\t" if path.suffix == ".tsv" else ","


def cells(frame: pd.DataFrame) -> list[list[tuple[str, str]]]:
    """Every cell's type and repr: stricter than assert_frame_equal, which takes None for NaN in object columns."""
    return [[(type(v).__name__, repr(v)) for v in frame[c]] for c in frame.columns]


def assert_same_frame(got: pd.DataFrame, want: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    pd.testing.assert_index_equal(got.columns, want.columns, exact=True)
    pd.testing.assert_index_equal(got.index, want.index, exact=True)
    assert list(got.dtypes) == list(want.dtypes)
    assert cells(got) == cells(want)


def exact_read_frame(path: Path) -> pd.DataFrame:
    """read_frame as it was before the fast path: the exact reader only."""
    with mock.patch.object(tables, "csv_frame_fast", return_value=None):
        return read_frame(path)


def outcome(read: Callable[[Path], pd.DataFrame], path: Path) -> pd.DataFrame | tuple[Any, ...]:
    try:
        return read(path)
    except TableError as error:
        return ("TableError", str(error), error.file, error.row, error.problems)


def assert_same_outcome(path: Path) -> None:
    got, want = outcome(read_frame, path), outcome(exact_read_frame, path)
    if isinstance(want, pd.DataFrame):
        assert isinstance(got, pd.DataFrame), got
        assert_same_frame(got, want)
    else:
        assert got == want


@pytest.mark.parametrize("key", sorted(PLAIN))
def test_the_fast_path_reads_plain_tables_as_the_exact_reader(tmp_path: Path, key: str) -> None:
    name, text = PLAIN[key]
    path = write(tmp_path, name, text, key)
    fast = csv_frame_fast(path, delimiter_of(path))
    assert fast is not None, "the fast path declined a plain table"
    assert_same_frame(fast, csv_frame_exact(path, name, delimiter_of(path)))
    assert_same_outcome(path)


@pytest.mark.parametrize("key", sorted(DECLINED_BUT_READ))
def test_tables_the_fast_path_declines_are_read_by_the_exact_reader(tmp_path: Path, key: str) -> None:
    name, text = DECLINED_BUT_READ[key]
    path = write(tmp_path, name, text, key)
    assert csv_frame_fast(path, delimiter_of(path)) is None
    assert_same_outcome(path)


@pytest.mark.parametrize("key", sorted(FAULTY))
def test_faulty_tables_keep_their_exact_row_line_and_message(tmp_path: Path, key: str) -> None:
    name, text = FAULTY[key]
    path = write(tmp_path, name, text, key)
    assert csv_frame_fast(path, delimiter_of(path)) is None
    with pytest.raises(TableError):
        read_frame(path)
    assert_same_outcome(path)


def test_a_fault_is_named_by_row_and_line_after_quoted_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n"one\ntwo",1\n3,4\n5,6,7\n', encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_frame(path)
    assert caught.value.row == 4
    assert str(caught.value) == f"{path}: row 4 (line 5): row has 3 cells, the header 2"


def test_a_large_typical_table_takes_the_fast_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "FAST_MIN_BYTES_PER_COLUMN", SMALL_FOR_ITS_WIDTH)
    rows = [f'{i},court_{i % 40:02d},"note {i}, seen",{i % 7 * 1.5},{"True" if i % 3 else ""}' for i in range(5000)]
    path = tmp_path / "cases.csv"
    path.write_text("case_id,court,note,severity,employed\n" + "\n".join(rows) + "\n", encoding="utf-8")
    fast = csv_frame_fast(path)
    assert fast is not None
    assert_same_frame(fast, csv_frame_exact(path, str(path)))
    assert [str(t) for t in fast.dtypes] == ["int64", "str", "str", "float64", "object"]


def test_a_small_wide_table_is_left_to_the_exact_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tables, "FAST_MIN_BYTES_PER_COLUMN", SMALL_FOR_ITS_WIDTH)
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{j}" for j in range(300)) + "\n" + ",".join("1" * 300) + "\n", encoding="utf-8")
    assert csv_frame_fast(path) is None
    assert_same_frame(read_frame(path), csv_frame_exact(path, str(path)))


# ----------------------------------------------------------------------------------- generated tables

CELLS = st.sampled_from(["", " ", "a", "я", "1", "-2", "+3", "0.5", "1e3", " 4 ", "1,5", "NA", "nan", "True",
                         "false", "=A1", '"', 'say "x"', "x\ny", "x\r\ny", "\t", "\x0c", BOM, "18446744073709551616"])


@st.composite
def csv_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A file name and a CSV or TSV text: mostly well-formed (cells quoted when they must be, or at random),
    sometimes not (a cell left unquoted, a row short or long, blank lines, either line end)."""
    name, delimiter = draw(st.sampled_from([("g.csv", ","), ("g.tsv", "\t")]))
    width = draw(st.integers(1, 4))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    lines = []
    for number in range(draw(st.integers(1, 7))):
        row_width = width if number == 0 or draw(st.integers(0, 5)) else draw(st.integers(0, width + 1))
        row = []
        for _ in range(row_width):
            cell = draw(CELLS) if number else draw(st.sampled_from(["a", "b", " c ", "", "a"]))
            must = any(ch in cell for ch in ',"\r\n\t') or cell.strip() != cell
            quote = draw(st.integers(0, 9)) > 0 if must else draw(st.booleans())
            row.append('"' + cell.replace('"', '""') + '"' if quote else cell)
        lines.append(delimiter.join(row))
    return name, end.join(lines) + draw(st.sampled_from(["", end, end + end]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=csv_texts())
def test_generated_tables_read_as_the_exact_reader_reads_them(tmp_path: Path, table: tuple[str, str]) -> None:
    path = tmp_path / table[0]
    path.write_text(table[1], encoding="utf-8", newline="")
    assert_same_outcome(path)
    fast = csv_frame_fast(path, delimiter_of(path))
    if fast is not None:
        assert_same_frame(fast, csv_frame_exact(path, str(path), delimiter_of(path)))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["r.csv", "r.tsv"]), text=st.text(st.sampled_from('ab1.,"\n\r \t\x0cя' + BOM), max_size=40))
def test_arbitrary_text_reads_as_the_exact_reader_reads_it(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    assert_same_outcome(path)
