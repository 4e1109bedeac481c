"""Hypothesis strategies: valid, varied cases built from a rule set's statute data, and encoded fact
dicts guided by a rule's own condition.

Everything is drawn from small lists and small integers, so a failing example shrinks to a short,
readable case (one defendant, one charge, few facts).
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from sentencecheck.model.case import (
    Abuse,
    AdminPenalty,
    AgeRange,
    ArticleRef,
    Case,
    Charge,
    Complaint,
    Defendant,
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
from sentencecheck.rules.conditions import Atom, atoms
from sentencecheck.rules.encoding import encode
from sentencecheck.rules.model import Rule, RuleSet
from sentencecheck.rules.vocabulary import FactSpec

__all__ = [
    "UNKNOWN_ARTICLE",
    "quiet",
    "article_refs",
    "cases",
    "encoded_facts",
    "fact_values",
    "sentences",
    "tri",
]

UNKNOWN_ARTICLE = ("CC", "777", None)
"""An article no statute data models (the charge gets a "not modelled" note)."""

SENTENCE_KINDS = (
    "imprisonment", "life", "restriction_of_liberty", "conditional", "fine", "corrective_labour", "community_work",
    "arrest", "admin_arrest", "admin_fine", "warning", "none",
)
OUTCOMES = (
    "convicted", "acquitted", "dismissed", "reconciliation", "administrative_penalty", "complaint_archived",
    "no_proceedings", "pending",
)
TERMINATIONS = ("dismissed", "complaint_archived", "no_proceedings")
GROUNDS = ("no_event", "no_corpus_delicti", "lawful_defence", "limitation", "no_complaint", "death", "other")
RECORDS = (None, "decision", "appeal_ruling", "press_report", "spreadsheet_row")
RELATIONSHIPS = (
    "spouse", "former_spouse", "partner", "child", "other_relative", "superior", "acquaintance", "stranger",
)
FIRST_DATE = date(2015, 1, 1)
LAST_DATE = date(2025, 12, 31)
LAST_DECISION = date(2026, 6, 30)
"""Decisions are drawn up to this date (never in the future: a future decision is an input error)."""


def tri() -> st.SearchStrategy[bool | None]:
    """A yes/no fact that may be unknown."""
    return st.one_of(st.none(), st.booleans())


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def article_refs(rule_set: RuleSet, unknown: bool = True) -> st.SearchStrategy[tuple[str, str, str | None]]:
    """(code, article, part) of every part in the statute data, plus (occasionally) an unknown article."""
    refs = sorted(
        ((code, art, p.part) for (code, art), article in rule_set.book.articles.items() for p in article.parts),
        key=lambda r: (r[0], int(r[1].split("-")[0]), r[1], r[2] or ""),
    )
    # mostly articles with a sanction (the rules judge those); general-part and unknown articles now and then
    judged = [r for r in refs if any(v.sanctions for v in rule_set.book.versions(*r))]
    rest = [r for r in refs if r not in judged] + ([UNKNOWN_ARTICLE] if unknown or not refs else [])
    if not judged:
        return st.sampled_from(rest)
    if not rest:
        return st.sampled_from(judged)
    return st.one_of(st.sampled_from(judged), st.sampled_from(judged), st.sampled_from(judged), st.sampled_from(rest))


def terms(kind: str, known: bool = False) -> st.SearchStrategy[Term]:
    """A term in the unit of ``kind`` (unknown sometimes, unless ``known``)."""
    if kind in ("imprisonment", "restriction_of_liberty", "conditional"):
        years = st.integers(0, 30).map(float)
        return st.builds(Term, years=years if known else _maybe(years),
                         months=st.one_of(st.none(), st.sampled_from([0.0, 3.0, 6.0, 9.0])))
    if kind in ("fine", "corrective_labour", "admin_fine"):
        return st.builds(Term, mci=_maybe(st.sampled_from([5.0, 20.0, 100.0, 1000.0, 5000.0])))
    if kind == "community_work":
        return st.builds(Term, hours=_maybe(st.sampled_from([40.0, 120.0, 600.0])))
    if kind in ("arrest", "admin_arrest"):
        return st.builds(Term, days=_maybe(st.sampled_from([1.0, 10.0, 45.0, 90.0])))
    return st.just(Term())


@st.composite
def sentences(draw: st.DrawFn, source: tuple[str, ...] = (), kinds: tuple[str, ...] = SENTENCE_KINDS,
              known_terms: bool = False) -> Sentence:
    """A sentence of one of ``kinds``, with a term in the unit of its kind (or unknown)."""
    kind = draw(st.sampled_from(kinds))
    probation = draw(_maybe(st.builds(Term, years=st.sampled_from([1.0, 2.0, 3.0])))) if kind == "conditional" else None
    return Sentence(kind=kind, term=draw(terms(kind, known_terms)), probation=probation, source=list(source))


def _items(top: int) -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(1, top), max_size=3, unique=True).map(sorted)


def quiet(rule_set: RuleSet) -> RuleSet:
    """The same rule set with a one-line repr (Hypothesis prints test arguments; a rule set's repr is huge)."""
    if type(rule_set).__name__ == "QuietRuleSet":
        return rule_set
    if id(rule_set) in _QUIET:
        return _QUIET[id(rule_set)][1]

    class QuietRuleSet(type(rule_set)):  # type: ignore[misc]
        def __repr__(self) -> str:
            return f"<rule set {self.digest[:12]}: {len(self.rules)} rules>"

    out: RuleSet = QuietRuleSet(**{f.name: getattr(rule_set, f.name) for f in dataclasses.fields(rule_set)})
    _QUIET[id(rule_set)] = (rule_set, out)  # keeps the original alive, so its id stays unique
    return out


_QUIET: dict[int, tuple[RuleSet, RuleSet]] = {}


class _Ref:
    """A rule set with a short repr (Hypothesis prints strategy arguments)."""

    def __init__(self, rule_set: RuleSet) -> None:
        self.rule_set = rule_set

    def __repr__(self) -> str:
        return f"<rule set {self.rule_set.digest[:12]}>"


def cases(rule_set: RuleSet, max_defendants: int = 3, max_victims: int = 2, max_charges: int = 3,
          sentence_kinds: tuple[str, ...] = SENTENCE_KINDS, known_terms: bool = False) -> st.SearchStrategy[Case]:
    """A valid case: charges from the statute data, any sentence kind, unknown facts, several parties with
    consistent references, dates across 2015-2026 (or unknown), self-defence, history.

    ``sentence_kinds`` and ``known_terms`` narrow the sentences imposed (e.g. to known imprisonment)."""
    return _cases(_Ref(rule_set), max_defendants, max_victims, max_charges, sentence_kinds, known_terms)


@st.composite
def _cases(draw: st.DrawFn, ref: _Ref, max_defendants: int, max_victims: int, max_charges: int,
           sentence_kinds: tuple[str, ...], known_terms: bool) -> Case:
    rule_set = ref.rule_set
    refs = article_refs(rule_set)
    n_def = draw(st.integers(1, max_defendants))
    n_vic = draw(st.integers(0, max_victims))
    d_ids = [f"d{i}" for i in range(n_def)]
    v_ids = [f"v{i}" for i in range(n_vic)]
    src = draw(st.sampled_from([(), ("s0",)]))
    sources = {"s0": Source(document="verdict", paragraph="1")} if src else {}
    imposed = sentences(src, sentence_kinds, known_terms)

    offence = draw(_maybe(st.dates(FIRST_DATE, LAST_DATE)))
    decision = draw(_maybe(st.integers(0, 900).map(lambda n: min(LAST_DECISION, (offence or FIRST_DATE)
                                                                   + timedelta(days=n)))))
    proceeding = Proceeding(
        court=None,
        instance=draw(st.sampled_from([None, "pre_trial", "first_instance", "appeal", "cassation", "review"])),
        offence_date=offence, decision_date=decision, review_after_public_outcry=draw(tri()), source=list(src),
    )

    def charge() -> Charge:
        code, article, part = draw(refs)
        if part is not None and draw(st.integers(0, 5)) == 0:
            part = None  # the part not stated: every part of the article is a candidate
        support = None
        if draw(st.integers(0, 3)) == 0:
            s_code, s_article, s_part = draw(refs)
            support = ArticleRef(code=s_code, article=s_article, part=s_part)
        return Charge(
            code=code,
            article=article, part=part,
            stage=draw(st.sampled_from(["completed", "attempt", "preparation"])),
            sentence=draw(_maybe(imposed)), facts_support=support, group_element=draw(tri()), source=list(src),
        )

    def outcome() -> Outcome:
        kind = draw(st.one_of(st.just("convicted"), st.sampled_from(OUTCOMES)))
        ground = draw(_maybe(st.sampled_from(GROUNDS))) if kind in TERMINATIONS else None
        return Outcome(kind=kind, dismissal_ground=ground, source=list(src))

    def age(low: int, high: int) -> Any:
        return draw(st.one_of(st.none(), st.integers(low, high),
                              st.builds(AgeRange, under=st.sampled_from([14, 16, 18])),
                              st.builds(AgeRange, at_least=st.sampled_from([14, 18, 58, 63]))))

    defendants = []
    for i, d_id in enumerate(d_ids):
        others = [x for x in d_ids if x != d_id]
        defendants.append(Defendant(
            id=d_id, name=draw(st.sampled_from([None, f"Defendant {i}"])),
            sex=draw(_maybe(st.sampled_from(["female", "male"]))), age=age(14, 80),
            law_enforcement_officer=draw(tri()), used_official_position=draw(tri()), prior_convictions=draw(tri()),
            prior_reconciliation_release=draw(tri()), intoxicated=draw(tri()), pregnant=draw(tri()),
            has_young_children=draw(tri()), raises_young_child_alone=draw(tri()), employed=draw(tri()),
            charges=[charge() for _ in range(draw(st.integers(0, max_charges)))],
            outcome=outcome(),
            sentence=draw(_maybe(imposed)),
            prosecution_request=draw(_maybe(sentences())), victim_request=draw(_maybe(sentences())),
            acted_together_with=draw(_maybe(st.lists(st.sampled_from(others), unique=True))) if others else None,
            prior_conspiracy=draw(tri()),
            mitigating_recognised=draw(_maybe(_items(11))), aggravating_recognised=draw(_maybe(_items(16))),
            mitigating_in_facts=draw(_items(11)), aggravating_in_facts=draw(_items(16)),
            exceptional_circumstances_recorded=draw(tri()), accelerated_or_plea_agreement=draw(tri()),
            leniency_grounds=draw(_maybe(st.lists(st.sampled_from(["remorse", "clean_record", "reconciliation"]),
                                                  unique=True))),
            remained_in_contact_with_victims=draw(tri()), source=list(src),
        ))

    victims = [
        Victim(
            id=v_id, name=draw(st.sampled_from([None, f"Victim {i}"])),
            sex=draw(_maybe(st.sampled_from(["female", "male"]))), age=age(0, 90),
            pregnant=draw(tri()), disabled_or_helpless=draw(tri()), dependent_on_offender=draw(tri()),
            relationship=draw(st.dictionaries(st.sampled_from(d_ids), st.sampled_from(RELATIONSHIPS), max_size=2)),
            deceased=draw(tri()), penalised_after_complaint=draw(tri()), source=list(src),
        )
        for i, v_id in enumerate(v_ids)
    ]
    harm = [
        Harm(victim=v_id, death=draw(tri()),
             caused_by=draw(_maybe(st.lists(st.sampled_from(d_ids), unique=True, max_size=2))),
             severity=draw(_maybe(st.sampled_from(["none", "light", "moderate", "grievous"]))),
             beating=draw(tri()), lasting_disability=draw(tri()), wounds=draw(_maybe(st.integers(0, 30))),
             weapon=draw(_maybe(st.sampled_from(["none", "knife", "sharp_object", "firearm", "blunt_object"]))),
             special_cruelty_established=draw(tri()), sexual_violence=draw(tri()),
             sexual_harassment=draw(tri()), suicide=draw(_maybe(st.sampled_from(["none", "attempted", "completed"]))),
             source=list(src))
        for v_id in v_ids if draw(st.booleans())
    ]
    parties = d_ids + v_ids
    dates = _maybe(st.dates(FIRST_DATE - timedelta(days=3 * 365), LAST_DATE))
    pairs = [(a, b) for a in parties for b in parties if a != b]
    history = History(
        abuse=draw(_maybe(st.lists(st.sampled_from(pairs).flatmap(lambda pair: st.builds(
            Abuse, by=st.just(pair[0]), against=st.just(pair[1]), occurred=st.booleans(), systematic=tri(),
            years=_maybe(st.integers(0, 20).map(float)))), max_size=2)))
        if pairs else None,
        police_complaints=draw(_maybe(st.lists(st.builds(
            Complaint, date=dates, by=st.sampled_from(parties), against=st.sampled_from(parties),
            police_action=st.sampled_from(["none", "refused", "warning", "criminal_case", "unknown"])), max_size=2))),
        protective_orders=draw(_maybe(st.lists(st.builds(
            ProtectiveOrder, date=dates, against=st.sampled_from(d_ids), violated=tri(),
            violation_penalised=tri()), max_size=2))),
        admin_penalties=draw(_maybe(st.lists(st.builds(AdminPenalty, date=dates, against=st.sampled_from(d_ids)),
                                             max_size=2))),
        complaint_investigated=draw(tri()), source=list(src),
    )
    self_defence = None
    if draw(st.booleans()):
        self_defence = SelfDefence(
            defender=draw(st.sampled_from(d_ids)), attacker=draw(st.sampled_from(v_ids or d_ids)),
            claimed=draw(tri()), attack_in_progress=draw(tri()), attack_on_life=draw(tri()), armed=draw(tri()),
            life_threatening=draw(tri()), sexual=draw(tri()), dwelling_intrusion=draw(tri()), arson=draw(tri()),
            sudden=draw(tri()), could_not_assess_danger=draw(tri()),
            defender_means=draw(_maybe(st.sampled_from(["none", "knife", "hands"]))),
            court_considered_cc32=draw(tri()), court_considered_cc102=draw(tri()), source=list(src),
        )
    return Case(id="case-1", record=draw(st.sampled_from(RECORDS)), sources=sources, proceeding=proceeding,
                defendants=defendants, victims=victims, harm=harm, history=history, self_defence=self_defence)


# ---- encoded facts guided by a rule's condition ---------------------------------------------------


def _thresholds(spec: FactSpec, focus: list[Atom]) -> list[float]:
    out: set[float] = set()
    for a in focus:
        if a.fact.name == spec.name:
            n = float(a.value)
            out.update({n, n - 1, n + 1, n - 0.5, n + 0.5})
    return sorted(out) or [0.0, 1.0, 2.0, 5.0, 10.0]


def fact_values(spec: FactSpec, focus: list[Atom] | None = None) -> st.SearchStrategy[Any]:
    """Derived values of one fact (``None`` = unknown); numbers cluster around the focus atoms' thresholds."""
    if spec.kind == "bool":
        return tri()
    if spec.kind == "number":
        points = st.sampled_from(_thresholds(spec, focus or []))
        interval = st.tuples(points, points).map(lambda t: (min(t), max(t)))
        return st.one_of(st.none(), points, interval)
    if spec.kind == "enum":
        wanted = [v for a in focus or [] if a.fact.name == spec.name for v in a.value]
        domain = list(dict.fromkeys(wanted + list(spec.domain))) or ["other"]
        return _maybe(st.sampled_from(domain))
    items = st.sampled_from(list(spec.domain))
    return st.one_of(
        st.none(),
        st.frozensets(items, max_size=3),
        st.dictionaries(items, tri(), max_size=3),
    )


def _number_for(atom: Atom, satisfy: bool) -> float:
    op = atom.op if satisfy else atom.negate().op
    n = float(atom.value)
    return {"lt": n - 1, "lte": n, "gt": n + 1, "gte": n, "eq": n, "ne": n + 1}[op]


def encoded_facts(rule_set: RuleSet, rule: Rule | None = None, others_unknown: bool = False,
                  lean: bool | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """An encoded fact dict (as both engines read it).

    With ``rule``, the facts its condition reads are drawn around its own literals; with ``lean``
    (True: towards firing, False: towards silence) most of its atoms are then set to hold (or fail),
    so that witnesses of both are easy to reach.  The other facts are random, or all unknown with
    ``others_unknown``.
    """
    return _encoded(_Ref(rule_set), None if rule is None else rule.order, others_unknown, lean)


@st.composite
def _encoded(draw: st.DrawFn, ref: _Ref, order: int | None, others_unknown: bool, lean: bool | None) -> dict[str, Any]:
    rule_set = ref.rule_set
    rule = None if order is None else next(r for r in rule_set.rules if r.order == order)
    focus = atoms(rule.condition) if rule is not None else []
    read = {a.fact.name for a in focus}
    values: dict[str, Any] = {}
    for name, spec in rule_set.facts.items():
        if name in read or (not others_unknown and rule is None):
            values[name] = draw(fact_values(spec, focus))
        elif not others_unknown:
            values[name] = draw(st.one_of(st.none(), fact_values(spec)))
    if lean is not None:
        for atom in focus:
            if draw(st.integers(0, 3)) == 0:
                continue
            name, kind = atom.fact.name, atom.fact.kind
            if kind == "bool":
                values[name] = atom.value == lean
            elif kind == "set":
                current = values.get(name)
                merged = dict(current) if isinstance(current, dict) else {}
                merged[str(atom.item)] = atom.value == lean
                values[name] = merged
            elif kind == "enum":
                pool = list(atom.value) if lean else [v for v in atom.fact.domain if v not in atom.value]
                if pool:
                    values[name] = draw(st.sampled_from(pool))
            else:
                values[name] = _number_for(atom, lean)
    return encode(values, rule_set.facts)
