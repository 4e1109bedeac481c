"""Names of people in a decision's text replaced by stable placeholders («[ЛИЦО 1]»), found by natasha's
named-entity model, offline.

natasha itself is never imported: its package pulls in pymorphy2, which needs ``pkg_resources`` (gone from
setuptools 81 and from Python 3.12 virtual environments).  Its NER is slovnet with navec embeddings, which need
neither: the two model files are read from natasha's installed package data, found without importing it.

One person keeps one placeholder within a :class:`Redactor` across the case forms of the surname («Иванова»,
«Ивановой», «Ивановой А.С.»): mentions are keyed by the surname's stem, the first name's initial and the gender the
form shows, and a bare surname goes to the person of that stem mentioned last.  Every later capitalised word with a
known surname stem is replaced too, so a form the model misses does not leak.  Initials next to a name are part of
it.  Places, organisations and addresses are kept.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from sentencecheck.errors import SentencecheckError

NAVEC_FILE = "data/emb/navec_news_v1_1B_250K_300d_100q.tar"
NER_FILE = "data/model/slovnet_ner_news_v1.tar"
"""natasha 1.6's model files, relative to its package folder."""
PLACEHOLDER = "[ЛИЦО {n}]"
MAX_SEGMENT = 2000
"""Characters given to the model at once: longer lines are cut at sentence ends (razdel)."""
MIN_STEM = 3
"""Shortest surname stem that other words are matched against («Ким» and longer)."""
EXTRA = "sentencecheck[extract]"

_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
_LOWER = "а-яёәғқңөұүһі"
_WORD = re.compile(rf"(?<![\w-])[{_UPPER}][{_UPPER}{_LOWER}]+(?:-[{_UPPER}][{_UPPER}{_LOWER}]+)?(?![\w-])")
_INITIALS_AFTER = re.compile(rf"\s?[{_UPPER}]\.(?:\s?[{_UPPER}]\.)?")
_INITIALS_BEFORE = re.compile(rf"(?<![\w.])(?:[{_UPPER}]\.\s?){{1,2}}\s?$")
_INITIAL = re.compile(rf"(?<![\w.])[{_UPPER}]\.")
_NAME_BEFORE = re.compile(rf"[{_UPPER}][{_UPPER}{_LOWER}-]*\s?$")
_PATRONYMIC = re.compile(r"(?:вич|вн|ичн)(?:а|у|ем|е|ы|ой|ою)?$|(?:ұлы|улы|қызы|кызы)$", re.I)
_SURNAME_OV = re.compile(r"^(?P<stem>.+?(?:ов|ев|ёв|ин|ын))(?P<end>а|у|ым|ом|е|ой|ою|ы|ых|ыми)?$")
_SURNAME_SK = re.compile(r"^(?P<stem>.+?(?:ск|цк))(?P<end>ий|ого|ому|им|ом|ая|ой|ую|ие|их|ими)$")
_INDECLINABLE = re.compile(r"(?:ых|их|ко|ук|юк|ұлы|улы|қызы|кызы|дзе|швили|ян|янц)$")
_NOUN_END = re.compile(r"(?:ом|ем|ой|ою|ей|а|я|у|ю|е|ы|и)$")
_FEMALE_ENDS = frozenset({"ой", "ою", "ая", "ую"})
_MALE_ENDS = frozenset({"", "ым", "ом", "е", "ий", "ого", "ому", "им"})
_KYZY = re.compile(r"(?:қызы|кызы)$")
_ULY = re.compile(r"(?:ұлы|улы)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:вн|ичн)\w*$|(?:қызы|кызы)$", re.I)

Gender = Literal["m", "f"]


class RedactionUnavailable(SentencecheckError):
    """The name recogniser's packages are not installed."""


@dataclass(frozen=True)
class Mention:
    """How a name was written in one place: the surname's stem, the first name's initial, and the gender the forms
    show (``None`` when they do not: «Иванова» is a woman, or Иванов in the genitive)."""

    stem: str
    initial: str | None = None
    gender: Gender | None = None


@dataclass
class Person:
    """One person of the document: the placeholder's number, what is known of the name, and the forms seen."""

    number: int
    stem: str
    initial: str | None = None
    gender: Gender | None = None
    forms: list[str] = field(default_factory=list)


