"""Citations of code articles in Russian legal text (sentencecheck.extract.citations)."""

from __future__ import annotations

import pytest

from sentencecheck.extract.citations import Cited, find_citations, is_aggregation, is_general_part, sentence_starts
from sentencecheck.extract.passages import Found, Paragraph


def cite(text: str) -> list[Found[Cited]]:
    found = find_citations(Paragraph(4, 10, text))
    for f in found:
        assert f.paragraph == 4
        assert f.quote and f.quote in text, f.quote
        assert text[f.value.at:].startswith(f.quote)
    return found


def values(text: str) -> list[Cited]:
    return [f.value for f in cite(text)]


def C(code: str, article: str, part: str | None = None, items: tuple[int, ...] = (),  # noqa: N802
      letters: tuple[str, ...] = (), stage: str = "completed") -> Cited:
    return Cited(code, article, part, items, letters, stage)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "expected"), [
    ("ч. 1 ст. 99 УК РК", [C("CC", "99", "1")]),
    ("ч.1 ст.99 УК РК", [C("CC", "99", "1")]),
    ("ч.1ст.99 УК РК", [C("CC", "99", "1")]),
    ("Ч. 1 Ст. 99 УК РК", [C("CC", "99", "1")]),
    ("п.п. 1), 5) ч. 2 ст. 99 УК", [C("CC", "99", "2", (1, 5))]),
    ("п.п.1),5) ч.2 ст.99 УК РК", [C("CC", "99", "2", (1, 5))]),
    ("пп. 1) и 5) ч. 2 ст. 99 УК РК", [C("CC", "99", "2", (1, 5))]),
    ("пунктами 1), 5), 9) части 2 статьи 99 УК РК", [C("CC", "99", "2", (1, 5, 9))]),
    ("п. 5) ч. 2 ст. 99 УК РК", [C("CC", "99", "2", (5,))]),
    ("п. 1 ч. 2 ст. 99 УК РК", [C("CC", "99", "2", (1,))]),
    ("пунктом 2) части второй статьи 106 Уголовного кодекса Республики Казахстан", [C("CC", "106", "2", (2,))]),
    ("части второй статьи 106 УК", [C("CC", "106", "2")]),
    ("частью 1 статьи 434 КоАП", [C("CAO", "434", "1")]),
    ("ст. 73-1 КоАП РК", [C("CAO", "73-1")]),
    ("ст. 73¹ КоАП РК", [C("CAO", "73-1")]),
    ("ст. 73.1 КоАП РК", [C("CAO", "73-1")]),
    ("ч. 1-1 ст. 73-1 КоАП РК", [C("CAO", "73-1", "1-1")]),
    ("ч. 3-1 ст. 120 УК РК", [C("CC", "120", "3-1")]),
    ("статьей 73 Кодекса Республики Казахстан об административных правонарушениях", [C("CAO", "73")]),
    ("статьей 73 Кодекса об административных правонарушениях Республики Казахстан", [C("CAO", "73")]),
    ("ст. 461 КРКоАП", [C("CAO", "461")]),
    ("ст. 68 Уголовно-процессуального кодекса Республики Казахстан", [C("CPC", "68")]),
    ("п. «а» ч. 2 ст. 105 УК РФ", [C("RU_CC", "105", "2", letters=("а",))]),
    ('п. "а" ч. 2 ст. 105 УК РФ', [C("RU_CC", "105", "2", letters=("а",))]),
    ("ч. 4 ст. 228.1 УК РФ", [C("RU_CC", "228.1", "4")]),
    ("ч. 4 ст. 228¹ УК РФ", [C("RU_CC", "228.1", "4")]),
    ("пп. «а», «в» ч. 2 ст. 158 УК РФ", [C("RU_CC", "158", "2", letters=("а", "в"))]),
    ("п. «а, в» ч. 2 ст. 158 УК РФ", [C("RU_CC", "158", "2", letters=("а", "в"))]),
    ("ст. 105 ч. 2 п. «а» УК РФ", [C("RU_CC", "105", "2", letters=("а",))]),
    ("ст. 99 ч. 2 п. 5 УК РК", [C("CC", "99", "2", (5,))]),
    ("ч. 1 ст. 12.8 КоАП РФ", [C("RU_CAO", "12.8", "1")]),
    ("ст. 316 Уголовно-процессуального кодекса Российской Федерации", [C("RU_CPC", "316")]),
    ("ч. 1 ст. 105 Уголовного кодекса Российской Федерации", [C("RU_CC", "105", "1")]),
    ("ч. 1 ст. 6.1.1 КоАП РФ", [C("RU_CAO", "6.1.1", "1")]),
])
def test_forms(text: str, expected: list[Cited]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "part"), [
    ("части первой статьи 99 УК РК", "1"), ("части второй статьи 99 УК РК", "2"),
    ("части третьей статьи 99 УК РК", "3"), ("части четвёртой статьи 120 УК РК", "4"),
    ("части четвертой статьи 120 УК РК", "4"), ("части пятой статьи 120 УК РК", "5"),
    ("части шестой статьи 120 УК РК", "6"), ("частью седьмой статьи 120 УК РК", "7"),
    ("частью второй статьи 99 УК РК", "2"), ("часть третья статьи 99 УК РК", "3"),
    ("ч. I ст. 99 УК РК", "1"), ("ч. II ст. 99 УК РК", "2"), ("ч. III ст. 106 УК РК", "3"),
    ("ч. IV ст. 120 УК РК", "4"), ("ч. 2 ст. 99 УК РК", "2"), ("ч. І ст. 99 УК РК", "1"),
])
def test_part_numbers_in_words_and_roman(text: str, part: str) -> None:
    assert [c.part for c in values(text)] == [part]


