"""The files an audit writes, row by row as results arrive (nothing is held but counters)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO, Any

from sentencecheck.audit.readers import Record
from sentencecheck.audit.summary import Tally
from sentencecheck.audit.worker import DIRECTIONS, FINDING_COLUMNS, SEVERITIES, dumps

CASE_COLUMNS = [
    "case_id", "source_file", "source_unit", "source_number", "court", "instance", "year", "articles", "outcome",
    "sentence_kind", "sentence_years", "defendants", "defendant_sex", "defendant_age", "law_enforcement", "findings",
    *("findings_" + d.replace("-", "_") for d in DIRECTIONS), *("severity_" + s for s in SEVERITIES),
]

class Outputs:
    """Open writers for one output folder."""

    def __init__(self, out: Path, tally: Tally) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.tally = tally
        self._files: list[IO[str]] = []
        self.findings_jsonl = self._open(out / "findings.jsonl")
        self.rejected_jsonl = self._open(out / "rejected.jsonl")
        self.findings_csv_file = self._open(out / "findings.csv")
        self.findings_csv = csv.DictWriter(self.findings_csv_file, FINDING_COLUMNS, lineterminator="\n")
        self.cases_csv = csv.DictWriter(self._open(out / "cases.csv"), CASE_COLUMNS, lineterminator="\n",
                                        extrasaction="ignore")
        self.findings_csv.writeheader()
        self.cases_csv.writeheader()

    def _open(self, path: Path) -> IO[str]:
        f = path.open("w", encoding="utf-8", newline="")
        self._files.append(f)
        return f

    def close(self) -> None:
        for f in self._files:
            f.close()

    def write(self, record: Record, result: dict[str, Any]) -> None:
        where = {"source_file": record.file, "source_unit": record.unit,
                 "source_number": record.number if record.number is not None else ""}
        if result["status"] != "ok":
            self.tally.rejected(result["reason"])
            self.rejected_jsonl.write(dumps({
                "file": record.file, "unit": record.unit, "number": record.number, "case_id": result.get("case_id"),
                "reason": result["reason"], "problems": result["problems"]}) + "\n")
            return
        case = result["case"]
        self.tally.audited(case)
        self.cases_csv.writerow({**case, **where})
        self.findings_jsonl.write(result["findings_jsonl"])
        self.findings_csv_file.write(result["findings_csv"])