def surname_stem(word: str) -> tuple[str, Gender | None]:
    """The stem of a surname in any case form, and the gender the form shows: «Ивановой» → («иванов», "f"),
    «Иванова» → («иванов», None), «Жаксылыкского» → («жаксылыкск», "m")."""
    w = word.lower().replace("ё", "е")
    for pattern in (_SURNAME_SK, _SURNAME_OV):  # «Тлеубаевых» (the family) is Тлеубаев's too
        match = pattern.match(w)
        if match:
            end = match.group("end") or ""
            gender: Gender | None = "f" if end in _FEMALE_ENDS else "m" if end in _MALE_ENDS else None
            return match.group("stem"), gender
    if _INDECLINABLE.search(w):
        return w, ("f" if _KYZY.search(w) else "m" if _ULY.search(w) else None)
    stripped = _NOUN_END.sub("", w)
    return (stripped if len(stripped) >= MIN_STEM else w), None


def _looks_like_surname(word: str) -> bool:
    w = word.lower().replace("ё", "е")
    return bool(_SURNAME_OV.match(w) or _SURNAME_SK.match(w)) and not _PATRONYMIC.search(w)


def parse_name(text: str) -> Mention | None:
    """What a written name says: «Иванова Петра Сергеевича», «Иванов П.С.», «А.С. Иванова», «Нұрлан Әбдіқадыров»."""
    initials = re.findall(rf"([{_UPPER}])\.", text)
    words = [w for w in re.findall(rf"[{_UPPER}{_LOWER}-]+", text) if len(w) > 1]
    if not words:
        return None
    patronymics = [w for w in words if _PATRONYMIC.search(w)]
    others = [w for w in words if w not in patronymics]
    if not others:
        others, patronymics = patronymics[:1], patronymics[1:]
    surnames = [w for w in others if _looks_like_surname(w)]
    if len(words) == 3 and _PATRONYMIC.search(words[2]) and not _PATRONYMIC.search(words[1]):
        surname = words[0]  # surname, first name, patronymic: «Ли Екатерину Викторовну»
    elif surnames:
        surname = surnames[0]
    elif len(words) >= 3 and _PATRONYMIC.search(words[1]):
        surname = words[2]  # Пётр Сергеевич Ким
    else:
        surname = others[0]  # the surname first, as decisions write names
    stem, gender = surname_stem(surname)
    first_names = [w for w in others if w != surname]
    initial = initials[0] if initials else (first_names[0][0].upper() if first_names else None)
    if gender is None and patronymics:
        gender = "f" if _FEMALE_PATRONYMIC.search(patronymics[0]) else "m"
    return Mention(stem, initial, gender)


def _natasha_folder() -> Path:
    spec = importlib.util.find_spec("natasha")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise RedactionUnavailable(f"redacting names needs natasha's model files: pip install '{EXTRA}'")
    return Path(list(spec.submodule_search_locations)[0])


Recogniser = Callable[[Sequence[str]], list[list[tuple[int, int, str]]]]


