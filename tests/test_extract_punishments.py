"""Punishments read from Russian verdict text (sentencecheck.extract.punishments)."""

from __future__ import annotations

from typing import Any

import pytest

from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.punishments import Punishment, apply_conditional, find_punishments, to_sentence
from sentencecheck.model.case import Sentence


def read(text: str) -> list[Found[Punishment]]:
    found = find_punishments(Paragraph(2, 5, text))
    for f in found:
        assert f.paragraph == 2
        assert f.quote and f.quote in text, f.quote
        assert text[f.value.at:].startswith(f.quote)
    return found


def values(text: str) -> list[Punishment]:
    return [f.value for f in read(text)]


def P(kind: str, **fields: Any) -> Punishment:  # noqa: N802
    return Punishment(kind, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("8 (восемь) лет лишения свободы с отбыванием наказания в учреждении уголовно-исполнительной системы средней "
     "безопасности", P("imprisonment", years=8.0, facility="средней безопасности")),
    ("1 (один) год 6 (шесть) месяцев лишения свободы", P("imprisonment", years=1.0, months=6.0)),
    ("1 (один) год и 6 (шесть) месяцев лишения свободы", P("imprisonment", years=1.0, months=6.0)),
    ("полтора года лишения свободы", P("imprisonment", years=1.5)),
    ("1,5 года лишения свободы", P("imprisonment", years=1.5)),
    ("лишение свободы сроком на полтора года", P("imprisonment", years=1.5)),
    ("лишение свободы на срок 2 года 6 месяцев", P("imprisonment", years=2.0, months=6.0)),
    ("лишения свободы сроком на 8 (восемь) лет", P("imprisonment", years=8.0)),
    ("приговорить к восьми годам лишения свободы", P("imprisonment", years=8.0)),
    ("к 3 годам лишения свободы в исправительной колонии общего режима",
     P("imprisonment", years=3.0, facility="общего режима")),
    ("5 лет лишения свободы с отбыванием в колонии-поселении",
     P("imprisonment", years=5.0, facility="колонии-поселении")),
    ("лишение свободы сроком на 6 (шесть) месяцев", P("imprisonment", months=6.0)),
    ("лишение свободы сроком на полгода", P("imprisonment", months=6.0)),
    ("пожизненное лишение свободы", P("life")),
    ("наказание в виде пожизненного лишения свободы с отбыванием в учреждении чрезвычайной безопасности",
     P("life")),
    ("ограничение свободы сроком на 2 (два) года", P("restriction_of_liberty", years=2.0)),
    ("ограничения свободы сроком на 1 (один) год с установлением пробационного контроля",
     P("restriction_of_liberty", years=1.0)),
    ("штраф в размере 20 (двадцати) месячных расчётных показателей", P("fine", mci=20.0)),
    ("штраф в размере 20 (двадцати) месячных расчетных показателей", P("fine", mci=20.0)),
    ("штраф в размере 50 МРП", P("fine", mci=50.0)),
    ("штраф в размере 20 МРП, что составляет 55 380 тенге", P("fine", mci=20.0, money=55380.0, currency="KZT")),
    ("штрафа в сумме 100 000 (сто тысяч) тенге", P("fine", money=100000.0, currency="KZT")),
    ("штраф в размере 50 тыс. рублей", P("fine", money=50000.0, currency="RUB")),
    ("административный арест сроком на 10 (десять) суток", P("admin_arrest", days=10.0)),
    ("административный арест на 3 часа", P("admin_arrest", hours=3.0)),
    ("подвергнуть административному аресту сроком на 5 (пять) суток", P("admin_arrest", days=5.0)),
    ("административный арест сроком на трое суток", P("admin_arrest", days=3.0)),
    ("административному аресту сроком на 2 (двое) суток", P("admin_arrest", days=2.0)),
    ("административный штраф в размере 5 МРП", P("admin_fine", mci=5.0)),
    ("подвергнуть административному взысканию в виде предупреждения", P("warning")),
    ("арест сроком на 30 (тридцать) суток", P("arrest", days=30.0)),
    ("арест на 45 суток", P("arrest", days=45.0)),
    ("исправительные работы в размере 100 МРП", P("corrective_labour", mci=100.0)),
    ("исправительные работы сроком на 1 год", P("corrective_labour", years=1.0)),
    ("привлечение к общественным работам сроком на 200 (двести) часов", P("community_work", hours=200.0)),
    ("200 (двести) часов общественных работ", P("community_work", hours=200.0)),
    ("обязательные работы на 240 часов", P("community_work", hours=240.0)),
])
def test_forms(text: str, expected: Punishment) -> None:
    assert values(text) == [expected]


