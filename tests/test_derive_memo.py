"""Speed without a change of answer: every answer remembered by where dates fall among the statute data's boundary
dates equals the one computed afresh, for any dates; the precompiled encoding equals the plain one."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sentencecheck.derive.timing import FAR_FUTURE
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.general import AGES, CATEGORIES, FAR_PAST, GeneralPart
from sentencecheck.law.lookup import boundary_dates
from sentencecheck.model.case import Case, Charge, Proceeding
from sentencecheck.rules.encoding import BIG, UNKNOWN_TEXT, encode
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.vocabulary import FACTS, VICTIM_TRAITS, FactSpec
from sentencecheck.testing.strategies import cases


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


@settings(max_examples=200)
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


def _fresh(book: StatuteBook) -> StatuteBook:
    """The same statute data with nothing remembered: every answer asked of it is computed afresh."""
    fresh = dataclasses.replace(book, memo={}, _described={})
    fresh.general = GeneralPart(fresh)
    return fresh


def _general(book: StatuteBook) -> GeneralPart:
    assert book.general is not None
    return book.general


def _general_answers(gp: GeneralPart, start: date, end: date) -> list[object]:
    """Every answer of the general part that depends on the window the law is read in."""
    return [
        gp.cap_shares(start, end), gp.no_cc55(start, end), gp.cc68_persons(start, end),
        gp.unfinished_share("attempt", start, end), gp.unfinished_share("preparation", start, end),
        gp.set_limits(start, end), gp.reconciliation(start, end),
        gp.conditional_excluded(start, end), gp.no_limitation(start, end), gp.never_excess(start, end),
        gp.torment_by(start, end), gp.torment_texts(start, end),
        *(gp.limitation_years(category, start, end) for category in (*CATEGORIES, "administrative")),
        *(gp._candidates(code, article, part, start, end) for code, article, part in _GENERAL_PROVISIONS),
    ]


_GENERAL_PROVISIONS = [("CC", "55", "2"), ("CC", "56", None), ("CC", "58", "2"), ("CC", "68", "4"), ("CC", "110", "1")]
_WINDOW_END = _DATE | st.sampled_from([FAR_PAST, FAR_FUTURE])


@settings(max_examples=150)
@given(start=_WINDOW_END, end=_WINDOW_END)
def test_remembered_general_part_equals_fresh(start: date | None, end: date | None) -> None:
    """The general part's answers remembered by the places of a window (a window of the case model: from a day to
    a later one, from the far past to a decision, from the offence to the far future, or reversed) are the ones a
    book that remembers nothing computes."""
    gp = _general(default_rule_set().book)
    window = (start or FAR_PAST, end or FAR_FUTURE)
    for lo, hi in (window, window[::-1]):
        assert _general_answers(gp, lo, hi) == _general_answers(_general(_fresh(gp.book)), lo, hi), (lo, hi)
    fresh = _general(_fresh(gp.book))
    assert [gp.age(name) for name in AGES] == [fresh.age(name) for name in AGES]
    assert gp.elements() == fresh.elements()
    assert gp.intentional_killing_articles() == fresh.intentional_killing_articles()
    citations = [[f"{code} {article}({p.part})", f"{code} {article}"]
                 for (code, article), art in gp.book.articles.items() for p in art.parts]
    assert [gp.private_public(c) for c in citations] == [fresh.private_public(c) for c in citations]


def _charge_answers(book: StatuteBook, offence: date | None, decision: date | None, code: str, article: str,
                    part: str | None) -> list[object]:
    """Every answer about an article and part charged that the book remembers by the places of the case's dates."""
    from sentencecheck.derive import aggravation, qualifiers
    from sentencecheck.derive.charge import _CONSPIRACY, _GROUP, _graver_with, _group_part, _group_qualifiers

    case = Case.model_construct(id="c", defendants=[],
                                proceeding=Proceeding.model_construct(offence_date=offence, decision_date=decision))
    charge = Charge.model_construct(code=code, article=article, part=part, paragraph=1)  # type: ignore[arg-type]
    person: dict[str, Any] = {"victim.known_to_offender": True, "harm.special_cruelty": True,
                              **{f"victim.{trait}": True for trait in VICTIM_TRAITS}}
    return [
        qualifiers.candidates_by_part(book, case, charge),
        qualifiers.qualifier_facts(book, case, charge, person),
        *(qualifiers.part_carries(book, case, charge, tags)
          for tags in (aggravation._GROUP_TAGS, aggravation._VICTIM_TAGS, aggravation._CRUELTY_TAGS)),
        _graver_with(book, charge, case, _GROUP), _graver_with(book, charge, case, _CONSPIRACY),
        _group_part(book, charge, case), _group_qualifiers(book, charge, case),
    ]


