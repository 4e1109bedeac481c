"""What the court weighed and decided: the CC 53(1) and 54(1) circumstances it recognised, the grounds it gave for
leniency, what the prosecutor and the victim asked for, the outcome, reconciliation, and the date of the act.

Circumstances are read from the reasoning part's own statements («Обстоятельствами, смягчающими уголовную
ответственность и наказание, суд признаёт …», «Обстоятельств, отягчающих …, не установлено» → ``[]``).  Each phrase
is mapped to an item by the Code's wording as ``rules/questions.yaml`` (``cc53_item``, ``cc54_item``) and
``shared/law/kz-law.md`` §3 give it, or by an item the sentence cites («п. 10) ч. 1 ст. 53 УК РК»); a phrase that
is no item's wording («положительная характеристика», «частичное признание вины») is kept as unmapped.  A decision
citing the Russian Federation's code (ст. 61, 63 УК РФ) is not mapped to Kazakh items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from sentencecheck.extract.citations import find_citations
from sentencecheck.extract.dates import find_dates, parse_date
from sentencecheck.extract.passages import DecisionKind, Found, Paragraph
from sentencecheck.extract.persons import LETTER, Key, mentions_defendant, of_part, rx, sentences, word_is
from sentencecheck.extract.punishments import Punishment, find_punishments

LeniencyGround = Literal[
    "clean_record", "character_references", "young_children", "reconciliation", "remorse", "compensation",
    "employment", "age_or_health", "victim_behaviour", "victim_forgave",
]
"""The same choices as ``sentencecheck.model.case.LeniencyGround``."""
OutcomeKind = Literal[
    "convicted", "acquitted", "dismissed", "reconciliation", "administrative_penalty", "complaint_archived",
    "no_proceedings", "pending",
]
"""The same choices as ``sentencecheck.model.case.OutcomeKind``."""
DismissalGround = Literal[
    "no_event", "no_corpus_delicti", "lawful_defence", "lawful_detention", "amnesty", "limitation", "no_complaint",
    "decriminalised", "res_judicata", "insanity", "immunity", "death", "reconciliation", "active_repentance",
    "other_release", "other",
]
"""The same choices as ``sentencecheck.model.case.DismissalGround``."""
AppealResult = Literal["changed", "quashed", "upheld"]
"""What an appeal or cassation ruling did to the earlier decision: «изменить», «отменить», «оставить без
изменения»."""

MITIGATING_ITEMS = 11
AGGRAVATING_ITEMS = 16
"""CC 53(1) has items 1-11, CC 54(1) items 1-16 (shared/law/kz-law.md §3)."""

# ---------------------------------------------------------------------------------------------- CC 53(1) and 54(1)

_CHILD = r"(?:дет\w*|реб[её]н\w*|доч\w+|сын\w*)"
MITIGATING: list[tuple[int, re.Pattern[str]]] = [
    (1, rx(r"(?:совершени\w+\s+)?(?:[^,;]{0,120}?\s)?впервые[^,;]{0,160}?случайн\w+\s+стечени\w+\s+обстоятельств")),
    (2, rx(r"несовершеннолети\w+(?:\s+(?:виновн|подсудим|осужд[её]нн)\w+)?|несовершеннолетн\w+\s+возраст\w*")),
    (3, rx(r"беременност\w+")),
    (4, rx(rf"наличи\w+\s+(?:у\s+\w+\s+)?(?:на\s+(?:е[её]|его)?\s*иждивении\s+)?(?:\S+\s+){{0,2}}?малолетн\w+\s+"
           rf"{_CHILD}"
           rf"(?:\s+на\s+иждивении)?|малолетн\w+\s+{_CHILD}\s+на\s+иждивении|"
           rf"(?:воспитани\w+|содержани\w+)\s+(?:\S+\s+){{0,2}}?малолетн\w+\s+{_CHILD}")),
    (5, rx(r"оказани\w+\s+(?:первой\s+)?(?:доврачебн\w+\s+|медицинск\w+\s+|ин\w+\s+)(?:или\s+ин\w+\s+)?помощи\s+"
           r"потерпевш\w+(?:\s+непосредственно\s+после\s+(?:совершени\w+\s+)?(?:уголовн\w+\s+правонарушени\w+|"
           r"преступлени\w+))?")),
    (6, rx(r"добровольн\w+\s+(?:полн\w+\s+)?возмещени\w+\s+(?:\w+\s+){0,3}?(?:ущерб\w*|вред\w*)|"
           r"(?<!частичн\w\s)(?<!частичн\w\w\s)(?:полн\w+\s+)?возмещени\w+\s+(?:причин[её]нн\w+\s+)?"
           r"(?:имущественн\w+|материальн\w+|морально\w+)\s+(?:и\s+морально\w+\s+)?(?:ущерб\w*|вред\w*)|"
           r"заглаживани\w+\s+(?:\w+\s+){0,3}?вред\w*")),
    (7, rx(r"(?:совершени\w+\s+(?:\S+\s+){0,3}?)?вследствие\s+стечени\w+\s+тяж[её]л\w+\s+[^,;]{0,60}?обстоятельств|"
           r"стечени\w+\s+тяж[её]л\w+\s+(?:личн|семейн|жизненн|ин)\w+[^,;]{0,60}?обстоятельств|"
           r"(?:по\s+)?мотив\w*\s+сострадани\w+")),
    (8, rx(r"(?:физическ|психическ)\w+\s+(?:или\s+(?:физическ|психическ)\w+\s+)?принуждени\w+|"
           r"(?:материальн|служебн)\w+(?:,?\s+(?:служебн|ин)\w+)?(?:\s+или\s+ин\w+)?\s+зависимост\w+")),
    (9, rx(r"нарушени\w+\s+условий\s+правомерности\s+(?:необходимой\s+обороны|крайней\s+необходимости|задержания|"
           r"обоснованного\s+риска|исполнения\s+приказа)[^,;]{0,80}")),
    (10, rx(r"(?:противоправн|аморальн)\w+(?:\s*(?:,|и|или)\s*(?:противоправн|аморальн)\w+)?\s+(?:\w+\s+)?"
            r"поведени\w+\s+"
            r"(?:самого\s+)?потерпевш\w+(?:,?\s+явивш\w+(?:ся)?\s+поводом\s+(?:для|к)\s+(?:совершени\w+\s+)?"
            r"(?:уголовн\w+\s+правонарушени\w+|преступлени\w+))?")),
    (11, rx(r"(?<!отсутствие\s)(?<!отсутствия\s)(?:чистосердечн\w+\s+|искренн\w+\s+|деятельн\w+\s+)?раскаяни\w+"
            r"(?:\s+в\s+содеянн\w+)?|явк\w+\s+с\s+повинн\w+|активн\w+\s+способствовани\w+\s+(?:раскрытию|расследованию|"
            r"изобличению|розыску)[^,;]*")),
]
"""CC 53(1): each item with the phrases courts write for it, in the Code's words (rules/questions.yaml cc53_item;
shared/law/kz-law.md §3).  «раскаяние в содеянном» (the Code: «чистосердечное раскаяние») and «активное
способствование расследованию» (the Code: «… раскрытию») are read as item 11; a partial compensation
(«частичное возмещение ущерба») is not item 6 (the Code: «добровольное возмещение»), nor is «вызов скорой помощи»
item 5 by itself: both stay unmapped."""

AGGRAVATING: list[tuple[int, re.Pattern[str]]] = [
    (1, rx(r"(?:особо\s+)?(?:опасн\w+\s+)?рецидив\w*(?:\s+преступлени\w+)?|неоднократност\w+(?:\s+(?:уголовн\w+\s+"
           r"правонарушени\w+|преступлени\w+))?")),
    (2, rx(r"(?:причинени\w+\s+(?:\S+\s+){0,3}?)?тяжк\w+\s+последстви\w+")),
    (3, rx(r"(?:(?:совершени\w+\s+(?:\S+\s+){0,3}?)?в\s+составе\s+)?групп\w+\s+лиц"
           r"(?:\s+по\s+предварительному\s+сговору)?|"
           r"преступн\w+\s+групп\w+")),
    (4, rx(r"особо\s+активн\w+\s+рол\w+[^,;]{0,60}")),
    (5, rx(r"привлечени\w+\s+к\s+совершению\s+[^;]{0,160}?(?:психическ\w+|возраста)[^,;]{0,80}")),
    (6, rx(r"(?:по\s+)?мотив\w*\s+(?:национальн|расов|религиозн)\w+[^;]{0,80}|из\s+мести\s+за\s+правомерн\w+\s+"
           r"действи\w+[^,;]{0,40}|с\s+целью\s+скрыть\s+друг\w+[^,;]{0,60}|облегчить\s+(?:его\s+)?совершени\w+")),
    (7, rx(r"в\s+отношении\s+(?:женщины,?\s+)?(?:заведомо\s+(?:для\s+виновн\w+\s+)?)?(?:находящ\w+ся\s+в\s+состоянии\s+"
           r"беременности|беременн\w+|малолетн\w+|беззащитн\w+|беспомощн\w+|лица,?\s+находящ\w+ся\s+в\s+(?:\w+\s+){0,3}?"
           r"зависимости|лица,?\s+находящ\w+ся\s+в\s+(?:беспомощн|беззащитн)\w+\s+состояни\w+)"
           r"(?:\s+(?:от\s+виновн\w+|потерпевш\w+|лица))?|(?:беспомощн|беззащитн)\w+\s+состояни\w+\s+потерпевш\w+")),
    (8, rx(r"в\s+связи\s+с\s+(?:выполнением|исполнением)\s+[^;]{0,80}?(?:служебного|профессионального|общественного)\s+"
           r"долга")),
    (9, rx(r"особ\w+\s+жестокост\w+|садизм\w*|издевательств\w*|мучени\w+\s+(?:для\s+)?потерпевш\w+")),
    (10, rx(r"(?:с\s+)?использовани\w+\s+(?:оружия|боевых\s+припасов|взрывчат\w+|взрывн\w+|специально\s+изготовленн\w+|"
            r"легковоспламеняющ\w+|горюч\w+|ядовит\w+|радиоактивн\w+|лекарственн\w+|химико)[^,;]{0,80}|"
            r"(?:с\s+)?применени\w+\s+(?:оружия|взрывчат\w+|взрывн\w+)[^,;]{0,60}|"
            r"(?:с\s+)?применени\w+\s+(?:физическ\w+|психическ\w+)\s+принуждени\w+|общеопасн\w+\s+способ\w*")),
    (11, rx(r"(?:в\s+условиях\s+)?чрезвычайн\w+\s+(?:положени|ситуаци)\w+|(?:в\s+ходе\s+)?массов\w+\s+беспорядк\w+")),
    (12, rx(r"(?:совершени\w+\s+(?:\S+\s+){0,3}?)?(?:в\s+)?состояни\w+\s+(?:алкогольн|наркотическ|токсикоманическ)\w+"
            r"(?:\s*(?:,|или|и)\s*(?:алкогольн|наркотическ|токсикоманическ)\w+)*\s+опьянени\w+|"
            r"(?:в\s+)?состояни\w+\s+опьянени\w+(?:,?\s+вызванн\w+\s+употреблени\w+\s+(?:алкогол|наркотическ|"
            r"психоактивн|токсическ|одурманивающ)\w+(?:\s+\w+)?)?")),
    (13, rx(r"нарушени\w+\s+(?:принят\w+\s+)?(?:им\s+)?(?:присяг\w+|профессиональн\w+\s+клятв\w+)|"
            r"нарушивш\w+\s+(?:тем\s+самым\s+)?(?:принят\w+\s+(?:им\s+)?)?(?:присяг\w+|профессиональн\w+\s+клятв\w+)")),
    (14, rx(r"(?:с\s+)?использовани\w+\s+довери\w+[^,;]{0,80}")),
    (15, rx(r"(?:с\s+)?использовани\w+\s+форменн\w+\s+одежд\w+[^,;]{0,60}|документ\w+\s+представител\w+\s+власти")),
    (16, rx(r"(?:сотрудник\w*\s+правоохранительн\w+|специальн\w+\s+государственн\w+\s+орган\w*|судь[её]й)[^;]{0,80}?"
            r"служебн\w+\s+положени\w+")),
]
"""CC 54(1): each item with the Code's words (rules/questions.yaml cc54_item; shared/law/kz-law.md §3).  The list is
closed (CC 54(3)): an aggravating phrase that matches none of these is reported as unmapped."""

_SIDE = {"mitigating": rx(r"смягчающ\w+"), "aggravating": rx(r"отягчающ\w+")}
_NONE = rx(r"не\s+(?:установлен\w*|усматрива\w+|усмотрен\w*|выявлен\w*|установил\w*|усмотрел\w*|имеется|имеются|"
           r"находит|нашел|нашёл|добыто)|отсутству\w+|нет")
_REFUSAL = rx(r"оснований|основания|не\s+(?:призна\w+|учитыва\w+|уч[её]л\w*|может|могут|подлежит|является|относит)|"
              r"нельзя|исключ\w+")
_TRIGGER = rx(r"призна(?:[её]т|ются|[её]тся|ет|л|ла|ли|ны|н|на)|учитыва\w+|уч[её]л\w*|относит|отн[её]с\w*|"
              r"являются|является|явля\w+|усматрива\w+|принимает\s+во\s+внимание|следует\s+признать|признать")
_CIRCUMSTANCE_NOUN = rx(r"обстоятельств\w*")
_CLAUSE_BREAK = re.compile(
    rf";\s*|,\s+(?=(?:а\s+)?(?:обстоятельств\w*|смягчающ\w+|отягчающ\w+|в\s+качестве\s+(?:смягчающ|отягчающ)\w+)"
    rf"(?![{LETTER}]))",
    re.IGNORECASE,
)
_CHUNK_BREAK = re.compile(r",\s*|;\s*|\s+а\s+также\s+|\s+также\s+|\s+и\s+(?=[а-яё])", re.IGNORECASE)
_CONTINUATION = rx(r"поскольку|так\s+как|что|котор\w+|в\s+том\s+числе|в\s+частности|то\s+есть|т\.\s?е\.|а\s+именно|"
                   r"выразивш\w+|явивш\w+|связанн\w+|подтвержд[её]нн\w+|предусмотренн\w+|в\s+соответствии|согласно")
_CITATION_ONLY = re.compile(r"^[\s(]*(?:п\.|пп\.|ч\.|ст\.|(?:пункт|част|стать)\w*\s+\d)", re.IGNORECASE)
MIN_PHRASE = 6
"""Shortest unmapped phrase reported (shorter remainders are list glue)."""


@dataclass(frozen=True)
class Circumstances:
    """The CC 53(1) and 54(1) items the court recognised (``[]``: it stated there were none; ``None``: it said
    nothing, or the decision applies the Russian Federation's code), each item with its own phrase, the phrases that
    map to no item (``unmapped`` on the mitigating side, e.g. «положительная характеристика», a CC 53(2)
    circumstance; ``unmapped_aggravating``: outside the closed CC 54(1) list), and the grounds for leniency."""

    mitigating: Found[list[int]] | None = None
    aggravating: Found[list[int]] | None = None
    mitigating_items: list[Found[int]] = field(default_factory=list)
    aggravating_items: list[Found[int]] = field(default_factory=list)
    unmapped: list[Found[str]] = field(default_factory=list)
    unmapped_aggravating: list[Found[str]] = field(default_factory=list)
    leniency_grounds: list[Found[LeniencyGround]] = field(default_factory=list)


Side = Literal["mitigating", "aggravating"]
_SIDES: tuple[Side, ...] = ("mitigating", "aggravating")
_SIDE_STEM: dict[Side, str] = {"mitigating": "смягчающ", "aggravating": "отягчающ"}


@dataclass
class _Side:
    statement: Found[list[int]] | None = None
    items: list[Found[int]] = field(default_factory=list)
    unmapped: list[Found[str]] = field(default_factory=list)


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, text) of the clauses of a sentence, split before a second statement («…, отягчающих … не
    установлено»): a break counts only after a clause that names its side."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(text):
        if not any(_SIDE[s].search(text, start, match.start()) for s in _SIDES):
            continue
        out.append((start, text[start:match.start()]))
        start = match.end()
    out.append((start, text[start:]))
    return [(s, t) for s, t in out if t.strip()]


def _list_start(clause: str, side: Side) -> int | None:
    """Where the list of circumstances begins in a recognising clause, or ``None`` when it has no list."""
    adjective = _SIDE[side].search(clause)
    if adjective is None:
        return None
    after = _TRIGGER.search(clause, adjective.end())
    if after is not None:
        return after.end()
    before = _TRIGGER.search(clause, 0, adjective.start())
    noun = _CIRCUMSTANCE_NOUN.search(clause, adjective.end())
    if before is not None and noun is not None:
        return noun.end()
    colon = re.compile(r"[:–—]").search(clause, adjective.end())
    return colon.end() if colon else None


def _russian(paragraphs: Sequence[Paragraph]) -> bool:
    codes = {f.value.code for p in paragraphs for f in find_citations(p)}
    return bool(codes & {"RU_CC", "RU_CAO", "RU_CPC"}) and not codes & {"CC", "CAO", "CPC"}


def _cited_items(paragraph: Paragraph, text: str, side: Side) -> list[tuple[int, int, int]]:
    """(item, start, end) for «п. 10) ч. 1 ст. 53 УК РК» cited in a clause."""
    article, top = ("53", MITIGATING_ITEMS) if side == "mitigating" else ("54", AGGRAVATING_ITEMS)
    out: list[tuple[int, int, int]] = []
    for cited in find_citations(Paragraph(paragraph.index, paragraph.line, text, paragraph.part)):
        c = cited.value
        if c.code == "CC" and c.article == article and c.part in (None, "1"):
            out.extend((item, c.at, c.at + len(cited.quote)) for item in c.items if 1 <= item <= top)
    return out


def _unmapped(paragraph: Paragraph, text: str, taken: list[tuple[int, int]]) -> list[Found[str]]:
    """The chunks of a list that no item covers, dropping continuations («выразившееся в …») and citations."""
    out: list[Found[str]] = []
    start = 0
    bounds = [(m.start(), m.end()) for m in _CHUNK_BREAK.finditer(text)] + [(len(text), len(text))]
    for stop, after in bounds:
        chunk = text[start:stop]
        lead = len(chunk) - len(chunk.lstrip())
        chunk_text = chunk.strip().rstrip(".").strip()
        trimmed = chunk_text.lstrip(":–—- ")
        lead += len(chunk_text) - len(trimmed)
        chunk_text = trimmed
        begin = start + lead
        end = begin + len(chunk_text)
        start = after
        if len(chunk_text) < MIN_PHRASE or any(s < end and begin < e for s, e in taken):
            continue
        first = re.match(rf"[{LETTER}]+", chunk_text)
        if first is None or _CONTINUATION.match(chunk_text) or _CITATION_ONLY.match(chunk_text):
            continue
        if word_is(first.group(0), "PRTF") or word_is(first.group(0), "GRND") or word_is(first.group(0), "PREP"):
            continue
        if not any(word_is(w, "NOUN") for w in re.findall(rf"[{LETTER}]+", chunk_text)):
            continue
        out.append(Found(chunk_text, paragraph.index, chunk_text))
    return out


def _read_list(paragraph: Paragraph, text: str, side: Side, russian: bool) -> tuple[list[Found[int]], list[Found[str]]]:
    """The items a list names (each once, in reading order, with its phrase) and the phrases that name none."""
    table = MITIGATING if side == "mitigating" else AGGRAVATING
    hits: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    if not russian:
        for item, start, end in _cited_items(paragraph, text, side):
            hits.append((start, item, text[start:end]))
            taken.append((start, end))
        for item, pattern in table:
            for match in pattern.finditer(text):
                if any(s <= match.start() < e for s, e in taken):
                    continue
                hits.append((match.start(), item, match.group(0).strip()))
                taken.append((match.start(), match.end()))
    items: list[Found[int]] = []
    for _, item, quote in sorted(hits):
        if all(f.value != item for f in items):
            items.append(Found(item, paragraph.index, quote))
    return items, _unmapped(paragraph, text, taken)


def _read_clause(clause: str) -> tuple[list[Side], str | None] | None:
    """What a clause states: the sides it says have none (``(sides, None)``), the side whose list it gives with the
    list's text (``([side], list)``), or ``None`` (no statement, or the court refusing a circumstance)."""
    present: list[Side] = [s for s in _SIDES if _SIDE[s].search(clause)]
    if not present:
        return None
    side = min(present, key=lambda s: clause.lower().find(_SIDE_STEM[s]))
    start = _list_start(clause, side)
    stops = [m.start() for pattern in (_NONE, _REFUSAL) for m in pattern.finditer(clause)]
    if start is not None and not any(stop < start for stop in stops):
        later = [stop for stop in stops if stop >= start]
        end = len(clause) if not later else max(clause.rfind(",", start, min(later)), start)
        return [side], clause[start:end]
    if _REFUSAL.search(clause) or not _NONE.search(clause):
        return None
    return present, None


