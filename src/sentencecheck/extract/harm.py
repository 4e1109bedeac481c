"""The harm done to each victim, read from a decision's text: death («скончался», «смерть наступила», «причинение
смерти Касымовой Г.Ж.»), the forensic grade of the harm to health («относится к тяжкому вреду здоровью», «не
причинившие вреда здоровью»), a beating (blows with the hands or feet, «физическую боль»), a lasting disability
(«значительной стойкой утраты общей трудоспособности», «инвалидность первой группы», «тетраплегия»), the number of
wounds («18 (восемнадцать) колото-резаных ранений», «не менее семи ударов ножом» → at least 7), the weapon, sexual
violence, sexual harassment and special cruelty the court established.

Only harm to the victim the passage names (or refers to) counts: «у Сарсенбаевой Д.М. (the defendant) обнаружены
кровоподтёки …, не причинившие вреда здоровью» is not the victim's harm, nor are blows the victim dealt the
defendant.  Intent is not harm: «с целью убийства», «умысла на убийство не было», «покушение на убийство» are no
death (the last says the victim lived).  Blows with a blunt object or the hands are a beating or a weapon, never a
count of wounds; a count of wounds comes from the wounds («N ранений») or from blows or shots with a knife, another
sharp object or a firearm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, Literal

from sentencecheck.extract.narrative import (
    Act,
    Parties,
    Party,
    Ref,
    acts,
    bearer,
    can_be_subject,
    clause_at,
    clauses,
    found,
    negated_before,
    object_of,
    refs,
    rx,
    story,
    subject_before,
    within,
)
from sentencecheck.extract.numbers import NUMBER, number_value
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.persons import LETTER, sentence_spans

Severity = Literal["none", "light", "moderate", "grievous"]
Weapon = Literal["none", "knife", "sharp_object", "firearm", "blunt_object", "other"]
"""The same choices as ``sentencecheck.model.case.Severity`` and ``Weapon``."""


@dataclass(frozen=True)
class CountRange:
    """A count known only as a bound (the model's ``CountRange``): «не менее семи ударов» is ``at_least=7``."""

    at_least: int | None = None
    at_most: int | None = None


@dataclass(frozen=True)
class HarmFacts:
    """What the text states about the harm to one victim (the party's id); ``None`` where it states nothing."""

    victim: str
    death: Found[bool] | None = None
    severity: Found[Severity] | None = None
    beating: Found[bool] | None = None
    lasting_disability: Found[bool] | None = None
    wounds: Found[int | CountRange] | None = None
    weapon: Found[Weapon] | None = None
    sexual_violence: Found[bool] | None = None
    sexual_harassment: Found[bool] | None = None
    special_cruelty_established: Found[bool] | None = None

    def stated(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self) if f.name != "victim")


# ----------------------------------------------------------------------------------------------------------- weapons

WEAPONS: tuple[tuple[re.Pattern[str], Weapon], ...] = (
    (rx(r"нож(?:ом|а|у|е|и|ей|ами)?|ножев\w+|кинжал\w*|клин(?:ок|ком|ка)"), "knife"),
    (rx(r"отв[её]ртк\w+|ножниц\w+|шил(?:о|ом)|вилк(?:ой|ою)|заточк\w+|топор\w*|стамеск\w+|осколк(?:ом|ами)|"
        r"колюще-режущ\w+\s+предмет\w+|острым\s+предметом"), "sharp_object"),
    (rx(r"ружь(?:ё|е|я|ю|ём|ем)|пистолет\w*|обрез(?:ом|а)|карабин\w*|винтовк\w+|огнестрельн\w+\s+оружи\w+"),
     "firearm"),
    (rx(r"бутылк(?:ой|ою|ами)|палк(?:ой|ою|ами)|молотк(?:ом|ами)|кувалд(?:ой|ою)|кочерг(?:ой|ою)|бит(?:ой|ою)|"
        r"камн(?:ем|ями)|арматур(?:ой|ою)|труб(?:ой|ою)|табурет(?:ом|кой)|стул(?:ом)|кирпич(?:ом|ами)|"
        r"гантел(?:ью|ями)|сковород(?:ой|кой)|скалк(?:ой)|утюг(?:ом)|дубин(?:ой|кой)|монтировк(?:ой)|лопат(?:ой)|"
        r"тупым\s+(?:твёрдым\s+|твердым\s+)?предметом"), "blunt_object"),
    (rx(r"кислот\w+|кипятк(?:ом)|бензин(?:ом)|в[её]ревк(?:ой|ою)|шнур(?:ом)|удавк(?:ой)"), "other"),
)
_BODY = rx(r"рук(?:ой|ою|ами)|кулак(?:ом|ами)|ладонью|ладонями|ног(?:ой|ою|ами)|локт(?:ем|ями)|колен(?:ом|ями)|"
           r"головой")
