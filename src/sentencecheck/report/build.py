"""From engine results to findings: aggregate over candidate versions, explain, cite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sentencecheck import __version__
from sentencecheck.derive import Subject
from sentencecheck.engines.base import Result
from sentencecheck.law.book import StatuteBook, parse_citation
from sentencecheck.law.lookup import possibly_in_force
from sentencecheck.law.schema import DateBound, Version
from sentencecheck.model.case import Case
from sentencecheck.report.model import DISCLAIMER, CitedLaw, Confidence, Finding, Report, UsedFact
from sentencecheck.report.redact import Redactor
from sentencecheck.rules.conditions import Atom, Truth, explain_gated
from sentencecheck.rules.encoding import decode_value
from sentencecheck.rules.model import CHARGE_CITATION, TEMPLATE_VAR, Rule, RuleSet
from sentencecheck.rules.vocabulary import FactSpec

_SOURCE_OF_PREFIX = {
    "harm": "harm",
    "history": "history",
    "defence": "self_defence",
    "victim": "victims",
    "proceeding": "proceeding",
}


@dataclass
class _Group:
    rule: Rule
    subjects: list[tuple[Subject, Truth]]


def build_report(
    case: Case,
    rule_set: RuleSet,
    subjects: Sequence[Subject],
    results: Sequence[Result],
    engine: str,
    lang: str = "en",
    redact: bool = False,
) -> Report:
    """Turn per-subject engine results into a report."""
    redactor = Redactor(case) if redact else None
    by_rule: dict[tuple[int, str, int | None], dict[int, Truth]] = {}
    for s_index, (subject, result) in enumerate(zip(subjects, results, strict=True)):
        for order, value in result:
            rule = rule_set.rules[order]
            charge_key = subject.charge_index if rule.spec.scope == "charge" else None
            by_rule.setdefault((order, subject.defendant.id, charge_key), {})[s_index] = value
    ranked: list[tuple[int, bool, int, Finding]] = []
    d_order = {d.id: i for i, d in enumerate(case.defendants)}
    keys = sorted(by_rule, key=lambda k: (d_order[k[1]], -1 if k[2] is None else k[2], k[0]))
    for key in keys:
        order, d_id, charge_key = key
        rule = rule_set.rules[order]
        fired = by_rule[key]
        pool = [i for i, s in enumerate(subjects) if s.defendant.id == d_id
                and (charge_key is None or s.charge_index == charge_key)]
        finding = _finding(case, rule_set, rule, subjects, pool, fired, lang, redactor)
        if finding is not None:
            ranked.append((d_order[d_id], finding.confidence != "confirmed", len(ranked), finding))
    # per defendant: confirmed findings before possible ones, each in charge and rule order
    findings = [f for *_, f in sorted(ranked, key=lambda x: x[:3])]
    notes = _notes(subjects, redactor)
    return Report(
        case=redactor.case_id if redactor else case.id,
        title=None if redactor else case.title,
        instance=case.proceeding.instance or "unknown",
        decision_date=case.proceeding.decision_date.isoformat() if case.proceeding.decision_date else None,
        engine=engine,
        language=lang,
        sentencecheck_version=__version__,
        ruleset_digest=rule_set.digest,
        findings=findings,
        notes=notes,
        sources={i: describe_source(case, i) for i in sorted(case.sources)},
        disclaimer=DISCLAIMER[lang],
    )


def _notes(subjects: Sequence[Subject], redactor: Redactor | None) -> list[str]:
    notes: list[str] = []
    for s in subjects:
        if s.applicable is not None:
            who = redactor.defendant(s.defendant) if redactor else (s.defendant.name or s.defendant.id)
            text = f"{who}: {s.applicable.note}"
            if s.version is not None and s.version.unconfirmed:
                text += " [unconfirmed: " + "; ".join(s.version.unconfirmed) + "]"
            if text not in notes:
                notes.append(text)
    return notes


def _finding(
    case: Case,
    rule_set: RuleSet,
    rule: Rule,
    subjects: Sequence[Subject],
    pool: list[int],
    fired: dict[int, Truth],
    lang: str,
    redactor: Redactor | None,
) -> Finding | None:
    """Confirmed when, for some charge, the rule holds under every candidate version."""
    by_charge: dict[int | None, list[int]] = {}
    for i in pool:
        by_charge.setdefault(subjects[i].charge_index, []).append(i)
    best: tuple[int, int | None, list[int]] | None = None  # (rank, charge, subject indexes)
    for charge_index, members in by_charge.items():
        rank = _rank(subjects, members, fired)
        if rank and (best is None or rank > best[0]):
            best = (rank, charge_index, members)
    if best is None:
        return None
    rank, _, members = best
    lead = next((i for i in members if fired.get(i) == Truth.TRUE), None)
    if lead is None:
        lead = next(i for i in members if fired.get(i, Truth.FALSE) != Truth.FALSE)
    subject = subjects[lead]
    trace = explain_gated(rule.premise, rule.rest, subject.encoded)
    disagree: list[str] = []
    if len(members) > 1 and rank == 1:
        for i in members:
            ver = subjects[i].version
            state = fired.get(i, Truth.FALSE)
            word = {Truth.TRUE: "holds", Truth.UNKNOWN: "may hold", Truth.FALSE: "does not hold"}[state]
            disagree.append(f"{ver.id if ver else 'not modelled'}: {word}")
    confidence: Confidence = "confirmed" if rank == 2 else "possible"
    spec = rule.spec
    texts = [getattr(t, lang) for t in (spec.explanation, spec.argument, spec.counterfactual) if t is not None]
    needed = {v for text in texts for v in TEMPLATE_VAR.findall(text)}
    variables = _variables(subject, rule_set.facts, redactor, case, needed)
    version = subject.version
    return Finding.model_construct(
        rule=spec.id,
        rule_version=spec.version,
        title=getattr(spec.title, lang),
        direction=spec.direction,
        severity=spec.severity,
        confidence=confidence,
        defendant=variables["defendant"],
        defendant_id=variables["defendant"] if redactor else subject.defendant.id,
        charge=subject.charge.label() if subject.charge and spec.scope == "charge" else None,
        law_version=version.id if version else None,
        law_note=subject.applicable.note if subject.applicable else None,
        legal_basis=[_cite(rule_set.book, c, version, case)
                     for c in in_force(rule_set.book, _basis(rule_set.book, spec.legal_basis, subject), case)],
        appeal_grounds=[_cite(rule_set.book, c, None, case)
                        for c in remedies(spec.appeal_grounds, spec.pre_trial_remedy, case.proceeding.instance)],
        explanation=_fill(getattr(spec.explanation, lang), variables),
        argument=_fill(getattr(spec.argument, lang), variables),
        counterfactual=_counterfactual(rule, lang, variables),
        facts_used=[_used(a, subject, case) for a in trace.held],
        facts_to_establish=[_used(a, subject, case) for a in trace.unknown] if confidence == "possible" else [],
        versions_disagree=disagree,
        law_unconfirmed=list(version.unconfirmed) if version else [],
    )


def _basis(book: StatuteBook, citations: list[str], subject: Subject) -> list[str]:
    """A rule's legal basis with ``{charge}`` replaced by the article (and part) charged, where the data has it."""
    if CHARGE_CITATION not in citations:
        return citations
    charge = subject.charge
    cited: str | None = None
    if charge is not None and charge.article is not None:
        base = f"{charge.code} {charge.article}"
        with_part = f"{base}({charge.part})" if charge.part else base
        cited = next((c for c in (with_part, base) if book.check_citation(c) is None), None)
    return [c for c in (cited if x == CHARGE_CITATION else x for x in citations) if c is not None]


