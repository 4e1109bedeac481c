"""A person's name as the decision declines it («Сарсенбаевой Динары Маратовны») back to the nominative
(«Сарсенбаева Динара Маратовна»), with pymorphy3.  The patronymic fixes the case and the sex; a word with no parse in
that case (an indeclinable surname such as «Пак», «Сейткали», a female name such as «Жанар») stays as written, and a
name without a patronymic is left as written: better the text's form than a wrong one."""

from __future__ import annotations

from functools import cache
from typing import Any

_NAME_TAGS = frozenset({"Surn", "Name", "Patr"})
_DECLINED_SURNAME = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ский", "ская", "цкий", "цкая",
                     "ской", "цкой")
"""Surnames Russian declines (with these nominative endings); others (Kazakh «Сейткали», Korean «Пак») stay."""


@cache
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _patronymic(word: str) -> Any | None:
    for p in _morph().parse(word):
        if "Patr" in p.tag.grammemes:
            return p
    return None


def _nominative(word: str, case: str, gender: str) -> str:
    if case == "nomn":
        return word
    for p in _morph().parse(word):
        tags = p.tag.grammemes
        if _NAME_TAGS & tags and case in tags and gender in tags and "sing" in tags:
            inflected = p.inflect({"nomn"})
            if inflected is not None:
                return _like(inflected.word, word)
    return word


def _like(new: str, old: str) -> str:
    """``new`` with ``old``'s capitalisation (pymorphy3 answers in lower case), hyphenated parts included."""
    return "-".join(part[:1].upper() + part[1:] if o[:1].isupper() else part
                    for part, o in zip(new.split("-"), old.split("-") + [""] * 8, strict=False))


def nominative(name: str) -> str:
    """The full name in the nominative, when its patronymic tells the case; otherwise as written."""
    words = name.split()
    if len(words) != 3 or "." in name:
        return name
    patr = _patronymic(words[2])
    if patr is None or patr.tag.case is None or patr.tag.gender is None:
        return name
    case, gender = patr.tag.case, patr.tag.gender
    surname = _nominative(words[0], case, gender)
    if not surname.lower().endswith(_DECLINED_SURNAME):
        surname = words[0]
    return " ".join([surname, *(_nominative(w, case, gender) for w in words[1:])])