def _statements(paragraphs: Sequence[Paragraph]) -> dict[Side, _Side]:
    russian = _russian(paragraphs)
    sides: dict[Side, _Side] = {"mitigating": _Side(), "aggravating": _Side()}
    for p in of_part(paragraphs, "reasoning"):
        for _, sentence in sentences(p):
            for _, clause in _clauses(sentence):
                read = _read_clause(clause)
                if read is None:
                    continue
                present, listed = read
                quote = clause.strip().rstrip(".")
                if listed is None:
                    for side in present:
                        if sides[side].statement is None:
                            sides[side].statement = Found([], p.index, quote)
                    continue
                record = sides[present[0]]
                items, unmapped = _read_list(p, listed, present[0], russian)
                record.items += [f for f in items if all(g.value != f.value for g in record.items)]
                record.unmapped += unmapped
                first = record.statement if record.statement and record.statement.value else None
                record.statement = Found(sorted({f.value for f in record.items}),
                                         first.paragraph if first else p.index, first.quote if first else quote)
    if russian:
        for record in sides.values():
            record.statement = None
    return sides


# ---------------------------------------------------------------------------------------------- leniency grounds

LENIENCY: list[tuple[LeniencyGround, re.Pattern[str]]] = [
    ("clean_record", rx(r"ранее\s+не\s+судим\w*|не\s+судим\w*|впервые\s+(?:привлека\w+|соверши\w+|совершил\w*)|"
                        r"совершени\w+\s+(?:\w+\s+){0,5}?впервые|отсутстви\w+\s+судимост\w+|не\s+имеет\s+судимост\w+")),
    ("character_references", rx(r"положительн\w+\s+характеристик\w+|положительно\s+характеризу\w+|"
                                r"характеризу\w+\s+(?:\w+\s+){0,5}?положительно")),
    ("young_children", rx(rf"малолетн\w+\s+{_CHILD}")),
    ("reconciliation", rx(r"примирени\w+|примирил\w+")),
    ("remorse", rx(r"(?<!отсутствие\s)(?<!отсутствия\s)(?:чистосердечн\w+\s+)?раскаяни\w+|(?<!не\s)раскаял\w*|"
                   r"(?<!не\s)раскаива\w+")),
    ("compensation", rx(r"(?<!не\s)(?:возмещени\w+|возместил\w*|возмещ[её]н\w*|заглаживани\w+|загладил\w*)\s+"
                        r"(?:\w+\s+){0,3}?(?:ущерб\w*|вред\w*)|(?<!не\s)возместил\w*|(?<!не\s)загладил\w*")),
    ("employment", rx(r"(?<!не\s)трудоустроен\w*|(?<!не\s)работает|постоянн\w+\s+мест\w+\s+работы|"
                      r"занят\w*\s+общественно\s+полезным\s+трудом")),
    ("age_or_health", rx(r"состояни\w+\s+(?:его\s+|е[её]\s+)?здоровья|(?:преклонн|пожил|престарел|пенсионн)\w+\s+"
                         r"возраст\w*|инвалид\w*|несовершеннолети\w+|молод\w+\s+возраст\w*|тяж[её]л\w+\s+заболевани\w+|"
                         r"хроническ\w+\s+заболевани\w+")),
    ("victim_behaviour", rx(r"(?:противоправн|аморальн|провокационн)\w+"
                            r"(?:\s*(?:,|и|или)\s*(?:противоправн|аморальн)\w+)?"
                            r"\s+(?:\w+\s+)?поведени\w+\s+(?:самого\s+)?потерпевш\w+")),
    ("victim_forgave", rx(r"претензи\w+\s+(?:\w+\s+){0,4}?не\s+име\w+|не\s+име\w+\s+(?:\w+\s+){0,3}?претензи\w+|"
                          r"(?:строго\s+не\s+наказывать|не\s+наказывать\s+строго|не\s+лишать\s+(?:\w+\s+)?свободы|"
                          r"о\s+снисхождении|(?<!не\s)простил\w*|не\s+настаива\w+\s+на\s+(?:строгом\s+наказании|"
                          r"лишении\s+свободы|строгой\s+мере))")),
]
"""The grounds for leniency of the model (``LeniencyGround``) and the words a court gives them in."""
_COURT_SENTENCING = rx(r"суд\w*|смягчающ\w+|при\s+назначении\s+наказания|характеризу\w+|учитыва\w+|личност\w+")
_PARTY_SPEECH = re.compile(
    rf"(?<![{LETTER}])(?:защитник|адвокат|государственн\w+\s+обвинител|прокурор|подсудим|осужд[её]нн|потерпевш|"
    rf"представител|свидетел|сторон)\w*[^.;]{{0,120}}?(?<![{LETTER}])(?:просил|просит|ходатайствова|пояснил|пояснив|"
    rf"показал|заявил|указал|указыва|полагал|не\s+возражал|настаива)\w*|(?<![{LETTER}])(?:в\s+прениях|в\s+последнем\s+"
    rf"слове|в\s+(?:апелляционной\s+)?жалобе|доводы)",
    re.IGNORECASE,
)
"""A party's words as the court records them («Защитник просил учесть …», «Потерпевшая пояснила …»)."""
_VICTIM = rx(r"потерпевш\w+|представител\w+\s+потерпевш\w+")
_COURT_REFUSES = rx(r"оснований\s+для\s+признания|не\s+может\s+(?:быть\s+)?(?:признан|учтен|учтён)\w*|"
                    r"суд\s+не\s+(?:признает|признаёт|находит|усматривает|учитывает)")