def _rank(subjects: Sequence[Subject], members: list[int], fired: dict[int, Truth]) -> int:
    """2 (confirmed) when the rule holds under every candidate version, 1 (possible) when it may hold; where the
    charge's part is not stated, it must hold (or may hold) under every part, since the part is a fact."""
    by_part: dict[str | None, list[Truth]] = {}
    for i in members:
        by_part.setdefault(subjects[i].part, []).append(fired.get(i, Truth.FALSE))
    ranks = [2 if all(v == Truth.TRUE for v in values) else (1 if any(v != Truth.FALSE for v in values) else 0)
             for values in by_part.values()]
    return min(ranks)


def remedies(court: list[str], pre_trial: list[str], instance: str | None) -> list[str]:
    """How the decision is challenged: a pre-trial decision before the prosecutor or the investigating judge, a
    court's decision on appeal or in cassation; both where the file does not say who decided."""
    if instance == "pre_trial":
        return pre_trial
    if instance is None:
        return list(dict.fromkeys(court + pre_trial))
    return court


def _counterfactual(rule: Rule, lang: str, variables: dict[str, str]) -> str | None:
    if rule.spec.counterfactual is None:
        return None
    text = getattr(rule.spec.counterfactual, lang)
    if any(variables.get(v, "unknown") == "unknown" for v in TEMPLATE_VAR.findall(text)):
        return None
    return _fill(text, variables)


