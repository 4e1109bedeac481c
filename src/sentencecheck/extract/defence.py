"""Self-defence, read from a decision's text: whether the defendant claimed it («Защитник просил переквалифицировать
действия подсудимой на ст. 102 УК РК, поскольку она защищалась от посягательства супруга»), the facts of the
victim's attack (under way when the defendant acted: «В ответ на указанные действия …»; sexual: «пытался совершить с
ней половое сношение против её воли»; unarmed: «Потерпевший был безоружен»), what the defendant used, and how the
court dealt with it (examined CC 32 or CC 102; its finding).

The court's finding is read only where the text leaves no doubt:

- ``excess``: the court finds the limits exceeded («превысил пределы необходимой обороны») or qualifies the act under
  CC 102 (murder when exceeding the limits of necessary defence) or CC 112 (grave harm when exceeding them);
- ``lawful_defence``: the court finds the defendant acted within necessary defence;
- (examined CC 102: the court cites it, or discusses the excess of defence in a case where the attacker died);
- ``no_defence_situation``: the court rejects both necessary defence and its excess (CC 102 or «превышение
  пределов»), or says there was no attack («посягательства не было»).  A court that rejects necessary defence only
  because there was no «real threat to life» has not said there was no attack (that bears on the excess, CC 32(3)):
  unless it also rejects the excess, the finding is left unknown.

The court's statements are not the attack's facts: «реальной угрозы жизни подсудимой не имелось» does not make
``life_threatening`` false.  Law: CC 32, 66, 102, 112 as /work/shared/law/kz-law.md §2 states them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from sentencecheck.extract.citations import find_citations
from sentencecheck.extract.harm import SEXUAL_VIOLENCE, HarmFacts, find_harm
from sentencecheck.extract.narrative import (
    Parties,
    Party,
    acts,
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
from sentencecheck.extract.passages import Found, Paragraph

DefenderMeans = Literal["none", "knife", "sharp_object", "firearm", "blunt_object", "hands", "other"]
CourtOnDefence = Literal["lawful_defence", "excess", "no_defence_situation", "not_examined"]
"""The same choices as ``SelfDefence.defender_means`` and ``sentencecheck.model.case.CourtOnDefence``."""


@dataclass(frozen=True)
class DefenceFacts:
    """What the text states about a defendant's (``defender``) defence against a victim (``attacker``)."""

    defender: str
    attacker: str
    claimed: Found[bool] | None = None
    attack_in_progress: Found[bool] | None = None
    protecting_another: Found[bool] | None = None
    armed: Found[bool] | None = None
    life_threatening: Found[bool] | None = None
    sexual: Found[bool] | None = None
    sudden: Found[bool] | None = None
    defender_means: Found[DefenderMeans] | None = None
    fear_or_confusion: Found[bool] | None = None
    court_considered_cc32: Found[bool] | None = None
    court_considered_cc102: Found[bool] | None = None
    court_considered_cc66: Found[bool] | None = None
    court_finding: Found[CourtOnDefence] | None = None


_DEFENCE = rx(r"необходим\w+\s+оборон\w+|пределов\s+необходимой\s+обороны|превышени\w+\s+(?:е[её]\s+)?пределов|"
              r"оборонял(?:ся|ась)|обороняясь|защищал(?:ся|ась)|защищаясь|отража\w+\s+(?:\S+\s+)?(?:нападение|"
              r"посягательство)")
_EXCESS = rx(r"превышени\w+\s+(?:е[её]\s+)?пределов|превысил\w*\s+(?:\S+\s+)?пределы")
_DEFENCE_SIDE = rx(r"защитник\w*|адвокат\w*|сторон\w+\s+защиты|апелляционн\w+\s+жалоб\w+|"
                   r"доводы\s+(?:\S+\s+)?(?:подсудим|осужд[её]нн|обвиняем|защит)\w*|"
                   r"(?:подсудим|осужд[её]нн|обвиняем)\w+\s+(?:[^\s,;]+\s+){0,5}?(?:показал|пояснил|утверждал|"
                   r"заявил|настаивал|ссылал|указывал|просил)\w*")
"""The defence speaking: its counsel, its appeal, its arguments, the defendant's own account."""
_COURT = re.compile(r"(?<![а-яё])(?:суд|суда|судом|коллеги[яей]|судья)(?![а-яё])", re.IGNORECASE)
_REJECTED = rx(r"несостоятельн\w+|необоснованн\w+|не\s+наход\w+|не\s+усматрива\w+|опроверга\w+|отверга\w+|"
               r"не\s+нашл\w+|не\s+наш[её]л|не\s+находил\w*|оснований\s+(?:\S+\s+){0,8}?не\s+(?:наход|усматр|име)\w*")
