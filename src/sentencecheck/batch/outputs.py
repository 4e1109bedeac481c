"""The files an audit writes, row by row as results arrive (nothing is held but counters)."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO, Any

from sentencecheck.batch.readers import Record
from sentencecheck.batch.summary import Tally
from sentencecheck.batch.worker import CASE_COLUMNS, FINDING_COLUMNS, dumps

STREAMED = ("findings.jsonl", "rejected.jsonl", "findings.csv", "cases.csv")
"""The files written record by record (the summary, plots and manifest are written at the end)."""


class Outputs:
    """Open writers for one output folder.

    ``resume`` continues files an unfinished run wrote: each is cut back to its size at the run's last checkpoint
    (what was written after it is written again) and appended to."""

    def __init__(self, out: Path, tally: Tally, resume: dict[str, int] | None = None) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.tally = tally
        self._files: dict[str, IO[str]] = {}
        for name in STREAMED:
            self._open(out / name, None if resume is None else resume[name])
        self.findings_jsonl = self._files["findings.jsonl"]
        self.rejected_jsonl = self._files["rejected.jsonl"]
        self.findings_csv_file = self._files["findings.csv"]
        self.findings_csv = csv.DictWriter(self.findings_csv_file, FINDING_COLUMNS, lineterminator="\n")
        self.cases_csv_file = self._files["cases.csv"]
        if resume is None:
            self.findings_csv.writeheader()
            csv.writer(self.cases_csv_file, lineterminator="\n").writerow(CASE_COLUMNS)

    def _open(self, path: Path, size: int | None) -> None:
        if size is not None:
            if path.stat().st_size < size:
                raise ValueError(f"{path.name} is shorter than its last checkpoint")
            os.truncate(path, size)
        self._files[path.name] = path.open("w" if size is None else "a", encoding="utf-8", newline="")

    def sizes(self) -> dict[str, int]:
        """Each streamed file's size in bytes, once everything written so far is on the disk (a checkpoint)."""
        out = {}
        for name, f in self._files.items():
            f.flush()
            os.fsync(f.fileno())
            out[name] = os.fstat(f.fileno()).st_size
        return out

    def close(self, quiet: bool = False) -> None:
        """Close every file; ``quiet`` (after a failure) keeps going past errors such as a full disk."""
        error: OSError | None = None
        for f in self._files.values():
            try:
                f.close()
            except OSError as exc:
                error = error or exc
        if error is not None and not quiet:
            raise error

    def write(self, record: Record, result: dict[str, Any]) -> None:
        if result["status"] != "ok":
            self.tally.rejected(result["reason"])
            self.rejected_jsonl.write(dumps({
                "file": record.file, "unit": record.unit, "number": record.number, "case_id": result.get("case_id"),
                "reason": result["reason"], "problems": result["problems"]}) + "\n")
            return
        self.tally.audited(result["case"])
        self.cases_csv_file.write(result["cases_csv"])  # serialised by the worker, as the findings are
        self.findings_jsonl.write(result["findings_jsonl"])
        self.findings_csv_file.write(result["findings_csv"])
