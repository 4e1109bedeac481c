"""Testing helpers for rule authors: Hypothesis strategies that build valid cases and encoded facts,
and property checks (engines agree, determinism, monotonicity, irrelevance, no contradiction...).

    from hypothesis import given
    from sentencecheck.testing import cases, Screener, no_contradiction

    @given(cases(my_rule_set))
    def test_my_rules(case):
        assert not no_contradiction(my_rule_set, Screener(my_rule_set, PythonEngine(my_rule_set))(case))

Needs Hypothesis: ``pip install 'sentencecheck[testing]'``.
"""

try:
    import hypothesis  # noqa: F401
except ImportError as exc:
    raise ImportError(
        "sentencecheck.testing needs Hypothesis, which is not installed: pip install 'sentencecheck[testing]'"
    ) from exc

from sentencecheck.testing.properties import (
    Screener,
    deterministic,
    engines_agree,
    irrelevant_fact,
    keys_not_read,
    known_optional_paths,
    legally_sane,
    lengthen,
    make_unknown,
    no_contradiction,
    no_state_leak,
    order_independent,
    rename_parties,
    reorder,
    same_findings,
    sentence_monotonic,
    signature,
    unknown_never_confirms,
)
from sentencecheck.testing.strategies import (
    UNKNOWN_ARTICLE,
    article_refs,
    cases,
    encoded_facts,
    fact_values,
    quiet,
    sentences,
    tri,
)
from sentencecheck.testing.witness import witness

__all__ = [
    "UNKNOWN_ARTICLE",
    "Screener",
    "article_refs",
    "cases",
    "deterministic",
    "encoded_facts",
    "engines_agree",
    "fact_values",
    "irrelevant_fact",
    "keys_not_read",
    "known_optional_paths",
    "legally_sane",
    "lengthen",
    "make_unknown",
    "no_contradiction",
    "no_state_leak",
    "order_independent",
    "rename_parties",
    "reorder",
    "same_findings",
    "quiet",
    "sentence_monotonic",
    "sentences",
    "signature",
    "tri",
    "unknown_never_confirms",
    "witness",
]