_LAWFUL = rx(r"действовал\w*\s+(?:\S+\s+){0,2}?(?:в\s+состоянии|в\s+пределах)\s+необходимой\s+обороны|"
             r"(?<!условий\s)правомерн(?:ой|ая|ую)\s+(?:необходимой\s+)?оборон\w+|не\s+превысил\w*\s+пределов")
_EXCEEDED = rx(r"превысил\w*\s+(?:\S+\s+)?пределы\s+необходимой\s+обороны|"
               r"(?:квалифицир\w+|совершил\w*)\s+(?:\S+\s+){0,12}?при\s+превышении\s+пределов\s+необходимой\s+обороны")
_NO_ATTACK = rx(r"посягательств\w+\s+(?:\S+\s+){0,4}?(?:не\s+было|не\s+имелось|отсутствовал\w*)|"
                r"посягательств\w+\s+(?:было\s+)?(?:окончено|закончено|прекращено|прекратилось)|"
                r"не\s+находил\w*\s+в\s+состоянии\s+необходимой\s+обороны|"
                r"в\s+состоянии\s+необходимой\s+обороны\s+(?:\S+\s+){0,2}?не\s+находил\w*|"
                r"состояни\w+\s+необходимой\s+обороны\s+(?:\S+\s+){0,2}?(?:не\s+было|отсутствовал\w*)")
_RESPONSE = rx(r"в\s+ответ\s+на\s+(?:(?:указанные|эти|данные|такие|его|е[её]|противоправные|неправомерные|"
               r"агрессивные)\s+)*(?:действия|удары|избиение|нападение|посягательство)|"
               r"в\s+ходе\s+(?:его\s+|е[её]\s+)?(?:избиения|нападения|посягательства)|"
               r"во\s+время\s+(?:его\s+|е[её]\s+)?(?:избиения|нападения|посягательства)|защищаясь\s+от|"
               r"отражая\s+(?:\S+\s+)?(?:нападение|посягательство)")
_RESPONSE_TO_WORDS = re.compile(r"действия$", re.IGNORECASE)
_UNARMED = rx(r"безоруж\w+|без\s+оружия|не\s+был\w*\s+вооруж\w+|в\s+руках\s+(?:\S+\s+){0,3}?ничего\s+не\s+было|"
              r"ничего\s+(?:\S+\s+){0,2}?в\s+руках\s+не\s+(?:было|имел\w*|держал\w*)")
_ARMED = rx(r"был\w*\s+вооруж[её]н\w*|вооружившись|с\s+ножом\s+в\s+руке|держа\s+в\s+руке\s+нож|"
            r"напал\w*\s+(?:\S+\s+){0,3}?с\s+(?:ножом|топором|молотком|палкой|битой|пистолетом|ружь[её]м)|"
            r"замахнул\w+\s+(?:\S+\s+){0,2}?(?:ножом|топором|молотком|палкой|бутылкой)|"
            r"угрожал\w*\s+(?:\S+\s+){0,2}?(?:ножом|топором|пистолетом|ружь[её]м)")
_LIFE = rx(r"душил\w*|задушить|сдавлива\w+\s+(?:\S+\s+)?(?:шею|горло)|схватил\w*\s+за\s+(?:шею|горло)|"
           r"угрожал\w*\s+(?:\S+\s+){0,2}?убийством|угрожая\s+(?:\S+\s+)?убийством|"
           r"насили\w+,?\s+опасн\w+\s+для\s+жизни")
_SUDDEN = rx(r"внезапн\w+\s+(?:напал\w*|нападени\w+|посягательств\w+)|напал\w*\s+(?:\S+\s+)?внезапно")
_ANOTHER = rx(r"защищая\s+(?:сво\w+\s+)?(?:малолетн\w+\s+)?(?:дочь|сына|реб[её]нка|детей|мать|отца|брата|сестру|"
              r"супруг\w*|жену|мужа)|заступил(?:ся|ась)\s+за")
_FEAR = rx(r"(?:вследствие|в\s+состоянии|из-за)\s+(?:\S+\s+)?(?:страха|испуга|замешательства)")
_FEAR_CC66 = rx(r"страха,?\s+испуга\s+или\s+замешательства")


