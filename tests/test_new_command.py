"""``sentencecheck new``: commented skeletons that parse, state nothing, load once the required fields are filled,
ask every question in plain Russian or English, and never overwrite a file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, get_args

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from sentencecheck import evaluate
from sentencecheck.casefile.fields import shape, walk
from sentencecheck.casefile.questions import KINDS, load_questions
from sentencecheck.casefile.skeleton import case_id_for, skeleton
from sentencecheck.cli import main
from sentencecheck.errors import InputError
from sentencecheck.io.documents import parse_text
from sentencecheck.model.case import Case, Defendant, Outcome
from sentencecheck.model.load import case_from_data

LANGS = ["en", "ru"]
REQUIRED_LINE = re.compile(r"^(\s*)(\w+): null  # (required|обязательно)$", re.M)
FILLED = {"document": "Приговор суда", "kind": "convicted"}


def run(args: list[str]) -> Result:
    return CliRunner().invoke(main, args, prog_name="sentencecheck")


def write(kind: str, lang: str) -> str:
    result = run(["new", "-", "--kind", kind, "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.stdout


def fill(text: str, outcome: str = "convicted") -> str:
    values = {**FILLED, "kind": outcome}
    return REQUIRED_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}: {values[m.group(2)]}", text)


def blank(outcome: str) -> Case:
    outcome_ = Outcome(kind=outcome, source=[])
    return Case(id="blank", defendants=[Defendant(id="d1", outcome=outcome_, source=[])])


def rules_fired(case: Case) -> list[tuple[str, str]]:
    return [(f.rule, f.confidence) for f in evaluate(case, engine="python").findings]


def tri_values(node: BaseModel) -> list[tuple[str, Any]]:
    """Every yes/no field in the case, with its value."""
    out: list[tuple[str, Any]] = []
    for name in type(node).model_fields:
        value = getattr(node, name)
        if set(get_args(type(node).model_fields[name].annotation)) == {bool, type(None)}:
            out.append((f"{type(node).__name__}.{name}", value))
        for item in value if isinstance(value, list) else value.values() if isinstance(value, dict) else [value]:
            if isinstance(item, BaseModel):
                out += tri_values(item)
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_skeleton_parses_and_fails_only_on_its_required_fields(kind: str, lang: str) -> None:
    text = write(kind, lang)
    data, node = parse_text(text, "yaml", "skeleton.yaml")
    with pytest.raises(InputError) as err:
        case_from_data(data, "skeleton.yaml", node)
    assert {p.path for p in err.value.problems} == {"sources.s1.document", "defendants[0].outcome.kind"}
    assert len(REQUIRED_LINE.findall(text)) == 2


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_filled_skeleton_validates_and_states_nothing(kind: str, lang: str) -> None:
    for outcome in ("convicted", "dismissed"):
        data, node = parse_text(fill(write(kind, lang), outcome), "yaml")
        case = case_from_data(data, "filled.yaml", node)
        assert [d.id for d in case.defendants] == ["d1"] and [v.id for v in case.victims] == ["v1"]
        assert list(case.sources) == ["s1"]
        unstated = [name for name, value in tri_values(case) if value is not None]
        assert unstated == [], f"yes/no fields not left unstated: {unstated}"
        assert rules_fired(case) == rules_fired(blank(outcome))


def test_kinds_ask_their_own_questions() -> None:
    def keys(kind: str) -> set[str]:
        return set(re.findall(r"^\s*(?:- )?(\w+):", write(kind, "en"), flags=re.M))

    assert "self_defence" in keys("self-defence") and "self_defence" not in keys("general")
    assert {"protective_orders", "admin_penalties", "prior_reconciliation_release"} <= keys("domestic-violence")
    assert {"sexual_harassment", "penalised_after_complaint", "remained_in_contact_with_victims"} <= keys("harassment")
    assert {"group_element", "acted_together_with", "victim_request"} <= keys("sexual-violence")
    assert {"dismissal_ground", "complaint_investigated"} <= keys("dismissal")
    assert "affect_examined" in keys("self-defence") and "affect_examined" not in keys("dismissal")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_field_follows_its_question(kind: str, lang: str) -> None:
    lines = write(kind, lang).splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*(- )?\w+:", line) and line.strip() != "s1:":
            assert lines[i - 1].lstrip().startswith("#"), f"no question before {line!r}"


def allowed_latin() -> set[str]:
    """Field names, the values of choices, kinds, ids and YAML words: the Latin a Russian comment may hold."""
    words = {"null", "true", "false", "d1", "d2", "v1", "v2", "s1", "s2", *KINDS}
    for _, cls in walk():
        for name in cls.model_fields:
            words.add(name)
            words.update(shape(cls, name).choices)
    return words


@pytest.mark.parametrize("kind", KINDS)
def test_russian_comments_use_no_latin_words_but_names_and_codes(kind: str) -> None:
    allowed = allowed_latin()
    text = write(kind, "ru")
    comments = [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]
    latin = {w for c in comments for w in re.findall(r"[A-Za-z][A-Za-z0-9_\-]*", c)} - allowed
    assert latin == set(), f"Latin words in Russian comments: {sorted(latin)}"
    assert re.search(r"[а-яё]", "".join(comments))


def test_english_questions_have_no_cyrillic() -> None:
    q = load_questions()
    texts = [q.header.en, *(t.en for t in q.kinds.values()), *(t.en for t in q.about.values())]
    for entries in (*q.fields.values(), q.common):
        for question in entries.values():
            texts += [question.en, *(v.en for v in question.values.values())]
    assert [t for t in texts if re.search(r"[А-Яа-яЁё]", t)] == []


def test_every_model_field_has_a_question_and_no_question_is_stray() -> None:
    q = load_questions()
    model = {(cls.__name__, name) for _, cls in walk() for name in cls.model_fields}
    asked = {(owner, name) for owner, entries in q.fields.items() for name in entries}
    common = {(owner, name) for owner, name in model if name in q.common}
    assert model - asked - common == set()
    assert asked - model == set()
    for owner, name in asked:
        values = set(q.fields[owner][name].values)
        assert values <= set(shape(dict(walk_classes())[owner], name).choices), f"{owner}.{name}"


def walk_classes() -> list[tuple[str, type[BaseModel]]]:
    return [(cls.__name__, cls) for _, cls in walk()]


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "case.yaml"
    target.write_text("mine\n", encoding="utf-8")
    refused = run(["new", str(target)])
    assert refused.exit_code == 2 and "use --force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = run(["new", str(target), "--force", "--kind", "dismissal"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8") == skeleton("dismissal", "en", "case")


def test_new_writes_a_file_named_by_its_id_and_standard_output_writes_no_file(tmp_path: Path) -> None:
    target = tmp_path / "Ibragimova 8 years.yaml"
    result = run(["new", str(target), "--kind", "self-defence", "--lang", "ru"])
    assert result.exit_code == 0 and "sentencecheck check" in result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Файл дела") and "\nid: Ibragimova-8-years\n" in text
    assert text == skeleton("self-defence", "ru", "Ibragimova-8-years")
    stdout = CliRunner().invoke(main, ["new", "-"])
    assert stdout.stdout == skeleton("general", "en", "new-case") and stdout.stderr == ""
    assert case_id_for("приговор.yaml") == "new-case" and case_id_for("a/b/c-1.yml") == "c-1"


def test_new_to_a_missing_folder_is_bad_input(tmp_path: Path) -> None:
    result = run(["new", str(tmp_path / "nowhere" / "case.yaml")])
    assert result.exit_code == 2 and "cannot write" in result.stderr


def test_skeletons_are_deterministic_and_comments_fit_the_line() -> None:
    for kind in KINDS:
        for lang in ("en", "ru"):
            text = skeleton(kind, lang, "x")
            assert text == skeleton(kind, lang, "x")
            long = [line for line in text.splitlines() if len(line) > 110 and "{" not in line]
            assert long == [], long


def test_unknown_kind_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        skeleton("murder")
    assert run(["new", "-", "--kind", "murder"]).exit_code == 2