def _leniency_grounds(paragraphs: Sequence[Paragraph]) -> list[Found[LeniencyGround]]:
    hits: dict[LeniencyGround, Found[LeniencyGround]] = {}
    for p in of_part(paragraphs, "reasoning"):
        for _, sentence in sentences(p):
            if _COURT_REFUSES.search(sentence):
                continue
            court = bool(_COURT_SENTENCING.search(sentence)) and not _PARTY_SPEECH.search(sentence)
            for ground, pattern in LENIENCY:
                if ground in hits:
                    continue
                allowed = court or (ground == "victim_forgave" and _VICTIM.search(sentence) is not None)
                match = pattern.search(sentence) if allowed else None
                if match:
                    hits[ground] = Found(ground, p.index, match.group(0))
    order = [g for g, _ in LENIENCY]
    return [hits[g] for g in order if g in hits]


def find_circumstances(paragraphs: Sequence[Paragraph]) -> Circumstances:
    """The CC 53(1) and 54(1) circumstances the court recognised, the phrases it relied on that map to no item, and
    the grounds it gave for leniency, from the reasoning part."""
    sides = _statements(paragraphs)
    return Circumstances(
        mitigating=sides["mitigating"].statement,
        aggravating=sides["aggravating"].statement,
        mitigating_items=sides["mitigating"].items,
        aggravating_items=sides["aggravating"].items,
        unmapped=sides["mitigating"].unmapped,
        unmapped_aggravating=sides["aggravating"].unmapped,
        leniency_grounds=_leniency_grounds(paragraphs),
    )