"""Blows with the body: a beating, not a weapon."""
_WOUNDING: frozenset[str] = frozenset({"knife", "sharp_object", "firearm"})


_TAKEN = re.compile(r"(?<![а-яё])(?:взял\w*|взяв|схватил\w*|схватив|достал\w*|достав|выхватил\w*|выхватив|"
                    r"вооружил\w*|принёс\w*|принес\w*|зарядил\w*)\s+(?:[^\s.;]+\s+){0,4}$", re.IGNORECASE)
"""A weapon named before the blow is the one used only when the defendant took it up («взяла со стола кухонный нож
и нанесла им …»): a knife lying about, or in the victim's hand, is not."""


def _weapons(text: str, lo: int, hi: int) -> list[tuple[int, Weapon, re.Match[str]]]:
    out = [(m.start(), kind, m) for pattern, kind in WEAPONS for m in pattern.finditer(text, lo, hi)]
    return sorted(out, key=lambda w: w[0])


def _used(text: str, lo: int, verb: int, hi: int) -> list[tuple[int, Weapon, re.Match[str]]]:
    """The weapons of the act whose verb is at ``verb``: named after it, or taken up before it."""
    before = [w for w in _weapons(text, lo, verb) if _TAKEN.search(text, lo, w[0])]
    return before + _weapons(text, verb, hi)


# ------------------------------------------------------------------------------------------------------------ counts