def _fill(text: str, variables: dict[str, str]) -> str:
    return TEMPLATE_VAR.sub(lambda m: variables.get(m.group(1), "unknown"), text)


def show(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}" if value < 1e6 else "life"
    if isinstance(value, tuple):
        return f"{show(value[0])}–{show(value[1])}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value)


def _variables(
    subject: Subject, facts: dict[str, FactSpec], redactor: Redactor | None, case: Case, needed: set[str]
) -> dict[str, str]:
    """Template variables: the facts a rule's texts name, and the context (defendant, charge, law)."""
    out = {name: show(decode_value(facts[name], subject.encoded)) for name in needed if name in facts}
    d = subject.defendant
    out["defendant"] = redactor.defendant(d) if redactor else (d.name or d.id)
    out["victims"] = ", ".join(
        (redactor.victim(v) if redactor else (v.name or v.id)) for v in case.victims
    ) or "unknown"
    out["charge"] = subject.charge_label
    out["law.version"] = subject.version.id if subject.version else "unknown"
    out["law.label"] = subject.applicable.label if subject.applicable else "unknown"
    ref = subject.charge.facts_support if subject.charge else None
    out["supported.label"] = ref.label() if ref else "unknown"
    return out


def _used(atom: Atom, subject: Subject, case: Case) -> UsedFact:
    spec = atom.fact
    value = decode_value(spec, subject.encoded)
    if spec.kind == "set":
        value = atom.item in (value or [])
        shown = f"{atom.item}: {show(value) if subject.encoded[spec.item_key(str(atom.item))] != 1 else 'unknown'}"
    else:
        shown = show(value)
    return UsedFact.model_construct(fact=atom.describe(), meaning=spec.description, value=shown,
                                    sources=_sources(spec, subject, case))


def _sources(spec: FactSpec, subject: Subject, case: Case) -> list[str]:
    prefix = spec.name.split(".")[0]
    ids: list[str] = []
    area = _SOURCE_OF_PREFIX.get(prefix)
    if area == "harm":
        ids = [i for h in case.harm for i in h.source]
    elif area == "history":
        h = case.history
        ids = list(h.source) + [i for c in h.police_complaints or [] for i in c.source]
        ids += [i for o in h.protective_orders or [] for i in o.source]
    elif area == "self_defence":
        ids = list(case.self_defence.source) if case.self_defence else []
    elif area == "victims":
        ids = [i for v in case.victims for i in v.source]
    elif area == "proceeding":
        ids = list(case.proceeding.source)
    elif prefix in ("charge", "law", "supported", "reconciliation") and subject.charge is not None:
        ids = list(subject.charge.source)
    elif prefix in ("sentence", "request"):
        c = subject.charge
        if c is not None and c.sentence is not None:
            ids = list(c.sentence.source)
        elif subject.defendant.sentence is not None:
            ids = list(subject.defendant.sentence.source)
        ids += list(subject.defendant.source)
    else:
        ids = list(subject.defendant.source) + list(subject.defendant.outcome.source)
    return [i for i in dict.fromkeys(ids) if i in case.sources]


