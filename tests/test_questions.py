"""Questions and value labels: every fact asked in both languages, every value labelled, the file validated."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import yaml

from sentencecheck.model import case as model
from sentencecheck.rules import questions as q
from sentencecheck.rules.vocabulary import FACTS

LATIN_WORD = re.compile(r"[A-Za-z]+")
ROMAN = re.compile(r"^[IVXLCDM]+$")


def _raw() -> dict[str, Any]:
    data = yaml.safe_load(q.QUESTIONS_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _closed_items(fact: str) -> tuple[str, ...]:
    return FACTS[fact].domain


def _all_questions(lang: str) -> list[tuple[str, str]]:
    """(what, text) for every fact's question and every item question of a closed set fact."""
    out = [(fact, q.question(fact, lang)) for fact in FACTS]
    for fact, spec in FACTS.items():
        if spec.kind == "set":
            out += [(f"{fact}[{item}]", q.question(fact, lang, item)) for item in _closed_items(fact)]
    return out


def _all_labels(lang: str) -> list[tuple[str, str]]:
    out = [(f"word {k}", q.word(k, lang)) for k in q.WORDS]
    for domain, table in q.bundled().domains.items():
        for value, text in table.items():
            out.append((f"{domain}.{value}", text.get(lang)))
            if lang == "ru" and text.ru_acc:
                out.append((f"{domain}.{value} (acc)", text.ru_acc))
    return out


def _model_literals() -> list[tuple[str, ...]]:
    """The value sets of every Literal in the case model: module-level aliases and model fields."""
    found: list[tuple[str, ...]] = []

    def walk(annotation: object) -> None:
        if get_origin(annotation) is Literal:
            found.append(tuple(str(v) for v in get_args(annotation)))
        for arg in get_args(annotation):
            walk(arg)

    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, model.Strict):
            for field in value.model_fields.values():
                walk(field.annotation)
        else:
            walk(value)
    return found


@pytest.mark.parametrize("lang", q.LANGS)
def test_every_fact_has_a_question(lang: str) -> None:
    for fact in FACTS:
        text = q.question(fact, lang)
        assert text.strip() and text.endswith("?"), (fact, text)
        assert "{" not in text and "_" not in text, (fact, text)


@pytest.mark.parametrize("lang", q.LANGS)
def test_every_member_of_a_set_fact_has_a_question(lang: str) -> None:
    for fact, spec in FACTS.items():
        if spec.kind != "set":
            continue
        for item in _closed_items(fact):
            text = q.question(fact, lang, item)
            assert text.endswith("?") and "{" not in text, (fact, item, text)
            assert q.value_label(fact, item, lang) in text or lang == "ru", (fact, item, text)


@pytest.mark.parametrize("lang", q.LANGS)
def test_every_closed_value_is_labelled(lang: str) -> None:
    for fact, spec in FACTS.items():
        if spec.kind in ("enum", "set"):
            for value in spec.domain:
                assert q.value_label(fact, value, lang).strip(), (fact, value)


def test_every_model_choice_is_labelled() -> None:
    literals = _model_literals()
    assert len(literals) >= len(q.MODEL_DOMAINS)
    for values in literals:
        domains = [d for d, known in q.MODEL_DOMAINS.items() if set(known) == set(values)]
        assert domains, f"no domain labels the model's choice {values}"
        for lang in q.LANGS:
            for value in values:
                assert q.enum_label(domains[0], value, lang).strip()


def test_open_domains_are_written_as_citations() -> None:
    assert q.value_label("charge.article", "CC 108-1", "ru") == "ст. 108-1 УК РК"
    assert q.value_label("charge.article", "CAO 461", "ru") == "ст. 461 КоАП РК"
    assert q.value_label("charge.article", "CC 120", "en") == "CC 120"
    assert q.value_label("charge.part", "3-1", "ru") == "ч. 3-1"
    assert q.value_label("charge.part", "none", "en") == "article without parts"
    assert q.question("combined.articles", "ru", "CC 120") == "Предъявлено ли подсудимому обвинение по ст. 120 УК РК?"
    with pytest.raises(KeyError):
        q.value_label("charge.article", "120", "ru")


def test_examples_of_the_brief() -> None:
    assert q.question("defence.court_considered_cc32", "en") == (
        "Did the court examine whether the defendant acted in necessary defence (CC 32)?")
    assert q.question("defence.court_considered_cc32", "ru") == (
        "Исследовал ли суд, действовал ли подсудимый в состоянии необходимой обороны (ст. 32 УК РК)?")
    assert q.question("request.years", "en") == "How many years of imprisonment did the prosecutor ask for?"
    not_recognised = q.question("mitigating.not_recognised", "ru", "9")
    assert not_recognised.startswith("Не признал ли суд смягчающим обстоятельством совершение уголовного")
    assert "нарушении условий правомерности необходимой обороны" in not_recognised
    assert not_recognised.endswith("(п. 9 ч. 1 ст. 53 УК РК), хотя это обстоятельство установлено фактами?")
    assert q.value_label("outcome", "convicted", "ru") == "осуждение"
    assert q.value_label("sentence.kind", "imprisonment", "ru") == "лишение свободы"
    assert q.value_label("law.category", "grave", "ru") == "тяжкое преступление"
    assert q.value_label("leniency.grounds", "clean_record", "ru") == "отсутствие судимости"
    assert q.value_label("proceeding.instance", "first_instance", "ru") == "суд первой инстанции"
    assert [q.word(k, "ru") for k in q.WORDS] == ["да", "нет", "неизвестно", "нет данных"]


