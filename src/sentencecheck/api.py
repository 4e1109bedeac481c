"""The library entry points the CLI is built on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from sentencecheck.engines.base import Engine, EngineName
from sentencecheck.model.case import Case
from sentencecheck.report.model import Report
from sentencecheck.rules.model import RuleSet
from sentencecheck.screener import Screener, engine_for


def get_engine(rule_set: RuleSet, name: EngineName = "durable") -> Engine:
    """The process's engine of ``rule_set`` (see :func:`sentencecheck.screener.engine_for`)."""
    return engine_for(rule_set, name)


def evaluate(
    case: Case,
    *,
    engine: EngineName = "durable",
    rule_set: RuleSet | None = None,
    lang: str = "en",
    redact: bool | bytes = False,
    as_of: date | None = None,
    settle: bool = False,
) -> Report:
    """Screen one case: derive its facts, run the rules, explain what fired. Deadlines are measured against
    ``as_of`` (default: today), which the report records. ``redact``: the redaction key (or ``True`` for the key
    file of :func:`sentencecheck.report.redact.load_key`), to build the report from a redacted copy of the case.
    ``settle``: each possible finding with the fewest facts that would confirm it and clear it (an SMT solver's
    answer, :class:`~sentencecheck.report.model.Settlement`)."""
    return Screener.of(rule_set, engine).screen(case, lang=lang, redact=redact, as_of=as_of, settle=settle)


def evaluate_many(
    cases: Iterable[Case],
    *,
    engine: EngineName = "durable",
    rule_set: RuleSet | None = None,
    lang: str = "en",
    redact: bool | bytes = False,
    as_of: date | None = None,
    settle: bool = False,
) -> Iterator[Report]:
    """Screen several cases one after the other (the options of :func:`evaluate`; one date for all)."""
    screener = Screener.of(rule_set, engine)
    today = as_of or date.today()
    for case in cases:
        yield screener.screen(case, lang=lang, redact=redact, as_of=today, settle=settle)
