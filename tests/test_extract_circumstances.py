"""Circumstances, leniency grounds, requests, outcome, reconciliation and offence dates read from a decision's text
(sentencecheck.extract.circumstances)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import get_args

import pytest

from sentencecheck.extract.circumstances import (
    AGGRAVATING,
    MITIGATING,
    DismissalGround,
    LeniencyGround,
    OutcomeKind,
    find_circumstances,
    find_offence_dates,
    find_outcome,
    find_reconciliation,
    find_requests,
)
from sentencecheck.extract.documents import read_paragraphs
from sentencecheck.extract.passages import DecisionKind, Found, Paragraph, Part
from sentencecheck.extract.persons import person_key
from sentencecheck.extract.sections import assign_parts
from sentencecheck.model import case

VERDICT = Path(__file__).parent / "verdicts" / "wife-stabbed-husband-8-years.txt"


def doc(*items: tuple[Part, str]) -> list[Paragraph]:
    return [Paragraph(n, n, text, part) for n, (part, text) in enumerate(items, start=1)]


def reasoning(*texts: str) -> list[Paragraph]:
    return doc(*(("reasoning", t) for t in texts))


def quotes_hold(result: object, paragraphs: list[Paragraph]) -> None:
    """Every passage a result cites is an exact substring of the paragraph it names."""
    texts = {p.index: p.text for p in paragraphs}
    for f in dataclasses.fields(result):  # type: ignore[arg-type]
        value = getattr(result, f.name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Found):
                assert item.quote and item.quote in texts[item.paragraph], item


def items(f: Found[list[int]] | None) -> list[int] | None:
    return None if f is None else f.value


def test_literals_match_the_model() -> None:
    assert get_args(LeniencyGround) == get_args(case.LeniencyGround)
    assert get_args(OutcomeKind) == get_args(case.OutcomeKind)
    assert get_args(DismissalGround) == get_args(case.DismissalGround)


def test_items_are_the_codes() -> None:
    assert sorted({n for n, _ in MITIGATING}) == list(range(1, 12))
    assert sorted({n for n, _ in AGGRAVATING}) == list(range(1, 17))


# ------------------------------------------------------------------------------------------------------ the verdict


@pytest.fixture(scope="module")
def verdict() -> list[Paragraph]:
    return assign_parts(read_paragraphs(VERDICT))


def test_the_verdicts_circumstances(verdict: list[Paragraph]) -> None:
    c = find_circumstances(verdict)
    quotes_hold(c, verdict)
    assert items(c.mitigating) == [4, 5, 10]
    assert c.mitigating is not None and c.mitigating.quote.startswith("Обстоятельствами, смягчающими")
    assert [(f.value, f.quote) for f in c.mitigating_items] == [
        (4, "наличие пятерых малолетних детей"),
        (10, "противоправное поведение потерпевшего, явившееся поводом для совершения уголовного правонарушения"),
        (5, "оказание медицинской помощи потерпевшему непосредственно после совершения уголовного правонарушения"),
    ]
    assert items(c.aggravating) == []
    assert c.aggravating is not None and "не установлено" in c.aggravating.quote
    assert [f.value for f in c.unmapped] == ["частичное признание вины"]
    assert [g.value for g in c.leniency_grounds] == ["character_references", "young_children", "victim_behaviour"]


def test_the_verdicts_requests(verdict: list[Paragraph]) -> None:
    r = find_requests(verdict)
    quotes_hold(r, verdict)
    assert r.prosecutor is not None
    assert r.prosecutor.value == "назначить ей наказание в виде 9 (девяти) лет лишения свободы"
    assert [(f.value.kind, f.value.years, f.quote) for f in r.prosecutor_punishments] == [
        ("imprisonment", 9, "9 (девяти) лет лишения свободы")]
    assert r.victim is None and r.victim_punishments == []  # «строгое наказание»: no punishment named
    assert r.victim_position is not None and r.victim_position.value == "строгое наказание"


def test_the_verdicts_outcome_and_date(verdict: list[Paragraph]) -> None:
    outcome = find_outcome(verdict, "verdict")
    quotes_hold(outcome, verdict)
    assert outcome.kind is not None and outcome.kind.value == "convicted"
    assert outcome.dismissal_ground is None and outcome.earlier is None  # «Меру пресечения … оставить без изменения»
    assert find_reconciliation(verdict) is None
    dates = find_offence_dates(verdict)
    assert [d.value for d in dates] == [date(2022, 9, 18)]  # not the death in hospital, the expert reports, birth
    assert dates[0].quote == "18 сентября 2022 года"


# --------------------------------------------------------------------------------------------------- circumstances


@pytest.mark.parametrize(("text", "mitigating", "aggravating"), [
    ("Обстоятельствами, смягчающими уголовную ответственность и наказание подсудимого, суд признает чистосердечное "
     "раскаяние в содеянном, явку с повинной, активное способствование раскрытию преступления, добровольное "
     "возмещение имущественного ущерба, причиненного в результате преступления, наличие малолетнего ребенка.",
     [4, 6, 11], None),
    ("Смягчающих наказание обстоятельств судом не установлено.", [], None),
    ("Обстоятельством, отягчающим уголовную ответственность и наказание, суд признает совершение уголовного "
     "правонарушения в состоянии алкогольного опьянения.", None, [12]),
    ("Обстоятельств, смягчающих и отягчающих уголовную ответственность и наказание, судом не установлено.", [], []),
    ("Отягчающим наказание обстоятельством является рецидив преступлений.", None, [1]),
    ("Смягчающим наказание обстоятельством суд признает раскаяние в содеянном, отягчающих обстоятельств не "
     "установлено.", [11], []),
    ("Суд признаёт смягчающими наказание обстоятельствами беременность подсудимой и совершение уголовного "
     "правонарушения вследствие стечения тяжелых жизненных обстоятельств.", [3, 7], None),
    ("В соответствии с п. 10) ч. 1 ст. 53 УК РК обстоятельством, смягчающим наказание, суд признаёт аморальное "
     "поведение потерпевшего.", [10], None),
    ("Обстоятельствами, смягчающими наказание, суд признает совершение впервые преступления средней тяжести "
     "вследствие случайного стечения обстоятельств и несовершеннолетие виновного.", [1, 2], None),
    ("Обстоятельствами, отягчающими наказание, суд признаёт совершение уголовного правонарушения в составе группы "
     "лиц по предварительному сговору, с особой жестокостью, в отношении малолетнего.", None, [3, 7, 9]),
    ("Обстоятельством, смягчающим наказание, суд признает совершение преступления при нарушении условий "
     "правомерности необходимой обороны.", [9], None),
    ("Обстоятельством, отягчающим наказание, суд признает совершение преступления сотрудником правоохранительного "
     "органа с использованием своего служебного положения.", None, [16]),
    ("Обстоятельств, отягчающих наказание, суд не усматривает.", None, []),
    ("Смягчающим наказание обстоятельством суд признаёт явку с повинной, иных смягчающих обстоятельств не "
     "установлено.", [11], None),
    ("Обстоятельством, смягчающим наказание, суд признаёт раскаяние в содеянном, оснований для признания "
     "смягчающим обстоятельством аморального поведения потерпевшего не находит.", [11], None),
    ("Отягчающих наказание обстоятельств по делу не имеется.", None, []),
    ("Смягчающими наказание обстоятельствами по делу являются: признание вины, явка с повинной.", [11], None),
    ("Обстоятельствами, отягчающими наказание, суд признаёт совершение преступления в отношении лица, находящегося "
     "в беспомощном состоянии, с применением оружия, в состоянии опьянения, вызванного употреблением алкоголя.",
     None, [7, 10, 12]),
])
def test_circumstance_statements(text: str, mitigating: list[int] | None, aggravating: list[int] | None) -> None:
    paragraphs = reasoning(text)
    c = find_circumstances(paragraphs)
    quotes_hold(c, paragraphs)
    assert items(c.mitigating) == mitigating
    assert items(c.aggravating) == aggravating
    assert c.unmapped_aggravating == []


def test_a_refusal_is_neither_recognition_nor_none() -> None:
    paragraphs = reasoning(
        "Оснований для признания в качестве отягчающего обстоятельства совершения преступления в состоянии "
        "алкогольного опьянения суд не находит, поскольку это не повлияло на поведение подсудимого.",
        "Суд не признаёт смягчающим обстоятельством противоправное поведение потерпевшего.",
    )
    c = find_circumstances(paragraphs)
    assert c.aggravating is None and c.mitigating is None
    assert c.leniency_grounds == []


def test_silence_is_none() -> None:
    c = find_circumstances(reasoning("Суд квалифицирует действия подсудимого по ч. 1 ст. 188 УК РК."))
    assert c.mitigating is None and c.aggravating is None and c.unmapped == [] and c.leniency_grounds == []


def test_circumstances_outside_the_reasoning_are_not_the_courts() -> None:
    paragraphs = doc(("intro", "Обстоятельств, отягчающих наказание, не установлено."))
    assert find_circumstances(paragraphs).aggravating is None


def test_unmapped_phrases() -> None:
    paragraphs = reasoning(
        "Обстоятельствами, смягчающими уголовную ответственность и наказание, суд признает признание вины, "
        "положительную характеристику по месту жительства, наличие на иждивении престарелой матери, частичное "
        "возмещение ущерба, совершение преступления впервые."
    )
    c = find_circumstances(paragraphs)
    quotes_hold(c, paragraphs)
    assert items(c.mitigating) == []  # none of these is a CC 53(1) item (they are CC 53(2) circumstances)
    assert [f.value for f in c.unmapped] == [
        "признание вины", "положительную характеристику по месту жительства", "наличие на иждивении престарелой матери",
        "частичное возмещение ущерба", "совершение преступления впервые",
    ]
    grounds = [g.value for g in c.leniency_grounds]
    assert grounds == ["clean_record", "character_references", "compensation"]


def test_an_aggravating_circumstance_outside_the_closed_list() -> None:
    paragraphs = reasoning("Отягчающим наказание обстоятельством суд признает отрицательную характеристику "
                           "подсудимого по месту жительства.")
    c = find_circumstances(paragraphs)
    assert items(c.aggravating) == []
    assert [f.value for f in c.unmapped_aggravating] == ["отрицательную характеристику подсудимого по месту жительства"]


def test_a_russian_verdict_is_not_mapped_to_kazakh_items() -> None:
    paragraphs = reasoning("Обстоятельствами, смягчающими наказание, в соответствии с п. «г» ч. 1 ст. 61 УК РФ суд "
                           "признаёт наличие малолетних детей у виновной.")
    c = find_circumstances(paragraphs)
    assert c.mitigating is None
    assert [f.value for f in c.unmapped] == ["наличие малолетних детей у виновной"]


def test_statements_over_two_sentences_add_up() -> None:
    paragraphs = reasoning("Обстоятельством, смягчающим наказание, суд признаёт явку с повинной.",
                           "Также в качестве смягчающего обстоятельства суд учитывает наличие малолетнего ребёнка.")
    c = find_circumstances(paragraphs)
    assert items(c.mitigating) == [4, 11]
    assert c.mitigating is not None and c.mitigating.paragraph == 1


# ------------------------------------------------------------------------------------------------- leniency grounds


def test_leniency_grounds_the_court_gives() -> None:
    paragraphs = reasoning(
        "При назначении наказания суд учитывает, что подсудимый ранее не судим, по месту работы характеризуется "
        "положительно, трудоустроен, вину признал, в содеянном раскаялся, возместил причинённый ущерб, а также "
        "состояние его здоровья.",
        "Потерпевшая Сейткали Д.Н. пояснила, что претензий к подсудимому не имеет, просила строго не наказывать.",
        "Суд учитывает, что стороны примирились.",
    )
    grounds = find_circumstances(paragraphs).leniency_grounds
    quotes_hold(find_circumstances(paragraphs), paragraphs)
    assert [g.value for g in grounds] == ["clean_record", "character_references", "reconciliation", "remorse",
                                          "compensation", "employment", "age_or_health", "victim_forgave"]


def test_the_defences_pleas_are_not_the_courts_grounds() -> None:
    paragraphs = reasoning("Защитник просил учесть, что подсудимый ранее не судим, положительно характеризуется и "
                           "раскаялся в содеянном.")
    assert find_circumstances(paragraphs).leniency_grounds == []


def test_no_remorse_is_not_remorse() -> None:
    paragraphs = reasoning("При назначении наказания суд учитывает отсутствие раскаяния в содеянном.")
    assert find_circumstances(paragraphs).leniency_grounds == []


# ------------------------------------------------------------------------------------------------------- requests


@pytest.mark.parametrize(("text", "prosecutor", "victim", "position"), [
    ("Государственный обвинитель в прениях предложил назначить подсудимому наказание в виде 3 (трёх) лет "
     "ограничения свободы.", "назначить подсудимому наказание в виде 3 (трёх) лет ограничения свободы", None, None),
    ("Прокурор просил назначить подсудимой штраф в размере 200 МРП.", "назначить подсудимой штраф в размере 200 МРП",
     None, None),
    ("Потерпевшая просила назначить подсудимому наказание в виде 10 лет лишения свободы.", None,
     "назначить подсудимому наказание в виде 10 лет лишения свободы", None),
    ("Потерпевший Ахметов Б.К. просил строго не наказывать подсудимую.", None, None, "строго не наказывать"),
    ("Потерпевшая в судебном заседании претензий к подсудимому не имела, назначение наказания оставила на "
     "усмотрение суда.", None, None, "на усмотрение суда"),
    ("Защитник просил назначить наказание, не связанное с лишением свободы, сроком на 2 года.", None, None, None),
    ("Государственный обвинитель просил признать подсудимого виновным и назначить ему справедливое наказание.", None,
     None, None),
])
def test_requests(text: str, prosecutor: str | None, victim: str | None, position: str | None) -> None:
    paragraphs = reasoning(text)
    r = find_requests(paragraphs)
    quotes_hold(r, paragraphs)
    assert (r.prosecutor.value if r.prosecutor else None) == prosecutor
    assert (r.victim.value if r.victim else None) == victim
    assert (r.victim_position.value if r.victim_position else None) == position


# -------------------------------------------------------------------------------------------------------- outcome


def operative(*texts: str) -> list[Paragraph]:
    return doc(("intro", "ПОСТАНОВЛЕНИЕ"), ("reasoning", "Суд установил обстоятельства дела."),
               *(("operative", t) for t in texts))


@pytest.mark.parametrize(("kind", "text", "outcome", "ground", "cited"), [
    ("verdict", "Ахметова Бауыржана Каиржановича признать виновным в совершении уголовного правонарушения, "
                "предусмотренного ч. 2 ст. 106 УК РК, и назначить ему наказание в виде 3 лет лишения свободы.",
     "convicted", None, None),
    ("verdict", "Ахметова Бауыржана Каиржановича по предъявленному обвинению по ч. 1 ст. 99 УК РК признать "
                "невиновным и оправдать за отсутствием в его деянии состава уголовного правонарушения.",
     "acquitted", None, None),
    ("termination", "Уголовное дело в отношении Иванова Сергея Петровича по ч. 1 ст. 106 УК РК прекратить в связи с "
                    "примирением сторон на основании ст. 68 УК РК.", "reconciliation", "reconciliation", "CC 68"),
    ("termination", "Уголовное дело в отношении Иванова С.П. прекратить на основании п. 2) ч. 1 ст. 35 УПК РК за "
                    "отсутствием состава уголовного правонарушения.", "dismissed", "no_corpus_delicti",
     "CPC 35(1)(2)"),
    ("termination", "Производство по делу прекратить за отсутствием события уголовного правонарушения.", "dismissed",
     "no_event", None),
    ("termination", "Уголовное дело прекратить на основании п. 4) ч. 1 ст. 35 УПК РК в связи с истечением сроков "
                    "давности.", "dismissed", "limitation", "CPC 35(1)(4)"),
    ("termination", "Уголовное дело в отношении Жумабаевой С.Б. прекратить за отсутствием состава уголовного "
                    "правонарушения, поскольку она действовала в состоянии необходимой обороны.", "dismissed",
     "lawful_defence", None),
    ("termination", "Уголовное дело прекратить по п. 11) ч. 1 ст. 35 УПК РК.", "dismissed", "death",
     "CPC 35(1)(11)"),
    ("admin_decision", "Жаксылыкова Серика Амановича признать виновным в совершении административного "
                       "правонарушения, предусмотренного ч. 1 ст. 73 КоАП РК, и подвергнуть административному "
                       "взысканию в виде штрафа в размере 10 МРП.", "administrative_penalty", None, None),
])
def test_outcomes(kind: DecisionKind, text: str, outcome: str, ground: str | None, cited: str | None) -> None:
    paragraphs = operative(text)
    o = find_outcome(paragraphs, kind)
    quotes_hold(o, paragraphs)
    assert o.kind is not None and o.kind.value == outcome
    assert (o.dismissal_ground.value if o.dismissal_ground else None) == ground
    assert (o.ground.value if o.ground else None) == cited


def test_the_cited_ground_keeps_the_decisions_words() -> None:
    paragraphs = operative("Уголовное дело в отношении Иванова С.П. прекратить на основании п. 2) ч. 1 ст. 35 УПК РК.")
    o = find_outcome(paragraphs, "termination")
    assert o.ground == Found("CPC 35(1)(2)", 3, "п. 2) ч. 1 ст. 35 УПК РК")
    assert o.dismissal_ground is not None and o.dismissal_ground.value == "no_corpus_delicti"


@pytest.mark.parametrize(("text", "earlier"), [
    ("Приговор Алмалинского районного суда г. Алматы от 12 мая 2024 года в отношении Иванова А.А. изменить: "
     "назначить ему наказание в виде 5 лет лишения свободы.", "changed"),
    ("Приговор Алмалинского районного суда г. Алматы от 12 мая 2024 года в отношении Иванова А.А. оставить без "
     "изменения, апелляционную жалобу осуждённого – без удовлетворения.", "upheld"),
    ("Приговор Алмалинского районного суда г. Алматы от 12 мая 2024 года в отношении Иванова А.А. отменить и "
     "вынести новый приговор.", "quashed"),
    ("Приговор суда в части гражданского иска отменить, в остальной части приговор оставить без изменения.",
     "changed"),
])
def test_appeal_results(text: str, earlier: str) -> None:
    paragraphs = operative(text)
    o = find_outcome(paragraphs, "appeal_ruling")
    quotes_hold(o, paragraphs)
    assert o.earlier is not None and o.earlier.value == earlier


def test_several_defendants_outcomes() -> None:
    paragraphs = operative("Омарова Асхата Кайратовича признать виновным в совершении уголовного правонарушения, "
                           "предусмотренного ч. 1 ст. 188 УК РК.",
                           "Омарову Гульнару Тулегеновну по ч. 1 ст. 188 УК РК оправдать.")
    him = person_key("Омарова Асхата Кайратовича")
    her = person_key("Омаровой Гульнары Тулегеновны")
    assert him is not None and her is not None
    assert find_outcome(paragraphs, "verdict", him).kind == Found("convicted", 3, "признать виновным")
    her_outcome = find_outcome(paragraphs, "verdict", her).kind
    assert her_outcome is not None and her_outcome.value == "acquitted"


# ------------------------------------------------------------------------------------------------- reconciliation


@pytest.mark.parametrize(("text", "expected"), [
    ("Потерпевшая Сейткали Д.Н. обратилась в суд с заявлением о примирении с подсудимым.", True),
    ("Подсудимый и потерпевший примирились, ущерб возмещён полностью.", True),
    ("В удовлетворении ходатайства потерпевшей о прекращении уголовного дела в связи с примирением сторон отказать.",
     False),
    ("Оснований для освобождения подсудимого от уголовной ответственности в связи с примирением сторон по ст. 68 УК РК "
     "суд не находит, поскольку ранее он уже освобождался по этому основанию.", False),
    ("Иванов А.А. ранее освобождался от уголовной ответственности в связи с примирением сторон.", None),
    ("Суд квалифицирует действия подсудимого по ч. 1 ст. 106 УК РК.", None),
])
def test_reconciliation(text: str, expected: bool | None) -> None:
    paragraphs = reasoning(text)
    found = find_reconciliation(paragraphs)
    assert (found.value if found else None) is expected
    if found:
        assert found.quote in text


# -------------------------------------------------------------------------------------------------- offence dates


def test_offence_date_and_not_procedural_dates() -> None:
    paragraphs = reasoning(
        "13 мая 2024 года, около 22 часов, Ахметов Б.К., находясь в квартире по адресу: г. Алматы, ул. Абая, 5, "
        "нанёс потерпевшей Ахметовой С.Н., 12.03.1990 года рождения, не менее трёх ударов кулаком по лицу.",
        "Согласно заключению судебно-медицинской экспертизы № 1234 от 20.05.2024 года потерпевшей причинён лёгкий "
        "вред здоровью.",
        "В судебном заседании подсудимый вину признал и показал, что 14 мая 2024 года пришёл в полицию.",
    )
    dates = find_offence_dates(paragraphs)
    assert [(d.value, d.paragraph, d.quote) for d in dates] == [(date(2024, 5, 13), 1, "13 мая 2024 года")]


def test_offence_over_a_period_starts_on_its_first_day() -> None:
    paragraphs = reasoning("Иванов А.А. в период с 1 по 15 мая 2024 года систематически избивал свою супругу.")
    dates = find_offence_dates(paragraphs)
    assert [d.value for d in dates] == [date(2024, 5, 1)]  # «по 15 мая» ends the period: not a date of the act
    assert dates[0].quote in paragraphs[0].text


def test_no_reasoning_no_offence_dates() -> None:
    assert find_offence_dates(doc(("intro", "г. Алматы 14 марта 2023 года"))) == []


# ------------------------------------------------------------------------------------------ whole decisions

APPEAL = (
    "ПОСТАНОВЛЕНИЕ",
    "апелляционной судебной коллегии по уголовным делам",
    "г. Алматы 20 августа 2024 года",
    ("Апелляционная судебная коллегия по уголовным делам Алматинского городского суда в составе "
     "председательствующего судьи Ахметовой Г.С., судей Бекова Н.С., Ли В.В., при секретаре Омаровой А.Б.,"
     " с участием прокурора Серикова А.Б., осуждённого Касымова Е.Б., защитника – адвоката Ким Л.В., "
     "потерпевшей Касымовой Д.Н., рассмотрев в открытом судебном заседании уголовное дело по апелляционной"
     " жалобе потерпевшей Касымовой Д.Н. на приговор Алмалинского районного суда г. Алматы от 12 мая 2024 "
     "года, которым"),
    ("Касымов Ерлан Болатович, 07.07.1988 года рождения, уроженец г. Алматы, гражданин Республики "
     "Казахстан, женатый, имеющий двоих малолетних детей, работающий старшим участковым инспектором "
     "полиции ОП Алмалинского РУП ДП г. Алматы, ранее не судимый,"),
    "осуждён по ч. 1 ст. 106 УК РК к 3 (трём) годам ограничения свободы,",
    "УСТАНОВИЛА:",
    ("Приговором суда Касымов Е.Б. признан виновным в том, что 3 января 2024 года около 23 часов, находясь"
     " по месту жительства по адресу: г. Алматы, ул. Абая, д. 5, кв. 12, в ходе ссоры на почве личных "
     "неприязненных отношений умышленно нанёс своей супруге Касымовой Динаре Нурлановне не менее десяти "
     "ударов руками и ногами по голове и телу, причинив ей тяжкий вред здоровью."),
    ("В апелляционной жалобе потерпевшая Касымова Д.Н. просит приговор изменить ввиду чрезмерной мягкости "
     "и назначить осуждённому наказание в виде 5 лет лишения свободы, указывая, что суд не учёл "
     "систематическое избиение."),
    "Прокурор в суде апелляционной инстанции полагал приговор оставить без изменения.",
    ("Обстоятельствами, смягчающими уголовную ответственность и наказание, суд первой инстанции признал "
     "наличие у осуждённого двоих малолетних детей, положительную характеристику по месту службы. "
     "Обстоятельств, отягчающих уголовную ответственность и наказание, судом не установлено."),
    ("Вместе с тем суд не учёл, что Касымов Е.Б., являясь сотрудником полиции, совершил преступление с "
     "особой жестокостью."),
    "На основании изложенного, руководствуясь ст. 431 УПК РК, апелляционная судебная коллегия",
    "ПОСТАНОВИЛА:",
    ("Приговор Алмалинского районного суда г. Алматы от 12 мая 2024 года в отношении Касымова Ерлана "
     "Болатовича изменить: назначить ему наказание по ч. 1 ст. 106 УК РК в виде 4 (четырёх) лет лишения "
     "свободы с отбыванием в учреждении уголовно-исполнительной системы средней безопасности."),
    ("В остальной части приговор оставить без изменения, апелляционную жалобу потерпевшей удовлетворить "
     "частично."),
)

TERMINATION = (
    "ПОСТАНОВЛЕНИЕ",
    "о прекращении уголовного дела",
    "г. Шымкент 5 июня 2024 года",
    ("Абайский районный суд г. Шымкент в составе председательствующего судьи Нурлановой Ж.С., при "
     "секретаре Ким А.А., с участием прокурора Бекжанова Д.Е., подсудимого Ахметова Б.К., защитника Ли "
     "В.В., потерпевшей Ахметовой С.Н., рассмотрев в открытом судебном заседании уголовное дело в "
     "отношении"),
    ("Ахметова Бауыржана Каиржановича, 12.03.1985 года рождения, уроженца г. Шымкент, гражданина "
     "Республики Казахстан, женатого, имеющего троих малолетних детей, работающего водителем, ранее не "
     "судимого,"),
    "обвиняемого в совершении уголовного правонарушения, предусмотренного ч. 1 ст. 107 УК РК,",
    "УСТАНОВИЛ:",
    ("Ахметов Б.К. 5 января 2024 года около 23 часов, находясь в состоянии алкогольного опьянения по месту"
     " жительства, в ходе ссоры нанёс своей супруге Ахметовой Сауле Нурлановне не менее трёх ударов "
     "кулаком по лицу, причинив ей вред здоровью средней тяжести."),
    ("В судебном заседании потерпевшая Ахметова С.Н. заявила ходатайство о прекращении уголовного дела в "
     "связи с примирением с подсудимым, пояснив, что подсудимый извинился, загладил причинённый вред, "
     "претензий она к нему не имеет."),
    ("Подсудимый Ахметов Б.К. вину признал полностью, в содеянном раскаялся, согласился на прекращение "
     "дела по нереабилитирующему основанию."),
    "Прокурор не возражал против прекращения уголовного дела в связи с примирением сторон.",
    ("Учитывая, что Ахметов Б.К. ранее не судим, совершил преступление средней тяжести, не связанное с "
     "причинением смерти, примирился с потерпевшей и загладил причинённый вред, суд находит ходатайство "
     "подлежащим удовлетворению."),
    "На основании изложенного, руководствуясь ст. 68 УК РК, ст. 35 УПК РК, суд",
    "ПОСТАНОВИЛ:",
    ("Уголовное дело в отношении Ахметова Бауыржана Каиржановича, обвиняемого по ч. 1 ст. 107 УК РК, "
     "прекратить в связи с примирением сторон на основании ч. 1 ст. 68 УК РК."),
    "Меру процессуального принуждения в виде обязательства о явке отменить.",
)


def read(tmp_path: Path, texts: tuple[str, ...]) -> list[Paragraph]:
    """The decision as the reader gives it, one paragraph a line, with its parts."""
    path = tmp_path / "decision.txt"
    path.write_text("\n\n".join(texts), encoding="utf-8")
    return assign_parts(read_paragraphs(path))


def test_an_appeal_ruling(tmp_path: Path) -> None:
    paragraphs = read(tmp_path, APPEAL)
    c = find_circumstances(paragraphs)
    quotes_hold(c, paragraphs)
    assert items(c.mitigating) == [4] and items(c.aggravating) == []
    assert [f.value for f in c.unmapped] == ["положительную характеристику по месту службы"]
    r = find_requests(paragraphs)
    quotes_hold(r, paragraphs)
    assert r.prosecutor is None  # «полагал приговор оставить без изменения» names no punishment
    assert r.victim is not None and r.victim.value == "назначить осуждённому наказание в виде 5 лет лишения свободы"
    assert [(f.value.kind, f.value.years) for f in r.victim_punishments] == [("imprisonment", 5)]
    o = find_outcome(paragraphs, "appeal_ruling")
    quotes_hold(o, paragraphs)
    assert o.earlier is not None and o.earlier.value == "changed"  # «изменить», the rest «оставить без изменения»
    assert o.kind is not None and o.kind.value == "convicted" and o.kind.quote == "осуждён по"
    assert [d.value for d in find_offence_dates(paragraphs)] == [date(2024, 1, 3)]  # retold: «в том, что 3 января»
    assert find_reconciliation(paragraphs) is None


def test_a_termination_for_reconciliation(tmp_path: Path) -> None:
    paragraphs = read(tmp_path, TERMINATION)
    o = find_outcome(paragraphs, "termination")
    quotes_hold(o, paragraphs)
    assert o.kind is not None and o.kind.value == "reconciliation"
    assert o.dismissal_ground is not None and o.dismissal_ground.value == "reconciliation"
    assert o.ground is not None and (o.ground.value, o.ground.quote) == ("CC 68(1)", "ч. 1 ст. 68 УК РК")
    reconciled = find_reconciliation(paragraphs)
    assert reconciled is not None and reconciled.value is True
    c = find_circumstances(paragraphs)
    assert c.mitigating is None and c.aggravating is None  # a termination weighs no circumstances
    assert [g.value for g in c.leniency_grounds] == ["clean_record", "reconciliation", "compensation", "victim_forgave"]
    r = find_requests(paragraphs)
    assert r.victim is None and r.victim_position is not None
    assert r.victim_position.value == "о прекращении уголовного дела в связи с примирением с подсудимым"
    assert [d.value for d in find_offence_dates(paragraphs)] == [date(2024, 1, 5)]


def test_a_list_after_a_colon() -> None:
    paragraphs = reasoning("Смягчающими наказание обстоятельствами по делу являются: признание вины, явка с повинной.")
    c = find_circumstances(paragraphs)
    quotes_hold(c, paragraphs)
    assert [f.value for f in c.unmapped] == ["признание вины"]
    assert [(f.value, f.quote) for f in c.mitigating_items] == [(11, "явка с повинной")]