def describe_source(case: Case, source_id: str) -> str:
    src = case.sources[source_id]
    if True:
        text = src.document
        if src.section:
            text += f", {src.section}"
        if src.paragraph:
            text += f", para. {src.paragraph}"
        if src.publication:
            text += f" ({src.publication})"
        if src.url:
            text += f" <{src.url}>"
    return text


def _bound(b: DateBound | None, open_text: str) -> str:
    if b is None:
        return open_text
    if b.earliest == b.latest and b.earliest is not None:
        text = b.earliest.isoformat()
    else:
        lo = b.earliest.isoformat() if b.earliest else "?"
        hi = b.latest.isoformat() if b.latest else "?"
        text = f"between {lo} and {hi}"
    return text if b.confirmed else text + " (unconfirmed)"


def window(v: Version) -> str:
    return f"{_bound(v.effective_from, '?')} – {_bound(v.effective_to, 'in force')}"


_CITE_CACHE: dict[tuple[str, str, tuple[str, ...]], CitedLaw] = {}


def _cite(book: StatuteBook, citation: str, version: Version | None, case: Case) -> CitedLaw:
    """A citation with the version(s) in force at the case's dates and their date windows."""
    title, _, sources, unconfirmed, confidence = book.describe(citation)
    chosen = _cited_versions(book, citation, version, case)
    key = (book.digest, citation, tuple(v.id for v in chosen))
    found = _CITE_CACHE.get(key)
    if found is None:
        in_force = "; ".join(f"{v.id}: {window(v)}" for v in chosen) or None
        if chosen:
            unconfirmed = sorted({u for v in chosen for u in v.unconfirmed})
        if len(_CITE_CACHE) > 50_000:
            _CITE_CACHE.clear()
        found = _CITE_CACHE[key] = CitedLaw.model_construct(
            citation=citation, title=title, in_force=in_force, confidence=confidence, unconfirmed=unconfirmed,
            sources=sources,
        )
    return found


def in_force(book: StatuteBook, citations: list[str], case: Case) -> list[str]:
    """The citations of a rule whose provision may have been in force between the offence and the decision (a
    rule may cite a part added or repealed at some date, e.g. CAO 73-1(2)); all of them if none is, so that the
    legal-sanity check reports it."""
    p = case.proceeding
    start = p.offence_start or p.decision_date
    end = max(d for d in (p.decision_date, p.offence_start, start) if d is not None) if start else None
    if start is None or end is None:
        return citations
    kept = []
    for citation in citations:
        cit = parse_citation(citation)
        if cit is None:
            kept.append(citation)  # an authority: CPC, DVL, a resolution
            continue
        art = book.articles.get((cit.code, cit.article))
        versions = [v for part in (art.parts if art else []) if cit.part is None or part.part == cit.part
                    for v in part.versions]
        if any(possibly_in_force(v, start, end) for v in versions):
            kept.append(citation)
    return kept or citations


def _cited_versions(book: StatuteBook, citation: str, version: Version | None, case: Case) -> list[Version]:
    cit = parse_citation(citation)
    if cit is None:
        return []
    versions = book.versions(cit.code, cit.article, cit.part)
    if not versions and cit.part is None:
        art = book.articles[(cit.code, cit.article)]
        versions = [v for p in art.parts for v in p.versions]
    if version is not None and any(v.id == version.id for v in versions):
        return [version]
    p = case.proceeding
    start = p.offence_start or p.decision_date
    end = p.decision_date or p.offence_start
    chosen = [v for v in versions if start is None or end is None or possibly_in_force(v, start, end)] or versions
    return sorted({v.id: v for v in chosen}.values(), key=lambda v: v.id)
