"""Reading input tables: CSV, TSV, XLSX, Parquet and JSON Lines (an audit's ``cases.csv`` is a CSV), with the
audit's table reader (:func:`sentencecheck.batch.tables.read_frame`).

:func:`read_table` returns a :class:`pandas.DataFrame` whose ``attrs`` record where it came from
(``attrs["source"]``) and whether a ``DATASHEET.md`` beside the file asks users not to rank courts
or judges (``attrs["forbids_court_ranking"]``); :func:`sentencecheck.stats.disparity.disparity`
uses both for its messages and its policy check.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from sentencecheck.batch.tables import FRAME_SUFFIXES, read_frame

from .errors import TableError

#: File name endings understood by :func:`read_table`, mapped to the reader used.
SUFFIXES: dict[str, str] = FRAME_SUFFIXES

_RANKING_BAN = re.compile(r"\brank(?:ing)?\s+(?:of\s+)?(?:judges|courts)\b", re.IGNORECASE)


def datasheet_forbids_court_ranking(path: Path) -> str | None:
    """The sentence of a ``DATASHEET.md`` next to *path* that rules out ranking judges or courts.

    Returns ``None`` when there is no datasheet or it says nothing of the kind.
    """
    sheet = path.resolve().parent / "DATASHEET.md"
    if not sheet.is_file():
        return None
    try:
        text = sheet.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    flat = " ".join(text.split())
    match = _RANKING_BAN.search(flat)
    if match is None:
        return None
    start = flat.rfind(".", 0, match.start()) + 1
    end = flat.find(".", match.end())
    return flat[start : end + 1 if end != -1 else len(flat)].strip()


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a table from *path*, choosing the reader by the file name's ending.

    Raises :class:`TableError` (naming the file, and the row and line of a row that cannot be read) when the file is
    missing, has an unknown ending, or cannot be parsed.
    """
    p = Path(path)
    frame = read_frame(p)
    frame.attrs["source"] = str(p)
    ban = datasheet_forbids_court_ranking(p)
    frame.attrs["forbids_court_ranking"] = ban or ""
    return frame


def require_columns(table: pd.DataFrame, columns: dict[str, str | None], source: str) -> None:
    """Raise :class:`TableError` naming *source* and the option if a needed column is absent.

    *columns* maps a role (``"--outcome"``) to a column name (``None``: not used).
    """
    present = {str(c) for c in table.columns}
    for role, name in columns.items():
        if name is not None and name not in present:
            raise TableError(f"{source}: column {name!r} (given as {role}) not found; {_available(table)}")


def _available(table: pd.DataFrame) -> str:
    names = [str(c) for c in table.columns]
    shown = ", ".join(names[:40])
    more = f" and {len(names) - 40} more" if len(names) > 40 else ""
    return f"available columns: {shown}{more}"
