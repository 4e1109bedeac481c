"""What runs on a cluster's worker: the local audit's per-record screening (:mod:`sentencecheck.batch.worker`),
set up once per worker process and options, one call at a time.

A Dask worker may run several tasks at once in threads, and the worker module keeps its rule set and engine in
process-wide state: a lock makes each call see the options it was given (screening is bound by the GIL, so the
lock costs no parallelism: give workers one thread each and run one worker process per core).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from sentencecheck.batch.readers import Record
from sentencecheck.batch.worker import (
    Item,
    Options,
    init_worker,
    raw_case_id,
    rejected,
    rejected_problems,
    run_chunk,
    run_one,
)

Result = dict[str, Any]

_LOCK = threading.Lock()
_ready: list[Options] = []
"""The options this process's rule set and engine were built for (at most one)."""


def _ensure(options: Options) -> None:
    """Build the rule set and engine for ``options`` unless this process already has them (call under the lock)."""
    if _ready and _ready[0] == options:
        return
    init_worker(options)
    _ready[:] = [options]


def prepare(options: Options) -> tuple[str, str]:
    """Set the process up for ``options``; the :func:`fingerprint` it screens with."""
    with _LOCK:
        _ensure(options)
    return fingerprint(options)


def fingerprint(options: Options) -> tuple[str, str]:
    """The sentencecheck version and the digest of the rule set ``options`` name, as this process loads them."""
    from sentencecheck.rules.load import default_rule_set, load_rule_set
    from sentencecheck.version import __version__

    rule_set = load_rule_set(Path(options.rules_dir)) if options.rules_dir else default_rule_set()
    return __version__, rule_set.digest


def screen_chunk(options: Options, items: list[Item]) -> list[Result]:
    """One result per item, in order, exactly as a local audit worker computes it."""
    with _LOCK:
        _ensure(options)
        return run_chunk(items)


def screen_records(options: Options, records: list[Record]) -> list[Result]:
    """One result per record: a record read with problems is rejected as the local audit rejects it."""
    with _LOCK:
        _ensure(options)
        return [rejected_result(r, options) if r.problems else run_one(r.data, r.origin, where(r)) for r in records]


def where(record: Record) -> dict[str, Any]:
    """The source columns of a record's findings (as :class:`~sentencecheck.batch.runner.Runner` gives them)."""
    return {"source_file": record.file, "source_unit": record.unit,
            "source_number": record.number if record.number is not None else ""}


def rejected_result(record: Record, options: Options) -> Result:
    """The result of a record that could not be read (as :class:`~sentencecheck.batch.runner.Runner` builds it)."""
    return rejected(record.reason, None,
                    rejected_problems([dict(p.as_dict(), column=None) for p in record.problems], None, options))


def failed_result(data: Any, options: Options, reason: str, detail: str) -> Result:
    """A record whose screening failed on the cluster (``engine crash``, ``engine hang``, ``engine error: ...``)."""
    return rejected(reason, raw_case_id(data, options), [{"path": "", "line": None, "message": f"{reason}: {detail}",
                                                          "expected": None, "column": None}])


async def end_process() -> None:
    """End this worker process at once (run in a Dask worker's event loop, beside a hung task's thread)."""
    os._exit(1)
