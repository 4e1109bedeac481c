"""Facts about the defendant, the victims, the harm and the history: the same for every charge.

Derivations that go beyond what the case file states are listed here and in docs/facts.md:
- ``mitigating.present`` adds CC 53(1) item 9 (breach of the conditions of necessary defence) and
  item 10 (the victim's unlawful conduct occasioned the offence) when the defendant was under an
  attack in progress by the victim; item 10 also when the victim had abused the defendant before;
  item 4 from ``has_young_children``, item 3 from ``pregnant``, item 2 from age under 18;
- ``aggravating.present`` adds CC 54(1) item 3 (group) from acting together, 7 (young child,
  helpless or dependent victim), 9 (special cruelty established), 10 (weapon), 12 (intoxication),
  15 (uniform) and 16 (law-enforcement officer using the official position);
- ``defence.no_excess`` is CC 32(3) second paragraph: an armed or life-threatening or sudden attack.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sentencecheck.derive.logic import Tri, k_and, k_any, k_not, k_or
from sentencecheck.model.case import FAMILY_RELATIONSHIPS, Case, Complaint, Defendant

_UNANSWERED = ("none", "refused", "archived")
_SUBORDINATE = ("teacher", "superior", "carer")
_CHILD = ("child", "step_child")
_HARM_ORDER = ("none", "light", "moderate", "grievous")


def _before(d: date | None, offence: date | None) -> bool:
    return d is None or offence is None or d <= offence


def _items(values: list[int] | None) -> frozenset[str] | None:
    return None if values is None else frozenset(str(i) for i in values)


def person_facts(case: Case, d: Defendant) -> dict[str, Any]:
    """Derived facts about one defendant and the case around them."""
    v: dict[str, Any] = {}
    p = case.proceeding
    v["proceeding.instance"] = p.instance
    v["proceeding.offence_year"] = p.offence_date.year if p.offence_date else None
    v["proceeding.after_public_outcry"] = p.review_after_public_outcry
    v["outcome"] = d.outcome.kind
    v["defendant.sex"] = d.sex
    v["defendant.age"] = d.age
    v["defendant.law_enforcement"] = k_or(d.law_enforcement_officer, d.special_state_body, d.judge)
    v["defendant.public_office"] = d.public_office
    v["defendant.used_official_position"] = d.used_official_position
    v["defendant.used_uniform"] = d.used_uniform_or_documents
    v["defendant.prior_convictions"] = d.prior_convictions
    v["defendant.prior_reconciliation_release"] = d.prior_reconciliation_release
    v["defendant.intoxicated"] = d.intoxicated
    v["defendant.exceptional_circumstances"] = d.exceptional_circumstances_recorded
    v["defendant.remained_in_contact"] = d.remained_in_contact_with_victims
    v["defendant.cc68_2_person"] = _cc68_2_person(d)

    if d.acted_together_with:
        co: int | None = len(d.acted_together_with)
    elif len(case.defendants) == 1:
        co = 0
    else:
        co = None
    v["group.co_offenders"] = co
    v["group.acted_together"] = None if co is None else co > 0
    v["group.prior_conspiracy"] = d.prior_conspiracy

    v.update(_victim_facts(case, d))
    v.update(_harm_facts(case))
    v.update(_history_facts(case, d))
    v.update(_defence_facts(case, d))

    v["mitigating.recognised"] = _items(d.mitigating_recognised)
    v["aggravating.recognised"] = _items(d.aggravating_recognised)
    v["leniency.grounds"] = None if d.leniency_grounds is None else frozenset(d.leniency_grounds)
    rec_m, rec_a = v["mitigating.recognised"], v["aggravating.recognised"]
    part2: Tri = None
    if rec_a is not None and rec_a or rec_m is not None and not rec_m:
        part2 = False
    elif rec_m is not None and rec_a is not None:
        part2 = True
    v["cc55.part2_conditions"] = part2
    v["cc55.below_min_permitted"] = k_or(d.exceptional_circumstances_recorded, part2, d.accelerated_or_plea_agreement)
    v["mitigating.present"] = _mitigating_present(d, v)
    v["aggravating.present"] = _aggravating_present(d, v)
    return v


def _cc68_2_person(d: Defendant) -> Tri:
    female = None if d.sex is None else d.sex == "female"
    male = None if d.sex is None else d.sex == "male"
    age = d.age
    return k_or(
        None if age is None else age < 18,
        k_and(female, d.pregnant),
        k_and(female, d.has_young_children),
        k_and(male, d.raises_young_child_alone),
        k_and(female, None if age is None else age >= 58),
        k_and(male, None if age is None else age >= 63),
    )


def _victim_facts(case: Case, d: Defendant) -> dict[str, Any]:
    vs = case.victims
    v: dict[str, Any] = {"victim.count": len(vs) if vs else None}

    def any_of(fn: Any) -> Tri:
        return k_any(fn(x) for x in vs)

    v["victim.female"] = any_of(lambda x: None if x.sex is None else x.sex == "female")
    v["victim.pregnant"] = any_of(lambda x: x.pregnant)
    v["victim.minor"] = any_of(lambda x: None if x.age is None else x.age < 18)
    v["victim.young_child"] = any_of(lambda x: None if x.age is None else x.age < 14)
    v["victim.helpless"] = any_of(lambda x: x.disabled_or_helpless)
    v["victim.dependent"] = any_of(lambda x: x.dependent_on_offender)
    v["victim.family"] = any_of(
        lambda x: (x.relationship[d.id] in FAMILY_RELATIONSHIPS) if d.id in x.relationship else None
    )
    v["victim.own_child"] = any_of(
        lambda x: (x.relationship[d.id] in _CHILD) if d.id in x.relationship else None
    )
    v["victim.subordinate"] = any_of(
        lambda x: (x.relationship[d.id] in _SUBORDINATE) if d.id in x.relationship else None
    )
    v["victim.retaliation"] = any_of(lambda x: x.retaliation_against_complainant)
    return v


def _harm_facts(case: Case) -> dict[str, Any]:
    hs = case.harm
    v: dict[str, Any] = {}
    v["harm.death"] = k_or(k_any(h.death for h in hs), k_any(x.deceased for x in case.victims))
    known = [h.severity for h in hs if h.severity is not None]
    if any(h.death for h in hs):
        v["harm.severity"] = "grievous"
    elif "grievous" in known or (known and len(known) == len(hs)):
        v["harm.severity"] = max(known, key=_HARM_ORDER.index)
    else:
        v["harm.severity"] = None
    v["harm.lasting_disability"] = k_any(h.lasting_disability for h in hs)
    wounds = [h.wounds for h in hs if h.wounds is not None]
    v["harm.wounds"] = max(wounds) if wounds else None
    v["harm.weapon"] = k_any(None if h.weapon is None else h.weapon != "none" for h in hs)
    v["harm.special_cruelty"] = k_any(h.special_cruelty_established for h in hs)
    v["harm.sexual_violence"] = k_any(h.sexual_violence for h in hs)
    v["conduct.sexual_harassment"] = k_any(h.sexual_harassment for h in hs)
    return v


def _history_facts(case: Case, d: Defendant) -> dict[str, Any]:
    h = case.history
    p = case.proceeding
    # with only the year known, complaints made that year still count as before the offence
    offence = date(p.offence_date.year, 12, 31) if p.offence_date and p.offence_date_approximate else p.offence_date
    victims = {x.id for x in case.victims}
    v: dict[str, Any] = {"history.prior_abuse": h.prior_abuse, "history.abuse_years": h.abuse_duration_years}
    complaints: list[Complaint] | None = (
        None if h.police_complaints is None else [c for c in h.police_complaints if _before(c.date, offence)]
    )
    if complaints is None:
        for name in ("by_victim", "by_defendant", "unanswered"):
            v[f"history.complaints_{name}"] = None
    else:
        by_victim = [c for c in complaints if c.by in victims and c.against == d.id]
        by_def = [c for c in complaints if c.by == d.id and c.against in victims]
        v["history.complaints_by_victim"] = len(by_victim)
        v["history.complaints_by_defendant"] = len(by_def)
        v["history.complaints_unanswered"] = sum(1 for c in by_victim + by_def if c.police_action in _UNANSWERED)
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
    v["history.admin_penalties"] = (
        None if h.admin_penalties is None else sum(1 for a in h.admin_penalties if a.against == d.id)
    )
    v["history.complaint_investigated"] = h.complaint_investigated
    return v


def _defence_facts(case: Case, d: Defendant) -> dict[str, Any]:
    sd = case.self_defence
    names = ("attack_in_progress", "armed", "life_threatening", "sexual", "sudden", "court_considered_cc32",
             "court_considered_cc102")
    if sd is None or sd.defender != d.id:
        out: dict[str, Any] = {f"defence.{n}": None for n in names}
        out["defence.is_defender"] = False
        out["defence.no_excess"] = None
        return out
    out = {f"defence.{n}": getattr(sd, n) for n in names}
    out["defence.is_defender"] = True
    out["defence.no_excess"] = k_and(sd.attack_in_progress, k_or(sd.armed, sd.life_threatening, sd.sudden))
    return out


def _mitigating_present(d: Defendant, v: dict[str, Any]) -> dict[str, Tri]:
    out: dict[str, Tri] = {str(i): True for i in d.mitigating_in_facts}
    under_attack = k_and(v["defence.is_defender"], v["defence.attack_in_progress"])
    abused_before = k_and(v["defence.is_defender"], v["history.prior_abuse"])
    derived = {
        "9": under_attack,
        "10": k_or(under_attack, abused_before),
        "4": d.has_young_children,
        "3": d.pregnant,
        "2": None if d.age is None else d.age < 18,
    }
    for item, value in derived.items():
        if out.get(item) is not True and value is not None:
            out[item] = value
    return out


def _aggravating_present(d: Defendant, v: dict[str, Any]) -> dict[str, Tri]:
    out: dict[str, Tri] = {str(i): True for i in d.aggravating_in_facts}
    derived = {
        "3": v["group.acted_together"],
        "7": k_or(v["victim.young_child"], v["victim.helpless"], v["victim.dependent"]),
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
