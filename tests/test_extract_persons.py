"""Defendants' particulars and victims read from a decision's text (sentencecheck.extract.persons)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import TypeVar, get_args

import pytest

from sentencecheck.extract.documents import read_paragraphs
from sentencecheck.extract.passages import Found, Paragraph, Part
from sentencecheck.extract.persons import (
    DefendantFacts,
    Relationship,
    Sex,
    find_defendants,
    find_victims,
    sentence_spans,
)
from sentencecheck.extract.sections import assign_parts
from sentencecheck.model import case

T = TypeVar("T")
VERDICT = Path(__file__).parent / "verdicts" / "wife-stabbed-husband-8-years.txt"


def doc(*items: tuple[Part, str]) -> list[Paragraph]:
    return [Paragraph(n, n, text, part) for n, (part, text) in enumerate(items, start=1)]


def quotes_hold(result: object, paragraphs: list[Paragraph]) -> None:
    """Every passage a result cites is an exact substring of the paragraph it names."""
    texts = {p.index: p.text for p in paragraphs}
    values = [getattr(result, f.name) for f in dataclasses.fields(result)]  # type: ignore[arg-type]
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Found):
                assert item.quote and item.quote in texts[item.paragraph], item


def one_defendant(paragraphs: list[Paragraph]) -> DefendantFacts:
    found = find_defendants(paragraphs)
    assert len(found) == 1, found
    quotes_hold(found[0], paragraphs)
    return found[0]


def value(f: Found[T] | None) -> T | None:
    return None if f is None else f.value


def test_literals_match_the_model() -> None:
    assert get_args(Sex) == get_args(case.Sex)
    assert get_args(Relationship) == get_args(case.Relationship)


# ----------------------------------------------------------------------------------------------------- the verdict


@pytest.fixture(scope="module")
def verdict() -> list[Paragraph]:
    return assign_parts(read_paragraphs(VERDICT))


def test_the_verdicts_defendant(verdict: list[Paragraph]) -> None:
    d = one_defendant(verdict)  # «подсудимой Сарсенбаевой Д.М.» and the particulars are one person
    assert value(d.name) == "Сарсенбаевой Динары Маратовны"
    assert value(d.sex) == "female"
    assert d.birth_date is not None and d.birth_date.value == date(1990, 11, 4)
    assert d.birth_date.quote == "4 ноября 1990 года рождения"
    assert d.prior_convictions == Found(False, 6, "ранее не судимой")
    assert d.employed == Found(False, 6, "не работающей")
    assert value(d.has_young_children) is True
    assert d.has_young_children is not None and "пятерых малолетних детей" in d.has_young_children.quote
    assert d.law_enforcement_officer is None and d.public_office is None and d.pregnant is None and d.age is None


def test_the_verdicts_victim_is_the_husband_not_the_representative(verdict: list[Paragraph]) -> None:
    victims = find_victims(verdict)
    assert len(victims) == 1  # «представителя потерпевшего Сарсенбаевой Р.А.» is the mother, not a victim
    v = victims[0]
    quotes_hold(v, verdict)
    assert value(v.name) == "Сарсенбаевым Ерболатом Кайратовичем"
    assert v.birth_date is None and v.birth_year == Found(1986, 10, "1986 года рождения")
    assert value(v.sex) == "male"
    assert v.relationship is not None and v.relationship.value == "spouse"
    assert v.relationship.quote == "её супругом Сарсенбаевым Ерболатом Кайратовичем"
    assert v.deceased is not None and v.deceased.value is True and "скончался" in v.deceased.quote


# ------------------------------------------------------------------------------------------------------ particulars

MAN = (
    "Ахметова Бауыржана Каиржановича, 12.03.1985 года рождения, уроженца г. Шымкент, гражданина Республики "
    "Казахстан, казаха, со средним специальным образованием, женатого, имеющего двоих малолетних детей, работающего "
    "водителем в ТОО «Транс-Логистик», ранее судимого: 1) 14.02.2017 года Абайским районным судом г. Шымкент по ч. 1 "
    "ст. 188 УК РК к 1 году ограничения свободы, судимость не погашена, проживающего по адресу: г. Шымкент, "
    "ул. Жибек жолы, д. 12,"
)


def test_a_mans_particulars() -> None:
    paragraphs = doc(("intro", "рассмотрев в открытом судебном заседании уголовное дело в отношении:"), ("intro", MAN),
                     ("intro", "обвиняемого в совершении уголовного правонарушения, предусмотренного ч. 2 ст. 106 "
                               "УК РК,"))
    d = one_defendant(paragraphs)
    assert value(d.name) == "Ахметова Бауыржана Каиржановича"
    assert value(d.sex) == "male"
    assert value(d.birth_date) == date(1985, 3, 12)
    assert value(d.birth_year) == 1985
    assert d.prior_convictions is not None and d.prior_convictions.value is True
    assert d.prior_convictions.quote == "судимость не погашена"
    assert d.employed is not None and d.employed.value is True and d.employed.quote == "работающего"
    assert value(d.has_young_children) is True
    assert d.law_enforcement_officer is None


@pytest.mark.parametrize(("words", "expected"), [
    ("ранее не судимого", False),
    ("ранее не судимый", False),
    ("не судима", False),
    ("судимости не имеющего", False),
    ("ранее судимого", True),
    ("ранее неоднократно судимого", True),
    ("судимого 12.05.2019 года Алмалинским районным судом г. Алматы по ч. 2 ст. 188 УК РК", True),
    ("ранее судимого, судимость погашена", None),  # a spent conviction: the law decides (CC 79), not the text
    ("образование высшее", None),
])
def test_prior_convictions(words: str, expected: bool | None) -> None:
    d = one_defendant(doc(("intro", f"Иванова Сергея Петровича, 01.02.1980 года рождения, {words}, проживающего "
                                    "в г. Алматы,")))
    assert value(d.prior_convictions) is expected


@pytest.mark.parametrize(("words", "expected"), [
    ("не работающей", False),
    ("временно не работающей", False),
    ("нигде не работающей", False),
    ("безработной", False),
    ("работающей продавцом в ИП «Айсулу»", True),
    ("место работы: КГУ «Школа-гимназия № 5», учитель", True),
    ("трудоустроенной", True),
    ("пенсионерки", None),
])
def test_employment(words: str, expected: bool | None) -> None:
    d = one_defendant(doc(("intro", f"Нурлановой Айгерим Ерлановны, 03.04.1992 года рождения, {words}, ранее не "
                                    "судимой,")))
    assert value(d.employed) is expected
    assert value(d.sex) == "female"


@pytest.mark.parametrize("position", [
    "старшего участкового инспектора полиции ОП Алмалинского РУП ДП г. Алматы",
    "оперуполномоченного ОКП УП Сарыаркинского района ДП г. Астаны",
    "следователя СУ ДП Карагандинской области",
    "сотрудника органов внутренних дел",
    "майора полиции, начальника ОП № 3 УП г. Шымкент",
])
def test_law_enforcement_officer(position: str) -> None:
    d = one_defendant(doc(("intro", f"Касымова Ерлана Болатовича, 07.07.1988 года рождения, работающего в должности "
                                    f"{position}, ранее не судимого,")))
    assert value(d.law_enforcement_officer) is True
    assert value(d.employed) is True
    assert d.public_office is None


def test_a_former_police_officer_is_not_one() -> None:
    d = one_defendant(doc(("intro", "Касымова Ерлана Болатовича, 07.07.1988 года рождения, бывшего сотрудника "
                                    "полиции, временно не работающего, ранее не судимого,")))
    assert d.law_enforcement_officer is None
    assert value(d.employed) is False


def test_law_enforcement_from_the_reasoning() -> None:
    paragraphs = doc(
        ("intro", "Касымова Ерлана Болатовича, 07.07.1988 года рождения, ранее не судимого,"),
        ("reasoning", "Касымов Е.Б., являясь сотрудником полиции, 3 марта 2023 года в служебном кабинете нанёс "
                      "задержанному Омарову А.К. несколько ударов."),
    )
    d = one_defendant(paragraphs)
    assert d.law_enforcement_officer is not None and d.law_enforcement_officer.value is True
    assert d.law_enforcement_officer.quote == "являясь сотрудником полиции"
    assert value(d.sex) == "male"


def test_the_victim_police_officer_is_not_the_defendants_status() -> None:
    paragraphs = doc(
        ("intro", "Омарова Асхата Кайратовича, 02.02.1990 года рождения, не работающего, ранее не судимого,"),
        ("reasoning", "Омаров А.К. нанёс удар потерпевшему Касымову Е.Б., являющемуся сотрудником полиции, при "
                      "исполнении им служебных обязанностей."),
    )
    assert one_defendant(paragraphs).law_enforcement_officer is None


@pytest.mark.parametrize("office", ["государственного служащего", "акима Кызылжарского сельского округа",
                                    "депутата маслихата Костанайской области"])
def test_public_office(office: str) -> None:
    d = one_defendant(doc(("intro", f"Бекова Нурлана Сабитовича, 15.01.1975 года рождения, {office}, ранее не "
                                    "судимого,")))
    assert value(d.public_office) is True
    assert d.law_enforcement_officer is None


@pytest.mark.parametrize(("words", "expected"), [
    ("имеющей малолетнего ребёнка", True),
    ("имеющей на иждивении двоих малолетних детей", True),
    ("разведённой, на иждивении малолетняя дочь 2019 года рождения", True),
    ("детей не имеющей", False),
    ("не имеющей детей", False),
    ("имеющей несовершеннолетнего сына", None),  # 14-17 years old: not a young child
    ("имеющей двоих детей", None),  # their ages are not stated
])
def test_young_children(words: str, expected: bool | None) -> None:
    d = one_defendant(doc(("intro", f"Ким Ларисы Владимировны, 21.09.1987 года рождения, {words}, ранее не "
                                    "судимой,")))
    assert value(d.has_young_children) is expected


def test_young_children_recognised_by_the_court() -> None:
    paragraphs = doc(
        ("intro", "Ким Ларисы Владимировны, 21.09.1987 года рождения, ранее не судимой,"),
        ("reasoning", "Обстоятельствами, смягчающими уголовную ответственность и наказание, суд признаёт "
                      "чистосердечное раскаяние и наличие у неё малолетнего ребёнка."),
    )
    assert value(one_defendant(paragraphs).has_young_children) is True


def test_pregnancy() -> None:
    d = one_defendant(doc(("intro", "Ибраевой Жанар Серикбаевны, 30.06.1996 года рождения, замужней, находящейся "
                                    "в состоянии беременности (срок 24 недели), не работающей,")))
    assert d.pregnant is not None and d.pregnant.value is True
    assert d.pregnant.quote == "в состоянии беременности"


def test_age_stated_as_age() -> None:
    d = one_defendant(doc(("intro", "Касымова Тимура Ерлановича, 05.06.2007 года рождения, в возрасте 17 лет, "
                                    "учащегося колледжа, ранее не судимого,")))
    assert d.age == Found(17, 1, "в возрасте 17 лет")
    assert value(d.birth_date) == date(2007, 6, 5)


def test_birth_date_written_other_ways() -> None:
    paragraphs = doc(("intro", "Серикова Армана Маратовича, 11.11.1991 г.р., уроженца г. Тараз,"),
                     ("intro", "Нурланова Ерлана Серик улы, родившегося 2 февраля 1993 года в г. Туркестан,"))
    found = find_defendants(paragraphs)
    assert [value(d.birth_date) for d in found] == [date(1991, 11, 11), date(1993, 2, 2)]
    assert [value(d.sex) for d in found] == ["male", "male"]


def test_only_a_birth_year_is_not_a_birth_date() -> None:
    d = one_defendant(doc(("intro", "Серикова Армана Маратовича, 1991 года рождения, уроженца г. Тараз,")))
    assert d.birth_date is None
    assert d.birth_year == Found(1991, 1, "1991 года рождения")
    assert value(d.name) == "Серикова Армана Маратовича"


# ---------------------------------------------------------------------------------------------------- several people


def test_two_defendants_in_one_paragraph() -> None:
    paragraphs = doc(
        ("intro", "с участием государственного обвинителя Бекжанова Д.Е., подсудимых Омарова А.К. и Омаровой Г.Т., "
                  "защитника – адвоката Ким Л.В.,"),
        ("intro", "Омарова Асхата Кайратовича, 02.02.1990 года рождения, уроженца г. Алматы, женатого, работающего "
                  "охранником, ранее судимого; Омаровой Гульнары Тулегеновны, 15.08.1992 года рождения, уроженки "
                  "г. Алматы, замужней, не работающей, ранее не судимой,"),
        ("intro", "обвиняемых в совершении уголовного правонарушения, предусмотренного п. 2) ч. 2 ст. 99 УК РК,"),
    )
    first, second = find_defendants(paragraphs)
    quotes_hold(first, paragraphs)
    quotes_hold(second, paragraphs)
    assert (value(first.name), value(first.sex), value(first.prior_convictions), value(first.employed)) == (
        "Омарова Асхата Кайратовича", "male", True, True)
    assert (value(second.name), value(second.sex), value(second.prior_convictions), value(second.employed)) == (
        "Омаровой Гульнары Тулегеновны", "female", False, False)


def test_particulars_one_item_a_line() -> None:
    paragraphs = doc(
        ("intro", "Жумабаевой Салтанат Бериковны,"),
        ("intro", "12.12.1984 года рождения,"),
        ("intro", "уроженки г. Караганды,"),
        ("intro", "не работающей,"),
        ("intro", "ранее не судимой,"),
        ("intro", "обвиняемой в совершении уголовного правонарушения, предусмотренного ч. 1 ст. 106 УК РК,"),
    )
    d = one_defendant(paragraphs)
    assert value(d.birth_date) == date(1984, 12, 12)
    assert d.prior_convictions == Found(False, 5, "ранее не судимой")
    assert value(d.employed) is False
    assert value(d.sex) == "female"


def test_defendant_named_only_by_role() -> None:
    paragraphs = doc(
        ("intro", "с участием прокурора Серикова А.Б., подсудимого Ахметова Б.К., защитника Ли В.В.,"),
        ("reasoning", "Ахметов Б.К. 5 января 2024 года около 23 часов, находясь в состоянии алкогольного опьянения, "
                      "нанёс потерпевшей Ахметовой С.Н. не менее трёх ударов кулаком по лицу."),
    )
    d = one_defendant(paragraphs)
    assert value(d.name) == "Ахметова Б.К."
    assert d.sex is not None and d.sex.value == "male" and d.sex.quote == "подсудимого Ахметова Б.К."
    assert d.birth_date is None and d.prior_convictions is None


def test_administrative_offender() -> None:
    paragraphs = doc(
        ("intro", "рассмотрев дело об административном правонарушении в отношении лица, привлекаемого к "
                  "административной ответственности, – Жаксылыкова Серика Амановича, 04.10.1979 года рождения, "
                  "уроженца Алматинской области, не работающего,"),
    )
    d = one_defendant(paragraphs)
    assert value(d.name) == "Жаксылыкова Серика Амановича"
    assert value(d.employed) is False
    assert value(d.sex) == "male"


def test_offender_named_as_pravonarushitel() -> None:
    d = one_defendant(doc(("intro", "с участием правонарушителя Сейткали Н., потерпевшей Сейткали Д.Н.,")))
    assert value(d.name) == "Сейткали Н."
    assert d.sex is None  # «правонарушитель» is written for a woman too; the surname does not decline


def test_sex_from_verbs_alone() -> None:
    paragraphs = doc(
        ("intro", "в отношении Ли Д., 12.03.1990 года рождения,"),
        ("reasoning", "Ли Д., действуя умышленно, из корыстных побуждений, тайно похитил сотовый телефон."),
        ("reasoning", "Ли Д. вину признал полностью."),
    )
    d = one_defendant(paragraphs)
    assert d.sex is not None and d.sex.value == "male" and d.sex.quote.endswith("похитил")


def test_conflicting_signals_give_no_sex() -> None:
    paragraphs = doc(("intro", "в отношении Ли Д., 12.03.1990 года рождения, уроженки г. Алматы,"),
                     ("reasoning", "Ли Д. нанёс потерпевшему удар."))
    assert one_defendant(paragraphs).sex is None


def test_given_name_gender_from_the_dictionary() -> None:
    d = one_defendant(doc(("intro", "в отношении Ким Ларисы, 21.09.1987 года рождения,")))
    assert value(d.sex) == "female"


def test_the_victims_name_is_not_a_defendant() -> None:
    paragraphs = doc(
        ("intro", "с участием потерпевшей Сейткали Динары Нурлановны, 02.02.1995 года рождения, подсудимого "
                  "Сейткали Нурлана Маратовича,"),
        ("intro", "Сейткали Нурлана Маратовича, 03.03.1990 года рождения, ранее не судимого,"),
    )
    d = one_defendant(paragraphs)
    assert value(d.name) == "Сейткали Нурлана Маратовича"


def test_no_names_no_defendants() -> None:
    assert find_defendants(doc(("intro", "Суд, рассмотрев материалы дела, установил:"))) == []


# ---------------------------------------------------------------------------------------------------------- victims


def test_victim_by_role_with_relationship_after() -> None:
    paragraphs = doc(
        ("intro", "с участием потерпевшей Сейткали Д.Н., подсудимого Сейткали Н.М.,"),
        ("intro", "Сейткали Нурлана Маратовича, 03.03.1990 года рождения, ранее не судимого,"),
        ("reasoning", "Сейткали Н.М. 13 мая 2024 года около 22 часов, находясь по месту жительства, в ходе ссоры "
                      "нанёс потерпевшей Сейткали Д.Н., приходящейся ему бывшей супругой подсудимого, удары руками."),
        ("reasoning", "Потерпевшая Сейткали Д.Н. пояснила, что претензий к подсудимому не имеет."),
    )
    victims = find_victims(paragraphs)
    assert len(victims) == 1
    v = victims[0]
    quotes_hold(v, paragraphs)
    assert value(v.name) == "Сейткали Д.Н."
    assert v.sex is not None and v.sex.value == "female"
    assert value(v.relationship) == "former_spouse"
    assert v.deceased is None  # nothing says she died; alive is not stated either


def test_young_daughter() -> None:
    paragraphs = doc(
        ("intro", "подсудимого Нурланова Е.С., законного представителя малолетней потерпевшей Нурлановой А.Е. – "
                  "Нурлановой Г.К.,"),
        ("reasoning", "Нурланов Е.С., находясь в состоянии алкогольного опьянения, избил свою малолетнюю дочь "
                      "Нурланову Айлин Ерлановну, 15.04.2016 года рождения, причинив ей лёгкий вред здоровью."),
    )
    victims = find_victims(paragraphs)
    assert len(victims) == 1
    v = victims[0]
    quotes_hold(v, paragraphs)
    assert value(v.name) == "Нурланову Айлин Ерлановну"
    assert value(v.relationship) == "child"
    assert value(v.birth_date) == date(2016, 4, 15)
    assert v.age_under is not None and v.age_under.value == 14
    assert value(v.sex) == "female"


def test_representative_is_not_a_victim() -> None:
    paragraphs = doc(("intro", "с участием представителя потерпевшего Ахметовой Г.С., подсудимого Ахметова Б.К.,"))
    assert find_victims(paragraphs) == []


def test_victim_who_died() -> None:
    paragraphs = doc(
        ("intro", "Жумабаевой Салтанат Бериковны, 12.12.1984 года рождения, не работающей,"),
        ("reasoning", "Жумабаева С.Б. на почве личных неприязненных отношений нанесла своему сожителю Ерболову "
                      "Серику Кайратовичу один удар ножом в область живота."),
        ("reasoning", "Смерть Ерболова С.К. наступила от проникающего колото-резаного ранения живота."),
    )
    v, = find_victims(paragraphs)
    quotes_hold(v, paragraphs)
    assert value(v.relationship) == "partner"
    assert value(v.sex) == "male"
    assert v.deceased == Found(True, 3, "Смерть Ерболова С.К.")


def test_attempted_murder_victim_is_not_dead() -> None:
    paragraphs = doc(
        ("intro", "Омарова Асхата Кайратовича, 02.02.1990 года рождения,"),
        ("reasoning", "Омаров А.К. совершил покушение на убийство Сериковой Д.А., нанеся ей пять ударов ножом, однако "
                      "довести умысел до конца не смог, поскольку потерпевшей была оказана медицинская помощь."),
    )
    v, = find_victims(paragraphs)
    assert value(v.name) == "Сериковой Д.А."
    assert v.deceased is None


def test_victim_age_stated() -> None:
    paragraphs = doc(
        ("intro", "Омарова Асхата Кайратовича, 02.02.1990 года рождения,"),
        ("reasoning", "Омаров А.К. ударил потерпевшую Омарову Бибигуль Саматовну, в возрасте 72 лет, приходящуюся ему "
                      "матерью подсудимого."),
    )
    v, = find_victims(paragraphs)
    assert v.age == Found(72, 2, "в возрасте 72 лет")
    assert value(v.sex) == "female"


def test_anothers_relative_is_not_the_defendants() -> None:
    paragraphs = doc(
        ("intro", "Омарова Асхата Кайратовича, 02.02.1990 года рождения,"),
        ("reasoning", "Омаров А.К. нанёс удары потерпевшей Ивановой А.А. и её матери Петровой Б.Б."),
    )
    victims = find_victims(paragraphs)
    assert [value(v.name) for v in victims] == ["Ивановой А.А."]
    assert all(v.relationship is None for v in victims)


def test_sentence_spans_keep_initials_and_abbreviations() -> None:
    text = "Сарсенбаева Д.М. совершила убийство по ч. 1 ст. 99 УК РК. Она вину признала."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Сарсенбаева Д.М. совершила убийство по ч. 1 ст. 99 УК РК.", "Она вину признала."]


def test_defendants_listed_after_a_plural_role() -> None:
    paragraphs = doc(("intro", "с участием прокурора Серикова А.Б., подсудимых Омарова А.К., Омаровой Г.Т. и Ким В.С., "
                               "защитника Ли В.В.,"))
    found = find_defendants(paragraphs)
    assert [value(d.name) for d in found] == ["Омарова А.К.", "Омаровой Г.Т.", "Ким В.С."]
    assert [value(d.sex) for d in found] == [None, "female", None]  # «Омарова» may be either; «подсудимых» is plural


def test_a_co_accused_is_not_a_victim() -> None:
    paragraphs = doc(
        ("intro", "Омарова Асхата Кайратовича, 02.02.1990 года рождения,"),
        ("reasoning", "Уголовное дело в отношении Петрова П.П. выделено в отдельное производство."),
        ("reasoning", "Омаров А.К. тайно похитил имущество потерпевшей Сериковой Д.А."),
    )
    assert [value(v.name) for v in find_victims(paragraphs)] == ["Сериковой Д.А."]
