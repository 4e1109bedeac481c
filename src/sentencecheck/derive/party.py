"""Facts about the defendant, the victims, the harm and the history: the same for every charge.

Derivations that go beyond what the case file states are listed here and in docs/facts.md:
- a closed record (``record: decision`` or ``appeal_ruling``) turns the court's silence into a statement: no
  mitigating or aggravating circumstance recognised, no grounds for leniency, no exceptional circumstances, no
  plea agreement, CC 32 and 102 not examined;
- ``mitigating.present`` adds CC 53(1) item 9 (breach of the conditions of necessary defence) when the victim's
  attack was in progress, item 10 (the victim's unlawful conduct occasioned the offence) then or when the victim had
  abused the defendant before, item 4 from ``has_young_children``, item 3 from ``pregnant``, item 2 from an age
  under 18 (CC 53(3) removes, per charge, items that are an element of the article);
- ``aggravating.present`` adds CC 54(1) item 3 (group) from acting together, 7 (a pregnancy known to the offender,
  a young child, a helpless or dependent victim), 9 (special cruelty established), 10 (weapon), 12 (intoxication),
  15 (uniform) and 16 (law-enforcement officer using the official position); CC 54(2) removes, per charge, items
  3, 7 and 9 where the part charged qualifies the offence by them;
- harm counts for a defendant unless ``caused_by`` names other defendants;
- ``defence.no_excess`` is CC 32(3), second paragraph, in the text(s) in force from the offence to the decision.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from sentencecheck.derive.grounds import leniency_basis
from sentencecheck.derive.logic import Tri, k_and, k_any, k_not, k_or
from sentencecheck.derive.registry import derives
from sentencecheck.derive.timing import after_2024_law, lenient_window, new_codes, offence_window
from sentencecheck.law.book import StatuteBook
from sentencecheck.model.case import (
    FAMILY_RELATIONSHIPS,
    TERMINATIONS,
    Abuse,
    AgeRange,
    Case,
    Complaint,
    Defendant,
    Harm,
    Victim,
    span,
)

_UNANSWERED = ("none", "refused", "archived")
_SUBORDINATE = ("teacher", "superior", "carer")
_CHILD = ("child", "step_child")
_HARM_ORDER = ("none", "light", "moderate", "grievous")


def _items(values: list[int] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(str(i) for i in values)


def below(value: float | tuple[float, float] | None, limit: float) -> Tri:
    """Is a number (or every number of an interval) below ``limit``?  Unknown if the interval straddles it."""
    if value is None:
        return None
    lo, hi = value if isinstance(value, tuple) else (value, value)
    if hi < limit:
        return True
    return False if lo >= limit else None


def age_below(age: int | AgeRange | None, limit: float) -> Tri:
    """Is the age (a number or a range) below ``limit``?"""
    return below(span(age), limit)


def closed_value(value: Any, closed: bool, silence: Any) -> Any:
    """What the court stated: the value, or, where the record is the decision itself and it is silent, ``silence``."""
    return silence if value is None and closed else value


def person_facts(case: Case, d: Defendant, book: StatuteBook) -> dict[str, Any]:
    """Derived facts about one defendant and the case around them (later producers read earlier ones)."""
    v: dict[str, Any] = {}
    v.update(_proceeding_facts(case, book))
    v.update(_outcome_facts(case, d))
    v.update(_defendant_facts(case, d, book))
    v.update(_group_facts(case, d))
    v.update(_victim_facts(case, d, book))
    v.update(_harm_facts(case, d))
    v.update(_history_facts(case, d))
    v.update(_defence_facts(case, d, book))
    v.update(_earlier_facts(d))
    v.update(_review_facts(case, d))
    v.update(_court_reasons(case, d))
    v.update(_circumstance_facts(d, v, book))
    v.update(_torment_facts(case, d, v, book))
    return v


@derives("proceeding", "proceeding.instance", "proceeding.offence_year", "proceeding.after_public_outcry",
         "proceeding.new_code", "proceeding.after_2024_law")
def _proceeding_facts(case: Case, book: StatuteBook) -> dict[str, Any]:
    p = case.proceeding
    window = offence_window(p)
    return {
        "proceeding.instance": p.instance,
        "proceeding.offence_year": p.offence_date.year if p.offence_date else None,
        "proceeding.after_public_outcry": p.review_after_public_outcry,
        "proceeding.new_code": new_codes(book, window),
        "proceeding.after_2024_law": after_2024_law(book, window),
    }


@derives("defendant", "record.closed", "outcome", "outcome.dismissal_ground", "dismissal.ground_stated")
def _outcome_facts(case: Case, d: Defendant) -> dict[str, Any]:
    ground = d.outcome.dismissal_ground
    return {
        "record.closed": case.closed,
        "outcome": "reconciliation" if ground == "reconciliation" else d.outcome.kind,
        "outcome.dismissal_ground": ground,
        "dismissal.ground_stated": ground is not None,
    }


@derives("defendant", "defendant.sex", "defendant.age", "defendant.law_enforcement", "defendant.public_office",
         "defendant.used_official_position", "defendant.used_uniform", "defendant.prior_convictions",
         "defendant.prior_reconciliation_release", "defendant.intoxicated", "defendant.evaded_justice",
         "defendant.employed", "defendant.affect_examined", "defendant.exceptional_circumstances",
         "defendant.remained_in_contact", "defendant.cc68_2_person", "defendant.plea_agreement")
def _defendant_facts(case: Case, d: Defendant, book: StatuteBook) -> dict[str, Any]:
    closed = case.closed
    return {
        "defendant.sex": d.sex,
        "defendant.age": span(d.age),
        "defendant.law_enforcement": k_or(d.law_enforcement_officer, d.special_state_body, d.judge),
        "defendant.public_office": d.public_office,
        "defendant.used_official_position": d.used_official_position,
        "defendant.used_uniform": d.used_uniform_or_documents,
        "defendant.prior_convictions": d.prior_convictions,
        "defendant.prior_reconciliation_release": d.prior_reconciliation_release,
        "defendant.intoxicated": d.intoxicated,
        "defendant.evaded_justice": d.evaded_justice,
        "defendant.employed": d.employed,
        "defendant.affect_examined": closed_value(d.affect_examined, closed, False),
        "defendant.exceptional_circumstances": closed_value(d.exceptional_circumstances_recorded, closed, False),
        "defendant.remained_in_contact": d.remained_in_contact_with_victims,
        "defendant.cc68_2_person": _cc68_2_person(d, book, offence_window(case.proceeding)),
        "defendant.plea_agreement": closed_value(d.accelerated_or_plea_agreement, closed, False),
    }


@derives("defendant", "group.co_offenders", "group.acted_together", "group.prior_conspiracy")
def _group_facts(case: Case, d: Defendant) -> dict[str, Any]:
    together = d.acted_together_with
    co: int | None
    if together is not None:
        co = len(together)
    elif len(case.defendants) == 1:
        co = 0
    else:
        co = None
    return {"group.co_offenders": co, "group.acted_together": None if co is None else co > 0,
            "group.prior_conspiracy": d.prior_conspiracy}


@derives("defendant", "mitigating.recognised", "aggravating.recognised", "leniency.grounds", "leniency.basis",
         "mitigating.any_recognised", "cc55.part2_conditions")
def _court_reasons(case: Case, d: Defendant) -> dict[str, Any]:
    """What the court recognised and the grounds it gave (its silence in a closed record is a no)."""
    closed = case.closed
    rec_m = _items(closed_value(d.mitigating_recognised, closed, []))
    rec_a = _items(closed_value(d.aggravating_recognised, closed, []))
    given = closed_value(d.leniency_grounds, closed, [])
    grounds = None if given is None else frozenset(given)
    part2: Tri = None
    if rec_a is not None and rec_a or rec_m is not None and not rec_m:
        part2 = False
    elif rec_m is not None and rec_a is not None:
        part2 = True
    return {
        "mitigating.recognised": rec_m,
        "aggravating.recognised": rec_a,
        "leniency.grounds": grounds,
        "leniency.basis": leniency_basis(grounds, rec_m),
        "mitigating.any_recognised": None if rec_m is None else bool(rec_m),
        "cc55.part2_conditions": part2,
    }


@derives("defendant", "mitigating.present", "aggravating.present")
def _circumstance_facts(d: Defendant, v: dict[str, Any], book: StatuteBook) -> dict[str, Any]:
    """CC 53(1) and 54(1) items the facts establish, before the elements of the article charged are taken out."""
    return {"mitigating.present": _mitigating_present(d, v, book), "aggravating.present": _aggravating_present(d, v)}


def _cc68_2_person(d: Defendant, book: StatuteBook, window: tuple[date, date]) -> Tri:
    """Whether the defendant is one of the persons CC 68(2) lists, in the text(s) in force at the offence date
    (unknown where the text in force is recorded only in part)."""
    general = book.general
    assert general is not None
    sure_persons, maybe_persons, complete = general.cc68_persons(*window)
    female = None if d.sex is None else d.sex == "female"
    male = None if d.sex is None else d.sex == "male"
    classes: dict[str, Tri] = {
        "minor": age_below(d.age, general.age("minor_under")),
        "pregnant_woman": k_and(female, d.pregnant),
        "woman_with_young_child": k_and(female, d.has_young_children),
        "man_raising_young_child_alone": k_and(male, d.raises_young_child_alone),
        "woman_58_or_older": k_and(female, k_not(age_below(d.age, general.age("woman_at_least")))),
        "man_63_or_older": k_and(male, k_not(age_below(d.age, general.age("man_at_least")))),
    }
    sure = [classes[c] for c in sure_persons]
    if any(x is True for x in sure):
        return True
    maybe = [classes[c] for c in maybe_persons]
    if not complete or any(x is None for x in sure) or any(x is not False for x in maybe):
        return None
    return False


@derives("victims", "victim.count", "victim.female", "victim.known_to_offender", "victim.pregnant", "victim.minor",
         "victim.young_child", "victim.under_16", "victim.helpless", "victim.dependent", "victim.family",
         "victim.own_child", "victim.subordinate", "victim.penalised_after_complaint")
def _victim_facts(case: Case, d: Defendant, book: StatuteBook) -> dict[str, Any]:
    vs = case.victims
    general = book.general
    assert general is not None
    minor, young, sixteen = (general.age("minor_under"), general.age("young_child_under"),
                             general.age("victim_under"))
    v: dict[str, Any] = {"victim.count": len(vs) if vs else None}

    def any_of(fn: Callable[[Victim], Tri]) -> Tri:
        return k_any(fn(x) for x in vs)

    v["victim.female"] = any_of(lambda x: None if x.sex is None else x.sex == "female")
    v["victim.known_to_offender"] = any_of(lambda x: x.known_to_offender)
    v["victim.pregnant"] = any_of(lambda x: False if x.pregnant is None and x.sex == "male" else x.pregnant)
    v["victim.minor"] = any_of(lambda x: age_below(x.age, minor))
    v["victim.young_child"] = any_of(lambda x: age_below(x.age, young))
    v["victim.under_16"] = any_of(lambda x: age_below(x.age, sixteen))
    v["victim.helpless"] = any_of(lambda x: x.disabled_or_helpless)
    # a stranger has no bond with the offender to depend on; any other relationship leaves dependence to the file
    v["victim.dependent"] = any_of(
        lambda x: False
        if x.dependent_on_offender is None and x.relationship.get(d.id) == "stranger"
        else x.dependent_on_offender
    )
    v["victim.family"] = any_of(
        lambda x: (x.relationship[d.id] in FAMILY_RELATIONSHIPS) if d.id in x.relationship else None
    )
    v["victim.own_child"] = any_of(lambda x: (x.relationship[d.id] in _CHILD) if d.id in x.relationship else None)
    v["victim.subordinate"] = any_of(
        lambda x: (x.relationship[d.id] in _SUBORDINATE) if d.id in x.relationship else None
    )
    v["victim.penalised_after_complaint"] = any_of(lambda x: x.penalised_after_complaint)
    return v


def harms_of(case: Case, d: Defendant) -> tuple[list[Harm], list[Harm]]:
    """The harm this defendant caused: (certainly: ``caused_by`` names the defendant, or there is one defendant;
    perhaps: ``caused_by`` is not stated and there are several defendants)."""
    single = len(case.defendants) == 1
    certain = [h for h in case.harm if (h.caused_by is None and single) or (h.caused_by and d.id in h.caused_by)]
    perhaps = [h for h in case.harm if h.caused_by is None and not single]
    return certain, perhaps


@derives("harm", "harm.death", "harm.severity", "harm.lasting_disability", "harm.grave", "harm.beating",
         "harm.wounds", "harm.weapon", "harm.special_cruelty", "harm.sexual_violence", "harm.suicide")
# the report cites the defendant's sources for the conduct, as it did before the areas were declared
@derives("defendant", "conduct.sexual_harassment", "conduct.sexual_coercion")
def _harm_facts(case: Case, d: Defendant) -> dict[str, Any]:
    certain, perhaps = harms_of(case, d)
    hs = certain + perhaps

    def any_harm(fn: Callable[[Harm], Tri]) -> Tri:
        """True if a harm of this defendant has it; a harm that may be another defendant's only makes it possible."""
        return k_any([fn(h) for h in certain] + [k_and(fn(h), None) for h in perhaps])

    harmed = {h.victim for h in certain}
    maybe_harmed = {h.victim for h in perhaps}
    single = len(case.defendants) == 1
    died: list[Tri] = []
    for x in case.victims:
        if x.id in harmed or (single and not case.harm):
            died.append(x.deceased)
        elif x.id in maybe_harmed or not case.harm:
            died.append(k_and(x.deceased, None))
    v: dict[str, Any] = {}
    v["harm.death"] = k_or(any_harm(lambda h: h.death), k_any(died))
    known = [h.severity for h in certain if h.severity is not None]
    graver_elsewhere = any(h.severity is not None and (not known or _HARM_ORDER.index(h.severity)
                                                       > _HARM_ORDER.index(max(known, key=_HARM_ORDER.index)))
                           for h in perhaps)
    if v["harm.death"] is True:
        v["harm.severity"] = "grievous"
    elif ("grievous" in known or (known and len(known) == len(certain))) and not graver_elsewhere:
        v["harm.severity"] = max(known, key=_HARM_ORDER.index)
    else:
        v["harm.severity"] = None
    v["harm.lasting_disability"] = any_harm(lambda h: h.lasting_disability)
    grievous = None if v["harm.severity"] is None else v["harm.severity"] == "grievous"
    v["harm.grave"] = k_or(v["harm.death"], grievous)  # a lasting disability alone may be moderate harm
    v["harm.beating"] = any_harm(lambda h: h.beating)
    wounds = [span(h.wounds) for h in certain if h.wounds is not None]
    v["harm.wounds"] = _max_span(wounds) if not perhaps else (None if not wounds else _widen(_max_span(wounds)))
    v["harm.weapon"] = any_harm(lambda h: None if h.weapon is None else h.weapon != "none")
    v["harm.special_cruelty"] = any_harm(lambda h: h.special_cruelty_established)
    v["harm.sexual_violence"] = any_harm(lambda h: h.sexual_violence)
    suicides = [h.suicide for h in hs if h.suicide is not None]
    v["harm.suicide"] = (
        "completed" if "completed" in suicides else "attempted" if "attempted" in suicides
        else ("none" if suicides and len(suicides) == len(hs) else None)
    ) if not perhaps or not suicides else None
    v["conduct.sexual_harassment"] = any_harm(lambda h: h.sexual_harassment)
    v["conduct.sexual_coercion"] = any_harm(lambda h: h.sexual_coercion)
    return v


