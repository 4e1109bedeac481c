"""Who the decision is about: each defendant's particulars and each victim, read from the text as it states them.

A defendant is found in the introductory part's particulars («Иванова Айгуль Сериковна, 12.03.1990 года рождения,
уроженка г. Алматы, …, ранее не судимая, …»), or, where the text gives none, by the role before the name
(«подсудимого Ахметова Б.К.», «правонарушитель …», «лицо, привлекаемое к административной ответственности, …»).
A victim is found by the role before the name («потерпевшая Сейткали Д.Н.», never «представителя потерпевшего …»)
or as the person an act was done to («нанесла Сарсенбаеву Е.К. удар», «смерть Сарсенбаева Е.К.»).

One person is one surname stem and first initial, whatever the case form («Сарсенбаевой Динары Маратовны»,
«Сарсенбаева Д.М.»).  Sex is read from every signal the text gives (the patronymic, the surname's case form,
agreeing words of the particulars and of the role, past-tense verbs with the name as subject, the relation word
«супругой»/«мужем»); when the signals disagree, the sex is not known.  The first name's gender in pymorphy3's
dictionary counts only when nothing else tells (the dictionary knows few Kazakh names).  Nothing is guessed: a field
the text does not state is ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, Literal

from sentencecheck.extract.dates import parse_date
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.redaction import parse_name, surname_stem

Sex = Literal["female", "male"]
"""The same choices as ``sentencecheck.model.case.Sex`` (kept here so that extraction does not load the model)."""
Relationship = Literal[
    "spouse", "former_spouse", "partner", "former_partner", "parent", "step_parent", "child", "step_child",
    "other_relative", "teacher", "superior", "colleague", "acquaintance", "stranger", "carer", "service_provider",
]
"""The same choices as ``sentencecheck.model.case.Relationship``: for family ties, what the victim is to the
defendant (``child``: the victim is the defendant's child); ``teacher`` and ``superior``, what the defendant is to
the victim."""

UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "а-яёәғқңөұүһі"
LETTER = UPPER + LOWER
_SURNAME = rf"[{UPPER}](?:[{LOWER}]+|[{UPPER}]+)(?:-[{UPPER}]?[{LETTER}]+)?"
_GIVEN = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)?"
_KZ_PATRONYMIC = r"(?:улы|ұлы|уулы|кызы|қызы|гызы|оглы)"
_INITIALS = rf"[{UPPER}]\.\s?(?:[{UPPER}]\.)?"
NAME = (rf"(?-i:(?:{_SURNAME}\s+{_INITIALS}|"
        rf"{_SURNAME}\s+{_GIVEN}(?:\s+{_GIVEN}(?:\s+{_KZ_PATRONYMIC}(?![{LETTER}]))?)?)(?![{LETTER}]))")
"""A person's name as decisions write it: surname and initials («Ахметов Б.К.»), or surname, first name and
patronymic in any case form («Сарсенбаевой Динары Маратовны», «Нурланов Ерлан Серик улы»)."""
_NAME_RE = re.compile(NAME)
_MONTH = (r"(?:январ[яь]|феврал[яь]|марта?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|августа?|сентябр[яь]|октябр[яь]|"
          r"ноябр[яь]|декабр[яь])")
_DAY = rf"(?:\d{{1,2}}\.\d{{1,2}}\.\d{{4}}|[«\"]?\d{{1,2}}[»\"]?\s+{_MONTH}\s+\d{{4}})"
_BIRTH_TAIL = r"\s*(?:года\s+рождения|г\.\s?р\.?|г\.\s*рождения|года\s+р\.|гр\.|рождения)"
_ANCHOR = re.compile(
    rf"(?P<name>{NAME})\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*"
    rf"(?:(?P<birth>{_DAY}|\d{{4}}){_BIRTH_TAIL}|(?:родивш\w+|дата\s+рождения\s*:?)\s+(?P<born>{_DAY}))",
    re.IGNORECASE,
)
"""The start of a person's particulars: the name followed by the birth date or year."""
_NAME_ALONE = re.compile(rf"^\s*(?:{NAME})\s*,?\s*$")
_BIRTH_FIRST = re.compile(rf"^\s*(?P<birth>{_DAY}|\d{{4}}){_BIRTH_TAIL}", re.IGNORECASE)
_NOT_A_DEFENDANT_BEFORE = re.compile(
    rf"(?<![{LETTER}])(?:потерпевш|представител|свидетел|защитник|адвокат|секретар|судь|прокурор|обвинител|переводчик|эксперт|"
    r"специалист|супруг|жен|муж|сожител|мат|отц|отец|сын|доч|брат|сестр)\w*\s*[-–—:,]?\s*$",
    re.IGNORECASE,
)
_PARTICULARS_END = re.compile(
    r"^\s*(?:обвиняем|подозреваем|подсудим|привлекаем|осужд[её]н|в\s+совершении|по\s+обвинению|по\s+признакам|по\s+ст\.|"
    r"по\s+ч\.|У\s*С\s*Т\s*А\s*Н\s*О\s*В)",
    re.IGNORECASE,
)
_CHARGE_IN_PARTICULARS = re.compile(r"(?:обвиняем|подозреваем|привлекаем)\w*\s+(?:в\s+совершении|по\s)", re.IGNORECASE)
_CONVICTED_NOW = re.compile(r"(?<![а-яё])осужд[её]н\w*\s+(?:по\s|к\s|за\s|приговором)", re.IGNORECASE)
_PRIOR_RECORD = re.compile(r"(?<!не\s)(?<!не)судим", re.IGNORECASE)

MAX_CONTINUATION = 12
"""Paragraphs after the name that may still belong to the particulars (one item a line)."""
_DEFENDANT_ROLE = re.compile(
    rf"(?<![{LETTER}])(?P<role>подсудим\w*|осужд[её]нн\w*|обвиняем\w*|оправданн\w*|правонарушител\w*|"
    rf"подозреваем\w*|по\s+обвинению|лиц\w*,?\s+привлекаем\w*\s+к\s+административной\s+ответственности)"
    rf"\s*[:–—-]?\s*(?P<name>{NAME})",
    re.IGNORECASE,
)
_PLURAL_ROLE = re.compile(r"(?:ых|ые|ыми|ими|их|ие|ей)$", re.IGNORECASE)
_NEXT_NAME = re.compile(rf"\s*(?:,|и)\s*(?P<name>{NAME})")
_CONVICT_ORDER = re.compile(rf"(?P<name>{NAME})\s+признать\s+виновн|признать\s+(?P<name2>{NAME})\s+виновн")
_VICTIM_ROLE = re.compile(
    rf"(?<![{LETTER}])(?P<young>(?:малолетн|несовершеннолетн)\w+\s+)?(?P<role>потерпевш\w+)\s*[:–—-]?\s*"
    rf"(?P<name>{NAME})",
    re.IGNORECASE,
)
_REPRESENTATIVE_BEFORE = re.compile(r"(?:представител\w*|свидетел\w*)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ACT_ON = re.compile(
    rf"(?<![{LETTER}])(?:нан[её]с\w*|причинил\w*|причинив|ударил\w*|избил\w*|избива\w+|убил\w*|задушил\w*|зарезал\w*|"
    rf"толкнул\w*|изнасиловал\w*|угрожал\w*|напал\w*\s+на|убийств\w+|смерт\w+|труп\w*|"
    rf"изнасиловани\w+|избиени\w+)\s+(?-i:[{LOWER}]+\s+){{0,3}}(?P<name>{NAME})",
    re.IGNORECASE,
)
_WORD = re.compile(rf"[{LETTER}]+(?:-[{LETTER}]+)?")


def _particulars_stop(text: str, start: int, end: int) -> int | None:
    """Where a person's particulars give way to the charge («обвиняемого в совершении …») or, in an appeal ruling,
    to the conviction under appeal («…, ранее не судимый, осуждён по ч. 1 ст. 106 УК РК …»); a conviction listed
    after «ранее судим:» is part of the particulars."""
    charge = _CHARGE_IN_PARTICULARS.search(text, start, end)
    stop = charge.start() if charge else None
    convicted = _CONVICTED_NOW.search(text, start, stop if stop is not None else end)
    if convicted and not _PRIOR_RECORD.search(text, start, convicted.start()):
        stop = convicted.start()
    return stop


@dataclass(frozen=True)
class DefendantFacts:
    """What the text states about one defendant; ``None`` where it states nothing.  ``birth_year`` is set whenever a
    birth is stated, also when only the year is («1991 года рождения»); ``age`` only when the age itself is («в
    возрасте 17 лет»)."""

    name: Found[str] | None
    sex: Found[Sex] | None
    birth_date: Found[date] | None
    birth_year: Found[int] | None
    age: Found[int] | None
    prior_convictions: Found[bool] | None
    employed: Found[bool] | None
    law_enforcement_officer: Found[bool] | None
    public_office: Found[bool] | None
    has_young_children: Found[bool] | None
    pregnant: Found[bool] | None


@dataclass(frozen=True)
class VictimFacts:
    """What the text states about one victim: ``age_under`` is 14 for «малолетняя», 18 for «несовершеннолетняя»
    (the model's ``AgeRange(under=…)``); ``relationship`` is what the victim is to the defendant the passage names."""

    name: Found[str] | None
    sex: Found[Sex] | None
    birth_date: Found[date] | None
    birth_year: Found[int] | None
    age: Found[int] | None
    age_under: Found[int] | None
    relationship: Found[Relationship] | None
    deceased: Found[bool] | None


# ----------------------------------------------------------------------------------------------------- text helpers


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # a large dictionary: loaded on first use

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=8192)
def _tags(word: str) -> tuple[str, ...]:
    """pymorphy3's readings of ``word``, as tag strings, most likely first."""
    return tuple(str(p.tag) for p in _morph().parse(word))


