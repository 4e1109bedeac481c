"""What happened before the offence, read from a decision's text: earlier violence between the parties
(«супруг на протяжении шести лет систематически избивал её»), complaints to the police and what the police did
(«12.02.2022 г. и 03.06.2022 г. от Сарсенбаевой Д.М. поступали заявления …, по которым меры не принимались»),
protective orders («15.01.2025 г. в отношении Нургалиева Д.А. вынесено защитное предписание», «вопреки защитному
предписанию»), earlier administrative penalties («постановлением … от 14.11.2020 г. … привлекался к административной
ответственности по ч. 1-1 ст. 73-1 КоАП РК и был подвергнут административному аресту сроком на 2 (двое) суток»).

Only complaints by a party against the other party count (a witness's complaint, or one about someone else, is
not the parties' history); a statement that there were none («В полицию она не обращалась», «ранее к
административной ответственности не привлекался») is read as such.  Who did what to whom is read from the names,
else from the person testifying («потерпевшая … показала, что супруг … избивал её»), else, in a case of one
defendant and one victim, as the other of the two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from sentencecheck.extract.citations import Cited, find_citations
from sentencecheck.extract.dates import find_dates
from sentencecheck.extract.narrative import (
    Parties,
    Party,
    antecedent,
    can_be_subject,
    clauses,
    found,
    negated_before,
    quote,
    refs,
    rx,
    story,
    subject_before,
    within,
)
from sentencecheck.extract.numbers import NUMBER, number_value
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.punishments import Punishment, find_punishments

PoliceAction = Literal["none", "refused", "archived", "warning", "protective_order", "administrative_case",
                       "criminal_case", "unknown"]
"""The same choices as ``sentencecheck.model.case.PoliceAction``."""


@dataclass(frozen=True)
class AbuseFacts:
    """Violence by one party against another before the offence (``occurred`` false: the text says there was
    none)."""

    by: str
    against: str
    occurred: Found[bool]
    systematic: Found[bool] | None = None
    years: Found[float] | None = None


@dataclass(frozen=True)
class ComplaintFacts:
    """One complaint to the police: who complained about whom, when, and what the police did."""

    by: str
    against: str
    passage: Found[str]
    date: Found[date] | None = None
    police_action: Found[PoliceAction] | None = None


@dataclass(frozen=True)
class ProtectiveOrderFacts:
    against: str
    passage: Found[str]
    date: Found[date] | None = None
    violated: Found[bool] | None = None
    violation_penalised: Found[bool] | None = None


@dataclass(frozen=True)
class AdminPenaltyFacts:
    against: str
    passage: Found[str]
    date: Found[date] | None = None
    article: Found[Cited] | None = None
    penalty: Found[Punishment] | None = None


@dataclass(frozen=True)
class HistoryFacts:
    """What the text states of the time before the offence.  An empty list with its ``*_none`` passage: the text
    says there were none; an empty list without it: the text says nothing."""

    abuse: list[AbuseFacts]
    police_complaints: list[ComplaintFacts]
    police_complaints_none: Found[bool] | None
    protective_orders: list[ProtectiveOrderFacts]
    admin_penalties: list[AdminPenaltyFacts]
    admin_penalties_none: Found[bool] | None
    complaint_investigated: Found[bool] | None


# ------------------------------------------------------------------------------------------------------- the words

_ABUSE = rx(r"избивал[аи]?|бил[аи]?|избива(?:ет|ют|я)|применял[аи]?\s+(?:к\s+\S+\s+)?(?:физическое\s+)?насилие|"
            r"наносил[аи]?\s+(?:\S+\s+)?побои|издевал(?:ся|ась)")
_EARLIER = rx(r"систематическ\w+|постоянно|регулярно|неоднократно|на\s+протяжении|"
              r"в\s+течение\s+(?:\S+\s+){0,2}(?:лет|года|месяц\w*)|ранее|раньше|после\s+свадьбы|"
              r"с\s+начала\s+совместной|годами|часто|периодически|никогда")
_SYSTEMATIC = rx(r"систематическ\w+|постоянно|регулярно")
_YEARS = re.compile(rf"(?:на\s+протяжении|в\s+течение)\s+(?P<n>{NUMBER})\s+(?:лет|года|год)(?![а-яё])",
                    re.IGNORECASE | re.VERBOSE)
_RELATION = rx(r"супруг\w*|муж(?:а|у|ем|е)?|жен(?:а|ы|е|у|ой)|сожител\w*|бывш\w+|член\w*\s+семьи|"
               r"на\s+(?:его|е[её])\s+действия|к\s+нему|к\s+ней|на\s+него|на\s+не[её]")
_OBJECT = rx(r"е[её]|его|меня|ей|ему|неё|нее|него")
_SPEECH = rx(r"показал\w*|пояснил\w*|сообщил\w*|утверждал\w*|заявил\w*")
_VIOLENCE = rx(r"побо\w+|избиени\w+|избива\w+|насили\w+|вред\w*\s+здоровью|телесн\w+\s+повреждени\w+")

_COMPLAINED = rx(r"обращал(?:ся|ась|ись)|обратил(?:ся|ась|ись)|поступал[аио]?|поступил[аио]?|подавал[аи]?|"
                 r"подал[аи]?|по\s+(?:е[её]\s+|его\s+)?заявлению")
_POLICE = rx(r"полици\w+|ОП|ОВД|РОВД|УВД|ДП|УП|участков\w+|органы\s+внутренних\s+дел|органов\s+внутренних\s+дел|"
             r"правоохранительн\w+|дежурн\w+\s+част\w+|защитн\w+\s+предписани\w+")
_COMPLAINT_WORD = rx(r"заявлени\w+|сообщени\w+|обращени\w+|жалоб\w+|обращал\w+|обратил\w+")
_FROM = re.compile(r"(?:от|по\s+заявлению)\s+$", re.IGNORECASE)
_ACTIONS: tuple[tuple[re.Pattern[str], PoliceAction], ...] = (
    (rx(r"мер\w*\s+(?:\S+\s+){0,3}?не\s+(?:принимал\w*|принят\w*|принял\w*)|не\s+принял\w*\s+(?:никаких\s+)?мер|"
        r"никаких\s+мер|оставлен\w*\s+без\s+(?:внимания|реагирования)|бездейств\w+"), "none"),
    (rx(r"отказа\w*\s+в\s+(?:регистрации|возбуждении|при[её]ме)|отказано"), "refused"),
    (rx(r"защитн\w+\s+предписани\w+"), "protective_order"),
    (rx(r"протокол\w*\s+об\s+административном|к\s+административной\s+ответственности|административн\w+\s+дел\w*"),
     "administrative_case"),
    (rx(r"уголовн\w+\s+дел\w*|досудебн\w+\s+расследовани\w+|ЕРДР"), "criminal_case"),
    (rx(r"списан\w*|прекращен\w*\s+за\s+отсутствием|оставлен\w*\s+без\s+рассмотрения|номенклатурн\w+\s+дел\w*"),
     "archived"),
    (rx(r"предупреждени\w+|предупрежд[её]н\w*|профилактическ\w+\s+бесед\w+"), "warning"),
)
"""What the police did, as the text words it; the first that fits wins («отказано в возбуждении уголовного дела» is a
refusal, not a criminal case)."""
_NONE_COMPLAINED = rx(r"не\s+обращал(?:ся|ась|ись)|не\s+обращавш\w+|(?:заявлени|обращени|жалоб)\w*\s+(?:\S+\s+){0,12}?"
                      r"не\s+поступал\w*")

_ORDER = rx(r"защитн\w+\s+предписани\w+")
_ISSUED = rx(r"вынесен\w*|выдан\w*|применен\w*|установлен\w*|предписани\w+\s+от")
_VIOLATED = rx(r"вопреки\s+защитн\w+\s+предписани\w+|в\s+нарушение\s+(?:\S+\s+)?защитн\w+\s+предписани\w+|"
               r"нарушил\w*\s+(?:\S+\s+){0,3}?защитн\w+|"
               r"нарушени\w+\s+(?:\S+\s+){0,2}?защитн\w+|не\s+исполнил\w*\s+(?:\S+\s+){0,2}?защитн\w+|"
               r"нарушил\w*\s+(?:его|е[её]|данное\s+предписание|указанное\s+предписание|"
               r"(?:требования|условия)\s+предписания)")
_PENALISED = re.compile(r"(?:привлеч|привлек|подвергнут)\w*\s+(?:\S+\s+){0,4}?за\s+нарушение\s+(?:\S+\s+)?защитн|"
                        r"за\s+нарушение\s+(?:\S+\s+)?защитн\w+\s+предписани\w+\s+(?:\S+\s+){0,4}?(?:привлеч|привлек|"
                        r"подвергнут)|ст(?:\.|ать\w+)\s*461\s+КоАП", re.IGNORECASE)
_NOT_PENALISED = re.compile(r"за\s+нарушение\s+(?:\S+\s+)?защитн\w+\s+предписани\w+\s+(?:\S+\s+){0,4}?не\s+"
                            r"(?:привлекал|привлеч)|не\s+(?:привлекал|привлеч)\w*\s+(?:\S+\s+){0,4}?за\s+нарушение\s+"
                            r"(?:\S+\s+)?защитн", re.IGNORECASE)

_PENALTY = rx(r"привлекал(?:ся|ась)\s+к\s+административной\s+ответственности|"
              r"привлеч[её]н\w*\s+к\s+административной\s+ответственности|"
              r"подвергнут\w*\s+административн\w+\s+(?:аресту|штрафу|взысканию)|подвергал(?:ся|ась)\s+административн\w+")
_NO_PENALTY = rx(r"к\s+административной\s+ответственности\s+не\s+(?:привлекал\w*|привлекавш\w+)|"
                 r"не\s+(?:привлекал(?:ся|ась)|привлекавш\w+)\s+к\s+административной\s+ответственности|"
                 r"административных\s+взысканий\s+не\s+имеет")
_DECIDED_ON = re.compile(r"(?:постановлени\w+|решени\w+)\s+(?:[^,;]*?\s+)?от\s+$", re.IGNORECASE)

_NOT_INVESTIGATED = rx(r"(?:проверк\w+|расследовани\w+)\s+(?:по\s+\S+\s+заявлени\w+\s+)?не\s+(?:проводил\w*|"
                       r"проведен\w*|начат\w*)|заявлени\w+\s+(?:\S+\s+){0,3}?не\s+(?:было\s+)?(?:зарегистрирован\w*|"
                       r"рассмотрен\w*)")
_INVESTIGATED = rx(r"по\s+(?:е[её]|его|данному)\s+заявлению\s+(?:\S+\s+){0,3}?(?:возбуждено\s+уголовное\s+дело|"
                   r"начато\s+досудебное\s+расследование)")


# ------------------------------------------------------------------------------------------------------ the parties


def _speaker(paragraph: Paragraph, parties: Parties, pos: int) -> Party | None:
    """The party whose testimony the paragraph gives at ``pos`` («потерпевшая Тлеубаева А.С. показала, что …»)."""
    text = paragraph.text
    for ref in refs(paragraph, parties):
        if ref.start >= pos:
            break
        speech = _SPEECH.search(text, ref.end, min(pos, ref.end + 80))
        if speech is not None and can_be_subject(text, ref) and not re.search(r"[.;]", text[ref.end:speech.start()]):
            return ref.party
    return None


def _pronoun_party(paragraph: Paragraph, parties: Parties, pos: int, exclude: Party | None) -> Party | None:
    """Who «она», «его», «её» at ``pos`` is: the person testifying, else the last other party named before."""
    speaker = _speaker(paragraph, parties, pos)
    if speaker is not None and speaker != exclude:
        return speaker
    ref = antecedent(paragraph, parties, pos, exclude)
    return ref.party if ref is not None else None


def _dates(paragraph: Paragraph, lo: int, hi: int) -> list[tuple[int, Found[date]]]:
    """The dates in ``lo:hi`` with their offsets; a document's date («протоколом … от 19.09.2022 г.») and a birth
    date are left out, a complaint's («заявлением от 12.02.2022 г.») is kept."""
    text = paragraph.text
    out: list[tuple[int, Found[date]]] = []
    at = 0
    for day in find_dates(paragraph):
        start = text.find(day.quote, at)
        at = start + len(day.quote)
        if not lo <= start < hi:
            continue
        before = text[max(lo, start - 60):start]
        if re.search(r"(?<![а-яё])от\s*$", before, re.IGNORECASE) and not re.search(
                r"(?:заявлени|обращени|сообщени|предписани)\w*\s+(?:[^\s,;]+\s+){0,3}?от\s*$", before, re.IGNORECASE):
            continue
        if re.match(r"\s*(?:года\s+рождения|г\.\s?р\.?)", text[at:at + 20], re.IGNORECASE):
            continue
        out.append((start, day))
    return out