@dataclass
class _Reading:
    facts: DefenceFacts
    rejected_defence: Found[bool] | None = None
    rejected_excess: Found[bool] | None = None
    finding: Found[CourtOnDefence] | None = None
    no_attack: Found[bool] | None = None
    excess_examined: Found[bool] | None = None
    mentioned: bool = False

    def set(self, name: str, value: Found[Any] | None) -> None:
        if value is not None and getattr(self.facts, name) is None:
            change: dict[str, Any] = {name: value}
            self.facts = replace(self.facts, **change)


def _cited(paragraph: Paragraph, s: int, e: int) -> dict[str, tuple[int, int]]:
    """The articles of the criminal code on defence cited in ``s:e``: 32, 66, 102, 112."""
    out: dict[str, tuple[int, int]] = {}
    for c in find_citations(paragraph):
        if s <= c.value.at < e and c.value.code == "CC" and c.value.article in ("32", "66", "102", "112"):
            out.setdefault(c.value.article, (c.value.at, c.value.at + len(c.quote)))
    return out


def _court_clause(text: str, s: int, e: int) -> bool:
    """The court speaking: it names itself, or weighs an argument («доводы … опровергаются», «оснований … нет»)."""
    return bool(_COURT.search(text, s, e) or _REJECTED.search(text, s, e) or _LAWFUL.search(text, s, e)
                or re.match(r"\s*оснований\s", text[s:e], re.IGNORECASE))


def _read_clause(reading: _Reading, paragraph: Paragraph, s: int, e: int) -> None:
    text = paragraph.text
    words = _DEFENCE.search(text, s, e)
    cited = _cited(paragraph, s, e)
    if words is None and not cited:
        return
    reading.mentioned = True
    where = words.span() if words else next(iter(cited.values()))
    if _DEFENCE_SIDE.search(text, s, e):
        reading.set("claimed", found(paragraph, True, s, e))
    if not _court_clause(text, s, e):
        return
    defence_named = bool(re.search(r"необходим\w+\s+оборон|оборонял|обороняясь|защищал|защищаясь|отража",
                                   text[s:e], re.IGNORECASE)) or "32" in cited
    excess_named = bool(_EXCESS.search(text, s, e)) or "102" in cited or "112" in cited
    if defence_named:
        reading.set("court_considered_cc32", found(paragraph, True, *where))
    if excess_named:
        reading.excess_examined = reading.excess_examined or found(paragraph, True, s, e)
    if "102" in cited:
        reading.set("court_considered_cc102", found(paragraph, True, *cited["102"]))
    fear_named = _FEAR_CC66.search(text, s, e)
    if "66" in cited or fear_named is not None:
        span = cited.get("66") or (fear_named.span() if fear_named is not None else where)
        reading.set("court_considered_cc66", found(paragraph, True, *span))
    rejected = _REJECTED.search(text, s, e)
    if rejected is not None:
        if defence_named:
            reading.rejected_defence = reading.rejected_defence or found(paragraph, True, s, e)
        if excess_named:
            reading.rejected_excess = reading.rejected_excess or found(paragraph, True, s, e)
        no_attack = _NO_ATTACK.search(text, s, e)
        if no_attack is not None:
            reading.no_attack = reading.no_attack or found(paragraph, True, no_attack.start(), no_attack.end())
        return
    lawful = _LAWFUL.search(text, s, e)
    exceeded = _EXCEEDED.search(text, s, e)
    qualified = re.search(r"квалифицир\w+", text[s:e], re.IGNORECASE) and ("102" in cited or "112" in cited)
    if exceeded is not None or qualified:
        span = exceeded.span() if exceeded is not None else cited.get("102") or cited["112"]
        reading.finding = reading.finding or found(paragraph, "excess", *span)
    elif lawful is not None and not negated_before(text, lawful.start(), s, 2):
        reading.finding = reading.finding or found(paragraph, "lawful_defence", lawful.start(), lawful.end())
    fear = _FEAR.search(text, s, e)
    if fear is not None and exceeded is not None:
        reading.set("fear_or_confusion", found(paragraph, True, fear.start(), fear.end()))