def _widen(value: float | tuple[float, float] | None) -> float | tuple[float, float] | None:
    """A count that other harms, perhaps this defendant's, may raise: at least ``value``."""
    if value is None:
        return None
    lo = value[0] if isinstance(value, tuple) else value
    return (lo, 1000.0)


def _max_span(values: list[float | tuple[float, float] | None]) -> float | tuple[float, float] | None:
    known = [x for x in values if x is not None]
    if not known:
        return None
    lo = max(x[0] if isinstance(x, tuple) else x for x in known)
    hi = max(x[1] if isinstance(x, tuple) else x for x in known)
    return lo if lo == hi else (lo, hi)


def _abuse(entries: Iterable[Abuse], by: set[str], against: set[str]) -> tuple[Tri, float | None, Tri]:
    """Whether ``by`` abused ``against`` before (true, false when the source says there was none, unknown), for
    how long, and whether systematically."""
    rows = [a for a in entries if a.by in by and a.against in against]
    happened = [a for a in rows if a.occurred]
    if happened:
        years = [a.years for a in happened if a.years is not None]
        return True, (max(years) if years else None), k_any(a.systematic for a in happened)
    if rows:
        return False, 0.0, False
    return None, None, None


@derives("history", "history.prior_abuse", "history.abuse_years", "history.systematic_abuse",
         "history.abused_by_victim", "history.abused_by_victim_years", "history.complaints_by_victim",
         "history.complaints_by_defendant", "history.complaints_by_victim_unanswered",
         "history.complaints_by_defendant_unanswered", "history.protective_order",
         "history.protective_order_violated", "history.violation_unpenalised", "history.admin_penalties",
         "history.admin_penalty_within_year", "history.complaint_investigated")
