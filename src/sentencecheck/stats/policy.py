"""Guarding against comparisons the data's terms rule out: ranking courts or judges.

Datasets of court decisions often ask that they not be used to rank individual courts or judges
(the Mongolian sentencing dataset's DATASHEET.md says so explicitly).  A disparity table *grouped
by* a court or judge identifier is such a ranking, so :func:`check_group_column` refuses it unless
the caller explicitly allows it, and refuses it even then when a datasheet beside the input file
rules it out.  Adjusting for courts (``--within court_id``) is allowed - it compares groups of
defendants *inside* each court - but then the per-court rows are not published, only the pooled
estimate.
"""

from __future__ import annotations

import re

from .errors import PolicyError

_COURT_LIKE = re.compile(
    r"(court|judge|judg|magistrat|prosecutor|bench|chamber|tribunal|суд|сот|прокурор)", re.IGNORECASE
)


def is_court_like(column: str) -> bool:
    """True for column names that look like a court, judge or prosecutor identifier."""
    return _COURT_LIKE.search(column) is not None


def check_group_column(column: str, source: str, allow: bool, datasheet_ban: str) -> None:
    """Raise :class:`PolicyError` when *column* would rank courts/judges and that is not allowed."""
    if not is_court_like(column):
        return
    if datasheet_ban:
        raise PolicyError(
            f"{source}: refusing to compare groups of column {column!r}: it looks like a court or judge "
            f'identifier and the dataset\'s DATASHEET.md says: "{datasheet_ban}" '
            f"Use --within {column} to compare defendants inside each court instead."
        )
    if not allow:
        raise PolicyError(
            f"{source}: column {column!r} looks like a court or judge identifier; a table grouped by it "
            "ranks courts or judges. Check that the data's terms allow this and pass "
            f"--allow-court-groups, or use --within {column} to compare defendants inside each court."
        )
