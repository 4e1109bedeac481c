"""A decision's text into a draft case file: every value with the passage it came from, what was searched for and
not found, and nothing guessed.  The pipeline: file → paragraphs → parts → the readers of each topic → case data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sentencecheck.extract import story
from sentencecheck.extract.charges import Penal, read_penal
from sentencecheck.extract.circumstances import (
    Circumstances,
    Requests,
    find_circumstances,
    find_offence_dates,
    find_outcome,
    find_requests,
)
from sentencecheck.extract.documents import read_paragraphs
from sentencecheck.extract.group import acted_together, conspiracy_denied, group_denied, intoxicated
from sentencecheck.extract.ledger import Ledger
from sentencecheck.extract.names import nominative
from sentencecheck.extract.passages import DecisionKind, Found, Paragraph
from sentencecheck.extract.persons import (
    DefendantFacts,
    Key,
    VictimFacts,
    defendant_keys,
    find_defendants,
    find_victims,
    mentions_defendant,
    sentence_spans,
)
from sentencecheck.extract.priors import prior_reconciliation
from sentencecheck.extract.punishments import Punishment, to_sentence
from sentencecheck.extract.sections import assign_parts, court_of, decision_date, decision_kind, instance_of
from sentencecheck.model.case import Case
from sentencecheck.version import __version__

RECORDS: dict[str, str] = {"verdict": "decision", "termination": "decision", "admin_decision": "decision",
                           "appeal_ruling": "appeal_ruling", "cassation_ruling": "decision"}
"""The case file's ``record`` for each kind of decision: the decision's full text (its silence is a statement)."""

_EXCEPTIONAL = re.compile(r"исключительн\w+\s+обстоятельств\w*", re.IGNORECASE)
_NOT_FOUND_BY_COURT = re.compile(r"не\s+(?:усматрива|установ|имеется|находит|нашел|нашёл)|отсутству|оснований\s+"
                                 r"(?:для|к)\s+(?:применени|назначени)\w*\s+[^.]{0,40}?не\s+", re.IGNORECASE)
_APPLIED_55 = re.compile(r"с\s+применением\s+(?:ч\.\s*4\s+)?(?:ст\.|статьи)\s*55\s+УК", re.IGNORECASE)
_MAIN_FIELDS = ("name", "sex", "age", "prior_convictions", "employed", "charges", "sentence", "outcome",
                "mitigating_recognised", "aggravating_recognised", "prosecution_request")


@dataclass
class Draft:
    """A drafted case file: its data (as the YAML will hold it), what was not found, the values dropped because
    the file would not validate with them, and whether it validates now."""

    document: str
    data: dict[str, Any]
    kind: DecisionKind | None
    not_found: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


def _sentence(found: Found[Punishment] | None, path: str, ledger: Ledger) -> dict[str, Any] | None:
    if found is None:
        return None
    try:
        data = to_sentence(found.value)
    except ValueError:
        return None
    out: dict[str, Any] = {"kind": data["kind"]}
    for name in ("term", "probation"):
        if data[name]:
            out[name] = {k: int(v) if isinstance(v, float) and v.is_integer() else v
                         for k, v in dict(data[name]).items()}  # type: ignore[call-overload]
    out["source"] = [ledger.cite(f"{path}.kind", found)]
    for name in ("term", "probation"):
        for unit in out.get(name, {}):
            ledger.cite(f"{path}.{name}.{unit}", found)
    return out


def _age_at(born: date, when: date) -> int:
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def _flag(out: dict[str, Any], name: str, found: Found[Any] | None, path: str, ledger: Ledger) -> None:
    if found is not None:
        out[name] = found.value
        ledger.cite(f"{path}.{name}", found)


def _person(out: dict[str, Any], facts: DefendantFacts | VictimFacts, path: str, offence: date | None,
            ledger: Ledger) -> None:
    """Name (back to the nominative), sex and age at the offence (stated, or from the date of birth)."""
    if facts.name is not None:
        out["name"] = nominative(facts.name.value)
        ledger.cite(f"{path}.name", facts.name)
    _flag(out, "sex", facts.sex, path, ledger)
    if facts.age is not None:
        _flag(out, "age", facts.age, path, ledger)
    elif facts.birth_date is not None and offence is not None:
        out["age"] = _age_at(facts.birth_date.value, offence)
        ledger.cite(f"{path}.age", facts.birth_date)


def _exceptional(paragraphs: Sequence[Paragraph]) -> Found[bool] | None:
    """CC 55(4) exceptional circumstances: the court applied it, or said it found none."""
    for p in paragraphs:
        if p.part not in ("reasoning", "operative"):
            continue
        applied = _APPLIED_55.search(p.text)
        if applied:
            return Found(True, p.index, applied.group(0))
        for m in _EXCEPTIONAL.finditer(p.text):
            lo, hi = max(0, m.start() - 80), min(len(p.text), m.end() + 120)
            window = p.text[lo:hi]
            if _NOT_FOUND_BY_COURT.search(window):
                end = p.text.find(".", m.end())
                start = p.text.rfind(".", 0, m.start()) + 1
                quote = p.text[start:end if end != -1 else len(p.text)].strip()
                return Found(False, p.index, quote)
    return None


def _charges(penal: Penal, path: str, ledger: Ledger) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for j, read in enumerate(penal.charges):
        c, here = read.cited.value, f"{path}.charges[{j}]"
        charge: dict[str, Any] = {"code": c.code, "article": c.article}
        if c.part:
            charge["part"] = c.part
        if c.items:
            charge["paragraph"] = c.items[0]
            if len(c.items) > 1:
                charge["also_items"] = list(c.items[1:])
        if c.letters:
            charge["letter"] = c.letters[0]
        if c.stage != "completed":
            charge["stage"] = c.stage
        own = _sentence(read.sentence, f"{here}.sentence", ledger)
        if own:
            charge["sentence"] = own
        charge["source"] = [ledger.source(read.cited)]
        for name in ("code", "article", "part", "paragraph", "also_items", "letter", "stage"):
            if name in charge:
                ledger.cite(f"{here}.{name}", read.cited)
        out.append(charge)
    return out


@dataclass
class _Decision:
    """What is read once for the whole decision and shared out among its defendants."""

    paragraphs: Sequence[Paragraph]
    kind: DecisionKind | None
    keys: list[Key]
    offence: date | None
    circumstances: Circumstances
    requests: Requests
    together: dict[int, Found[list[int]]]
    drunk: dict[int, Found[bool]]
    group_denied: Found[bool] | None
    conspiracy_denied: Found[bool] | None
    exceptional: Found[bool] | None


def _defendant(facts: DefendantFacts, i: int, penal: Penal, at: _Decision, ledger: Ledger) -> dict[str, Any]:
    paragraphs, kind, offence = at.paragraphs, at.kind, at.offence
    alone = len(at.keys) <= 1
    key = at.keys[i] if i < len(at.keys) else None
    circumstances = at.circumstances
    path = f"defendants[{i}]"
    d: dict[str, Any] = {"id": f"d{i + 1}"}
    _person(d, facts, path, offence, ledger)
    for name in ("law_enforcement_officer", "public_office", "prior_convictions", "pregnant", "has_young_children",
                 "employed"):
        _flag(d, name, getattr(facts, name), path, ledger)
    _flag(d, "intoxicated", at.drunk.get(i), path, ledger)
    _flag(d, "prior_reconciliation_release", prior_reconciliation(paragraphs, key, alone, offence), path, ledger)
    charges = _charges(penal, path, ledger)
    if at.group_denied is not None:
        for j, charge in enumerate(charges):
            charge["group_element"] = False
            charge["source"].append(ledger.cite(f"{path}.charges[{j}].group_element", at.group_denied))
    if charges:
        d["charges"] = charges
    outcome = find_outcome(paragraphs, kind, None if alone else key)
    if outcome.kind is not None:
        o: dict[str, Any] = {"kind": outcome.kind.value}
        ledger.cite(f"{path}.outcome.kind", outcome.kind)
        if outcome.dismissal_ground is not None:
            o["dismissal_ground"] = outcome.dismissal_ground.value
            ledger.cite(f"{path}.outcome.dismissal_ground", outcome.dismissal_ground)
        if outcome.ground is not None:
            o["ground"] = outcome.ground.value
            ledger.cite(f"{path}.outcome.ground", outcome.ground)
        o["source"] = ledger.under(f"{path}.outcome")
        d["outcome"] = o
    final = _sentence(penal.final, f"{path}.sentence", ledger)
    if final is not None:
        if penal.condition is not None:
            for unit in final.get("probation", {}):
                ledger.values[f"{path}.sentence.probation.{unit}"] = ledger.source(penal.condition)
            final["source"].append(ledger.source(penal.condition))
        d["sentence"] = final
    together = at.together.get(i)
    if together is not None:
        d["acted_together_with"] = [f"d{j + 1}" for j in together.value]
        ledger.cite(f"{path}.acted_together_with", together)
        _flag(d, "prior_conspiracy", at.conspiracy_denied, path, ledger)
    for name, found in (("prosecution_request", at.requests.prosecutor_punishments),
                        ("victim_request", at.requests.victim_punishments)):
        if not found or not (alone or _for_each(found[0], at.paragraphs)):
            continue
        main = [f for f in found if not f.value.additional]
        chosen = [f for f in main if f.value.final] or (main if len(main) == 1 else [])
        request = _sentence(chosen[0] if chosen else None, f"{path}.{name}", ledger)
        if request is not None:
            d[name] = request
    criminal = bool(charges) and all(c["code"] == "CC" for c in charges)
    for name, side, items in (("mitigating_recognised", circumstances.mitigating, circumstances.mitigating_items),
                              ("aggravating_recognised", circumstances.aggravating, circumstances.aggravating_items)):
        if side is not None and criminal:  # CC 53(1)/54(1) items; the CAO and foreign codes list others
            own = items if alone else [f for f in items if _concerns(f, i, at)]
            d[name] = sorted({f.value for f in own})
            ledger.cite(f"{path}.{name}", side)
    if circumstances.leniency_grounds and d.get("outcome", {}).get("kind") == "convicted":
        own_grounds = [g for g in circumstances.leniency_grounds if alone or _concerns(g, i, at)]
        if own_grounds:
            d["leniency_grounds"] = sorted({g.value for g in own_grounds})
            for g in own_grounds:
                ledger.cite(f"{path}.leniency_grounds", g)
    _flag(d, "exceptional_circumstances_recorded", at.exceptional, path, ledger)
    d["source"] = ledger.under(path)
    return d


_EACH = re.compile(r"кажд\w+|обо(?:им|их)\b|обеим", re.IGNORECASE)


def _for_each(found: Found[Any], paragraphs: Sequence[Paragraph]) -> bool:
    """A request made for each of several defendants («назначить каждому …»)."""
    text = next((p.text for p in paragraphs if p.index == found.paragraph), "")
    return bool(_EACH.search(text))


def _concerns(found: Found[Any], i: int, at: _Decision) -> bool:
    """Whether a passage read for the whole decision concerns defendant ``i``: the sentence it stands in names that
    defendant, or names no defendant (then it speaks of them all)."""
    text = next((p.text for p in at.paragraphs if p.index == found.paragraph), "")
    start = text.find(found.quote)
    spans = sentence_spans(text)
    sentence = next((text[a:b] for a, b in spans if a <= start < b), found.quote)
    named = [j for j, k in enumerate(at.keys) if mentions_defendant(sentence, k)]
    return not named or i in named


def _victims(paragraphs: Sequence[Paragraph], defendants: list[dict[str, Any]], offence: date | None,
             ledger: Ledger) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for j, facts in enumerate(find_victims(paragraphs)):
        path = f"victims[{j}]"
        v: dict[str, Any] = {"id": f"v{j + 1}"}
        _person(v, facts, path, offence, ledger)
        if "age" not in v and facts.age_under is not None:
            v["age"] = {"under": facts.age_under.value}
            ledger.cite(f"{path}.age", facts.age_under)
        if facts.relationship is not None and len(defendants) == 1:
            v["relationship"] = {defendants[0]["id"]: facts.relationship.value}
            ledger.cite(f"{path}.relationship.{defendants[0]['id']}", facts.relationship)
        _flag(v, "deceased", facts.deceased, path, ledger)
        v["source"] = ledger.under(path)
        out.append(v)
    return out


def _proceeding(paragraphs: Sequence[Paragraph], ledger: Ledger) -> tuple[dict[str, Any], date | None]:
    p: dict[str, Any] = {}
    _flag(p, "court", court_of(paragraphs), "proceeding", ledger)
    _flag(p, "instance", instance_of(paragraphs), "proceeding", ledger)
    _flag(p, "decision_date", decision_date(paragraphs), "proceeding", ledger)
    offences = find_offence_dates(paragraphs)
    offence = offences[0] if offences else None
    _flag(p, "offence_date", offence, "proceeding", ledger)
    p["source"] = ledger.under("proceeding")
    return p, offence.value if offence else None


def build(paragraphs: list[Paragraph], document: str, case_id: str, lang: str = "en") -> Draft:
    """The draft case file of a decision already split into paragraphs (any order of parts is assigned here)."""
    paragraphs = assign_parts(paragraphs)
    ledger = Ledger(document, paragraphs, lang)
    kind_found = decision_kind(paragraphs)
    kind = kind_found.value if kind_found else None
    parts = {p.part for p in paragraphs}
    closed = {"reasoning", "operative"} <= parts  # silence means "the court did not" only in parts it has read
    data: dict[str, Any] = {"id": case_id, "title": None,
                            "record": RECORDS.get(kind or "", "other") if closed else "other"}
    proceeding, offence = _proceeding(paragraphs, ledger)
    keys = defendant_keys(paragraphs)
    people = find_defendants(paragraphs)
    alone = len(people) == 1
    at = _Decision(paragraphs, kind, keys, offence, find_circumstances(paragraphs), find_requests(paragraphs),
                   acted_together(paragraphs, keys) if len(keys) > 1 else {}, intoxicated(paragraphs, keys),
                   group_denied(paragraphs), conspiracy_denied(paragraphs), _exceptional(paragraphs))
    defendants = [
        _defendant(facts, i, read_penal(paragraphs, keys[i] if i < len(keys) else None, alone), at, ledger)
        for i, facts in enumerate(people)
    ]
    data["proceeding"] = proceeding
    data["defendants"] = defendants
    victims = _victims(paragraphs, defendants, offence, ledger)
    if victims:
        data["victims"] = victims
    who = story.parties(data)
    harm = story.harm(paragraphs, who, ledger)
    if harm:
        data["harm"] = harm
        story.deaths_to_victims(data, ledger)
    history = story.history(paragraphs, who, ledger, offence)
    if history:
        data["history"] = history
    defence = story.self_defence(paragraphs, who, ledger)
    if defence is not None:
        data["self_defence"] = defence
    draft = Draft(document, data, kind)
    draft.not_found = _missing(data)
    _settle(draft, ledger)
    data["sources"] = {ident: ledger.sources[ident] for ident in sorted(ledger.sources, key=_source_order)}
    data["extraction"] = {"document": document, "tool": f"sentencecheck extract {__version__}",
                          "values": dict(ledger.values), "not_found": draft.not_found, "reviewed": False}
    draft.data = _ordered(data)
    draft.problems = _problems(draft.data)
    return draft


def _source_order(ident: str) -> tuple[int, int]:
    head, _, tail = ident[1:].partition("-")
    return int(head), int(tail or 1)


_ORDER = ("id", "title", "record", "sources", "proceeding", "defendants", "victims", "harm", "history",
          "self_defence", "extraction")


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in _ORDER if k in data} | {k: v for k, v in data.items() if k not in _ORDER}


def _missing(data: dict[str, Any]) -> list[str]:
    """The fields searched for in vain: the decision's particulars and each defendant's main facts."""
    out = [f"proceeding.{name}" for name in ("court", "instance", "decision_date", "offence_date")
           if name not in data["proceeding"]]
    if not data["defendants"]:
        out.append("defendants")
    for i, d in enumerate(data["defendants"]):
        out.extend(f"defendants[{i}].{name}" for name in _MAIN_FIELDS if name not in d)
    if "victims" not in data:
        out.append("victims")
    return out


def _problems(data: dict[str, Any]) -> list[str]:
    try:
        Case.model_validate(data)
    except ValidationError as exc:
        return [f"{_path(e['loc'])}: {e['msg']}" for e in exc.errors()]
    return []


def _path(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _settle(draft: Draft, ledger: Ledger) -> None:
    """Drop values the case would not validate with (a read that contradicts another), saying so; never invent one
    to make it validate.  Required fields that were not found stay missing, and the draft says it does not validate."""
    for _ in range(20):
        trial = dict(draft.data, sources=ledger.sources)
        try:
            Case.model_validate(trial)
            return
        except ValidationError as exc:
            removed = False
            for e in exc.errors():
                loc = [p for p in e["loc"] if not (isinstance(p, str) and p in ("function-after", "function-before"))]
                if _remove(draft.data, loc):
                    draft.dropped.append(f"{_path(loc)}: {e['msg']}")
                    ledger.forget(_path(loc))
                    removed = True
                    break
            if not removed:
                return


def _remove(data: Any, loc: Sequence[int | str]) -> bool:
    """Remove the value at ``loc`` (or the innermost existing one on its way that is not a required container)."""
    node = data
    for depth, key in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(node, dict) and isinstance(key, str) and key in node:
            if last and key not in ("id", "defendants", "source"):
                del node[key]
                return True
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            return False
    return False


def draft(path: Path, lang: str = "en") -> Draft:
    """Draft the case file of the decision in ``path`` (.txt, .docx, .pdf, .html); ``lang`` words the sources'
    line references."""
    from sentencecheck.casefile.skeleton import case_id_for

    return build(read_paragraphs(path), str(path), case_id_for(path.name), lang)