@cache
def load_recogniser() -> Recogniser:
    """slovnet's NER with navec embeddings from natasha's package data, loaded once per process (about a second)."""
    folder = _natasha_folder()
    try:
        from navec import Navec  # type: ignore[import-untyped,import-not-found,unused-ignore]
        from slovnet import NER  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as exc:
        raise RedactionUnavailable(f"redacting names needs {exc.name}: pip install '{EXTRA}'") from None
    for name in (NAVEC_FILE, NER_FILE):
        if not (folder / name).is_file():
            raise RedactionUnavailable(f"{folder / name}: natasha's model file is missing (expected natasha 1.6); "
                                       f"reinstall: pip install --force-reinstall '{EXTRA}'")
    ner = NER.load(str(folder / NER_FILE))
    ner.navec(Navec.load(str(folder / NAVEC_FILE)))

    def recognise(texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        return [[(s.start, s.stop, s.type) for s in markup.spans] for markup in ner.map(list(texts))]

    return recognise


def _segments(text: str) -> list[tuple[int, str]]:
    """Lines of ``text`` with their offsets; a line longer than :data:`MAX_SEGMENT` is cut at sentence ends."""
    out: list[tuple[int, str]] = []
    for match in re.finditer(r"[^\n]+", text):
        line, start = match.group(0), match.start()
        if len(line) <= MAX_SEGMENT:
            out.append((start, line))
            continue
        from razdel import sentenize  # type: ignore[import-untyped,import-not-found,unused-ignore]

        chunk_start, chunk_end = 0, 0
        for sentence in sentenize(line):
            if sentence.stop - chunk_start > MAX_SEGMENT and chunk_end > chunk_start:
                out.append((start + chunk_start, line[chunk_start:chunk_end]))
                chunk_start = sentence.start
            chunk_end = sentence.stop
        out.append((start + chunk_start, line[chunk_start:]))
    return out


def person_spans(text: str) -> list[tuple[int, int]]:
    """Where the model finds names of people in ``text`` (start, stop), in order."""
    segments = _segments(text)
    found = load_recogniser()([s for _, s in segments])
    return [(offset + a, offset + b) for (offset, _), spans in zip(segments, found, strict=True)
            for a, b, kind in spans if kind == "PER"]


_NAME_TOKEN = re.compile(rf"(?P<initials>(?:[{_UPPER}]\.\s?){{1,2}})|(?P<word>[{_UPPER}{_LOWER}][{_UPPER}{_LOWER}-]*)")


def _split(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """A span the model gives for two names in a row («Ивановой А.С. Иванов П.С.») as one span per name: a name is
    words with the initials after them, or initials with the words after them."""
    tokens = [(m.start(), m.end() - (len(m.group(0)) - len(m.group(0).rstrip())), m.lastgroup)
              for m in _NAME_TOKEN.finditer(text, start, stop)]
    names: list[tuple[int, int]] = []
    current: list[tuple[int, int, str | None]] = []
    for token in tokens:
        kinds = [k for _, _, k in current]
        ends_name = bool(kinds) and (kinds[-1] == "initials" and "word" in kinds or
                                     token[2] == "initials" and kinds[0] == "initials")
        if ends_name:
            names.append((current[0][0], current[-1][1]))
            current = []
        current.append(token)
    if current:
        names.append((current[0][0], current[-1][1]))
    return names


_PLACE_BEFORE = re.compile(r"(?:^|[\s(«])(?:г|гор|с|п|пос|ул|пр|мкр|р-н|обл)\.\s?$|"
                           r"(?:город|городе|города|село|селе|села|посел\w*|улиц\w+|проспект\w*|район\w*|"
                           r"микрорайон\w*|област\w+)\s$", re.I)
_ADJECTIVE = re.compile(r"(?:ая|яя|ый|ий|ое|ее|ой|ого|ему|ому|ым|ими|ых|ую)$")


def _not_a_name(text: str, start: int, stop: int) -> bool:
    """A one-word span the model took for a person that is a place («г. Тараз», «города Экибастуза») or an
    adjective or participle opening a sentence («Допрошенная»)."""
    word = text[start:stop]
    if not _WORD.fullmatch(word):
        return False
    if _PLACE_BEFORE.search(text, max(0, start - 20), start):
        return True
    return bool(_ADJECTIVE.search(word.lower())) and not _looks_like_surname(word) and \
        _INITIALS_AFTER.match(text, stop) is None


def _widen(text: str, start: int, stop: int) -> tuple[int, int]:
    """A name span with a neighbouring surname or patronymic the model left out («Нұрлан» + « Әбдіқадыров») and the
    initials beside it («Иванов» + « П.С.», «А.С. » + «Иванова»); initials after another name («Ивановой А.С.
    Иванов») are that name's."""
    for _ in range(2):
        word = _WORD.match(text, stop + 1) if text[stop:stop + 1] == " " and text[stop - 1].isalpha() else None
        if word and (_looks_like_surname(word.group(0)) or _PATRONYMIC.search(word.group(0))):
            stop = word.end()
    if not _WORD.search(text, start, stop):  # the model found the initials only («Г.Т.»): take the name beside them
        before = _NAME_BEFORE.search(text, 0, start)
        after = _WORD.match(text, stop + 1) if text[stop:stop + 1] == " " else None
        if after and _looks_like_surname(after.group(0)) and not (before and _looks_like_surname(before.group(0))):
            return start, after.end()
        if before:
            return before.start(), stop
        return (start, after.end()) if after else (start, stop)
    if _INITIAL.search(text, start, stop):
        return start, stop
    after = _INITIALS_AFTER.match(text, stop)
    if after:
        return start, after.end()
    before = _INITIALS_BEFORE.search(text, 0, start)
    if before and not _NAME_BEFORE.search(text, 0, before.start()):
        start = before.start()
    return start, stop


class Redactor:
    """Placeholders for the people of one document (or one case), kept so that fields and free text agree:
    ``placeholder("Иванов Петр Сергеевич")`` and ``redact("… Иванова П.С. …")`` give the same «[ЛИЦО 1]»."""

    def __init__(self, template: str = PLACEHOLDER) -> None:
        self.template = template
        self._placed = re.compile(re.escape(template).replace(re.escape("{n}"), r"\d+"))
        """A placeholder already in a text (redacting twice changes nothing)."""
        self.people: list[Person] = []
        self._last: dict[int, int] = {}  # person number → when last mentioned
        self._clock = 0

    def _resolve(self, mention: Mention, written: str) -> Person:
        def fits(p: Person) -> bool:
            same_initial = p.initial is None or mention.initial is None or p.initial == mention.initial
            same_gender = p.gender is None or mention.gender is None or p.gender == mention.gender
            return p.stem == mention.stem and same_initial and same_gender

        candidates = [p for p in self.people if fits(p)]
        exact = [p for p in candidates if mention.initial is not None and p.initial == mention.initial]
        pool = exact or candidates
        if pool:
            person = max(pool, key=lambda p: self._last.get(p.number, 0))
            person.initial = person.initial or mention.initial
            person.gender = person.gender or mention.gender
        else:
            person = Person(len(self.people) + 1, mention.stem, mention.initial, mention.gender)
            self.people.append(person)
        if written not in person.forms:
            person.forms.append(written)
        self._clock += 1
        self._last[person.number] = self._clock
        return person

    def placeholder(self, name: str) -> str:
        """The placeholder of a name written in a field («Иванов Петр Сергеевич»); no model is needed."""
        mention = parse_name(name)
        if mention is None:
            return name
        return self.template.format(n=self._resolve(mention, name.strip()).number)

    def redact(self, text: str, use_model: bool = True) -> str:
        """``text`` with every name of a person replaced by its placeholder: names the model finds, and every word
        with the stem of a surname already known.  ``use_model=False`` replaces only known surnames."""
        found = [name for a, b in person_spans(text) for name in _split(text, a, b)] if use_model else []
        placed = [(m.start(), m.end()) for m in self._placed.finditer(text)]
        spans = [_widen(text, a, b) for a, b in found
                 if not any(p <= a < q for p, q in placed) and not _not_a_name(text, a, b)]
        spans = _merge(spans + self._known_spans(text, spans))
        out: list[str] = []
        position = 0
        for start, stop in spans:
            written = text[start:stop]
            mention = parse_name(written)
            if mention is None:
                continue
            out.append(text[position:start])
            out.append(self.template.format(n=self._resolve(mention, written).number))
            position = stop
        out.append(text[position:])
        return "".join(out)

    def _known_spans(self, text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
        """Capitalised words outside ``spans`` whose surname stem is a known person's or a stem ``spans`` hold."""
        stems = {p.stem for p in self.people}
        for a, b in spans:
            mention = parse_name(text[a:b])
            if mention is not None:
                stems.add(mention.stem)
        stems = {s for s in stems if len(s) >= MIN_STEM}
        out = []
        placed = [(m.start(), m.end()) for m in self._placed.finditer(text)]
        for match in _WORD.finditer(text):
            if any(a <= match.start() < b for a, b in [*spans, *placed]):
                continue
            if surname_stem(match.group(0))[0] in stems:
                out.append(_widen(text, match.start(), match.end()))
        return out


def _merge(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, stop in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], stop))
        else:
            out.append((start, stop))
    return out


def redact_text(text: str) -> str:
    """``text`` with the names of people replaced by «[ЛИЦО 1]», «[ЛИЦО 2]» …, one per person."""
    return Redactor().redact(text)