# ----------------------------------------------------------------------------------------------------------- abuse


@dataclass
class _Abuse:
    by: Party
    against: Party
    occurred: Found[bool]
    systematic: Found[bool] | None = None
    years: Found[float] | None = None


def _abuse(paragraph: Paragraph, parties: Parties) -> list[_Abuse]:
    text = paragraph.text
    out: list[_Abuse] = []
    for s, e in clauses(paragraph):
        if not _EARLIER.search(text, s, e):
            continue
        for verb in _ABUSE.finditer(text, s, e):
            pair = _who_to_whom(paragraph, parties, s, e, verb.start(), verb.end())
            if pair is None:
                continue
            by, against = pair
            negated = negated_before(text, verb.start(), s, 2)
            occurred = found(paragraph, not negated, s, verb.end())
            systematic = _SYSTEMATIC.search(text, s, e)
            years = _YEARS.search(text, s, e)
            count = number_value(years.group("n")) if years else None
            out.append(_Abuse(
                by, against, occurred,
                found(paragraph, True, systematic.start(), verb.end()) if systematic and not negated else None,
                found(paragraph, count, years.start(), years.end()) if years and count is not None and not negated
                else None))
    return out


def _who_to_whom(paragraph: Paragraph, parties: Parties, s: int, e: int, start: int,
                 end: int) -> tuple[Party, Party] | None:
    """The doer and the one it was done to, for the verb at ``start:end``."""
    text = paragraph.text
    all_refs = refs(paragraph, parties)
    subject = subject_before(paragraph, all_refs, s, start)
    by = subject.party if subject is not None else None
    after = [r for r in within(all_refs, end, e) if by is None or r.party != by]
    against = after[0].party if after else None
    if against is None and _OBJECT.match(text, end + 1):
        against = _pronoun_party(paragraph, parties, start, by)
    if by is None and against is not None:
        by = parties.other(against)
    if against is None and by is not None:
        against = parties.other(by)
    if by is None or against is None or by == against:
        return None
    return by, against


