"""SIGINT and SIGTERM during an audit: raised as :class:`Interrupted` in the main thread, so that the run stops its
workers and says how far it got; deferred while the finished outputs are moved into place."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """The run was asked to stop (a ``BaseException``: no ``except Exception`` of a record's handling swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.message: str | None = None
        """How far the run got and what was kept (set by the audit it stopped; ``None`` before it started)."""

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        """130 for SIGINT, 143 for SIGTERM, as a shell reports a process the signal killed."""
        return 128 + self.signum


class Guard:
    """Raises :class:`Interrupted` on the first SIGINT/SIGTERM, except inside :meth:`deferred`; later signals are
    remembered in :attr:`pending` while the run stops (its cleanup is not interrupted in turn)."""

    def __init__(self) -> None:
        self._deferring = False
        self.stopping = False
        self.pending: int | None = None

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self._deferring or self.stopping:
            self.pending = signum
            return
        self.stopping = True
        raise Interrupted(signum)

    @contextmanager
    def deferred(self, then_raise: bool = False) -> Iterator[None]:
        """Signals that arrive inside are remembered in :attr:`pending`, not raised; with ``then_raise`` the first
        is raised when the block ends (unless the block itself raised)."""
        outer = self._deferring
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = outer
        if then_raise and not outer and not self.stopping and self.pending is not None:
            signum, self.pending = self.pending, None
            self.stopping = True
            raise Interrupted(signum)


_active: list[Guard] = []


@contextmanager
def held() -> Iterator[None]:
    """Hold a stop until the block has run (starting a worker process: a stop half-way would leave one that the
    pool does not know of, to outlive the run); without :func:`interruptible` around it, nothing is held."""
    if not _active:
        yield
        return
    with _active[-1].deferred(then_raise=True):
        yield


@contextmanager
def interruptible() -> Iterator[Guard]:
    """Install the handlers for the block (main thread only: elsewhere signals cannot be caught, and are not)."""
    guard = Guard()
    if threading.current_thread() is not threading.main_thread():
        yield guard
        return
    previous = {s: signal.signal(s, guard._handle) for s in SIGNALS}
    _active.append(guard)
    try:
        yield guard
    finally:
        _active.remove(guard)
        for s, handler in previous.items():
            signal.signal(s, handler)
