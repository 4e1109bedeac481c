"""Case files as lawyers write them: natural forms load to the right values; the rest is refused with the fix
and the line (docs/case-file-input.md)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sentencecheck.errors import InputError, Problem
from sentencecheck.model.case import Case
from sentencecheck.model.load import load_case

HEAD = """\
# written by hand
# from the verdict
id: t1
proceeding:
  instance: first_instance
"""
DEFENDANT = """\
defendants:
  - id: d1
    sex: male
    outcome: {kind: convicted}
"""


def _load(tmp_path: Path, text: str, name: str = "c.yaml") -> Case:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_case(path)


def _problem(tmp_path: Path, text: str, name: str = "c.yaml") -> Problem:
    with pytest.raises(InputError) as err:
        _load(tmp_path, text, name)
    assert len(err.value.problems) == 1, err.value.problems
    return err.value.problems[0]


def _line(text: str, fragment: str) -> int:
    """The 1-based line of the only line containing ``fragment``."""
    found = [i + 1 for i, line in enumerate(text.splitlines()) if fragment in line]
    assert len(found) == 1, (fragment, found)
    return found[0]


# ---- articles and parts ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "article, part, expected",
    [("107", "2", ("107", "2")), ('"107-1"', "1", ("107-1", "1")), ("73-1", '"1"', ("73-1", "1")),
     ("99", "null", ("99", None))],
)
def test_articles_and_parts_as_numbers(tmp_path: Path, article: str, part: str, expected: tuple[str, str]) -> None:
    text = HEAD + DEFENDANT + f"    charges:\n      - {{article: {article}, part: {part}}}\n"
    charge = _load(tmp_path, text).defendants[0].charges[0]
    assert (charge.article, charge.part) == expected


@pytest.mark.parametrize(
    "written, fix",
    [("73.1", "write 73-1 as a string: '73-1'"), ("73.10", "write 73-10 as a string: '73-10'"),
     ("107.0", "write 107 as a string: '107'")],
)
def test_an_article_with_a_point_is_refused_with_the_fix(tmp_path: Path, written: str, fix: str) -> None:
    text = HEAD + DEFENDANT + f"    charges:\n      - code: CAO\n        article: {written}\n"
    problem = _problem(tmp_path, text)
    assert fix in problem.message
    assert problem.path == "defendants[0].charges[0].article"
    assert problem.line == _line(text, "article:")


def test_a_part_with_a_point_is_refused_with_the_fix(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT + "    charges:\n      - article: 107\n        part: 1.1\n"
    problem = _problem(tmp_path, text)
    assert "write 1-1 as a string: '1-1'" in problem.message
    assert problem.line == _line(text, "part:")


# ---- outcome ------------------------------------------------------------------------------------------


def test_a_bare_outcome_kind_is_the_outcome(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT.replace("{kind: convicted}", "acquitted")
    outcome = _load(tmp_path, text).defendants[0].outcome
    assert outcome.kind == "acquitted"
    assert outcome.dismissal_ground is None


def test_a_misspelt_outcome_kind_gets_did_you_mean(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT.replace("{kind: convicted}", "convictd")
    problem = _problem(tmp_path, text)
    assert "did you mean 'convicted'?" in problem.message
    assert problem.path == "defendants[0].outcome.kind"
    assert problem.line == _line(text, "outcome:")


# ---- dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, day, approximate",
    [
        ("20.09.2023", date(2023, 9, 20), False),
        ("2023-09-20", date(2023, 9, 20), False),
        ('"2023-09-20"', date(2023, 9, 20), False),
        ("1.9.2023", date(2023, 9, 1), False),
        ("2023-03", date(2023, 3, 1), True),
        ("03.2023", date(2023, 3, 1), True),  # YAML reads 3.2023: the loader keeps the text
        ("10.2020", date(2020, 10, 1), True),  # YAML reads 10.202: the loader keeps the text
        ('"03.2023"', date(2023, 3, 1), True),
        ("2022", date(2022, 1, 1), True),
        ('"2022"', date(2022, 1, 1), True),
    ],
)
def test_offence_dates_as_written(tmp_path: Path, written: str, day: date, approximate: bool) -> None:
    proceeding = _load(tmp_path, HEAD + f"  offence_date: {written}\n" + DEFENDANT).proceeding
    assert proceeding.offence_date == day
    assert proceeding.offence_date_approximate is approximate
    assert proceeding.offence_start == (date(day.year, 1, 1) if approximate else day)


def test_a_month_in_json_is_approximate_too(tmp_path: Path) -> None:
    data = {"id": "j", "proceeding": {"offence_date": "03.2023", "decision_date": "20.09.2023"},
            "defendants": [{"id": "d", "outcome": "convicted"}]}
    case = _load(tmp_path, json.dumps(data), "c.json")
    assert (case.proceeding.offence_date, case.proceeding.offence_date_approximate) == (date(2023, 3, 1), True)
    assert case.proceeding.decision_date == date(2023, 9, 20)


def test_an_exact_offence_date_keeps_an_explicit_approximate_flag(tmp_path: Path) -> None:
    text = HEAD + "  offence_date: 01.11.2023\n  offence_date_approximate: true\n" + DEFENDANT
    proceeding = _load(tmp_path, text).proceeding
    assert (proceeding.offence_date, proceeding.offence_date_approximate) == (date(2023, 11, 1), True)


def test_a_month_contradicting_approximate_false_is_refused(tmp_path: Path) -> None:
    text = HEAD + "  offence_date: 2023-03\n  offence_date_approximate: false\n" + DEFENDANT
    problem = _problem(tmp_path, text)
    assert "offence_date gives only the month, but offence_date_approximate is false" in problem.message
    assert problem.line == _line(text, "offence_date_approximate:")


@pytest.mark.parametrize(
    "field, written, precision, reason",
    [
        ("decision_date", "2022", "year", "limitation period (CC 71)"),
        ("decision_date", "03.2023", "month", "cannot be marked approximate"),
        ("decision_date", "2023-03", "month", "cannot be marked approximate"),
    ],
)
def test_a_decision_date_must_be_exact(tmp_path: Path, field: str, written: str, precision: str, reason: str) -> None:
    text = HEAD + f"  {field}: {written}\n" + DEFENDANT
    problem = _problem(tmp_path, text)
    assert f"gives only the {precision}, but this date must be the exact day" in problem.message
    assert reason in problem.message
    assert "leave the date out (unknown)" in problem.message
    assert problem.path == f"proceeding.{field}"
    assert problem.line == _line(text, field)


def test_a_complaint_date_must_be_exact(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT + (
        "victims:\n  - id: v1\n"
        "history:\n  police_complaints:\n    - by: v1\n      against: d1\n      date: 2021\n"
    )
    problem = _problem(tmp_path, text)
    assert "compared with the offence date" in problem.message
    assert problem.path == "history.police_complaints[0].date"
    assert problem.line == _line(text, "date: 2021")


@pytest.mark.parametrize(
    "written, message",
    [
        ("1700000000", "'1700000000' is not a date"),  # never a Unix timestamp
        ("31.02.2023", "'31.02.2023' is not a day of the calendar"),
        ("13.2023", "'13.2023' is not a month of the calendar"),
        ("20.09.23", "'20.09.23' is not a date: write the day as 20.09.2023 or 2023-09-20"),
        ("September 2023", "is not a date"),
    ],
)
def test_what_is_not_a_date_is_refused(tmp_path: Path, written: str, message: str) -> None:
    text = HEAD + f"  offence_date: {written}\n" + DEFENDANT
    problem = _problem(tmp_path, text)
    assert message in problem.message
    assert problem.line == _line(text, "offence_date")


# ---- numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written, years", [('"1,5"', 1.5), ("1,5", 1.5), ("'2,25'", 2.25), ('"1.5"', 1.5)])
def test_a_decimal_comma(tmp_path: Path, written: str, years: float) -> None:
    text = HEAD + DEFENDANT + f"    sentence:\n      kind: imprisonment\n      term:\n        years: {written}\n"
    sentence = _load(tmp_path, text).defendants[0].sentence
    assert sentence is not None
    assert sentence.term.years == years


def test_a_comma_before_three_digits_is_ambiguous(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT + "    sentence:\n      kind: fine\n      term: {mci: '1,500'}\n"
    problem = _problem(tmp_path, text)
    assert "may be 1.5 or 1500: write 1.5 (a decimal point) or 1500 (no thousands separator)" in problem.message
    assert problem.line == _line(text, "mci")


# ---- duplicate keys ---------------------------------------------------------------------------------------


def test_a_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT + "    sex: female\n"
    problem = _problem(tmp_path, text)
    first, second = _line(text, "sex: male"), _line(text, "sex: female")
    assert problem.message == f"`sex` given twice, lines {first} and {second}: keep one"
    assert problem.path == "defendants[0].sex"
    assert problem.line == second


def test_every_duplicate_key_is_reported(tmp_path: Path) -> None:
    text = "id: a\n" + HEAD.replace("id: t1\n", "id: b\n") + DEFENDANT + "id: c\n"
    with pytest.raises(InputError) as err:
        _load(tmp_path, text)
    assert [p.message for p in err.value.problems] == [
        f"`id` given 3 times, lines 1, {_line(text, 'id: b')} and {_line(text, 'id: c')}: keep one"
    ]


def test_a_duplicate_key_in_json_is_refused(tmp_path: Path) -> None:
    text = '{"id": "j", "id": "k", "defendants": [{"id": "d", "outcome": "convicted"}]}'
    problem = _problem(tmp_path, text, "c.json")
    assert "`id` given twice: keep one" in problem.message


def test_the_same_key_in_different_mappings_is_not_a_duplicate(tmp_path: Path) -> None:
    text = HEAD + DEFENDANT + "  - id: d2\n    sex: female\n    outcome: convicted\n"
    assert [d.sex for d in _load(tmp_path, text).defendants] == ["male", "female"]


# ---- misspellings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, path, suggestion",
    [
        ("    intoxicatd: true\n", "defendants[0].intoxicatd", "did you mean 'intoxicated'?"),
        ("    Sex: male\n", "defendants[0].Sex", "did you mean 'sex'?"),
        ("    charges: [{article: 107, stag: attempt}]\n", "defendants[0].charges[0].stag", "did you mean 'stage'?"),
        ("    age: {at_leest: 14}\n", "defendants[0].age.at_leest", "did you mean 'at_least'?"),
    ],
)
def test_a_misspelt_field_gets_did_you_mean(tmp_path: Path, line: str, path: str, suggestion: str) -> None:
    text = HEAD + DEFENDANT.replace("    sex: male\n", "") + line
    with pytest.raises(InputError) as err:
        _load(tmp_path, text)
    problem = next(p for p in err.value.problems if p.path == path)
    assert problem.message == f"unknown field, {suggestion}"
    assert problem.line == _line(text, line.strip())


def test_an_unrelated_field_gets_no_suggestion(tmp_path: Path) -> None:
    problem = _problem(tmp_path, HEAD + DEFENDANT + "    favourite_colour: red\n")
    assert problem.message == "unknown field"


@pytest.mark.parametrize(
    "line, suggestion",
    [("    sex: mail\n", "'male'"), ("    sex: Female\n", "'female'"),
     ("    leniency_grounds: [remorse, young_child]\n", "'young_children'")],
)
def test_a_misspelt_choice_gets_did_you_mean(tmp_path: Path, line: str, suggestion: str) -> None:
    text = HEAD + DEFENDANT.replace("    sex: male\n", "") + line
    problem = _problem(tmp_path, text)
    assert f"did you mean {suggestion}?" in problem.message
    assert problem.line == _line(text, line.strip())


# ---- cross-references -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tail, bad, message",
    [
        ("victims:\n  - id: v1\n    relationship:\n      d1: spouse\n      d9: spouse\n", "d9: spouse",
         "victim v1: relationship names unknown defendant 'd9'"),
        ("victims:\n  - id: v1\nharm:\n  - victim: v1\n    caused_by:\n      - d1\n      - d7\n", "- d7",
         "caused_by names unknown defendant 'd7'"),
        ("victims:\n  - id: v1\nharm:\n  - victim: v2\n", "victim: v2", "harm: unknown victim 'v2'"),
        ("self_defence:\n  defender: d1\n  attacker: nobody\n", "attacker: nobody", "unknown party 'nobody'"),
        ("history:\n  abuse:\n    - by: d1\n      against: d1\n", "against: d1", "the same party 'd1'"),
        ("  - outcome: convicted\n    id: d1\n", "    id: d1", "defendant ids must be unique"),
        ("sources:\n  s1: {document: verdict}\nharm: []\nvictims:\n  - id: v1\n    source: [s1, s2]\n", "source: [s1",
         "source 's2' is cited but not listed in `sources`"),
    ],
)
def test_a_bad_reference_points_at_its_line(tmp_path: Path, tail: str, bad: str, message: str) -> None:
    text = HEAD + DEFENDANT + tail
    problem = _problem(tmp_path, text)
    assert message in problem.message
    assert problem.line == _line(text, bad)
