"""Each defendant's charges and sentences, from the operative part: the articles of conviction (or of the
termination), the punishment for each charge and the final one, a conditional sentence joined to its term, and an
appeal court's requalification («переквалифицировать с ч. 1 ст. 101 на ч. 1 ст. 99»)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sentencecheck.extract.citations import Cited, find_citations, is_aggregation, is_general_part
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.persons import Key, mentions_defendant
from sentencecheck.extract.punishments import Punishment, apply_conditional, find_punishments

MODEL_CODES = frozenset({"CC", "CAO", "RU_CC", "RU_CAO"})
"""The codes a case file records charges under (model ``Code``); УПК citations are procedure, not charges."""

_DECIDES = re.compile(r"виновн|переквалифицир|прекратить|прекращени|подвергнуть|привлечь\s+к\s+административн|"
                      r"оправдать", re.IGNORECASE)
_CHARGED = re.compile(r"обвиняем\w*\s+в\s+совершении|привлекаем\w*\s+к\s+административной|предусмотренн\w+\s+"
                      r"(?:ч\.|част|ст\.|стать|п\.|пункт)", re.IGNORECASE)
_REQUALIFY = re.compile(r"переквалифицир\w*[^;]*?\sс\s(?P<from>.+?)\sна\s", re.IGNORECASE)
_CUSTODIAL = frozenset({"imprisonment", "restriction_of_liberty", "corrective_labour"})
_ADMIN_KIND = {"fine": "admin_fine", "arrest": "admin_arrest"}


@dataclass
class ChargeRead:
    """One charge, with the punishment the text imposes for it alone (if it does)."""

    cited: Found[Cited]
    sentence: Found[Punishment] | None = None


@dataclass
class Penal:
    """What the operative part decides for one defendant."""

    charges: list[ChargeRead] = field(default_factory=list)
    final: Found[Punishment] | None = None
    earlier_charges: list[Found[Cited]] = field(default_factory=list)
    condition: Found[Punishment] | None = None
    from_intro: bool = False


def is_charge(c: Cited) -> bool:
    """A citation that can be a charge: a code the case file records, not a general-part or sentencing rule."""
    return c.code in MODEL_CODES and not is_aggregation(c) and not is_general_part(c)


def _own(paragraphs: Sequence[Paragraph], key: Key | None, alone: bool) -> list[Paragraph]:
    """The operative paragraphs that concern this defendant: all of them when the defendant is alone."""
    operative = [p for p in paragraphs if p.part == "operative"]
    if alone or key is None:
        return operative
    return [p for p in operative if mentions_defendant(p.text, key)]


def _requalified_from(p: Paragraph) -> tuple[int, int] | None:
    m = _REQUALIFY.search(p.text)
    return (m.start("from"), m.end("from")) if m else None


def _main(found: Found[Punishment], code: str) -> Found[Punishment]:
    """An administrative court's fine or arrest is the administrative penalty."""
    if code.endswith("CAO") and found.value.kind in _ADMIN_KIND:
        return replace(found, value=replace(found.value, kind=_ADMIN_KIND[found.value.kind]))  # type: ignore[arg-type]
    return found


def _read_paragraph(p: Paragraph, penal: Penal) -> None:
    cites = [c for c in find_citations(p) if is_charge(c.value)]
    span = _requalified_from(p)
    earlier = [c for c in cites if span and span[0] <= c.value.at < span[1]]
    penal.earlier_charges.extend(earlier)
    now = [c for c in cites if c not in earlier]
    punishments = [f for f in find_punishments(p) if not f.value.additional]
    bounds = [c.value.at for c in now] + [len(p.text) + 1]
    for i, cited in enumerate(now):
        if any(c.cited.value == cited.value for c in penal.charges):
            continue
        own = [f for f in punishments if bounds[i] <= f.value.at < bounds[i + 1] and not f.value.final]
        penal.charges.append(ChargeRead(cited, _main(own[0], cited.value.code) if own else None))
    for f in punishments:
        if f.value.final:
            penal.final = _main(f, now[0].value.code if now else "CC")


def read_penal(paragraphs: Sequence[Paragraph], key: Key | None, alone: bool) -> Penal:
    """The charges and sentences of one defendant (``key``; ``alone`` when the decision has one)."""
    penal = Penal()
    own = _own(paragraphs, key, alone)
    for p in own:
        if _DECIDES.search(p.text):
            _read_paragraph(p, penal)
    if not penal.charges:
        intro = [p for p in paragraphs if p.part in ("intro", "header") and _CHARGED.search(p.text)]
        for p in intro[:2]:
            for c in find_citations(p):
                if is_charge(c.value) and all(r.cited.value != c.value for r in penal.charges):
                    penal.charges.append(ChargeRead(c))
        penal.from_intro = bool(penal.charges)
    if penal.final is None and len(penal.charges) == 1 and penal.charges[0].sentence is not None:
        penal.final, penal.charges[0].sentence = penal.charges[0].sentence, None
    _join_conditional(own, penal)
    return penal


def _join_conditional(own: Sequence[Paragraph], penal: Penal) -> None:
    """A conditional sentence stated apart from its term («наказание считать условным с испытательным сроком …»)."""
    if penal.final is None or penal.final.value.kind not in _CUSTODIAL:
        return
    for p in own:
        for f in find_punishments(p):
            bare = f.value.kind == "conditional" and f.value.years is None and f.value.months is None
            if bare:
                penal.final = Found(apply_conditional(penal.final.value, f.value), penal.final.paragraph,
                                    penal.final.quote)
                penal.condition = f
                return
