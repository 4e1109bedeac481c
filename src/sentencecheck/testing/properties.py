"""Property checks: each returns a list of problems (empty = the property holds for this input).

They are plain functions so that a test can call them on a hand-made input or a mutated engine or
rule set, as well as from a Hypothesis test.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError

from sentencecheck import screener
from sentencecheck.engines.base import Engine, Result
from sentencecheck.law.book import parse_citation
from sentencecheck.law.lookup import possibly_in_force
from sentencecheck.model.case import Case, Term
from sentencecheck.report.model import Finding, Report
from sentencecheck.report.render import to_json
from sentencecheck.rules.conditions import Truth, atoms, facts_read
from sentencecheck.rules.model import CONTEXT_VARS, Rule, RuleSet, template_vars

Facts = Mapping[str, Any]
Evaluate = Callable[[Case], Report]
_RANK = {"possible": 1, "confirmed": 2}
_AS_OF = date(2026, 1, 1)
"""A fixed date for deadlines, so that properties compare reports byte for byte."""


@dataclass(frozen=True)
class Screener(screener.Screener):
    """:class:`sentencecheck.screener.Screener` with deadlines measured against a fixed date, so that properties
    compare reports byte for byte."""

    def __call__(self, case: Case) -> Report:
        return self.screen(case, as_of=_AS_OF)


def as_map(result: Result) -> dict[int, Truth]:
    return dict(result)


# ---- engines --------------------------------------------------------------------------------------


def engines_agree(a: Engine, b: Engine, facts: Sequence[Facts]) -> list[str]:
    """Both engines give the same Truth for every rule on every fact dict."""
    ra, rb = a.evaluate(facts), b.evaluate(facts)
    return [f"fact #{i}: {a.name} {x} != {b.name} {y}" for i, (x, y) in enumerate(zip(ra, rb, strict=True)) if x != y]


def order_independent(engine: Engine, facts: Sequence[Facts]) -> list[str]:
    """Batch, one by one and reversed batch give the same result per fact."""
    batch = engine.evaluate(facts)
    single = [engine.evaluate([f])[0] for f in facts]
    reverse = list(reversed(engine.evaluate(list(reversed(facts)))))
    problems = []
    if batch != single:
        problems.append("a batch differs from evaluating each fact alone")
    if batch != reverse:
        problems.append("the result depends on the order of the batch")
    return problems


def no_state_leak(engine: Engine, first: Sequence[Facts], then: Facts) -> list[str]:
    """Evaluating ``then`` after ``first`` equals evaluating ``then`` alone."""
    alone = engine.evaluate([then])
    engine.evaluate(first)
    after = engine.evaluate([then])
    return [] if after == alone else [f"state leaked: alone {alone}, after others {after}"]


def irrelevant_fact(engine: Engine, rule: Rule, facts: Facts, key: str, value: Any) -> list[str]:
    """Changing encoded key ``key`` (of a fact the rule's condition does not read) leaves the rule's result alone."""
    changed = dict(facts)
    changed[key] = value
    before, after = engine.evaluate([facts, changed])
    b, a = as_map(before).get(rule.order), as_map(after).get(rule.order)
    return [] if a == b else [f"{rule.id}: {key} changed {facts[key]!r}->{value!r}, result {b} -> {a}"]


def keys_not_read(rule_set: RuleSet, rule: Rule) -> list[str]:
    """Encoded keys of every fact the rule's condition does not read."""
    read = facts_read(rule.condition)
    keys: list[str] = []
    for name, spec in rule_set.facts.items():
        if name in read:
            continue
        if spec.kind == "bool" or spec.kind == "enum":
            keys.append(spec.key)
        elif spec.kind == "number":
            keys += [f"{spec.key}__lo", f"{spec.key}__hi"]
        else:
            keys += [spec.item_key(item) for item in spec.domain]
    return keys


# ---- reports ---------------------------------------------------------------------------------------


def deterministic(evaluate: Evaluate, case: Case) -> list[str]:
    """The same case twice gives the same JSON bytes."""
    one, two = to_json([evaluate(case)]), to_json([evaluate(case)])
    return [] if one == two else ["two runs on the same case gave different report bytes"]


def signature(report: Report) -> Counter[tuple[str, str, str]]:
    """What a renaming or reordering must not change: (rule, direction, confidence), counted."""
    return Counter((f.rule, f.direction, f.confidence) for f in report.findings)


def same_findings(evaluate: Evaluate, case: Case, other: Case, what: str) -> list[str]:
    a, b = signature(evaluate(case)), signature(evaluate(other))
    if a == b:
        return []
    return [f"{what} changed the findings: only before {sorted((a - b).elements())}, "
            f"only after {sorted((b - a).elements())}"]


def _rank_by_key(report: Report, direction: str) -> dict[tuple[str, str, str | None], int]:
    out: dict[tuple[str, str, str | None], int] = {}
    for f in report.findings:
        if f.direction == direction:
            key = (f.rule, f.defendant_id, f.charge)
            out[key] = max(out.get(key, 0), _RANK[f.confidence])
    return out


def sentence_monotonic(evaluate: Evaluate, shorter: Case, longer: Case) -> list[str]:
    """``longer`` is ``shorter`` with longer imprisonment: no leniency finding added or strengthened,
    no over-punishment finding removed or weakened."""
    a, b = evaluate(shorter), evaluate(longer)
    problems = []
    len_a, len_b = _rank_by_key(a, "leniency"), _rank_by_key(b, "leniency")
    for key, rank in len_b.items():
        if rank > len_a.get(key, 0):
            problems.append(f"lengthening added leniency {key} ({rank})")
    over_a, over_b = _rank_by_key(a, "over-punishment"), _rank_by_key(b, "over-punishment")
    for key, rank in over_a.items():
        if rank > over_b.get(key, 0):
            problems.append(f"lengthening removed over-punishment {key} ({rank})")
    return problems


def no_contradiction(rule_set: RuleSet, report: Report) -> list[str]:
    """No confirmed leniency and confirmed over-punishment on the same charge of the same defendant (a finding on
    the defendant as a whole counts for each of their charges), unless one of the two rules declares the other
    compatible."""
    groups: dict[tuple[str, str | None], list[Finding]] = {}
    for f in report.findings:
        if f.confidence == "confirmed" and f.direction in ("leniency", "over-punishment"):
            groups.setdefault((f.defendant_id, f.charge), []).append(f)
    problems = []
    for key, own in groups.items():
        found = own + groups.get((key[0], None), []) if key[1] is not None else own
        for x in found:
            for y in found:
                if x.direction == "leniency" and y.direction == "over-punishment":
                    rx, ry = rule_set.by_id(x.rule), rule_set.by_id(y.rule)
                    ok = (rx is not None and y.rule in rx.spec.compatible_with) or (
                        ry is not None and x.rule in ry.spec.compatible_with)
                    if not ok:
                        problems.append(f"{key}: {x.rule} (leniency) and {y.rule} (over-punishment) both confirmed")
    return problems


def unknown_never_confirms(evaluate: Evaluate, known: Case, unknown: Case) -> list[str]:
    """``unknown`` is ``known`` with one fact made unknown: it has no confirmed finding ``known`` lacks."""
    def confirmed(r: Report) -> set[tuple[str, str, str | None]]:
        return {(f.rule, f.defendant_id, f.charge) for f in r.findings if f.confidence == "confirmed"}

    new = confirmed(evaluate(unknown)) - confirmed(evaluate(known))
    return [f"making a fact unknown confirmed {sorted(new, key=str)}"] if new else []


def legally_sane(rule_set: RuleSet, case: Case, report: Report, dates: bool = True) -> list[str]:
    """Every citation is in the statute data (with ``dates``: possibly in force between the offence and the
    decision), every explanation names only known facts, every fact used is read by the rule and known,
    every source listed."""
    problems: list[str] = []
    book = rule_set.book
    p = case.proceeding
    start = p.offence_date or p.decision_date
    for f in report.findings:
        rule = rule_set.by_id(f.rule)
        if rule is None:
            problems.append(f"{f.rule}: not in the rule set")
            continue
        for cited in f.legal_basis + f.appeal_grounds:
            problem = book.check_citation(cited.citation)
            if problem:
                problems.append(f"{f.rule}: {problem}")
                continue
            cit = parse_citation(cited.citation)
            if cit is None or start is None or not dates:
                continue
            article = book.articles[(cit.code, cit.article)]
            versions = [v for part in article.parts if cit.part is None or part.part == cit.part
                        for v in part.versions]
            end = p.decision_date if p.decision_date and p.decision_date >= start else start
            if not any(possibly_in_force(v, start, end) for v in versions):
                problems.append(f"{f.rule}: {cited.citation} not in force on {start}")
        for field in ("explanation", "argument"):
            for lang in ("en", "ru"):
                for var in template_vars(getattr(getattr(rule.spec, field), lang)):
                    if var not in rule_set.facts and var not in CONTEXT_VARS:
                        problems.append(f"{f.rule}: {field}.{lang} names {{{var}}}, not a fact")
        if "{" in f.explanation or "}" in f.explanation:
            problems.append(f"{f.rule}: unfilled template in explanation: {f.explanation!r}")
        described = {a.describe() for a in atoms(rule.condition)}
        for used in f.facts_used:
            if used.fact not in described:
                problems.append(f"{f.rule}: explains with {used.fact!r}, which its condition does not read")
            if used.value == "unknown" or used.value.endswith(": unknown"):
                problems.append(f"{f.rule}: explains with {used.fact!r}, which is unknown")
        for used in f.facts_used:
            for s in used.sources:
                if s not in case.sources:
                    problems.append(f"{f.rule}: cites source {s!r}, not in the case")
    return problems


# ---- case transformations --------------------------------------------------------------------------


def _revalidate(data: dict[str, Any]) -> Case | None:
    try:
        return Case.model_validate(data)
    except ValidationError:
        return None


def lengthen(case: Case, defendant: int, extra_years: float) -> Case | None:
    """``case`` with every imprisonment term of one defendant (the final one and each charge's) longer by
    ``extra_years``; ``None`` unless all the defendant's sentences are imprisonment with a known term, or if
    a term would leave the model's range."""
    data = case.model_dump()
    d = data["defendants"][defendant]
    sentences = [s for s in [d["sentence"]] + [c["sentence"] for c in d["charges"]] if s is not None]
    # all together: lengthening one charge's term but not the final one is a different question (the
    # final sentence then compares lower against the gravest charge: final-below-gravest-charge)
    if not sentences or any(s["kind"] != "imprisonment" or Term.model_validate(s["term"]).in_years() is None
                            for s in sentences):
        return None
    for s in sentences:
        s["term"]["years"] = (s["term"]["years"] or 0.0) + extra_years
    return _revalidate(data)


def rename_parties(case: Case, suffix: str = "x") -> Case:
    """Every defendant and victim id (and every reference to it) and every name changed."""
    mapping = {d.id: f"{suffix}{d.id}" for d in case.defendants} | {v.id: f"{suffix}{v.id}" for v in case.victims}

    def walk(node: Any, key: str | None = None) -> Any:
        if isinstance(node, dict):
            return {mapping.get(k, k) if key == "relationship" else k: walk(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v, key) for v in node]
        if isinstance(node, str):
            if key == "name":
                return f"Renamed {node}"
            return mapping.get(node, node) if key in _ID_FIELDS else node
        return node

    return Case.model_validate(walk(case.model_dump()))


_ID_FIELDS = {"id", "acted_together_with", "victim", "by", "against", "defender", "attacker", "caused_by"}


def reorder(case: Case, rotate: int = 1) -> Case:
    """Defendants, victims, harm and every defendant's charges rotated by ``rotate`` places."""
    def rot(items: list[Any]) -> list[Any]:
        k = rotate % len(items) if items else 0
        return items[k:] + items[:k]

    data = case.model_dump()
    data["defendants"] = rot(data["defendants"])
    for d in data["defendants"]:
        d["charges"] = rot(d["charges"])
    data["victims"] = rot(data["victims"])
    data["harm"] = rot(data["harm"])
    return Case.model_validate(data)


SKIP_UNKNOWN = ("years", "months", "days", "hours", "mci")
"""Term fields are not facts of their own: a missing ``months`` next to known ``years`` means 0 months."""

STATEMENTS = ("self_defence", "prosecution_request", "victim_request", "record")
"""Fields whose absence is itself a statement about the file, not an unknown fact: no confrontation recorded, no
request recorded, no record kind said (which opens the record: it can only lower confidence)."""

CLOSED_BY_RECORD = ("mitigating_recognised", "aggravating_recognised", "leniency_grounds",
                    "exceptional_circumstances_recorded", "accelerated_or_plea_agreement", "court_considered_cc32",
                    "court_considered_cc102")
"""What the court states: in a file written from the decision itself, its absence means "the court did not"."""


def known_optional_paths(case: Case) -> list[tuple[str | int, ...]]:
    """Paths of every optional (default ``None``) field that is set: the facts that can become unknown."""
    out: list[tuple[str | int, ...]] = []

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, BaseModel):
            for name, info in type(node).model_fields.items():
                value = getattr(node, name)
                if value is None:
                    continue
                closed = case.closed and name in CLOSED_BY_RECORD
                if info.default is None and not info.is_required() and name not in SKIP_UNKNOWN + STATEMENTS \
                        and not closed:
                    out.append((*path, name))
                walk(value, (*path, name))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*path, i))
        elif isinstance(node, dict):
            for k, item in node.items():
                walk(item, (*path, k))

    walk(case, ())
    return [p for p in out if not isinstance(_get(case, p), dt.date) or p[-1] != "accessed"]


def _get(node: Any, path: Sequence[str | int]) -> Any:
    for p in path:
        node = node[p] if isinstance(p, int) or isinstance(node, dict) else getattr(node, p)
    return node


def make_unknown(case: Case, path: Sequence[str | int]) -> Case | None:
    data: Any = case.model_dump()
    node = data
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = None
    return _revalidate(data)