# ------------------------------------------------------------------------------------------------------- requests


@dataclass(frozen=True)
class Requests:
    """What the parties asked the court for: the passage with the punishment the prosecutor requested and its
    punishments as :func:`~sentencecheck.extract.punishments.find_punishments` reads them (the main one first, any
    additional ones after), the same for the victim (or the victim's representative) when the victim names a
    punishment, and the victim's position when it names none («строгое наказание», «строго не наказывать», «на
    усмотрение суда»)."""

    prosecutor: Found[str] | None = None
    victim: Found[str] | None = None
    victim_position: Found[str] | None = None
    prosecutor_punishments: list[Found[Punishment]] = field(default_factory=list)
    victim_punishments: list[Found[Punishment]] = field(default_factory=list)


_PROSECUTOR = rx(r"государственн\w+\s+обвинител\w+|прокурор\w*|сторон\w+\s+обвинения|обвинител\w+")
_ASKED = rx(r"просил\w*|проси\w+|предложил\w*|предлага\w+|полагал\w*|ходатайствовал\w*|настаивал\w*|высказал\w*|"
            r"оставил\w*|заявил\w*\s+ходатайств\w+")
_PUNISHMENT_START = rx(r"назначить|назначения|наказани\w+\s+в\s+виде|в\s+виде|к\s+(?=\d)")
_TERM = rx(r"\d+\s*(?:\([^()]{1,40}\)\s*)?(?:год\w*|лет|месяц\w*|сут\w*|час\w*|МРП|месячн\w+\s+расч[её]тн\w+|"
           r"тенге)|пожизненн\w+|(?:один|два|три|четыре|пять|шесть|семь|восемь|девять|десять)\w*\s+(?:год\w*|лет)")