def word_is(word: str, *grammemes: str) -> bool:
    """Whether the most likely reading of ``word`` has every grammeme («GRND», «PRTF», «VERB» …)."""
    tags = _tags(word.lower())
    return bool(tags) and all(g in tags[0] for g in grammemes)


def rx(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern that starts and ends at word boundaries (Cyrillic included)."""
    return re.compile(rf"(?<![{LETTER}])(?:{pattern})(?![{LETTER}])", re.IGNORECASE)


_ABBREVIATIONS = frozenset({"ст", "пп", "гг", "ул", "им", "мкр", "обл", "кв", "тел", "просп", "пр", "тыс", "руб",
                            "см", "напр", "т.е", "т.к", "т.д", "т.п", "д", "г", "с", "п", "ч", "р", "пос", "корп",
                            "стр", "мл", "ст.ст", "р-н", "р-на", "гр", "№"})
_SENTENCE_BREAK = re.compile(r"[.!?](?=\s+[«\"(]?[" + UPPER + r"0-9])")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph as (start, end) offsets; a point after an initial («Д.М.») or a usual
    abbreviation («ст.», «ч.», «г.») does not end a sentence."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        before = re.search(rf"([{LETTER}.\-]+)$", text[start:match.start()])
        token = before.group(1).lower() if before else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or re.fullmatch(r"(?:\w\.)+\w", token):
            continue
        spans.append((start, match.end()))
        start = match.end()
        while start < len(text) and text[start].isspace():
            start += 1
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentences(paragraph: Paragraph) -> Iterator[tuple[int, str]]:
    """(start offset, text) of each sentence of a paragraph."""
    for start, end in sentence_spans(paragraph.text):
        yield start, paragraph.text[start:end]


def of_part(paragraphs: Sequence[Paragraph], *parts: str) -> list[Paragraph]:
    """The paragraphs of the given parts, in order."""
    return [p for p in paragraphs if p.part in parts]


def found(paragraph: Paragraph, start: int, end: int) -> Found[str]:
    """The passage ``paragraph.text[start:end]``, trimmed, as a :class:`Found` of itself."""
    quote = paragraph.text[start:end].strip(" ,;:")
    return Found(quote, paragraph.index, quote)


# ------------------------------------------------------------------------------------------------------------ names

Key = tuple[str, str | None]
"""A person: the surname's stem, and the first initial and sex the name shows («А|m»; ``None`` when neither)."""


def person_key(name: str) -> Key | None:
    """The person a written name is: «Сарсенбаевой Динары Маратовны» and «Сарсенбаева Д.М.» are one."""
    mention = parse_name(name)
    if mention is None:
        return None
    if mention.initial is None and mention.gender is None:
        return (mention.stem, None)
    return (mention.stem, f"{mention.initial or ''}|{mention.gender or ''}")


def _marks(key: Key) -> tuple[str | None, str | None]:
    """The first initial and the sex («f», «m») a name's form shows, each ``None`` when it shows none."""
    initial, _, gender = (key[1] or "").partition("|")
    return initial or None, gender or None


def same_person(a: Key | None, b: Key | None) -> bool:
    """One surname stem, and no initial or sex that tells the two apart («Тлеубаев А.М.» is not «Тлеубаева А.С.»)."""
    if a is None or b is None or a[0] != b[0]:
        return False
    return all(x is None or y is None or x == y for x, y in zip(_marks(a), _marks(b), strict=True))


@dataclass(frozen=True)
class Mention:
    """One place a person's name is written."""

    key: Key
    paragraph: Paragraph
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start:self.end]


def name_mentions(paragraphs: Sequence[Paragraph]) -> list[Mention]:
    """Every written name, in reading order."""
    out: list[Mention] = []
    for p in paragraphs:
        for match in _NAME_RE.finditer(p.text):
            key = person_key(match.group(0))
            if key is not None:
                out.append(Mention(key, p, match.start(), match.end()))
    return out


def mentions_of(key: Key, paragraphs: Sequence[Paragraph]) -> list[Mention]:
    return [m for m in name_mentions(paragraphs) if same_person(m.key, key)]


