"""`sentencecheck rules prove`: the z3 encoding matches the engines, the checks catch broken rule sets, and the
fewest facts to establish are found for every bundled case."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import z3
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sentencecheck.api import get_engine
from sentencecheck.io.documents import iter_paths
from sentencecheck.model.load import load_case
from sentencecheck.rules.conditions import Truth, facts_read, truth
from sentencecheck.rules.encoding import encode
from sentencecheck.rules.load import example_values, load_rule_set
from sentencecheck.rules.model import Rule, RuleSet
from sentencecheck.testing import encoded_facts
from sentencecheck.verify import Prover, minimal_facts, prove
from sentencecheck.verify.checks import check_contradictions, check_families, check_reachable
from sentencecheck.verify.command import prove_command
from sentencecheck.verify.encoding import World

ROOT = Path(__file__).resolve().parents[1]
CASES = sorted(iter_paths([ROOT / "cases"]))


@pytest.fixture(scope="module")
def prover(bundled: RuleSet) -> Prover:
    return Prover(bundled)


def subset(rule_set: RuleSet, ids: list[str]) -> RuleSet:
    """The rule set restricted to some rules (for checks only: the engines index rules by order)."""
    return RuleSet([r for r in rule_set.rules if r.id in ids], rule_set.facts, rule_set.book,
                   rule_set.digest + ":" + ",".join(ids))


def copy_rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def example_result(rule_set: RuleSet, rule: Rule, facts: dict[str, Any]) -> Truth:
    """What the python engine gives for ``rule`` on a counterexample written as an example's facts."""
    from sentencecheck.rules.model import Example

    encoded = encode(example_values(Example(name="x", facts=facts, expect="no"), rule_set.facts), rule_set.facts)
    got = dict(get_engine(rule_set, "python").evaluate([encoded])[0])
    return got.get(rule.order, Truth.FALSE)


# ---- the encoding matches three-valued evaluation exactly --------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_encoding_matches_truth(bundled: RuleSet, prover: Prover, data: st.DataObject) -> None:
    rule = data.draw(st.sampled_from(bundled.rules))
    facts = data.draw(encoded_facts(bundled, rule, lean=data.draw(st.booleans())))
    w = prover.world
    solver = z3.Solver()
    solver.add(*w.wellformed, *[w.fix(facts, name) for name in bundled.facts])
    assert solver.check() == z3.sat
    model = solver.model()
    for node in (rule.premise, rule.rest):
        if node is None:
            continue
        expected = truth(node, facts)
        definite = z3.is_true(model.eval(w.definite(node), model_completion=True))
        possible = z3.is_true(model.eval(w.possible(node), model_completion=True))
        assert definite == (expected == Truth.TRUE)
        assert possible == (expected != Truth.FALSE)
    assert w.encoded(model) == {k: facts[k] for k in w.encoded(model)}


# ---- the bundled rules ------------------------------------------------------------------------------------


def test_bundled_rules_fully_encoded_reachable_monotone(bundled: RuleSet, prover: Prover) -> None:
    report = prove(bundled, ("reachable", "family", "monotonicity", "redundancy"), prover)
    assert report.encoded == report.conditions == 2 * len(bundled.rules) - sum(r.rest is None for r in bundled.rules)
    assert report.not_encoded == []
    assert report.errors == [], [v.message for v in report.errors]
    by_name = {c.name: c for c in report.checks}
    assert by_name["monotonicity"].proved == len(bundled.rules)
    assert by_name["family"].proved >= 2  # reconciliation-outcome, administrative-sanction


def test_bundled_rules_prove(bundled: RuleSet, prover: Prover) -> None:
    report = prove(bundled, ("contradiction",), prover)
    assert report.ok, f"{len(report.errors)} contradictions"


# ---- deliberately broken rule sets are caught, with their counterexample -------------------------------------


def test_unsatisfiable_rule_is_caught(tmp_path: Path) -> None:
    root = copy_rules(tmp_path)
    edit(root / "sentence-range.yaml", "        - {fact: cc55.below_min_permitted, is: false}\n",
         "        - {fact: cc55.below_min_permitted, is: false}\n        - {fact: sentence.below_min, is: false}\n")
    rs = load_rule_set(root)
    found = check_reachable(Prover(subset(rs, ["below-statutory-minimum"])))
    dead = [v for v in found.violations if "confirmed" in v.message]
    assert [v.rules for v in dead] == [("below-statutory-minimum",)]
    assert "premise[2]" in dead[0].conflicting and "when[1]" in dead[0].conflicting


