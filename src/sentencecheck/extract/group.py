"""Several defendants: whether they acted together («Иванов А.А. и Петров Б.Б., действуя совместно, нанесли …»),
what the court said of the group qualifiers («квалифицирующий признак «группой лиц» не нашёл подтверждения»,
«предварительного сговора … не установлено»), and intoxication stated of a defendant in the description of the act."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.persons import NAME, Key, person_key, same_person, sentences

_JOINT = re.compile(rf"(?P<a>{NAME})\s+и\s+(?P<b>{NAME})\s*,?(?P<rest>[^.;]{{0,260}})")
_TOGETHER = re.compile(r"совместн\w*|сообща|группой\s+лиц", re.IGNORECASE)
_GROUP_DENIED = re.compile(
    r"(?:признак\w*|квалифицир\w*)[^.]{0,60}?групп\w*\s+лиц\w*[^.]{0,120}?(?:не\s+наш[её]дш\w*|не\s+нашел|не\s+нашёл|"
    r"исключ\w*|не\s+подтвер\w*|не\s+установлен\w*)", re.IGNORECASE)
_CONSPIRACY_DENIED = re.compile(r"предварительн\w+\s+сговор\w*[^.]{0,80}?не\s+(?:установлен\w*|было|имелось)|"
                                r"без\s+предварительного\s+сговора", re.IGNORECASE)
_DRUNK = re.compile(r"в\s+состоянии\s+(?:алкогольного|наркотического|токсикоманического)\s+опьянения", re.IGNORECASE)
_NOT_DRUNK = re.compile(r"\bне\s+наход\w+\s+в\s+состоянии|трезв", re.IGNORECASE)


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _plural_past_verb(text: str) -> bool:
    """The first verb of ``text`` is a past-tense plural («нанесли», «открыли»), i.e. the two named are its subject."""
    for word in re.findall(r"[А-Яа-яЁё]+", text)[:40]:
        tag = _morph().parse(word.lower())[0].tag
        if "VERB" in tag:
            return "plur" in tag and "past" in tag
    return False


def _who(key: Key | None, keys: Sequence[Key]) -> int | None:
    if key is None:
        return None
    return next((i for i, k in enumerate(keys) if same_person(k, key)), None)


def acted_together(paragraphs: Sequence[Paragraph], keys: Sequence[Key]) -> dict[int, Found[list[int]]]:
    """For each defendant (by position), the others the description of the act has acting jointly with them: two
    defendants named together as the subject of a plural verb, or «действуя совместно»."""
    out: dict[int, Found[list[int]]] = {}
    for p in paragraphs:
        if p.part != "reasoning":
            continue
        for m in _JOINT.finditer(p.text):
            a, b = _who(person_key(m.group("a")), keys), _who(person_key(m.group("b")), keys)
            if a is None or b is None or a == b:
                continue
            if not (_TOGETHER.search(m.group("rest")[:80]) or _plural_past_verb(m.group("rest"))):
                continue
            quote = p.text[m.start():m.end()].strip()
            for one, other in ((a, b), (b, a)):
                if one not in out:
                    out[one] = Found([other], p.index, quote)
                elif other not in out[one].value:
                    out[one].value.append(other)
    return out


def _first(paragraphs: Sequence[Paragraph], pattern: re.Pattern[str]) -> Found[bool] | None:
    for p in paragraphs:
        if p.part != "reasoning":
            continue
        m = pattern.search(p.text)
        if m:
            return Found(False, p.index, m.group(0))
    return None


def group_denied(paragraphs: Sequence[Paragraph]) -> Found[bool] | None:
    """``False`` (the qualification does not include a group) when the court says the group qualifier was not
    proved or is excluded."""
    return _first(paragraphs, _GROUP_DENIED)


def conspiracy_denied(paragraphs: Sequence[Paragraph]) -> Found[bool] | None:
    """``False`` when the court says there was no prior conspiracy."""
    return _first(paragraphs, _CONSPIRACY_DENIED)


def intoxicated(paragraphs: Sequence[Paragraph], keys: Sequence[Key]) -> dict[int, Found[bool]]:
    """Defendants the description of the act states were intoxicated: the name or names («А и Б») nearest before
    «в состоянии алкогольного опьянения» in the same sentence belong to defendants."""
    out: dict[int, Found[bool]] = {}
    for p in paragraphs:
        if p.part != "reasoning":
            continue
        for _, text in sentences(p):
            for m in _DRUNK.finditer(text):
                before = text[:m.start()]
                if _NOT_DRUNK.search(before[-60:]):
                    continue
                names = list(re.finditer(NAME, before))
                if not names:
                    continue
                last = names[-1]
                chosen = [last]
                if len(names) > 1 and re.fullmatch(r"\s+и\s+", before[names[-2].end():last.start()]):
                    chosen.insert(0, names[-2])
                between = before[last.end():]
                if len(between) > 80:
                    continue
                for n in chosen:
                    who = _who(person_key(n.group(0)), keys)
                    if who is not None and who not in out:
                        quote = text[chosen[0].start():m.end()]
                        out[who] = Found(True, p.index, quote)
    return out