def _attack_facts(reading: _Reading, paragraphs: Sequence[Paragraph], parties: Parties, defender: Party,
                  attacker: Party) -> None:
    """The attack as the text describes it: by the attacker on the defender."""
    attacked = False
    for paragraph in paragraphs:
        text = paragraph.text
        for s, e in clauses(paragraph):
            for act in acts(paragraph, parties, s, e):
                if act.actor is not None and act.actor.party == attacker and act.target is not None and \
                        act.target.party == defender and not negated_before(text, act.start, s, 2):
                    attacked = True
            for pattern, name in ((SEXUAL_VIOLENCE, "sexual"), (_LIFE, "life_threatening")):
                for match in pattern.finditer(text, s, e):
                    actor, target = object_of(paragraph, parties, match.start())
                    if (actor is None or actor.party == attacker) and target is not None and \
                            target.party == defender and not negated_before(text, match.start(), s, 2):
                        reading.set(name, found(paragraph, True, match.start(), match.end()))
                        attacked = True
            for pattern, value in ((_UNARMED, False), (_ARMED, True)):
                for match in pattern.finditer(text, s, e):
                    subject = subject_before(paragraph, refs(paragraph, parties), s, match.start())
                    if subject is not None and subject.party == attacker:
                        reading.set("armed", found(paragraph, value, subject.start, match.end()))
            for pattern, name in ((_SUDDEN, "sudden"), (_ANOTHER, "protecting_another")):
                hit = pattern.search(text, s, e)
                if hit is not None and not negated_before(text, hit.start(), s, 2):
                    reading.set(name, found(paragraph, True, hit.start(), hit.end()))
        for match in _RESPONSE.finditer(text):
            s, e = clauses(paragraph)[clause_at(paragraph, match.start())]
            if _DEFENCE_SIDE.search(text, s, match.start()) or negated_before(text, match.start(), s, 2):
                continue  # the defence's argument, not the facts found
            doers = [a.actor for a in acts(paragraph, parties, s, e) if a.start > match.start()]
            if not any(d is not None and d.party == defender for d in doers):
                continue
            if _RESPONSE_TO_WORDS.search(match.group(0)) and not attacked:
                continue  # «в ответ на указанные действия»: only when those acts were an attack on the defender
            reading.set("attack_in_progress", found(paragraph, True, match.start(), match.end()))


def _means(harm: Sequence[HarmFacts], attacker: Party) -> Found[DefenderMeans] | None:
    facts = next((h for h in harm if h.victim == attacker.id), None)
    if facts is None:
        return None
    if facts.weapon is not None and facts.weapon.value != "none":
        return Found(facts.weapon.value, facts.weapon.paragraph, facts.weapon.quote)
    if facts.beating is not None and facts.beating.value:
        return Found("hands", facts.beating.paragraph, facts.beating.quote)
    return None


def _sides(paragraphs: Sequence[Paragraph], parties: Parties) -> tuple[Party, Party] | None:
    """The defender and the attacker: the only defendant and victim, else the first named beside a claim."""
    defendants, victims = parties.with_role("defendant"), parties.with_role("victim")
    if not defendants or not victims:
        return None
    if len(defendants) == 1 and len(victims) == 1:
        return defendants[0], victims[0]
    named: list[Party] = []
    for paragraph in paragraphs:
        for s, e in clauses(paragraph):
            if _DEFENCE.search(paragraph.text, s, e):
                named += [r.party for r in within(refs(paragraph, parties), s, e)]
    defender = next((p for p in named if p.role == "defendant"), defendants[0])
    attacker = next((p for p in named if p.role == "victim"), victims[0])
    return defender, attacker


def find_self_defence(paragraphs: Sequence[Paragraph], parties: Parties) -> DefenceFacts | None:
    """What the text states of a defence against the victim's attack; ``None`` when the text never raises
    necessary defence, its excess or CC 32, 66, 102, 112."""
    chosen = story(paragraphs)
    sides = _sides(chosen, parties)
    if sides is None:
        return None
    defender, attacker = sides
    reading = _Reading(DefenceFacts(defender.id, attacker.id))
    for paragraph in chosen:
        for s, e in clauses(paragraph):
            _read_clause(reading, paragraph, s, e)
    if not reading.mentioned:
        return None
    _attack_facts(reading, chosen, parties, defender, attacker)
    harm = find_harm(paragraphs, parties)
    reading.set("defender_means", _means(harm, attacker))
    died = next((h.death for h in harm if h.victim == attacker.id and h.death is not None and h.death.value), None)
    if died is not None:  # the excess of defence that caused death is CC 102
        reading.set("court_considered_cc102", reading.excess_examined)
    finding = reading.finding
    if finding is None and reading.rejected_defence is not None:
        basis = reading.no_attack or reading.rejected_excess
        if basis is not None:
            finding = Found("no_defence_situation", basis.paragraph, basis.quote)
    return replace(reading.facts, court_finding=finding)