def _history_facts(case: Case, d: Defendant) -> dict[str, Any]:
    h = case.history
    p = case.proceeding
    # with only the year known, complaints made that year still count as before the offence
    offence = offence_window(p)[1] if p.offence_date else None
    victims = {x.id for x in case.victims}
    v: dict[str, Any] = {}
    if h.abuse is None:
        v.update({k: None for k in ("history.prior_abuse", "history.abuse_years", "history.systematic_abuse",
                                    "history.abused_by_victim", "history.abused_by_victim_years")})
    else:
        v["history.prior_abuse"], v["history.abuse_years"], v["history.systematic_abuse"] = _abuse(
            h.abuse, {d.id}, victims)
        v["history.abused_by_victim"], v["history.abused_by_victim_years"], _ = _abuse(h.abuse, victims, {d.id})
    complaints: list[Complaint] | None = (
        None if h.police_complaints is None
        else [c for c in h.police_complaints if c.date is None or offence is None or c.date <= offence]
    )
    if complaints is None:
        for name in ("by_victim", "by_defendant", "by_victim_unanswered", "by_defendant_unanswered"):
            v[f"history.complaints_{name}"] = None
    else:
        by_victim = [c for c in complaints if c.by in victims and c.against == d.id]
        by_def = [c for c in complaints if c.by == d.id and c.against in victims]
        v["history.complaints_by_victim"] = len(by_victim)
        v["history.complaints_by_defendant"] = len(by_def)
        v["history.complaints_by_victim_unanswered"] = sum(1 for c in by_victim if c.police_action in _UNANSWERED)
        v["history.complaints_by_defendant_unanswered"] = sum(1 for c in by_def if c.police_action in _UNANSWERED)
    if h.protective_orders is None:
        v["history.protective_order"] = None
        v["history.protective_order_violated"] = None
        v["history.violation_unpenalised"] = None
    else:
        orders = [o for o in h.protective_orders if o.against == d.id]
        v["history.protective_order"] = bool(orders)
        v["history.protective_order_violated"] = k_any(o.violated for o in orders) if orders else False
        v["history.violation_unpenalised"] = (
            k_any(k_and(o.violated, k_not(o.violation_penalised)) for o in orders) if orders else False
        )
    if h.admin_penalties is None:
        v["history.admin_penalties"] = None
        v["history.admin_penalty_within_year"] = None
    else:
        mine = [a for a in h.admin_penalties if a.against == d.id]
        v["history.admin_penalties"] = len(mine)
        v["history.admin_penalty_within_year"] = within_year(
            [a.date for a in mine], offence_window(p) if p.offence_date else None)
    v["history.complaint_investigated"] = h.complaint_investigated
    return v