_COUNT = re.compile(
    rf"(?P<q>не\s+менее(?:\s+чем)?\s+|не\s+более\s+|более\s+|свыше\s+)?(?P<n>{NUMBER})\s+"
    rf"(?:[а-яё-]+\s+){{0,2}}?(?P<what>удар(?:а|ов|ом|ами)?|выстрел(?:а|ов|ом|ами)?|ранени(?:е|я|й|ями)|ран(?:ы)?)"
    r"(?![а-яё])",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class _Count:
    value: int | CountRange
    paragraph: Paragraph
    match: re.Match[str]
    victim: Party
    weapon: tuple[Weapon, re.Match[str]] | None


def _count_value(match: re.Match[str]) -> int | CountRange | None:
    number = number_value(match.group("n"))
    if number is None or number < 1 or number != int(number):
        return None
    n = int(number)
    qualifier = (match.group("q") or "").lower()
    if qualifier.startswith("не менее"):
        return CountRange(at_least=n)
    if qualifier.startswith("не более"):
        return CountRange(at_most=n)
    if qualifier:
        return CountRange(at_least=n + 1)
    return n


def _counts(paragraph: Paragraph, parties: Parties) -> list[_Count]:
    """Counted blows, shots and wounds to a victim, each with the weapon named nearest to it."""
    text = paragraph.text
    out: list[_Count] = []
    for s, e in clauses(paragraph):
        matches = [m for m in _COUNT.finditer(text, s, e) if not negated_before(text, m.start(), s)]
        clause_acts = acts(paragraph, parties, s, e)
        for n, match in enumerate(matches):
            value = _count_value(match)
            if value is None:
                continue
            lo = matches[n - 1].end() if n else s
            hi = matches[n + 1].start() if n + 1 < len(matches) else e
            target = _count_target(paragraph, parties, match, clause_acts, hi)
            if target is None or target.party.role != "victim":
                continue
            governing = [a for a in clause_acts if a.start < match.start()]
            near = _used(text, lo, max(lo, governing[-1].start), hi) if governing else _weapons(text, lo, hi)
            weapon = min(near, key=lambda w: abs(w[0] - match.start())) if near else None
            chosen = (weapon[1], weapon[2]) if weapon else None
            if chosen is None and match.group("what").lower().startswith("выстрел"):
                chosen = ("firearm", match)
            out.append(_Count(value, paragraph, match, target.party, chosen))
    return out


def _count_target(paragraph: Paragraph, parties: Parties, match: re.Match[str], clause_acts: Sequence[Act],
                  hi: int) -> Ref | None:
    """Whose blows or wounds: the party named right after the count («один выстрел в грудь Григорьеву С.П.»),
    else the target of the act before it; for wounds found on a body, the bearer."""
    before = [a for a in clause_acts if a.start < match.start()]
    act = before[-1] if before else None
    if act is not None and act.actor is not None and act.actor.party.role == "victim":
        return None  # the victim's blows
    if not match.group("what").lower().startswith("ран"):
        after = [r for r in within(refs(paragraph, parties), match.end(), hi)
                 if act is None or act.actor is None or r.party != act.actor.party]
        if after and not re.search(r"[,;]", paragraph.text[match.end():after[0].start]):
            return after[0]
    if act is not None and act.target is not None:
        return act.target
    return bearer(paragraph, parties, match.start()) if match.group("what").lower().startswith("ран") else None


# ------------------------------------------------------------------------------------------------------------ grades

_GRADES: tuple[tuple[re.Pattern[str], Severity], ...] = (
    (rx(r"тяжк(?:ий|ого|ому|им)\s+вред\w*\s+здоровью"), "grievous"),
    (rx(r"вред\w*\s+здоровью\s+средней\s+тяжести|средней\s+тяжести\s+вред\w*\s+здоровью"), "moderate"),
    (rx(r"л[её]гк(?:ий|ого|ому|им)\s+вред\w*\s+здоровью"), "light"),
)
_GRADED_BY = re.compile(
    r"(?:(?:относ\w+|отнесен\w*)\s+к\s+(?:категории\s+)?|(?:причинил\w*|причинив|причинивш\w+|повлекл\w*|"
    r"повл[её]кш\w+)\s+"
    r"(?:[^\s,;]+\s+){0,6}?|квалифицир\w+\s+как\s+|расценива\w+\s+как\s+)$",
    re.IGNORECASE,
)
"""The forensic grade is stated («относится к тяжкому вреду здоровью», «причинив ей лёгкий вред здоровью»), not an
intent or a charge («решила причинить тяжкий вред», «причинение тяжкого вреда здоровью»)."""
_NO_HARM = rx(r"не\s+причинивш\w+\s+(?:какого-либо\s+)?вреда\s+здоровью|вреда\s+здоровью\s+не\s+причинил\w*|"
              r"вред\w*\s+(?:здоровью\s+)?(?:\S+\s+){0,3}?не\s+причин[её]н\w*|"
              r"телесн\w+\s+повреждени\w+\s+(?:\S+\s+){0,2}?не\s+(?:причинен\w*|причинён\w*|обнаружен\w*)|"
              r"не\s+повл[её]кш\w+\s+последствий,\s+указанных\s+в\s+стать\w+\s+108-1")
_LASTING = rx(r"(?<!не)значительн\w+\s+стойк\w+\s+утрат\w+\s+(?:общей\s+)?трудоспособности|"
              r"стойк\w+\s+утрат\w+\s+(?:общей\s+)?трудоспособности\s+(?:не\s+менее\s+чем\s+на\s+одну\s+треть|"
              r"свыше\s+одной\s+трети)|инвалидност\w+\s+(?:I{1,3}|[123]|первой|второй|третьей)\s+группы|"
              r"(?:установлена|присвоена)\s+(?:\S+\s+){0,2}инвалидност\w+|тетраплеги\w+|параплеги\w+|"
              r"гемиплеги\w+|паралич\w*|парализован\w*")
_PAIN = rx(r"физическ\w+\s+бол\w+")
_BEATING_WORD = rx(r"побо(?:и|ев|ями|ях)")
_BLOW_ACT = rx(r"нан[её]с\w*|нанесл\w+|наносил\w*|нанося|ударил[аи]?|избил[аи]?|пнул[аи]?|нанесени\w+")
_EARLIER = rx(r"ранее(?!\s+(?:не\s*)?знаком)|систематическ\w+|постоянно|регулярно|неоднократно|на\s+протяжении|"
              r"обращал\w+|обратил\w+|заявлени\w+|поступал\w*|привлекал\w+")
"""A clause about what happened before the offence (the history), not the harm of this case."""

_CHARGE_VERSION = rx(r"обвинял(?:ся|ась)\s+в\s+том|органом\s+(?:досудебного|предварительного)\s+(?:расследования|"
                     r"следствия)|по\s+версии\s+(?:стороны\s+)?обвинения")
"""A paragraph telling the charge («Органом досудебного расследования … обвинялся в том, что …»), which the court
may have requalified: its grade of harm counts only where the court states none."""

# ------------------------------------------------------------------------------------------------------------- death

_DEATH_VERB = rx(r"скончал(?:ся|ась|ись)|умер(?:ла|ли)?|погиб(?:ла|ли)?")
_DEATH_NOUN = rx(r"смерт(?:ь|и|ью)|убийств(?:о|а|у|ом|е)|лишени\w+\s+жизни|лишил\w*\s+жизни|труп(?:а|ом|е)?")
_DEATH_CAME = rx(r"смерть\s+(?:\S+\s+){0,2}?наступил\w*|наступил\w*\s+(?:\S+\s+)?смерть")
_NOT_A_DEATH_BEFORE = re.compile(
    rf"(?<![{LETTER}])(?:покушени\w*|приготовлени\w*|умысл\w*|умысел|цел(?:ью|и|ь)|угроз\w*|угрожа\w*|"
    rf"намерени\w*|хотел\w*|желал\w*|пыта\w*|мотив\w*|после|не|ни|без|связанн\w+)(?![{LETTER}])"
    rf"(?:\s+[^\s,;]+){{0,3}}\s*$",
    re.IGNORECASE,
)
"""An intent, an attempt, a threat or a negation before the word: no death («с целью убийства», «покушение на её
убийство», «умысла на убийство», «не связанное с причинением смерти», «после смерти своего отца»)."""
_NOT_A_DEATH_AFTER = re.compile(r"\s*(?:\S+\s+){0,3}?не\s+(?:наступил|было|имел|установлен|хотел)", re.IGNORECASE)
_ATTEMPT_ON_LIFE = rx(r"покушени\w+\s+на\s+(?:\S+\s+)?убийств\w+")
_SPEECH = rx(r"показал\w*|пояснил\w*|просил\w*|заявил\w*|подтвердил\w*|оставил\w*|сообщил\w*|настаивал\w*|"
             r"поддержал\w*|возражал\w*|пояснявш\w+|показавш\w+")
_TESTIMONY_BEFORE = re.compile(r"показани\w+\s+(?:потерпевш\w+|свидетел\w+)\s*$|объяснени\w+\s+потерпевш\w+\s*$",
                               re.IGNORECASE)
_DIED_PRONOUN = re.compile(r"(?<![а-яё])(?:она|он|последн(?:ий|яя)|тот|та)\s+(?:[^\s,;]+\s+){0,2}?$",
                           re.IGNORECASE)
"""«от чего последняя скончалась», «от которых она скончалась»: the victim named before."""
_KILLED_BY_DEFENDANT = re.compile(r"(?:совершил\w*\s+|как\s+)(?:\S+\s+)?$", re.IGNORECASE)
_TWO_PERSONS = rx(r"двух\s+(?:и\s+более\s+)?лиц")

# ------------------------------------------------------------------------------------------------- sexual, cruelty

SEXUAL_VIOLENCE = rx(r"изнасилова\w+|половое\s+сношение\s+(?:\S+\s+){0,3}?(?:против\s+(?:е[её]|его)\s+воли|"
                     r"с\s+применением\s+насилия|с\s+использованием\s+беспомощного)|"
                     r"насильственн\w+\s+действи\w+\s+сексуального\s+характера|"
                     r"действи\w+\s+сексуального\s+характера\s+(?:\S+\s+){0,3}?(?:против\s+(?:е[её]|его)\s+воли|"
                     r"с\s+применением\s+насилия)")
"""Rape and violent sexual acts, attempted ones too («пытался её изнасиловать»)."""
_HARASSMENT = rx(r"сексуального\s+характера|непристойн\w+|домогательств\w+|домогал\w+|"
                 r"интимн\w+\s+(?:мест\w*|част\w+)|ниже\s+пояса|за\s+грудь|ягодиц\w+")
_DENIED = rx(r"добровольн\w+|по\s+взаимному\s+согласию|не\s+совершал\w*|не\s+было")
_CRUELTY = rx(r"особ(?:ой|ая|ую)\s+жестокост\w+|особ\w+\s+мучени\w+|глумлени\w+")
_CRUELTY_DENIED = rx(r"не\s+наш(?:[её]л|ла|ли)|не\s+подтвер\w+|исключ\w+|не\s+установ\w+|не\s+свидетельств\w+|"
                     r"не\s+усматр\w+|отсутств\w+|необоснованн\w+|несостоятельн\w+|доводы|просил\w*|обвинял\w+|"
                     r"органом\s+(?:досудебного|предварительного)|по\s+версии|не\s+может|не\s+является")


# ---------------------------------------------------------------------------------------------------- the readers


@dataclass
class _Draft:
    """What has been found for one victim so far; the first passage found for a field is kept."""

    facts: HarmFacts
    severities: list[tuple[Found[Severity], bool]]
    alive: Found[bool] | None = None
    attempted: bool = False

    def set(self, name: str, value: Found[Any]) -> None:
        if getattr(self.facts, name) is None:
            change: dict[str, Any] = {name: value}
            self.facts = replace(self.facts, **change)


def _grades(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    text = paragraph.text
    for pattern, grade in _GRADES:
        for match in pattern.finditer(text):
            s, _ = clauses(paragraph)[clause_at(paragraph, match.start())]
            lo = max(s, match.start() - 90)
            graded_by = _GRADED_BY.search(text, lo, match.start())
            if graded_by is None or negated_before(text, match.start(), s, 3):
                continue
            start = graded_by.start() if match.start() - graded_by.start() < 40 else match.start()
            _graded(paragraph, parties, drafts, match.start(), (start, match.end()), grade)
    for match in _NO_HARM.finditer(text):
        _graded(paragraph, parties, drafts, match.start(), match.span(), "none")


def _graded(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft], at: int, span: tuple[int, int],
            grade: Severity) -> None:
    """The grade at ``at`` (quoted as ``span``) for the victim who bears it."""
    start, end = span
    who = bearer(paragraph, parties, at)
    if who is not None and who.party.id in drafts:
        charged = _CHARGE_VERSION.search(paragraph.text) is not None
        drafts[who.party.id].severities.append((found(paragraph, grade, start, end), charged))


def _lasting(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    text = paragraph.text
    for match in _LASTING.finditer(text):
        s, _ = clauses(paragraph)[clause_at(paragraph, match.start())]
        if negated_before(text, match.start(), s, 2):
            continue
        who = bearer(paragraph, parties, match.start())
        if who is not None and who.party.id in drafts:
            drafts[who.party.id].set("lasting_disability", found(paragraph, True, match.start(), match.end()))


def _blows(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    """Beatings and weapons from the acts done to a victim by someone other than a victim."""
    text = paragraph.text
    for s, e in clauses(paragraph):
        earlier = _EARLIER.search(text, s, e) is not None
        for act in acts(paragraph, parties, s, e):
            if act.target is None or act.target.party.id not in drafts:
                continue
            if act.actor is not None and act.actor.party.role == "victim":
                continue
            if negated_before(text, act.start, s, 3):
                continue
            draft = drafts[act.target.party.id]
            weapons = _used(text, max(s, act.start - 120), act.start, act.unit_end)
            if weapons and draft.facts.weapon is None:
                _, kind, match = weapons[0]
                draft.set("weapon", found(paragraph, kind, match.start(), match.end()))
            body = _BODY.search(text, act.start, act.unit_end)
            if (body and not earlier and _BLOW_ACT.match(text, act.start) and not weapons):
                draft.set("beating", found(paragraph, True, act.start, body.end()))
        for match in _PAIN.finditer(text, s, e):
            who = bearer(paragraph, parties, match.start())
            if who is not None and who.party.id in drafts and not earlier and not negated_before(
                    text, match.start(), s, 3):
                drafts[who.party.id].set("beating", found(paragraph, True, match.start(), match.end()))
        for match in _BEATING_WORD.finditer(text, s, e):
            actor, target = object_of(paragraph, parties, match.start())
            if target is not None and target.party.role == "victim" and target.party.id in drafts and not earlier \
                    and not negated_before(text, match.start(), s, 3) and \
                    (actor is None or actor.party.role == "defendant"):
                drafts[target.party.id].set("beating", found(paragraph, True, match.start(), match.end()))


def _wounds(counts: Sequence[_Count], drafts: dict[str, _Draft]) -> None:
    """The count of wounds: the wounds found («18 колото-резаных ранений»), else the first count of blows or shots
    with a wounding weapon; the weapon named with a count comes first."""
    for victim, draft in drafts.items():
        own = [c for c in counts if c.victim.id == victim]
        wounds = [c for c in own if c.match.group("what").lower().startswith("ран")]
        blows = [c for c in own if c not in wounds and c.weapon is not None and c.weapon[0] in _WOUNDING]
        chosen = next(iter(wounds or blows), None)
        if chosen is not None:
            draft.set("wounds", found(chosen.paragraph, chosen.value, chosen.match.start(), chosen.match.end()))
        armed = next((c for c in own if c.weapon is not None), None)
        if armed is not None and armed.weapon is not None:
            kind, match = armed.weapon
            start, end = min(match.start(), armed.match.start()), max(match.end(), armed.match.end())
            draft.facts = replace(draft.facts, weapon=found(armed.paragraph, kind, start, end))


def _deaths(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    text = paragraph.text
    all_refs = refs(paragraph, parties)
    for ref in all_refs:
        if ref.kind == "role" and text[ref.start:ref.end].lower().startswith("погибш") and ref.party.id in drafts:
            drafts[ref.party.id].set("death", found(paragraph, True, ref.start, ref.end))
    for pattern in (_DEATH_VERB, _DEATH_CAME, _DEATH_NOUN):
        for match in pattern.finditer(text):
            s, e = clauses(paragraph)[clause_at(paragraph, match.start())]
            if _NOT_A_DEATH_BEFORE.search(text[s:match.start()]) or _NOT_A_DEATH_AFTER.match(text, match.end()):
                continue
            for who in _dead(paragraph, parties, pattern, match, s, e):
                if who.id in drafts:
                    start = min([match.start()] + [r.start for r in all_refs if r.party == who and
                                                   s <= r.start < match.start() and match.start() - r.end < 160])
                    if start == match.start() and match.start() - s < 120:
                        start = s  # «Сарсенбаева Д.М. совершила убийство»: the clause says whose act it was
                    drafts[who.id].set("death", found(paragraph, True, start, match.end()))


def _dead(paragraph: Paragraph, parties: Parties, pattern: re.Pattern[str], match: re.Match[str], s: int,
          e: int) -> list[Party]:
    """Who died, per the form of the death word."""
    text = paragraph.text
    all_refs = refs(paragraph, parties)
    if pattern is _DEATH_VERB:
        if match.group(0).lower().endswith(("ись", "ли")):
            lo = max([s] + [s + m.end() for m in re.finditer(r"[,;]", text[s:match.start()])])
            subjects = [r.party for r in within(all_refs, lo, match.start()) if r.party.role == "victim"]
            return subjects or _dead_by_bearer(paragraph, parties, match.start())
        subject = subject_before(paragraph, all_refs, s, match.start())
        pronoun = _DIED_PRONOUN.search(text, s, match.start())
        if pronoun is not None and (subject is None or subject.end <= pronoun.start()):
            named = [r for r in within(all_refs, s, pronoun.start()) if r.party.role == "victim"]
            return [named[-1].party] if named else _dead_by_bearer(paragraph, parties, match.start())
        if subject is not None:
            return [subject.party] if subject.party.role == "victim" else []
        return _dead_by_bearer(paragraph, parties, match.start()) if not within(all_refs, s, e) else []
    if pattern is _DEATH_CAME:
        return _dead_by_bearer(paragraph, parties, match.start())
    named_after = [r for r in within(all_refs, match.end(), min(e, match.end() + 60))
                   if re.fullmatch(r"\s+(?:(?:сво\w+|его|е[её])\s+)?(?:[а-яё]+\s+)?", text[match.end():r.start])]
    if named_after:
        return [named_after[0].party] if named_after[0].party.role == "victim" else []
    if match.group(0).lower().startswith("убийств") and _KILLED_BY_DEFENDANT.search(text[s:match.start()]):
        subject = subject_before(paragraph, all_refs, s, match.start())
        if subject is None or subject.party.role == "defendant":
            victims = parties.with_role("victim")
            if len(victims) == 1:
                return list(victims)
            if _TWO_PERSONS.match(text, match.end() + 1) and len(victims) == 2:
                return list(victims)
    return []


def _dead_by_bearer(paragraph: Paragraph, parties: Parties, pos: int) -> list[Party]:
    who = bearer(paragraph, parties, pos)
    return [who.party] if who is not None and who.party.role == "victim" else []


def _alive(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    """A victim who testified or spoke in court, or the victim of an attempt on life, lived."""
    text = paragraph.text
    all_refs = refs(paragraph, parties)
    for ref in all_refs:
        if ref.party.id not in drafts or drafts[ref.party.id].alive is not None:
            continue
        if text[ref.start:ref.end].lower().startswith("погибш"):
            continue
        s, e = clauses(paragraph)[clause_at(paragraph, ref.start)]
        speech = _SPEECH.search(text, ref.end, min(e, ref.end + 60))
        spoke = speech is not None and can_be_subject(text, ref) and not re.search(
            r"[.;]", text[ref.end:speech.start()])
        if spoke and speech is not None:
            drafts[ref.party.id].alive = found(paragraph, False, ref.start, speech.end())
        elif _TESTIMONY_BEFORE.search(text[max(0, ref.start - 60):ref.start]):
            start = _TESTIMONY_BEFORE.search(text[max(0, ref.start - 60):ref.start])
            assert start is not None
            drafts[ref.party.id].alive = found(paragraph, False, max(0, ref.start - 60) + start.start(), ref.end)
    for match in _ATTEMPT_ON_LIFE.finditer(text):
        _, target = object_of(paragraph, parties, match.start())
        only = parties.only("victim")
        who = target.party if target is not None and target.party.role == "victim" else only
        if who is not None and who.id in drafts and not drafts[who.id].attempted:
            drafts[who.id].alive = found(paragraph, False, match.start(), match.end())
            drafts[who.id].attempted = True


def _sexual(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    text = paragraph.text
    for pattern, name in ((SEXUAL_VIOLENCE, "sexual_violence"), (_HARASSMENT, "sexual_harassment")):
        for match in pattern.finditer(text):
            s, e = clauses(paragraph)[clause_at(paragraph, match.start())]
            if negated_before(text, match.start(), s, 2) or _DENIED.search(text, s, e):
                continue
            if name == "sexual_harassment" and re.search(r"насильственн\w+\s+(?:\S+\s+)?$", text[s:match.start()]):
                continue
            actor, target = object_of(paragraph, parties, match.start())
            if actor is not None and actor.party.role == "victim":
                continue
            if target is None or target.party.id not in drafts:
                continue
            drafts[target.party.id].set(name, found(paragraph, True, match.start(), match.end()))


def _cruelty(paragraph: Paragraph, parties: Parties, drafts: dict[str, _Draft]) -> None:
    if paragraph.part != "reasoning":
        return
    text = paragraph.text
    for match in _CRUELTY.finditer(text):
        s, e = clauses(paragraph)[clause_at(paragraph, match.start())]
        sentence = next((a, b) for a, b in sentence_spans(text) if a <= match.start() < b)
        if _CRUELTY_DENIED.search(text, sentence[0], sentence[1]):
            continue
        named = [r.party for r in within(refs(paragraph, parties), sentence[0], sentence[1])
                 if r.party.role == "victim" and r.kind == "name"]
        only = parties.only("victim")
        victims = list(dict.fromkeys(named)) or ([only] if only is not None else [])
        for victim in victims:
            if victim.id in drafts:
                drafts[victim.id].set("special_cruelty_established",
                                      found(paragraph, True, match.start(), match.end()))


def find_harm(paragraphs: Sequence[Paragraph], parties: Parties) -> list[HarmFacts]:
    """The harm to each victim the text states something about, in the order of ``parties.victims``."""
    drafts = {v.id: _Draft(HarmFacts(v.id), []) for v in parties.with_role("victim")}
    counts: list[_Count] = []
    chosen = story(paragraphs)
    for paragraph in chosen:
        _grades(paragraph, parties, drafts)
        _lasting(paragraph, parties, drafts)
        _deaths(paragraph, parties, drafts)
        _alive(paragraph, parties, drafts)
        _sexual(paragraph, parties, drafts)
        _cruelty(paragraph, parties, drafts)
        _blows(paragraph, parties, drafts)
        counts += _counts(paragraph, parties)
    _wounds(counts, drafts)
    out: list[HarmFacts] = []
    for draft in drafts.values():
        _settle(draft)
        if draft.facts.stated():
            out.append(draft.facts)
    return out


_ORDER: dict[str, int] = {"none": 0, "light": 1, "moderate": 2, "grievous": 3}


def _settle(draft: _Draft) -> None:
    """The gravest grade stated (several episodes), the charge's version only where the court states none; a victim
    graded below grievous, or who spoke in court, or whose life was attempted, is alive; sexual violence is not also
    harassment."""
    if draft.severities:
        court = [f for f, charged in draft.severities if not charged]
        gravest = max(court or [f for f, _ in draft.severities], key=lambda f: _ORDER[f.value])
        draft.facts = replace(draft.facts, severity=gravest)
        if draft.facts.death is None and gravest.value != "grievous" and draft.alive is None:
            draft.alive = Found(False, gravest.paragraph, gravest.quote)
    if draft.facts.death is None and draft.alive is not None and (draft.attempted or draft.facts.stated()):
        draft.facts = replace(draft.facts, death=draft.alive)  # a party who only spoke in court: no harm stated
    if draft.facts.sexual_violence is not None and draft.facts.sexual_harassment is not None:
        draft.facts = replace(draft.facts, sexual_harassment=None)
