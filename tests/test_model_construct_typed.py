"""Every case model built from Python with only the fields it needs.  mypy --strict (with the Pydantic plugin)
checks this file: a default hidden from the plugin (such as ``source``) shows as a missing argument."""

from __future__ import annotations

import inspect
from datetime import date

from pydantic import BaseModel

from sentencecheck.model import case as model
from sentencecheck.model.case import (
    Abuse,
    AdminPenalty,
    AgeRange,
    ArticleRef,
    Case,
    Charge,
    Complaint,
    CountRange,
    Defendant,
    EarlierDecision,
    ExpectedFinding,
    Extraction,
    Harm,
    History,
    Outcome,
    Proceeding,
    ProtectiveOrder,
    SelfDefence,
    Sentence,
    Source,
    Term,
    Victim,
)


def _built() -> list[BaseModel]:
    outcome = Outcome(kind="convicted")
    sentence = Sentence(kind="fine")
    charge = Charge(article="107")
    defendant = Defendant(id="d1", outcome=outcome, charges=[charge], sentence=sentence)
    victim = Victim(id="v1", relationship={"d1": "spouse"})
    return [
        Source(document="verdict"),
        AgeRange(under=14),
        CountRange(at_least=10),
        Proceeding(offence_date=date(2023, 9, 20)),
        Term(years=2, months=6),
        sentence,
        ArticleRef(article="73-1", code="CAO"),
        charge,
        outcome,
        EarlierDecision(outcome="convicted"),
        defendant,
        victim,
        Harm(victim="v1"),
        Complaint(by="v1", against="d1"),
        ProtectiveOrder(against="d1"),
        AdminPenalty(against="d1"),
        Abuse(by="d1", against="v1"),
        History(),
        SelfDefence(defender="d1", attacker="v1"),
        ExpectedFinding(rule="some-rule", direction="leniency"),
        Extraction(document="verdict.txt", tool="sentencecheck extract"),
        Case(id="c1", defendants=[defendant], victims=[victim]),
    ]


def test_every_model_builds_with_its_defaults() -> None:
    built = _built()
    classes = {cls for _, cls in inspect.getmembers(model, inspect.isclass)
               if issubclass(cls, model.Strict) and cls is not model.Strict and cls.__module__ == model.__name__}
    assert {type(m) for m in built} == classes
    assert all(getattr(m, "source", []) == [] for m in built)


def test_values_given_in_python_are_kept() -> None:
    sentence = Sentence(kind="fine", term=Term(mci=100))
    assert (sentence.kind, sentence.term.mci, sentence.probation) == ("fine", 100, None)
    charge = Charge(article="107", part="2", stage="attempt")
    assert (charge.code, charge.article, charge.part, charge.stage, charge.sentence) == (
        "CC", "107", "2", "attempt", None)
    assert charge.label() == "CC 107(2)"
    d = Defendant(id="d1", outcome=Outcome(kind="convicted"))
    assert (d.id, d.outcome.kind, d.charges, d.intoxicated, d.mitigating_in_facts) == ("d1", "convicted", [], None, [])
    p = Proceeding(offence_date=date(2022, 1, 1), offence_date_approximate=True)
    assert p.offence_start == date(2022, 1, 1)
    assert Term(years=2, months=6).in_years() == 2.5
    assert AgeRange(at_least=14, under=16).interval() == (14.0, 15.0)
    assert CountRange(at_least=10).interval() == (10.0, 1000.0)
    assert Abuse(by="d1", against="v1").occurred is True
    assert Complaint(by="v1", against="d1").police_action == "unknown"
    c = Case(id="c1", defendants=[d])
    assert (c.proceeding.instance, c.history.abuse, c.closed, c.victims) == (None, None, False, [])
