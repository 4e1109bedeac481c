"""Fuzzing every input path: any JSON or YAML value gives a valid case (or rule) or a clear InputError /
RuleError naming the field path, never another exception; hostile documents are refused, never executed."""

from __future__ import annotations

import contextlib
import json
import math
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sentencecheck.derive import derive_subjects
from sentencecheck.engines.python_engine import PythonEngine
from sentencecheck.errors import InputError, RuleError
from sentencecheck.io.documents import MAX_DEPTH, MAX_DOCUMENT_BYTES, format_loc, parse_text
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data
from sentencecheck.rules.load import compile_rule, load_rule_set
from sentencecheck.rules.model import RuleSet
from sentencecheck.testing import Screener, cases

ROOT = Path(__file__).resolve().parents[1]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(-(10**400), 10**400),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12),
    st.sampled_from(["convicted", "imprisonment", "CC", "99", "1", "2020-01-01", "1899-12-31", "d0", "s0", ""]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=25,
)





def load_case_data(data: Any) -> Case | None:
    """A case, or None after a clear InputError; any other exception fails the test."""
    try:
        return case_from_data(data, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems, "an InputError must list its problems"
        for p in exc.problems:
            assert p.message
        return None


# ---- the case loader ------------------------------------------------------------------------------


@given(json_values)
def test_any_value_gives_a_case_or_an_input_error(value: Any) -> None:
    load_case_data(value)


def _leaves(node: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(node, dict):
        return [path] + [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [path] + [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


@given(data=st.data())
def test_a_corrupted_case_names_the_field(rules: RuleSet, data: st.DataObject) -> None:
    case = data.draw(cases(rules, max_defendants=2))
    raw: Any = case.model_dump(mode="json")
    path = data.draw(st.sampled_from([p for p in _leaves(raw) if p]))
    value = data.draw(json_values)
    node = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    try:
        case_from_data(raw)
    except InputError as exc:
        where = format_loc(path)
        # a field error names the field (or an ancestor); a consistency error is about the whole document
        assert any(where.startswith(p.path) or p.path.startswith(where) for p in exc.problems), (
            where, [p.path for p in exc.problems])


@given(st.text(max_size=200), st.sampled_from(["json", "yaml"]))
def test_any_text_parses_or_gives_an_input_error(text: str, fmt: str) -> None:
    try:
        data, _ = parse_text(text, fmt, "fuzz")
    except InputError:
        return
    load_case_data(data)


@given(json_values, st.sampled_from(["json", "yaml"]))
def test_serialised_values_round_trip_or_fail_clearly(value: Any, fmt: str) -> None:
    try:
        text = json.dumps(value) if fmt == "json" else yaml.safe_dump(value)
    except (ValueError, OverflowError):
        return
    try:
        data, _ = parse_text(text, fmt)
    except InputError as exc:
        assert "NaN" in str(exc) or "number" in str(exc) or "nesting" in str(exc), str(exc)
        return
    load_case_data(data)


# ---- hostile documents -------------------------------------------------------------------------------


def test_yaml_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for text in (
        f'!!python/object/apply:os.system ["touch {marker}"]\n',
        f'id: !!python/object/apply:subprocess.check_call [["touch", "{marker}"]]\n',
        "id: !!python/name:os.system\n",
        "id: !custom 3\n",
    ):
        with pytest.raises(InputError, match="invalid YAML"):
            parse_text(text, "yaml")
    assert not marker.exists()


def test_alias_bombs_are_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    start = time.monotonic()
    with pytest.raises(InputError, match="aliases are not allowed"):
        parse_text("\n".join(lines), "yaml")
    assert time.monotonic() - start < 2


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 5000, 100_000])
def test_deep_nesting_is_refused(fmt: str, depth: int) -> None:
    text = "[" * depth + "]" * depth
    with pytest.raises(InputError, match="nesting|invalid"):
        parse_text(text, fmt)
    with pytest.raises(InputError):
        parse_text("{a: " * depth + "1" + "}" * depth if fmt == "yaml" else '{"a":' * depth + "1" + "}" * depth, fmt)


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_50_mb_line_is_refused_before_parsing(fmt: str, tmp_path: Path) -> None:
    assert MAX_DOCUMENT_BYTES < 50 * 1024 * 1024
    text = '{"id": "' + "x" * (50 * 1024 * 1024) + '"}'
    start = time.monotonic()
    with pytest.raises(InputError, match="larger than"):
        parse_text(text, fmt)
    path = tmp_path / f"big.{fmt}"
    path.write_text(text)
    from sentencecheck.model.load import load_case

    with pytest.raises(InputError, match="larger than"):
        load_case(path)
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(("text", "fmt"), [
    ('{"id": NaN}', "json"), ('{"id": Infinity}', "json"), ('{"id": -Infinity}', "json"),
    ("id: .nan", "yaml"), ("id: .inf", "yaml"), ("a: [1, -.inf]", "yaml"),
])
def test_nan_and_infinity_are_refused(text: str, fmt: str) -> None:
    with pytest.raises(InputError, match="NaN|not a valid number|invalid"):
        parse_text(text, fmt)


def _case(**defendant: Any) -> dict[str, Any]:
    d = {"id": "d0", "outcome": {"kind": "convicted", "source": []}, "source": []} | defendant
    return {"id": "c", "proceeding": {"instance": "first_instance", "source": []}, "defendants": [d]}


@pytest.mark.parametrize(("term", "field"), [
    ({"years": -1}, "years"), ({"years": 1e9}, "years"), ({"months": 10**400}, "months"),
    ({"years": math.nan}, "years"), ({"days": math.inf}, "days"), ({"years": "ten"}, "years"),
])
def test_negative_absurd_and_non_finite_terms_name_the_field(term: dict[str, Any], field: str) -> None:
    data = _case(sentence={"kind": "imprisonment", "term": term, "source": []})
    with pytest.raises(InputError) as err:
        case_from_data(data)
    assert f"defendants[0].sentence.term.{field}" in [p.path for p in err.value.problems]


@pytest.mark.parametrize("when", ["2031-01-01", "2999-12-31"])
def test_dates_in_the_future_are_input_errors(when: str) -> None:
    data = _case()
    data["proceeding"] |= {"offence_date": when, "decision_date": when}
    with pytest.raises(InputError) as err:
        case_from_data(data)
    assert any("in the future" in p.message for p in err.value.problems)


def test_an_offence_after_its_decision_is_an_input_error() -> None:
    data = _case()
    data["proceeding"] |= {"offence_date": "2022-05-02", "decision_date": "2022-05-01"}
    with pytest.raises(InputError) as err:
        case_from_data(data)
    assert any("after decision_date" in p.message for p in err.value.problems)


@pytest.mark.parametrize("when", ["1990-05-01", "2014-12-31"])
def test_dates_outside_the_data_and_unknown_articles_give_notes(rules: RuleSet, when: str) -> None:
    data = _case(charges=[{"article": "99", "part": "1", "source": []}, {"article": "9999", "source": []}],
                 sentence={"kind": "imprisonment", "term": {"years": 3}, "source": []})
    data["proceeding"] |= {"offence_date": when, "decision_date": when}
    case = case_from_data(data)
    report = Screener(rules, PythonEngine(rules))(case)
    assert any("not screened" in n for n in report.notes), report.notes
    assert any("CC 9999: not screened" in n for n in report.notes)


# ---- the rule loader --------------------------------------------------------------------------------


def _load_rule(rules: RuleSet, data: Any) -> None:
    """A rule file's data through the loader's own steps: RuleFile validation, then compile_rule."""
    from pydantic import ValidationError

    from sentencecheck.io.documents import validation_problems
    from sentencecheck.rules.model import RuleFile

    try:
        rule_file = RuleFile.model_validate(data)
    except ValidationError as exc:
        raise InputError("invalid rule file", "fuzz.yaml", validation_problems(exc, None)) from None
    except (RecursionError, OverflowError) as exc:  # pragma: no cover - reported if it ever happens
        raise AssertionError(f"rule file validation raised {type(exc).__name__}") from None
    for i, spec in enumerate(rule_file.rules):
        compile_rule(spec, rules.facts, rules.book, "fuzz.yaml", i)


def _a_rule(rules: RuleSet) -> dict[str, Any]:
    return rules.rules[0].spec.model_dump(mode="json")


@given(json_values)
def test_any_value_as_a_rule_file_gives_a_clear_error(rules: RuleSet, value: Any) -> None:
    with contextlib.suppress(InputError, RuleError):
        _load_rule(rules, value)


conditions = st.recursive(
    st.one_of(
        st.fixed_dictionaries({"fact": st.sampled_from(["outcome", "sentence.years", "defence.is_defender",
                                                        "mitigating.present", "charge.article", "nope", 3])},
                              optional={"eq": scalars, "lt": scalars, "is": scalars, "in": json_values,
                                        "contains": scalars, "lacks": scalars, "gte": scalars, "foo": scalars}),
        json_values,
    ),
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=8,
)


@given(conditions)
def test_any_condition_compiles_or_gives_a_rule_error(rules: RuleSet, when: Any) -> None:
    raw = _a_rule(rules) | {"when": when}
    try:
        _load_rule(rules, {"rules": [raw]})
    except (InputError, RuleError) as exc:
        assert str(exc)


@given(data=st.data())
def test_a_corrupted_rule_field_gives_a_clear_error(rules: RuleSet, data: st.DataObject) -> None:
    raw = data.draw(st.sampled_from(rules.rules)).spec.model_dump(mode="json")
    path = data.draw(st.sampled_from([p for p in _leaves(raw) if p]))
    node: Any = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = data.draw(json_values)
    try:
        _load_rule(rules, {"rules": [raw]})
    except InputError as exc:
        where = "rules[0]." + format_loc(path)
        assert any(where.startswith(p.path) or p.path.startswith(where) for p in exc.problems), (
            where, [p.path for p in exc.problems])
    except RuleError as exc:  # compiled far enough to be judged against the vocabulary / statute data
        assert str(exc).startswith("fuzz.yaml: rule "), str(exc)  # names the file and the rule


def test_huge_numbers_in_conditions_and_examples_give_rule_errors(rules: RuleSet) -> None:
    """Regression: math.isfinite() raised OverflowError on integers beyond float range."""
    raw = _a_rule(rules) | {"when": {"fact": "sentence.years", "lt": 10**400}}
    with pytest.raises(RuleError, match="out of range"):
        _load_rule(rules, {"rules": [raw]})
    raw = _a_rule(rules)
    raw["examples"]["positive"][0]["facts"] = {"sentence.years": 10**400}
    with pytest.raises(RuleError, match="must be a number"):
        _load_rule(rules, {"rules": [raw]})


def test_hostile_rule_file_is_refused_by_the_loader(rules: RuleSet, tmp_path: Path) -> None:
    (tmp_path / "law").symlink_to(ROOT / "rules" / "law" if any((ROOT / "rules" / "law").rglob("*.yaml"))
                                  else ROOT / "tests" / "fixtures" / "law")
    marker = tmp_path / "pwned"
    (tmp_path / "evil.yaml").write_text(f'rules: !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(InputError, match="invalid YAML"):
        load_rule_set(tmp_path)
    assert not marker.exists()


def test_generated_cases_survive_a_json_round_trip(rules: RuleSet) -> None:
    """The strategies build cases the loader accepts back from JSON text."""
    from hypothesis import find, settings

    case = find(cases(rules), lambda c: len(c.defendants) > 1, settings=settings(database=None, derandomize=True))
    data, _ = parse_text(case.model_dump_json(), "json")
    again = case_from_data(data)
    assert derive_subjects(again, rules)
    assert again == case
