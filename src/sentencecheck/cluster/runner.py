"""The local audit's runner on a Dask cluster: the same records, the same per-record screening, the same results in
input order, so ``sentencecheck audit --dask SCHEDULER`` writes the same output folder as a local audit.

* Records are read by the parent with the local audit's readers and sent in chunks (``chunk_size``) as tasks to
  the cluster: at most two chunks per worker thread are in flight, and results come back in input order.  Only
  the parent's readers give the local audit's row numbers and rejections (rows split by quoted line breaks,
  broken quoting, blank rows, lone surrogates), which Dask's byte-range CSV partitions cannot know.  The parent's
  reading is the ceiling (``docs/cluster.md``: a few thousand rows a second, a few workers' worth).
* Each worker process builds its rule set and engine once, when it joins, before it takes a task (a worker
  plugin, :mod:`sentencecheck.cluster.plugin`, also on a worker restarted later); on entering,
  every worker is asked for its sentencecheck version and rule-set digest, and one that differs from the
  parent's stops the run before any record is sent (its results would differ from the local audit's).
* A chunk that fails (its worker died: ``KilledWorker`` after the scheduler's ``allowed-failures``; an exception)
  or hangs (not done within ``hang_seconds`` plus a second per case) is run again case by case, one task at a
  time (other chunks wait meanwhile): a case that kills its worker is rejected with reason ``engine crash``, one
  that hangs with ``engine hang`` (its worker process is ended; its nanny, if it has one, starts a fresh one), one
  that raises with ``engine error: ...``.  A record is never lost.  Before the cases are run again, the workers
  are waited for and set up, so that a fresh worker's start is not timed as a case's.  Losing the scheduler stops
  the run with an :class:`~sentencecheck.errors.EngineError` (the audit keeps its checkpoint for ``--resume``).
"""

from __future__ import annotations

import contextlib
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from sentencecheck.batch.readers import Record
from sentencecheck.batch.worker import Item, Options
from sentencecheck.cluster.screening import (
    Result,
    end_process,
    failed_result,
    fingerprint,
    rejected_result,
    screen_chunk,
    where,
)
from sentencecheck.errors import EngineError

if TYPE_CHECKING:
    from distributed import Future

Task = Callable[[Options, list[Item]], list[Result]]