def _merged(found_abuse: Sequence[_Abuse]) -> list[AbuseFacts]:
    """One entry per direction: it occurred if any passage says so; the first passage stating each detail."""
    out: dict[tuple[str, str], AbuseFacts] = {}
    for a in found_abuse:
        key = (a.by.id, a.against.id)
        old = out.get(key)
        if old is None:
            out[key] = AbuseFacts(a.by.id, a.against.id, a.occurred, a.systematic, a.years)
            continue
        out[key] = replace(
            old, occurred=old.occurred if old.occurred.value or not a.occurred.value else a.occurred,
            systematic=old.systematic or a.systematic, years=old.years or a.years)
    return list(out.values())


# ------------------------------------------------------------------------------------------------------ complaints


def _complaints(paragraph: Paragraph, parties: Parties) -> tuple[list[ComplaintFacts], Found[bool] | None,
                                                                   list[_Abuse]]:
    text = paragraph.text
    complaints: list[ComplaintFacts] = []
    none: Found[bool] | None = None
    abuse: list[_Abuse] = []
    for s, e in clauses(paragraph):
        if not _POLICE.search(text, s, e) or not _COMPLAINT_WORD.search(text, s, e):
            continue
        denial = _NONE_COMPLAINED.search(text, s, e)
        if denial is not None:
            none = none or found(paragraph, True, s, e)
            continue
        verb = _COMPLAINED.search(text, s, e)
        if verb is None:
            continue
        by = _complainant(paragraph, parties, s, e, verb.start(), verb.end())
        if by is None:
            continue
        against = _complained_of(paragraph, parties, s, e, by)
        if against is None:
            continue
        action = _action(paragraph, verb.start(), e)
        days = _dates(paragraph, s, e)
        passage = found(paragraph, quote(paragraph, s, e), s, e)
        dated: list[Found[date] | None] = [d for _, d in days]
        for day in dated or [None]:
            complaints.append(ComplaintFacts(by.id, against.id, passage, day, action))
        if _VIOLENCE.search(text, s, e):
            abuse.append(_Abuse(against, by, found(paragraph, True, s, e)))
    return complaints, none, abuse


