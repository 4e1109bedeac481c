"""Instrumentation the audit tests inject into worker processes (``sentencecheck.audit(..., before_case=...)``):
a worker that dies or hangs on one case. Imported by name in spawned workers, which inherit the tests' sys.path."""

from __future__ import annotations

import os
import time

from sentencecheck.model.case import Case


def abort_on_case_006(case: Case) -> None:
    """Kill the worker process (as durable-rules' C core can) on the case ``case-006``."""
    if case.id == "case-006":
        os.abort()


def hang_on_case_003(case: Case) -> None:
    """Hang the worker (as a stuck C call would) on the case ``case-003``."""
    if case.id == "case-003":
        time.sleep(3600)