def within_year(dates: list[date | None], window: tuple[date, date] | None) -> Tri:
    """Was one of these earlier penalties imposed within the year before the offence?"""
    if not dates:
        return False
    if window is None:
        return None
    start, end = window
    states: list[Tri] = []
    for when in dates:
        if when is None:
            states.append(None)
        elif when > end:
            states.append(False)
        elif start - timedelta(days=365) <= when and when <= start:
            states.append(True)
        elif when < end - timedelta(days=365):
            states.append(False)
        else:
            states.append(None)
    return k_any(states)


@derives("self_defence", "defence.claimed", "defence.attack_in_progress", "defence.armed",
         "defence.life_threatening", "defence.sexual", "defence.is_defender", "defence.no_excess",
         "defence.hours_after_attack", "defence.court_considered_cc32", "defence.court_considered_cc102",
         "defence.court_finding", "defence.fear_or_confusion", "defence.court_considered_cc66")
def _defence_facts(case: Case, d: Defendant, book: StatuteBook) -> dict[str, Any]:
    sd = case.self_defence
    names = ("claimed", "attack_in_progress", "armed", "life_threatening", "sexual")
    victims = {x.id for x in case.victims}
    if sd is None or sd.defender != d.id or sd.attacker not in victims:
        out: dict[str, Any] = {f"defence.{n}": None for n in names}
        out.update({"defence.is_defender": False, "defence.no_excess": None, "defence.hours_after_attack": None,
                    "defence.court_considered_cc32": None, "defence.court_considered_cc102": None,
                    "defence.court_finding": None, "defence.fear_or_confusion": None,
                    "defence.court_considered_cc66": None})
        return out
    out = {f"defence.{n}": getattr(sd, n) for n in names}
    out["defence.is_defender"] = True
    out["defence.hours_after_attack"] = sd.hours_after_attack
    closed = case.closed
    considered32 = closed_value(sd.court_considered_cc32, closed, False)
    out["defence.court_considered_cc32"] = considered32
    out["defence.court_considered_cc102"] = closed_value(sd.court_considered_cc102, closed, False)
    out["defence.fear_or_confusion"] = sd.fear_or_confusion
    out["defence.court_considered_cc66"] = closed_value(sd.court_considered_cc66, closed, False)
    out["defence.court_finding"] = sd.court_finding or ("not_examined" if considered32 is False else None)
    assert book.general is not None
    clauses = book.general.never_excess(*lenient_window(case.proceeding))
    facts: dict[str, Tri] = {
        "attack_on_life": sd.attack_on_life,
        "armed": sd.armed,
        "life_threatening": sd.life_threatening,
        "dwelling_intrusion": sd.dwelling_intrusion,
        "arson": sd.arson,
        "sudden_unassessable": k_and(sd.sudden, sd.could_not_assess_danger),
    }
    kinds = [k_and(facts[c], clauses.has(c)) for c in clauses.possible]
    out["defence.no_excess"] = k_and(sd.attack_in_progress, k_or(*kinds) if kinds else False)
    return out