def test_the_quote_takes_the_code_named_after_the_citation() -> None:
    assert [f.quote for f in cite("осуждён по ч. 1 ст. 99 УК РК к 10 годам")] == ["ч. 1 ст. 99 УК РК"]
    assert [f.quote for f in cite("по ч. 1 ст. 99 (убийство) УК РК")] == ["ч. 1 ст. 99 (убийство) УК РК"]


# --- lists and code inference ----------------------------------------------------------------------------------------

def test_a_list_shares_the_code_named_at_its_end() -> None:
    assert values("ч. 1 ст. 120, ч. 1 ст. 121 УК РК") == [C("CC", "120", "1"), C("CC", "121", "1")]
    assert values("ч. 1 ст. 120 и ч. 1 ст. 121 УК РФ") == [C("RU_CC", "120", "1"), C("RU_CC", "121", "1")]
    assert values("ч. 1 ст. 120, а также ч. 1 ст. 121, п. 1) ч. 2 ст. 106 УК РК") == [
        C("CC", "120", "1"), C("CC", "121", "1"), C("CC", "106", "2", (1,))]


def test_lists_of_articles_and_parts_give_one_citation_each() -> None:
    found = cite("ст.ст. 120, 121 УК РК; ч.ч. 1, 2 ст. 99 УК РК")
    assert [f.value for f in found] == [C("CC", "120"), C("CC", "121"), C("CC", "99", "1"), C("CC", "99", "2")]
    assert [f.quote for f in found] == ["ст.ст. 120, 121 УК РК"] * 2 + ["ч.ч. 1, 2 ст. 99 УК РК"] * 2


def test_each_citation_takes_its_own_code() -> None:
    assert values("по ч. 1 ст. 99 УК РК и ст. 68 УПК РК, ст. 73 КоАП РК") == [
        C("CC", "99", "1"), C("CPC", "68"), C("CAO", "73")]


def test_code_named_earlier_in_the_paragraph() -> None:
    text = "Органом обвинения действия квалифицированы по ч. 1 ст. 99 УК РК. Суд квалифицирует их по ч. 1 ст. 106."
    assert values(text) == [C("CC", "99", "1"), C("CC", "106", "1")]


def test_the_paragraphs_earlier_code_wins_over_a_later_code_outside_the_list() -> None:
    text = ("Подсудимый обвиняется по ч. 1 ст. 99 УК РК. Суд квалифицирует по ч. 1 ст. 99, а в силу ст. 68 УПК РК "
            "дело рассмотрено в общем порядке.")
    assert values(text) == [C("CC", "99", "1"), C("CC", "99", "1"), C("CPC", "68")]


def test_next_code_in_the_sentence_when_none_came_before() -> None:
    assert values("Действия по ч. 1 ст. 106, совершённые из ревности, предусмотрены УК РК.") == [
        C("CC", "106", "1")]


def test_no_code_anywhere_is_unknown() -> None:
    assert values("п. 5) ч. 2 ст. 99") == [C("unknown", "99", "2", (5,))]
    assert values("ст. 73-1 и ст. 228.1") == [C("unknown", "73-1"), C("unknown", "228.1")]


def test_a_code_in_the_next_sentence_is_not_used() -> None:
    assert values("Суд квалифицирует по ч. 1 ст. 106. Вина доказана, что следует из УПК РК.") == [
        C("unknown", "106", "1")]


