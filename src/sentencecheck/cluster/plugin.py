"""The worker plugin that sets each Dask worker up for an audit when it joins (a restarted one too), before it
takes a task, so that loading the rules is never timed as a case's screening."""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin

from sentencecheck.batch.worker import Options
from sentencecheck.cluster.screening import prepare


class SetUp(WorkerPlugin):
    """Builds the rule set and engine for ``options`` in the worker's process."""

    def __init__(self, options: Options) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        prepare(self.options)
