"""A decision's parts, kind, instance, court and date, read from its headings and first lines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sentencecheck.extract.documents import read_paragraphs
from sentencecheck.extract.passages import Paragraph
from sentencecheck.extract.sections import assign_parts, court_of, decision_date, decision_kind, heading_of, instance_of

DATA = Path(__file__).resolve().parent / "data"


def _paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(index=i, line=i, text=t) for i, t in enumerate(texts, start=1)]


VERDICT = _paragraphs(
    "Дело № 1-123/2024",
    "П Р И Г О В О Р",
    "ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН",
    "г. Алматы 13 мая 2024 года",
    "Алмалинский районный суд города Алматы в составе председательствующего судьи Ахметова Б.К.,",
    "Иванова Петра Сергеевича, 01.01.1990 года рождения, ранее не судимого,",
    "У С Т А Н О В И Л :",
    "Иванов П.С. 1 января 2024 года нанес удары Ивановой А.С.",
    "На основании изложенного, руководствуясь ст. ст. 393-397 УПК РК, суд",
    "П Р И Г О В О Р И Л :",
    "признать Иванова Петра Сергеевича виновным в совершении уголовного правонарушения, предусмотренного ч. 1 "
    "ст. 106 УК РК.",
)


def test_verdict_parts_follow_its_headings() -> None:
    parts = [p.part for p in assign_parts(VERDICT)]
    assert parts == ["header", "intro", "intro", "intro", "intro", "intro", "intro", "reasoning", "reasoning",
                     "reasoning", "operative"]
    assert [p.text for p in assign_parts(VERDICT)] == [p.text for p in VERDICT]


def test_verdict_kind_instance_court_and_date() -> None:
    kind = decision_kind(VERDICT)
    assert kind is not None and (kind.value, kind.paragraph, kind.quote) == ("verdict", 2, "П Р И Г О В О Р")
    instance = instance_of(VERDICT)
    assert instance is not None and instance.value == "first_instance"
    court = court_of(VERDICT)
    assert court is not None and (court.value, court.paragraph) == ("Алмалинский районный суд города Алматы", 5)
    when = decision_date(VERDICT)
    assert when is not None and (when.value, when.paragraph, when.quote) == (date(2024, 5, 13), 4, "13 мая 2024 года")


def test_the_quotes_are_passages_of_their_paragraphs() -> None:
    by_index = {p.index: p.text for p in VERDICT}
    for found in (decision_kind(VERDICT), instance_of(VERDICT), court_of(VERDICT), decision_date(VERDICT)):
        assert found is not None and found.quote in by_index[found.paragraph]


@pytest.mark.parametrize(("text", "heading"), [
    ("ПРИГОВОР", "title"), ("П Р И Г О В О Р", "title"), ("П  Р  И  Г  О  В  О  Р", "title"), ("Приговор", "title"),
    ("ПОСТАНОВЛЕНИЕ", "title"), ("О П Р Е Д Е Л Е Н И Е", "title"), ("АПЕЛЛЯЦИОННОЕ ПОСТАНОВЛЕНИЕ", "title"),
    ("ПОСТАНОВЛЕНИЕ о прекращении уголовного дела", "title"),
    ("ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН", "in_the_name"), ("Именем Российской Федерации", "in_the_name"),
    ("И М Е Н Е М   Р Е С П У Б Л И К И   К А З А Х С Т А Н", "in_the_name"),
    ("П Р И Г О В О Р И М Е Н Е М Р Е С П У Б Л И К И К А З А Х С Т А Н", "title"),
    ("УСТАНОВИЛ:", "reasoning"), ("У С Т А Н О В И Л :", "reasoning"), ("установила", "reasoning"),
    ("Установил", "reasoning"), ("ПРИГОВОРИЛ:", "operative"), ("П Р И Г О В О Р И Л:", "operative"),
    ("ПОСТАНОВИЛА:", "operative"), ("О П Р Е Д Е Л И Л А :", "operative"), ("решил:", "operative"),
    ("Приговор суда оставить без изменения.", None), ("Суд установил, что подсудимый виновен.", None),
    ("ЧАСТНОЕ ПОСТАНОВЛЕНИЕ", None),
])
def test_heading_forms(text: str, heading: str | None) -> None:
    assert heading_of(text) == heading


def test_without_headings_everything_is_intro_and_nothing_is_guessed() -> None:
    text = _paragraphs("Алмалинский районный суд города Алматы 13 мая 2024 года рассмотрел дело.",
                       "Суд установил, что подсудимый виновен, и приговорил его к лишению свободы.")
    assert {p.part for p in assign_parts(text)} == {"intro"}
    assert decision_kind(text) is None
    assert instance_of(text) is None


def test_inline_headings_open_their_part_in_the_same_paragraph() -> None:
    text = _paragraphs("ПРИГОВОР", "Суд, исследовав материалы дела, УСТАНОВИЛ: Иванов нанес удары потерпевшей.",
                       "Руководствуясь ст. 394 УПК РК, суд ПРИГОВОРИЛ:", "признать Иванова виновным.")
    assert [p.part for p in assign_parts(text)] == ["intro", "reasoning", "reasoning", "operative"]


def test_a_lower_case_heading_ending_a_paragraph_marks_the_boundary() -> None:
    text = _paragraphs("Приговор", "Суд, исследовав материалы дела, установил:", "Иванов нанес удары.",
                       "руководствуясь ст. 394 УПК РК, суд приговорил:", "признать Иванова виновным.")
    assert [p.part for p in assign_parts(text)] == ["intro", "intro", "reasoning", "reasoning", "operative"]


APPEAL = _paragraphs(
    "Дело № 1а-55/2024",
    "ПОСТАНОВЛЕНИЕ",
    "ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН",
    "г. Алматы 2 июля 2024 года",
    "Судебная коллегия по уголовным делам Алматинского городского суда в составе: председательствующего судьи "
    "Сейтова Б.К., рассмотрев в открытом судебном заседании уголовное дело по апелляционной жалобе осужденного на "
    "приговор Алмалинского районного суда города Алматы от 13 мая 2024 года,",
    "УСТАНОВИЛА:",
    "Приговором суда Иванов осужден. Суд ПРИГОВОРИЛ: признать Иванова виновным.",
    "Руководствуясь ст. 442 УПК РК, судебная коллегия",
    "ПОСТАНОВИЛА:",
    "приговор Алмалинского районного суда города Алматы от 13 мая 2024 года оставить без изменения.",
)


def test_an_appeal_ruling() -> None:
    kind, instance = decision_kind(APPEAL), instance_of(APPEAL)
    assert kind is not None and (kind.value, kind.quote) == ("appeal_ruling", "апелляционной жалобе")
    assert instance is not None and instance.value == "appeal"
    court = court_of(APPEAL)
    assert court is not None and court.value == "Судебная коллегия по уголовным делам Алматинского городского суда"
    when = decision_date(APPEAL)
    assert when is not None and when.value == date(2024, 7, 2)


def test_the_last_operative_heading_counts_when_the_reasoning_retells_the_verdict() -> None:
    assert [p.part for p in assign_parts(APPEAL)] == ["header", "intro", "intro", "intro", "intro", "intro",
                                                      "reasoning", "reasoning", "reasoning", "operative"]


def test_a_cassation_ruling() -> None:
    text = _paragraphs("ПОСТАНОВЛЕНИЕ", "город Астана 10 октября 2024 года",
                       "Судебная коллегия по уголовным делам Верховного Суда Республики Казахстан, рассмотрев "
                       "ходатайство осужденного о пересмотре в кассационном порядке приговора,",
                       "УСТАНОВИЛА:", "Иванов осужден.", "ПОСТАНОВИЛА:", "ходатайство оставить без удовлетворения.")
    kind, instance = decision_kind(text), instance_of(text)
    assert kind is not None and kind.value == "cassation_ruling"
    assert instance is not None and instance.value == "cassation"
    court = court_of(text)
    assert court is not None and court.value == "Судебная коллегия по уголовным делам Верховного Суда Республики " \
                                                "Казахстан"
    when = decision_date(text)
    assert when is not None and when.value == date(2024, 10, 10)


def test_termination_by_an_investigator_is_pre_trial() -> None:
    text = _paragraphs(
        "ПОСТАНОВЛЕНИЕ о прекращении уголовного дела",
        "г. Шымкент «5» марта 2024 г.",
        "Следователь СУ УП Абайского района ДП г. Шымкент капитан полиции Серіков Н.А., рассмотрев материалы "
        "уголовного дела № 241500031000123,",
        "УСТАНОВИЛ:", "Потерпевшая примирилась с подозреваемым.", "ПОСТАНОВИЛ:",
        "Уголовное дело прекратить на основании п. 2 ч. 1 ст. 35 УПК РК.")
    kind, instance, body = decision_kind(text), instance_of(text), court_of(text)
    assert kind is not None and (kind.value, kind.quote) == ("termination", "о прекращении уголовного дела")
    assert body is not None and body.value == "Следователь СУ УП Абайского района ДП г. Шымкент"
    assert instance is not None and (instance.value, instance.paragraph) == ("pre_trial", 3)
    when = decision_date(text)
    assert when is not None and (when.value, when.quote) == (date(2024, 3, 5), "«5» марта 2024 г.")


def test_termination_by_a_court_is_first_instance() -> None:
    text = _paragraphs(
        "ПОСТАНОВЛЕНИЕ", "ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН", "13.05.2024 года г. Алматы",
        "Специализированный межрайонный суд по уголовным делам города Алматы в составе председательствующего судьи "
        "Ахметова Б.К.,", "УСТАНОВИЛ:", "Стороны примирились.", "ПОСТАНОВИЛ:",
        "прекратить уголовное дело в отношении Иванова П.С. в связи с примирением сторон.")
    kind, instance, court = decision_kind(text), instance_of(text), court_of(text)
    assert kind is not None and (kind.value, kind.paragraph, kind.quote) == ("termination", 8, "прекратить")
    assert court is not None and court.value == "Специализированный межрайонный суд по уголовным делам города Алматы"
    assert instance is not None and instance.value == "first_instance"
    when = decision_date(text)
    assert when is not None and (when.value, when.quote) == (date(2024, 5, 13), "13.05.2024 года")


def test_an_administrative_decision() -> None:
    text = _paragraphs("ПОСТАНОВЛЕНИЕ по делу об административном правонарушении", "г. Алматы 3 февраля 2024 года",
                       "Специализированный межрайонный административный суд г. Алматы, рассмотрев дело,",
                       "УСТАНОВИЛ:", "Иванов нанес побои.", "ПОСТАНОВИЛ:", "признать Иванова виновным.")
    kind, instance = decision_kind(text), instance_of(text)
    assert kind is not None and kind.value == "admin_decision"
    assert instance is not None and instance.value == "first_instance"
    court = court_of(text)
    assert court is not None and court.value == "Специализированный межрайонный административный суд г. Алматы"


def test_a_court_named_in_the_genitive_is_given_in_the_nominative_and_quoted_as_written() -> None:
    text = _paragraphs("П О С Т А Н О В Л Е Н И Е", "по делу об административном правонарушении",
                       "09 марта 2021 года г. Павлодар",
                       "Судья специализированного административного суда г. Павлодара Кенжебаева Г.Р., с участием "
                       "потерпевшей, рассмотрев дело,", "УСТАНОВИЛ:", "Иванов нанес побои.", "ПОСТАНОВИЛ:", "признать.")
    court = court_of(text)
    assert court is not None
    assert (court.value, court.quote) == ("Специализированный административный суд г. Павлодара",
                                          "специализированного административного суда г. Павлодара")


def test_a_collegium_named_without_its_court_is_passed_over() -> None:
    text = _paragraphs("ПОСТАНОВЛЕНИЕ", "апелляционной судебной коллегии по уголовным делам",
                       "Карагандинского областного суда", "10 августа 2021 года г. Караганда",
                       "Апелляционная судебная коллегия по уголовным делам Карагандинского областного суда в составе:",
                       "УСТАНОВИЛА:", "Приговор обжалован.", "ПОСТАНОВИЛА:", "приговор оставить без изменения.")
    court = court_of(text)
    assert court is not None and (court.value, court.paragraph) == (
        "Апелляционная судебная коллегия по уголовным делам Карагандинского областного суда", 5)
    kind = decision_kind(text)
    assert kind is not None and kind.value == "appeal_ruling"


def test_a_russian_court_and_a_decision_of_no_listed_kind() -> None:
    text = _paragraphs("ИМЕНЕМ РОССИЙСКОЙ ФЕДЕРАЦИИ", "Суд рассмотрел представление.", "ОПРЕДЕЛИЛ:",
                       "представление удовлетворить.")
    assert [p.part for p in assign_parts(text)] == ["intro", "intro", "intro", "operative"]
    kind = decision_kind(text)
    assert kind is not None and (kind.value, kind.paragraph) == ("other", 1)
    assert instance_of(text) is None


@pytest.mark.parametrize(("lines", "expected"), [
    (("ПРИГОВОР", "Иванова П.С., 01.01.1990 года рождения,", "13 мая 2024 года г. Алматы"), date(2024, 5, 13)),
    (("ПРИГОВОР", "г. Алматы «13» мая 2024 г."), date(2024, 5, 13)),
    (("ПРИГОВОР", "г. Алматы 13.05.2024"), date(2024, 5, 13)),
    (("ПРИГОВОР", "г. Алматы 31 февраля 2024 года"), None),
    (("ПРИГОВОР", "Иванова П.С., 01.01.1990 г.р.,"), None),
    (("Дело 13 мая 2024 года рассмотрено.",), None),
])
def test_decision_dates(lines: tuple[str, ...], expected: date | None) -> None:
    found = decision_date(_paragraphs(*lines))
    assert (found.value if found else None) == expected


def test_the_court_stops_before_the_judge_and_the_date() -> None:
    text = _paragraphs("ПРИГОВОР", "Районный суд № 2 Алмалинского района города Алматы под председательством судьи "
                       "Ахметова Б.К.")
    court = court_of(text)
    assert court is not None and court.value == "Районный суд № 2 Алмалинского района города Алматы"


def test_the_sample_pdf_end_to_end() -> None:
    paragraphs = assign_parts(read_paragraphs(DATA / "verdict-sample.pdf"))
    assert [p.part for p in paragraphs].count("operative") == 2
    kind, court, when = decision_kind(paragraphs), court_of(paragraphs), decision_date(paragraphs)
    assert kind is not None and kind.value == "verdict"
    assert court is not None and court.value == "Алмалинский районный суд города Алматы"
    assert when is not None and when.value == date(2024, 5, 13)