def _charged() -> list[tuple[str, str, str]]:
    """Every part of every article of the bundled data, each article with no part and with a part it lacks."""
    book = default_rule_set().book
    return [(code, article, part) for (code, article), art in sorted(book.articles.items())
            for part in sorted({p.part or "" for p in art.parts} | {"", "77"})]


@settings(max_examples=200, deadline=None)
@given(charged=st.sampled_from(_charged()), dates=st.lists(st.tuples(_DATE, _DATE), min_size=1, max_size=4))
def test_remembered_charge_law_equals_fresh(charged: tuple[str, str, str],
                                            dates: list[tuple[date | None, date | None]]) -> None:
    """What the article and the part charged say (candidate versions by part, victim and cruelty qualifiers, the
    parts that qualify a group, their range, the group items), remembered by the places of the case's dates (after
    other dates filled the memo), equals the answer of a book that remembers nothing: for every part of every
    article, no part, and a part the data does not hold."""
    book = default_rule_set().book
    code, article, part = charged
    for offence, decision in dates:
        assert _charge_answers(book, offence, decision, code, article, part or None) == \
            _charge_answers(_fresh(book), offence, decision, code, article, part or None), (offence, decision)


_RULES = default_rule_set()


@settings(max_examples=100, deadline=None)
@given(case=cases(_RULES))
def test_subjects_derived_with_remembered_answers_equal_fresh_ones(case: Case) -> None:
    """Every subject of a case, derived with the answers the bundled book remembers from earlier cases, is the one
    derived with a book that remembers nothing (the same versions, parts and encoded facts)."""
    from sentencecheck.derive import derive_subjects

    fresh = dataclasses.replace(_RULES, book=_fresh(_RULES.book))
    remembered, computed = derive_subjects(case, _RULES), derive_subjects(case, fresh)
    assert [(s.charge_index, s.version, s.part, s.applicable) for s in remembered] == \
        [(s.charge_index, s.version, s.part, s.applicable) for s in computed]
    assert [list(s.encoded.items()) for s in remembered] == [list(s.encoded.items()) for s in computed]


@settings(max_examples=60, deadline=None)
@given(case=cases(_RULES))
def test_fast_source_walk_finds_every_cited_source(case: Case) -> None:
    """The validation's walk over the fields that may cite a source finds exactly the sources the full walk (with
    paths, over every field) finds."""
    from sentencecheck.model.case import _cited_sources, _source_ids

    assert _cited_sources(case) == {source for source, _ in _source_ids(case, ())}


def test_fast_source_walk_on_the_bundled_cases() -> None:
    from sentencecheck.model.case import _cited_sources, _source_ids
    from sentencecheck.model.load import load_case
    from sentencecheck.paths import bundled_cases_dir

    folder = bundled_cases_dir()
    assert folder is not None
    for path in sorted(folder.glob("*.yaml")):
        case = load_case(path)
        assert _cited_sources(case) == {source for source, _ in _source_ids(case, ())}, path.name


_TRIS = st.lists(st.none() | st.booleans(), max_size=6)


@given(values=_TRIS)
def test_kleene_loops_equal_the_definitions(values: list[bool | None]) -> None:
    """The three-valued connectives, written as loops for speed, are Kleene's (as they were written with ``any``)."""
    from sentencecheck.derive.logic import k_and, k_any, k_or

    def defined_or(vs: list[bool | None]) -> bool | None:
        return True if any(v is True for v in vs) else (None if any(v is None for v in vs) else False)

    def defined_and(vs: list[bool | None]) -> bool | None:
        return False if any(v is False for v in vs) else (None if any(v is None for v in vs) else True)

    assert k_or(*values) is defined_or(values)
    assert k_and(*values) is defined_and(values)
    assert k_any(iter(values)) is (defined_or(values) if values else None)


def test_articles_the_data_lacks_leave_the_memo_as_it_was() -> None:
    """A case may name any article: answers about articles and parts the statute data lacks are not remembered, so
    the memo is bounded by the data however many distinct unknown citations an audit reads."""
    from datetime import date

    from sentencecheck.law.lookup import applicable_versions
    from sentencecheck.rules.load import default_rule_set

    book = default_rule_set().book
    applicable_versions(book, "CC", "99", "1", date(2020, 1, 1), date(2021, 1, 1))  # warm what is bounded
    before = len(book.memo)
    for n in range(500):
        found = applicable_versions(book, "CC", f"{n}-99", "7", date(2020, 1, 1), date(2021, 1, 1))
        assert not found.modelled and found.remarks[0][0] == "not_in_data"
        assert not applicable_versions(book, "CC", "99", f"part-{n}", None, date(2021, 1, 1)).modelled
    assert len(book.memo) == before
