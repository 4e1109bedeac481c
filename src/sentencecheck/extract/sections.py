"""The parts of a decision (header, intro, reasoning, operative), what kind of decision it is, who took it, and when.

Only headings the text states are used: «ПРИГОВОР», «ПОСТАНОВЛЕНИЕ», «ОПРЕДЕЛЕНИЕ», «ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН»
open the introductory part; «УСТАНОВИЛ:» opens the reasoning after it; «ПРИГОВОРИЛ:», «ПОСТАНОВИЛ:», «ОПРЕДЕЛИЛ:»,
«РЕШИЛ:» open the operative part after it.  Headings may be letter-spaced («П Р И Г О В О Р»), in any case, with or
without a colon.  A text with no heading is all ``intro`` and has no kind: nothing is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Any, Literal

from sentencecheck.extract.dates import find_dates
from sentencecheck.extract.passages import DecisionKind, Found, Paragraph, Part
from sentencecheck.model.case import Instance

_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LETTER = _UPPER + "а-яёәғқңөұүһі"
_TITLES = ("ПРИГОВОР", "ПОСТАНОВЛЕНИЕ", "ОПРЕДЕЛЕНИЕ", "РЕШЕНИЕ")
"""Words that name the decision at its top."""
_TITLE_ADJECTIVES = ("АПЕЛЛЯЦИОННОЕ", "КАССАЦИОННОЕ", "АПЕЛЛЯЦИОННЫЙ", "КАССАЦИОННЫЙ")
_IN_THE_NAME = ("ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН", "ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ")
_REASONING = ("УСТАНОВИЛ", "УСТАНОВИЛА")
_OPERATIVE = ("ПРИГОВОРИЛ", "ПРИГОВОРИЛА", "ПОСТАНОВИЛ", "ПОСТАНОВИЛА", "ОПРЕДЕЛИЛ", "ОПРЕДЕЛИЛА", "РЕШИЛ",
              "РЕШИЛА")
MIN_TEXT_AFTER_HEADING = 3
"""Letters after an inline heading («суд УСТАНОВИЛ: 1 января …») that make its paragraph part of the new part."""
FIRST_LINES = 6
"""Paragraphs of the introductory part searched for the place-and-date line."""
COURT_LINES = 10
"""Paragraphs of the header and introductory part searched for the court."""


def _spaced(phrase: str) -> str:
    """A pattern for ``phrase`` letter-spaced or not: «П Р И Г О В О Р», «ПРИГОВОР», «И М Е Н Е М   Р Е С П …»."""
    return r"\s*".join(r"\s{0,3}".join(re.escape(ch) for ch in word) for word in phrase.split())


def _alternatives(phrases: Sequence[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)  # ПОСТАНОВИЛА before ПОСТАНОВИЛ
    return "(?:" + "|".join(_spaced(p) + _NOT_SPACED_ON.get(p, "") for p in ordered) + ")"


_NOT_SPACED_ON = {"ПРИГОВОР": r"(?!\s{0,3}[Ии]\s{0,3}[Лл])"}
"""«П Р И Г О В О Р И Л» is not «ПРИГОВОР» followed by more text."""


_TAIL = r"\s*[:.]?\s*"
_STANDALONE = {
    "title": re.compile(rf"(?:{_alternatives(_TITLE_ADJECTIVES)}\s+)?{_alternatives(_TITLES)}{_TAIL}", re.I),
    "in_the_name": re.compile(_alternatives(_IN_THE_NAME) + _TAIL, re.I),
    "reasoning": re.compile(_alternatives(_REASONING) + _TAIL, re.I),
    "operative": re.compile(_alternatives(_OPERATIVE) + _TAIL, re.I),
}
"""A paragraph that is nothing but the heading (any case)."""
_NOT_LETTER_BEFORE = rf"(?<![{_LETTER}])"
_NOT_LETTER_AFTER = rf"(?![{_LETTER}])"
_AT_END = {
    "reasoning": re.compile(rf"{_NOT_LETTER_BEFORE}{_alternatives(_REASONING)}\s*:\s*$", re.I),
    "operative": re.compile(rf"{_NOT_LETTER_BEFORE}{_alternatives(_OPERATIVE)}\s*:\s*$", re.I),
}
"""A paragraph that ends with the heading and a colon («Суд, исследовав материалы дела, установил:»)."""
_INLINE = {
    "reasoning": re.compile(rf"{_NOT_LETTER_BEFORE}{_alternatives(_REASONING)}\s*:"),
    "operative": re.compile(rf"{_NOT_LETTER_BEFORE}{_alternatives(_OPERATIVE)}\s*:"),
}
"""The heading in capitals with a colon inside a paragraph («… суд УСТАНОВИЛ: 1 января …»)."""
_TITLE_FIRST = re.compile(
    rf"^(?:{_alternatives(_TITLE_ADJECTIVES)}\s+)?{_alternatives(_TITLES)}{_NOT_LETTER_AFTER}"
)
"""A paragraph opening with the title in capitals («ПОСТАНОВЛЕНИЕ о прекращении уголовного дела»)."""
_IN_THE_NAME_ANYWHERE = re.compile(_alternatives(_IN_THE_NAME), re.I)


_NOT_IN_KEY = re.compile(r"[\s:.]")
MAX_HEADING = 140
"""No heading line is longer («И М Е Н Е М   Р Е С П У Б Л И К И   К А З А Х С Т А Н» is 80)."""


def _key(text: str) -> str:
    return _NOT_IN_KEY.sub("", text).upper().replace("Ё", "Е")


_KEYS = {
    **{_key(adj + t): "title" for t in _TITLES for adj in ("", *_TITLE_ADJECTIVES)},
    **{_key(t + n): "title" for t in _TITLES for n in _IN_THE_NAME},
    **{_key(n): "in_the_name" for n in _IN_THE_NAME},
    **{_key(w): "reasoning" for w in _REASONING},
    **{_key(w): "operative" for w in _OPERATIVE},
}
"""Headings with every space removed: «П Р И Г О В О Р И М Е Н Е М …» spaced by single spaces throughout."""


def heading_of(text: str) -> str | None:
    """Which heading a whole line or paragraph is: ``title``, ``in_the_name``, ``reasoning``, ``operative``, or
    ``None``.  Used by the reader to keep headings in paragraphs of their own."""
    stripped = text.strip()
    if len(stripped) > MAX_HEADING:
        return None
    key = _key(stripped)
    if key in _KEYS:
        return _KEYS[key]
    for name, pattern in _STANDALONE.items():
        if pattern.fullmatch(stripped):
            return name
    if _TITLE_FIRST.match(stripped) and len(stripped) < 120:
        return "title"
    if _IN_THE_NAME_ANYWHERE.fullmatch(stripped.rstrip(":. ")):
        return "in_the_name"
    return None


_NOT_ALPHANUMERIC = re.compile(rf"[^{_LETTER}A-Za-z0-9]")


def _boundary(paragraph: Paragraph, kind: Literal["reasoning", "operative"]) -> Literal["here", "after"] | None:
    """Whether ``paragraph`` holds a heading of ``kind``: ``here`` when it opens the part itself (an inline heading
    with the part's text after it), ``after`` when the part starts with the next paragraph."""
    text = paragraph.text.strip()
    if _STANDALONE[kind].fullmatch(text) or _AT_END[kind].search(text):
        return "after"
    match = _INLINE[kind].search(text)
    if match is None:
        return None
    rest = _NOT_ALPHANUMERIC.sub("", text[match.end():])
    return "here" if len(rest) >= MIN_TEXT_AFTER_HEADING else "after"


def _opens_intro(paragraph: Paragraph) -> bool:
    return heading_of(paragraph.text) in ("title", "in_the_name")


def _starts(paragraphs: Sequence[Paragraph]) -> tuple[int | None, int | None, int | None]:
    """Positions (0-based, into ``paragraphs``) where the intro, the reasoning and the operative part begin."""
    reasoning: int | None = None
    for i, p in enumerate(paragraphs):
        where = _boundary(p, "reasoning")
        if where is not None:
            reasoning = i if where == "here" else i + 1
            break
    operative: int | None = None
    first = 0 if reasoning is None else reasoning
    for i in range(len(paragraphs) - 1, first - 1, -1):  # the last one: an appeal ruling retells the verdict
        where = _boundary(paragraphs[i], "operative")
        if where is not None:
            operative = i if where == "here" else i + 1
            break
    limit = len(paragraphs) if reasoning is None else reasoning
    limit = limit if operative is None else min(limit, operative)
    intro = next((i for i in range(limit) if _opens_intro(paragraphs[i])), None)
    return intro, reasoning, operative


def assign_parts(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs with ``part`` set from the headings found; with no heading, every paragraph is ``intro``.

    A heading paragraph belongs to the part before the boundary it marks («УСТАНОВИЛ:» is the intro's last
    paragraph), except the decision's title, which opens the intro.  Text before the title is the ``header``."""
    intro, reasoning, operative = _starts(paragraphs)
    out: list[Paragraph] = []
    for i, p in enumerate(paragraphs):
        part: Part = "intro"
        if intro is not None and i < intro:
            part = "header"
        if reasoning is not None and i >= reasoning:
            part = "reasoning"
        if operative is not None and i >= operative:
            part = "operative"
        out.append(replace(p, part=part))
    return out


def _has_heading(paragraphs: Sequence[Paragraph]) -> bool:
    return any(_opens_intro(p) or _boundary(p, "reasoning") or _boundary(p, "operative") for p in paragraphs)


def _opening(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The header and the introductory part (up to the reasoning or the operative part), parts assigned."""
    parted = paragraphs if any(p.part != "intro" for p in paragraphs) else assign_parts(paragraphs)
    return [p for p in parted if p.part in ("header", "intro")]


def _search(paragraphs: Sequence[Paragraph], pattern: re.Pattern[str]) -> tuple[Paragraph, re.Match[str]] | None:
    for p in paragraphs:
        match = pattern.search(p.text)
        if match:
            return p, match
    return None


_APPEAL = re.compile(r"апелляционн\w*\s+(?:судебн\w+\s+коллеги\w*|инстанци\w*|постановлени\w*|определени\w*|"
                     r"жалоб\w*|представлени\w*|ходатайств\w*)|"
                     r"в\s+апелляционном\s+порядке", re.I)
_CASSATION = re.compile(r"кассационн\w*\s+(?:судебн\w+\s+коллеги\w*|инстанци\w*|постановлени\w*|определени\w*|"
                        r"жалоб\w*|протест\w*|ходатайств\w*)|"
                        r"в\s+кассационном\s+порядке", re.I)
_TERMINATION = re.compile(r"о\s+прекращении\s+(?:уголовного\s+дела|производства|досудебного\s+расследования|"
                          r"уголовного\s+преследования)", re.I)
_TERMINATE = re.compile(rf"{_NOT_LETTER_BEFORE}прекратить{_NOT_LETTER_AFTER}", re.I)
_ADMIN = re.compile(r"по\s+делу\s+об\s+административном\s+правонарушении", re.I)
_VERDICT_TITLE = re.compile(_alternatives(("ПРИГОВОР",)) + _NOT_LETTER_AFTER, re.I)
_RULING_TITLE = re.compile(_alternatives(("ПОСТАНОВЛЕНИЕ",)), re.I)
_VERDICT_OPERATIVE = re.compile(_alternatives(("ПРИГОВОРИЛ", "ПРИГОВОРИЛА")), re.I)


def decision_kind(paragraphs: Sequence[Paragraph]) -> Found[DecisionKind] | None:
    """What the decision is, from its title and introductory part; ``None`` when the text has no heading at all,
    ``other`` when it has headings but none of the kinds' marks.  A title «ПРИГОВОР» makes a verdict; then the
    marks of a cassation, an appeal, an administrative case, a termination; then «ПРИГОВОРИЛ:»; then a
    «ПОСТАНОВЛЕНИЕ» whose operative part opens with «прекратить»."""
    if not _has_heading(paragraphs):
        return None
    parted = assign_parts(paragraphs) if all(p.part == "intro" for p in paragraphs) else list(paragraphs)
    opening = [p for p in parted if p.part in ("header", "intro")]
    titles = [p for p in opening if heading_of(p.text) == "title"]
    verdict = _search(titles, _VERDICT_TITLE)
    if verdict:
        return Found("verdict", verdict[0].index, verdict[1].group(0))
    kind_marks: list[tuple[DecisionKind, re.Pattern[str]]] = [
        ("cassation_ruling", _CASSATION), ("appeal_ruling", _APPEAL), ("admin_decision", _ADMIN),
        ("termination", _TERMINATION),
    ]
    for kind, pattern in kind_marks:
        hit = _search(opening, pattern)
        if hit:
            return Found(kind, hit[0].index, hit[1].group(0))
    for p in parted:
        if p.part != "operative" and _boundary(p, "operative"):
            match = _VERDICT_OPERATIVE.search(p.text)
            if match:
                return Found("verdict", p.index, match.group(0))
    if _search(titles, _RULING_TITLE):
        hit = _search([p for p in parted if p.part == "operative"][:3], _TERMINATE)
        if hit:
            return Found("termination", hit[0].index, hit[1].group(0))
    first = next(p for p in parted if _opens_intro(p) or _boundary(p, "reasoning") or _boundary(p, "operative"))
    return Found("other", first.index, first.text.strip())


_RANK = (r"(?:младш\w+\s+|старш\w+\s+)?(?:лейтенант|капитан|майор|подполковник|полковник|генерал)\w*"
         r"(?:\s+(?:полиции|юстиции|финансовой\s+полиции|службы\s+\w+))?|"
         r"(?:младш\w+\s+|старш\w+\s+)?советник\w*\s+юстиции|юрист\w*\s+\d\s+класса")
_PERSON = rf"[{_UPPER}][{_LETTER}-]+\s+[{_UPPER}]\.\s?[{_UPPER}]\."
_COURT_START = re.compile(
    r"(?:(?:[Аа]пелляционн|[Кк]ассационн)\w+\s+)?[Сс]удебн\w+\s+коллеги\w+\s+по\s+\w+\s+делам|"
    r"[Сс]пециализированн\w+\s+(?:[\w-]+\s+){0,3}?суд\w*|"
    r"[А-ЯЁ][\w-]*(?:ий|ый|ой)\s+(?:районн|городск|межрайонн|областн|военн|гарнизонн)\w+\s+суд\w*|"
    r"(?:[Мм]ежрайонн|[Рр]айонн|[Вв]оенн)\w+\s+суд\w*|[Вв]ерховн\w+\s+[Сс]уд\w*"
)
_PRE_TRIAL_START = re.compile(
    r"(?:(?:[Сс]тарш|[Гг]лавн)\w+\s+)?(?:[Сс]ледовател|[Дд]ознавател|[Пп]рокурор|[Зз]аместител\w+\s+прокурор)\w*"
    r"(?=\s)"
)
_COURT_STOP = re.compile(
    r",|;|:|\s\(|\s+в\s+составе|\s+под\s+председательством|\s+рассмотрев|\s+рассмотрел|\s+при\s+секретаре|"
    r"\s+с\s+участием|\s+в\s+открытом|\s+в\s+закрытом|\s+председательствующ|\s+судь[яи]\s|\s+\d{1,2}\s+\w+\s+\d{4}|"
    rf"\.\s+[А-ЯЁ](?<![гс]\.\s[А-ЯЁ])|\s+{_PERSON}|$"
)
_COURT_NOUN = re.compile(rf"{_NOT_LETTER_BEFORE}[Сс]уд(?:а|е|у|ом)?{_NOT_LETTER_AFTER}")
"""A collegium named without its court («апелляционной судебной коллегии по уголовным делам») is not the court."""
_PRE_TRIAL_STOP = re.compile(rf",|;|:|\s\(|\s+рассмотрев|\s+(?:{_RANK})|\s+{_PERSON}|$")
MAX_COURT_CHARS = 200


def court_of(paragraphs: Sequence[Paragraph]) -> Found[str] | None:
    """The court (or, for a pre-trial decision, the investigator's or prosecutor's body), from the first paragraphs
    of the header and the introductory part; the name stops before «в составе», the judge, the officer's rank or
    name.  The quote is the name as written; the value is a court named in the genitive («судьи специализированного
    административного суда г. Павлодара») put in the nominative («Специализированный административный суд г.
    Павлодара»)."""
    opening = _opening(paragraphs)[:COURT_LINES]
    for p in opening:
        hits = [(m, _COURT_STOP, True) for m in _COURT_START.finditer(p.text)]
        hits += [(m, _PRE_TRIAL_STOP, False) for m in _PRE_TRIAL_START.finditer(p.text)]
        for start, stop, court in sorted(hits, key=lambda h: h[0].start()):
            end = stop.search(p.text, start.end())
            quote = p.text[start.start():end.start() if end else len(p.text)].strip().rstrip(".")
            if len(quote) <= MAX_COURT_CHARS and (not court or _COURT_NOUN.search(quote)):
                return Found(_nominative(quote) if court else quote, p.index, quote)
    return None


_HEAD = re.compile(r"[Сс]уд(?:а|е|у|ом)?|[Кк]оллеги\w*")


@cache
def _morph() -> Any:
    import pymorphy3  # loaded on first use: a court named in the genitive

    return pymorphy3.MorphAnalyzer()


def _nominative(name: str) -> str:
    """A court named in the genitive («судьи специализированного административного суда г. Павлодара») in the
    nominative («Специализированный административный суд г. Павлодара»): the words up to the court noun are put in
    the nominative, agreeing with it; the rest is kept as written.  A name already in the nominative, or one a word
    of which cannot be inflected, is returned as written."""
    words = name.split(" ")
    head = next((i for i, w in enumerate(words) if _HEAD.fullmatch(w)), None)
    if head is None or words[head].lower() in ("суд", "коллегия"):
        return name
    morph = _morph()
    gender = "femn" if words[head].lower().startswith("коллеги") else "masc"  # суд, коллегия
    out = []
    for word in words[:head + 1]:
        parse = next((p for p in morph.parse(word.lower()) if {"gent", "sing", gender} <= set(p.tag.grammemes)
                      and ({"ADJF", "NOUN"} & set(p.tag.grammemes))), None)
        inflected = parse.inflect({"nomn"}) if parse is not None else None
        if inflected is None:
            return name
        out.append(word[0] + inflected.word[1:] if word[0].isupper() else inflected.word)
    text = " ".join(out + words[head + 1:])
    return text[0].upper() + text[1:]


_BY_COURT = re.compile(r"(?:^|\s)(?:[Сс]уд\w*|[Сс]удебн\w+\s+коллеги\w+)(?=\s|$)")


def instance_of(paragraphs: Sequence[Paragraph]) -> Found[Instance] | None:
    """Who took the decision: ``appeal`` or ``cassation`` from the kind; a verdict, and a termination or
    administrative decision taken by a court, ``first_instance``; one taken by an investigator, inquiry officer or
    prosecutor, ``pre_trial``.  ``None`` when the text does not say."""
    kind = decision_kind(paragraphs)
    if kind is None or kind.value == "other":
        return None
    if kind.value == "appeal_ruling":
        return Found("appeal", kind.paragraph, kind.quote)
    if kind.value == "cassation_ruling":
        return Found("cassation", kind.paragraph, kind.quote)
    if kind.value == "verdict":
        return Found("first_instance", kind.paragraph, kind.quote)
    body = court_of(paragraphs)
    if body is None:
        return None
    if _PRE_TRIAL_START.match(body.value):
        return Found("pre_trial", body.paragraph, body.quote)
    if _BY_COURT.search(body.value):
        return Found("first_instance", body.paragraph, body.quote)
    return None


_BIRTH = re.compile(r"^\s*(?:(?:года|г\.?)\s*)?(?:рождения|р\.|г\.\s?р\.)", re.I)
"""After a date: «года рождения», «г.р.», «г. р.» (the date's quote may hold «года» or «г.» already)."""
SHORT_LINE = 80
"""A place-and-date line is short; longer paragraphs are searched only when no short one has a date."""


def _dates_in(p: Paragraph) -> list[Found[date]]:
    """The dates of ``p`` (:func:`sentencecheck.extract.dates.find_dates`) that are not birth dates."""
    out = []
    position = 0
    for found in find_dates(p):
        start = p.text.find(found.quote, position)
        position = start + len(found.quote)
        if not _BIRTH.match(p.text[position:]):
            out.append(found)
    return out


def decision_date(paragraphs: Sequence[Paragraph]) -> Found[date] | None:
    """The decision's date from the place-and-date line among the introductory part's first paragraphs
    («г. Алматы 13 мая 2024 года», «13.05.2024 г.»); birth dates («01.01.1990 года рождения») are skipped, and a
    text with no heading has none (its first date may be the offence's)."""
    if not _has_heading(paragraphs):
        return None
    opening = _opening(paragraphs)
    intro = [p for p in opening if p.part == "intro"][:FIRST_LINES] or opening[:FIRST_LINES]
    for short_only in (True, False):
        for p in intro:
            if short_only and len(p.text) > SHORT_LINE:
                continue
            found = _dates_in(p)
            if found:
                return found[0]
    return None
