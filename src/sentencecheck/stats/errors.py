"""Errors raised by the disparity statistics.

Every error carries a message meant for the person running the command: it names the file and the
column involved, so the CLI can print it as it is, without a traceback.
"""

from __future__ import annotations

from sentencecheck.errors import SentencecheckError


class StatsError(SentencecheckError):
    """Base class: something about the input or the options prevents the analysis (a
    :class:`~sentencecheck.errors.SentencecheckError`, like every error a user can cause)."""


class TableError(StatsError):
    """The table cannot be read, or a column the analysis needs is missing or unusable."""


class WhereError(StatsError):
    """A ``--where`` (or ``--rate``) expression is not valid in the filter language."""


class SeverityError(StatsError):
    """A sentence kind has no conversion rate, or a severity scale file is invalid."""


class PolicyError(StatsError):
    """The requested comparison is one the data's terms of use (its datasheet) rule out."""
