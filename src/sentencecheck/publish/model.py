"""What :func:`sentencecheck.publish.publish` returns, and the error it raises."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sentencecheck.errors import SentencecheckError


@dataclass
class PublishError(SentencecheckError):
    """An audit folder that cannot be published (not an audit, unfinished, damaged, another rule set) or a
    database path that is taken."""


@dataclass(frozen=True)
class PublishResult:
    """The database written, its Datasette metadata file, and how many rows each table got."""

    db_path: Path
    metadata_path: Path
    counts: dict[str, int]
    """Rows per table: cases, findings, rules, citations, rejected, inputs, manifest."""
    redacted: bool
    """Whether the audit was run with ``--redact`` (an unredacted one holds names and free text: do not publish)."""