def test_bare_abbreviation_takes_the_paragraphs_country() -> None:
    assert values("по п. «а» ч. 2 ст. 105 УК РФ, в порядке ст. 316 УПК") == [
        C("RU_CC", "105", "2", letters=("а",)), C("RU_CPC", "316")]
    assert values("ст. 68 УПК; ч. 1 ст. 99 УК РК") == [C("CPC", "68"), C("CC", "99", "1")]
    assert values("ч. 1 ст. 99 УК") == [C("CC", "99", "1")]


def test_procedure_code_citation_is_not_a_criminal_code_citation() -> None:
    assert values("в соответствии со ст. 68 УПК") == [C("CPC", "68")]
    assert values("в соответствии со ст. 68 УПК РК") == [C("CPC", "68")]


@pytest.mark.parametrize("text", [
    "ст. 14 Закона РК «О профилактике бытового насилия»",
    "в силу ст. 9 ГК РК",
    "ст. 31 Конституции Республики Казахстан",
    "ст. 20 Кодекса Республики Казахстан «О браке (супружестве) и семье»",
    "п. 5 ст. 14 закона о правах ребёнка",
    "п. 10 ст. 4 Указа Президента",
    "ст. 5, ст. 6 Закона «О профилактике правонарушений»",
])
def test_other_acts_are_not_returned(text: str) -> None:
    assert values(text) == []


def test_another_act_does_not_take_a_code_citation_with_it() -> None:
    text = "ст. 20 Закона РК «О профилактике бытового насилия» и ч. 1 ст. 73 КоАП РК"
    assert values(text) == [C("CAO", "73", "1")]


@pytest.mark.parametrize("text", [
    "тел. 8 701 123 45 67",
    "части тела потерпевшей",
    "по статье в газете",
    "в пункте 2 приговора",
    "в части второй описательной части",
    "13.05.2024 года в 22 часа",
    "стационар № 99",
    "участок 5, частный дом 99",
    "постановление от 13.05.2024 № 99",
    "счастье и часть 2",
])
def test_text_that_is_no_citation(text: str) -> None:
    assert values(text) == []


# --- stages --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("ч. 3 ст. 24, ч. 1 ст. 99 УК РК", C("CC", "99", "1", stage="attempt")),
    ("ч.3 ст.24, п.п.1),5) ч.2 ст.99 УК РК", C("CC", "99", "2", (1, 5), stage="attempt")),
    ("ч. 3 ст. 24 - ч. 1 ст. 99 УК РК", C("CC", "99", "1", stage="attempt")),
    ("ч. 3 ст. 24 УК РК, ч. 1 ст. 99 УК РК", C("CC", "99", "1", stage="attempt")),
    ("ч. 1 ст. 24, ч. 1 ст. 99 УК РК", C("CC", "99", "1", stage="preparation")),
    ("ч. 1 ст. 99, ч. 3 ст. 24 УК РК", C("CC", "99", "1", stage="attempt")),
    ("ст. 24 ч. 3, ст. 99 ч. 1 УК РК", C("CC", "99", "1", stage="attempt")),
    ("ч. 3 ст. 30, п. «а» ч. 2 ст. 105 УК РФ", C("RU_CC", "105", "2", letters=("а",), stage="attempt")),
    ("ст. 30 ч. 3, ст. 105 ч. 2 п. «а» УК РФ", C("RU_CC", "105", "2", letters=("а",), stage="attempt")),
    ("ч. 1 ст. 30, ч. 4 ст. 228.1 УК РФ", C("RU_CC", "228.1", "4", stage="preparation")),
    ("совершил покушение на убийство, то есть преступление, предусмотренное ч. 1 ст. 99 УК РК",
     C("CC", "99", "1", stage="attempt")),
    ("совершил приготовление к убийству, предусмотренное ч. 1 ст. 99 УК РК", C("CC", "99", "1", stage="preparation")),
    ("покушение на кражу, п. «в» ч. 2 ст. 158 УК РФ", C("RU_CC", "158", "2", letters=("в",), stage="attempt")),
])
def test_stages(text: str, expected: Cited) -> None:
    found = cite(text)
    assert [f.value for f in found] == [expected]


def test_the_stage_quote_includes_the_stage_article() -> None:
    assert [f.quote for f in cite("по ч. 3 ст. 24, ч. 1 ст. 99 УК РК.")] == ["ч. 3 ст. 24, ч. 1 ст. 99 УК РК"]