_POSITION = rx(r"(?:строг\w+|сурово\w*|суров\w+|максимальн\w+)\s+(?:мер\w+\s+)?наказани\w+|сурово\s+наказать|"
               r"строго\s+не\s+наказывать|не\s+наказывать\s+строго|на\s+усмотрени\w+\s+суда|не\s+лишать\s+(?:\w+\s+)?свободы|"
               r"о\s+снисхождении|(?:прекратить|о\s+прекращении)\s+(?:\w+\s+){0,3}?в\s+связи\s+с\s+примирением\s*"
               r"(?:сторон|с\s+подсудим\w+)?")
_NO_CLAIMS = rx(r"претензи\w+\s+(?:\w+\s+){0,4}?не\s+име\w+|не\s+име\w+\s+(?:\w+\s+){0,3}?претензи\w+")
"""The victim's position when it names no punishment: on the punishment first, else «претензий не имеет»."""
_DEFENCE = rx(r"защитник\w*|адвокат\w*|подсудим\w+\s+(?:\w+\s+)?просил\w*")


_REQUEST_END = re.compile(
    r";|\.\s*$|,\s+(?:указыва|ссылая|ссылаясь|поскольку|так\s+как|мотивиру|полага|счита|обосновыва)", re.IGNORECASE
)
"""Where a requested punishment's passage ends: the clause's end, or the reasons given for it."""