def _complainant(paragraph: Paragraph, parties: Parties, s: int, e: int, start: int, end: int) -> Party | None:
    text = paragraph.text
    all_refs = refs(paragraph, parties)
    for ref in within(all_refs, s, e):
        if _FROM.search(text[max(s, ref.start - 20):ref.start]):
            return ref.party  # «от Сарсенбаевой Д.М. поступали заявления», «по заявлению Оспановой А.Б.»
    subject = subject_before(paragraph, all_refs, s, start)
    if subject is not None:
        return subject.party
    if re.search(r"(?:она|он)\s+(?:\S+\s+){0,2}$", text[s:start], re.IGNORECASE):
        return _pronoun_party(paragraph, parties, start, None)
    return None


def _complained_of(paragraph: Paragraph, parties: Parties, s: int, e: int, by: Party) -> Party | None:
    """The other party, named in the clause or (one defendant, one victim) referred to by a relation word or
    pronoun («о нанесении ей побоев супругом», «на действия супруга», «никаких мер к нему»)."""
    named = [r.party for r in within(refs(paragraph, parties), s, e) if r.party != by]
    if named:
        return named[0]
    if _RELATION.search(paragraph.text, s, e):
        return parties.other(by)
    return None


def _action(paragraph: Paragraph, start: int, end: int) -> Found[PoliceAction] | None:
    text = paragraph.text
    for pattern, action in _ACTIONS:
        match = pattern.search(text, start, end)
        if match is not None:
            return found(paragraph, action, match.start(), match.end())
    return None


