"""Citations of code articles in a verdict's Russian text: «ч. 1 ст. 99 УК РК», «п.п. 1), 5) ч. 2 ст. 99 УК»,
«пунктом 2) части второй статьи 106 Уголовного кодекса Республики Казахстан», «п. «а» ч. 2 ст. 105 УК РФ»,
«ст. 105 ч. 2 п. «а» УК РФ», «ч. 3 ст. 24, ч. 1 ст. 99 УК РК» (an attempt).

Which code a citation belongs to, in this order:

1. the code named right after it («ч. 1 ст. 99 УК РК», also after a bracketed remark: «ст. 99 (убийство) УК РК»);
2. the code named at the end of the list it belongs to («ч. 1 ст. 120, ч. 1 ст. 121 УК РК»: both CC), a list being
   citations joined by commas, «и», «а также» or a dash;
3. the code named most recently before it in the paragraph;
4. the next code named later in the same sentence;
5. otherwise ``"unknown"``.

Steps 3 and 4 are the other way round from the first plan («the next code named in the same sentence» first): in
«суд квалифицирует по ч. 1 ст. 99, а в силу ст. 68 УПК …» the next code is the procedure code, and a draft that
filed a murder charge under УПК would be wrong, while the paragraph's earlier «УК РК» is right.  A list (step 2)
still takes the code at its end.

A bare «УК», «УПК», «КоАП» (no «РК» or «РФ») takes the country of the nearest code named with its country in the
paragraph (before it first), else Kazakhstan.  An article followed by another act («ст. 14 Закона …», «ст. 9 ГК
РК», «ст. 31 Конституции», a code that is none of the six) is not returned: it is no charge, and inferring a code
for it would be wrong."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sentencecheck.extract.numbers import ORDINAL_WORD, ordinal_value, roman_value
from sentencecheck.extract.passages import Found, Paragraph

CodeName = Literal["CC", "CAO", "CPC", "RU_CC", "RU_CAO", "RU_CPC", "unknown"]
Stage = Literal["completed", "attempt", "preparation"]

KZ_CODE_NAMES: frozenset[str] = frozenset({"CC", "CAO", "CPC"})
RU_CODE_NAMES: frozenset[str] = frozenset({"RU_CC", "RU_CAO", "RU_CPC"})


@dataclass(frozen=True)
class Cited:
    """One cited provision.  ``article`` is written as its code writes it («73-1» in a Kazakh code, «228.1» in
    the Russian Federation's), ``part`` with a hyphen («3-1»), ``items`` the numbered items («п.п. 1), 5)»: (1, 5)),
    ``letters`` the Russian Federation's lettered items («пп. «а», «в»»: ("а", "в")).  ``at`` is where the quote
    starts in the paragraph's text (to pair a charge with the sentence stated beside it); it takes no part in
    equality."""

    code: CodeName
    article: str
    part: str | None = None
    items: tuple[int, ...] = ()
    letters: tuple[str, ...] = ()
    stage: Stage = "completed"
    at: int = field(default=0, compare=False)


# --- the pieces of a citation ------------------------------------------------------------------------------------

_START = r"(?<![а-яёa-z])"  # a word starts here (no letter glued on before; «ч.1ст.99» has a digit)
_SEP = r"(?:\s*,\s*|\s+и\s+)"  # between the members of a list: «1), 5)», «1) и 5)»

_ITEM_WORD = rf"{_START}(?:п\.?\s*п\.|пп\.|п\.|п(?=\s*[\d«\"“„])|пункт(?:ами|ам|ах|ов|ом|а|у|е|ы)?)"
_PART_WORD = rf"{_START}(?:ч\.?\s*ч\.|ч\.|ч(?=\s*\d)|част(?:ями|ям|ях|ью|ь|и|ей))"
_ARTICLE_PLURAL = rf"{_START}(?:ст\.?\s*ст\.|стать(?:ями|ям|ях)|статей)"
_ARTICLE_SINGLE = rf"{_START}(?:ст\.|ст(?=\s*\d)|стать(?:я|и|е|ю|ей|ёй))"

_LETTER = r"[«\"“„']\s*[а-яё](?:\s*,\s*[а-яё])*\s*[»\"”“']"  # «а», "а", «а, в»
_ITEM_NUMBER = r"\d{1,2}(?:\s*\)|(?!\d|[.,]\d))"  # 5) or 5
_ITEM_VALUES = rf"(?:{_LETTER}|{_ITEM_NUMBER})(?:{_SEP}(?:{_LETTER}|{_ITEM_NUMBER}))*"

_ROMAN = r"(?-i:[IVXІ]{1,5})(?![a-zа-яё])"  # І is the Kazakh letter, typed for a Roman one
_PART_VALUE = rf"(?:\d{{1,2}}(?:[-‑.]\d{{1,2}}|[¹²³⁴⁵⁶⁷⁸⁹])?(?!\d)|{_ROMAN}|{ORDINAL_WORD})"
_PART_VALUES = rf"{_PART_VALUE}(?:{_SEP}{_PART_VALUE})*"

# 99, 73-1, 73¹, 228.1, and the Russian КоАП's 6.1.1
_ARTICLE_NUMBER = r"\d{1,4}(?:[-‑]\d{1,2}|(?:\.\d{1,2}){1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2})?(?!\d|[.,]\d)"

_CITATION = re.compile(
    rf"""
    (?:{_ITEM_WORD}\s*(?P<pre_items>{_ITEM_VALUES})\s*)?          # п.п. 1), 5)   пунктом 2)   п. «а»
    (?:{_PART_WORD}\s*(?P<pre_part>{_PART_VALUES})\s*)?          # ч. 2   части второй   ч.ч. 1, 2
    (?:(?P<plural>{_ARTICLE_PLURAL})\s*(?P<articles>{_ARTICLE_NUMBER}(?:{_SEP}{_ARTICLE_NUMBER})*)
      |{_ARTICLE_SINGLE}\s*(?P<article>{_ARTICLE_NUMBER}))        # ст. 99   статьей 73   ст.ст. 120, 121
    (?(pre_part)|                                                 # the RF order: ст. 105 ч. 2 п. «а»
      (?:\s*{_PART_WORD}\s*(?P<post_part>{_PART_VALUE})(?!\s*(?:{_ARTICLE_SINGLE}|{_ARTICLE_PLURAL}))
         (?:\s*{_ITEM_WORD}\s*(?P<post_items>{_ITEM_VALUES})(?!\s*(?:{_PART_WORD}|{_ARTICLE_SINGLE})))?
      )?
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

# --- code names ----------------------------------------------------------------------------------------------------

_KZ = r"(?:РК|Р\.К\.|Республик[иа]\s+Казахстан)"
_RU = r"(?:РФ|Р\.Ф\.|Российской\s+Федерации)"
_COUNTRY = rf"(?:\s+(?:{_KZ}|{_RU}))?"
_NOT_GLUED = r"(?![а-яёa-z])"
_CODE_ENDING = r"(?:а|у|ом|е)?"
_ADJECTIVE = r"(?:ый|ого|ому|ым|ом)"

_CODE = re.compile(
    rf"""
    (?<![а-яёa-z])
    (?:
      (?P<CPC>(?:(?-i:УПК){_NOT_GLUED}|уголовно[-‑\s]*процессуальн{_ADJECTIVE}\s+кодекс{_CODE_ENDING}){_COUNTRY})
    | (?P<CC>(?:(?-i:УК){_NOT_GLUED}|уголовн{_ADJECTIVE}\s+кодекс{_CODE_ENDING}){_COUNTRY})
    | (?P<CAO>(?:(?-i:КоАП|КОАП|КРКоАП|КРКОАП){_NOT_GLUED}
           |кодекс{_CODE_ENDING}(?:\s+(?:{_KZ}|{_RU}))?\s+об\s+административных\s+правонарушениях){_COUNTRY})
    | (?P<other>(?-i:ГК|ГПК|АППК|ТК|НК|СК|ЗК|КоБС){_NOT_GLUED}
           |закон(?:а|у|ом|е|ов)?{_NOT_GLUED}|конституци(?:и|я|ю|ей){_NOT_GLUED}|кодекс{_CODE_ENDING}{_NOT_GLUED}
           |постановлени(?:я|ю|ем|и){_NOT_GLUED}|правил{_NOT_GLUED}|указа{_NOT_GLUED}|конвенци(?:и|я|ю|ей){_NOT_GLUED})
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
_IS_KZ = re.compile(_KZ)
_IS_RU = re.compile(_RU)

# Between a citation and the code named after it: spaces, perhaps a bracketed remark («ст. 99 (убийство) УК РК»).
_ATTACHED = re.compile(r"\s*(?:\([^()]{0,200}\)\s*)?")
# Between two citations of one list: a comma, «и», «а также», a dash.
_LIST_GAP = re.compile(r"\s*(?:\([^()]{0,200}\)\s*)?(?:[,;]?\s*(?:и|а\s+также)\s+|\s*[,;–—-]\s*)")
# Stage wording: «покушение на убийство …», «приготовление к убийству …».
_ATTEMPT_WORDS = re.compile(r"(?<![а-яё])покушени[еяюи]м?\s+на(?![а-яё])", re.IGNORECASE)
_PREPARATION_WORDS = re.compile(r"(?<![а-яё])приготовлени[еяюи]м?\s+к(?![а-яё])", re.IGNORECASE)
# A full stop ending a sentence (a capital letter or an opening quote follows).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[«\"А-ЯЁA-Z])")
_ABBREVIATION = re.compile(r"(?<![А-ЯЁа-яёA-Za-z])(?:[а-яё]{1,3}|[А-ЯЁA-Z])\.$")  # «ст.», «г.», «т.е.», «А.»

_SUPERSCRIPT = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")
_FAMILIES: dict[tuple[str, str], CodeName] = {
    ("CC", "KZ"): "CC", ("CC", "RU"): "RU_CC", ("CPC", "KZ"): "CPC", ("CPC", "RU"): "RU_CPC",
    ("CAO", "KZ"): "CAO", ("CAO", "RU"): "RU_CAO",
}


@dataclass(frozen=True)
class _Mention:
    """A code named in the text: its family (None: another act) and country (None: not written)."""

    start: int
    end: int
    family: str | None
    country: str | None


@dataclass
class _Raw:
    """One citation as matched, before its code and stage are settled."""

    start: int
    end: int
    articles: list[str]
    parts: list[str | None]
    items: tuple[int, ...]
    letters: tuple[str, ...]
    code: CodeName = "unknown"
    quote_end: int = 0
    dropped: bool = False
    stage: Stage = "completed"
    quote_start: int = -1


def _mentions(text: str) -> list[_Mention]:
    found: list[_Mention] = []
    for match in _CODE.finditer(text):
        family = match.lastgroup
        if family == "other":
            found.append(_Mention(match.start(), match.end(), None, None))
            continue
        written = match.group(0)
        country = "RU" if _IS_RU.search(written) else "KZ" if _IS_KZ.search(written) else None
        found.append(_Mention(match.start(), match.end(), family, country))
    return found


def _codes(mentions: list[_Mention]) -> dict[int, CodeName]:
    """Each of our codes' mention (by start) -> its code name; a bare «УК» takes the nearest written country."""
    named = [m for m in mentions if m.country is not None]
    result: dict[int, CodeName] = {}
    for m in mentions:
        if m.family is None:
            continue
        country = m.country
        if country is None:
            before = [n for n in named if n.start < m.start]
            after = [n for n in named if n.start > m.start]
            country = before[-1].country if before else after[0].country if after else "KZ"
        result[m.start] = _FAMILIES[(m.family, country or "KZ")]
    return result


def _part(written: str | None) -> str | None:
    if written is None:
        return None
    written = written.strip()
    if (value := ordinal_value(written)) is not None:
        return str(value)
    if (roman := roman_value(written.replace("І", "I"))) is not None:
        return str(roman)
    if written[-1] in "¹²³⁴⁵⁶⁷⁸⁹":
        return f"{written[:-1]}-{written[-1].translate(_SUPERSCRIPT)}"
    return written.replace(".", "-").replace("‑", "-")


_PART_SPLIT = re.compile(_PART_VALUE, re.IGNORECASE | re.VERBOSE)
_ARTICLE_SPLIT = re.compile(_ARTICLE_NUMBER)
_LETTERS_IN = re.compile(r"(?<![а-яё])[а-яё](?![а-яё])", re.IGNORECASE)
_LETTER_SPLIT = re.compile(_LETTER, re.IGNORECASE)
_NUMBERS_IN = re.compile(r"\d{1,2}")


def _items(written: str | None) -> tuple[tuple[int, ...], tuple[str, ...]]:
    if not written:
        return (), ()
    letters = tuple(c.lower() for q in _LETTER_SPLIT.findall(written) for c in _LETTERS_IN.findall(q))
    numbers = tuple(int(n) for n in _NUMBERS_IN.findall(_LETTER_SPLIT.sub(" ", written)))
    return numbers, letters


def _raw(match: re.Match[str]) -> _Raw:
    articles = _ARTICLE_SPLIT.findall(match["articles"]) if match["plural"] else [match["article"]]
    parts_written = match["pre_part"]
    parts: list[str | None] = (
        [_part(p.group(0)) for p in _PART_SPLIT.finditer(parts_written)] if parts_written
        else [_part(match["post_part"])]
    )
    items, letters = _items(match["pre_items"] or match["post_items"])
    return _Raw(match.start(), match.end(), articles, parts, items, letters, quote_end=match.end())


def _article(written: str, code: str) -> str:
    plain = written.replace("‑", "-")
    if plain[-1] in "¹²³⁴⁵⁶⁷⁸⁹⁰":
        head = plain.rstrip("¹²³⁴⁵⁶⁷⁸⁹⁰")
        plain = f"{head}-{plain[len(head):].translate(_SUPERSCRIPT)}"
    if code in KZ_CODE_NAMES:
        return plain.replace(".", "-")
    if code in RU_CODE_NAMES:
        return plain.replace("-", ".")
    return plain


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts (0 first): after «.», «!» or «?» and a space before a capital letter
    or an opening quote, but not after an abbreviation («ст.», «г.», «т.е.», an initial «А.»)."""
    starts = [0]
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[max(0, match.start() - 6):match.start()]):
            starts.append(match.end())
    return starts


def _settle_codes(text: str, raws: list[_Raw], mentions: list[_Mention]) -> None:
    codes = _codes(mentions)
    attached: dict[int, _Mention] = {}
    for i, raw in enumerate(raws):
        after = next((m for m in mentions if m.start >= raw.end), None)
        limit = raws[i + 1].start if i + 1 < len(raws) else len(text)
        if after is not None and after.start <= limit and _ATTACHED.fullmatch(text, raw.end, after.start):
            attached[i] = after
            raw.quote_end = after.end
    starts = sentence_starts(text)
    for i, raw in enumerate(raws):
        j = i
        while j not in attached and j + 1 < len(raws) and _LIST_GAP.fullmatch(text, raws[j].end, raws[j + 1].start):
            j += 1
        if j in attached:
            mention = attached[j]
            raw.dropped = mention.family is None
            raw.code = codes.get(mention.start, "unknown")
            continue
        ours = [m for m in mentions if m.family is not None]
        before = [m for m in ours if m.end <= raw.start]
        sentence_end = next((s for s in starts if s > raw.end), len(text))
        later = [m for m in ours if raw.end <= m.start < sentence_end]
        if before:
            raw.code = codes[before[-1].start]
        elif later:
            raw.code = codes[later[0].start]


# CC 24 (KZ) and RU_CC 30: part 1 defines preparation, part 3 attempt (the brief; the research reads only CC 56,
# the sentence for an unfinished crime, not CC 24 itself).
_STAGE_MARKERS: dict[tuple[str, str, str | None], Stage] = {
    ("CC", "24", "1"): "preparation", ("CC", "24", "3"): "attempt",
    ("RU_CC", "30", "1"): "preparation", ("RU_CC", "30", "3"): "attempt",
}


def _marker_stage(raw: _Raw) -> Stage | None:
    """The stage a «ч. 3 ст. 24» citation sets, or None for any other citation."""
    if len(raw.articles) != 1 or len(raw.parts) != 1:
        return None
    return _STAGE_MARKERS.get((raw.code, raw.articles[0], raw.parts[0]))


def _general(raw: _Raw) -> bool:
    """A General Part citation («с учётом ст. 56 УК РК» after «покушение на преступление») takes no stage."""
    return any(is_general_part(Cited(raw.code, _article(a, raw.code))) for a in raw.articles)


def _settle_stages(text: str, raws: list[_Raw]) -> None:
    """A «ч. 3 ст. 24» joined to a citation (before it, else after it) gives that citation its stage and is then
    dropped; stage wording («покушение на») before a citation in its sentence does the same, unless the citation is
    of the General Part."""
    starts = sentence_starts(text)
    for i, raw in enumerate(raws):
        stage = _marker_stage(raw)
        if stage is None or raw.dropped:
            continue
        joined = None
        if i + 1 < len(raws) and _LIST_GAP.fullmatch(text, raw.quote_end, raws[i + 1].start):
            joined = raws[i + 1]
        elif i > 0 and _LIST_GAP.fullmatch(text, raws[i - 1].quote_end, raw.start):
            joined = raws[i - 1]
        if joined is not None and joined.code == raw.code and _marker_stage(joined) is None:
            joined.stage = stage
            joined.quote_start = min(joined.start, raw.start)
            joined.quote_end = max(joined.quote_end, raw.quote_end)
            raw.dropped = True
    previous_end = 0
    for raw in raws:
        sentence_start = max((s for s in starts if s <= raw.start), default=0)
        window = text[max(previous_end, sentence_start):raw.start]
        previous_end = raw.quote_end
        if raw.dropped or raw.stage != "completed" or _marker_stage(raw) is not None or _general(raw):
            continue
        if _ATTEMPT_WORDS.search(window):
            raw.stage = "attempt"
        elif _PREPARATION_WORDS.search(window):
            raw.stage = "preparation"


def find_citations(paragraph: Paragraph) -> list[Found[Cited]]:
    """Every citation of a code article in the paragraph, in reading order; a list of articles or parts
    («ст.ст. 120, 121», «ч.ч. 1, 2 ст. 99») gives one citation each, with the same quote."""
    text = paragraph.text
    raws = [_raw(m) for m in _CITATION.finditer(text)]
    if not raws:
        return []
    _settle_codes(text, raws, _mentions(text))
    _settle_stages(text, raws)
    found: list[Found[Cited]] = []
    for raw in raws:
        if raw.dropped:
            continue
        start = raw.quote_start if raw.quote_start >= 0 else raw.start
        quote = text[start:raw.quote_end]
        for article in raw.articles:
            for part in raw.parts:
                cited = Cited(raw.code, _article(article, raw.code), part, raw.items, raw.letters, raw.stage, at=start)
                found.append(Found(cited, paragraph.index, quote))
    return found


# --- articles that are no charge -----------------------------------------------------------------------------------

_AGGREGATION = {"CC": frozenset({"58", "59", "60", "62", "63", "64"}), "RU_CC": frozenset({"69", "70", "73", "74"})}


def is_aggregation(c: Cited) -> bool:
    """The article sets how a sentence is fixed or served, not an offence: a set of offences, a set of sentences,
    a conditional sentence.

    From the research (/work/shared/law/kz-law.md §4 and §10.1, kz-statutes.yaml): CC 58 «Назначение наказания по
    совокупности уголовных правонарушений», CC 60 (a set of sentences: 60(3), 60(4)), CC 63 «Условное осуждение».
    Not in the research, listed because the brief names them as sentence rules: CC 59, 62, 64 (what each says is
    unconfirmed here).  The Russian Federation's (general knowledge; the research covers Kazakhstan only): RU_CC 69
    (set of crimes), 70 (set of sentences), 73 (conditional sentence), 74 (its cancellation or extension)."""
    return c.article in _AGGREGATION.get(c.code, frozenset())


def is_general_part(c: Cited) -> bool:
    """The article is in its criminal code's General Part, so it is never a charge by itself (CC 55, 56, 58, 63,
    68 …).  Kazakhstan: the research's Special Part table (kz-law.md §5) begins at CC 99, and it treats CC 98-2 and
    98-3 as general measures; that everything below 99 is General Part is general knowledge consistent with it.
    Russian Federation: below RU_CC 105 (general knowledge, unconfirmed by the research)."""
    first = {"CC": 99, "RU_CC": 105}.get(c.code)
    if first is None:
        return False
    whole = re.match(r"\d+", c.article)
    return whole is not None and int(whole.group(0)) < first
