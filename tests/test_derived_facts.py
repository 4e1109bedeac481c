"""Derived facts and findings over a hand-written statute table (tests/fixtures/law)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sentencecheck.api import evaluate
from sentencecheck.derive import Subject, derive_subjects
from sentencecheck.model.case import Case
from sentencecheck.model.load import load_case
from sentencecheck.rules.encoding import decode_value
from sentencecheck.rules.model import RuleSet

ROOT = Path(__file__).resolve().parents[1]


def _case(article: str, part: str | None, years: float, *, offence: str = "2019-05-01", stage: str = "completed",
          **defendant: Any) -> Case:
    return Case.model_validate({
        "id": "t",
        "proceeding": {"instance": "first_instance", "offence_date": offence, "decision_date": offence},
        "defendants": [{
            "id": "d",
            "charges": [{"code": "CC", "article": article, "part": part, "stage": stage}],
            "outcome": {"kind": "convicted"},
            "sentence": {"kind": "imprisonment", "term": {"years": years}},
            **defendant,
        }],
    })


def _value(subject: Subject, name: str, rules: RuleSet) -> Any:
    """A fact of a subject as the engines read it (``None``: unknown)."""
    return decode_value(rules.facts[name], subject.encoded)


def _item_states(subject: Subject, name: str, rules: RuleSet) -> dict[str, bool | None]:
    """Each item of a set fact as the engines read it: true, false or unknown (``None``)."""
    return {item: {0: False, 1: None, 2: True}[subject.encoded[key]] for item, key in rules.facts[name].item_keys}


def _findings(case: Case, rules: RuleSet, engine: str = "python") -> dict[str, str]:
    report = evaluate(case, engine=engine, rule_set=rules)  # type: ignore[arg-type]
    return {f.rule: f.confidence for f in report.findings}


@pytest.mark.parametrize("engine", ["python", "durable"])
def test_above_the_maximum_is_confirmed(fixture_rules: RuleSet, engine: str) -> None:
    found = _findings(_case("102", None, 3), fixture_rules, engine)
    assert found.get("above-statutory-maximum") == "confirmed"


def test_attempt_lowers_the_maximum_by_cc56(fixture_rules: RuleSet) -> None:
    completed = _findings(_case("99", "1", 12), fixture_rules)
    attempt = _findings(_case("99", "1", 12, stage="attempt"), fixture_rules)
    assert "above-statutory-maximum" not in completed
    assert attempt.get("above-statutory-maximum") == "confirmed"  # 3/4 of 15 = 11.25


def test_below_minimum_depends_on_cc55_grounds(fixture_rules: RuleSet) -> None:
    none_recorded: dict[str, Any] = {"exceptional_circumstances_recorded": False, "mitigating_recognised": [],
                     "aggravating_recognised": [], "accelerated_or_plea_agreement": False}
    found = _findings(_case("99", "1", 1.5, **none_recorded), fixture_rules)
    assert found.get("below-statutory-minimum") == "confirmed"
    # exceptional circumstances denied, but whether mitigation was recognised (CC 55(2), (6)) is unknown
    assert _findings(_case("99", "1", 1.5, exceptional_circumstances_recorded=False),
                     fixture_rules).get("below-statutory-minimum") == "possible"
    assert "below-statutory-minimum" not in _findings(
        _case("99", "1", 1.5, exceptional_circumstances_recorded=True), fixture_rules)


def test_candidate_versions_that_disagree_give_a_possible_finding(fixture_rules: RuleSet) -> None:
    case = _case("293", "2", 2, offence="2022-05-01", exceptional_circumstances_recorded=False,
                 mitigating_recognised=[], aggravating_recognised=[1], accelerated_or_plea_agreement=False)
    report = evaluate(case, engine="python", rule_set=fixture_rules)
    finding = next(f for f in report.findings if f.rule == "below-statutory-minimum")
    assert finding.confidence == "possible"
    assert any(line.startswith("CC 293(2), new: holds") for line in finding.versions_disagree)
    assert any(line.startswith("CC 293(2), original 2015 text: does not hold") for line in finding.versions_disagree)


def test_unmodelled_article_gets_a_note(fixture_rules: RuleSet) -> None:
    report = evaluate(_case("777", None, 3), engine="python", rule_set=fixture_rules)
    assert any("not screened" in n for n in report.notes)
    assert not [f for f in report.findings if f.rule.startswith(("above", "below"))]


def test_one_subject_per_candidate_version(fixture_rules: RuleSet) -> None:
    subjects = derive_subjects(_case("293", "2", 2, offence="2022-05-01"), fixture_rules)
    assert sorted(s.version.id for s in subjects if s.version) == ["CC-293-2@2015", "CC-293-2@new"]


def _administrative(article: str, part: str | None, days: int, offence: str) -> Case:
    return Case.model_validate({
        "id": "t",
        "proceeding": {"instance": "first_instance", "offence_date": offence, "decision_date": offence},
        "defendants": [{
            "id": "d",
            "charges": [{"code": "CAO", "article": article, "part": part}],
            "outcome": {"kind": "administrative_penalty"},
            "sentence": {"kind": "admin_arrest", "term": {"days": days}},
        }],
    })


def test_an_administrative_penalty_above_its_sanction_cites_the_article_charged(bundled: RuleSet) -> None:
    report = evaluate(_administrative("73-1", "1-1", 20, "2022-08-14"), engine="python", rule_set=bundled)
    found = {f.rule: f for f in report.findings}
    assert "above-statutory-maximum" not in found  # the CC and the CPC do not govern a CAO decision
    finding = found["administrative-penalty-above-sanction"]
    assert finding.confidence == "confirmed"
    assert [c.citation for c in finding.legal_basis] == ["CAO 73-1(1-1)"]
    assert finding.appeal_grounds == []


def test_the_protective_order_ceiling_spans_the_versions_that_may_apply(bundled: RuleSet) -> None:
    from sentencecheck.derive.charge import reference_facts

    uncertain = reference_facts(bundled.book, _administrative("461", None, 5, "2023-03-01"))
    assert uncertain["ref.cao461_max_days"] == (5.0, 10.0)  # c.2020 text or the current one: date unconfirmed
    early = reference_facts(bundled.book, _administrative("461", None, 5, "2019-03-01"))
    assert early["ref.cao461_max_days"] == 5.0
    assert early["ref.cao461_repeat_max_days"] is None  # no repeat part in the c.2020 text


def _child_killing(part: str | None, offence: str, age: int = 9, sex: str = "female", known: bool | None = True,
                   years: float = 20) -> Case:
    return Case.model_validate({
        "id": "t",
        "record": "decision",
        "proceeding": {"instance": "first_instance", "offence_date": offence, "decision_date": offence},
        "defendants": [{
            "id": "d",
            "charges": [{"code": "CC", "article": "99", "part": part}],
            "outcome": {"kind": "convicted"},
            "sentence": {"kind": "imprisonment", "term": {"years": years}},
        }],
        "victims": [{"id": "v", "age": age, "sex": sex, "deceased": True, "known_to_offender": known}],
        "harm": [{"victim": "v", "death": True, "caused_by": ["d"]}],
    })


def _missing(case: Case, rules: RuleSet) -> dict[str, Any]:
    return _item_states(derive_subjects(case, rules)[0], "charge.victim_qualifier_missing", rules)


def test_a_dropped_victim_qualifier_is_read_at_the_offence_date(bundled: RuleSet) -> None:
    # 2022: CC 99(3) (a young child) is in force, so a CC 99(1) conviction leaves out both victim qualifiers
    assert _missing(_child_killing("1", "2022-05-01"), bundled) == {"minor": True, "young_child": True,
                                                                     "pregnant": False}
    # CC 99(3) applies the young-child qualifier, and with it the minor one
    assert _missing(_child_killing("3", "2022-05-01"), bundled) == {"minor": False, "young_child": False,
                                                                     "pregnant": False}
    # 2018: no CC 99(3) yet; the minor item of CC 99(2) is the qualifier the conviction leaves out
    early = _missing(_child_killing("1", "2018-05-01"), bundled)
    assert early["minor"] is True and early["young_child"] is False
    # the part not stated: whether the conviction applied it is unknown
    assert _missing(_child_killing(None, "2022-05-01"), bundled)["young_child"] is None
    # a minor must be known to the offender to be one (CC 99(2)(14)); a young child need not
    unknown = _missing(_child_killing("1", "2022-05-01", age=16, known=None), bundled)
    assert unknown["minor"] is None and unknown["young_child"] is False
    # a conviction under a graver part than the one for the victim leaves nothing out
    graver = _child_killing("3", "2022-05-01", age=16)
    data = graver.model_dump(mode="json", exclude_none=True)
    data["defendants"][0]["charges"][0]["article"] = "106"
    assert _missing(Case.model_validate(data), bundled)["minor"] is False  # CC 106(3) is graver than 106(2)


def test_a_child_killed_and_convicted_under_the_basic_part_is_flagged(bundled: RuleSet) -> None:
    report = evaluate(_child_killing("1", "2022-05-01"), engine="python", rule_set=bundled)
    found = {f.rule: f for f in report.findings}
    assert found["victim-qualifier-dropped"].confidence == "confirmed"
    assert [c.citation for c in found["victim-qualifier-dropped"].legal_basis] == ["CC 99(1)"]
    adult = evaluate(_child_killing("1", "2022-05-01", age=30), engine="python", rule_set=bundled)
    assert "victim-qualifier-dropped" not in {f.rule for f in adult.findings}


def _pregnant_wife(part: str, recognised: list[int] | None, years: float = 3.0, known: bool | None = True) -> Case:
    sentence = {"kind": "imprisonment", "term": {"years": years}}
    return Case.model_validate({
        "id": "t",
        "record": "decision" if recognised is not None else "press_report",
        "proceeding": {"instance": "first_instance", "offence_date": "2022-05-01", "decision_date": "2022-09-01"},
        "defendants": [{
            "id": "d",
            "charges": [{"code": "CC", "article": "106", "part": part}],
            "outcome": {"kind": "convicted"},
            "sentence": sentence,
            "aggravating_recognised": recognised,
        }],
        "victims": [{"id": "v", "sex": "female", "age": 24, "pregnant": True, "known_to_offender": known,
                     "relationship": {"d": "spouse"}}],
        "harm": [{"victim": "v", "severity": "grievous", "caused_by": ["d"]}],
    })


def test_an_aggravating_circumstance_not_recognised_is_read_without_the_elements(bundled: RuleSet) -> None:
    def finding(case: Case) -> str | None:
        report = evaluate(case, engine="python", rule_set=bundled)
        return next((f.confidence for f in report.findings if f.rule == "aggravating-circumstance-not-recognised"),
                    None)

    assert finding(_pregnant_wife("1", [])) == "confirmed"  # the minimum; the pregnancy (CC 54(1)(7)) not recognised
    assert finding(_pregnant_wife("1", [7])) is None
    assert finding(_pregnant_wife("1", None)) == "possible"  # the court's list not known
    assert finding(_pregnant_wife("1", [], years=5)) is None  # above the bottom of the range
    assert finding(_pregnant_wife("1", [], known=None)) is None  # "known to the offender" not recorded
    # CC 106(2) qualifies by a helpless or dependent victim: item 7 is an element (CC 54(2)) of that part
    subject = derive_subjects(_pregnant_wife("2", []), bundled)[0]
    assert _item_states(subject, "aggravating.present", bundled)["7"] is False


def test_no_limitation_for_a_sexual_crime_against_a_minor(bundled: RuleSet) -> None:
    def expired(age: int) -> Any:
        case = Case.model_validate({
            "id": "t",
            "proceeding": {"instance": "first_instance", "offence_date": "2015-03-01", "decision_date": "2025-12-01"},
            "defendants": [{"id": "d", "age": 30, "charges": [{"code": "CC", "article": "120", "part": "1"}],
                            "outcome": {"kind": "convicted"},
                            "sentence": {"kind": "imprisonment", "term": {"years": 6}}}],
            "victims": [{"id": "v", "sex": "female", "age": age}],
        })
        return {_value(s, "limitation.expired", bundled) for s in derive_subjects(case, bundled)}

    assert expired(30) == {True}  # a grave crime: ten years (CC 71(1))
    assert expired(15) == {False}  # CC 71(6): no limitation for a sexual crime against a minor


def _appeal(record: str, prosecution: bool | None, before: float, after: float) -> Case:
    return Case.model_validate({
        "id": "t",
        "record": record,
        "proceeding": {"instance": "appeal", "offence_date": "2022-05-01", "decision_date": "2023-03-01",
                       "prosecution_appealed": prosecution},
        "defendants": [{
            "id": "d",
            "charges": [{"code": "CC", "article": "106", "part": "1"}],
            "outcome": {"kind": "convicted"},
            "sentence": {"kind": "imprisonment", "term": {"years": after}},
            "earlier": {"outcome": "convicted", "sentence": {"kind": "imprisonment", "term": {"years": before}},
                        "source": []},
        }],
    })


def test_a_worsening_on_appeal_needs_the_prosecution_side(bundled: RuleSet) -> None:
    def rules_fired(case: Case) -> set[str]:
        return {f.rule for f in evaluate(case, engine="python", rule_set=bundled).findings}

    rule = "appeal-worsened-without-prosecution-appeal"
    assert rule in rules_fired(_appeal("appeal_ruling", None, 3, 5))  # the ruling names no prosecution complaint
    assert rule not in rules_fired(_appeal("appeal_ruling", True, 3, 5))
    assert rule not in rules_fired(_appeal("appeal_ruling", None, 5, 3))  # reduced
    assert rule not in rules_fired(_appeal("press_report", None, 3, 5))  # who appealed not known: silent


def test_special_cruelty_left_out_of_the_qualification(bundled: RuleSet) -> None:
    def missing(part: str, cruelty: bool | None) -> Any:
        case = _child_killing(part, "2022-05-01", age=30)
        data = case.model_dump(mode="json", exclude_none=True)
        data["harm"][0]["special_cruelty_established"] = cruelty
        subject = derive_subjects(Case.model_validate(data), bundled)[0]
        return _value(subject, "charge.cruelty_qualifier_missing", bundled)

    assert missing("1", True) is True
    assert missing("2", True) is False  # CC 99(2) holds the special-cruelty item
    assert missing("1", None) is False  # not established: nothing is missing


def test_defence_of_another_person_is_necessary_defence(bundled: RuleSet) -> None:
    case = Case.model_validate({
        "id": "t",
        "record": "decision",
        "proceeding": {"instance": "first_instance", "offence_date": "2022-05-01", "decision_date": "2022-11-01"},
        "defendants": [{"id": "mother", "sex": "female", "charges": [{"code": "CC", "article": "99", "part": "1"}],
                        "outcome": {"kind": "convicted"},
                        "sentence": {"kind": "imprisonment", "term": {"years": 9}}}],
        "victims": [{"id": "partner", "sex": "male", "deceased": True, "relationship": {"mother": "partner"}}],
        "harm": [{"victim": "partner", "death": True, "caused_by": ["mother"]}],
        "self_defence": {"defender": "mother", "attacker": "partner", "attack_in_progress": True,
                         "protecting_another": True, "armed": True, "source": []},
    })
    found = {f.rule for f in evaluate(case, engine="python", rule_set=bundled).findings}
    assert {"defence-against-attack-convicted-as-murder", "lawful-defence-convicted"} <= found



def _life_only(stage: str, sentence: dict[str, Any]) -> Case:
    """A charge under CC 99(3) in its 2024 text (murder of a young child: life imprisonment only)."""
    return Case.model_validate({
        "id": "t",
        "record": "decision",
        "proceeding": {"instance": "first_instance", "offence_date": "2025-02-01", "decision_date": "2025-09-01"},
        "defendants": [{"id": "d", "charges": [{"code": "CC", "article": "99", "part": "3", "stage": stage}],
                        "outcome": {"kind": "convicted"}, "sentence": sentence}],
    })


def test_imprisonment_replaces_a_life_only_sanction_for_an_attempt(bundled: RuleSet) -> None:
    term = {"kind": "imprisonment", "term": {"years": 25}}

    def allowed(stage: str, sentence: dict[str, Any]) -> set[Any]:
        subjects = derive_subjects(_life_only(stage, sentence), bundled)
        return {_value(s, "sentence.kind_allowed", bundled) for s in subjects}

    def fired(stage: str) -> set[str]:
        return {f.rule for f in evaluate(_life_only(stage, term), engine="python", rule_set=bundled).findings}

    # CC 56: no life sentence for an attempt or preparation; a life-only sanction becomes a term
    assert allowed("attempt", term) == {True}
    assert allowed("preparation", term) == {True}
    assert "penalty-kind-not-in-sanction" not in fired("attempt")
    # a completed murder: CC 71(6) sets no limitation period for it, so CC 71(5) does not replace life either
    assert allowed("completed", term) == {False}
    assert "penalty-kind-not-in-sanction" in fired("completed")
    assert allowed("completed", {"kind": "life"}) == {True}


def test_a_misspelt_derived_fact_is_an_error_not_an_unknown(bundled: RuleSet) -> None:
    """Derived facts are encoded by the vocabulary's names: a name it does not declare stops the encoding instead of
    reading as unknown; and the bundled cases derive without one (each producer checks what it returns, see
    tests/test_derive_registry.py)."""
    from sentencecheck.rules.encoding import encode

    with pytest.raises(KeyError, match=r"sentence\.belw_min"):
        encode({"sentence.below_min": True, "sentence.belw_min": True}, bundled.facts)
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        assert derive_subjects(load_case(path), bundled), path.name


def test_attempt_where_cc56_lowers_the_maximum_below_the_minimum(bundled: RuleSet) -> None:
    """CC 56 caps an attempt at 3/4 of the maximum; the research is silent on the minimum, so where the cap falls below
    it the sentence is not read as below the minimum (and never as both below and above)."""
    above = _findings(_case("121", "3-2", 16, offence="2024-09-01", stage="attempt"), bundled)
    assert above.get("above-statutory-maximum") == "confirmed" and "below-statutory-minimum" not in above
    within = _findings(_case("121", "3-2", 14, offence="2024-09-01", stage="attempt"), bundled)
    assert "above-statutory-maximum" not in within and "below-statutory-minimum" not in within