def test_contradiction_across_scopes_is_caught(bundled: RuleSet) -> None:
    """A defendant finding counts for each charge: a leniency finding on the defendant as a whole and an
    over-punishment finding on one of their charges are compared too (here declared compatible: CC 58(1) sentences
    each offence on its own; without the declaration the proof finds the pair)."""
    pair = ["final-below-gravest-charge", "above-statutory-maximum"]
    scopes = {r.spec.scope for r in bundled.rules if r.id in pair}
    assert scopes == {"defendant", "charge"}
    assert check_contradictions(Prover(subset(bundled, pair))).violations == []
    bare = [replace(r, spec=r.spec.model_copy(update={"compatible_with": []})) for r in bundled.rules if r.id in pair]
    rules = RuleSet(bare, bundled.facts, bundled.book, bundled.digest + ":bare")
    found = check_contradictions(Prover(rules)).violations
    assert [v.rules for v in found] == [tuple(pair)]
    assert found[0].message.endswith("on the same charge")
    example = found[0].counterexample
    assert example is not None and example.expect == dict.fromkeys(pair, "holds")


def test_contradiction_across_directions_is_caught(tmp_path: Path, bundled: RuleSet) -> None:
    pair = ["administrative-penalty-below-sanction", "administrative-penalty-above-sanction"]
    assert check_contradictions(Prover(subset(bundled, pair))).violations == []
    root = copy_rules(tmp_path)
    text = (root / "sentence-limits.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: administrative-penalty-above-sanction")
    end = text.index("sentence.above_max, is: true}", start)
    (root / "sentence-limits.yaml").write_text(
        text[:end] + "sentence.below_min, is: true}" + text[end + len("sentence.above_max, is: true}"):],
        encoding="utf-8")
    rs = load_rule_set(root)
    found = check_contradictions(Prover(subset(rs, pair))).violations
    assert [v.rules for v in found] == [tuple(pair)]
    example = found[0].counterexample
    assert example is not None and example.expect == dict.fromkeys(pair, "holds")
    for rule_id in pair:
        rule = rs.by_id(rule_id)
        assert rule is not None and example_result(rs, rule, example.facts) == Truth.TRUE
    assert example.facts == {"outcome": "administrative_penalty", "charge.code": "CAO", "charge.modelled": True,
                             "sentence.below_min": True}  # minimal


FAMILY_RULE = """
  - id: {id}
    version: 1
    title: {{en: "Ratio {id}", ru: "Доля {id}"}}
    direction: procedural
    family: {{name: ratio-band, partition: true}}
    severity: low
    scope: charge
    legal_basis: ["CC 52"]
    premise:
      all:
        - {{fact: outcome, eq: convicted}}
        - {{fact: charge.modelled, is: true}}
    when: {when}
    explanation: {{en: "A band.", ru: "Полоса."}}
    argument: {{en: "A band.", ru: "Полоса."}}
    examples:
      positive:
        - name: in the band
          facts: {{outcome: convicted, charge.modelled: true, sentence.ratio_to_max: {inside}}}
          expect: holds
      negative:
        - name: not convicted
          facts: {{outcome: acquitted}}
          expect: "no"
"""


def family_rules(root: Path, low: str, middle: str, high: str) -> RuleSet:
    text = "rules:\n" + "".join(FAMILY_RULE.format(id=i, when=w, inside=x) for i, w, x in (
        ("ratio-low", low, 0.25), ("ratio-middle", middle, 0.75), ("ratio-high", high, 1.5)))
    (root / "ratio-band.yaml").write_text(text, encoding="utf-8")
    return load_rule_set(root)


def test_partitioning_family_proved(tmp_path: Path) -> None:
    rs = family_rules(copy_rules(tmp_path), "{fact: sentence.ratio_to_max, lt: 0.5}",
                      "{all: [{fact: sentence.ratio_to_max, gte: 0.5}, {fact: sentence.ratio_to_max, lte: 1}]}",
                      "{fact: sentence.ratio_to_max, gt: 1}")
    result = check_families(Prover(subset(rs, ["ratio-low", "ratio-middle", "ratio-high"])))
    assert result.violations == [] and result.proved == 4  # three pairs and the gap