def _is_full(name: str) -> bool:
    return "." not in name and len(name.split()) >= 2


# -------------------------------------------------------------------------------------------------------------- sex

_FEMALE_PATRONYMIC = re.compile(r"(?:овн|евн|ичн)[аыеуой]{1,2}$|(?:кызы|қызы|гызы)$", re.IGNORECASE)
_MALE_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|ич)(?:а|у|ем|е)?$|(?:улы|ұлы|уулы|оглы)$", re.IGNORECASE)
_AGREEING: list[tuple[re.Pattern[str], Sex]] = [
    (rx(r"уроженк[аиуеой]|уроженкой|гражданк[аиуеой]|гражданкой|вдов[аыеу]|вдовой|(?:не)?замужн\w+|не\s+замужем|"
        r"разведенн(?:ая|ой|ую)|разведённ(?:ая|ой|ую)|казашк\w+|домохозяйк\w+|пенсионерк\w+|студентк\w+|"
        r"(?:не\s*)?работающ(?:ая|ей|ую)|(?:не\s*)?судим(?:ая|ой|ую|а)|проживающ(?:ая|ей|ую)|"
        r"зарегистрированн(?:ая|ой|ую)|имеющ(?:ая|ей|ую)|(?:не)?военнообязанн(?:ая|ой|ую)|являющ(?:аяся|ейся|уюся)|"
        r"беременн(?:ая|ой|ую)|трудоустроенн(?:ая|ой|ую)|родивш(?:аяся|ейся|уюся)"), "female"),
    (rx(r"урож[её]н(?:ец|ца|цу|цем|це)|граждан(?:ин|ина|ину|ином|ине)|вдов(?:ец|ца|цу|цом)|женат(?:ый|ого|ому|ым)?|"
        r"холост(?:ой|ого|ому|ым)?|разведенн(?:ый|ого|ому)|разведённ(?:ый|ого|ому)|казах(?:а|у|ом)?|"
        r"(?:не\s*)?работающ(?:ий|его|ему|им)|(?:не\s*)?судим(?:ый|ого|ому|ым)?|проживающ(?:ий|его|ему|им)|"
        r"зарегистрированн(?:ый|ого|ому)|имеющ(?:ий|его|ему|им)|(?:не)?военнообязанн(?:ый|ого|ому)|"
        r"являющ(?:ийся|егося|емуся)|трудоустроенн(?:ый|ого|ому)|родивш(?:ийся|егося|емуся)"), "male"),
]
"""Words of the particulars that agree with the person's sex."""
_ROLE_FEMALE = re.compile(r"(?:ая|ой|ую|ей|ица|ицы|ице|ицу|ицей)$", re.IGNORECASE)
_NOMINATIVE_ENDS = frozenset({"", "а", "ий", "ая"})
MAX_GERUND_PHRASE = 300
"""Characters searched after a gerund phrase («…, действуя умышленно, …, взяла …») for the person's verb."""


def _sex_of_role(role: str) -> Sex | None:
    """The sex a role word agrees with: «подсудимая», «подсудимой» female; «подсудимого» male; plural: none."""
    word = role.split()[0].lower()
    if re.search(r"(?:ых|ые|ыми|ими|их|ие)$", word):
        return None
    if word.startswith("правонарушител"):  # the masculine noun is written for women too
        return "female" if "ниц" in word else None
    if _ROLE_FEMALE.search(word):
        return "female"
    if re.search(r"(?:ый|ий|ого|его|ому|ему|ым|им)$", word):
        return "male"
    return None


def _patronymic_sex(name: str) -> Sex | None:
    words = name.split()
    for word in words[1:]:
        if _FEMALE_PATRONYMIC.search(word):
            return "female"
        if _MALE_PATRONYMIC.search(word) and (len(word) > 4 or word.lower() in ("улы", "ұлы", "уулы", "оглы")):
            return "male"
    return None


def _given_name_sex(name: str) -> Sex | None:
    """The first name's gender where pymorphy3's dictionary knows the name and every reading agrees."""
    words = name.split()
    if len(words) < 2 or "." in words[1]:
        return None
    readings = [p for p in _morph().parse(words[1]) if "Name" in p.tag and p.is_known]
    genders = {"female" if "femn" in p.tag else "male" if "masc" in p.tag else "?" for p in readings}
    if len(genders) == 1 and "?" not in genders:
        return "female" if "female" in genders else "male"
    return None


def _surname_sex(name: str) -> Sex | None:
    """The sex the surname's case form shows («Ивановой» female, «Иванов» male, «Иванова» neither)."""
    _, gender = surname_stem(name.split()[0])
    return "female" if gender == "f" else "male" if gender == "m" else None


def _nominative(name: str) -> bool:
    """Whether the surname's form may be the subject of a sentence («Иванова», «Иванов», «Ким»)."""
    word = name.split()[0].lower().replace("ё", "е")
    stem, _ = surname_stem(word)
    return word == stem or word[len(stem):] in _NOMINATIVE_ENDS


def _past_verb_sex(word: str) -> Sex | None:
    tags = _tags(word.lower())
    if not tags or "VERB" not in tags[0] or "past" not in tags[0]:
        return None
    return "female" if "femn" in tags[0] else "male" if "masc" in tags[0] else None


def _verb_after(paragraph: Paragraph, mention: Mention) -> tuple[Sex, Found[str]] | None:
    """The sex shown by the past-tense verb whose subject is the name: «Сарсенбаева Д.М. совершила», «Сарсенбаев Е.К.
    нанёс», «Сарсенбаева Д.М., действуя умышленно, …, взяла»."""
    if not _nominative(mention.text):
        return None
    text = paragraph.text
    sentence_end = next((e for s, e in sentence_spans(text) if s <= mention.start < e), len(text))
    rest = text[mention.end:sentence_end]
    words = list(_WORD.finditer(rest))
    for n, match in enumerate(words[:3]):
        between = rest[(words[n - 1].end() if n else 0):match.start()]
        if "," in between or "(" in between:
            break
        sex = _past_verb_sex(match.group(0))
        if sex is not None:
            return sex, found(paragraph, mention.start, mention.end + match.end())
        if not (word_is(match.group(0), "ADVB") or word_is(match.group(0), "PRCL") or word_is(match.group(0), "CONJ")):
            break
    if rest.lstrip().startswith(",") and words and word_is(words[0].group(0), "GRND"):
        for comma in re.finditer(",", rest[:MAX_GERUND_PHRASE]):
            for match in _WORD.finditer(rest, comma.end(), min(len(rest), comma.end() + 40)):
                sex = _past_verb_sex(match.group(0))
                if sex is not None:
                    return sex, found(paragraph, mention.start, mention.end + match.end())
                if not (word_is(match.group(0), "ADVB") or word_is(match.group(0), "PRCL")):
                    break
    return None