def test_stage_wording_reaches_only_the_next_citation() -> None:
    text = ("совершил покушение на убийство, то есть преступление, предусмотренное ч. 1 ст. 99 УК РК, и кражу, "
            "предусмотренную ч. 1 ст. 188 УК РК.")
    assert values(text) == [C("CC", "99", "1", stage="attempt"), C("CC", "188", "1")]


def test_stage_wording_skips_general_part_articles() -> None:
    text = "Наказание за покушение на преступление суд назначает с учётом требований ст. 56 УК РК."
    assert values(text) == [C("CC", "56")]


def test_stage_wording_stays_in_its_sentence() -> None:
    text = "Покушение на убийство не доказано. Суд квалифицирует по ч. 1 ст. 106 УК РК."
    assert values(text) == [C("CC", "106", "1")]


def test_stage_articles_of_other_codes_are_plain_citations() -> None:
    assert values("ч. 3 ст. 24, ч. 1 ст. 73 КоАП РК") == [C("CAO", "24", "3"), C("CAO", "73", "1")]
    assert values("ч. 3 ст. 30, ч. 1 ст. 99 УК РК") == [C("CC", "30", "3"), C("CC", "99", "1")]
    assert values("ч. 3 ст. 24 УК РК, ч. 1 ст. 73 КоАП РК") == [C("CC", "24", "3"), C("CAO", "73", "1")]


def test_a_stage_article_joined_to_nothing_is_kept() -> None:
    assert values("По правилам ч. 3 ст. 24 УК РК покушением признаётся …") == [C("CC", "24", "3")]


def test_two_charges_two_stages() -> None:
    text = "ч. 3 ст. 24, ч. 1 ст. 99 УК РК и ч. 1 ст. 24, ч. 1 ст. 188 УК РК"
    assert values(text) == [C("CC", "99", "1", stage="attempt"), C("CC", "188", "1", stage="preparation")]


# --- positions, sentences ------------------------------------------------------------------------------------------

def test_reading_order_and_positions() -> None:
    text = "Иванов осуждён по ч. 1 ст. 120 УК РК, Петров — по ч. 1 ст. 121 УК РК."
    found = cite(text)
    assert [f.value.article for f in found] == ["120", "121"]
    assert [f.value.at for f in found] == [text.index("ч. 1 ст. 120"), text.index("ч. 1 ст. 121")]


def test_equality_ignores_the_position() -> None:
    assert C("CC", "99", "1") == Cited("CC", "99", "1", at=55)


@pytest.mark.parametrize(("text", "count"), [
    ("Суд установил. Иванов виновен.", 2),
    ("по ч. 1 ст. 99 УК РК. Суд", 2),
    ("в г. Алматы по ул. Абая", 1),
    ("Иванов А.Б. совершил, т.е. Иванов виновен", 1),
    ("ст. 99. Далее", 2),
    ("Вопрос? Ответ! Итог.", 3),
])
def test_sentence_starts(text: str, count: int) -> None:
    assert len(sentence_starts(text)) == count


# --- articles that are no charge ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("cited", "expected"), [
    (C("CC", "58", "3"), True), (C("CC", "59"), True), (C("CC", "60"), True), (C("CC", "62"), True),
    (C("CC", "63"), True), (C("CC", "64"), True), (C("RU_CC", "69", "3"), True), (C("RU_CC", "70"), True),
    (C("RU_CC", "73"), True), (C("RU_CC", "74"), True),
    (C("CC", "99", "1"), False), (C("CC", "55"), False), (C("RU_CC", "63"), False), (C("CAO", "63"), False),
    (C("CPC", "58"), False), (C("RU_CC", "58"), False), (C("unknown", "63"), False),
])
def test_is_aggregation(cited: Cited, expected: bool) -> None:
    assert is_aggregation(cited) is expected


@pytest.mark.parametrize(("cited", "expected"), [
    (C("CC", "55"), True), (C("CC", "24", "3"), True), (C("CC", "98-3"), True), (C("CC", "63"), True),
    (C("CC", "99", "1"), False), (C("CC", "108-1"), False), (C("RU_CC", "30", "3"), True),
    (C("RU_CC", "105"), False), (C("CAO", "50"), False), (C("CPC", "68"), False),
])
def test_is_general_part(cited: Cited, expected: bool) -> None:
    assert is_general_part(cited) is expected


def test_aggregation_article_read_from_text() -> None:
    found = values("по ч. 1 ст. 120, ч. 1 ст. 121 УК РК, на основании ч. 3 ст. 58 УК РК, ст. 63 УК РК")
    assert [c.article for c in found if not is_aggregation(c)] == ["120", "121"]
