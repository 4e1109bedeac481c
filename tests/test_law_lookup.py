"""Statute look-ups by offence date: uncertain dates give several candidates; CC 6 picks the lenient one."""

from __future__ import annotations

import shutil
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sentencecheck.errors import InputError
from sentencecheck.law.book import load_statute_book
from sentencecheck.law.lookup import applicable_versions, part_candidates
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.model import RuleSet


def test_unmodelled_article_is_a_note_not_a_crash(fixture_rules_dir: Path) -> None:
    book = load_statute_book(fixture_rules_dir / "law")
    app = applicable_versions(book, "CC", "777", None, date(2020, 1, 1), None)
    assert not app.modelled
    assert "not modelled" in app.note


def test_uncertain_change_date_gives_every_candidate(fixture_rules_dir: Path) -> None:
    book = load_statute_book(fixture_rules_dir / "law")
    app = applicable_versions(book, "CC", "293", "2", date(2022, 5, 1), date(2022, 9, 1))
    assert {v.id for v in app.candidates} == {"CC-293-2@2015", "CC-293-2@new"}
    assert "uncertain" in app.note


def test_before_the_window_only_the_old_version(fixture_rules_dir: Path) -> None:
    book = load_statute_book(fixture_rules_dir / "law")
    app = applicable_versions(book, "CC", "293", "2", date(2017, 5, 1), date(2017, 9, 1))
    assert [v.id for v in app.candidates] == ["CC-293-2@2015"]
    assert "unconfirmed" in app.note


def test_unknown_part_makes_every_part_a_candidate(fixture_rules_dir: Path) -> None:
    book = load_statute_book(fixture_rules_dir / "law")
    options = part_candidates(book, "CC", "99", None, date(2019, 5, 1), date(2019, 9, 1))
    assert [part for part, _ in options] == [p.part for p in book.articles[("CC", "99")].parts]
    stated = part_candidates(book, "CC", "99", "1", date(2019, 5, 1), date(2019, 9, 1))
    assert [part for part, _ in stated] == ["1"]


def test_general_part_is_read_at_the_offence_date(bundled: RuleSet) -> None:
    general = bundled.book.general
    assert general is not None
    before = general.cap_shares(date(2018, 5, 1), date(2018, 5, 1))
    assert [v for v, _ in before] == ["cc-55-2@c2020"]
    assert before[0][1]["grave_life_or_health"] == Fraction(2, 3)
    during = dict(general.cap_shares(date(2023, 5, 1), date(2023, 5, 1)))
    assert during["cc-55-2@current"]["especially_grave_life_or_health"] == Fraction(4, 5)
    current = general.no_cc55(date(2025, 5, 1), date(2025, 5, 1))
    assert current.in_force is None and "CC 99" in current.articles  # the date of CC 55(8) is unconfirmed
    assert "CC 102" in current.contestable and current.violence_against_minors is True
    assert general.no_cc55(date(2024, 5, 1), date(2024, 5, 1)).violence_against_minors is False
    assert general.no_cc55(date(2018, 5, 1), date(2018, 5, 1)).in_force is False
    assert general.unfinished_share("attempt", date(2019, 1, 1), date(2019, 1, 1)) == (Fraction(3, 4), Fraction(3, 4))


def test_general_part_without_its_parameters_is_refused(fixture_rules_dir: Path, tmp_path: Path) -> None:
    law = tmp_path / "law"
    shutil.copytree(fixture_rules_dir / "law", law)
    path = law / "cc" / "56.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("attempt_share", "attempt_part"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_statute_book(law)
    assert "missing parameter 'attempt_share'" in str(err.value)


@settings(max_examples=60)
@given(offence=st.none() | st.dates(date(2013, 1, 1), date(2030, 12, 31)),
       decision=st.none() | st.dates(date(2013, 1, 1), date(2030, 12, 31)))
def test_remembered_answers_equal_fresh_ones(offence: date | None, decision: date | None) -> None:
    """The book remembers applicable versions by where the dates fall among the boundary dates: for any dates, the
    remembered answer is the one computed afresh, for every part of every article."""
    from sentencecheck.law.lookup import _applicable

    book = default_rule_set().book
    for (code, article), art in sorted(book.articles.items()):
        for p in art.parts:
            assert applicable_versions(book, code, article, p.part, offence, decision) == \
                _applicable(book, code, article, p.part, offence, decision), (code, article, p.part)



@pytest.mark.parametrize("provision, parameter", [(("CC", "55", "8"), "no_cc55_articles"),
                                                  (("CC", "58", "2"), "misdemeanours_only_limits")])
def test_a_second_version_the_general_part_would_half_read_is_refused(
        provision: tuple[str, str, str], parameter: str) -> None:
    """CC 55(8) and CC 58(2) are read from one version: data with a second version that differs is refused at load."""
    from sentencecheck.law.general import GeneralPart
    from sentencecheck.paths import bundled_rules_dir

    book = load_statute_book(bundled_rules_dir() / "law")
    part = book.part(*provision)
    assert part is not None and len(part.versions) == 1
    GeneralPart(book)  # one version: accepted
    first = part.versions[0]
    part.versions.append(first.model_copy(update={
        "id": first.id + "-later", "parameters": {**first.parameters, parameter: {"x": 1}}}))
    with pytest.raises(InputError, match=f"versions differ in {parameter}"):
        GeneralPart(book)
