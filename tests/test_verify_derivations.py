"""The derivation guarantees the solver relies on (src/sentencecheck/verify/derivations.yaml) hold on the
derivation: on every subject of every bundled case file and of generated cases, and in the statute data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from sentencecheck.derive import derive_subjects
from sentencecheck.errors import RuleError
from sentencecheck.io.documents import iter_paths
from sentencecheck.model.case import Case
from sentencecheck.model.load import load_case
from sentencecheck.rules.model import RuleSet
from sentencecheck.testing import cases
from sentencecheck.testing.strategies import quiet
from sentencecheck.verify.derivations import load_derivations, parse_derivations

ROOT = Path(__file__).resolve().parents[1]


def broken(rule_set: RuleSet, case: Case) -> list[str]:
    guarantees = load_derivations(rule_set.facts)
    return [f"{case.id}: {d.id}" for s in derive_subjects(case, rule_set) for d in guarantees
            if not d.holds_on(s.encoded)]


def test_guarantees_hold_on_bundled_cases(bundled: RuleSet) -> None:
    problems = [p for path in iter_paths([ROOT / "cases"]) for p in broken(bundled, load_case(path))]
    assert problems == []


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=cases(quiet(__import__("sentencecheck.rules.load", fromlist=["x"]).default_rule_set())))
def test_guarantees_hold_on_generated_cases(bundled: RuleSet, data: Case) -> None:
    assert broken(bundled, data) == []


def test_statute_data_behind_the_guarantees(bundled: RuleSet) -> None:
    """Minimum at or below maximum in every sanction; no CAO article punishes by imprisonment."""
    for (code, _), article in bundled.book.articles.items():
        for part in article.parts:
            for version in part.versions:
                imp = version.sanction("imprisonment")
                assert code != "CAO" or imp is None, version.id
                for kind in ("imprisonment", "restriction_of_liberty", "fine", "arrest", "admin_arrest", "admin_fine",
                             "community_work", "corrective_labour"):
                    s = version.sanction(kind)
                    assert s is None or s.min is None or s.max is None or s.min <= s.max, (version.id, kind)


def test_a_guarantee_on_an_unknown_fact_is_refused(bundled: RuleSet) -> None:
    with pytest.raises(RuleError, match="no-such"):
        parse_derivations({"derivations": [{"id": "no-such", "source": "x",
                                            "invariant": {"fact": "no.such", "is": True}}]}, bundled.facts)
    with pytest.raises(RuleError, match="not a yes/no fact"):
        parse_derivations({"derivations": [{"id": "d", "source": "x", "defines": "outcome",
                                            "as": {"fact": "harm.death", "is": True}}]}, bundled.facts)