@pytest.mark.parametrize(("text", "expected"), [
    ("назначить наказание в виде 2 (двух) лет лишения свободы. Наказание считать условным с испытательным сроком "
     "2 (два) года.", P("conditional", years=2.0, probation_years=2.0)),
    ("назначить наказание в виде лишения свободы сроком на 3 года, на основании ст. 63 УК РК назначенное наказание "
     "считать условным, установив пробационный контроль на 3 (три) года",
     P("conditional", years=3.0, probation_years=3.0)),
    ("3 года лишения свободы условно с испытательным сроком 1 год 6 месяцев",
     P("conditional", years=3.0, probation_years=1.0, probation_months=6.0)),
    ("2 года ограничения свободы условно", P("conditional", years=2.0)),
])
def test_conditional_sentence(text: str, expected: Punishment) -> None:
    assert values(text) == [expected]


def test_conditional_quote_spans_term_and_probation() -> None:
    text = "назначить 2 года лишения свободы, считать условным с испытательным сроком 2 (два) года."
    assert [f.quote for f in read(text)] == [
        "2 года лишения свободы, считать условным с испытательным сроком 2 (два) года"]


@pytest.mark.parametrize(("text", "expected"), [
    ("назначить наказание условно", P("conditional")),
    ("На основании ст. 63 УК РК назначенное наказание считать условным с испытательным сроком 2 (два) года.",
     P("conditional", probation_years=2.0)),
    ("Назначенное наказание считать условным, установив пробационный контроль на 6 (шесть) месяцев.",
     P("conditional", probation_months=6.0)),
])
def test_conditional_alone_has_no_term(text: str, expected: Punishment) -> None:
    assert values(text) == [expected]


def test_apply_conditional_joins_paragraphs() -> None:
    main = values("назначить 3 (три) года лишения свободы в учреждении средней безопасности")[0]
    condition = values("назначенное наказание считать условным с испытательным сроком 2 года")[0]
    assert apply_conditional(main, condition) == P("conditional", years=3.0, probation_years=2.0)


def test_parole_is_not_a_conditional_sentence() -> None:
    assert values("условно-досрочное освобождение не применялось; 2 года лишения свободы") == [
        P("imprisonment", years=2.0)]
    assert values("безусловно доказано, 2 года лишения свободы") == [P("imprisonment", years=2.0)]


@pytest.mark.parametrize("text", [
    "назначить 2 года лишения свободы. Оснований для условного осуждения суд не усматривает.",
    "назначить 2 года лишения свободы. На основании ч. 5 ст. 74 УК РФ отменить условное осуждение по приговору от "
    "13.05.2022.",
])
def test_refused_or_cancelled_conditional_sentence_changes_nothing(text: str) -> None:
    assert values(text) == [P("imprisonment", years=2.0)]


# --- additional, final ---------------------------------------------------------------------------------------------

def test_additional_deprivation_of_a_right() -> None:
    text = ("назначить 5 лет лишения свободы с лишением права занимать должности на государственной службе сроком "
            "на 3 (три) года")
    found = read(text)
    assert [f.value for f in found] == [P("imprisonment", years=5.0),
                                        P("deprivation_of_right", years=3.0, additional=True)]
    assert found[1].quote == "лишением права занимать должности на государственной службе сроком на 3 (три) года"


def test_lifelong_deprivation_of_a_right() -> None:
    text = "20 лет лишения свободы с пожизненным лишением права заниматься деятельностью с несовершеннолетними"
    found = read(text)
    assert [f.value for f in found] == [P("imprisonment", years=20.0), P("deprivation_of_right", additional=True)]
    assert found[1].quote.startswith("пожизненным лишением права")


@pytest.mark.parametrize(("text", "expected"), [
    ("8 лет лишения свободы со штрафом в размере 100 000 рублей",
     P("fine", money=100000.0, currency="RUB", additional=True)),
    ("7 лет лишения свободы с ограничением свободы на 1 год", P("restriction_of_liberty", years=1.0, additional=True)),
    ("10 лет лишения свободы с конфискацией имущества", P("confiscation", additional=True)),
    ("6 лет лишения свободы с лишением воинского звания «майор»", P("deprivation_of_title", additional=True)),
    ("2 года лишения свободы, дополнительное наказание в виде штрафа в размере 50 МРП", P("fine", mci=50.0,
                                                                                          additional=True)),
])
def test_additional_punishments(text: str, expected: Punishment) -> None:
    found = values(text)
    assert found[0].kind == "imprisonment" and not found[0].additional
    assert found[1:] == [expected]


def test_per_charge_and_final_sentences() -> None:
    text = ("по ч. 1 ст. 120 УК РК – 6 (шесть) лет лишения свободы; по ч. 1 ст. 121 УК РК – 6 (шесть) лет лишения "
            "свободы; на основании ч. 3 ст. 58 УК РК путем частичного сложения окончательно назначить 8 (восемь) лет "
            "лишения свободы с отбыванием в учреждении средней безопасности")
    found = read(text)
    assert [f.value for f in found] == [
        P("imprisonment", years=6.0), P("imprisonment", years=6.0),
        P("imprisonment", years=8.0, final=True, facility="средней безопасности")]
    assert [f.value.at for f in found][:2] == [text.index("6 (шесть)"), text.index("6 (шесть)", 60)]


