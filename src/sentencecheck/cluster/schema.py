"""The fixed Arrow schema of :func:`~sentencecheck.cluster.frame.screen_frame`'s output.

The finding columns are ``findings.csv``'s, cell for cell as the local audit writes them (text, ``;``-joined
citations, formula-like cells neutralised); ``source_number`` and ``rule_version`` are integers.  Four columns
account for every input row: ``status`` (:data:`STATUSES`), ``reason`` and ``problems`` (a rejected row's, the
problems as JSON text) and ``input_row`` (the row's 0-based position in the frame given).
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from sentencecheck.batch.worker import FINDING_COLUMNS

STATUSES = ("finding", "no_findings", "rejected", "blank")
"""``finding``: one row per finding; ``no_findings``: an audited case without any (one row, ``rule`` null);
``rejected``: a row that could not be audited (one row, ``rule`` null, ``reason`` and ``problems`` set);
``blank``: a row with no value in any column (one row; the local audit skips such a row)."""

INTEGER_COLUMNS = ("source_number", "rule_version")
ACCOUNTING_COLUMNS = ("status", "reason", "problems", "input_row")

SCHEMA = pa.schema(
    [pa.field(c, pa.int64() if c in INTEGER_COLUMNS else pa.string()) for c in FINDING_COLUMNS]
    + [pa.field("status", pa.string()), pa.field("reason", pa.string()), pa.field("problems", pa.string()),
       pa.field("input_row", pa.int64())]
)
"""The output's columns and types, the same for every call (an empty frame has them too); every field is nullable
as Arrow reads a pandas frame, though ``status`` and ``input_row`` are never null."""

COLUMNS: tuple[str, ...] = tuple(SCHEMA.names)


def empty_frame() -> pd.DataFrame:
    """A frame with :data:`SCHEMA`'s columns and no row: Dask's ``meta``."""
    return to_frame([])


def to_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows (column -> value, missing columns null) as a frame of :data:`SCHEMA`, every column Arrow-backed."""
    table = pa.Table.from_pylist(rows, schema=SCHEMA)
    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    return frame


_SPARK_TYPES = {pa.string(): "string", pa.int64(): "bigint"}


def spark_ddl() -> str:
    """:data:`SCHEMA` as a Spark DDL string, for ``mapInPandas(..., schema=spark_ddl())``."""
    return ", ".join(f"{f.name} {_SPARK_TYPES[f.type]}" for f in SCHEMA)
