"""Rule engines: both evaluate the same compiled rule set over the same encoded facts."""

from sentencecheck.engines.base import Engine, EngineName, make_engine

__all__ = ["Engine", "EngineName", "make_engine"]