def _requested(p: Paragraph, start: int, sentence: str) -> Found[str] | None:
    """The passage from «назначить …» to the end of its clause, when it names a term or a kind with a size."""
    begin = _PUNISHMENT_START.search(sentence)
    if begin is None:
        return None
    end_match = _REQUEST_END.search(sentence, begin.start())
    end = end_match.start() if end_match else len(sentence)
    passage = sentence[begin.start():end].strip()
    if not _TERM.search(passage) and not find_punishments(Paragraph(p.index, p.line, passage, p.part)):
        return None
    return Found(passage, p.index, passage)


def find_requests(paragraphs: Sequence[Paragraph]) -> Requests:
    """The prosecutor's and the victim's requests on the punishment, from the reasoning part (the debates as the
    court records them)."""
    prosecutor: Found[str] | None = None
    victim: Found[str] | None = None
    position: Found[str] | None = None
    for p in of_part(paragraphs, "reasoning") or list(paragraphs):
        for start, sentence in sentences(p):
            if not _ASKED.search(sentence):
                continue
            asked = _ASKED.search(sentence)
            assert asked is not None
            subject = sentence[:asked.start()]
            if _DEFENCE.search(subject):
                continue
            if prosecutor is None and _PROSECUTOR.search(subject) and not _VICTIM.search(subject):
                prosecutor = _requested(p, start, sentence[asked.end():])
            elif _VICTIM.search(subject):
                if victim is None:
                    victim = _requested(p, start, sentence[asked.end():])
                if position is None and victim is None:
                    match = _POSITION.search(sentence) or _NO_CLAIMS.search(sentence)
                    if match:
                        position = Found(match.group(0).strip(), p.index, match.group(0).strip())
    return Requests(prosecutor, victim, position, _punishments(paragraphs, prosecutor),
                    _punishments(paragraphs, victim))


def _punishments(paragraphs: Sequence[Paragraph], passage: Found[str] | None) -> list[Found[Punishment]]:
    """The punishments a requested passage names, quoted from the passage."""
    if passage is None:
        return []
    p = next(q for q in paragraphs if q.index == passage.paragraph)
    return find_punishments(Paragraph(p.index, p.line, passage.quote, p.part))


# -------------------------------------------------------------------------------------------------------- outcome


@dataclass(frozen=True)
class OutcomeFacts:
    """The decision's outcome: its kind, why a case was ended («за отсутствием состава» → ``no_corpus_delicti``),
    the provision it cites for that (``CPC 35(1)(2)`` with the passage «п. 2) ч. 1 ст. 35 УПК РК»), and, for an
    appeal or cassation ruling, what it did to the earlier decision."""

    kind: Found[OutcomeKind] | None = None
    dismissal_ground: Found[DismissalGround] | None = None
    ground: Found[str] | None = None
    earlier: Found[AppealResult] | None = None


_CONVICTED = re.compile(rf"признать\s+[^;]{{0,250}}?(?<![{LETTER}])виновн(?:ым|ой|ыми|ая|ый|ых)(?![{LETTER}])",
                        re.IGNORECASE)
_ACQUITTED = rx(r"оправдать|признать\s+[^;]{0,250}?невиновн\w+")
_ADMINISTRATIVE = rx(r"административн\w+\s+(?:правонарушени\w+|взыскани\w+|штраф\w*|арест\w*)|подвергнуть\s+"
                     r"административн\w+")
_TERMINATE = rx(r"прекратить|прекращено|прекратив|освободить\s+от\s+уголовной\s+ответственности")
_GROUND_WORDS: list[tuple[DismissalGround, re.Pattern[str]]] = [
    ("reconciliation", rx(r"примирени\w+|примирил\w+")),
    ("active_repentance", rx(r"деятельн\w+\s+раскаяни\w+")),
    ("no_corpus_delicti", rx(r"отсутстви\w+\s+(?:в\s+(?:его|е[её]|их)\s+(?:действиях|деянии)\s+|в\s+деянии\s+)?"
                             r"состава")),
    ("no_event", rx(r"отсутстви\w+\s+события")),
    ("limitation", rx(r"истечени\w+\s+срок\w+\s+давности")),
    ("amnesty", rx(r"амнисти\w+")),
    ("death", rx(r"смерт\w+\s+(?:подозреваем|обвиняем|подсудим|лица|правонарушител)\w*")),
    ("insanity", rx(r"невменяем\w+")),
    ("lawful_detention", rx(r"задержани\w+\s+лица,?\s+совершивш\w+")),
    ("no_complaint", rx(r"отсутстви\w+\s+(?:жалобы|заявления)\s+потерпевш\w+|отказ\w*\s+частного\s+обвинителя")),
    ("decriminalised", rx(r"декриминализ\w+|устран\w+\s+преступност\w+")),
]
"""Words that name a ground of termination (CPC 35(1), CC 68, CC 65; shared/law/kz-law.md §10.2)."""
_LAWFUL_DEFENCE = rx(r"(?<!превышени\w\s)(?<!превышением\s)(?:в\s+состоянии\s+|правомерн\w+\s+)?необходим\w+\s+"
                     r"оборон\w+")
_EXCESS = rx(r"превышени\w+\s+пределов")
CPC_35_1: dict[int, DismissalGround] = {
    1: "no_event", 2: "no_corpus_delicti", 3: "amnesty", 4: "limitation", 5: "no_complaint", 6: "decriminalised",
    7: "res_judicata", 8: "res_judicata", 9: "insanity", 10: "immunity", 11: "death",
}
"""CPC 35(1) items 1-11 (shared/law/kz-law.md §10.2); item 12 (release under the Criminal Code) is read with the
release named beside it (CC 68 reconciliation, CC 65 active repentance), else ``other_release``."""
_APPEAL = re.compile(
    rf"(?<![{LETTER}])(?:приговор|постановлени|решени)\w*[^;]{{0,300}}?(?<![{LETTER}])(?P<verb>оставить\s+без\s+"
    rf"изменения|изменить|отменить)(?![{LETTER}])",
    re.IGNORECASE,
)
_IN_PART = rx(r"в\s+части")


def _operative(paragraphs: Sequence[Paragraph], defendant: Key | None) -> list[Paragraph]:
    operative = of_part(paragraphs, "operative") or list(paragraphs)
    if defendant is None:
        return operative
    own = [p for p in operative if mentions_defendant(p.text, defendant)]
    return own or operative