def test_several_defendants_in_one_paragraph() -> None:
    text = ("Иванову – 3 года лишения свободы, Петрову – штраф в размере 100 МРП, Сидорову – 200 часов общественных "
            "работ.")
    assert values(text) == [P("imprisonment", years=3.0), P("fine", mci=100.0), P("community_work", hours=200.0)]


# --- what is not a punishment --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Санкция ч. 1 ст. 99 УК РК предусматривает наказание в виде лишения свободы на срок от восьми до пятнадцати лет.",
    "наказывается штрафом в размере двадцати месячных расчётных показателей",
    "наказывается лишением свободы на срок от 8 до 15 лет",
    "назначить наказание в виде лишения свободы на срок до 2 лет",
    "не менее 5 лет лишения свободы",
    "лишение свободы не назначается",
    "Наказание в виде лишения свободы сроком на 2 года не может быть назначено.",
    "Оснований для назначения наказания в виде ограничения свободы не имеется.",
    "дополнительное наказание в виде штрафа в размере 100 МРП не назначать",
    "зачесть в срок отбытия наказания время содержания под стражей из расчета один день содержания под стражей за "
    "один день лишения свободы",
    "из расчёта полтора дня отбывания в учреждении минимальной безопасности за один день лишения свободы",
    "избрать меру пресечения в виде домашнего ареста сроком на 2 месяца",
    "арест, наложенный на имущество, отменить",
    "ранее освобождался из мест лишения свободы",
    "суд считает необходимым назначить наказание в виде лишения свободы",
    "назначить наказание в виде штрафа",
    "свидетель предупреждён об уголовной ответственности",
    "в целях предупреждения совершения новых преступлений",
    "автомобиль помещён на штрафстоянку",
    "позвонить по номеру 8 701 123 45 67",
    "13.05.2024 года в 22 часа 30 минут",
    "родился 13.05.1990 года, проживает 5 лет в городе",
    "условно-досрочное освобождение",
])
def test_not_a_punishment(text: str) -> None:
    assert values(text) == []


def test_negation_belongs_to_the_punishment_it_leads_on_to() -> None:
    text = "назначить 2 года лишения свободы, не назначая дополнительного наказания в виде штрафа в размере 50 МРП"
    assert values(text) == [P("imprisonment", years=2.0)]


def test_without_is_no_punishment() -> None:
    assert values("назначить лишение свободы сроком на 5 (пять) лет, без конфискации имущества") == [
        P("imprisonment", years=5.0)]
    assert values("17 лет лишения свободы без ограничения свободы и без штрафа") == [P("imprisonment", years=17.0)]


def test_a_date_year_is_not_a_term() -> None:
    assert values("в 1990 году, 8 лет лишения свободы") == [P("imprisonment", years=8.0)]


# --- the model's Sentence ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("punishment", "data"), [
    (P("imprisonment", years=8.0, facility="средней безопасности"),
     {"kind": "imprisonment", "term": {"years": 8.0}, "probation": None}),
    (P("conditional", years=2.0, months=6.0, probation_years=2.0),
     {"kind": "conditional", "term": {"years": 2.0, "months": 6.0}, "probation": {"years": 2.0}}),
    (P("fine", mci=20.0, money=55380.0, currency="KZT"), {"kind": "fine", "term": {"mci": 20.0}, "probation": None}),
    (P("admin_arrest", hours=3.0), {"kind": "admin_arrest", "term": {"hours": 3.0}, "probation": None}),
    (P("life"), {"kind": "life", "term": {}, "probation": None}),
    (P("warning"), {"kind": "warning", "term": {}, "probation": None}),
])
def test_to_sentence(punishment: Punishment, data: dict[str, object]) -> None:
    assert to_sentence(punishment) == data
    Sentence.model_validate(data)


def test_to_sentence_refuses_what_the_model_cannot_hold() -> None:
    with pytest.raises(ValueError, match="deprivation_of_right"):
        to_sentence(P("deprivation_of_right", years=3.0, additional=True))


def test_every_read_punishment_fits_the_model() -> None:
    text = ("Иванову – 8 (восемь) лет лишения свободы; Петрову – 1 (один) год 6 (шесть) месяцев ограничения свободы; "
            "Сидорову – штраф в размере 20 МРП; Смирнову – 200 часов общественных работ; Козлову – административный "
            "арест на 10 суток")
    found = values(text)
    assert len(found) == 5
    for p in found:
        Sentence.model_validate(to_sentence(p))
