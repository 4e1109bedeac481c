"""Chunks of records through a pool of spawned worker processes, results back in input order.

* Each worker builds its own engine in the pool initializer (:func:`sentencecheck.batch.worker.init_worker`).
* Records go to the workers in batches of at most :data:`BATCH`; at most ``4 × jobs`` batches are in flight, so memory
  stays flat however long the input is.
* A worker that dies (SIGSEGV or abort in durable-rules' C core) breaks the pool: every chunk that
  was in flight is run again in a fresh one-worker pool; a chunk that breaks that one too is run case
  by case, a fresh process after each crash, and the case that kills its process is rejected with
  reason ``engine crash``.  The audit goes on.
* A worker that hangs is treated like one that dies: a chunk that has not finished within
  ``hang_seconds`` (plus a second per case) has its pool's processes killed and is isolated the same
  way; a case that hangs on its own (``hang_seconds``) is rejected with reason ``engine hang``.
* Leaving the runner on an exception (SIGINT or SIGTERM raised by :mod:`sentencecheck.batch.interrupt`, a full
  disk) kills every worker at once instead of waiting for their chunks.  Workers ignore SIGINT (Ctrl-C reaches the
  whole process group: the parent decides) and, on Linux, are killed by the kernel if the parent dies.
* Killing a pool's workers also closes this process's write end of the pool's result pipe (it never writes there):
  the pool's manager thread may be reading a result a killed worker was half-way through writing (a chunk's result
  is far larger than a pipe holds), a read that ends only when no process holds a write end; without that, the
  thread never ends and the interpreter's exit, which joins it, waits forever.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from sentencecheck.batch.interrupt import held
from sentencecheck.batch.readers import Record
from sentencecheck.batch.worker import (
    Item,
    Options,
    init_worker,
    raw_case_id,
    rejected,
    rejected_problems,
    run_chunk,
)
from sentencecheck.errors import EngineError

Result = dict[str, Any]
BATCH = 100
"""Records sent to a worker at once, at most (``chunk_size`` may be larger: checkpoints come every ``chunk_size``
records whatever the batches): small enough that the workers finish together at the end of an audit (with
1,000-record batches one worker sat idle for the last one), large enough that sending them costs little."""
MANAGER_SECONDS = 10.0
"""How long a stopping run waits for a killed pool's manager thread (it ends as soon as the dead workers are reaped)."""


def _where(r: Record) -> dict[str, Any]:
    return {"source_file": r.file, "source_unit": r.unit, "source_number": r.number if r.number is not None else ""}


