"""The audit on a cluster: :func:`screen_frame` (one pandas frame of records in, one row per finding out, a fixed
Arrow schema) for Dask, Ray or Spark, and :class:`~sentencecheck.cluster.runner.DaskRunner`, the local audit's
runner on a ``distributed`` cluster (``sentencecheck audit --dask``).  See ``docs/cluster.md``.

Importing this package imports pandas and pyarrow; :mod:`sentencecheck.cluster.runner` needs neither.
"""

from __future__ import annotations

from sentencecheck.cluster.frame import screen_frame, screen_frame_with
from sentencecheck.cluster.schema import SCHEMA, empty_frame, spark_ddl

__all__ = ["SCHEMA", "empty_frame", "screen_frame", "screen_frame_with", "spark_ddl"]