@derives("defendant", "review.worsened", "review.prosecution_side_appealed")
def _review_facts(case: Case, d: Defendant) -> dict[str, Any]:
    """Did this appeal (cassation, review) worsen the defendant's position, and did the prosecution side (the
    prosecutor or the victim) ask for it? An appeal ruling names the complaints it decides: its silence is a no."""
    from sentencecheck.derive.charge import custodial_years

    p = case.proceeding
    ruling = case.record == "appeal_ruling"
    side = k_or(closed_value(p.prosecution_appealed, ruling, False), closed_value(p.victim_appealed, ruling, False))
    e, now = d.earlier, d.outcome.kind if d.outcome else None
    worsened: Tri = None
    if e is not None and p.instance in ("appeal", "cassation", "review") and now is not None:
        if now == "convicted" and e.outcome in TERMINATIONS | {"acquitted"}:
            worsened = True
        elif now != "convicted" and now in TERMINATIONS | {"acquitted"}:
            worsened = False
        elif now == "convicted" and e.outcome == "convicted":
            before, after = custodial_years(e.sentence), custodial_years(d.sentence)
            if before is not None and after is not None and (before or after):
                lo_b, hi_b = (before if isinstance(before, tuple) else (before, before))
                lo_a, hi_a = (after if isinstance(after, tuple) else (after, after))
                worsened = True if lo_a > hi_b else (False if hi_a <= lo_b else None)
    return {"review.worsened": worsened, "review.prosecution_side_appealed": side}


