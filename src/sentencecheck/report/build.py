"""From engine results to findings: aggregate over candidate versions, explain, cite."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from sentencecheck.derive import Subject
from sentencecheck.derive.registry import area_of
from sentencecheck.engines.base import Result
from sentencecheck.law.book import Citation as StatuteCitation
from sentencecheck.law.book import StatuteBook, parse_citation
from sentencecheck.law.lookup import boundary_dates, place, possibly_in_force
from sentencecheck.law.schema import DateBound, Version
from sentencecheck.model.case import Case
from sentencecheck.report import wording
from sentencecheck.report.casefacts import case_facts
from sentencecheck.report.language import GENDER, amount, cite, day, gendered
from sentencecheck.report.model import (
    DISCLAIMER,
    Citation,
    CitedLaw,
    Confidence,
    Finding,
    Question,
    Report,
    UsedFact,
)
from sentencecheck.report.redact import Redactor, load_key
from sentencecheck.report.routes import routes
from sentencecheck.report.screening import screening
from sentencecheck.report.settle import settlement
from sentencecheck.rules import questions
from sentencecheck.rules.conditions import Atom, Truth, explain_gated
from sentencecheck.rules.encoding import decode_value
from sentencecheck.rules.model import CHARGE_CITATION, TEMPLATE_VAR, Rule, RuleSet, template_vars
from sentencecheck.rules.vocabulary import FactSpec
from sentencecheck.version import __version__


class Appendix:
    """The provisions a report cites, each listed once with its provenance and numbered in order of first use."""

    def __init__(self, book: StatuteBook, case: Case, lang: str) -> None:
        self.book, self.case, self.lang = book, case, lang
        self.entries: dict[tuple[str, tuple[str, ...]], CitedLaw] = {}
        self.chosen: dict[tuple[str, tuple[str, ...]], tuple[Version, ...]] = {}
        """The versions each entry describes (by the same key)."""
        p = case.proceeding
        self.start, self.end = p.offence_start or p.decision_date, p.decision_date or p.offence_start

    def cite(self, citation: str, version: Version | None = None) -> Citation:
        chosen, ids = _cited_versions(self.book, citation, version, self.start, self.end)
        key = (citation, ids)
        entry = self.entries.get(key)
        if entry is None:
            ref = len(self.entries) + 1
            entry = self.entries[key] = _numbered_law(self.book, citation, chosen, ids, self.lang, ref)
            self.chosen[key] = chosen
        return _numbered_citation(self.book, entry, self.lang, entry.ref)


def build_report(
    case: Case,
    rule_set: RuleSet,
    subjects: Sequence[Subject],
    results: Sequence[Result],
    engine: str,
    lang: str = "en",
    redact: bool | bytes = False,
    as_of: date | None = None,
    with_facts: bool = True,
    settle: bool = False,
) -> Report:
    """Turn per-subject engine results into a report; deadlines are measured against ``as_of`` (default today).
    ``with_facts=False`` leaves out the case's facts worded for a reader (an audit writes its own tables).
    ``redact`` (the key, or ``True`` for the key in :func:`~sentencecheck.report.redact.default_key_path`) builds
    the report from a redacted copy of the case, so no name, id or free text of the file reaches it. ``settle``: each
    possible finding with the fewest facts that would confirm it and clear it (:mod:`sentencecheck.report.settle`)."""
    if redact:
        redactor = Redactor(case, lang, redact if isinstance(redact, bytes) else load_key().secret)
        case, subjects = redactor.case, redactor.subjects(subjects)
    today = as_of or date.today()
    appendix = Appendix(rule_set.book, case, lang)
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
        finding = _finding(case, rule_set, rule, subjects, pool, fired, lang, appendix, today)
        if finding is not None and settle and finding.confidence == "possible":
            finding = finding.model_copy(update={"settle": settlement(rule_set, subjects, rule, pool, lang)})
        if finding is not None:
            ranked.append((d_order[d_id], finding.confidence != "confirmed", len(ranked), finding))
    # per defendant: confirmed findings before possible ones, each in charge and rule order
    findings, law = _renumber([f for *_, f in sorted(ranked, key=lambda x: x[:3])], appendix)
    notes = _notes(rule_set.book, subjects, lang)
    who = {d.id: d.name or d.id for d in case.defendants}  # a redacted case names "Defendant 1"
    status, why = screening(subjects, rule_set.facts, rule_set.book, lang, who)
    return Report(
        case=case.id,
        title=case.title,
        instance=case.proceeding.instance or "unknown",
        decision_date=case.proceeding.decision_date.isoformat() if case.proceeding.decision_date else None,
        court=case.proceeding.court,
        as_of=today.isoformat(),
        screening=status,
        screening_reasons=why,
        engine=engine,
        language=lang,
        sentencecheck_version=__version__,
        ruleset_digest=rule_set.digest,
        findings=findings,
        law=law,
        facts=case_facts(case, lang) if with_facts else [],
        notes=notes,
        sources={i: describe_source(case, i) for i in sorted(case.sources)},
        disclaimer=DISCLAIMER[lang],
    )


def _renumber(findings: list[Finding], appendix: Appendix) -> tuple[list[Finding], list[CitedLaw]]:
    """Number the cited provisions in reading order (findings were built in rule order, then sorted)."""
    order: dict[int, int] = {}
    for f in findings:
        for c in [*f.legal_basis, *f.appeal_grounds, *(b for r in f.routes for b in r.basis)]:
            order.setdefault(c.ref, len(order) + 1)
    entries = {e.ref: e for e in appendix.entries.values()}
    for ref in entries:  # not cited by a kept finding: last (never, as every entry comes from a finding)
        order.setdefault(ref, len(order) + 1)

    if all(new == old for old, new in order.items()):  # already in reading order (one finding, say): no copies
        return findings, sorted(entries.values(), key=lambda e: e.ref)

    book, lang = appendix.book, appendix.lang

    def cited(c: Citation) -> Citation:
        return _numbered_citation(book, c, lang, order[c.ref])

    out = [f.model_copy(update={
        "legal_basis": [cited(c) for c in f.legal_basis],
        "appeal_grounds": [cited(c) for c in f.appeal_grounds],
        "routes": [r.model_copy(update={"basis": [cited(c) for c in r.basis]}) for r in f.routes],
    }) for f in findings]
    law = sorted((_numbered_law(book, citation, appendix.chosen[(citation, ids)], ids, lang, order[e.ref])
                  for (citation, ids), e in appendix.entries.items()), key=lambda e: e.ref)
    return out, law


def _notes(book: StatuteBook, subjects: Sequence[Subject], lang: str) -> list[str]:
    notes: list[str] = []
    for s in subjects:
        if s.applicable is not None:
            who = s.defendant.name or s.defendant.id
            text = f"{who}: {wording.applicable_note(book, s.applicable, lang)}"
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
    appendix: Appendix,
    today: date,
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
    book = rule_set.book
    trace = explain_gated(rule.premise, rule.rest, subject.encoded)
    disagree: list[str] = []
    if len(members) > 1 and rank == 1:
        for i in members:
            ver = subjects[i].version
            state = fired.get(i, Truth.FALSE)
            word = _HOLDS[lang][state]
            disagree.append(f"{wording.version_label(book, ver.id, lang) if ver else _HOLDS[lang]['none']}: {word}")
    confidence: Confidence = "confirmed" if rank == 2 else "possible"
    spec = rule.spec
    filler = _Filler(subject, rule_set, case, lang)
    version = subject.version
    category = decode_value(rule_set.facts["law.category"], subject.encoded) if "law.category" in rule_set.facts \
        else None
    charge = subject.charge.label() if subject.charge and spec.scope == "charge" else None
    return Finding.model_construct(
        rule=spec.id,
        rule_version=spec.version,
        title=filler.fill(getattr(spec.title, lang)),
        direction=spec.direction,
        severity=spec.severity,
        confidence=confidence,
        defendant=filler.defendant,
        defendant_id=subject.defendant.id,
        charge=cite(charge, lang) if charge else None,
        law_version=version.id if version else None,
        law_note=wording.applicable_note(book, subject.applicable, lang) if subject.applicable else None,
        legal_basis=[appendix.cite(c, version)
                     for c in in_force(book, _basis(book, spec.legal_basis, subject), case)],
        appeal_grounds=[appendix.cite(c)
                        for c in remedies(spec.appeal_grounds, spec.pre_trial_remedy, case.proceeding.instance)],
        seeks=spec.sought,
        routes=routes(case, spec.sought, category if isinstance(category, str) else None, book, today, lang,
                      appendix.cite),
        explanation=filler.fill(getattr(spec.explanation, lang)),
        argument=filler.fill(getattr(spec.argument, lang)),
        counterfactual=filler.counterfactual(spec.counterfactual),
        facts_used=[_used(a, subject, case, lang, book) for a in trace.held],
        facts_to_establish=[_question(a, lang, book) for a in trace.unknown] if confidence == "possible" else [],
        versions_disagree=disagree,
        law_unconfirmed=list(version.unconfirmed) if version else [],
    )


_HOLDS = {
    "en": {Truth.TRUE: "holds", Truth.UNKNOWN: "may hold", Truth.FALSE: "does not hold", "none": "not modelled"},
    "ru": {Truth.TRUE: "выполняется", Truth.UNKNOWN: "может выполняться", Truth.FALSE: "не выполняется",
           "none": "нет в данных о законе"},
}


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


class _Filler:
    """Fills a rule's texts for one subject: facts, context, units in agreement and the defendant's gender."""

    def __init__(self, subject: Subject, rule_set: RuleSet, case: Case, lang: str) -> None:
        self.subject, self.facts, self.book, self.lang = subject, rule_set.facts, rule_set.book, lang
        d = subject.defendant
        self.female = d.sex == "female"
        named = d.name
        self.defendant = named or d.id
        """Who the finding is about, as the report's header names them (the file's id when no name is given)."""
        role = "administrative" if any(c.code == "CAO" for c in d.charges) else (
            "pre_trial" if case.proceeding.instance == "pre_trial" else "court")
        self.in_text = named or _ROLE[lang][role][self.female]
        """The defendant inside a sentence: the name, or a role noun (an id such as 'husband' is not a name)."""
        self.unknown = unknown = wording.WORDS.word(lang, "unknown")
        self.context = {
            "defendant": self.in_text,
            "victims": ", ".join((v.name or v.id) for v in case.victims)
            or unknown,
            "charge": cite(subject.charge_label, lang) if subject.charge else _NO_CHARGE[lang],
            "law.version": wording.tag_text(subject.version.id.rsplit("@", 1)[-1], lang)
            if subject.version else unknown,
            "law.label": cite(subject.applicable.label, lang) if subject.applicable else unknown,
            "supported.label": cite(subject.charge.facts_support.label(), lang)
            if subject.charge and subject.charge.facts_support else unknown,
        }
        self._shown: dict[tuple[str, str | None], str | None] = {}
        """:meth:`_one`'s answers (a rule's texts name the same facts)."""

    def value(self, name: str) -> Any:
        return decode_value(self.facts[name], self.subject.encoded) if name in self.facts else None

    def _one(self, name: str, unit: str | None) -> str | None:
        key = (name, unit)
        if key not in self._shown:
            self._shown[key] = self._worded(name, unit)
        return self._shown[key]

    def _worded(self, name: str, unit: str | None) -> str | None:
        if name in self.context:
            return self.context[name]
        value = self.value(name)
        if value is None or value == []:
            return None if value is None else wording.show(value, self.lang)
        if unit and isinstance(value, float | int) and value < 1e6:
            return amount(float(value), unit, self.lang)
        if unit and isinstance(value, tuple):
            return f"{wording.show(value[0], self.lang)}–{amount(float(value[1]), unit, self.lang)}"
        return wording.show(value, self.lang, lambda v: label(name, v, self.lang))

    def fill(self, text: str) -> str:
        """``text`` with the defendant at a sentence's start capitalised, each ``{name}`` or ``{name|unit}`` worded
        (unknown if it is not known), then ``{g:masculine|feminine}`` chosen by sex, by the text's :func:`_template`.
        A value is inserted as it is: a name such as "{charge}" or "{g:a|b}" is never read as a variable or a
        marker (only a rule text with loose braces, which no bundled text has, is filled by
        :meth:`_fill_as_written`)."""
        template = _template(self.book, text, self.female)
        if template is None:
            return self._fill_as_written(text)
        pieces, variables = template
        words = [self.in_text[:1].upper() + self.in_text[1:] if starts else (self._one(name, unit) or self.unknown)
                 for name, unit, starts in variables]
        out = [pieces[0]]
        for word, piece in zip(words, pieces[1:], strict=True):
            out += (word, piece)
        return "".join(out)

    def _fill_as_written(self, text: str) -> str:
        text = _SENTENCE_START.sub(lambda m: m.group(1) + self.in_text[:1].upper() + self.in_text[1:], text)
        filled = TEMPLATE_VAR.sub(lambda m: self._one(m.group(1), m.group(2)) or self.unknown, text)
        return gendered(filled, self.female)

    def counterfactual(self, text: Any) -> str | None:
        """A comparison is shown only when every value it names is known."""
        if text is None:
            return None
        chosen = getattr(text, self.lang)
        if any(self._one(v, None) is None for v in template_vars(chosen)):
            return None
        return self.fill(chosen)


_Template = tuple[tuple[str, ...], tuple[tuple[str, str | None, bool], ...]]


def _template(book: StatuteBook, text: str, female: bool) -> _Template | None:
    """A rule text split at its variables: the pieces between them with their gender markers already chosen, and
    each variable's (name, unit, whether it is the defendant at a sentence's start). With values that have no brace,
    joining pieces and worded variables gives what the three substitutions of :meth:`_Filler._fill_as_written` give,
    as long as every brace of a piece belongs to a whole gender marker (else None: filled as written). Remembered
    by the book per text and sex."""
    key = ("report.template", text, female)
    if key not in book.memo:
        starts = {m.end(1) for m in _SENTENCE_START.finditer(text)}
        pieces: list[str] = []
        variables: list[tuple[str, str | None, bool]] = []
        at = 0
        for m in TEMPLATE_VAR.finditer(text):
            pieces.append(text[at:m.start()])
            variables.append((m.group(1), m.group(2), m.start() in starts))
            at = m.end()
        pieces.append(text[at:])
        whole = all("{" not in rest and "}" not in rest for rest in (GENDER.sub("", p) for p in pieces))
        book.memo[key] = (tuple(gendered(p, female) for p in pieces), tuple(variables)) if whole else None
    return book.memo[key]  # type: ignore[return-value]


_NO_CHARGE = {"en": "(no charge recorded)", "ru": "(обвинение не указано)"}
_ROLE = {
    "en": {k: ("the defendant", "the defendant") for k in ("court", "pre_trial", "administrative")},
    "ru": {"court": ("подсудимый", "подсудимая"), "pre_trial": ("подозреваемый", "подозреваемая"),
           "administrative": ("правонарушитель", "правонарушительница")},
}
"""The defendant's role noun (male, female) where the file gives no name: in a court case, before trial, in an
administrative case."""
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)\{defendant\}")


def label(fact: str, value: str, lang: str) -> str:
    """An enum or set value of a fact, worded for a reader."""
    return questions.value_label(fact, value, lang)


def _ask(atom: Atom, lang: str) -> str:
    return questions.question(atom.fact.name, lang, str(atom.item) if atom.fact.kind == "set" else None)


def _used(atom: Atom, subject: Subject, case: Case, lang: str, book: StatuteBook) -> UsedFact:
    spec = atom.fact
    fact, meaning, item_key = _atom_words(book, atom, lang)
    value = decode_value(spec, subject.encoded)
    if item_key is not None:
        known = subject.encoded[item_key] != 1
        shown = wording.show(atom.item in (value or []), lang) if known else wording.WORDS.word(lang, "unknown")
    else:
        shown = wording.show(value, lang, lambda v: label(spec.name, v, lang))
    return UsedFact.model_construct(fact=fact, meaning=meaning, value=shown, sources=_sources(spec, subject, case))


def _atom_words(book: StatuteBook, atom: Atom, lang: str) -> tuple[str, str, str | None]:
    """An atom in the rule language, its question, and the encoded key of a set fact's item (None for other
    facts); they depend only on the atom and the language, so the book remembers them."""
    key = ("report.atom", atom, lang)
    found: tuple[str, str, str | None] | None = book.memo.get(key)  # type: ignore[assignment]
    if found is None:
        item_key = atom.fact.item_key(str(atom.item)) if atom.fact.kind == "set" else None
        found = book.memo[key] = (atom.describe(), _ask(atom, lang), item_key)
    return found


def _question(atom: Atom, lang: str, book: StatuteBook) -> Question:
    """A fact to establish (it depends only on the atom and the language: remembered by the book; frozen)."""
    key = ("report.question", atom, lang)
    found: Question | None = book.memo.get(key)  # type: ignore[assignment]
    if found is None:
        found = book.memo[key] = Question.model_construct(
            fact=atom.describe(), question=_ask(atom, lang),
            supports=wording.supports(atom, lang, lambda v: label(atom.fact.name, v, lang)))
    return found


def _sources(spec: FactSpec, subject: Subject, case: Case) -> list[str]:
    """The sources of the part of the case file the fact comes from (its area, declared with its producer)."""
    ids: list[str] = []
    area = area_of(spec.name)
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
    elif area == "charge" and subject.charge is not None:
        ids = list(subject.charge.source)
    elif area == "sentence":
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


def _bound(b: DateBound | None, open_text: str, lang: str) -> str:
    if b is None:
        return open_text
    if b.earliest == b.latest and b.earliest is not None:
        text = day(b.earliest, lang)
    else:
        lo = day(b.earliest, lang) if b.earliest else "?"
        hi = day(b.latest, lang) if b.latest else "?"
        text = f"между {lo} и {hi}" if lang == "ru" else f"between {lo} and {hi}"
    return text if b.confirmed else text + (" (не подтверждено)" if lang == "ru" else " (unconfirmed)")


def window(v: Version, lang: str = "en") -> str:
    """When a version was in force: «с 01.01.2015 по настоящее время», "2015-01-01 – in force"."""
    if lang == "ru":
        start, end = v.effective_from, v.effective_to
        begins = ("начало действия не известно" if start is None else
                  f"с {_bound(start, '?', lang)}" if start.earliest == start.latest else
                  f"вступила в силу {_bound(start, '?', lang)}")
        ends = ("действует поныне" if end is None else
                f"по {_bound(end, '?', lang)}" if end.earliest == end.latest else
                f"утратила силу {_bound(end, '?', lang)}")
        return f"{begins}; {ends}"
    return f"{_bound(v.effective_from, '?', lang)} – {_bound(v.effective_to, 'in force', lang)}"


def _numbered_law(book: StatuteBook, citation: str, chosen: tuple[Version, ...], ids: tuple[str, ...], lang: str,
                  ref: int) -> CitedLaw:
    """:func:`_cite` remembered by the statute book per citation, versions (``ids``: theirs), language and appendix
    number (an audit cites the same few provisions many times; frozen, so reports share it)."""
    key = ("report.law", citation, ids, lang, ref)
    found: CitedLaw | None = book.memo.get(key)  # type: ignore[assignment]
    if found is None:
        found = book.memo[key] = _cite(book, citation, list(chosen), ref, lang)
    return found


def _numbered_citation(book: StatuteBook, law: CitedLaw | Citation, lang: str, ref: int) -> Citation:
    """A finding's citation of an appendix entry (or of a citation) under number ``ref``; its text depends only on the
    citation and the language, so the book remembers it by those and the number."""
    key = ("report.citation", law.citation, lang, ref)
    found: Citation | None = book.memo.get(key)  # type: ignore[assignment]
    if found is None:
        found = book.memo[key] = Citation.model_construct(citation=law.citation, shown=law.shown, title=law.title,
                                                          ref=ref)
    return found


def _cite(book: StatuteBook, citation: str, chosen: list[Version], ref: int, lang: str) -> CitedLaw:
    """A provision with the version(s) in force at the case's dates, their windows and the research's caveats."""
    title_en, title_ru, sources, unconfirmed, confidence = book.describe(citation)
    in_force_text = "; ".join(f"{wording.version_label(book, v.id, lang)}: {window(v, lang)}" for v in chosen) or None
    if chosen:
        unconfirmed = sorted({u for v in chosen for u in v.unconfirmed})
    authority = book.authorities.get(citation)
    shown = cite(citation, lang)
    if authority is not None and authority.cite is not None:
        shown = getattr(authority.cite, lang) or shown
    title = title_en if lang == "en" else (title_ru or "")
    return CitedLaw.model_construct(ref=ref, citation=citation, shown=shown, title=title, in_force=in_force_text,
                                    confidence=confidence, unconfirmed=unconfirmed, sources=sources)


def in_force(book: StatuteBook, citations: list[str], case: Case) -> list[str]:
    """The citations of a rule whose provision may have been in force between the offence and the decision (a
    rule may cite a part added or repealed at some date, e.g. CAO 73-1(2)); all of them if none is, so that the
    legal-sanity check reports it."""
    p = case.proceeding
    start = p.offence_start or p.decision_date
    end = max(d for d in (p.decision_date, p.offence_start, start) if d is not None) if start else None
    if start is None or end is None:
        return citations
    kept = [citation for citation in citations if _maybe_in_force(book, citation, start, end)]
    return kept or citations


def _maybe_in_force(book: StatuteBook, citation: str, start: date, end: date) -> bool:
    """Whether some version of a cited provision may have been in force in [start, end] (an authority: yes),
    remembered by the book per citation and where the two dates fall among the article's boundary dates."""
    statute = _statute(book, citation)
    if statute is None:
        return True  # an authority: CPC, DVL, a resolution
    cit, bounds = statute
    key = ("report.in_force", citation, place(bounds, start), place(bounds, end)) if bounds is not None else None
    found: bool | None = book.memo.get(key) if key is not None else None  # type: ignore[assignment]
    if found is None:
        art = book.articles.get((cit.code, cit.article))
        versions = [v for part in (art.parts if art else []) if cit.part is None or part.part == cit.part
                    for v in part.versions]
        found = any(possibly_in_force(v, start, end) for v in versions)
        if key is not None:
            book.memo[key] = found
    return found


