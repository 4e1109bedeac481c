"""Statute look-ups by offence date: uncertain dates give several candidates; CC 6 picks the lenient one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sentencecheck.law.book import load_statute_book
from sentencecheck.law.lookup import applicable_versions

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "law"


def test_unmodelled_article_is_a_note_not_a_crash() -> None:
    book = load_statute_book(FIXTURES)
    app = applicable_versions(book, "CC", "777", None, date(2020, 1, 1), None)
    assert not app.modelled
    assert "not modelled" in app.note


def test_uncertain_change_date_gives_every_candidate() -> None:
    book = load_statute_book(FIXTURES)
    app = applicable_versions(book, "CC", "293", "2", date(2022, 5, 1), date(2022, 9, 1))
    assert {v.id for v in app.candidates} == {"CC-293-2@2015", "CC-293-2@new"}
    assert "uncertain" in app.note


def test_before_the_window_only_the_old_version() -> None:
    book = load_statute_book(FIXTURES)
    app = applicable_versions(book, "CC", "293", "2", date(2017, 5, 1), date(2017, 9, 1))
    assert [v.id for v in app.candidates] == ["CC-293-2@2015"]
    assert "unconfirmed" in app.note