@derives("defendant", "earlier.outcome", "earlier.custodial_years")
def _earlier_facts(d: Defendant) -> dict[str, Any]:
    from sentencecheck.derive.charge import custodial_years

    e = d.earlier
    if e is None:
        return {"earlier.outcome": None, "earlier.custodial_years": None}
    return {"earlier.outcome": e.outcome, "earlier.custodial_years": custodial_years(e.sentence)}


def _mitigating_present(d: Defendant, v: dict[str, Any], book: StatuteBook) -> dict[str, Tri]:
    """CC 53(1) items the facts establish; ``10_beyond_attack`` keeps item 10 without the attack itself, for the
    articles of which the attack is an element (CC 53(3))."""
    general = book.general
    assert general is not None
    out: dict[str, Tri] = {str(i): True for i in d.mitigating_in_facts}
    under_attack = k_and(v["defence.is_defender"], v["defence.attack_in_progress"])
    abused_before = v["history.abused_by_victim"]
    out["10_beyond_attack"] = True if 10 in d.mitigating_in_facts else abused_before
    derived = {
        "9": under_attack,
        "10": k_or(under_attack, abused_before),
        "4": d.has_young_children,
        "3": d.pregnant,
        "2": age_below(d.age, general.age("minor_under")),
    }
    for item, value in derived.items():
        if out.get(item) is not True and value is not None:
            out[item] = value
    return out


