"""One table reader for the audit and ``disparity``: the same rows, and the same problems by file, row and line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from sentencecheck.batch.mapping import DEFAULT_MAPPING, Mapping
from sentencecheck.batch.readers import ReadLog, read_records
from sentencecheck.batch.tables import TableError, csv_rows, read_frame
from sentencecheck.errors import InputError, SentencecheckError
from sentencecheck.stats import read_table
from sentencecheck.stats.cli import disparity

BROKEN = 'case_id,court\ncase-1,"court 1"\ncase-2,"court "2"\ncase-3,court 3\n'


def test_a_broken_row_stops_the_statistics_with_the_audits_problem(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(TableError) as caught:
        read_table(path)
    error = caught.value
    assert isinstance(error, InputError) and isinstance(error, SentencecheckError)
    assert (error.file, error.row) == (str(path), 3)
    assert str(error).startswith(f"{path}: row 3 (line 3): broken quoting, the row cannot be split into cells")
    records = list(read_records([path], Mapping(dict(DEFAULT_MAPPING)), ReadLog(stream=None)))
    rejected = [r for r in records if r.problems]
    assert [(r.unit, r.number) for r in rejected] == [("row", 3)]
    assert rejected[0].problems == error.problems


def test_a_row_wider_than_the_header_names_its_row_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n\n3,4,5\n", encoding="utf-8")
    with pytest.raises(TableError, match=r"t\.csv: row 4 \(line 4\): row has 3 cells, the header 2"):
        read_table(path)


def test_the_cli_prints_the_row_and_line_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("group,y\na,1\nb,\"2\n", encoding="utf-8")
    result = CliRunner().invoke(disparity, [str(path), "--outcome", "y", "--group", "group"])
    assert result.exit_code == 2
    assert "t.csv: row 3 (line 3): broken quoting" in result.stderr and "Traceback" not in result.stderr


def test_tsv_and_csv_agree_and_header_names_are_stripped(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text(" group ,y\na,1.5\nb,\n", encoding="utf-8-sig")
    (tmp_path / "t.tsv").write_text("group\ty\na\t1.5\nb\t\n", encoding="utf-8")
    csv_frame, tsv_frame = read_frame(tmp_path / "t.csv"), read_frame(tmp_path / "t.tsv")
    pd.testing.assert_frame_equal(csv_frame, tsv_frame)
    assert list(csv_frame.columns) == ["group", "y"] and str(csv_frame["y"].dtype) == "float64"


def test_types_are_inferred_as_pandas_infers_them(tmp_path: Path) -> None:
    frame = pd.DataFrame({"i": [1, 2, 3], "f": [0.1, None, 2.5], "s": ["x", None, "z"], "b": [True, False, True]})
    frame.to_csv(tmp_path / "t.csv", index=False)
    frame.to_excel(tmp_path / "t.xlsx", index=False)
    for name in ("t.csv", "t.xlsx"):
        pd.testing.assert_frame_equal(read_frame(tmp_path / name), pd.read_csv(tmp_path / "t.csv"))


def test_an_empty_or_undecodable_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(TableError, match="empty.csv: the table is empty"):
        read_frame(tmp_path / "empty.csv")
    (tmp_path / "latin.csv").write_bytes("группа,y\n".encode("cp1251"))
    with pytest.raises(TableError, match=r"latin\.csv: cannot read the header: not UTF-8 text \(expected a CSV"):
        read_frame(tmp_path / "latin.csv")


def test_rows_carry_numbers_and_lines_across_quoted_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('a,b\n"two\nlines",1\n,\nx,2\n', encoding="utf-8")
    rows = list(csv_rows(path, "t.csv"))
    assert [(r.number, r.line, r.blank) for r in rows] == [(1, 1, False), (2, 2, False), (3, 4, True), (4, 5, False)]
    assert rows[1].cells == ["two\nlines", "1"]