def decide_sex(signals: Sequence[tuple[Sex, Found[str]]],
               fallback: Sequence[tuple[Sex, Found[str]]] = ()) -> Found[Sex] | None:
    """One sex when every signal agrees (the passage of the first), else ``None``; the ``fallback`` signals (a first
    name's gender in the dictionary, which knows few Kazakh names: «Айлин» is masculine there) count only when the
    text gives no other."""
    chosen = signals or fallback
    if not chosen or len({s for s, _ in chosen}) != 1:
        return None
    sex, where = chosen[0]
    return Found(sex, where.paragraph, where.quote)


def name_sex_signals(mention: Mention) -> list[tuple[Sex, Found[str]]]:
    """Signals from a written name itself: the patronymic, then the surname's form."""
    out: list[tuple[Sex, Found[str]]] = []
    where = found(mention.paragraph, mention.start, mention.end)
    for reader in (_patronymic_sex, _surname_sex):
        sex = reader(mention.text)
        if sex is not None:
            out.append((sex, where))
    return out


def given_name_signals(mentions: Sequence[Mention]) -> list[tuple[Sex, Found[str]]]:
    """The fallback signal: the first name's gender in pymorphy3's dictionary."""
    out: list[tuple[Sex, Found[str]]] = []
    for mention in mentions:
        sex = _given_name_sex(mention.text)
        if sex is not None:
            out.append((sex, found(mention.paragraph, mention.start, mention.end)))
    return out


def verb_signals(key: Key, paragraphs: Sequence[Paragraph]) -> list[tuple[Sex, Found[str]]]:
    out: list[tuple[Sex, Found[str]]] = []
    for mention in mentions_of(key, of_part(paragraphs, "reasoning")):
        hit = _verb_after(mention.paragraph, mention)
        if hit is not None:
            out.append(hit)
    return out


# ------------------------------------------------------------------------------------------------------- defendants

Segment = tuple[Paragraph, int, int]
"""Part of a paragraph: the paragraph, start and end offsets."""


@dataclass(frozen=True)
class _Person:
    key: Key
    name: Found[str]
    segments: tuple[Segment, ...] = ()
    born: Born = (None, None)
    role_sex: tuple[tuple[Sex, Found[str]], ...] = ()


