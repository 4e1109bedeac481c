"""Names of people replaced by «[ЛИЦО n]», one per person across case forms, with natasha's model loaded offline
without importing natasha, pymorphy2 or pkg_resources."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from sentencecheck.extract import redaction
from sentencecheck.extract.documents import read_paragraphs
from sentencecheck.extract.redaction import (
    Mention,
    RedactionUnavailable,
    Redactor,
    parse_name,
    redact_text,
    surname_stem,
)

DATA = Path(__file__).resolve().parent / "data"
needs_model = pytest.mark.skipif(importlib.util.find_spec("natasha") is None,
                                 reason="natasha's model files are not installed: pip install 'sentencecheck[extract]'")


@pytest.mark.parametrize(("word", "stem", "gender"), [
    ("Иванов", "иванов", "m"), ("Иванова", "иванов", None), ("Ивановой", "иванов", "f"), ("Иванову", "иванов", None),
    ("Ивановым", "иванов", "m"), ("Жаксылыкского", "жаксылыкск", "m"), ("Жаксылыкская", "жаксылыкск", "f"),
    ("Пушкиной", "пушкин", "f"), ("Ким", "ким", None), ("Кима", "ким", None), ("Нұрланұлы", "нұрланұлы", "m"),
    ("Серікқызы", "серікқызы", "f"), ("Черных", "черных", None), ("Ахмедьярова", "ахмедьяров", None),
    ("Тлеубаевых", "тлеубаев", None), ("Павленко", "павленко", None),
])
def test_surname_stems_and_the_gender_a_form_shows(word: str, stem: str, gender: str | None) -> None:
    assert surname_stem(word) == (stem, gender)


@pytest.mark.parametrize(("name", "mention"), [
    ("Иванова Петра Сергеевича", Mention("иванов", "П", "m")),
    ("Иванов П.С.", Mention("иванов", "П", "m")),
    ("Ивановой А.С.", Mention("иванов", "А", "f")),
    ("А.С. Иванова", Mention("иванов", "А", None)),
    ("Анна Сергеевна Иванова", Mention("иванов", "А", "f")),
    ("Нұрлан Әбдіқадыров", Mention("әбдіқадыров", "Н", "m")),
    ("Ким Виктор Александрович", Mention("ким", "В", "m")),
])
def test_parsing_a_written_name(name: str, mention: Mention) -> None:
    assert parse_name(name) == mention


def test_fields_get_placeholders_without_the_model() -> None:
    redactor = Redactor()
    assert redactor.placeholder("Иванов Петр Сергеевич") == "[ЛИЦО 1]"
    assert redactor.placeholder("Иванова Анна Сергеевна") == "[ЛИЦО 2]"
    assert redactor.placeholder("Иванов П.С.") == "[ЛИЦО 1]"
    assert redactor.placeholder("Ивановой А.С.") == "[ЛИЦО 2]"
    assert redactor.redact("Иванов П.С. ударил Иванову А.С., Ивановой было больно.", use_model=False) == \
        "[ЛИЦО 1] ударил [ЛИЦО 2], [ЛИЦО 2] было больно."
    assert [p.forms for p in redactor.people] == [
        ["Иванов Петр Сергеевич", "Иванов П.С."], ["Иванова Анна Сергеевна", "Ивановой А.С.", "Иванову А.С.",
                                                   "Ивановой"]]


@needs_model
def test_one_person_one_placeholder_across_case_forms() -> None:
    text = ("Потерпевшая Иванова показала, что подсудимый ее избивал. Ивановой причинен тяжкий вред здоровью. "
            "Эксперт осмотрел Иванову А.С. в больнице. По словам А.С. Ивановой, она боялась.")
    assert redact_text(text) == (
        "Потерпевшая [ЛИЦО 1] показала, что подсудимый ее избивал. [ЛИЦО 1] причинен тяжкий вред здоровью. "
        "Эксперт осмотрел [ЛИЦО 1] в больнице. По словам [ЛИЦО 1], она боялась.")


@needs_model
def test_different_people_of_one_surname_stay_apart() -> None:
    text = ("Подсудимый Иванов П.С. нанес удары своей супруге Ивановой А.С. Иванов П.С. вину признал, "
            "Ивановой А.С. претензий не имеет.")
    assert redact_text(text) == ("Подсудимый [ЛИЦО 1] нанес удары своей супруге [ЛИЦО 2] [ЛИЦО 1] вину признал, "
                                 "[ЛИЦО 2] претензий не имеет.")


@needs_model
def test_courts_places_and_initials_in_a_verdict() -> None:
    paragraphs = read_paragraphs(DATA / "verdict-sample.pdf")
    redactor = Redactor()
    assert redactor.placeholder("Иванов Петр Сергеевич") == "[ЛИЦО 1]"
    redacted = [redactor.redact(p.text) for p in paragraphs]
    text = "\n".join(redacted)
    for name in ("Иванов", "Ахметов", "Сериков", "Нурланов", "Ким", "Петр", "А.С.", "П.С.", "Б.К.", "В.А."):
        assert name not in text
    assert redacted[4].startswith("Алмалинский районный суд города Алматы в составе председательствующего судьи "
                                  "[ЛИЦО 2], при секретаре судебного заседания [ЛИЦО 3],")
    assert "потерпевшей [ЛИЦО 5], подсудимого [ЛИЦО 1], защитника – адвоката [ЛИЦО 6]" in redacted[4]
    assert redacted[10].startswith("[ЛИЦО 1] признать виновным")
    assert "г. Алматы 13 мая 2024 года" in text and "УПК РК" in text


@needs_model
def test_a_kazakh_name_the_model_only_half_finds_is_redacted_whole() -> None:
    assert redact_text("Свидетель Нұрлан Әбдіқадыров показал, что Әбдіқадыров Н. был дома.") == \
        "Свидетель [ЛИЦО 1] показал, что [ЛИЦО 1] был дома."


def test_initials_alone_take_the_surname_beside_them() -> None:
    text = "Свидетель Жанибекова Г.Т. слышала крики из квартиры Тлеубаевых. По словам Г.Т. Жанибековой, было поздно."
    spans = [redaction._widen(text, a, b) for a, b in [(text.index("Г.Т."), text.index("Г.Т.") + 4),
                                                        (text.rindex("Г.Т."), text.rindex("Г.Т.") + 4)]]
    assert [text[a:b] for a, b in spans] == ["Жанибекова Г.Т.", "Г.Т. Жанибековой"]
    redactor = Redactor()
    redactor.placeholder("Тлеубаев Асхат Маратович")
    assert redactor.redact(text, use_model=False) == \
        "Свидетель Жанибекова Г.Т. слышала крики из квартиры [ЛИЦО 1]. По словам Г.Т. Жанибековой, было поздно."


@pytest.mark.parametrize(("text", "word", "kept"), [
    ("уроженца г. Тараз Жамбылской области", "Тараз", True),
    ("проживающего в городе Экибастуза", "Экибастуза", True),
    ("по ул. Кривенко, д. 57", "Кривенко", True),
    ("Допрошенная в суде потерпевшая показала", "Допрошенная", True),
    ("Свидетель Кривенко показал", "Кривенко", False),
])
def test_places_and_adjectives_the_model_takes_for_people(text: str, word: str, kept: bool) -> None:
    start = text.index(word)
    assert redaction._not_a_name(text, start, start + len(word)) is kept


@needs_model
def test_redaction_is_deterministic_and_redacting_twice_changes_nothing() -> None:
    text = "\n".join(p.text for p in read_paragraphs(DATA / "verdict-sample.pdf"))
    assert redact_text(text) == redact_text(text)
    redactor = Redactor()
    once = redactor.redact(text)
    assert redactor.redact(once) == once
    assert redactor.placeholder("Иванов П.С.") == "[ЛИЦО 5]"


def test_without_natasha_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "natasha" else real(name, *a))
    redaction.load_recogniser.cache_clear()
    try:
        with pytest.raises(RedactionUnavailable, match=r"pip install 'sentencecheck\[extract\]'"):
            redact_text("Подсудимый Иванов П.С. вину признал.")
    finally:
        redaction.load_recogniser.cache_clear()


BLOCKED = textwrap.dedent("""\
    import importlib.abc, sys

    class Blocked(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("pkg_resources", "pymorphy2"):
                raise ImportError(f"{name} is blocked")
            return None

    sys.meta_path.insert(0, Blocked())
    sys.modules["pkg_resources"] = None
    sys.modules["pymorphy2"] = None
    from sentencecheck.extract.redaction import redact_text
    print(redact_text("Подсудимый Иванов П.С. нанес удары Ивановой А.С."))
    print(sorted(m for m in sys.modules if m.split(".")[0] in ("natasha", "pymorphy2", "pkg_resources")
                 and sys.modules[m] is not None))
""")


@needs_model
def test_the_model_loads_without_natasha_pymorphy2_and_pkg_resources() -> None:
    done = subprocess.run([sys.executable, "-c", BLOCKED], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["Подсудимый [ЛИЦО 1] нанес удары [ЛИЦО 2]", "[]"]
