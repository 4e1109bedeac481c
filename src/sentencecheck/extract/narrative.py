"""Who did what to whom in a decision's story.

The parties are given (each defendant's and victim's id with the name as the text writes it, «Сарсенбаева Д.М.»,
«Сарсенбаев Ерболат Кайратович», an anonymised «Б.»); this module finds where each is mentioned in any case form
(«Сарсенбаевой Д.М.», «Сарсенбаеву Е.К.»), or by the role when the case has one such party («потерпевшая»,
«подсудимый»), and reads three things the readers of harm (``harm.py``), of the history before the offence
(``history.py``) and of self-defence (``defence.py``) need:

- the *subject* of a verb: the nearest mention before it in a form that can be a subject («Сарсенбаев Е.К. нанёс»;
  not «связал Петренко В.И. и … нанёс», where the name follows a verb);
- the *target* of an act («нанёс», «ударил», «произвёл выстрел», «нанесение»): the first party named after the verb,
  or the party a pronoun after it refers to («нанёс ему» → the last other party named before);
- the *bearer* of an injury a sentence grades («относится к тяжкому вреду здоровью»): the party after «у» («у
  Сарсенбаевой Д.М. обнаружены»), else the target of the act before, else the only party the sentence names, else
  (for a sentence naming nobody) the same read in the sentences before it in the paragraph.

A passage that does not say whose injury or act it describes gives nothing; the one inference from the case's
make-up is that with one defendant and one victim, «супруг» or «она» in their story is the other or the one
testifying (:meth:`Parties.other`, used by ``history.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, TypeVar

from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.persons import LETTER, LOWER, NAME, UPPER, sentence_spans, word_is
from sentencecheck.extract.redaction import surname_stem

Role = Literal["defendant", "victim"]
T = TypeVar("T")


def rx(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern that starts and ends at word boundaries (Cyrillic included)."""
    return re.compile(rf"(?<![{LETTER}])(?:{pattern})(?![{LETTER}])", re.IGNORECASE)


@dataclass(frozen=True)
class NameKey:
    """What a written name tells about its person: the surname's stem, the initials (first name, patronymic) and the
    sex the forms show (``"m"``, ``"f"``; ``None`` when they do not)."""

    stem: str
    first: str | None = None
    second: str | None = None
    gender: str | None = None

    def fits(self, other: NameKey) -> bool:
        """Whether both may be one person: the same stem, and nothing stated that differs."""
        return self.stem == other.stem and all(
            a is None or b is None or a == b for a, b in ((self.first, other.first), (self.second, other.second),
                                                          (self.gender, other.gender)))


@dataclass(frozen=True)
class Party:
    """One party: the id the case file gives it, its role and the name as written."""

    id: str
    role: Role
    name: str

    @property
    def key(self) -> NameKey | None:
        return name_key(self.name)