def _statute(book: StatuteBook, citation: str) -> tuple[StatuteCitation, tuple[date, ...] | None] | None:
    """A statute citation parsed, with its article's boundary dates (:func:`_article_bounds`); None for an
    authority. Remembered by the book."""
    key = ("report.statute", citation)
    if key not in book.memo:
        cit = parse_citation(citation)
        book.memo[key] = None if cit is None else (cit, _article_bounds(book, cit.code, cit.article))
    return book.memo[key]  # type: ignore[return-value]


def _article_bounds(book: StatuteBook, code: str, article: str) -> tuple[date, ...] | None:
    """Every date at which a version of the article starts or ends, or may (:func:`boundary_dates` over its parts):
    two days with the same place among them are alike to :func:`possibly_in_force` for each of its versions. None
    where two parts share a number (``boundary_dates`` sees only the first): then nothing is remembered."""
    key = ("report.bounds", code, article)
    if key not in book.memo:
        art = book.articles.get((code, article))
        numbers = [p.part for p in art.parts] if art else []
        book.memo[key] = None if len(set(numbers)) < len(numbers) else tuple(sorted(
            {d for n in numbers for d in boundary_dates(book, code, article, n)}))
    return book.memo[key]  # type: ignore[return-value]


def _cited_versions(book: StatuteBook, citation: str, version: Version | None, start: date | None,
                    end: date | None) -> tuple[tuple[Version, ...], tuple[str, ...]]:
    """The versions of a cited provision to describe, and their ids: ``version`` where it is one of the provision's
    (the version a finding was screened under), else those possibly in force from ``start`` to ``end`` (all when a
    date is unknown or none was). Remembered by the book per citation and the dates' places among its boundaries."""
    provision = _provision(book, citation)
    if provision is None:
        return (), ()
    versions, ids, bounds = provision
    if version is not None and version.id in ids:
        return (version,), (version.id,)
    if start is None or end is None:
        key: tuple[object, ...] | None = ("report.cited", citation)
    else:
        key = ("report.cited", citation, place(bounds, start), place(bounds, end)) if bounds is not None else None
    found: tuple[tuple[Version, ...], tuple[str, ...]] | None = (
        book.memo.get(key) if key is not None else None)  # type: ignore[assignment]
    if found is None:
        chosen = [v for v in versions if start is None or end is None or possibly_in_force(v, start, end)] or versions
        out = tuple(sorted({v.id: v for v in chosen}.values(), key=lambda v: v.id))
        found = (out, tuple(v.id for v in out))
        if key is not None:
            book.memo[key] = found
    return found


_Provision = tuple[list[Version], frozenset[str], tuple[date, ...] | None]


def _provision(book: StatuteBook, citation: str) -> _Provision | None:
    """A statute citation's versions (those of the article's parts where it names none the data has), their ids and
    the article's boundary dates (:func:`_article_bounds`); None for an authority. Remembered by the book."""
    key = ("report.provision", citation)
    if key not in book.memo:
        cit = parse_citation(citation)
        if cit is None:
            book.memo[key] = None
        else:
            versions = book.versions(cit.code, cit.article, cit.part)
            if not versions and cit.part is None:
                art = book.articles[(cit.code, cit.article)]
                versions = [v for p in art.parts for v in p.versions]
            book.memo[key] = (versions, frozenset(v.id for v in versions), _article_bounds(book, cit.code, cit.article))
    return book.memo[key]  # type: ignore[return-value]
