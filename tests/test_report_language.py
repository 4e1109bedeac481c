"""Russian reports read as a Kazakh lawyer writes: no English word in the body, numbers agree with their nouns,
citations in the Kazakh form; the structure puts the decision first."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

import pytest

from sentencecheck.api import evaluate, get_engine
from sentencecheck.derive import Subject
from sentencecheck.model.case import Case, Defendant, Outcome
from sentencecheck.model.load import load_case
from sentencecheck.report.build import build_report
from sentencecheck.report.language import amount, cite, counted
from sentencecheck.report.layout import LABELS
from sentencecheck.report.model import Report
from sentencecheck.report.render import to_markdown, to_text
from sentencecheck.rules.encoding import encode
from sentencecheck.rules.load import default_rule_set, example_values

CASES = sorted(Path(__file__).resolve().parent.parent.joinpath("cases").glob("*.yaml"))
AS_OF = date(2026, 1, 1)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")


def _body(text: str, lang: str) -> str:
    """The report without its appendix (the law's provenance quotes the English research) and its sources."""
    law, sources = LABELS[lang]["law"], LABELS[lang]["sources"]
    for head in (law.upper(), f"# {law}", f"\n{sources}:", f"# {sources}"):
        text = text.split(head)[0]
    return ANCHORS.sub("", text)


def _case_words(case: Case) -> set[str]:
    """Words the case file itself supplies (names, ids, titles, court): quoted, not written by the library."""
    texts = [case.id, case.title or "", case.proceeding.court or ""]
    texts += [x for d in case.defendants for x in (d.id, d.name or "")]
    texts += [x for v in case.victims for x in (v.id, v.name or "")]
    texts += list(case.sources)
    texts += [d.earlier.court or "" for d in case.defendants if d.earlier is not None]
    return {w for t in texts for w in LATIN_WORD.findall(t)}


ANCHORS = re.compile(r'<a id="[^"]*"></a>|\]\(#[^)]*\)')
"""Markdown's link targets within the report (markup, not words)."""
ROMAN = re.compile(r"^[IVXLC]+$")
"""Roman numerals are part of Kazakh law numbers («Закон № 72-VIII»)."""


def _latin(text: str, allowed: set[str]) -> list[str]:
    return sorted({w for w in LATIN_WORD.findall(text) if w not in allowed and not ROMAN.match(w)})


def _rule_ids() -> set[str]:
    return {w for r in default_rule_set().rules for w in LATIN_WORD.findall(r.id)}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_russian_report_of_every_case_has_no_english_in_its_body(path: Path) -> None:
    case = load_case(path)
    report = evaluate(case, engine="python", lang="ru", as_of=AS_OF)
    allowed = _case_words(case) | _rule_ids() | {"python"}
    for text in (to_text([report]), to_markdown([report])):
        assert _latin(_body(text, "ru"), allowed) == []


def _example_reports(lang: str, sex: Literal["female", "male"]) -> list[tuple[str, Report]]:
    rule_set = default_rule_set()
    engine = get_engine(rule_set, "python")
    defendant = Defendant(id="d1", sex=sex, outcome=Outcome(kind="convicted"))
    case = Case(id="example", defendants=[defendant])
    out = []
    for rule in rule_set.rules:
        for ex in rule.spec.examples.positive:
            values = example_values(ex, rule_set.facts)
            subject = Subject(defendant=defendant, charge=None, charge_index=None, applicable=None, version=None,
                              encoded=encode(values, rule_set.facts))
            results = engine.evaluate([subject.encoded], label=ex.name)
            report = build_report(case, rule_set, [subject], results, "python", lang, as_of=AS_OF)
            out.append((f"{rule.id}: {ex.name}", report))
    return out


@pytest.mark.parametrize("sex", ["female", "male"])
def test_every_rule_renders_in_russian_over_its_examples_without_english(sex: Literal["female", "male"]) -> None:
    allowed = _rule_ids() | {"example", "d", "python"}
    problems = []
    for name, report in _example_reports("ru", sex):
        assert report.findings, name
        words = _latin(_body(to_text([report]), "ru"), allowed)
        if words:
            problems.append(f"{name}: {words}")
    assert problems == []


def test_no_slash_gender_or_unfilled_markup_in_rendered_rules() -> None:
    for name, report in _example_reports("ru", "female"):
        text = to_text([report])
        assert not re.search(r"\((а|ась|ла|ая|ей)\)", text), name
        assert "{" not in _body(text, "ru"), name


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (1, "years", "1 год"), (2, "years", "2 года"), (5, "years", "5 лет"), (11, "years", "11 лет"),
    (21, "years", "21 год"), (1.5, "years", "1,5 года"), (2.5, "years", "2,5 года"), (20, "mci", "20 МРП"),
    (1, "days", "1 сутки"), (3, "days", "3 суток"), (10, "days", "10 суток"), (40, "hours", "40 часов"),
    (2, "months", "2 месяца"), (1, "years", "1 год"),
])
def test_numbers_agree_with_their_nouns(value: float, unit: str, expected: str) -> None:
    assert amount(value, unit, "ru") == expected