def _opening_part(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The header and introductory part; for a text without headings, the paragraphs before «установил»."""
    opening = of_part(paragraphs, "header", "intro")
    if len(opening) < len(paragraphs):
        return opening
    cut = next((i for i, p in enumerate(paragraphs) if re.search(r"установил[а]?\s*:", p.text, re.IGNORECASE)), None)
    return list(paragraphs) if cut is None else list(paragraphs[:cut + 1])


Born = tuple[Found[date] | None, Found[int] | None]
"""A birth as stated: the date (when the day is given) and the year, each with the passage."""


def _born(paragraph: Paragraph, match: re.Match[str] | None, group: str) -> Born:
    """The birth date and year a match's ``group`` holds («4 ноября 1990 года рождения», «1986 года рождения»)."""
    text = match.group(group) if match else None
    if match is None or not text:
        return None, None
    quote = paragraph.text[match.start(group):match.end()].strip()
    day = parse_date(text.replace("«", "").replace("»", "").replace('"', ""))
    year = re.search(r"\d{4}", text)
    return (None if day is None else Found(day, paragraph.index, quote),
            None if year is None else Found(int(year.group(0)), paragraph.index, quote))


def _anchors(opening: Sequence[Paragraph]) -> list[tuple[int, re.Match[str] | None, Paragraph, int]]:
    """(position in ``opening``, anchor match or None for a name alone on its line, paragraph, name start)."""
    out: list[tuple[int, re.Match[str] | None, Paragraph, int]] = []
    for i, p in enumerate(opening):
        for match in _ANCHOR.finditer(p.text):
            if not _NOT_A_DEFENDANT_BEFORE.search(p.text[max(0, match.start() - 40):match.start()]):
                out.append((i, match, p, match.start()))
        if _NAME_ALONE.match(p.text) and i + 1 < len(opening) and _BIRTH_FIRST.match(opening[i + 1].text):
            out.append((i, None, p, len(p.text) - len(p.text.lstrip())))
    return out


def _particulars(paragraphs: Sequence[Paragraph]) -> list[_Person]:
    """Each person whose particulars the introductory part gives, with the text of the particulars."""
    opening = _opening_part(paragraphs)
    anchors = _anchors(opening)
    people: list[_Person] = []
    for n, (i, match, p, start) in enumerate(anchors):
        next_here = [a[3] for a in anchors[n + 1:] if a[2] is p]
        end = next_here[0] if next_here else len(p.text)
        charge = _particulars_stop(p.text, start, end)
        segments: list[Segment] = [(p, start, end if charge is None else charge)]
        if not next_here and charge is None:
            later_anchor = {a[0] for a in anchors[n + 1:]}
            for j in range(i + 1, min(len(opening), i + 1 + MAX_CONTINUATION)):
                q = opening[j]
                if j in later_anchor or _PARTICULARS_END.match(q.text) or q.part != p.part:
                    break
                stop = _particulars_stop(q.text, 0, len(q.text))
                segments.append((q, 0, len(q.text) if stop is None else stop))
                if stop is not None:
                    break
        if match is not None:
            name_text = match.group("name")
            name = Found(name_text, p.index, name_text)
            born = _born(p, match, "birth") if match.group("birth") else _born(p, match, "born")
        else:
            name_text = p.text.strip().rstrip(",").strip()
            name = Found(name_text, p.index, name_text)
            born = _born(opening[i + 1], _BIRTH_FIRST.match(opening[i + 1].text), "birth")
        key = person_key(name_text)
        if key is not None and not any(same_person(key, q.key) for q in people):
            people.append(_Person(key, name, tuple(segments), born))
    return people


def _role_mentions(paragraphs: Sequence[Paragraph]) -> list[tuple[Key, Found[str], Sex | None, Found[str]]]:
    """(person, name as written, sex the role word agrees with, passage) for «подсудимой Сарсенбаевой Д.М.»."""
    out: list[tuple[Key, Found[str], Sex | None, Found[str]]] = []
    for p in paragraphs:
        for match in _DEFENDANT_ROLE.finditer(p.text):
            role = match.group("role")
            if role.lower().startswith("лиц") and "привлекаем" not in role.lower():
                continue
            sex = _sex_of_role(role)
            names = [(match.group("name"), match.start(), match.end())]
            if _PLURAL_ROLE.search(role.split()[0]):  # «подсудимых Омарова А.К. и Омаровой Г.Т.»
                end = match.end()
                while more := _NEXT_NAME.match(p.text, end):
                    names.append((more.group("name"), more.start("name"), more.end()))
                    end = more.end()
            for text, start, end in names:
                key = person_key(text)
                if key is not None:
                    out.append((key, Found(text, p.index, text), sex, found(p, start, end)))
    return out


def _people(paragraphs: Sequence[Paragraph]) -> list[_Person]:
    people = _particulars(paragraphs)
    roles = _role_mentions(paragraphs)
    for key, name, _, _ in roles:
        if not any(same_person(key, q.key) for q in people) and name.paragraph in {
            p.index for p in _opening_part(paragraphs)
        }:
            people.append(_Person(key, name))
    if not people:
        for p in of_part(paragraphs, "operative"):
            for match in _CONVICT_ORDER.finditer(p.text):
                text = match.group("name") or match.group("name2")
                convicted = person_key(text)
                if convicted is not None and not any(same_person(convicted, q.key) for q in people):
                    people.append(_Person(convicted, Found(text, p.index, text)))
    if not people:  # a pre-trial body's decision names the suspect where it retells the questioning
        for key, name, _, _ in roles:
            if not any(same_person(key, q.key) for q in people):
                people.append(_Person(key, name))
    out: list[_Person] = []
    for person in people:
        role_sex = tuple((s, where) for k, _, s, where in roles if s is not None and same_person(k, person.key))
        out.append(_Person(person.key, person.name, person.segments, person.born, role_sex))
    return out


def _first(segments: Sequence[Segment], pattern: re.Pattern[str]) -> tuple[Segment, re.Match[str]] | None:
    for segment in segments:
        p, start, end = segment
        match = pattern.search(p.text, start, end)
        if match:
            return segment, match
    return None


def _flag(segments: Sequence[Segment], yes: re.Pattern[str] | None, no: re.Pattern[str] | None,
          decisive: re.Pattern[str] | None = None) -> Found[bool] | None:
    """True or False from the first passage that says so; ``None`` when the text says neither, or both."""
    if decisive is not None:
        hit = _first(segments, decisive)
        if hit:
            return Found(True, hit[0][0].index, hit[1].group(0))
    hits: list[tuple[bool, Segment, re.Match[str]]] = []
    for value, pattern in ((False, no), (True, yes)):
        if pattern is None:
            continue
        hit = _first(segments, pattern)
        if hit:
            hits.append((value, *hit))
    if len(hits) != 1:
        return None
    value, segment, match = hits[0]
    return Found(value, segment[0].index, match.group(0))


_NOT_CONVICTED = rx(r"(?:ранее\s+)?не\s*судим\w*|несудим\w*|судимост(?:и|ей)\s+не\s+име\w+|"
                    r"не\s+име\w+\s+судимост\w+")
_CONVICTED = re.compile(
    rf"(?<![{LETTER}])(?<!не\s)(?<!не)(?:ранее\s+(?:(?:неоднократно|дважды|трижды)\s+)?)?судим(?:ый|ая|ого|ой|ому|ым|а|ых)?"
    rf"(?![{LETTER}])",
    re.IGNORECASE,
)
_UNSPENT = rx(r"судимост\w+\s+(?:\w+\s+){0,3}не\s+(?:погашен\w*|снят\w*)|"
              r"(?:не\s*погашенн|непогашенн|неснят)\w+\s+судимост\w+")
_SPENT = re.compile(rf"(?<![{LETTER}])судимост\w+\s+(?:\w+\s+){{0,3}}(?<!не\s)(?:погашен\w*|снят\w*)", re.IGNORECASE)
_UNEMPLOYED = rx(r"(?:временно\s+|нигде\s+|официально\s+)?не\s*работа\w+|безработн\w+|не\s*трудоустро\w+")
_EMPLOYED = re.compile(
    rf"(?<![{LETTER}])(?<!не\s)(?<!не)(?:работающ\w+|работает|трудоустроен\w*|занимающ\w+\s+должност\w+)(?![{LETTER}])|"
    r"мест\w*\s+работы\s*:",
    re.IGNORECASE,
)
LAW_ENFORCEMENT = (
    r"сотрудник\w*\s+(?:(?:\w+\s+){0,3}?полиции|органов\s+внутренних\s+дел|ОВД|МВД|прокуратуры|"
    r"антикоррупционной\s+службы|(?:службы|департамента)\s+экономических\s+расследований|финансовой\s+полиции|"
    r"уголовно-исполнительной\s+системы)|"
    r"(?:старш\w+\s+|младш\w+\s+)?участков\w+\s+инспектор\w*(?:\s+полиции)?|инспектор\w*\s+(?:\w+\s+){0,4}?полиции|"
    r"(?:старш\w+\s+)?оперуполномоченн\w*|(?:старш\w+\s+)?следовател\w*|дознавател\w*|полицейск\w+|"
    r"(?:младш\w+\s+|старш\w+\s+)?(?:лейтенант|капитан|майор|подполковник|полковник|сержант|прапорщик)\w*\s+полиции|"
    r"начальник\w*\s+(?:\w+\s+){0,3}?(?:полиции|ОВД|ОП|РОВД|УВД|ДП)(?![" + LETTER + "])|"
    r"(?:помощник\w*\s+|заместител\w+\s+)?прокурор\w*"
)
"""Positions in the police, the internal-affairs bodies, the prosecutor's office, the anti-corruption and economic
investigation services and the penal system, as decisions name them."""
_NOT_FORMER = rf"(?<![{LETTER}])(?<!бывш\w\s)(?<!бывш\w\w\s)(?<!бывш\w\w\w\s)"
"""Not after «бывший», «бывшего» …: a former officer is none."""
_LAW_ENFORCEMENT = re.compile(rf"{_NOT_FORMER}(?:{LAW_ENFORCEMENT})(?![{LETTER}])", re.IGNORECASE)
_PUBLIC_OFFICE = re.compile(
    rf"{_NOT_FORMER}(?:государственн\w+\s+служащ\w+|(?:заместител\w+\s+)?аким(?:а|у|ом|е)?|"
    rf"депутат\w*|(?:\w+\s+)?государственн\w+\s+должност\w+|на\s+государственной\s+службе)(?![{LETTER}])",
    re.IGNORECASE,
)
_YOUNG_CHILDREN = rx(
    r"(?:имеющ\w+|име(?:ет|ла|л))\s+(?:на\s+иждивении\s+)?(?:\S+\s+){0,2}?малолетн\w+\s+(?:дет\w+|реб[её]н\w+|доч\w+|сын\w*)|"
    r"на\s+иждивении\s+(?:\S+\s+){0,2}?малолетн\w+\s+(?:дет\w+|реб[её]н\w+|доч\w+|сын\w*)|"
    r"малолетн\w+\s+(?:дет\w+|реб[её]н\w+)\s+на\s+иждивении"
)
_NO_CHILDREN = rx(r"детей\s+не\s+име\w+|не\s+име\w+\s+(?:малолетних\s+)?детей|бездетн\w+")
_YOUNG_CHILDREN_RECOGNISED = rx(r"наличи\w+\s+(?:у\s+\w+\s+)?(?:на\s+иждивении\s+)?(?:\S+\s+){0,2}?малолетн\w+\s+"
                                r"(?:дет\w+|реб[её]н\w+|доч\w+|сын\w*)")
_PREGNANT = re.compile(rf"(?<![{LETTER}])(?<!не\s)(?:беременн\w+|в\s+состоянии\s+беременности)(?![{LETTER}])",
                       re.IGNORECASE)
_NOT_PREGNANT = rx(r"не\s+беременн\w+|не\s+находящ\w+ся\s+в\s+состоянии\s+беременности")
_PREGNANCY_RECOGNISED = rx(r"беременност\w+")
_AGE = re.compile(r"в\s+возрасте\s+(?P<n>\d{1,3})\s*(?:\([^()]{1,40}\)\s*)?(?:лет|года|год)(?![а-яё])", re.IGNORECASE)
_STATUS_IN_REASONING = rx(r"являясь|являющ\w+ся|будучи|работая|состоя\s+в\s+должности")


def _sex_from_particulars(segments: Sequence[Segment]) -> list[tuple[Sex, Found[str]]]:
    out: list[tuple[Sex, Found[str]]] = []
    for p, start, end in segments:
        hits = sorted((m.start(), m.end(), sex) for pattern, sex in _AGREEING
                      for m in pattern.finditer(p.text, start, end))
        out.extend((sex, found(p, s, e)) for s, e, sex in hits)
    return out


_MITIGATING = rx(r"смягчающ\w+")
_NOT_RECOGNISED = rx(r"оснований|не\s+(?:призна\w+|учитыва\w+|может)|отягчающ\w+")


def _recognised(paragraphs: Sequence[Paragraph], pattern: re.Pattern[str]) -> Found[bool] | None:
    """``True`` when the court lists the circumstance among the mitigating ones («…, смягчающими …, суд признаёт
    наличие малолетнего ребёнка»): the phrase after «смягчающ…», with no refusal or aggravating side between."""
    for p in of_part(paragraphs, "reasoning"):
        for _, text in sentences(p):
            side = _MITIGATING.search(text)
            match = pattern.search(text, side.end()) if side else None
            if side and match and not _NOT_RECOGNISED.search(text, side.end(), match.start()):
                return Found(True, p.index, match.group(0))
    return None


def _status_in_reasoning(key: Key, paragraphs: Sequence[Paragraph], pattern: re.Pattern[str]) -> Found[bool] | None:
    """«Иванов А.А., являясь сотрудником полиции, …»: the status named right after the defendant's name (no other
    name between)."""
    for p in of_part(paragraphs, "reasoning"):
        names = [m for m in _NAME_RE.finditer(p.text)]
        for status in _STATUS_IN_REASONING.finditer(p.text):
            before = [m for m in names if m.end() <= status.start()]
            if not before or not same_person(person_key(before[-1].group(0)), key):
                continue
            if status.start() - before[-1].end() > 40:
                continue
            match = pattern.match(p.text, status.end() + 1) or pattern.search(p.text, status.end(), status.end() + 80)
            if match:
                return Found(True, p.index, p.text[status.start():match.end()])
    return None


def _defendant_sex(person: _Person, paragraphs: Sequence[Paragraph]) -> Found[Sex] | None:
    first = Mention(person.key, _paragraph(paragraphs, person.name.paragraph), *_span(paragraphs, person.name))
    signals = (name_sex_signals(first) + list(person.role_sex) + _sex_from_particulars(person.segments)
               + verb_signals(person.key, paragraphs))
    return decide_sex(signals, given_name_signals(mentions_of(person.key, paragraphs)))


def _prior_convictions(segments: Sequence[Segment]) -> Found[bool] | None:
    """«ранее не судим» False; «ранее судим», «судимость не погашена» True; a spent conviction alone («ранее судим,
    судимость погашена») ``None``: whether it counts is the law's question (CC 79), which the research leaves open."""
    prior = _flag(segments, _CONVICTED, _NOT_CONVICTED, decisive=_UNSPENT)
    if prior is not None and prior.value and _first(segments, _UNSPENT) is None and _first(segments, _SPENT):
        return None
    return prior


def _office(person: _Person, paragraphs: Sequence[Paragraph], pattern: re.Pattern[str]) -> Found[bool] | None:
    """A position the particulars name, else the one the reasoning gives right after the name («являясь …»)."""
    return _flag(person.segments, pattern, None) or _status_in_reasoning(person.key, paragraphs, pattern)


def _employed(segments: Sequence[Segment], *positions: Found[bool] | None) -> Found[bool] | None:
    """Work as the particulars state it; a position they name (police officer, akim …) is work too."""
    employed = _flag(segments, _EMPLOYED, _UNEMPLOYED)
    if employed is not None or _first(segments, _UNEMPLOYED) is not None:
        return employed
    in_particulars = {segment[0].index for segment in segments}
    return next((f for f in positions if f is not None and f.paragraph in in_particulars), None)


def _stated_or_recognised(segments: Sequence[Segment], paragraphs: Sequence[Paragraph], yes: re.Pattern[str],
                          no: re.Pattern[str], recognised: re.Pattern[str], alone: bool) -> Found[bool] | None:
    """Children, pregnancy: as the particulars state them, else (for the only defendant) as the court recognises
    them as mitigating."""
    stated = _flag(segments, yes, no)
    if stated is None and alone and _first(segments, no) is None:
        return _recognised(paragraphs, recognised)
    return stated


def _defendant(person: _Person, paragraphs: Sequence[Paragraph], alone: bool) -> DefendantFacts:
    segments = person.segments
    age = _first(segments, _AGE)
    law_enforcement = _office(person, paragraphs, _LAW_ENFORCEMENT)
    public_office = _office(person, paragraphs, _PUBLIC_OFFICE)
    return DefendantFacts(
        name=person.name,
        sex=_defendant_sex(person, paragraphs),
        birth_date=person.born[0],
        birth_year=person.born[1],
        age=None if age is None else Found(int(age[1].group("n")), age[0][0].index, age[1].group(0)),
        prior_convictions=_prior_convictions(segments),
        employed=_employed(segments, law_enforcement, public_office),
        law_enforcement_officer=law_enforcement,
        public_office=public_office,
        has_young_children=_stated_or_recognised(segments, paragraphs, _YOUNG_CHILDREN, _NO_CHILDREN,
                                                 _YOUNG_CHILDREN_RECOGNISED, alone),
        pregnant=_stated_or_recognised(segments, paragraphs, _PREGNANT, _NOT_PREGNANT, _PREGNANCY_RECOGNISED, alone),
    )


def _paragraph(paragraphs: Sequence[Paragraph], index: int) -> Paragraph:
    return next(p for p in paragraphs if p.index == index)


def _span(paragraphs: Sequence[Paragraph], where: Found[str]) -> tuple[int, int]:
    start = _paragraph(paragraphs, where.paragraph).text.find(where.quote)
    return start, start + len(where.quote)


def find_defendants(paragraphs: Sequence[Paragraph]) -> list[DefendantFacts]:
    """Each defendant (or administrative offender) the introductory part names, in order, with what the text
    states about them."""
    people = _people(paragraphs)
    return [_defendant(person, paragraphs, alone=len(people) == 1) for person in people]


def defendant_keys(paragraphs: Sequence[Paragraph]) -> list[Key]:
    """The persons :func:`find_defendants` reads, as keys (to tell a defendant's name from anyone else's)."""
    return [person.key for person in _people(paragraphs)]


def mentions_defendant(text: str, key: Key) -> bool:
    """Whether ``text`` names the person ``key``."""
    return any(same_person(person_key(m.group(0)), key) for m in _NAME_RE.finditer(text))


# ---------------------------------------------------------------------------------------------------------- victims

_POSSESSIVE = r"(?:(?:его|её|ее|своей|своего|своему|своим|свою|своя|свой|своих|своими)\s+)?"
_RELATIONS: list[tuple[str, Relationship, Sex | None]] = [
    (r"бывш\w+\s+(?:супруг\w*|муж\w*|жен(?:а|ы|е|у|ой))", "former_spouse", None),
    (r"бывш\w+\s+(?:сожительниц\w*|сожител\w+|гражданск\w+\s+(?:супруг\w*|жен\w+|муж\w*))", "former_partner", None),
    (r"сожительниц\w*", "partner", "female"),
    (r"сожител(?:ь|я|ю|ем|е)", "partner", "male"),
    (r"гражданск\w+\s+(?:супруг\w*|жен\w+|муж\w*)", "partner", None),
    (r"супругой|супругою", "spouse", "female"),
    (r"супругом", "spouse", "male"),
    (r"супруг(?:а|и|е|у)?", "spouse", None),
    (r"жен(?:а|ы|е|у|ой)", "spouse", "female"),
    (r"муж(?:а|у|ем|е)?", "spouse", "male"),
    (r"отчим\w*", "step_parent", "male"),
    (r"мачех\w*", "step_parent", "female"),
    (r"мат(?:ь|ери|ерью)", "parent", "female"),
    (r"от(?:ец|ца|цу|цом|це)", "parent", "male"),
    (r"падчериц\w*", "step_child", "female"),
    (r"пасын(?:ок|ка|ку|ком|ке)", "step_child", "male"),
    (r"доч(?:ь|ери|ерью)|дочк\w+", "child", "female"),
    (r"сын(?:а|у|ом|е)?", "child", "male"),
    (r"(?:родн\w+\s+|двоюродн\w+\s+)?(?:брат\w*|сестр\w*|внук\w*|внучк\w*|бабушк\w*|дедушк\w*|племянни\w*|тет[ия]\w*|"
     r"тёт[ия]\w*|дяд[иеяю]\w*|т[её]щ\w*|свекров\w*|свекр\w*|зят\w*|невестк\w*|золовк\w*|деверь|деверя)",
     "other_relative", None),
    (r"коллег\w*|сослуживц\w*|сослуживец", "colleague", None),
    (r"подчин[её]нн\w+", "superior", None),
    (r"учени(?:к|ка|ку|ком|ца|цы|це|цу|цей)", "teacher", None),
    (r"незнаком\w+", "stranger", None),
    (r"знаком(?:ый|ая|ого|ой|ому|ую|ым)|сосед\w*", "acquaintance", None),
]
"""Words naming what the victim is to the defendant, in the order they are tried (longer phrases first)."""
_RELATION_WORD = "|".join(f"(?:{pattern})" for pattern, _, _ in _RELATIONS)
_RELATION_BEFORE = re.compile(
    rf"(?<![{LETTER}]){_POSSESSIVE}(?P<young>(?:малолетн|несовершеннолетн)\w+\s+)?(?P<rel>{_RELATION_WORD})\s+"
    rf"(?:(?:ему|ей|им)\s+)?(?:(?:гражданк|девушк|женщин|мужчин|гражданин)\w*\s+)?(?P<name>{NAME})",
    re.IGNORECASE,
)
_PRONOUN = r"(?:его|её|ее|ей|ему)"
_RELATION_AFTER = re.compile(
    rf"(?P<name>{NAME})(?:,[^,()]{{1,60}}?)?\s*(?:,|–|—|-|\()\s*(?:(?:являющ|приходящ)\w+ся\s+(?:{_PRONOUN}\s+)?"
    rf"(?P<rel>{_RELATION_WORD})|{_PRONOUN}\s+(?P<rel2>{_RELATION_WORD})|(?P<rel3>{_RELATION_WORD})\s+"
    rf"(?:подсудим|осужд[её]нн|обвиняем|виновн|правонарушител)\w*)(?![{LETTER}])",
    re.IGNORECASE,
)
_DEATH_AFTER = rx(r"скончал(?:ся|ась)|умер|умерла|погиб|погибла")
_DEATH_BEFORE = re.compile(
    rf"(?<![{LETTER}])(?<!покушение\sна\s)(?:смерт\w+|труп\w*|убийств\w+|погибш\w+)\s+(?-i:[{LOWER}]+\s+){{0,1}}"
    rf"(?P<name>{NAME})",
    re.IGNORECASE,
)
_DEATH_OF_THE_VICTIM = rx(r"смерт\w+\s+потерпевш\w+|потерпевш\w+\s+(?:\w+\s+){0,6}?скончал\w+|погибш(?:его|ей|ему|им)")
_YOUNG_BEFORE = re.compile(rf"(?P<young>(?:малолетн|несовершеннолетн)\w+)\s+(?-i:[{LOWER}]+\s+){{0,1}}$", re.IGNORECASE)
_BIRTH_AFTER = re.compile(rf"\s*(?:\([^()]{{0,60}}\)\s*)?,?\s*(?P<birth>{_DAY}|\d{{4}}){_BIRTH_TAIL}", re.IGNORECASE)
_AGE_AFTER = re.compile(rf"\s*,?\s*(?:(?:{_DAY}|\d{{4}}){_BIRTH_TAIL}\s*,?\s*)?"
                        r"(?P<age>в\s+возрасте\s+(?P<n>\d{1,3})\s*(?:\([^()]{1,40}\)\s*)?(?:лет|года|год))(?![а-яё])",
                        re.IGNORECASE)
"""Written right after a victim's name: the birth date or year, the age."""


@dataclass(frozen=True)
class _Victim:
    key: Key
    first: Mention
    role_sex: tuple[tuple[Sex, Found[str]], ...] = ()
    young: tuple[Found[str], ...] = ()


def _victim_candidates(paragraphs: Sequence[Paragraph], defendants: Sequence[Key]) -> list[_Victim]:
    """The victims in order of first mention: named after «потерпевш…» (not after «представителя потерпевшего»), or
    as the person the act was done to in the reasoning part; never a defendant."""
    victims: list[_Victim] = []

    def add(mention: Mention, sex: tuple[tuple[Sex, Found[str]], ...], young: tuple[Found[str], ...]) -> None:
        if any(same_person(mention.key, d) for d in defendants):
            return
        for n, v in enumerate(victims):
            if same_person(v.key, mention.key):
                key = v.key if v.key[1] else mention.key  # a later mention may add the initial
                victims[n] = _Victim(key, v.first, v.role_sex + sex, v.young + young)
                return
        victims.append(_Victim(mention.key, mention, sex, young))

    for p in paragraphs:
        for match in _VICTIM_ROLE.finditer(p.text):
            key = person_key(match.group("name"))
            if key is None or _REPRESENTATIVE_BEFORE.search(p.text[max(0, match.start() - 60):match.start()]):
                continue
            sex = _sex_of_role(match.group("role"))
            add(Mention(key, p, match.start("name"), match.end("name")),
                ((sex, found(p, match.start("role"), match.end("name"))),) if sex else (),
                (found(p, match.start("young"), match.end("young")),) if match.group("young") else ())
    for p in of_part(paragraphs, "reasoning") if _has_parts(paragraphs) else paragraphs:
        for match in _ACT_ON.finditer(p.text):
            key = person_key(match.group("name"))
            if key is not None:
                add(Mention(key, p, match.start("name"), match.end("name")), (), ())
    return victims


def _has_parts(paragraphs: Sequence[Paragraph]) -> bool:
    return any(p.part != "intro" for p in paragraphs)


def _relationship(key: Key, paragraphs: Sequence[Paragraph], defendants: Sequence[Key],
                  ) -> tuple[Found[Relationship] | None, list[tuple[Sex, Found[str]]], list[Found[str]]]:
    """The relationship stated next to the victim's name, the sex its word shows, and «малолетней дочери …»."""
    sex_signals: list[tuple[Sex, Found[str]]] = []
    young: list[Found[str]] = []
    for p in paragraphs:
        for pattern in (_RELATION_BEFORE, _RELATION_AFTER):
            for match in pattern.finditer(p.text):
                if not same_person(person_key(match.group("name")), key):
                    continue
                if pattern is _RELATION_BEFORE and not _about_a_defendant(p, match.start(), defendants):
                    continue
                rel_text = next(match.group(g) for g in ("rel", "rel2", "rel3") if g in match.groupdict()
                                and match.group(g))
                relation = next((r, s) for pat, r, s in _RELATIONS if re.fullmatch(pat, rel_text, re.IGNORECASE))
                where = found(p, match.start(), match.end())
                if relation[1] is not None:
                    sex_signals.append((relation[1], where))
                if pattern is _RELATION_BEFORE and match.group("young"):
                    young.append(found(p, match.start("young"), match.end("young")))
                return Found(relation[0], where.paragraph, where.quote), sex_signals, young
    return None, sex_signals, young


def _about_a_defendant(p: Paragraph, at: int, defendants: Sequence[Key]) -> bool:
    """A relation word before a name is the defendant's when the nearest name before it in the sentence is a
    defendant's, or no name comes before it («… между Сарсенбаевой Д.М. и её супругом Сарсенбаевым …»)."""
    start = next((s for s, e in sentence_spans(p.text) if s <= at < e), 0)
    before = [m for m in _NAME_RE.finditer(p.text, start, at)
              if not p.text[:m.start()].endswith(("«", '"'))]  # «Шыгыс Плаза» is a place, not a person
    if not before:
        return True
    return any(same_person(person_key(before[-1].group(0)), d) for d in defendants)


def _deceased(key: Key, paragraphs: Sequence[Paragraph], alone: bool) -> Found[bool] | None:
    for p in of_part(paragraphs, "reasoning") or list(paragraphs):
        for match in _DEATH_BEFORE.finditer(p.text):
            if same_person(person_key(match.group("name")), key):
                return Found(True, p.index, match.group(0))
        for _, sentence in sentences(p):
            for death in _DEATH_AFTER.finditer(sentence):
                names = [m for m in _NAME_RE.finditer(sentence, 0, death.start())]
                if names and same_person(person_key(names[-1].group(0)), key) and _nominative(names[-1].group(0)):
                    return Found(True, p.index, sentence[names[-1].start():death.end()])
    if alone:
        for p in of_part(paragraphs, "reasoning", "intro") or list(paragraphs):
            generic = _DEATH_OF_THE_VICTIM.search(p.text)
            if generic:
                return Found(True, p.index, generic.group(0))
    return None


def _victim(victim: _Victim, paragraphs: Sequence[Paragraph], defendants: Sequence[Key], alone: bool) -> VictimFacts:
    mentions = mentions_of(victim.key, paragraphs)
    full = next((m for m in mentions if _is_full(m.text)), None)
    named = full or victim.first
    relationship, rel_sex, rel_young = _relationship(victim.key, paragraphs, defendants)
    signals: list[tuple[Sex, Found[str]]] = []
    for m in [named] + [m for m in mentions if m is not named]:
        signals += name_sex_signals(m)
    signals += list(victim.role_sex) + rel_sex + verb_signals(victim.key, paragraphs)
    fallback = given_name_signals(mentions)
    born, age = _birth_and_age(mentions)
    young = list(victim.young) + rel_young + [
        Found(y.group("young"), m.paragraph.index, y.group("young"))
        for m in mentions if (y := _YOUNG_BEFORE.search(m.paragraph.text[:m.start]))]
    return VictimFacts(
        name=Found(named.text, named.paragraph.index, named.text),
        sex=decide_sex(signals, fallback),
        birth_date=born[0],
        birth_year=born[1],
        age=age,
        age_under=_age_under(young),
        relationship=relationship,
        deceased=_deceased(victim.key, paragraphs, alone),
    )


def _birth_and_age(mentions: Sequence[Mention]) -> tuple[Born, Found[int] | None]:
    """The birth and the age written right after any of the victim's names."""
    born: Born = (None, None)
    age: Found[int] | None = None
    for m in mentions:
        if born == (None, None):
            born = _born(m.paragraph, _BIRTH_AFTER.match(m.paragraph.text, m.end), "birth")
        stated = _AGE_AFTER.match(m.paragraph.text, m.end)
        if age is None and stated:
            age = Found(int(stated.group("n")), m.paragraph.index, stated.group("age"))
    return born, age


def _age_under(young: Sequence[Found[str]]) -> Found[int] | None:
    """«малолетняя» → under 14 (wins), «несовершеннолетняя» → under 18."""
    for word, bound in (("малолетн", 14), ("несовершеннолетн", 18)):
        hit = next((y for y in young if y.quote.lower().startswith(word)), None)
        if hit is not None:
            return Found(bound, hit.paragraph, hit.quote)
    return None


def find_victims(paragraphs: Sequence[Paragraph]) -> list[VictimFacts]:
    """Each victim the text names, in order of first mention: by the role («потерпевшая Сейткали Д.Н.»; a
    representative's name is not the victim's) or as the person the act was done to («нанесла Сарсенбаеву Е.К.»).
    A defendant's name is never a victim's."""
    defendants = defendant_keys(paragraphs)
    candidates = _victim_candidates(paragraphs, defendants)
    return [_victim(v, paragraphs, defendants, alone=len(candidates) == 1) for v in candidates]
