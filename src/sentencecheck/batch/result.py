"""What an audit returns to a program: its counts and where its outputs are."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Notify = Callable[[str], None] | None
"""Receives an audit's notices (a file skipped, a redaction key created); ``None`` drops them."""

OUTPUTS = ("findings.jsonl", "findings.csv", "cases.csv", "rejected.jsonl", "summary.md", "summary.html",
           "manifest.json")


@dataclass(frozen=True)
class AuditResult:
    """A complete audit: ``counts`` as in ``manifest.json`` (read = audited + rejected, findings, flagged cases,
    screening), the rejected records by reason, and how many records were isolated after a crash or a hang."""

    out: Path
    counts: dict[str, int]
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    isolated: int = 0

    @property
    def read(self) -> int:
        return self.counts["read"]

    @property
    def audited(self) -> int:
        return self.counts["audited"]

    @property
    def rejected(self) -> int:
        return self.counts["rejected"]

    @property
    def findings(self) -> int:
        return self.counts["findings"]

    def path(self, name: str) -> Path:
        """One output file (``findings.jsonl``, ``cases.csv``, … : :data:`OUTPUTS`)."""
        if name not in OUTPUTS:
            raise KeyError(f"{name!r} is not an audit output (expected one of {', '.join(OUTPUTS)})")
        return self.out / name

    def rejected_records(self) -> Iterator[dict[str, Any]]:
        """The rejected records, one dict per line of ``rejected.jsonl`` (file, unit, number, reason, problems)."""
        with self.path("rejected.jsonl").open(encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)

    def summary_line(self) -> str:
        """The one line the command prints when it is done."""
        c = self.counts
        return (f"read {c['read']} = audited {c['audited']} + rejected {c['rejected']}; {c['findings']} findings in "
                f"{c['flagged_cases']} cases; not screened {c['not_screened']}, partly {c['partly_screened']}"
                + (f"; {self.isolated} crash(es) or hang(s) isolated" if self.isolated else "")
                + f"; outputs in {self.out}")