def _ground(paragraphs: Sequence[Paragraph], kind: OutcomeKind
            ) -> tuple[Found[DismissalGround] | None, Found[str] | None]:
    """Why a termination ended the case, and the provision it cites."""
    cited: Found[str] | None = None
    item: int | None = None
    release: str | None = None
    for p in paragraphs:
        for f in find_citations(p):
            c = f.value
            if c.code == "CPC" and c.article == "35" and c.items and cited is None:
                item = c.items[0]
                cited = Found(f"CPC 35(1)({item})", p.index, f.quote)
            elif c.code == "CPC" and c.article == "36" and cited is None:
                cited = Found("CPC 36" + (f"({c.part})" if c.part else ""), p.index, f.quote)
            elif c.code == "CC" and c.article in ("68", "65"):
                release = c.article
                if cited is None:
                    cited = Found(f"CC {c.article}" + (f"({c.part})" if c.part else ""), p.index, f.quote)
            elif c.code == "CAO" and cited is None and kind == "dismissed":
                cited = Found(f.quote, p.index, f.quote)
    for p in paragraphs:
        defence = _LAWFUL_DEFENCE.search(p.text)
        if defence and not _EXCESS.search(p.text):
            return Found("lawful_defence", p.index, defence.group(0)), cited
        for ground, pattern in _GROUND_WORDS:
            match = pattern.search(p.text)
            if match:
                return Found(ground, p.index, match.group(0)), cited
    if cited is not None and item in CPC_35_1:
        return Found(CPC_35_1[item], cited.paragraph, cited.quote), cited
    if cited is not None and (item == 12 or cited.value.startswith("CPC 36") or release):
        named: DismissalGround = {"68": "reconciliation", "65": "active_repentance"}.get(  # type: ignore[assignment]
            release or "", "other_release")
        return Found(named, cited.paragraph, cited.quote), cited
    return None, cited


def _earlier(paragraphs: Sequence[Paragraph]) -> Found[AppealResult] | None:
    results: list[Found[AppealResult]] = []
    for p in paragraphs:
        for _, sentence in sentences(p):
            for match in _APPEAL.finditer(sentence):
                verb = match.group("verb").lower()
                in_part = _IN_PART.search(sentence[:match.end() + 30]) is not None
                value: AppealResult = ("upheld" if verb.startswith("оставить") else
                                       "changed" if verb == "изменить" or in_part else "quashed")
                results.append(Found(value, p.index, match.group(0)))
    for wanted in ("quashed", "changed", "upheld"):
        hit = next((r for r in results if r.value == wanted), None)
        if hit is not None:
            return hit
    return None


def _sentence_outcome(p: Paragraph, text: str, kind: DecisionKind | None) -> Found[OutcomeKind] | None:
    """The outcome one sentence of the operative part orders, if any."""
    terminate = _TERMINATE.search(text)
    acquitted = _ACQUITTED.search(text)
    convicted = _CONVICTED.search(text)
    if acquitted:
        return Found("acquitted", p.index, acquitted.group(0))
    if terminate and (not convicted or terminate.start() < convicted.start()):
        reconciled = _GROUND_WORDS[0][1].search(text)
        return Found("reconciliation" if reconciled else "dismissed", p.index, terminate.group(0))
    administrative = _ADMINISTRATIVE.search(text)
    if convicted:
        admin = kind == "admin_decision" or administrative is not None
        return Found("administrative_penalty" if admin else "convicted", p.index, convicted.group(0))
    if kind == "admin_decision" and administrative:
        return Found("administrative_penalty", p.index, administrative.group(0))
    return None


_STANDING = [("convicted", rx(r"осужд[её]н\w*\s+(?:по|за|к)|признан\w*\s+виновн\w+")),
             ("acquitted", rx(r"оправдан\w*"))]


def _standing_outcome(paragraphs: Sequence[Paragraph]) -> Found[OutcomeKind] | None:
    """For an appeal ruling that changed or upheld the earlier decision and orders no outcome of its own: the
    earlier decision's, as the introductory part (else the reasoning) retells it («…, которым Касымов Е.Б. осуждён
    по ч. 1 ст. 106 УК РК …»)."""
    for part in ("intro", "reasoning"):
        for p in of_part(paragraphs, part):
            for kind, pattern in _STANDING:
                match = pattern.search(p.text)
                if match:
                    value: OutcomeKind = "convicted" if kind == "convicted" else "acquitted"
                    return Found(value, p.index, match.group(0))
    return None


def find_outcome(paragraphs: Sequence[Paragraph], kind: DecisionKind | None,
                 defendant: Key | None = None) -> OutcomeFacts:
    """The outcome from the operative part (the whole text when it has no headings); with ``defendant``, from the
    operative paragraphs that name that defendant when any do."""
    operative = _operative(paragraphs, defendant)
    earlier = _earlier(operative) if kind in (None, "appeal_ruling", "cassation_ruling") else None
    outcome: Found[OutcomeKind] | None = None
    for p, text in ((q, t) for q in operative for _, t in sentences(q)):
        outcome = _sentence_outcome(p, text, kind)
        if outcome is not None:
            break
    if outcome is None and earlier is not None and earlier.value in ("changed", "upheld"):
        outcome = _standing_outcome(paragraphs)
    dismissal: Found[DismissalGround] | None = None
    ground: Found[str] | None = None
    if outcome is not None and outcome.value in ("dismissed", "reconciliation"):
        dismissal, ground = _ground(operative, outcome.value)
        if dismissal is None:
            dismissal, ground = _ground(of_part(paragraphs, "reasoning"), outcome.value)
        if outcome.value == "reconciliation":
            dismissal = Found("reconciliation", outcome.paragraph, outcome.quote) if dismissal is None or \
                dismissal.value != "reconciliation" else dismissal
    return OutcomeFacts(outcome, dismissal, ground, earlier)


# ------------------------------------------------------------------------------------------------- reconciliation

_RECONCILED = rx(r"примирени\w+\s+(?:сторон|с\s+потерпевш\w+|подсудим\w+\s+с\s+потерпевш\w+)|примирил\w+|"
                 r"(?:заявлени|ходатайств)\w+\s+(?:\w+\s+){0,4}?о\s+примирении|в\s+связи\s+с\s+примирением|"
                 r"ст(?:\.|атьи|атьей)\s*68\s+(?:УК|Уголовного)")
