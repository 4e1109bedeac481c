"""The forms a report's language needs: citations as Kazakh courts write them, numbers with their nouns in
agreement (pymorphy3 for Russian), dates, and the defendant's grammatical gender in rule texts."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

CODE_RU = {"CC": "УК РК", "CAO": "КоАП РК", "CPC": "УПК РК"}
DVL_RU = "Закона РК «О профилактике бытового насилия»"
_CITE = re.compile(
    r"^(?P<code>CC|CAO|CPC|DVL) (?P<article>[0-9]+(?:-[0-9]+)?)(?:\((?P<part>[0-9]+(?:-[0-9]+)?)\))?"
    r"(?:\((?P<item>[0-9]+(?:-[0-9]+)?)\))?$"
)
_NOT_STATED = re.compile(r"^(CC|CAO) \(article not stated\)$")

# a unit: the English singular and plural, and the Russian noun (its dictionary form)
_UNITS: dict[str, tuple[str, str, str]] = {
    "years": ("year", "years", "год"),
    "months": ("month", "months", "месяц"),
    "days": ("day", "days", "сутки"),
    "hours": ("hour", "hours", "час"),
    "mci": ("MCI", "MCI", "МРП"),
}
UNITS = tuple(_UNITS)
# where the dictionary's first form after a number is not the one used with numerals: "5 лет", not "5 годов"
_AFTER_NUMBER = {("год", "gent", "plur"): "лет"}


def cite(citation: str, lang: str) -> str:
    """``CC 53(1)(9)`` as «п. 9 ч. 1 ст. 53 УК РК» in Russian; English citations stay as the data writes them.
    Authorities other than the codes and the domestic-violence law are returned unchanged (the caller uses their
    own citation form)."""
    if lang != "ru":
        return citation
    if _NOT_STATED.match(citation):
        return f"{CODE_RU[citation.split()[0]]} (статья не указана)"
    m = _CITE.match(citation)
    if m is None:
        return citation
    text = f"ст. {m['article']} " + (DVL_RU if m["code"] == "DVL" else CODE_RU[m["code"]])
    if m["part"]:  # a code's article has parts (части); a law's article has items (пункты)
        text = f"{'п.' if m['code'] == 'DVL' else 'ч.'} {m['part']} {text}"
    if m["item"]:
        text = f"п. {m['item']} {text}"
    return text


def number(value: float, lang: str) -> str:
    """1, 1.5 (en) or 1,5 (ru): no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "ru" else text


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # a large dictionary: loaded on first use

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def agree(noun: str, n: float) -> str:
    """The Russian noun's form after the number ``n`` (1 год, 2 года, 5 лет, 1,5 года; 1 сутки, 3 суток)."""
    parse = next((p for p in _morph().parse(noun) if p.normal_form == noun and "NOUN" in p.tag), None)
    if parse is None:
        return noun  # an abbreviation such as МРП does not decline
    if n != int(n):
        wanted = {"gent", "plur"} if "Pltm" in parse.tag else {"gent", "sing"}
        form = parse.inflect(wanted)
    else:
        form = parse.make_agree_with_number(int(n))
        if form is None and "Pltm" in parse.tag:  # сутки: "1 сутки", "2 суток", "5 суток"
            count = int(n)
            one = count % 10 == 1 and count % 100 != 11
            form = parse.inflect({"nomn", "plur"} if one else {"gent", "plur"})
    if form is None:
        return noun
    key = (noun, "gent" if "gent" in form.tag else "", "plur" if "plur" in form.tag else "")
    return str(_AFTER_NUMBER.get(key, form.word))


def amount(value: float, unit: str, lang: str) -> str:
    """A number with its unit in agreement: «2 года», «20 МРП», "2.5 years"."""
    en_one, en_many, ru = _UNITS[unit]
    if lang == "ru":
        return f"{number(value, lang)} {agree(ru, value)}"
    return f"{number(value, lang)} {en_one if value == 1 else en_many}"


def counted(n: int, noun: str, lang: str, en_plural: str | None = None) -> str:
    """«3 вывода», "3 findings": a count with its noun (Russian noun given in the dictionary form)."""
    if lang == "ru":
        return f"{n} {agree(noun, n)}"
    return f"{n} {noun if n == 1 else (en_plural or noun + 's')}"


def day(d: date | None, lang: str) -> str:
    """A date as Kazakh documents write it (20.09.2023), or ISO in English; "not stated" when unknown."""
    if d is None:
        return "не указана" if lang == "ru" else "not stated"
    return d.strftime("%d.%m.%Y") if lang == "ru" else d.isoformat()


GENDER = re.compile(r"\{g:([^|{}]*)\|([^|{}]*)\}")


def gendered(text: str, female: bool) -> str:
    """Resolve ``{g:masculine|feminine}`` by the defendant's sex (the generic masculine unless she is a woman)."""
    return GENDER.sub(lambda m: m.group(2) if female else m.group(1), text)
