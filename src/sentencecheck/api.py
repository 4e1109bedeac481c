"""The library entry points the CLI is built on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from sentencecheck.derive import derive_subjects
from sentencecheck.engines.base import Engine, EngineName, make_engine
from sentencecheck.model.case import Case
from sentencecheck.report.build import build_report
from sentencecheck.report.model import Report
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.model import RuleSet

_ENGINES: dict[tuple[str, str], Engine] = {}


def get_engine(rule_set: RuleSet, name: EngineName = "durable") -> Engine:
    """One engine per rule set (by its digest: same files, same rules) and kind in this process;
    durable-rules cannot reload or unregister a rule set."""
    key = (rule_set.digest, name)
    if key not in _ENGINES:
        _ENGINES[key] = make_engine(rule_set, name)
    return _ENGINES[key]


def evaluate(
    case: Case,
    *,
    engine: EngineName = "durable",
    rule_set: RuleSet | None = None,
    lang: str = "en",
    redact: bool | bytes = False,
    as_of: date | None = None,
) -> Report:
    """Screen one case: derive its facts, run the rules, explain what fired. Deadlines are measured against
    ``as_of`` (default: today), which the report records. ``redact``: the redaction key (or ``True`` for the key
    file of :func:`sentencecheck.report.redact.load_key`), to build the report from a redacted copy of the case."""
    rules = rule_set or default_rule_set()
    runner = get_engine(rules, engine)
    subjects = derive_subjects(case, rules)
    results = runner.evaluate([s.encoded for s in subjects], label=case.id)
    return build_report(case, rules, subjects, results, engine, lang, redact, as_of)


def evaluate_many(
    cases: Iterable[Case],
    *,
    engine: EngineName = "durable",
    rule_set: RuleSet | None = None,
    lang: str = "en",
    redact: bool | bytes = False,
    as_of: date | None = None,
) -> Iterator[Report]:
    """Screen several cases one after the other (the options of :func:`evaluate`; one date for all)."""
    today = as_of or date.today()
    for case in cases:
        yield evaluate(case, engine=engine, rule_set=rule_set, lang=lang, redact=redact, as_of=today)