_NOT_RECONCILED = rx(
    r"(?:в\s+удовлетворении|отказать)[^.]{0,160}?примирени\w+|примирени\w+[^.]{0,80}?(?:не\s+достигнут\w*|не\s+состоял\w*|"
    r"не\s+было)|не\s+примирил\w+|оснований\s+для\s+(?:освобождения|прекращения|применения)[^.]{0,200}?(?:примирени\w+|"
    r"ст\.\s*68)[^.]{0,120}?не\s+(?:имеется|усматрива\w+|находит)|не\s+(?:может\s+быть|подлежит)\s+освобожд\w+[^.]{0,120}?"
    r"примирени\w+|(?:примирени\w+|ст\.\s*68\s+УК)[^.]{0,120}?не\s+(?:подлежит\s+применению|применим\w*|может\s+быть\s+"
    r"применен\w*)"
)
_EARLIER_RELEASE = rx(r"ранее|прежде|ранее\s+освобожд\w+")


def find_reconciliation(paragraphs: Sequence[Paragraph]) -> Found[bool] | None:
    """Whether the case ended or the court dealt with a release by reconciliation (CC 68): ``True`` for «примирение
    сторон», «заявление потерпевшей о примирении», «в связи с примирением»; ``False`` when the court refused it or
    the parties did not reconcile; ``None`` when the text says nothing.  An earlier release («ранее освобождался …
    в связи с примирением») is not this case's."""
    yes: Found[bool] | None = None
    for p in paragraphs:
        for _, sentence in sentences(p):
            refused = _NOT_RECONCILED.search(sentence)
            if refused:
                return Found(False, p.index, refused.group(0))
            match = _RECONCILED.search(sentence)
            if match and yes is None and not _EARLIER_RELEASE.search(sentence):
                yes = Found(True, p.index, match.group(0))
    return yes


# -------------------------------------------------------------------------------------------------- offence dates

_EVIDENCE = re.compile(
    r"^\s*(?:В\s+судебном\s+заседании|В\s+ходе\s+судебного|Подсудим\w+\s+(?:\S+\s+){0,3}(?:вину|виновн)|Допрошенн|"
    r"Вина\s+подсудим|Виновность|Помимо|Суд,?\s+(?:исследовав|выслушав)|Выслушав|Исследовав|"
    r"Потерпевш\w+\s+(?:\S+\s+){0,3}(?:показал|пояснил)|Свидетел|Доказательства|Указанные\s+обстоятельства)",
    re.IGNORECASE,
)
_DOCUMENT_DATE = re.compile(r"(?:(?<![а-яё])от|№\s*\S+\s+от|с|по|до)\s*$", re.IGNORECASE)
_BIRTH_AFTER = re.compile(r"^\s*(?:года\s+|г\.\s*)?(?:рождения|р\.)", re.IGNORECASE)
_AFTER_THE_ACT = rx(r"задержан\w*|обратил\w*|обращал\w*|допрошен\w*|изъят\w*|вручен\w*|зарегистрирован\w*|ЕРДР|"
                    r"возбужд\w+|поступил\w*|скончал\w+|умер\w*|смерть\s+наступила|госпитализ\w+|доставлен\w*|"
                    r"лечени\w+|выписан\w*")
"""Events after the act (detention, complaint, investigation, death in hospital): a sentence naming one is skipped."""
_DOCUMENT = rx(r"протокол\w*|заключени\w+|экспертиз\w+|постановлени\w+|приговор\w*|рапорт\w*|справк\w+|"
               r"заявлени\w+|осмотр\w*")
"""Documents: a date after one in the same clause is the document's («приговором … от …», «протоколом … 14.05.2024»),
unless the clause retells the act («признан виновным в том, что 3 января 2024 года …»)."""
_RETELLING = rx(r"в\s+том,?\s+что|что")
_PERIOD = re.compile(
    rf"(?<![{LETTER}])(?:в\s+период\s+)?с\s+(?P<day>\d{{1,2}})(?:\s+(?P<month>[а-я]+))?\s+(?:(?P<year>\d{{4}})\s+"
    rf"(?:года\s+|г\.\s*)?)?по\s+(?P<end>\d{{1,2}}\s+[а-я]+\s+(?P<end_year>\d{{4}}))",
    re.IGNORECASE,
)


def _description(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The reasoning part's description of the act: its paragraphs before the account of the trial's evidence."""
    out: list[Paragraph] = []
    for p in of_part(paragraphs, "reasoning"):
        if _EVIDENCE.match(p.text):
            break
        out.append(p)
    return out


def _period_start(p: Paragraph, sentence: str) -> list[Found[date]]:
    out: list[Found[date]] = []
    for match in _PERIOD.finditer(sentence):
        end = parse_date(match.group("end"))
        if end is None:
            continue
        month = match.group("month")
        year = match.group("year") or match.group("end_year")
        text = f"{match.group('day')} {month} {year}" if month else None
        start = parse_date(text) if text else None
        if start is None and month is None:
            try:
                start = end.replace(day=int(match.group("day")))
            except ValueError:
                start = None
        if start is not None:
            out.append(Found(start, p.index, match.group(0)))
    return out


def find_offence_dates(paragraphs: Sequence[Paragraph]) -> list[Found[date]]:
    """The dates of the act in the reasoning part's description of it, in order, the first being the offence date
    («13 мая 2024 года, около 22 часов, находясь …»; «в период с 1 по 15 мая 2024 года» gives 1 May).  Dates of
    documents («протокол … от …»), of birth, of procedure (detention, complaints, examinations) and of the
    consequences (death in hospital) are left out."""
    out: list[Found[date]] = []
    seen: set[date] = set()
    for p in _description(paragraphs):
        for _, sentence in sentences(p):
            if _AFTER_THE_ACT.search(sentence):
                continue
            period = _period_start(p, sentence)
            candidates = period + [f for f in find_dates(Paragraph(p.index, p.line, sentence, p.part))
                                   if _act_date(sentence, f)]
            for f in candidates:
                if f.value not in seen:
                    seen.add(f.value)
                    out.append(f)
    return out


def _act_date(sentence: str, f: Found[date]) -> bool:
    at = sentence.find(f.quote)
    if _DOCUMENT_DATE.search(sentence[:at]) or _BIRTH_AFTER.match(sentence[at + len(f.quote):]):
        return False
    documents = list(_DOCUMENT.finditer(sentence, 0, at))
    return not documents or _RETELLING.search(sentence, documents[-1].end(), at) is not None