@dataclass(frozen=True)
class Parties:
    """The defendants and the victims as (id, name as written) pairs.  A name with initials or the first name
    («Петренко В.И.», «Петренко Виктор Иванович») tells apart relatives who share a surname; a surname alone matches
    every «Петренко»."""

    defendants: tuple[tuple[str, str], ...] = ()
    victims: tuple[tuple[str, str], ...] = ()
    people: tuple[Party, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        people = [Party(i, "defendant", n) for i, n in self.defendants] + [Party(i, "victim", n) for i, n in
                                                                             self.victims]
        object.__setattr__(self, "people", tuple(people))

    @classmethod
    def of(cls, defendants: Iterable[tuple[str, str]], victims: Iterable[tuple[str, str]]) -> Parties:
        return cls(tuple(defendants), tuple(victims))

    def with_role(self, role: Role) -> tuple[Party, ...]:
        return tuple(p for p in self.people if p.role == role)

    def only(self, role: Role) -> Party | None:
        """The party of that role when the case has exactly one."""
        found = self.with_role(role)
        return found[0] if len(found) == 1 else None

    def other(self, party: Party) -> Party | None:
        """In a case of one defendant and one victim, the one that is not ``party``."""
        if len(self.with_role("defendant")) != 1 or len(self.with_role("victim")) != 1:
            return None
        return next(p for p in self.people if p.role != party.role)


@dataclass(frozen=True)
class Ref:
    """A place a party is mentioned: by name or by the role («потерпевшая», «подсудимый»)."""

    party: Party
    start: int
    end: int
    kind: Literal["name", "role"]


# ------------------------------------------------------------------------------------------------------------ names

_NAME_RE = re.compile(NAME)
_INITIALS_FIRST = re.compile(rf"^([{UPPER}])\.\s?(?:([{UPPER}])\.)?\s*(\S+)$")
_FEMALE_PATRONYMIC = re.compile(r"(?:вн|ичн)\w*$|(?:қызы|кызы)$", re.IGNORECASE)
_MALE_PATRONYMIC = re.compile(r"вич\w*$|(?:ұлы|улы|уулы|оглы)$", re.IGNORECASE)


def name_key(name: str) -> NameKey | None:
    """What a name written surname first («Ли Екатерина Викторовна», «Ли Е.В.», «Тлеубаевой А.С.») or initials
    first («А.Б. Жусупова») tells; ``None`` for an anonymised «Б.»."""
    name = name.strip()
    initials_first = _INITIALS_FIRST.match(name)
    if initials_first:
        stem, gender = surname_stem(initials_first.group(3))
        return NameKey(stem, initials_first.group(1), initials_first.group(2), gender)
    words = name.split()
    if not words or len(words[0].rstrip(".")) < 2:
        return None
    stem, gender = surname_stem(words[0])
    rest = " ".join(words[1:])
    initials = re.findall(rf"([{UPPER}])\.", rest)
    given = [w for w in words[1:] if "." not in w]
    first = initials[0] if initials else (given[0][0].upper() if given else None)
    second = initials[1] if len(initials) > 1 else (given[1][0].upper() if len(given) > 1 else None)
    if len(given) > 1:
        gender = "f" if _FEMALE_PATRONYMIC.search(given[1]) else "m" if _MALE_PATRONYMIC.search(given[1]) else gender
    return NameKey(stem, first, second, gender)


def _anonymous(party: Party) -> re.Pattern[str] | None:
    """An anonymised name («Б.», «К.Л.»): the letters alone, not the initials of a longer name."""
    if not re.fullmatch(rf"(?:[{UPPER}]\.\s?){{1,2}}", party.name.strip()):
        return None
    written = re.escape(party.name.strip()).replace(r"\ ", r"\s?")
    return re.compile(rf"(?<![{LETTER}.])(?<![{UPPER}]\.\s){written}(?!\s?[{UPPER}]\.)(?!\s+[{UPPER}][{LETTER}]+)")


_VICTIM_WORD = rx(r"потерпевш(?:ий|ая|его|ей|ему|ую|им|ой)|погибш(?:ий|ая|его|ей|ему|ую|им)")
_DEFENDANT_WORD = rx(r"(?:подсудим|осужд[её]нн|обвиняем|подозреваем)(?:ый|ая|ого|ой|ому|ую|ым)|"
                     r"правонарушител(?:ь|я|ю|ем)")
_REPRESENTATIVE = re.compile(r"представител\w*\s+(?:\w+\s+)?$", re.IGNORECASE)
_NAME_NEXT = re.compile(rf"\s*[-–—,]?\s*(?:{NAME})")


def _matching(key: NameKey, parties: Parties) -> Party | None:
    """The one party the name may be (a surname alone fits every party of that surname: none is chosen)."""
    hits = [p for p in parties.people if p.key is not None and p.key.fits(key)]
    exact = [p for p in hits if p.key is not None and p.key.first == key.first]
    chosen = exact if len({p.id for p in exact}) == 1 else hits
    return chosen[0] if len({p.id for p in chosen}) == 1 else None


_CAPITAL = re.compile(rf"(?<![{LETTER}.])[{UPPER}][{LETTER}]")


@lru_cache(maxsize=4096)
def refs(paragraph: Paragraph, parties: Parties) -> tuple[Ref, ...]:
    """Every mention of a party in the paragraph, in reading order."""
    text = paragraph.text
    out: list[Ref] = []
    taken = 0
    for capital in _CAPITAL.finditer(text):  # each capital word may start a name: «Потерпевшая Ли Е.В.»
        if capital.start() < taken:
            continue
        match = _NAME_RE.match(text, capital.start())
        key = name_key(match.group(0)) if match else None
        party = _matching(key, parties) if key else None
        if match is not None and party is not None:
            out.append(Ref(party, match.start(), match.end(), "name"))
            taken = match.end()
    for party in parties.people:
        pattern = _anonymous(party)
        if pattern is not None:
            out += [Ref(party, m.start(), m.end(), "name") for m in pattern.finditer(text)]
    for role, pattern in (("victim", _VICTIM_WORD), ("defendant", _DEFENDANT_WORD)):
        only = parties.only(role)  # type: ignore[arg-type]
        if only is None:
            continue
        for match in pattern.finditer(text):
            if _NAME_NEXT.match(text, match.end()) or any(0 < r.start - match.end() <= 3 for r in out):
                continue  # «потерпевшей Б.»: the name is the mention
            if role == "victim" and _REPRESENTATIVE.search(text[max(0, match.start() - 40):match.start()]):
                continue
            out.append(Ref(only, match.start(), match.end(), "role"))
    return tuple(sorted(out, key=lambda r: r.start))


_STRANGER_NAME = re.compile(rf"[{UPPER}]\.\s?[{UPPER}]\.$|(?:вич|вна|вны|вне|вной|вну|вичу|вича|вичем)$")


@lru_cache(maxsize=4096)
def strangers(paragraph: Paragraph, parties: Parties) -> tuple[tuple[int, int], ...]:
    """Where people who are no party are named (with initials or a patronymic: «свидетеля Петрова А.А.»), so that an
    act done to them is not taken for one done to a party."""
    text = paragraph.text
    taken = [(r.start, r.end) for r in refs(paragraph, parties)]
    out: list[tuple[int, int]] = []
    for capital in _CAPITAL.finditer(text):
        match = _NAME_RE.match(text, capital.start())
        if match is None or not _STRANGER_NAME.search(match.group(0)):
            continue
        if any(a < match.end() and match.start() < b for a, b in taken + out):
            continue
        out.append(match.span())
    return tuple(out)


def within(all_refs: Sequence[Ref], start: int, end: int) -> list[Ref]:
    return [r for r in all_refs if start <= r.start < end]


# -------------------------------------------------------------------------------------------------------- sentences


_END_AFTER_NAME = re.compile(
    rf"(?<![{LETTER}])(?!(?:Председательствующ|Судья|Секретар|Прокурор))[{UPPER}][{LOWER}]+\s+[{UPPER}]\.\s?[{UPPER}]\."
    rf"(?P<gap>\s+)(?=[{UPPER}][{LOWER}])")
"""A sentence that ends with a name's initials: «… по сообщению Калиевой А.Н. Вред …» (the initials follow a
surname, so the capital after them starts a sentence, unlike «А.Б. Жусупова»)."""


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        at = start
        for match in _END_AFTER_NAME.finditer(text, start, end):
            out.append((at, match.start("gap")))
            at = match.end("gap")
        out.append((at, end))
    return out


@lru_cache(maxsize=4096)
def clauses(paragraph: Paragraph) -> tuple[tuple[int, int], ...]:
    """The paragraph's sentences, each list item after «;» apart (a list of evidence is one sentence)."""
    out: list[tuple[int, int]] = []
    for start, end in _sentence_spans(paragraph.text):
        at = start
        for semi in re.finditer(r";\s*", paragraph.text[start:end]):
            out.append((at, start + semi.start() + 1))
            at = start + semi.end()
        out.append((at, end))
    return tuple(out)


def clause_at(paragraph: Paragraph, pos: int) -> int:
    """The number of the clause holding ``pos``."""
    spans = clauses(paragraph)
    return next((n for n, (s, e) in enumerate(spans) if s <= pos < e), len(spans) - 1)


def found(paragraph: Paragraph, value: T, start: int, end: int) -> Found[T]:
    """``value`` with the passage ``start:end`` of the paragraph as its source."""
    return Found(value, paragraph.index, quote(paragraph, start, end))


def quote(paragraph: Paragraph, start: int, end: int) -> str:
    """The passage ``start:end`` trimmed of spaces and punctuation at its ends."""
    return paragraph.text[start:end].strip(" ,;:") or paragraph.text[start:end]


def story(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The paragraphs that tell the story: the introductory and the reasoning part (all when no part is known)."""
    chosen = [p for p in paragraphs if p.part in ("intro", "reasoning")]
    return chosen if any(p.part == "reasoning" for p in paragraphs) else list(paragraphs)


# ---------------------------------------------------------------------------------------------- subjects and objects

_ROLE_NOMINATIVE = re.compile(r"(?:ый|ий|ая|ые|ие|ель)$", re.IGNORECASE)
_RELATION_OBLIQUE = rx(r"сын(?:а|у|ом|е)|дочер(?:и|ью)|супруг(?:у|ом|е|и|ой)|муж(?:а|у|ем|е)|жен(?:ы|е|у|ой)|"
                       r"сосед(?:а|у|ом|е|ки|ке|ку|кой)|матер(?:и|ью)|отц(?:а|у|ом|е)|брат(?:а|у|ом|е)|"
                       r"сестр(?:ы|е|у|ой)|сожител(?:я|ю|ем|е|ьницы|ьнице|ьницу|ьницей)|"
                       r"знаком(?:ого|ому|ым|ой|ую)|охранник(?:а|у|ом|е)|пассажир(?:а|у|ом|е|ки|ке|ку|кой)")
"""Relation nouns in a case other than the nominative: «его сыну Петренко А.В.» (not «супруга»: also nominative)."""
_WORD_BEFORE = re.compile(rf"([{LETTER}]+)\s*$")


def _oblique_word(word: str) -> bool:
    """A word after which a name is not a subject: a preposition, a verb, an agreeing word or a relation noun in a
    case other than the nominative («связанного Петренко В.И.», «его сыну Петренко А.В.»), a role word in one
    («потерпевшей Б.»)."""
    w = word.lower()
    if w.startswith("котор"):
        return False  # «от которых Ахметова Г.С. скончалась»: the relative phrase ends before the subject
    if _VICTIM_WORD.fullmatch(w) or _DEFENDANT_WORD.fullmatch(w):
        return not _ROLE_NOMINATIVE.search(w)
    if _RELATION_OBLIQUE.fullmatch(w):
        return True
    if word_is(w, "PREP") or word_is(w, "VERB") or word_is(w, "INFN"):
        return True
    return (word_is(w, "ADJF") or word_is(w, "PRTF") or word_is(w, "NPRO")) and not word_is(w, "nomn")


def can_be_subject(text: str, ref: Ref) -> bool:
    """Whether the mention is in a form that can be a sentence's subject."""
    written = text[ref.start:ref.end]
    if ref.kind == "role":
        return bool(_ROLE_NOMINATIVE.search(written))
    surname = written.split()[0]
    if re.fullmatch(rf"(?:[{UPPER}]\.\s?)+", written.strip()):
        surname = ""
    stem, gender = surname_stem(surname) if surname else ("", None)
    ending = surname.lower().replace("ё", "е")[len(stem):] if surname else ""
    if ending not in ("", "а", "я", "ий", "ая"):
        return False
    if gender == "m" and ending in ("", "ий"):
        return True  # «Сарсенбаев», «Жаксылыкский»: only a subject is written so
    before = text[max(0, ref.start - 40):ref.start]
    if re.search(r"[,;:()\-–—]\s*$|в\s+качестве\s+\w+\s*$", before) or not before.strip():
        return True
    word = _WORD_BEFORE.search(before)
    return word is None or not _oblique_word(word.group(1))


_SUBORDINATE = rx(r"что|чтобы|будто|поскольку")
_RELATIVE = rx(r"котор(?:ый|ая|ое|ые)")
_SUBJECT_PRONOUN = rx(r"она|он")


def subject_before(paragraph: Paragraph, all_refs: Sequence[Ref], lo: int, pos: int) -> Ref | None:
    """The subject of the verb at ``pos``: the nearest mention before it, in the clause (after «что», «чтобы»: «…
    показала, что супруг … избивал её» has no named subject), that can be a subject."""
    for conjunction in _SUBORDINATE.finditer(paragraph.text, lo, pos):
        lo = conjunction.end()
    relative = [m for m in _RELATIVE.finditer(paragraph.text, lo, pos)]
    if relative:  # «Омарову Д.М., которая, защищаясь …, нанесла»: the subject is the name «которая» refers to
        before = within(all_refs, lo, relative[-1].start())
        if before and not within(all_refs, relative[-1].end(), pos):
            return before[-1]
    pronoun = max((m.start() for m in _SUBJECT_PRONOUN.finditer(paragraph.text, lo, pos)), default=-1)
    for ref in reversed(within(all_refs, lo, pos)):
        if ref.start < pronoun:
            return None  # «…, и она, защищаясь, нанесла …»: a pronoun is the subject; whose, is not read here
        if can_be_subject(paragraph.text, ref):
            return ref
    return None


_OBJECT_PRONOUN = rx(r"ему|ей|е[её]|его|ней|нему|не[её]|него|им|она|он")
ACT = rx(r"нан[её]с(?:ла|ли)?|нанесл[аи]|наносил[аи]?|нанося|нанеся|нанес(?:ени[еяю]|ением)|ударил[аи]?|избил[аи]?|"
         r"избива(?:л|ла|ли|я)|произв[её]л[аи]?|выстрелил[аи]?|толкнул[аи]?|облил[аи]?|задушил[аи]?|душил[аи]?|"
         r"порезал[аи]?|ранил[аи]?|причинил[аи]?|причинив|пнул[аи]?|схватил[аи]?|повалил[аи]?")
"""Verbs (and the noun «нанесение») of an act done to a person."""


@dataclass(frozen=True)
class Act:
    """An act in a clause: the verb, who did it (if named) and to whom (if named or referred to)."""

    start: int
    end: int
    unit_end: int
    actor: Ref | None
    target: Ref | None


def antecedent(paragraph: Paragraph, parties: Parties, pos: int, exclude: Party | None) -> Ref | None:
    """What a pronoun at ``pos`` refers to: the last other party named before it in the clause, else in the nearest
    earlier clause of the paragraph that names a party."""
    all_refs = refs(paragraph, parties)
    spans = clauses(paragraph)
    here = clause_at(paragraph, pos)
    others = strangers(paragraph, parties)
    for n in range(here, max(-1, here - 4), -1):
        s, e = spans[n]
        end = pos if n == here else e
        named = [r for r in within(all_refs, s, end) if exclude is None or r.party != exclude]
        stranger = max((a for a, _ in others if s <= a < end), default=-1)
        if named and named[-1].start > stranger:
            return named[-1]
        if stranger >= 0 or (n != here and within(all_refs, s, e)):
            return None
    return None


def acts(paragraph: Paragraph, parties: Parties, lo: int, hi: int) -> list[Act]:
    """The acts in ``lo:hi`` (a clause) with their actor and target."""
    text = paragraph.text
    all_refs = refs(paragraph, parties)
    verbs = list(ACT.finditer(text, lo, hi))
    out: list[Act] = []
    for n, verb in enumerate(verbs):
        unit_end = verbs[n + 1].start() if n + 1 < len(verbs) else hi
        actor = subject_before(paragraph, all_refs, lo, verb.start())
        if actor is None and out:
            actor = out[-1].actor  # «… нанёс …, повалил её …»: the same subject
        after = [r for r in within(all_refs, verb.end(), unit_end) if actor is None or r.party != actor.party]
        target: Ref | None = after[0] if after else None
        stranger = min((a for a, _ in strangers(paragraph, parties) if verb.end() <= a < unit_end), default=None)
        if stranger is not None and (target is None or stranger < target.start):
            target = None  # «ударил свидетеля Петрова А.А.»: done to someone else
        elif target is None:
            pronoun = _OBJECT_PRONOUN.search(text, verb.end(), min(unit_end, verb.end() + 40))
            if pronoun is not None and pronoun.group(0).lower() not in ("она", "он"):
                target = antecedent(paragraph, parties, verb.start(), actor.party if actor else None)
        out.append(Act(verb.start(), verb.end(), unit_end, actor, target))
    return out


_AT = re.compile(r"(?:(?<![а-яё])у|на\s+теле|телесн\w+\s+повреждени\w+)\s+$", re.IGNORECASE)


def bearer(paragraph: Paragraph, parties: Parties, pos: int) -> Ref | None:
    """Whose injury the passage at ``pos`` describes (see the module's description), or ``None``."""
    all_refs = refs(paragraph, parties)
    spans = clauses(paragraph)
    here = clause_at(paragraph, pos)
    text = paragraph.text
    for n in range(here, max(-1, here - 4), -1):
        s, e = spans[n]
        named = within(all_refs, s, e)
        at = [r for r in named if _AT.search(text[max(s, r.start - 30):r.start])]
        if at:
            return at[-1] if n != here else min(at, key=lambda r: abs(r.start - pos))
        done = [a for a in acts(paragraph, parties, s, e) if a.start < (pos if n == here else e) and a.target]
        if done:
            return done[-1].target
        if len({r.party.id for r in named}) == 1:
            return named[-1]
        if named:
            return None
    return None


def object_of(paragraph: Paragraph, parties: Parties, pos: int) -> tuple[Ref | None, Ref | None]:
    """The (actor, object) of the deed named at ``pos``: the subject before it, and the nearest other party the
    clause names, else the one a pronoun near it refers to («совершил с ней …»)."""
    all_refs = refs(paragraph, parties)
    s, e = clauses(paragraph)[clause_at(paragraph, pos)]
    actor = subject_before(paragraph, all_refs, s, pos)
    others = [r for r in within(all_refs, s, e) if actor is None or r.party != actor.party]
    if others:
        return actor, min(others, key=lambda r: abs(r.start - pos))
    window = paragraph.text[max(s, pos - 40):min(e, pos + 40)]
    if _OBJECT_PRONOUN.search(window):
        return actor, antecedent(paragraph, parties, pos, actor.party if actor else None)
    return actor, None


def negated_before(text: str, start: int, lo: int, words: int = 2) -> bool:
    """Whether «не» (or «нет», «без») stands among the ``words`` words before ``start`` in the clause."""
    before = text[lo:start]
    return bool(re.search(rf"(?<![{LETTER}])(?:не|ни|нет|без)\s+(?:[{LETTER}-]+\s+){{0,{words - 1}}}$", before,
                          re.IGNORECASE))
