"""Errors raised by the disparity statistics.

Every error carries a message meant for the person running the command: it names the file and the
column involved, so the CLI can print it as it is, without a traceback.
"""

from __future__ import annotations

from sentencecheck.batch.tables import TableError
from sentencecheck.errors import SentencecheckError

__all__ = ["PolicyError", "SeverityError", "StatsError", "TableError", "WhereError"]


class StatsError(SentencecheckError):
    """Base class: something about the options, the filter or the scale prevents the analysis (a
    :class:`~sentencecheck.errors.SentencecheckError`, like every error a user can cause).

    A table that cannot be read, or a column the analysis needs that is missing or unusable, raises
    :class:`TableError` instead: the table reader's error (an :class:`~sentencecheck.errors.InputError`, shared
    with the audit)."""


class WhereError(StatsError):
    """A ``--where`` (or ``--rate``) expression is not valid in the filter language."""


class SeverityError(StatsError):
    """A sentence kind has no conversion rate, or a severity scale file is invalid."""


class PolicyError(StatsError):
    """The requested comparison is one the data's terms of use (its datasheet) rule out."""
