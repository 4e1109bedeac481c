"""``sentencecheck.audit()``: an audit as a library call (the ``audit`` command is a thin layer over it)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sentencecheck.batch import session
from sentencecheck.batch.checkpoint import Plan
from sentencecheck.batch.interrupt import interruptible
from sentencecheck.batch.result import AuditResult, Notify
from sentencecheck.errors import AuditError

ENGINES = ("durable", "python")
LANGS = ("en", "ru")


def audit(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    jobs: int | None = None,
    engine: str = "durable",
    mapping: str | Path | None = None,
    rules: str | Path | None = None,
    redact: bool = False,
    redact_key: str | Path | None = None,
    min_group: int = 5,
    lang: str = "en",
    as_of: date | None = None,
    chunk_size: int = 1000,
    hang_seconds: float = 120.0,
    dask: str | None = None,
    overwrite: bool = False,
    notify: Notify = None,
    progress: bool = False,
    before_case: str | None = None,
) -> AuditResult:
    """Screen every record of ``inputs`` (files or folders: JSON Lines, JSON, YAML, CSV, XLSX) and write the
    audit's outputs to the folder ``out`` (``docs/audit.md``). ``jobs``: worker processes (default: all cores).
    ``redact_key`` implies ``redact``. Deadlines are measured against ``as_of`` (default: today). ``dask``: the address
    of a Dask scheduler to screen on instead (``docs/cluster.md``; ``jobs`` does not apply).

    Every record is audited or rejected; the call raises :class:`~sentencecheck.errors.AuditError` only for
    unusable inputs, options, mapping, rules or output folder, and
    :class:`~sentencecheck.batch.interrupt.Interrupted` on SIGINT/SIGTERM (the partial outputs are kept for
    :func:`resume_audit`; ``Interrupted.message`` says how far it got)."""
    if not inputs:
        raise AuditError("no inputs given")
    missing = [str(p) for p in inputs if not Path(p).exists()]
    if missing:
        raise AuditError(f"no such input: {', '.join(missing)}")
    _check_choice("engine", engine, ENGINES)
    _check_choice("lang", lang, LANGS)
    for name, value in (("jobs", jobs or 1), ("min_group", min_group), ("chunk_size", chunk_size)):
        if value < 1:
            raise AuditError(f"{name} must be at least 1, not {value}")
    if hang_seconds <= 0:
        raise AuditError(f"hang_seconds must be positive, not {hang_seconds}")
    rules_path = Path(rules) if rules is not None else None
    plan = Plan(cwd=os.getcwd(), inputs=tuple(str(p) for p in inputs), out=os.path.abspath(out), engine=engine,
                mapping_file=os.path.abspath(mapping) if mapping else None,
                rules=str(rules_path) if rules_path else None,
                rules_dir=str(rules_path.resolve()) if rules_path else None,
                redact=redact or redact_key is not None,
                redact_key=os.path.abspath(redact_key) if redact_key else None, min_group=min_group, lang=lang,
                as_of=(as_of or date.today()).isoformat(), chunk_size=chunk_size, hang_seconds=hang_seconds,
                dask=dask)
    with interruptible() as guard:
        return session.start(plan, jobs, guard, overwrite, notify, progress, before_case)


def resume_audit(out: str | Path, *, jobs: int | None = None, notify: Notify = None, progress: bool = False,
                 before_case: str | None = None) -> AuditResult:
    """Continue the unfinished audit of the folder ``out`` from its last complete chunk, with its own inputs and
    options; the result is byte-identical to an uninterrupted run."""
    with interruptible() as guard:
        return session.resume(Path(out), jobs, guard, notify, progress, before_case)


def _check_choice(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise AuditError(f"{name} {value!r} is not one of {', '.join(allowed)}")