def _kill(pool: ProcessPoolExecutor | None) -> None:
    """Kill a pool's worker processes (a hung C call cannot be interrupted otherwise) and let its manager thread end:
    with this process's write end of the result pipe closed, a result a killed worker left half-written ends in
    end of file (the pool is then broken) instead of a read that waits for the rest forever."""
    if pool is None:
        return
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()
    results = getattr(pool, "_result_queue", None)
    if results is not None:
        results._writer.close()  # only the workers write results; the pool wakes its thread through another pipe


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the workers and shut the pool down without waiting for its chunks (a killed worker never drains a full
    call queue); the manager thread, which only has dead workers to reap, is given a few seconds to end, so that
    the interpreter's exit (which joins it) finds nothing to wait for."""
    manager = getattr(pool, "_executor_manager_thread", None)
    _kill(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    if manager is not None:
        manager.join(MANAGER_SECONDS)


def _start_worker(options: Options, parent: int) -> None:
    """Pool initializer: ignore SIGINT, die with the parent, then build the engine."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl: no such guard
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    init_worker(options)


def _pool(workers: int, options: Options) -> ProcessPoolExecutor:
    """A pool (its processes start on the first submit), made whole: a stop half-way could leave a semaphore
    registered with the resource tracker and never released, which it reports on standard error at exit."""
    with held():
        return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(options, os.getpid()))


class Runner:
    """Runs an audit's records; use as a context manager."""

    def __init__(self, options: Options, jobs: int, chunk_size: int = 1000, hang_seconds: float = 120.0) -> None:
        self.options = options
        self.jobs = max(1, jobs)
        self.chunk_size = max(1, chunk_size)
        self.batch = min(self.chunk_size, BATCH)
        self.hang_seconds = hang_seconds
        self.crashes = 0
        self.hangs = 0
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Runner:
        self._pool = _pool(self.jobs, self.options)
        try:
            with held():
                started = self._pool.submit(run_chunk, [])
            started.result()  # workers start and build their engines
        except BaseException as exc:
            _kill(self._pool)
            self._pool.shutdown(cancel_futures=True)
            if not isinstance(exc, Exception):
                raise
            raise EngineError(f"the worker processes could not start: {type(exc).__name__}: {exc}") from None
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            if exc_type is not None:
                _stop(pool)  # stopping: the chunks in flight are not waited for
                return
            pool.shutdown(cancel_futures=True)
        except BaseException:  # stopped while waiting: no worker may outlive the run
            _stop(pool)
            raise

    def run(self, records: Iterable[Record]) -> Iterator[tuple[Record, Result]]:
        """(record, result) for every record, in input order."""
        pending: deque[tuple[list[Record], list[Item], Future[list[Result]]]] = deque()
        it = iter(records)
        while True:
            chunk = list(islice(it, self.batch))
            if not chunk:
                break
            items = [(r.data, r.origin, _where(r)) for r in chunk if not r.problems]
            pending.append((chunk, items, self._submit(items)))
            while len(pending) >= 4 * self.jobs:
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    def _submit(self, items: list[Item]) -> Future[list[Result]]:
        assert self._pool is not None
        with held():
            try:
                return self._pool.submit(run_chunk, items)
            except BrokenProcessPool:
                self._renew()
                return self._pool.submit(run_chunk, items)

    def _renew(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = _pool(self.jobs, self.options)

    def _collect(self, chunk: list[Record], items: list[Item],
                 future: Future[list[Result]]) -> Iterator[tuple[Record, Result]]:
        try:
            results = future.result(timeout=self.hang_seconds + len(items))
        except FutureTimeout:
            self.hangs += 1
            _kill(self._pool)
            self._renew()
            results = self._isolate(items)
        except BrokenProcessPool:
            self.crashes += 1
            if self._pool is not None and getattr(self._pool, "_broken", False):
                self._renew()
            results = self._isolate(items)
        done = iter(results)
        for record in chunk:
            if record.problems:
                yield record, rejected(record.reason, None, rejected_problems(
                    [dict(p.as_dict(), column=None) for p in record.problems], None, self.options))
            else:
                yield record, next(done)

    def _isolate(self, items: list[Item]) -> list[Result]:
        """Run a chunk whose worker died again in a fresh process; if it dies again, case by case."""
        pool = _pool(1, self.options)
        try:
            with held():
                future = pool.submit(run_chunk, items)
            return future.result(timeout=self.hang_seconds + len(items))
        except (BrokenProcessPool, FutureTimeout):
            _kill(pool)
        except BaseException:
            _kill(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        out: list[Result] = []
        pool = _pool(1, self.options)
        try:
            for item in items:
                try:
                    with held():
                        future = pool.submit(run_chunk, [item])
                    out.extend(future.result(timeout=self.hang_seconds))
                except (BrokenProcessPool, FutureTimeout) as exc:
                    hung = isinstance(exc, FutureTimeout)
                    _kill(pool)
                    pool.shutdown(wait=True, cancel_futures=True)
                    pool = _pool(1, self.options)
                    out.append(self._crashed(item, "engine hang" if hung else "engine crash"))
        except BaseException:
            _kill(pool)
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return out

    def _crashed(self, item: Item, reason: str = "engine crash") -> Result:
        cid = raw_case_id(item[0], self.options)
        what = (f"did not finish within {self.hang_seconds:g} s" if reason == "engine hang" else "died")
        message = f"{reason}: the worker process {what} evaluating this case (engine {self.options.engine})"
        return rejected(reason, cid, [{"path": "", "line": None, "message": message, "expected": None,
                                       "column": None}])