def test_off_by_one_gap_and_overlap_are_caught(tmp_path: Path) -> None:
    root = copy_rules(tmp_path)
    rs = family_rules(root, "{fact: sentence.ratio_to_max, lt: 0.5}",
                      "{all: [{fact: sentence.ratio_to_max, gt: 0.5}, {fact: sentence.ratio_to_max, lte: 1}]}",
                      "{fact: sentence.ratio_to_max, gte: 1}")
    found = check_families(Prover(subset(rs, ["ratio-low", "ratio-middle", "ratio-high"]))).violations
    gap = [v for v in found if "gap" in v.message]
    overlap = [v for v in found if "both confirmed" in v.message]
    assert len(gap) == 1 and gap[0].counterexample is not None
    assert gap[0].counterexample.facts["sentence.ratio_to_max"] == 0.5
    assert set(gap[0].counterexample.expect.values()) == {"no"}
    assert [v.rules for v in overlap] == [("ratio-middle", "ratio-high")]
    assert overlap[0].counterexample is not None and overlap[0].counterexample.facts["sentence.ratio_to_max"] == 1


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    root = copy_rules(tmp_path)
    edit(root / "sentence-range.yaml", "        - {fact: cc55.below_min_permitted, is: false}\n",
         "        - {fact: cc55.below_min_permitted, is: false}\n        - {fact: sentence.below_min, is: false}\n")
    broken = runner.invoke(prove_command, ["--rules", str(root), "--check", "reachable"])
    assert broken.exit_code == 1 and "below-statutory-minimum can never be confirmed" in broken.output
    ok = runner.invoke(prove_command, ["--check", "reachable", "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.output)["ok"] is True
    assert runner.invoke(prove_command, ["--explain", str(tmp_path / "missing.yaml")]).exit_code == 2
    assert runner.invoke(prove_command, ["--rules", str(tmp_path / "none")]).exit_code == 2


# ---- the fewest facts to establish ---------------------------------------------------------------------------


def test_explain_runs_on_every_bundled_case(bundled: RuleSet) -> None:
    explained = 0
    for path in CASES:
        case = load_case(path)
        for found in minimal_facts(case, bundled):
            explained += 1
            assert found.confirm is not None or found.versions_disagree, (path.name, found.rule)
            for facts in (found.confirm, found.clear):
                for fact in facts or ():
                    assert fact.question("en") and fact.question("ru") and fact.answer("ru")
    assert explained >= 10


def test_explain_gives_the_smallest_sets(bundled: RuleSet) -> None:
    case = load_case(ROOT / "cases" / "boy-abused-by-father-unpunished.yaml")
    (found,) = [f for f in minimal_facts(case, bundled) if f.rule == "child-abuse-unpunished"]
    assert found.clear is not None and len(found.clear) == 1
    assert found.confirm is not None
    confirm = {x.fact: x.value for x in found.confirm}
    assert confirm.get("torment.elements") is True or "torment.elements" not in confirm
    runner = CliRunner()
    out = runner.invoke(prove_command, ["--check", "reachable", "--explain", str(ROOT / "cases" /
                                        "boy-abused-by-father-unpunished.yaml"), "--lang", "ru"])
    assert out.exit_code == 0 and "чтобы снять (1)" in out.output


# ---- a third oracle: z3 models of each rule, run through both engines ---------------------------------------


def test_oracle_both_engines_give_the_solvers_answer(bundled: RuleSet, prover: Prover) -> None:
    """Each rule's z3 models (confirmed, possible, silent; two of each, kept apart by a blocking clause on the facts
    the rule reads) become encoded facts; the solver's answer for every rule on them, read from the model, is what
    both engines give."""
    w = prover.world
    confirmed = {r.order: w.confirmed(r) for r in bundled.rules}
    possibly = {r.order: w.possibly(r) for r in bundled.rules}
    solver = z3.Solver()
    solver.add(*w.wellformed)
    facts: list[dict[str, Any]] = []
    expected: list[list[tuple[int, Truth]]] = []
    for rule in bundled.rules:
        read = sorted(facts_read(rule.condition))
        for want in (Truth.TRUE, Truth.UNKNOWN, Truth.FALSE):
            if want == Truth.UNKNOWN and rule.rest is None:
                continue
            solver.push()
            solver.add(w.gated_is(rule, want))
            for drawn in range(2):
                if solver.check() != z3.sat:
                    assert drawn > 0, (rule.id, want)  # a second model may not exist: one way to hold
                    break
                model = solver.model()
                encoded = w.encoded(model)
                row = [(order, Truth.TRUE if z3.is_true(model.eval(confirmed[order], model_completion=True))
                        else Truth.UNKNOWN) for order in sorted(confirmed)
                       if z3.is_true(model.eval(z3.Or(confirmed[order], possibly[order]), model_completion=True))]
                assert dict(row).get(rule.order, Truth.FALSE) == want
                facts.append(encoded)
                expected.append(row)
                solver.add(z3.Not(z3.And([w.fix(encoded, name) for name in read])))
            solver.pop()
    for name in ("python", "durable"):
        assert get_engine(bundled, name).evaluate(facts, label="z3 oracle") == expected, name


def test_world_decodes_counterexamples_as_examples(bundled: RuleSet) -> None:
    world = World(bundled.facts, "t")
    rule = bundled.by_id("below-statutory-minimum")
    assert rule is not None
    solver = z3.Solver()
    solver.add(*world.wellformed, world.possibly(rule), world.points_only())
    assert solver.check() == z3.sat
    values = world.values(solver.model())
    assert example_result(bundled, rule, values) == Truth.UNKNOWN
