"""Russian numerals and dates as verdicts write them (sentencecheck.extract.numbers, .dates)."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import pytest

from sentencecheck.extract.dates import find_dates, parse_date
from sentencecheck.extract.numbers import (
    NUMBER,
    NUMBER_WORD,
    ORDINAL_WORD,
    Case,
    Gender,
    digits_value,
    number_value,
    number_words,
    ordinal_value,
    roman_value,
    word_value,
    words_value,
)
from sentencecheck.extract.passages import Paragraph

CASES: tuple[Case, ...] = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS: tuple[Gender, ...] = ("masc", "femn", "neut")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _forms(normal: str, tag: str) -> set[str]:
    """Every form pymorphy3 knows of the word ``normal`` read as ``tag`` (NUMR, ADJF …)."""
    parse = next(p for p in _morph().parse(normal) if p.normal_form == normal and tag in p.tag)
    return {form.word for form in parse.lexeme}


CARDINALS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900, "полтора": 1.5,
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7, "десятеро": 10,
}


@pytest.mark.parametrize(("normal", "value"), sorted(CARDINALS.items()))
def test_every_case_form_of_a_cardinal_is_read(normal: str, value: float) -> None:
    tag = "ADJF" if normal == "один" else "NUMR"
    forms = _forms(normal, tag)
    assert len(forms) >= 2
    for form in forms:
        for written in {form, form.replace("ё", "е"), form.capitalize()}:
            assert re.fullmatch(NUMBER_WORD, written, re.IGNORECASE | re.VERBOSE), written
            assert word_value(written) == value, written


def test_every_form_of_thousand_is_read() -> None:
    forms = {form for form in _forms("тысяча", "NOUN") if form.startswith("тысяч")}  # not the colloquial «тыща»
    assert len(forms) >= 6
    for form in forms:
        assert word_value(form) == 1000, form


@pytest.mark.parametrize("word", ["восьми", "восемью", "одного", "двадцати", "полутора", "полторы", "сорока", "ста",
                                  "девяноста", "трёх", "трех", "четырьмя", "пятьюстами", "двухсот"])
def test_forms_verdicts_write(word: str) -> None:
    assert word_value(word) is not None


@pytest.mark.parametrize("word", ["семья", "стол", "пятница", "сотня", "дважды", "трамвай", "первый", "", "8"])
def test_words_that_are_not_cardinals(word: str) -> None:
    assert word_value(word) is None


@pytest.mark.parametrize(("text", "value"), [
    ("восемь", 8), ("восьми", 8), ("двадцати пяти", 25), ("ста двадцати", 120), ("двух тысяч пятисот", 2500),
    ("полутора", 1.5), ("полутора тысяч", 1500), ("пятьдесят пять тысяч триста восемьдесят", 55380),
    ("одной тысячи", 1000), ("тысячи", 1000), ("девятисот девяноста девяти", 999), ("одиннадцати", 11),
])
def test_numeral_phrases(text: str, value: float) -> None:
    assert words_value(text) == value


@pytest.mark.parametrize("text", ["пять восемь", "двадцать тридцать", "пятнадцать пять", "десять два",
                                  "двадцать полтора", "тысяча тысяча", "восемь лет", "", "сто сто"])
def test_phrases_that_are_not_one_number(text: str) -> None:
    assert words_value(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("8 (восемь)", 8), ("8(восемь)", 8), ("8 (восьми)", 8), ("20 (двадцати)", 20), ("8 (семь)", 8),
    ("1,5", 1.5), ("1.5", 1.5), ("2,25", 2.25), ("55 380", 55380), ("55\u00a0380", 55380), ("1 000 000", 1_000_000),
    ("восемь", 8), ("полтора", 1.5), ("10", 10),
])
def test_number_values_digits_win(text: str, value: float) -> None:
    assert number_value(text) == value


@pytest.mark.parametrize("text", ["1,500", "13.05.2024", "8 лет", "8 (восемь", "ст. 8", "abc", "пять восемь"])
def test_number_values_refused(text: str) -> None:
    assert number_value(text) is None


@pytest.mark.parametrize(("text", "value"), [("8", 8.0), ("1,5", 1.5), ("12 345", 12345.0)])
def test_digits(text: str, value: float) -> None:
    assert digits_value(text) == value
    assert re.fullmatch(NUMBER, text, re.IGNORECASE | re.VERBOSE)


def test_number_pattern_takes_the_words_in_brackets() -> None:
    match = re.search(NUMBER, "сроком на 8 (восемь) лет", re.IGNORECASE | re.VERBOSE)
    assert match is not None and match.group(0) == "8 (восемь)"


def test_number_pattern_does_not_read_a_date_or_an_article() -> None:
    assert re.search(rf"^{NUMBER}$", "13.05.2024", re.IGNORECASE | re.VERBOSE) is None
    found = [m.group(0) for m in re.finditer(NUMBER, "13.05.2024 года", re.IGNORECASE | re.VERBOSE)]
    assert "13" not in found and "05" not in found


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("gender", GENDERS)
def test_number_words_round_trip(case: Case, gender: Gender) -> None:
    for n in [*range(1, 1001), 1500, 2000, 2500, 11000, 12345, 15005, 21000, 55380, 999_999]:
        assert words_value(number_words(n, case, gender)) == n, (n, case, gender)


@pytest.mark.parametrize(("n", "case", "gender", "words"), [
    (8, "nomn", "masc", "восемь"), (8, "gent", "masc", "восьми"), (20, "gent", "masc", "двадцати"),
    (1, "gent", "masc", "одного"), (1, "nomn", "femn", "одна"), (2, "nomn", "femn", "две"),
    (25, "gent", "masc", "двадцати пяти"), (2500, "gent", "masc", "двух тысяч пятисот"),
    (1000, "nomn", "masc", "одна тысяча"), (5000, "nomn", "masc", "пять тысяч"),
])
def test_number_words(n: int, case: Case, gender: Gender, words: str) -> None:
    assert number_words(n, case, gender) == words


@pytest.mark.parametrize("n", [0, -1, 1_000_000])
def test_number_words_out_of_range(n: int) -> None:
    with pytest.raises(ValueError):
        number_words(n)


ORDINALS = {
    "первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "пятый": 5, "шестой": 6, "седьмой": 7, "восьмой": 8,
    "девятый": 9, "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12, "пятнадцатый": 15, "двадцатый": 20,
}


@pytest.mark.parametrize(("normal", "value"), sorted(ORDINALS.items()))
def test_every_form_of_an_ordinal_is_read(normal: str, value: int) -> None:
    for form in _forms(normal, "ADJF") - {f for f in _forms(normal, "ADJF") if "ейш" in f}:  # not «первейший»
        for written in {form, form.replace("ё", "е")}:
            assert re.fullmatch(ORDINAL_WORD, written, re.IGNORECASE | re.VERBOSE), written
            assert ordinal_value(written) == value, written


@pytest.mark.parametrize(("word", "value"), [("первой", 1), ("второй", 2), ("третьей", 3), ("четвёртой", 4),
                                             ("четвертой", 4), ("пятой", 5), ("шестой", 6), ("Второй", 2)])
def test_part_ordinals(word: str, value: int) -> None:
    assert ordinal_value(word) == value


@pytest.mark.parametrize("word", ["синей", "второпях", "пять", "", "2"])
def test_not_ordinals(word: str) -> None:
    assert ordinal_value(word) is None


@pytest.mark.parametrize(("text", "value"), [("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("V", 5), ("VI", 6),
                                             ("IX", 9), ("X", 10), ("XIV", 14)])
def test_roman(text: str, value: int) -> None:
    assert roman_value(text) == value


@pytest.mark.parametrize("text", ["", "IIII", "VX", "IC", "ii", "1"])
def test_not_roman(text: str) -> None:
    assert roman_value(text) is None


# --- dates ---------------------------------------------------------------------------------------------------------

MAY_13 = date(2024, 5, 13)


@pytest.mark.parametrize("text", ["13 мая 2024 года", "13.05.2024 г.", "13.05.2024", '"13" мая 2024 г.',
                                  "«13» мая 2024 года", "13 мая 2024г.", "13 Мая 2024 года", "13.5.2024",
                                  "  13 мая 2024 года ", "13 мая 2024 г", "“13” мая 2024 года"])
def test_date_forms(text: str) -> None:
    assert parse_date(text) == MAY_13


@pytest.mark.parametrize(("text", "value"), [
    ("1 января 2020 года", date(2020, 1, 1)), ("29 февраля 2024 года", date(2024, 2, 29)),
    ("31 марта 2023 г.", date(2023, 3, 31)), ("30 апреля 2023", date(2023, 4, 30)), ("1 июня 2022", date(2022, 6, 1)),
    ("15 июля 2021", date(2021, 7, 15)), ("5 августа 2019", date(2019, 8, 5)), ("5 сентября 2019", date(2019, 9, 5)),
    ("5 октября 2019", date(2019, 10, 5)), ("5 ноября 2019", date(2019, 11, 5)),
    ("31 декабря 2019", date(2019, 12, 31)),
])
def test_every_month(text: str, value: date) -> None:
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["31.02.2024", "30 февраля 2024 года", "29 февраля 2023 года", "13 мая",
                                  "13.05.24", "00.05.2024", "13.13.2024", "32 мая 2024", "8 701 123 45 67",
                                  "13 мая 1024 года", "мая 2024 года", "13 маяка 2024", "1 год 6 месяцев"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_dates_quotes_are_exact_passages() -> None:
    text = ("Приговор от 13 мая 2024г. вступил в силу 01.06.2024 г.; тел. 8.701.555.12.34, 31.02.2024 года, "
            "преступление совершено «5» июня 2023 года около 22 часов, телефон 87011234567.")
    found = find_dates(Paragraph(7, 3, text))
    assert [f.value for f in found] == [MAY_13, date(2024, 6, 1), date(2023, 6, 5)]
    assert [f.quote for f in found] == ["13 мая 2024г.", "01.06.2024 г.", "«5» июня 2023 года"]
    assert all(f.paragraph == 7 and f.quote in text for f in found)


def test_a_date_inside_a_longer_number_is_not_read() -> None:
    assert find_dates(Paragraph(1, 1, "номер 1.13.05.2024 и 113.05.20245")) == []
