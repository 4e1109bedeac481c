"""The rules' texts: English and Russian name the same variables; the Russian reads as a Kazakh lawyer writes it (no
Latin script, no «осуждён(а)»); no text writes in a number that the statute data or the case holds («8 лет»), only
citations and dates."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from sentencecheck.rules.model import TEMPLATE_GENDER, TEMPLATE_VAR, RuleSet, RuleSpec, template_vars

FIELDS = ("title", "explanation", "argument", "counterfactual")

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
_DATES = re.compile(rf"\b\d{{1,2}}\.\d{{1,2}}\.\d{{4}}\b|\b\d{{1,2}} (?:{_MONTHS})\b|\b(?:19|20)\d\d\b")
"""11.05.2007, 1 January 2015, 1 января, a year (the 2024 law, c.2020 text, 2014 года)."""

_HEAD = (
    r"(?:\b(?:CC|CPC|CAO|DVL|NR|Law|[Aa]rticles?|[Ii]tems?|[Pp]arts?|para\.)"
    r"|(?<![^\W\d_])(?:ст\.|чч?\.|пп?\.|[Сс]тать(?:я|и|ей|ёй|ю)|[Чч]аст[ьи]|[Пп]ункт[аы]?)|№)"
)
_NUM = r"(?:\d+(?:-\d+)?(?:-[IVX]+\b)?(?:/\d{4})?(?:\(\d+(?:-\d+)?\))*|\(\d+(?:-\d+)?\)(?:\(\d+(?:-\d+)?\))*)"
_SEP = r"(?:\s*[-–,]\s*|\s+(?:and|or|и|или)\s+)"
_CITATIONS = re.compile(rf"{_HEAD}\s*{_NUM}(?:{_SEP}{_NUM})*")
"""«п. 9 ч. 1 ст. 53», «чч. 2, 3 ст. 484», «№ 72-VIII», "CC 55(2)-(3), (6)", "CPC 179-180", "NR 2/2007, para. 1"."""

_AMOUNT = re.compile(
    r"(?<![\d.,(])\d{1,3}(?:[.,]\d+)?\s*(?:years?|months?|days?|hours?|MCI|лет|года?|месяц\w*|сут\w*|дн\w*|час\w*|МРП)"
    r"(?!\w)",
    re.IGNORECASE,
)
"""A number with a unit of a sanction or a term («8 лет», "20 MCI"), even where it follows a citation's comma."""

_UNIT_IN_WORDS = re.compile(r"\(в (?:годах|месяцах|сутках|часах|МРП)\)|в (?:годах|месяцах|сутках|часах|МРП):")
"""«(в годах): {x}», «(в годах: {x})»: the markup {x|years} writes the number with its noun instead."""

_GENITIVE_BEFORE_UNIT = re.compile(
    r"(?<!\w)(?:не менее|не более|менее|более|свыше|сверх|до|от|около|в течение|на протяжении)\s+"
    r"\{[a-z_.0-9]+\|(?:years|months|days|hours)\}",
    re.IGNORECASE,
)
"""«не менее {x|years}» renders «не менее 3 года»: the markup gives the form a number takes in the nominative, so
in Russian it follows a dash or a verb («низший предел — 3 года», «сроком на 3 года»), not a word that governs the
genitive («не менее 3 лет»)."""

_SLASH_GENDER = re.compile(r"[а-яё]\([а-яё]{1,4}\)|[а-яё]+/[а-яё]+", re.IGNORECASE)
"""«осуждён(а)», «обращался(ась)», «он/она»: the markup {g:…|…} chooses the form instead."""

_EN_PLURAL = re.compile(r"[a-z]\((?:s|es)\)")
""""time(s)": a count is written with its noun, not with an optional plural."""

_ROMAN_LAW_NUMBER = re.compile(r"№\s*\d+-[IVX]+\b")
"""«Закона № 72-VIII»: the number of a law is written with Latin numerals."""

_RESEARCH = re.compile(
    r"\bresearch\b"
    r"|(?<![а-яё])(?<!его )(?<!её )(?<!ее )(?<!их )исследовани[а-яё]*(?![а-яё])"
    r"(?!\s+(?:судом|доказательств|обстоятельств|состояния|показаний|материалов|довод))",
    re.IGNORECASE,
)
""""the research", «в исследовании не приведено»: a lawyer does not know what "the research" is, so a text names
the statute data the program uses. A court's examination passes: the verb («суд не исследовал», «не исследованы»,
«исследовать»), and the noun with what or whom it examines («исследование доказательств», «без исследования
состояния аффекта», «об их исследовании судом», «отсутствие его исследования»)."""

_OTHER_DATA_NAMES = re.compile(
    r"data on the law used here|(?<!program's )\bstatute data\b(?! the program uses)"
    r"|использованн\w* программой данн\w*|данн\w* о законе(?!, использованн)",
    re.IGNORECASE,
)
"""One phrase for the data: "the statute data the program uses" (or "the program's statute data"), «данные о законе,
использованные программой» declined as the sentence needs; not "the data on the law used here" or «в данных о
законе» alone."""


def _texts(spec: RuleSpec) -> Iterator[tuple[str, str, str]]:
    for name in FIELDS:
        text = getattr(spec, name)
        if text is not None:
            yield name, text.en, text.ru


def plain(text: str) -> str:
    """A text with its variables blanked out and both forms of each {g:…|…} kept, to check the words around them."""
    text = TEMPLATE_GENDER.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    return TEMPLATE_VAR.sub(" ", text)


def stray_numbers(text: str) -> list[str]:
    """Numbers outside citations and dates, and any number followed by a unit."""
    bare = plain(text)
    found = _AMOUNT.findall(bare)
    rest = _CITATIONS.sub(" ", _DATES.sub(" ", bare))
    return found + re.findall(r"\d+", rest)