def test_counts_agree() -> None:
    assert [counted(n, "вывод", "ru") for n in (1, 3, 5, 11, 21, 24)] == [
        "1 вывод", "3 вывода", "5 выводов", "11 выводов", "21 вывод", "24 вывода"]
    assert [counted(n, "finding", "en") for n in (0, 1, 2)] == ["0 findings", "1 finding", "2 findings"]


@pytest.mark.parametrize(("citation", "expected"), [
    ("CC 53(1)(9)", "п. 9 ч. 1 ст. 53 УК РК"), ("CC 102", "ст. 102 УК РК"), ("CAO 73-1(1)", "ч. 1 ст. 73-1 КоАП РК"),
    ("CPC 418", "ст. 418 УПК РК"), ("DVL 20", "ст. 20 Закона РК «О профилактике бытового насилия»"),
    ("CC 106(3)", "ч. 3 ст. 106 УК РК"), ("CC (article not stated)", "УК РК (статья не указана)"),
])
def test_citations_in_the_kazakh_form(citation: str, expected: str) -> None:
    assert cite(citation, "ru") == expected


def test_summary_comes_first_and_each_confirmed_ground_has_its_deadline() -> None:
    case = load_case(next(p for p in CASES if p.stem == "illustrative-dv-grievous-harm-reconciliation"))
    report = evaluate(case, engine="python", lang="ru", as_of=AS_OF)
    text = to_text([report])
    summary, details = text.split(LABELS["ru"]["details"].upper())
    confirmed = [f for f in report.findings if f.confidence == "confirmed"]
    assert confirmed
    for f in confirmed:
        assert f.title in summary
        assert f.routes and all(r.text for r in f.routes)
    assert "не подтверждено" not in summary.lower()
    assert len(summary.splitlines()) <= 40


def _with_decision(decided: date) -> Case:
    case = load_case(next(p for p in CASES if p.stem == "illustrative-dv-grievous-harm-reconciliation"))
    return case.model_copy(update={"proceeding": case.proceeding.model_copy(update={"decision_date": decided})})


def test_appeal_deadline_is_counted_from_the_decision_and_a_passed_one_is_said_plainly() -> None:
    open_ = evaluate(_with_decision(date(2025, 12, 20)), engine="python", lang="ru", as_of=AS_OF)
    route = next(r for f in open_.findings for r in f.routes if r.forum == "appeal")
    assert (route.deadline, route.passed) == ("2026-01-04", False)
    assert "до 04.01.2026" in route.text and "ч. 1 ст. 418 УПК РК" in route.text
    late = evaluate(_with_decision(date(2025, 6, 1)), engine="python", lang="en", as_of=AS_OF)
    route = next(r for f in late.findings for r in f.routes if r.forum == "appeal")
    assert route.passed is True and "ended on 2025-06-16" in route.text
    cassation = next(r for f in late.findings for r in f.routes if r.forum == "cassation")
    assert "CPC 487(2)" in cassation.text and "CPC 484(3)" in cassation.text


def test_an_appeal_ruling_gives_the_one_year_cassation_deadline_for_a_worsening() -> None:
    case = _with_decision(date(2025, 3, 1))
    case = case.model_copy(update={"proceeding": case.proceeding.model_copy(update={"instance": "appeal"})})
    report = evaluate(case, engine="python", lang="ru", as_of=AS_OF)
    leniency = [f for f in report.findings if f.seeks == "worsening"]
    assert leniency
    route = leniency[0].routes[0]
    assert (route.forum, route.deadline, route.passed) == ("cassation", "2026-03-01", False)
    assert "ч. 4 ст. 471 УПК РК" in route.text


def test_a_verdict_not_appealed_reaches_cassation_only_by_a_protest_on_the_cpc_485_2_grounds() -> None:
    report = evaluate(_with_decision(date(2025, 6, 1)), engine="python", lang="ru", as_of=AS_OF)
    cassation = next(r for f in report.findings for r in f.routes if r.forum == "cassation")
    assert "жалоба в этом случае не подаётся" in cassation.text and "ч. 2 ст. 485 УПК РК" in cassation.text
    assert "жалоба, улучшающая" not in cassation.text and cassation.deadline is None