def _aggravating_present(d: Defendant, v: dict[str, Any]) -> dict[str, Tri]:
    out: dict[str, Tri] = {str(i): True for i in d.aggravating_in_facts}
    derived = {
        "3": v["group.acted_together"],
        "7": k_or(k_and(v["victim.pregnant"], v["victim.known_to_offender"]), v["victim.young_child"],
                  v["victim.helpless"], v["victim.dependent"]),
        "9": v["harm.special_cruelty"],
        "10": v["harm.weapon"],
        "12": d.intoxicated,
        "15": d.used_uniform_or_documents,
        "16": k_and(v["defendant.law_enforcement"], d.used_official_position),
    }
    for item, value in derived.items():
        if out.get(item) is not True and value is not None:
            out[item] = value
    return out


@derives("defendant", "torment.elements", "torment.time_barred", "suicide.time_barred")
def _torment_facts(case: Case, d: Defendant, v: dict[str, Any], book: StatuteBook) -> dict[str, Any]:
    """CC 110: whether the defendant's abuse of the victim is torment under the text that applies (the later,
    narrower text applies to an earlier offence under CC 6), and whether CC 110(2)'s limitation period had run."""
    assert book.general is not None
    cruelty = v["harm.special_cruelty"]  # the case fact covers special cruelty, mockery and torment
    signs: dict[str, Tri] = {"systematic_violence": v["history.systematic_abuse"], "special_cruelty": cruelty,
                             "mockery": cruelty, "aim_of_tormenting": cruelty}
    texts = book.general.torment_texts(*lenient_window(case.proceeding))
    values = [k_or(*(signs[s] for s in text)) for text in texts]
    # the later, narrower text applies to an earlier offence (CC 6): where the texts that may apply disagree, or
    # where it is unknown which applies, the answer is unknown
    state: Tri = values[0] if values and all(x == values[0] for x in values) else None
    minor = v["victim.minor"]
    return {"torment.elements": k_and(v["history.prior_abuse"], state),
            "torment.time_barred": time_barred(book, case, "grave"),
            # CC 105: medium gravity (parts 1-2), grave for a minor victim (part 3)
            "suicide.time_barred": time_barred(book, case, "grave") if minor is True else
            time_barred(book, case, "medium") if minor is False else
            k_and(time_barred(book, case, "medium"), time_barred(book, case, "grave"))}


def time_barred(book: StatuteBook, case: Case, category: str) -> Tri:
    """Had the CC 71(1) period of ``category`` run between the offence and the decision?"""
    assert book.general is not None
    p = case.proceeding
    if p.offence_date is None or p.decision_date is None:
        return None
    start, end = offence_window(p)
    years = book.general.limitation_years(category, start, end)
    if years is None:
        return None
    if p.decision_date >= _add_years(end, years):  # even for the latest possible offence date
        return True
    return False if p.decision_date < _add_years(start, years) else None


def _add_years(day: date, years: float) -> date:
    whole = int(years)
    try:
        moved = day.replace(year=day.year + whole)
    except ValueError:  # 29 February
        moved = day.replace(year=day.year + whole, day=28)
    return moved + timedelta(days=round((years - whole) * 365))


__all__ = ["age_below", "closed_value", "harms_of", "new_codes", "person_facts"]
