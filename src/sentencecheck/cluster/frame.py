"""``screen_frame``: a pandas frame of audit records in, one row per finding out (:data:`~.schema.SCHEMA`).

Input rows are spreadsheet rows in the default mapping's layout (the columns of ``sentencecheck template``, or of
the ``mapping`` given), or a whole case as JSON in a ``case_json`` column (used when the cell is not empty); the
optional ``source_file``, ``source_unit`` and ``source_number`` columns say where each row came from and are
copied to its findings.  Each row is read as the local audit reads a CSV row (an empty cell is unknown) and
screened by the same per-record code (:mod:`sentencecheck.batch.worker`) with the python engine, so its finding
rows are ``findings.csv``'s rows for the same record and options.  Every input row yields at least one output row
(``status``: ``finding``, ``no_findings``, ``rejected`` or ``blank``; ``input_row`` its position in the frame).

The rule set and engine are built once per process and options, and kept.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from sentencecheck.batch.mapping import DEFAULT_MAPPING, Mapping
from sentencecheck.batch.readers import UNREADABLE_RECORD, Record, _check_header, _checked, _row_record
from sentencecheck.batch.worker import FINDING_COLUMNS, Options, dumps
from sentencecheck.cluster.schema import INTEGER_COLUMNS, to_frame
from sentencecheck.cluster.screening import Result, screen_records
from sentencecheck.errors import InputError, Problem
from sentencecheck.io.documents import parse_text

SOURCE_COLUMNS = ("source_file", "source_unit", "source_number")
CASE_JSON = "case_json"


@dataclass(frozen=True)
class FrameScreener:
    """:func:`screen_frame` with its options fixed (picklable; what :func:`screen_frame_with` returns)."""

    as_of: str
    lang: str = "en"
    rules_dir: str | None = None
    mapping: Mapping = Mapping(dict(DEFAULT_MAPPING))

    def __call__(self, frame: pd.DataFrame) -> pd.DataFrame:
        options = Options(engine="python", rules_dir=self.rules_dir, lang=self.lang, as_of=self.as_of)
        records = list(_records(frame, self.mapping))
        blank = [r.data is None and not r.problems for r in records]
        results = screen_records(options, [r for r, b in zip(records, blank, strict=True) if not b])
        done = iter(results)
        rows: list[dict[str, Any]] = []
        for position, (record, is_blank) in enumerate(zip(records, blank, strict=True)):
            base = {**_source(record), "input_row": position}
            rows.extend([{**base, "status": "blank"}] if is_blank else _rows(base, next(done)))
        return to_frame(rows)


def screen_frame_with(as_of: date | str | None = None, lang: str = "en", rules_dir: str | None = None,
                      mapping: Mapping | None = None) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """:func:`screen_frame` with fixed options: ``as_of`` (the date deadlines are measured against; default today,
    fixed here, once, so that every partition agrees), ``lang`` (en or ru: the findings' texts), ``rules_dir`` (a
    rules folder every worker can read; default the bundled rules) and the column ``mapping``."""
    fixed = as_of if isinstance(as_of, str) else (as_of or date.today()).isoformat()
    date.fromisoformat(fixed)  # a bad date fails here, not on every worker
    return FrameScreener(fixed, lang, rules_dir, mapping or Mapping(dict(DEFAULT_MAPPING)))


def screen_frame(frame: pd.DataFrame, *, as_of: date | str | None = None, lang: str = "en",
                 rules_dir: str | None = None) -> pd.DataFrame:
    """One row per finding of each input row (and one row for each row without a finding), :data:`SCHEMA`'s
    columns.  Give ``as_of``: without it deadlines are measured against the day the partition runs."""
    return screen_frame_with(as_of, lang, rules_dir)(frame)


def _records(frame: pd.DataFrame, mapping: Mapping) -> Iterator[Record]:
    """Each row as the record the local audit's CSV reader would make of it."""
    columns = [str(c) for c in frame.columns]
    data_columns = [c for c in columns if c not in SOURCE_COLUMNS and c != CASE_JSON]
    no_header = _check_header("", data_columns, mapping) if CASE_JSON not in columns else None
    for cells in frame.to_dict("records"):
        row = {str(k): _native(v) for k, v in cells.items()}
        file, unit, number = _text(row.get("source_file")), _text(row.get("source_unit")), row.get("source_number")
        number = _number(number)
        json_text = row.get(CASE_JSON)
        if isinstance(json_text, str) and json_text.strip():
            record = _from_json(file, number, json_text)
        elif no_header is not None:
            record = Record(file, "row", number, problems=[no_header])
        else:
            record = _row_record(file, number or 0, {c: row[c] for c in data_columns}, mapping)
            record.number = number
        record.unit = unit or ("row" if file else "")
        yield _checked(record)


def _from_json(file: str, number: int | None, text: str) -> Record:
    try:
        data, _node = parse_text(text, "json", file)
    except InputError as exc:
        return Record(file, "row", number, problems=[Problem(p.path, p.message, None, p.expected)
                                                     for p in exc.problems], reason=UNREADABLE_RECORD)
    return Record(file, "row", number, data=data)


def _native(value: Any) -> Any:
    """A cell as the mapping reads it: missing values (NaN, NA, NaT) as ``None``."""
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _number(value: Any) -> int | None:
    """A ``source_number`` cell (an integer, a whole float, or digits as text) as an integer, else ``None``."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    return None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _source(record: Record) -> dict[str, Any]:
    return {"source_file": record.file or None, "source_unit": record.unit or None, "source_number": record.number}


def _rows(base: dict[str, Any], result: Result) -> list[dict[str, Any]]:
    """A screened record's output rows."""
    if result["status"] != "ok":
        return [{**base, "status": "rejected", "case_id": result.get("case_id"), "reason": result["reason"],
                 "problems": dumps(result["problems"])}]
    out: list[dict[str, Any]] = []
    for cells in csv.reader(io.StringIO(result["findings_csv"], newline="")):
        row: dict[str, Any] = {**base, **dict(zip(FINDING_COLUMNS, cells, strict=True)), "status": "finding"}
        for column in SOURCE_COLUMNS:  # the source cells as findings.csv has them; none given: null
            row[column] = row[column] or None
        for column in INTEGER_COLUMNS:
            row[column] = int(row[column]) if row[column] else None
        out.append(row)
    return out or [{**base, "status": "no_findings", "case_id": result["case"]["case_id"]}]

