"""The rule language: validation names the file and rule; three-valued semantics; safe compilation."""

from __future__ import annotations

from pathlib import Path

import pytest

from sentencecheck.errors import InputError, RuleError
from sentencecheck.rules.conditions import Truth, gated, parse, truth
from sentencecheck.rules.encoding import encode
from sentencecheck.rules.load import load_rule_set
from sentencecheck.rules.vocabulary import FACTS

RULE = """\
rules:
  - id: sample-rule
    version: 1
    title: {{en: t, ru: т}}
    direction: leniency
    severity: low
    legal_basis: [{basis}]
    premise: {premise}
    when: {when}
    explanation: {{en: "{explanation}", ru: р}}
    argument: {{en: a, ru: а}}
    examples:
      positive: [{{name: p, facts: {{outcome: convicted, harm.death: true}}, expect: holds}}]
      negative: [{{name: n, facts: {{outcome: acquitted}}, expect: "no"}}]
"""


def _rule(basis: str = '"CC 52"', when: str = "{fact: outcome, eq: convicted}", explanation: str = "x",
          premise: str = "{fact: harm.death, is: true}") -> str:
    return RULE.format(basis=basis, when=when, explanation=explanation, premise=premise)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"when": "{fact: no.such.fact, is: true}"}, "unknown fact 'no.such.fact'"),
        ({"when": "{fact: outcome, like: convicted}"}, "choice: use eq, ne, in or not_in"),
        ({"when": "{fact: sentence.years, gte: '9'}"}, "numbers compare only with numbers"),
        ({"when": "{fact: outcome, eq: hanged}"}, "cannot be 'hanged'"),
        ({"basis": '"CC 9999"'}, "CC 9999 is not in the statute data"),
        ({"basis": '"CC 53(1)(40)"'}, "no item 40"),
        ({"explanation": "{nope}"}, "unknown template variable {nope}"),
        ({"premise": "{fact: outcome, eq: dismissed}"}, "its premise holds on a case file that states nothing"),
        ({"premise": "{fact: defence.is_defender, is: false}"}, "its premise holds on a case file that states nothing"),
        ({"premise": "{fact: mitigating.recognised, lacks: '9'}"}, "record decision"),
    ],
)
def test_invalid_rules_are_rejected_naming_file_and_rule(fixture_rules_dir: Path, tmp_path: Path,
                                                          kwargs: dict[str, str], message: str) -> None:
    import shutil

    root = tmp_path / "r"
    shutil.copytree(fixture_rules_dir / "law", root / "law")
    (root / "custom.yaml").write_text(_rule(**kwargs), encoding="utf-8")
    with pytest.raises(RuleError) as err:
        load_rule_set(root)
    assert "custom.yaml" in str(err.value)
    assert "sample-rule" in str(err.value)
    assert message in str(err.value)


def _f(**values: object) -> dict[str, object]:
    return encode(values, FACTS)


def test_three_valued_logic() -> None:
    cond = parse({"all": [{"fact": "harm.death", "is": True}, {"not": {"fact": "outcome", "eq": "convicted"}}]}, FACTS)
    assert truth(cond, _f(**{"harm.death": True, "outcome": "dismissed"})) == Truth.TRUE
    assert truth(cond, _f(**{"harm.death": None, "outcome": "dismissed"})) == Truth.UNKNOWN
    assert truth(cond, _f(**{"harm.death": True, "outcome": None})) == Truth.UNKNOWN
    assert truth(cond, _f(**{"harm.death": False, "outcome": None})) == Truth.FALSE
    assert truth(cond, _f(**{"harm.death": True, "outcome": "convicted"})) == Truth.FALSE


def test_numbers_compare_as_intervals() -> None:
    cond = parse({"fact": "sentence.years", "lt": 3}, FACTS)
    assert truth(cond, _f(**{"sentence.years": 2.5})) == Truth.TRUE
    assert truth(cond, _f(**{"sentence.years": None})) == Truth.UNKNOWN
    assert truth(cond, _f(**{"sentence.years": (2, 4)})) == Truth.UNKNOWN
    assert truth(cond, _f(**{"sentence.years": 3})) == Truth.FALSE
    negated = parse({"not": {"fact": "sentence.years", "lt": 3}}, FACTS)
    assert truth(negated, _f(**{"sentence.years": 3})) == Truth.TRUE


def test_sets_distinguish_listed_unlisted_and_unknown() -> None:
    cond = parse({"fact": "mitigating.recognised", "lacks": "9"}, FACTS)
    assert truth(cond, _f(**{"mitigating.recognised": frozenset({"4"})})) == Truth.TRUE
    assert truth(cond, _f(**{"mitigating.recognised": frozenset({"9"})})) == Truth.FALSE
    assert truth(cond, _f(**{"mitigating.recognised": None})) == Truth.UNKNOWN


def test_a_rule_without_a_premise_is_refused(fixture_rules_dir: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "r"
    shutil.copytree(fixture_rules_dir / "law", root / "law")
    text = "\n".join(line for line in _rule().splitlines() if "premise:" not in line) + "\n"
    (root / "custom.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rule_set(root)
    assert "custom.yaml" in str(err.value) and "premise: required field is missing" in str(err.value)


def test_unknown_premise_silences_the_rule_whatever_the_rest() -> None:
    premise = parse({"fact": "harm.death", "is": True}, FACTS, "premise")
    rest = parse({"fact": "outcome", "eq": "convicted"}, FACTS)
    assert gated(premise, rest, _f(**{"harm.death": None, "outcome": "convicted"})) == Truth.FALSE
    assert gated(premise, rest, _f(**{"harm.death": True, "outcome": None})) == Truth.UNKNOWN
    assert gated(premise, rest, _f(**{"harm.death": True, "outcome": "convicted"})) == Truth.TRUE
    assert gated(premise, None, _f(**{"harm.death": True})) == Truth.TRUE


def test_only_a_procedural_rule_may_cite_nothing(fixture_rules_dir: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "r"
    shutil.copytree(fixture_rules_dir / "law", root / "law")
    (root / "custom.yaml").write_text(_rule(basis=""), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rule_set(root)
    assert "custom.yaml" in str(err.value) and "must cite the provisions it rests on" in str(err.value)
    (root / "custom.yaml").write_text(_rule(basis="").replace("direction: leniency", "direction: procedural"),
                                      encoding="utf-8")
    assert load_rule_set(root).by_id("sample-rule") is not None


def test_the_article_charged_as_a_legal_basis_needs_a_charge(fixture_rules_dir: Path, tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "r"
    shutil.copytree(fixture_rules_dir / "law", root / "law")
    text = _rule(basis='"{charge}"').replace("severity: low", "severity: low\n    scope: defendant")
    (root / "custom.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_rule_set(root)
    assert "{charge} needs scope: charge" in str(err.value)
