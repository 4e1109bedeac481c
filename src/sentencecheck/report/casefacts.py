"""The facts of a case as its file records them, worded as the questions a lawyer answered (the questions of
:mod:`sentencecheck.casefile.questions`): what a report shows under "facts of the case".  Free text (summaries,
quotes, notes, reasons) is left out — the report is not the place to restate it — and so are names when
redacting."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from sentencecheck.casefile.questions import load_questions
from sentencecheck.model.case import Case
from sentencecheck.report.language import day, number
from sentencecheck.report.redact import Redactor
from sentencecheck.rules import questions as fact_questions

_SKIP = {"source", "sources", "summary", "title", "notes", "note", "quote", "reason", "facts_support_reason",
         "expected_findings", "ground", "id", "illustrative", "earlier_decision"}
_NAMES = {"name", "court"}


def case_facts(case: Case, lang: str, redactor: Redactor | None = None) -> list[tuple[str, str]]:
    """(question, answer) pairs for every stated fact of the case, in the file's order."""
    out: list[tuple[str, str]] = []
    _walk(case.proceeding, lang, "", out, redactor)
    for d in case.defendants:
        _walk(d, lang, redactor.defendant(d) if redactor else (d.name or d.id), out, redactor)
    for v in case.victims:
        _walk(v, lang, redactor.victim(v) if redactor else (v.name or v.id), out, redactor)
    for h in case.harm:
        _walk(h, lang, "", out, redactor)
    _walk(case.history, lang, "", out, redactor)
    if case.self_defence is not None:
        _walk(case.self_defence, lang, "", out, redactor)
    return out


def _walk(obj: BaseModel, lang: str, who: str, out: list[tuple[str, str]], redactor: Redactor | None) -> None:
    owner = type(obj).__name__
    fields = type(obj).model_fields
    for name, info in fields.items():
        value = getattr(obj, name)
        if name in _SKIP or value is None or value == [] or value == {} or (
                not info.is_required() and value == info.default):
            continue
        if name == "name" or (name in _NAMES and redactor is not None):
            continue  # the name heads the person's lines
        q = load_questions().field(owner, name)
        label = _short(q.get(lang)) if q else name  # type: ignore[arg-type]
        if who:
            label = f"{who}: {label}"
        if isinstance(value, BaseModel):
            _walk(value, lang, who, out, redactor)
            continue
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                _walk(item, lang, who, out, redactor)
            continue
        meanings: dict[str, Any] = dict(q.values) if q else {}
        domain = _DOMAIN_OF_FIELD.get((owner, name)) or _DOMAIN_OF_FIELD.get(("", name))
        shown = _show(value, lang, meanings, domain)
        if shown:
            out.append((label, shown))


_ASIDE = re.compile(r"\s*\([^()]*[A-Za-z][^()]*\)")
"""An aside naming file syntax (ids such as d1, v1), which a report reader does not need."""


def _short(question: str) -> str:
    """The question without the guidance that follows it in a skeleton's comment."""
    end = question.find("?")
    short = question[: end + 1] if end > 0 else question.split(" (")[0]
    return _ASIDE.sub("", short)


_DOMAIN_OF_FIELD = {
    ("", "instance"): "instance", ("", "sex"): "sex", ("", "police_action"): "police_action",
    ("", "weapon"): "weapon", ("", "code"): "code", ("", "stage"): "charge_stage",
    ("", "dismissal_ground"): "dismissal_ground", ("", "suicide"): "suicide", ("", "severity"): "harm_level",
    ("", "leniency_grounds"): "leniency_ground", ("Sentence", "kind"): "sentence_kind",
    ("Outcome", "kind"): "outcome", ("EarlierDecision", "outcome"): "outcome",
}
"""Fields whose values the fact vocabulary's labels word, where the case-file questions give no meanings."""


def _show(value: Any, lang: str, meanings: dict[str, Any], domain: str | None = None) -> str:
    if isinstance(value, bool):
        return fact_questions.word("yes" if value else "no", lang)
    if isinstance(value, date):
        return day(value, lang)
    if isinstance(value, int | float | Decimal):
        return number(float(value), lang)
    if isinstance(value, str):
        if domain is not None:
            try:
                return fact_questions.enum_label(domain, value, lang)
            except KeyError:
                pass
        meaning = meanings.get(value)
        return str(meaning.get(lang)) if meaning is not None else value
    if isinstance(value, list):
        return ", ".join(_show(v, lang, meanings, domain) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_show(v, lang, meanings)}" for k, v in value.items())
    if isinstance(value, BaseModel):
        return ", ".join(f"{k}: {_show(v, lang, {})}" for k, v in value.model_dump().items() if v is not None)
    return str(value)