def test_the_accusative_is_used_where_it_differs() -> None:
    assert q.value_label("aggravating.recognised", "4", "ru").startswith("особо активная роль")
    assert "отягчающим обстоятельством особо активную роль" in q.question("aggravating.recognised", "ru", "4")
    assert "особо активная роль" in q.question("aggravating.present", "ru", "4")
    assert "раскаяние, явку с повинной" in q.question("mitigating.recognised", "ru", "11")
    assert "раскаяние, явка с повинной" in q.question("mitigating.present", "ru", "11")
    assert q.question("leniency.grounds", "ru", "victim_forgave").endswith("его просьбу о снисхождении?")


def test_cc53_and_cc54_labels_cite_their_item() -> None:
    for item in FACTS["mitigating.recognised"].domain:
        assert f"(п. {item} ч. 1 ст. 53 УК РК" in q.enum_label("cc53_item", item, "ru")
        assert f"(CC 53(1)({item}))" in q.enum_label("cc53_item", item, "en")
    for item in FACTS["aggravating.recognised"].domain:
        assert f"(п. {item} ч. 1 ст. 54 УК РК" in q.enum_label("cc54_item", item, "ru")
        assert f"(CC 54(1)({item}))" in q.enum_label("cc54_item", item, "en")


def test_russian_has_no_latin_words() -> None:
    texts = _all_questions("ru") + _all_labels("ru")
    for what, text in texts:
        latin = [w for w in LATIN_WORD.findall(text) if not ROMAN.match(w)]
        assert not latin, (what, latin, text)


@pytest.mark.parametrize("lang", q.LANGS)
def test_no_question_is_shared(lang: str) -> None:
    counts = Counter(text for _, text in _all_questions(lang))
    assert [t for t, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("lang", q.LANGS)
def test_no_label_is_shared_within_a_domain(lang: str) -> None:
    for domain, table in q.bundled().domains.items():
        counts = Counter(text.get(lang) for text in table.values())
        assert [t for t, n in counts.items() if n > 1] == [], domain
    counts = Counter(q.word(k, lang) for k in q.WORDS)
    assert max(counts.values()) == 1


def test_lookups_fail_loudly() -> None:
    with pytest.raises(KeyError, match="unknown fact"):
        q.question("mitigating.recognized", "en")
    with pytest.raises(KeyError, match="unknown language"):
        q.question("outcome", "kk")
    with pytest.raises(KeyError, match="not a set fact"):
        q.question("outcome", "en", "convicted")
    with pytest.raises(KeyError, match="not a value"):
        q.question("mitigating.recognised", "ru", "12")
    with pytest.raises(KeyError, match="no values"):
        q.value_label("harm.death", "yes", "en")
    with pytest.raises(KeyError, match="unknown domain"):
        q.enum_label("weapons", "knife", "en")
    with pytest.raises(KeyError, match="unknown word"):
        q.word("maybe", "en")


def _rejected(data: dict[str, Any], match: str) -> None:
    with pytest.raises(q.QuestionsError, match=match):
        q.parse(data)


def test_the_bundled_file_parses_as_given() -> None:
    assert set(q.parse(_raw()).facts) == set(FACTS)


def test_an_unknown_fact_is_rejected() -> None:
    data = _raw()
    data["facts"]["mitigating.recognized"] = data["facts"].pop("mitigating.recognised")
    _rejected(data, "not in the vocabulary: mitigating.recognized")


def test_a_missing_fact_is_rejected() -> None:
    data = _raw()
    del data["facts"]["harm.death"]
    _rejected(data, "no question for harm.death")


def test_a_domain_must_match_the_vocabulary_and_the_model() -> None:
    data = _raw()
    del data["domains"]["cc53_item"]["11"]
    _rejected(data, "domain cc53_item has values")
    data = _raw()
    data["domains"]["weapon"]["spear"] = {"en": "spear", "ru": "копьё"}
    _rejected(data, "domains.weapon: expected exactly the model's values")
    data = _raw()
    data["domains"]["unused"] = {"x": {"en": "x", "ru": "икс"}}
    _rejected(data, "no fact or model choice uses unused")


def test_templates_and_texts_are_checked() -> None:
    data = _raw()
    data["facts"]["mitigating.recognised"]["item"]["ru"] = "Признал ли суд это обстоятельство?"
    _rejected(data, r"exactly one \{item\}")
    data = _raw()
    del data["facts"]["leniency.grounds"]["item"]
    _rejected(data, "only a set fact, has an item question")
    data = _raw()
    data["facts"]["harm.death"]["ru"] = ""
    _rejected(data, "harm.death.ru: expected non-empty text")
    data = _raw()
    data["facts"]["harm.death"]["domain"] = "harm_level"
    _rejected(data, "a bool fact has no domain")
    data = _raw()
    data["words"][True] = data["words"].pop("yes")
    _rejected(data, "quote keys")


def test_load_reports_an_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "questions.yaml"
    bad.write_text("facts: [unclosed", encoding="utf-8")
    with pytest.raises(q.QuestionsError, match="cannot read"):
        q.load(bad)
