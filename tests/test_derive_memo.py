"""Speed without a change of answer: every answer remembered by where dates fall among the statute data's boundary
dates equals the one computed afresh, for any dates; the precompiled encoding equals the plain one."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sentencecheck.law.lookup import boundary_dates
from sentencecheck.rules.encoding import BIG, UNKNOWN_TEXT, encode
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.vocabulary import FACTS, FactSpec


def _plain_encode(values: Mapping[str, Any], specs: Mapping[str, FactSpec]) -> dict[str, Any]:
    """The encoding written plainly, fact by fact (as it was before it was precompiled per vocabulary)."""
    def clean(x: float) -> float:
        return max(-BIG + 1, min(BIG - 1, round(float(x), 4))) + 0.0

    out: dict[str, Any] = {}
    for spec in specs.values():
        if spec.kind == "number":
            out[spec.bound_keys[0]], out[spec.bound_keys[1]] = -BIG, BIG
        elif spec.kind == "enum":
            out[spec.key] = UNKNOWN_TEXT
        elif spec.kind == "set":
            out.update((key, 1) for _, key in spec.item_keys)
        else:
            out[spec.key] = 1
    for name, v in values.items():
        spec = specs[name]
        if v is None:
            continue
        if spec.kind == "bool":
            out[spec.key] = 2 if v else 0
        elif spec.kind == "number":
            lo, hi = spec.bound_keys
            if isinstance(v, tuple):
                out[lo], out[hi] = clean(v[0]), clean(v[1])
            else:
                out[lo] = out[hi] = clean(v)
        elif spec.kind == "enum":
            out[spec.key] = v if v in spec.domain else "other"
        elif isinstance(v, Mapping):
            for item, key in spec.item_keys:
                state = v.get(item)
                if state is not None:
                    out[key] = 2 if state else 0
        else:
            for item, key in spec.item_keys:
                out[key] = 2 if item in v else 0
    return out


_NUMBER = st.floats(allow_nan=True, allow_infinity=False, width=64) | st.integers(-10**12, 10**12)
_STATE = st.none() | st.booleans()


def _value(spec: FactSpec) -> st.SearchStrategy[Any]:
    if spec.kind == "bool":
        return st.none() | st.booleans()
    if spec.kind == "number":
        return st.none() | _NUMBER | st.tuples(_NUMBER, _NUMBER)
    if spec.kind == "enum":
        return st.none() | st.sampled_from((*spec.domain, "not-a-value"))
    items = st.sampled_from((*spec.domain, "not-an-item"))
    return st.none() | st.frozensets(items) | st.lists(items) | st.dictionaries(items, _STATE)


_VALUES = st.fixed_dictionaries({}, optional={name: _value(spec) for name, spec in FACTS.items()})


@settings(max_examples=300)
@given(values=_VALUES)
def test_precompiled_encoding_equals_the_plain_one(values: dict[str, Any]) -> None:
    assert list(encode(values, FACTS).items()) == list(_plain_encode(values, FACTS).items())


def _boundary_days() -> list[date]:
    """Every boundary date of the bundled statute data, with the days either side of it."""
    book = default_rule_set().book
    days = {d for (code, article), art in book.articles.items() for p in art.parts
            for d in boundary_dates(book, code, article, p.part)}
    return sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1) if date(1901, 1, 1) < d < date(2999, 1, 1)})


_DATE = st.none() | st.dates(date(2013, 1, 1), date(2030, 12, 31)) | st.sampled_from(_boundary_days())
"""An offence or decision date, or none (unknown): any day of the years the statute data covers, or a day at or next
to one of its boundary dates."""


@settings(max_examples=120)
@given(offence=_DATE, decision=_DATE)
def test_remembered_reference_ranges_equal_fresh_ones(offence: date | None, decision: date | None) -> None:
    """The reference ranges remembered by the places of the dates (after other dates filled the memo) are the ones
    computed afresh."""
    from sentencecheck.derive.charge import _reference_ranges, reference_ranges

    book = default_rule_set().book
    assert reference_ranges(book, offence, decision) == _reference_ranges(book, (offence, decision))
