"""Russian numerals as verdicts write them: «8 (восемь)», «восьми», «двадцати пяти», «полутора», «1,5», «55 380»,
the ordinals of part numbers («части второй») and Roman part numbers («ч. II»).

Digits win: «8 (семь)» is 8 (the words in brackets only repeat the digits, and a clerk's slip there does not change
the sentence).  Word forms are normalised with pymorphy3, so every case form is read («восемь», «восьми», «восемью»).
The regular-expression fragments (:data:`NUMBER`, :data:`NUMBER_WORD`, :data:`ORDINAL_WORD`) are for the other
extract modules to build their patterns with; each is a non-capturing group."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

Case = Literal["nomn", "gent", "datv", "accs", "ablt", "loct"]
Gender = Literal["masc", "femn", "neut"]

_CARDINALS: dict[str, float] = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900, "тысяча": 1000, "полтора": 1.5,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8, "девятеро": 9,
    "десятеро": 10,
}
"""Normal form (as pymorphy3 gives it) -> value; the collective numerals («двое», «трое суток») too."""

_ORDINALS: dict[str, int] = {
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "пятый": 5, "шестой": 6, "седьмой": 7, "восьмой": 8,
    "девятый": 9, "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12, "тринадцатый": 13, "четырнадцатый": 14,
    "пятнадцатый": 15, "шестнадцатый": 16, "семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19,
    "двадцатый": 20,
}

_UNITS = ("", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять")
_TEENS = ("десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
          "семнадцать", "восемнадцать", "девятнадцать")
_TENS = ("", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто")
_HUNDREDS = ("", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот")

# One cardinal numeral word in any case form (ё or е).  Written out rather than generated so that the pattern
# does not need the morphology dictionary; tests check it against every form pymorphy3 knows.
NUMBER_WORD = r"""(?:
    тысяч(?:а|и|у|е|ей|ею|ью|ам|ами|ах)?                                      # 1000
  | двести | тр[её]ста | триста | четыреста                                # 200-400 nominative
  | (?:дв(?:ух|ум|умя)|тр(?:[её]х|[её]м|емя)|четыр(?:[её]х|[её]м|ьмя))(?:сот|стам|стами|стах)
  | (?:пят|шест|сем|восем|восьм|девят)(?:ьсот|исот|истам|ьюстами|истах)   # 500-900
  | (?:пять|пяти|пятью|шесть|шести|шестью|семь|семи|семью|восемь|восьми|восемью|восьмью)дес(?:ят|яти|ятью)
  | сорок(?:а)? | девяност[оа] | ст[оа]                                     # 40, 90, 100
  | (?:(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат|двадцат|тридцат)(?:ь|и|ью)   # 11-19, 20, 30
  | (?:пят|шест|сем|восем|восьм|девят|десят)(?:ь|и|ью)                    # 5-10
  | четыр(?:е|[её]х|[её]м|ьмя) | тр(?:и|[её]х|[её]м|емя) | дв(?:а|е|ух|ум|умя)
  | од(?:ин|н(?:ого|ому|ими|им|их|ом|ой|ою|у|а|о|и))                      # 1, every gender
  | полтор[аы] | полутора                                                  # 1.5
  | (?:дво|тро)(?:е|их|им|ими)                                              # collective: «двое суток»
  | (?:четвер|пятер|шестер|семер|восьмер|девятер|десятер)(?:о|ых|ым|ыми)
)(?![а-яё])"""

# An ordinal adjective 1-20 (part numbers: «части второй», «частью четвёртой»).
ORDINAL_WORD = r"""(?:
    (?:перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят
      |(?:один|две|три|четыр|пят|шест|сем|восем|девят)надцат|двадцат)
    (?:ый|ий|ой|ая|ое|ую|ые|ого|ому|ым|ом|ых|ыми|ей|ою|ья|ье|ью|ьи|ьего|ьему|ьим|ьем|ьей|ьею|ьих|ьими)
)(?![а-яё])"""

# Digits: a thousands-grouped amount («55 380»), or a number with an optional decimal comma or point («1,5»); never
# a date's or an article's digits («13.05.2024», «228.1» is read only where a caller allows it).
DIGITS = r"(?<!\d[,.])(?<!\d)(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:[,.]\d{1,2})?(?![\d]|[,.]\d))"

# A number as a verdict writes it: digits with the words in brackets, digits alone, or words alone.
NUMBER = rf"(?:{DIGITS}(?:\s*\(\s*[^()\d]{{1,80}}?\s*\))?|{NUMBER_WORD}(?:\s+{NUMBER_WORD}){{0,4}})"

_DIGITS_RE = re.compile(DIGITS)
_WORD_RE = re.compile(NUMBER_WORD, re.IGNORECASE | re.VERBOSE)
_ORDINAL_RE = re.compile(ORDINAL_WORD, re.IGNORECASE | re.VERBOSE)
_ROMAN_RE = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{0,3})")
_ROMAN = {"I": 1, "V": 5, "X": 10}
_SPACES = re.compile(r"[ \u00a0\u202f]")
_LEADING_DIGITS = re.compile(rf"\s*({DIGITS})")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3  # a large dictionary: loaded on first use

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=2048)
def _normal_forms(word: str) -> tuple[str, ...]:
    return tuple(p.normal_form.replace("ё", "е") for p in _morph().parse(word.lower()))


_PLAIN_CARDINALS = {k.replace("ё", "е"): v for k, v in _CARDINALS.items()}
_PLAIN_ORDINALS = {k.replace("ё", "е"): v for k, v in _ORDINALS.items()}


def _lookup(word: str, table: dict[str, Any]) -> Any:
    """The value of the first reading of ``word`` whose normal form is in ``table`` (keys written with е)."""
    return next((table[form] for form in _normal_forms(word) if form in table), None)


def word_value(word: str) -> float | None:
    """One cardinal numeral in any case form: «восьми» -> 8, «полутора» -> 1.5; anything else -> None."""
    if not _WORD_RE.fullmatch(word.strip()):
        return None
    value: float | None = _lookup(word.strip(), _PLAIN_CARDINALS)
    return value


def ordinal_value(word: str) -> int | None:
    """An ordinal 1-20 in any case and gender: «второй», «четвертой», «третьей» -> 2, 4, 3."""
    if not _ORDINAL_RE.fullmatch(word.strip()):
        return None
    value: int | None = _lookup(word.strip(), _PLAIN_ORDINALS)
    return value


def roman_value(text: str) -> int | None:
    """A Roman numeral I-XXIX (upper case): «III» -> 3."""
    text = text.strip()
    if not text or not _ROMAN_RE.fullmatch(text):
        return None
    values = [_ROMAN[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _rank(value: float) -> int:
    """Where a word stands in a compound numeral: hundreds 3, tens and teens 2, units 1."""
    return 3 if value >= 100 else 2 if value >= 10 else 1


def words_value(text: str) -> float | None:
    """A numeral phrase: «двадцати пяти» -> 25, «ста двадцати» -> 120, «двух тысяч пятисот» -> 2500,
    «полутора» -> 1.5.  Words out of order («пять восемь») or anything not a numeral -> None."""
    words = text.split()
    if not words:
        return None
    total = group = 0.0
    last_rank = 4
    last_value = 0.0
    for word in words:
        value = word_value(word)
        if value is None:
            return None
        if value == 1000:
            if total:
                return None
            total, group, last_rank, last_value = (group or 1) * 1000, 0.0, 4, 0.0
            continue
        rank = _rank(value)
        # out of order («пять восемь»), «двадцать полтора», a unit after a teen or ten («десять пять»)
        if rank >= last_rank or (value == 1.5 and group) or 10 <= last_value < 20:
            return None
        group += value
        last_rank, last_value = rank, value
    return total + group


def digits_value(text: str) -> float | None:
    """Digits as written: «8», «1,5» (a decimal comma), «55 380» (thousands separated by spaces)."""
    text = text.strip()
    if not _DIGITS_RE.fullmatch(text):
        return None
    return float(_SPACES.sub("", text).replace(",", "."))


def number_value(text: str) -> float | None:
    """A number as a verdict writes it: «8 (восемь)» and «8 (семь)» -> 8 (digits win), «восемь» -> 8, «1,5»."""
    if match := _LEADING_DIGITS.match(text):
        rest = text[match.end():].strip()
        if not rest or rest.startswith("(") and rest.endswith(")"):
            return digits_value(match[1])
        return None
    return words_value(text)


def number_words(n: int, case: Case = "nomn", gender: Gender = "masc") -> str:
    """``n`` (1 to 999 999) in words, in the given case: ``number_words(25, "gent")`` -> «двадцати пяти»; the gender
    is that of the counted noun (one and two agree with it: «одна», «две»)."""
    if not 0 < n < 1_000_000:
        raise ValueError(f"{n}: only 1 to 999 999 are written in words here")
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands:
        words += _under_thousand(thousands, case, "femn")
        words.append(_thousand(thousands, case))
    if rest:
        words += _under_thousand(rest, case, gender)
    return " ".join(words)


def _under_thousand(n: int, case: Case, gender: Gender) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    nominative = [_HUNDREDS[hundreds]]
    nominative.append(_TEENS[units] if tens == 1 else _TENS[tens])
    if tens != 1:
        nominative.append(_UNITS[units])
    return [_inflect(word, case, gender) for word in nominative if word]


def _inflect(word: str, case: Case, gender: Gender) -> str:
    parse = next(p for p in _morph().parse(word) if p.normal_form == word and {"NUMR", "Anum"} & set(p.tag.grammemes))
    grammemes: set[str] = {case, gender} if word in ("один", "два", "полтора") else {case}
    if word == "один":
        grammemes.add("sing")
    if word == "два" and case not in ("nomn", "accs"):
        grammemes.discard(gender)
    form = parse.inflect(grammemes)
    return str(form.word) if form is not None else word


def _thousand(count: int, case: Case) -> str:
    """«тысяча» agreeing with ``count``: «две тысячи», «пять тысяч» (nominative), «двух тысяч», «одной тысячи»."""
    parse = next(p for p in _morph().parse("тысяча") if p.normal_form == "тысяча" and "NOUN" in p.tag)
    one = count % 10 == 1 and count % 100 != 11
    if one:
        form = parse.inflect({case, "sing"})
    elif case in ("nomn", "accs"):
        form = parse.make_agree_with_number(count)
    else:
        form = parse.inflect({case, "plur"})
    return str(form.word)