class DaskRunner:
    """Runs an audit's records on the Dask cluster whose scheduler is at ``address``; use as a context manager.

    The same interface as :class:`sentencecheck.batch.runner.Runner`: :meth:`run`, :attr:`crashes`, :attr:`hangs`.
    ``task`` is what a worker runs on a chunk (the local audit's screening; tests inject failures through it)."""

    def __init__(self, options: Options, address: str, chunk_size: int = 1000, hang_seconds: float = 120.0,
                 connect_seconds: float = 30.0, task: Task = screen_chunk) -> None:
        self.options = options
        self.address = address
        self.chunk_size = max(1, chunk_size)
        self.hang_seconds = hang_seconds
        self.connect_seconds = connect_seconds
        self.task = task
        self.crashes = 0
        self.hangs = 0
        self.in_flight = 2
        self._workers = 1
        self._expected: tuple[str, str] | None = None
        self._plugin: str | None = None
        self._client: Any = None
        """A ``distributed.Client`` while in the context (typed ``Any``: distributed's methods are not typed)."""
        self._pending: deque[tuple[list[Record], list[Item], Future[list[Result]]]] = deque()

    def __enter__(self) -> DaskRunner:
        from distributed import Client

        from sentencecheck.cluster.plugin import SetUp

        connect: Any = Client
        try:
            self._client = connect(self.address, timeout=self.connect_seconds, set_as_default=False)
            self._client.wait_for_workers(1, timeout=self.connect_seconds)
            self._plugin = f"sentencecheck-audit-{uuid.uuid4().hex}"
            self._client.register_plugin(SetUp(self.options), name=self._plugin)
            self._check_workers(strict=True)
        except BaseException as exc:
            self._close()
            if not isinstance(exc, Exception) or isinstance(exc, EngineError):
                raise
            raise EngineError(f"the Dask cluster at {self.address} could not start the audit: "
                              f"{type(exc).__name__}: {exc}") from None
        return self

    def _check_workers(self, strict: bool) -> None:
        """Every worker screens with this sentencecheck and rule set, or the run stops; ``strict``: a worker that
        cannot say (its setup failed) stops it too (else it is taken to have left)."""
        client = self._client
        threads = client.nthreads()
        self.in_flight = max(2, 2 * sum(threads.values()))
        self._workers = max(self._workers, len(threads))
        expected = self._expected = self._expected or fingerprint(self.options)
        answers = client.run(fingerprint, self.options, on_error="return")
        for worker, found in sorted(answers.items()):
            if isinstance(found, BaseException):
                if strict:
                    raise EngineError(f"the Dask worker {worker} cannot screen: {type(found).__name__}: {found}")
            elif tuple(found) != expected:
                raise EngineError(f"the Dask worker {worker} runs sentencecheck {found[0]} with rule set "
                                  f"{found[1][:12]}, this audit {expected[0]} with {expected[1][:12]}: its results "
                                  "would differ; install the same version and give a rules folder every worker reads")

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        self._close()

    def _close(self) -> None:
        client, self._client = self._client, None
        pending = [f for _, _, f in self._pending]
        self._pending.clear()
        if client is None:
            return
        try:
            if pending:
                client.cancel(pending)  # a run left early: nothing more is computed for it
            if self._plugin is not None:
                with contextlib.suppress(Exception):  # a lost scheduler forgets it anyway
                    client.unregister_worker_plugin(self._plugin)
        finally:
            client.close()

    def run(self, records: Iterable[Record]) -> Iterator[tuple[Record, Result]]:
        """(record, result) for every record, in input order."""
        it = iter(records)
        while True:
            chunk = list(islice(it, self.chunk_size))
            if not chunk:
                break
            items = [(r.data, r.origin, where(r)) for r in chunk if not r.problems]
            self._pending.append((chunk, items, self._submit(items)))
            while len(self._pending) >= self.in_flight:
                yield from self._collect(*self._pending.popleft())
        while self._pending:
            yield from self._collect(*self._pending.popleft())

    def _submit(self, items: list[Item]) -> Future[list[Result]]:
        assert self._client is not None, "use DaskRunner as a context manager"
        future: Future[list[Result]] = self._client.submit(self.task, self.options, items, pure=False)
        return future

    def _collect(self, chunk: list[Record], items: list[Item],
                 future: Future[list[Result]]) -> Iterator[tuple[Record, Result]]:
        results = self._wait(future, self.hang_seconds + len(items), len(items))
        if isinstance(results, _Failure):
            self.hangs += results.reason == "engine hang"
            self.crashes += results.reason != "engine hang"
            self._recover()
            results = self._isolate(items)
        done = iter(results)
        for record in chunk:
            yield record, (rejected_result(record, self.options) if record.problems else next(done))

    def _wait(self, future: Future[list[Result]], timeout: float, count: int) -> list[Result] | _Failure:
        """A task's ``count`` results, or why there are none."""
        from concurrent.futures import CancelledError

        from distributed import KilledWorker

        try:
            results: list[Result] = future.result(timeout=timeout)
        except TimeoutError:
            self._check_connected()
            self._stop(future)
            return _Failure("engine hang", f"the worker did not finish within {self.hang_seconds:g} s evaluating "
                                           f"this case (engine {self.options.engine})")
        except KilledWorker:
            self._check_connected()
            return _Failure("engine crash", "the worker process died evaluating this case "
                                            f"(engine {self.options.engine})")
        except (Exception, CancelledError) as exc:
            self._check_connected()
            detail = type(exc).__name__ if self.options.redact else f"{type(exc).__name__}: {exc}"
            return _Failure(f"engine error: {detail}", "the task raised on the Dask worker")
        if not isinstance(results, list) or len(results) != count:
            return _Failure("engine error", "the task returned a wrong number of results")
        return results

    def _isolate(self, items: list[Item]) -> list[Result]:
        """A failed chunk's cases, one task at a time (so that a case that kills its worker takes no other case
        with it); a case that fails on its own is rejected with the reason."""
        assert self._client is not None
        out: list[Result] = []
        for item in items:
            result = self._wait(self._submit([item]), self.hang_seconds, 1)
            if isinstance(result, _Failure):
                out.append(failed_result(item[0], self.options, result.reason, result.detail))
                self._recover()
            else:
                out.extend(result)
        return out

    def _recover(self) -> None:
        """After a failure, wait (up to ``connect_seconds``) for as many workers as the run has seen, a nanny
        restarting a dead one (set up by the plugin before it takes a task), and check them."""
        with contextlib.suppress(TimeoutError):
            self._client.wait_for_workers(self._workers, timeout=self.connect_seconds)
        self._check_connected()
        self._check_workers(strict=False)

    def _stop(self, future: Future[list[Result]]) -> None:
        """Cancel a hung task and end the worker process running it (a thread cannot be stopped otherwise); its
        nanny, if it has one, starts a fresh one."""
        client = self._client
        assert client is not None
        running = [w for w, keys in client.processing().items() if future.key in keys]
        client.cancel([future])
        if running:
            with contextlib.suppress(Exception):  # the worker is gone already
                client.run(end_process, workers=running, wait=False)

    def _check_connected(self) -> None:
        if self._client is None or self._client.status != "running":
            raise EngineError(f"lost the Dask scheduler at {self.address}")


class _Failure:
    """Why a task gave no results: the reason a case that fails alone is rejected with, and the detail."""

    def __init__(self, reason: str, detail: str) -> None:
        self.reason = reason
        self.detail = detail