def latin_words(ru: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", _ROMAN_LAW_NUMBER.sub(" ", plain(ru)))


def research_words(text: str) -> list[str]:
    """Where a text calls the statute data "the research", or names it otherwise than the one phrase."""
    bare = plain(text)
    return [m.group(0) for m in _RESEARCH.finditer(bare)] + [m.group(0) for m in _OTHER_DATA_NAMES.finditer(bare)]


def problems(spec: RuleSpec) -> list[str]:
    """Everything wrong with one rule's texts, as readable lines."""
    out: list[str] = []
    for name, en, ru in _texts(spec):
        if set(template_vars(en)) != set(template_vars(ru)):
            only_en = sorted(set(template_vars(en)) - set(template_vars(ru)))
            only_ru = sorted(set(template_vars(ru)) - set(template_vars(en)))
            out.append(f"{name}: variables only in en {only_en}, only in ru {only_ru}")
        out += [f"{name}.ru: Latin word {w!r}" for w in latin_words(ru)]
        out += [f"{name}.ru: slash gender {w!r}" for w in _SLASH_GENDER.findall(plain(ru))]
        out += [f"{name}.ru: a unit in words {w!r}" for w in _UNIT_IN_WORDS.findall(ru)]
        out += [f"{name}.ru: a genitive before {w!r}" for w in _GENITIVE_BEFORE_UNIT.findall(ru)]
        out += [f"{name}.en: optional plural {w!r}" for w in _EN_PLURAL.findall(plain(en))]
        for lang, text in (("en", en), ("ru", ru)):
            out += [f"{name}.{lang}: number {n!r} outside a citation or a date" for n in stray_numbers(text)]
            out += [f"{name}.{lang}: {w!r}: say 'the statute data the program uses'" for w in research_words(text)]
    return out


def test_every_rule_text_pair_agrees_and_reads_as_written(bundled: RuleSet) -> None:
    found = [f"{r.file}: {r.id}: {p}" for r in bundled.rules for p in problems(r.spec)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "text",
    [
        "{defendant} was sentenced to 8 years, below the minimum.",
        "Наказание — 8 лет лишения свободы.",
        "ниже предела ч. 1 ст. 99 УК РК, 8 лет",
        "a fine of 20 MCI",
        "в течение 3 суток",
        "{law.min_years} (в годах): 8",
        "CC 99(1) sets at least 8.",
    ],
)
def test_a_number_outside_a_citation_is_caught(text: str) -> None:
    assert stray_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "п. 9 ч. 1 ст. 53 УК РК; чч. 2, 3 ст. 484 УПК РК; ч. 2 и 3 ст. 55; ст. 58, 60 УК РК; ст. 179, 180 УПК РК",
        "п. 1 нормативного постановления № 2 от 11.05.2007; Закон № 72-VIII; с 1 января 2015 года; Пункт 8; Часть 4",
        "CC 55(2)-(3), (6); CPC 179-180; CC 53(1)(9), 53(3); CC 99, 102, 106 or 112; NR 2/2007, para. 1",
        "Law 72-VIII of 15.04.2024; CAO 73(2), 73-1(2), 73-2(2); (item 12); parts 2 and 3; the c.2020 text",
        "at least {law.min_years|years}; не менее {law.min_years|years}; {g:осуждён|осуждена}",
    ],
)
def test_citations_dates_and_variables_pass(text: str) -> None:
    assert stray_numbers(text) == []


def test_the_other_checks_catch_what_they_name() -> None:
    assert latin_words("ст. 99 УК РК, см. правило below-statutory-minimum") == ["below", "statutory", "minimum"]
    assert latin_words("Закона № 72-VIII; {charge}; {g:осуждён|осуждена}") == []
    assert _SLASH_GENDER.findall(plain("{defendant} осуждён(а), обращался(ась)")) == ["н(а)", "я(ась)"]
    assert _SLASH_GENDER.findall(plain("{g:осуждён|осуждена}")) == []
    assert _EN_PLURAL.findall("complained 3 time(s)") == ["e(s)"]
    assert _GENITIVE_BEFORE_UNIT.findall("не менее {law.min_years|years}; до {x|days}; сроком на {y|years}") == [
        "не менее {law.min_years|years}", "до {x|days}"]
    assert _UNIT_IN_WORDS.findall("низший предел (в годах): {law.min_years}; срок (в сутках: {x})") == [
        "(в годах)", "в сутках:"]


@pytest.mark.parametrize(
    "text",
    [
        "порядок обжалования в исследовании не приведено",
        "Исследование не нашло такой нормы; исследование предполагает иное",
        "по воспоминанию автора исследования (пункт не установлен)",
        "по данным исследования",
        "the research does not say what a lawyer does",
        "is not in the research: check the CAO",
        "the data on the law used here do not cover it",
        "in the statute data: check it",
        "в данных о законе нет; в использованных программой данных о законе не описан",
    ],
)
def test_the_research_and_other_names_for_the_data_are_caught(text: str) -> None:
    assert research_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "суд не исследовал довод; необходимая оборона не исследована; доводы не исследованы судом",
        "Верховный Суд требует исследовать необходимую оборону; неполнота судебного следствия",
        "исследование доказательств; без исследования состояния аффекта; отсутствие его исследования",
        "ходатайствовать об их исследовании судом; оставил его неисследованным",
        "в данных о законе, использованных программой, не приведено; по данным о законе, использованным программой,",
        "the statute data the program uses does not say; the program's statute data holds no provision",
    ],
)
def test_court_examination_and_the_one_phrase_pass(text: str) -> None:
    assert research_words(text) == []