def _dated_first(complaints: Sequence[ComplaintFacts]) -> list[ComplaintFacts]:
    """Complaints told again without a date («она неоднократно обращалась …») are dropped where the text dates that
    party's complaints against the other; dated ones are kept once per date."""
    dated = {(c.by, c.against) for c in complaints if c.date is not None}
    out: list[ComplaintFacts] = []
    seen: set[tuple[str, str, date | None]] = set()
    for c in complaints:
        if c.date is None and (c.by, c.against) in dated:
            continue
        key = (c.by, c.against, c.date.value if c.date else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


# -------------------------------------------------------------------------------------------- orders and penalties


def _orders(paragraph: Paragraph, parties: Parties) -> list[ProtectiveOrderFacts]:
    text = paragraph.text
    out: list[ProtectiveOrderFacts] = []
    for s, e in clauses(paragraph):
        if _ORDER.search(text, s, e):
            against = _order_against(paragraph, parties, s, e)
            if against is None:
                continue
            violated = _VIOLATED.search(text, s, e)
            penalised = _PENALISED.search(text, s, e)
            spared = _NOT_PENALISED.search(text, s, e)
            issued = _ISSUED.search(text, s, e)
            stop = min(violated.start() if violated else e, issued.end() + 40 if issued else s)
            days = _dates(paragraph, s, stop)  # the order's date: before the words of its issue, not its breach
            out.append(ProtectiveOrderFacts(
                against.id, found(paragraph, quote(paragraph, s, e), s, e), days[0][1] if days else None,
                found(paragraph, True, violated.start(), violated.end()) if violated else None,
                found(paragraph, False, spared.start(), spared.end()) if spared else
                found(paragraph, True, penalised.start(), penalised.end()) if penalised else None))
    return out


def _order_against(paragraph: Paragraph, parties: Parties, s: int, e: int) -> Party | None:
    text = paragraph.text
    for ref in within(refs(paragraph, parties), s, e):
        if re.search(r"в\s+отношении\s+$", text[max(s, ref.start - 15):ref.start], re.IGNORECASE):
            return ref.party
    return parties.only("defendant")


def _orders_merged(orders: Sequence[ProtectiveOrderFacts]) -> list[ProtectiveOrderFacts]:
    """One entry per order: mentions with the same date are one order; a mention without a date (its breach) is
    the latest dated order against that party, or an order of its own."""
    out: list[ProtectiveOrderFacts] = []
    for order in orders:
        same = next((o for o in reversed(out) if o.against == order.against and (
            order.date is None or o.date is None or o.date.value == order.date.value)), None)
        if same is None:
            out.append(order)
            continue
        out[out.index(same)] = replace(same, date=same.date or order.date, violated=same.violated or order.violated,
                                       violation_penalised=same.violation_penalised or order.violation_penalised)
    return out


def _penalties(paragraph: Paragraph, parties: Parties) -> tuple[list[AdminPenaltyFacts], Found[bool] | None,
                                                                 list[_Abuse]]:
    text = paragraph.text
    out: list[AdminPenaltyFacts] = []
    none: Found[bool] | None = None
    abuse: list[_Abuse] = []
    for s, e in clauses(paragraph):
        denial = _NO_PENALTY.search(text, s, e)
        if denial is not None:
            none = none or found(paragraph, True, denial.start(), denial.end())
            continue
        match = _PENALTY.search(text, s, e)
        if match is None or negated_before(text, match.start(), s, 1):
            continue
        days = _dates(paragraph, s, e)
        decided = [d for _, d in _dates_with_documents(paragraph, s, e)]
        if match.group(0).lower().startswith(("привлеч", "подвергнут")) and not days and not decided and \
                not re.search(r"ранее", text[s:e], re.IGNORECASE):
            continue  # this case's penalty, not an earlier one
        subject = subject_before(paragraph, refs(paragraph, parties), s, match.start())
        against = subject.party if subject is not None else parties.only("defendant")
        if against is None:
            continue
        article = next((c for c in find_citations(paragraph) if s <= c.value.at < e and c.value.code == "CAO"), None)
        penalty = next((p for p in find_punishments(paragraph) if s <= p.value.at < e), None)
        day = decided[0] if decided else days[0][1] if days else None
        out.append(AdminPenaltyFacts(against.id, found(paragraph, quote(paragraph, s, e), s, e), day, article,
                                     penalty))
        other = parties.other(against)
        if other is not None and _VIOLENCE.search(text, s, e) and _RELATION.search(text, s, e):
            abuse.append(_Abuse(against, other, found(paragraph, True, s, e)))  # «за причинение … вреда … супруге»
    return out, none, abuse


def _dates_with_documents(paragraph: Paragraph, s: int, e: int) -> list[tuple[int, Found[date]]]:
    """The dates of decisions in ``s:e`` («постановлением … суда … от 14.11.2020 г.»)."""
    text = paragraph.text
    out: list[tuple[int, Found[date]]] = []
    at = 0
    for day in find_dates(paragraph):
        start = text.find(day.quote, at)
        at = start + len(day.quote)
        if s <= start < e and _DECIDED_ON.search(text[max(s, start - 120):start]):
            out.append((start, day))
    return out


def _investigated(paragraph: Paragraph) -> Found[bool] | None:
    for pattern, value in ((_NOT_INVESTIGATED, False), (_INVESTIGATED, True)):
        match = pattern.search(paragraph.text)
        if match is not None:
            return found(paragraph, value, match.start(), match.end())
    return None


# ------------------------------------------------------------------------------------------------------ the reader


def find_history(paragraphs: Sequence[Paragraph], parties: Parties) -> HistoryFacts:
    """What the text states of the parties' history before the offence."""
    abuse: list[_Abuse] = []
    complaints: list[ComplaintFacts] = []
    orders: list[ProtectiveOrderFacts] = []
    penalties: list[AdminPenaltyFacts] = []
    no_complaints: Found[bool] | None = None
    no_penalties: Found[bool] | None = None
    investigated: Found[bool] | None = None
    for paragraph in story(paragraphs):
        abuse += _abuse(paragraph, parties)
        found_complaints, none, complaint_abuse = _complaints(paragraph, parties)
        complaints += found_complaints
        abuse += complaint_abuse
        no_complaints = no_complaints or none
        orders += _orders(paragraph, parties)
        found_penalties, none, penalty_abuse = _penalties(paragraph, parties)
        penalties += found_penalties
        abuse += penalty_abuse
        no_penalties = no_penalties or none
        investigated = investigated or _investigated(paragraph)
    complaints = _dated_first(complaints)
    return HistoryFacts(
        abuse=_merged(abuse),
        police_complaints=complaints,
        police_complaints_none=None if complaints else no_complaints,
        protective_orders=_orders_merged(orders),
        admin_penalties=penalties,
        admin_penalties_none=None if penalties else no_penalties,
        complaint_investigated=investigated,
    )

