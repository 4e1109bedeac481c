"""Facts about one charge under one candidate version of its article: the statutory range, the sentence's position
in it, CC 55, 56, 63 and 68 as the general part in force says, the article the facts support, the limitation period.

Units: imprisonment, restriction of liberty and conditional sentences in years; arrest in days (administrative
arrest given in hours counts hours / 24); community work in hours; fines and corrective labour in MCI.  A life
sentence is compared as an interval longer than any fixed term.  No number of the general part is written here:
:mod:`sentencecheck.law.general` reads them from ``rules/law``.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Any

from sentencecheck.derive.aggravation import aggravating_facts
from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
from sentencecheck.derive.party import age_below, below, time_barred, within_year
from sentencecheck.derive.qualifiers import carries, charge_memo, graver_parts, qualifier_facts
from sentencecheck.derive.registry import derives
from sentencecheck.derive.timing import offence_window
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.general import GeneralPart
from sentencecheck.law.lookup import applicable_versions, period_place
from sentencecheck.law.schema import Part, Version
from sentencecheck.model.case import ArticleRef, Case, Charge, Defendant, Sentence
from sentencecheck.rules.encoding import BIG

LIFE_YEARS = (100.0, BIG - 1)
"""Life imprisonment compared as a term longer than any fixed one (the case model caps terms at 100 years)."""
NOT_SENTENCED = ("acquitted", "dismissed", "reconciliation", "complaint_archived", "no_proceedings")
_KIND_UNIT = {
    "imprisonment": "years",
    "restriction_of_liberty": "years",
    "conditional": "years",
    "life": "years",
    "fine": "mci",
    "corrective_labour": "mci",
    "admin_fine": "mci",
    "community_work": "hours",
    "arrest": "days",
    "admin_arrest": "days",
}
_SANCTION_OF = {"conditional": "imprisonment"}
Amount = float | tuple[float, float]


def sentence_of(d: Defendant, charge: Charge | None) -> Sentence | None:
    if charge is not None and charge.sentence is not None:
        return charge.sentence
    if len(d.charges) <= 1:
        return d.sentence
    return None


def amount(s: Sentence) -> Amount | None:
    """The sentence in the unit of its kind."""
    t = s.term
    unit = _KIND_UNIT.get(s.kind)
    if s.kind == "life":
        return LIFE_YEARS
    if unit == "years":
        return t.in_years()
    if unit == "mci":
        return t.mci
    if unit == "hours":
        return t.hours
    if unit == "days":
        if t.days is None and t.hours is None:
            return None
        return (t.days or 0) + (t.hours or 0) / 24
    return None


def custodial_years(s: Sentence | None) -> Amount | None:
    if s is None:
        return None
    if s.kind == "life":
        return LIFE_YEARS
    if s.kind == "imprisonment":
        return s.term.in_years()
    return 0.0


def _lo(x: Amount | None) -> float | None:
    return x[0] if isinstance(x, tuple) else x


def _hi(x: Amount) -> float:
    return x[1] if isinstance(x, tuple) else x


def _ratio(x: Amount | None, base: float | None) -> Amount | None:
    if x is None or not base:
        return None
    if isinstance(x, tuple):
        return (x[0] / base, min(x[1] / base, BIG - 1))
    return x / base


def _gp(book: StatuteBook) -> GeneralPart:
    assert book.general is not None, "the statute book was loaded without its general part"
    return book.general


def _unfinished(book: StatuteBook, stage: str, window: tuple[date, date]) -> Fraction | None:
    """CC 56: the share of the maximum for an attempt or preparation (the most lenient text in force)."""
    if stage == "completed":
        return None
    shares = _gp(book).unfinished_share(stage, *window)
    return shares[0] if shares else None


def _imprisonment(v: Version, share: Fraction | None) -> tuple[float | None, float | None, bool]:
    imp = v.sanction("imprisonment")
    life = v.sanction("life") is not None
    if imp is None:
        return None, None, life
    top = imp.max
    if top is not None and share is not None:
        top = float(top * share)
    return imp.min or 0.0, top, life


def citations(code: str, article: str | None, part: str | None) -> list[str]:
    """The forms in which the data may name a provision: 'CC 120(1)' and 'CC 120'."""
    if article is None:
        return []
    base = f"{code} {article}"
    return [f"{base}({part})", base] if part else [base]


def charge_facts(
    book: StatuteBook, case: Case, d: Defendant, charge: Charge | None, version: Version | None, date_certain: bool,
    person: dict[str, Any],
) -> dict[str, Any]:
    """Derived facts for one charge under one candidate version (later producers read earlier ones)."""
    v: dict[str, Any] = {}
    window = offence_window(case.proceeding)
    s = sentence_of(d, charge)
    if s is None and person["outcome"] in NOT_SENTENCED:
        s = Sentence(kind="none", source=[])
    stage = charge.stage if charge else "completed"
    share = _unfinished(book, stage, window)
    v.update(_charge_facts(charge, version))
    v.update(_law_facts(version, date_certain, share, person))
    if charge is not None:
        v.update(_repeat_facts(case, d, charge))
        v.update(_group_qualifiers(book, charge, case))
        v.update(qualifier_facts(book, case, charge, person))
        v.update(_private_public(book, charge))
        v.update(_limitation_facts(book, case, version, person, window))
    v.update(_sentence_facts(s))
    v.update(_position(version, s, share, stage, v.get("limitation.expired")))
    v.update(_requests(d, s))
    v.update(_cc55(book, case, charge, version, s, person, window))
    v.update(_conditional(book, version, s, person, window))
    v.update(_supported(book, case, charge, version, s))
    v.update(reference_facts(book, case))
    v.update(_homicide_ratio(v))
    if charge is not None:
        v.update(_group_part(book, charge, case))
    v.update(_reconciliation(book, version, charge, person, window))
    v.update(_defence_examined(book, charge, person))
    v.update(_mitigation(book, charge, person))
    v.update(aggravating_facts(book, case, charge, person, v))
    v.update(_ground_fits(person, v))
    return v


@derives("charge", "charge.code", "charge.article", "charge.part", "charge.paragraph", "charge.stage",
         "charge.modelled")
def _charge_facts(charge: Charge | None, version: Version | None) -> dict[str, Any]:
    if charge is None:
        return {"charge.code": None, "charge.article": None, "charge.part": None, "charge.paragraph": None,
                "charge.stage": None, "charge.modelled": version is not None}
    return {
        "charge.code": charge.code,
        "charge.article": f"{charge.code} {charge.article}" if charge.article else None,
        "charge.part": charge.part or ("none" if version is not None else None),
        "charge.paragraph": charge.paragraph,
        "charge.stage": charge.stage,
        "charge.modelled": version is not None,
    }


@derives("charge", refines=("charge.part",))
def unstated_part() -> dict[str, Any]:
    """A charge whose part the case file does not state: every part is a candidate, none is the part charged."""
    return {"charge.part": None}


@derives("charge", "law.date_certain", "law.category", "law.against_life_or_health", "law.sexual_offence",
         "law.negligent", "law.causes_death", "law.covers_grave_harm", "law.imprisonment_allowed", "law.min_years",
         "law.max_years", "law.life_allowed")
def _law_facts(version: Version | None, date_certain: bool, share: Fraction | None,
               person: dict[str, Any]) -> dict[str, Any]:
    """The candidate version of the article charged: its category, what it protects, its range of imprisonment."""
    if version is None:
        return {"law.date_certain": None}
    lo_min, hi_max, life = _imprisonment(version, share)
    return {
        "law.date_certain": date_certain,
        "law.category": None if version.category in ("general_part", "unknown") else version.category,
        "law.against_life_or_health": version.against_life_or_health,
        "law.sexual_offence": version.sexual_offence,
        "law.negligent": version.negligent,
        "law.causes_death": version.causes_death or person["harm.death"] is True,
        "law.covers_grave_harm": version.grave_harm or version.causes_death,
        "law.imprisonment_allowed": version.sanction("imprisonment") is not None,
        "law.min_years": lo_min,
        "law.max_years": hi_max,
        "law.life_allowed": life,
    }


@derives("history", "history.repeat_within_year")
def _repeat_facts(case: Case, d: Defendant, charge: Charge) -> dict[str, Any]:
    return {"history.repeat_within_year": _repeat(case, d, charge)}


@derives("charge", "law.private_public")
def _private_public(book: StatuteBook, charge: Charge) -> dict[str, Any]:
    return {"law.private_public": _gp(book).private_public(citations(charge.code, charge.article, charge.part))}


@derives("defendant", "limitation.expired")
def _limitation_facts(book: StatuteBook, case: Case, version: Version | None, person: dict[str, Any],
                      window: tuple[date, date]) -> dict[str, Any]:
    return {"limitation.expired": _limitation(book, case, version, person, window)}


@derives("sentence", "sentence.kind", "sentence.years", "sentence.custodial_years", "sentence.real_imprisonment",
         "sentence.days", "sentence.hours", "sentence.mci")
def _sentence_facts(s: Sentence | None) -> dict[str, Any]:
    """The sentence for the charge in the unit of its kind."""
    amt = amount(s) if s else None
    unit = _KIND_UNIT.get(s.kind) if s else None
    return {
        "sentence.kind": s.kind if s else None,
        "sentence.years": amt if unit == "years" else (0.0 if s and s.kind == "none" else None),
        "sentence.custodial_years": custodial_years(s),
        "sentence.real_imprisonment": None if s is None else s.kind in ("imprisonment", "life"),
        "sentence.days": amt if unit == "days" else None,
        "sentence.hours": amt if unit == "hours" else None,
        "sentence.mci": amt if unit == "mci" else None,
    }


@derives("self_defence", refines=("defence.court_considered_cc32",))
def _defence_examined(book: StatuteBook, charge: Charge | None, person: dict[str, Any]) -> dict[str, Any]:
    """A conviction for exceeding the limits of defence (CC 53(3) item 9 articles) examined CC 32 by definition."""
    if charge is None or charge.article is None or not person["defence.is_defender"]:
        return {}
    excess = f"{charge.code} {charge.article}" in _gp(book).elements().get("9", frozenset())
    return {"defence.court_considered_cc32": k_or(person["defence.court_considered_cc32"], excess)}


@derives("defendant", "mitigating.not_recognised", refines=("mitigating.present",))
def _mitigation(book: StatuteBook, charge: Charge | None, person: dict[str, Any]) -> dict[str, Any]:
    """CC 53(1) items the facts establish without the elements of the article charged, and those not recognised."""
    present = _without_elements(book, charge, person["mitigating.present"])
    return {"mitigating.present": present,
            "mitigating.not_recognised": not_recognised(present, person["mitigating.recognised"])}


_FITTING_GROUNDS = ("lawful_defence", "lawful_detention", "amnesty", "decriminalised", "res_judicata", "insanity",
                    "immunity", "death", "reconciliation", "active_repentance", "other_release")
"""Grounds the recorded facts cannot contradict (reconciliation is judged by the CC 68 rules)."""


@derives("defendant", "dismissal.ground_fits")
def _ground_fits(person: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    return {"dismissal.ground_fits": _ground_fit(person, v)}


def _ground_fit(person: dict[str, Any], v: dict[str, Any]) -> Tri:
    """Does the ground of a termination fit the known facts?"""
    ground = person["outcome.dismissal_ground"]
    if ground is None or ground == "other":
        return None
    if ground in _FITTING_GROUNDS:
        return True
    if ground == "limitation":
        return v.get("limitation.expired")
    if ground == "no_complaint":
        return v.get("law.private_public")  # true only for the private-public cases the data names
    # no event, no corpus delicti: the reasons must answer grave harm this defendant caused
    return None if person["harm.grave"] is True else True


@derives("sentence", "sentence.at_or_below_min", "sentence.kind_allowed", "sentence.below_min", "sentence.above_max",
         "sentence.ratio_to_min", "sentence.ratio_to_max")
def _position(version: Version | None, s: Sentence | None, share: Fraction | None, stage: str,
              expired: Tri) -> dict[str, Any]:
    """The sentence in the range of the candidate version (its maximum after CC 56), and whether the sanction allows
    its kind."""
    out: dict[str, Any] = {}
    if version is None or s is None:
        return out
    if s.kind == "none":
        return {"sentence.at_or_below_min": None}
    amt = amount(s)
    kind = _SANCTION_OF.get(s.kind, s.kind)
    sanction = version.sanction(kind)
    out["sentence.kind_allowed"] = sanction is not None or _life_replaced(version, s, stage, expired)
    imp = version.sanction("imprisonment")
    if s.kind not in ("imprisonment", "life"):
        out["sentence.at_or_below_min"] = True  # no real imprisonment
    elif imp is not None and imp.min:
        years = custodial_years(s)
        out["sentence.at_or_below_min"] = None if years is None else _lo(years) is not None and _hi(years) <= imp.min
    else:
        out["sentence.at_or_below_min"] = False
    if sanction is None or amt is None:
        return out
    low = sanction.min or 0.0
    high = sanction.max
    if high is not None and kind == "imprisonment" and share is not None:
        high = float(high * share)
    x_lo, x_hi = _lo(amt) or 0.0, _hi(amt)
    out["sentence.below_min"] = x_hi < low if low else False
    out["sentence.above_max"] = (x_lo > high) if high is not None else (False if kind != "life" else None)
    out["sentence.ratio_to_min"] = _ratio(amt, low) if low else None
    out["sentence.ratio_to_max"] = _ratio(amt, high) if high else None
    if high is not None and high < low:
        # CC 56 lowers the maximum for an attempt or preparation below the article's minimum (CC 121(3-2): 17 to 20
        # years, an attempt at most 15). The research gives CC 56's shares of the maximum and says nothing of the
        # minimum, so whether it still binds is unknown (unconfirmed): no comparison with it.
        out["sentence.below_min"] = None
        out["sentence.ratio_to_min"] = None
    return out


def _life_replaced(version: Version, s: Sentence, stage: str, expired: Tri) -> Tri:
    """Imprisonment under a sanction of life imprisonment only, where the law replaces life: for preparation or an
    attempt (CC 56: no life sentence, the penalty is 25 years), and where the limitation period has run and the court
    did not release the person (CC 71(5): life is replaced by 25 years). The term itself is not checked here."""
    life_only = version.sanction("life") is not None and version.sanction("imprisonment") is None
    if not life_only or _SANCTION_OF.get(s.kind, s.kind) != "imprisonment":
        return False
    return True if stage != "completed" else k_or(False, expired)


@derives("sentence", "sentence.ratio_to_request", "sentence.ratio_to_victim_request", "request.years",
         "request.stated")
def _requests(d: Defendant, s: Sentence | None) -> dict[str, Any]:
    """The sentence against the requests, which are for the final sentence when there are several charges."""
    out: dict[str, Any] = {}
    real = custodial_years(d.sentence if len(d.charges) > 1 else s)
    for key, req in (("sentence.ratio_to_request", d.prosecution_request),
                     ("sentence.ratio_to_victim_request", d.victim_request)):
        years = custodial_years(req) if req is not None else None
        base = _lo(years)
        out[key] = _ratio(real, base) if base else None
        if key == "sentence.ratio_to_request":
            out["request.years"] = years
    out["request.stated"] = d.prosecution_request is not None
    return out


def _against_minor(book: StatuteBook, version: Version | None, person: dict[str, Any]) -> tuple[Tri, Tri]:
    """(a sexual crime against a minor, a crime of violence against a minor), each except by a minor offender."""
    if version is None:
        return None, None
    adult = below(person["defendant.age"], _gp(book).age("minor_under"))
    adult_offender = None if adult is None else not adult
    minor = person["victim.minor"]
    sexual = k_and(version.sexual_offence, minor, adult_offender)
    violent = k_and(version.against_life_or_health or version.sexual_offence, minor, adult_offender)
    return sexual, violent


@derives("defendant", "cc55.applies", "cc55.parts_2_3_apply", "cc55.milder_kind_permitted", "cc55.below_min_permitted")
@derives("sentence", "sentence.above_lowest_cc55_cap", "sentence.above_cc55_cap")
def _cc55(
    book: StatuteBook, case: Case, charge: Charge | None, version: Version | None, s: Sentence | None,
    person: dict[str, Any], window: tuple[date, date],
) -> dict[str, Any]:
    """CC 55: whether 55(8) bars it for this offence, whether the court could go below the minimum, and the
    sentence against the 55(2) cap of the tier of the offence (caps of every text in force at the offence date)."""
    gp = _gp(book)
    bar = gp.no_cc55(*window)
    sexual, violent = _against_minor(book, version, person)
    killing: Tri = None
    if charge is not None and charge.article is not None:
        article = f"{charge.code} {charge.article}"
        killing = None if article in bar.contestable else article in bar.articles
    barred_whole = k_or(killing, k_and(bar.sexual_against_minors, sexual)) if bar.in_force is not False else False
    barred_parts = k_or(barred_whole, k_and(bar.violence_against_minors, violent)) if bar.in_force is not False \
        else False
    if bar.in_force is None:  # the date of CC 55(8) is unconfirmed: where it would bar CC 55, whether it did is unknown
        barred_whole = None if barred_whole is not False else False
        barred_parts = None if barred_parts is not False else False
    applies = k_not(barred_whole)
    parts_apply = k_not(barred_parts)
    part2 = person["cc55.part2_conditions"]
    out: dict[str, Any] = {
        "cc55.applies": applies,
        "cc55.parts_2_3_apply": parts_apply,
        "cc55.milder_kind_permitted": k_and(applies, person["defendant.exceptional_circumstances"]),
        "cc55.below_min_permitted": k_and(applies, k_or(
            person["defendant.exceptional_circumstances"],
            k_and(parts_apply, k_or(part2, person["defendant.plea_agreement"])),
        )),
    }
    if s is not None and s.kind not in ("imprisonment", "conditional", "life"):
        out["sentence.above_lowest_cc55_cap"] = False  # the cap limits the most severe penalty: imprisonment
        out["sentence.above_cc55_cap"] = False
        return out
    if version is None or s is None:
        return out
    imp = version.sanction("imprisonment")
    years = custodial_years(s) if s.kind != "conditional" else s.term.in_years()
    if imp is None or imp.max is None or years is None or version.category not in (
            "criminal_misdemeanour", "small", "medium", "grave", "especially_grave"):
        return out
    tier: str = version.category
    if tier in ("grave", "especially_grave") and version.against_life_or_health:
        tier += "_life_or_health"
    share = _unfinished(book, charge.stage if charge else "completed", window)
    top = imp.max * (share if share is not None else 1)
    caps = [float(shares[tier] * top) for _, shares in gp.cap_shares(*window) if tier in shares]
    if not caps:
        return out
    lo, hi = _lo(years) or 0.0, _hi(years)
    out["sentence.above_lowest_cc55_cap"] = True if lo > min(caps) + 1e-9 else (False if hi <= min(caps) + 1e-9
                                                                                 else None)
    out["sentence.above_cc55_cap"] = True if lo > max(caps) + 1e-9 else (False if hi <= min(caps) + 1e-9 else None)
    return out


@derives("sentence", "sentence.conditional_barred")
def _conditional(
    book: StatuteBook, version: Version | None, s: Sentence | None, person: dict[str, Any], window: tuple[date, date]
) -> dict[str, Any]:
    """CC 63(6): a conditional sentence where the text in force at the offence date forbids one."""
    if s is None or version is None:
        return {}
    if s.kind != "conditional":
        return {"sentence.conditional_barred": False}
    excluded = _gp(book).conditional_excluded(*window)
    sexual, _ = _against_minor(book, version, person)
    reasons: dict[str, Tri] = {
        "especially_grave": version.category == "especially_grave",
        "sexual_crimes_against_minors_except_minor_offender": sexual,
    }
    states = [k_and(value, excluded.has(name)) for name, value in reasons.items() if name in excluded.possible]
    return {"sentence.conditional_barred": k_or(*states) if states else False}


def _repeat(case: Case, d: Defendant, charge: Charge) -> Tri:
    """An earlier administrative penalty of the defendant under the same article, within the year before the offence."""
    penalties = case.history.admin_penalties
    if penalties is None:
        return None
    mine = [a for a in penalties if a.against == d.id]
    same = [a for a in mine
            if a.article is not None and (a.article.code, a.article.article) == (charge.code, charge.article)]
    unknown = [a for a in mine if a.article is None]
    window = offence_window(case.proceeding) if case.proceeding.offence_date else None
    found = within_year([a.date for a in same], window)
    if found is True or not unknown:
        return found
    return None if within_year([a.date for a in unknown], window) is not False else found


def _limitation(
    book: StatuteBook, case: Case, version: Version | None, person: dict[str, Any], window: tuple[date, date]
) -> Tri:
    """CC 71(1) period run by the decision, unless CC 71(6) sets none for the offence (especially grave crimes against
    the person; sexual crimes against minors), read in the text(s) in force."""
    if version is None or version.category in ("administrative", "general_part", "unknown"):
        return None
    none = _gp(book).no_limitation(*window)
    person_crime = version.against_life_or_health or version.sexual_offence
    exempt = k_or(
        k_and(version.category == "especially_grave" and person_crime, none.has("especially_grave_against_the_person")),
        k_and(version.sexual_offence, person["victim.minor"], none.has("sexual_crimes_against_minors")),
    )
    return k_and(k_not(exempt), time_barred(book, case, version.category))


@derives("charge", "supported.differs", "supported.is_cc102", "supported.is_cc101", "supported.more_severe",
         "supported.less_severe", "supported.category", "supported.min_years", "supported.max_years")
@derives("sentence", "sentence.below_supported_min", "sentence.ratio_to_supported_min",
         "sentence.above_supported_max", "sentence.ratio_to_supported_max")
def _supported(
    book: StatuteBook, case: Case, charge: Charge | None, version: Version | None, s: Sentence | None
) -> dict[str, Any]:
    ref: ArticleRef | None = charge.facts_support if charge else None
    if charge is None:
        return {}
    if ref is None or (ref.code, ref.article, ref.part) == (charge.code, charge.article, charge.part):
        return {"supported.differs": False, "supported.is_cc102": False, "supported.is_cc101": False,
                "supported.more_severe": False, "supported.less_severe": False}
    p = case.proceeding
    app = applicable_versions(book, ref.code, ref.article, ref.part, p.offence_start, p.decision_date)
    out: dict[str, Any] = {"supported.differs": True, "supported.is_cc102": ref.code == "CC" and ref.article == "102",
                           "supported.is_cc101": ref.code == "CC" and ref.article == "101"}
    if not app.candidates:
        return out
    cats = {c.category for c in app.candidates}
    out["supported.category"] = cats.pop() if len(cats) == 1 else None
    sanctions = [imp for c in app.candidates if (imp := c.sanction("imprisonment")) is not None]
    mins = [imp.min or 0.0 for imp in sanctions]
    maxs = [imp.max for imp in sanctions]
    smin = (min(mins), max(mins)) if mins else None
    known_max = [m for m in maxs if m is not None]
    smax = (min(known_max), max(known_max)) if known_max and len(known_max) == len(maxs) else None
    out["supported.min_years"] = smin
    out["supported.max_years"] = smax
    sup_life = any(c.sanction("life") for c in app.candidates)
    if version is not None:
        imp = version.sanction("imprisonment")
        cur_max = imp.max if imp else None
        cur_life = version.sanction("life") is not None
        if smax is not None and cur_max is not None:
            out["supported.more_severe"] = (smax[0] > cur_max or sup_life) and not cur_life
            out["supported.less_severe"] = smax[1] < cur_max or (cur_life and not sup_life)
    real = custodial_years(s)
    term = s.term.in_years() if s is not None and s.kind in ("imprisonment", "conditional") else None
    if real is not None and smin is not None:
        r_lo, r_hi = _lo(real) or 0.0, _hi(real)
        out["sentence.below_supported_min"] = True if r_hi < smin[0] else (False if r_lo >= smin[1] else None)
        out["sentence.ratio_to_supported_min"] = _ratio(real, smin[1]) if smin[0] == smin[1] and smin[1] else None
    nominal = term if term is not None else _lo(real)
    if nominal is not None and smax is not None:
        out["sentence.above_supported_max"] = (
            True if nominal > smax[1] else (False if nominal <= smax[0] else None)
        )
        out["sentence.ratio_to_supported_max"] = nominal / smax[1] if smax[0] == smax[1] and smax[1] else None
    return out


@derives("charge", "reconciliation.allowed", "reconciliation.repeat_excluded")
def _reconciliation(
    book: StatuteBook, version: Version | None, charge: Charge | None, v: dict[str, Any], window: tuple[date, date]
) -> dict[str, Any]:
    """CC 68 at the offence date: whether release by reconciliation was allowed for the offence (parts 1-2 and the
    exclusions of part 4 tied to the offence), and whether part 4 excludes it as a repeat."""
    if version is None or charge is None or charge.code != "CC":
        return {}
    rec = _gp(book).reconciliation(*window)
    ex = rec["exclusions"]
    sexual, violent = _against_minor(book, version, v)
    death = bool(version.causes_death) or v["harm.death"] is True
    grave_harm: Tri = k_or(None if v["harm.severity"] is None else v["harm.severity"] == "grievous",
                           v["harm.lasting_disability"])
    if version.against_life_or_health and version.category in ("grave", "especially_grave"):
        grave_harm = k_or(grave_harm, _grievous_article(charge))
    has_sexual = k_or(ex.has("sexual_crimes_against_minors"),
                      ex.has("sexual_crimes_against_minors_except_minor_offender"))
    has_negligent = k_or(ex.has("negligent_death"), ex.has("negligent_death_except_road_relatives"))
    offence_excluded = k_or(
        k_and(has_sexual, sexual),
        k_and(ex.has("violence_against_minors"), violent),
        k_and(has_negligent, version.negligent and death),
    )
    cat = version.category
    mandatory = rec["mandatory_categories"].has(cat)
    discretionary = rec["discretionary_categories"].has(cat)
    allowed_by_part: Tri = k_or(
        k_and(mandatory, not death),  # 68(1): not connected with causing death
        k_and(discretionary, k_not(v["defendant.prior_convictions"]), not death, k_not(grave_harm),
              v["defendant.cc68_2_person"]),  # 68(2): first time, no death or grave harm, listed persons
    )
    prior = v["defendant.prior_reconciliation_release"]
    repeat = k_or(  # item 8: an intentional crime (not a criminal misdemeanour); item 9: CC 108-1, 109-1
        k_and(ex.has("repeat_after_reconciliation"), prior, not version.negligent,
              version.category != "criminal_misdemeanour"),
        k_and(ex.has("repeat_108_1_or_109_1_after_reconciliation"), prior, charge.article in ("108-1", "109-1")),
    )
    return {
        "reconciliation.allowed": k_and(allowed_by_part, k_not(offence_excluded)),
        "reconciliation.repeat_excluded": repeat,
    }


def _grievous_article(charge: Charge) -> Tri:
    """CC 106 is grievous harm by definition; other articles say nothing about it."""
    return True if charge.article == "106" else None


def _without_elements(book: StatuteBook, charge: Charge | None, present: dict[str, Tri]) -> dict[str, Tri]:
    """CC 53(3): a mitigating circumstance that is an element of the article charged is not counted again.  Where
    exceeding the limits of defence (item 9) is an element, the attack itself is too, so item 10 then counts only
    for the victim's earlier conduct."""
    out = {k: v for k, v in present.items() if k != "10_beyond_attack"}
    if charge is None or charge.article is None:
        return out
    article = f"{charge.code} {charge.article}"
    drop = {item for item, arts in _gp(book).elements().items() if article in arts}
    for item in drop:
        out[item] = False
    if "9" in drop and "10" not in drop:
        out["10"] = present.get("10_beyond_attack")
    return out


def not_recognised(present: dict[str, Tri], recognised: frozenset[str] | None) -> dict[str, Tri]:
    """CC 53(1) items the facts establish that the court did not recognise: true or false for each item, unknown
    only for an established item where the court's list is not known."""
    out: dict[str, Tri] = {}
    for item in (str(i) for i in range(1, 12)):
        if present.get(item) is not True:
            out[item] = False
        elif recognised is None:
            out[item] = None
        else:
            out[item] = item not in recognised
    return out


def _range(
    book: StatuteBook, article: str, part: str | None, dates: tuple[date | None, date | None], code: str = "CC",
    kind: str = "imprisonment",
) -> tuple[Amount | None, Amount | None]:
    """Minimum and maximum of a part's penalty of ``kind`` for an offence and a decision date (intervals if versions
    differ)."""
    app = applicable_versions(book, code, article, part, *dates)
    sanctions = [s for c in app.candidates for s in c.sanctions if s.kind == kind]
    if not sanctions or len(sanctions) != len(app.candidates):
        return None, None

    def spread(values: list[float | None]) -> Amount | None:
        if None in values:
            return None
        known = [v for v in values if v is not None]
        return known[0] if min(known) == max(known) else (min(known), max(known))

    return spread([s.min or 0.0 for s in sanctions]), spread([s.max for s in sanctions])


def _case_dates(case: Case) -> tuple[date | None, date | None]:
    """The offence and decision dates the versions of a part are chosen by (:func:`applicable_versions`)."""
    p = case.proceeding
    return p.offence_start, p.decision_date


REFERENCE_RANGES = {
    "ref.cc99_1": ("CC", "99", "1", "imprisonment"),
    "ref.cc101_1": ("CC", "101", "1", "imprisonment"),
    "ref.cc102": ("CC", "102", None, "imprisonment"),
    "ref.cc105_1": ("CC", "105", "1", "imprisonment"),
    "ref.cc106_3": ("CC", "106", "3", "imprisonment"),
    "ref.cc112_1": ("CC", "112", "1", "imprisonment"),
    "ref.cc112_2": ("CC", "112", "2", "imprisonment"),
    "ref.cao461": ("CAO", "461", "1", "admin_arrest"),
    "ref.cao461_repeat": ("CAO", "461", "1-1", "admin_arrest"),
}
"""Ranges rule texts may quote as counterfactuals, read from the statute data at the case's dates."""


REFERENCE_FACTS = tuple(
    name for ref, (_, _, _, kind) in REFERENCE_RANGES.items()
    for name in ((f"{ref}_max_days",) if kind == "admin_arrest" else (f"{ref}_min_years", f"{ref}_max_years"))
    if name != "ref.cc105_1_min_years"
)
"""The facts of :data:`REFERENCE_RANGES` (the vocabulary has no minimum of CC 105(1))."""


_REFERENCE_PROVISIONS = tuple(dict.fromkeys(
    prov for code, article, part, _ in REFERENCE_RANGES.values()
    for prov in ((code, article, part), *(((code, article, None),) if part == "1" else ()))
))
"""The parts :func:`reference_facts` reads."""


@derives("defendant", *REFERENCE_FACTS)
def reference_facts(book: StatuteBook, case: Case) -> dict[str, Any]:
    return reference_ranges(book, *_case_dates(case))


def reference_ranges(book: StatuteBook, offence_date: date | None, decision_date: date | None) -> dict[str, Any]:
    """The reference facts for an offence and a decision date. They depend on the dates only through the candidate
    versions of the parts they read, so the book remembers them by where the dates fall among those parts' boundary
    dates."""
    key = ("reference facts", *period_place(book, _REFERENCE_PROVISIONS, offence_date, decision_date))
    known: dict[str, Any] | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        known = book.memo[key] = _reference_ranges(book, (offence_date, decision_date))
    return dict(known)


def _reference_ranges(book: StatuteBook, dates: tuple[date | None, date | None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (code, article, part, kind) in REFERENCE_RANGES.items():
        low, high = _range(book, article, part, dates, code, kind)
        if part == "1":  # an article numbered into parts only later (CAO 461): the unnumbered text is part 1 too
            low, high = _join(_range(book, article, None, dates, code, kind), (low, high))
        if kind == "admin_arrest":
            out[f"{name}_max_days"] = high
        else:
            out[f"{name}_min_years"], out[f"{name}_max_years"] = low, high
    out.pop("ref.cc105_1_min_years", None)
    return out


def _join(
    a: tuple[Amount | None, Amount | None], b: tuple[Amount | None, Amount | None]
) -> tuple[Amount | None, Amount | None]:
    """The minimum and maximum of two sets of candidate versions taken together (each may be absent)."""
    known = [x for x in (a, b) if x[1] is not None]
    if len(known) < 2:
        return known[0] if known else (None, None)

    def spread(values: list[Amount | None]) -> Amount | None:
        if any(v is None for v in values):
            return None
        ends = [end for v in values if v is not None for end in (_lo(v) or 0.0, _hi(v))]
        return ends[0] if min(ends) == max(ends) else (min(ends), max(ends))

    return spread([a[0], b[0]]), spread([a[1], b[1]])


@derives("sentence", "sentence.ratio_to_homicide_min")
def _homicide_ratio(v: dict[str, Any]) -> dict[str, Any]:
    """Real imprisonment against the lower of the CC 99(1) and CC 106(3) minimums (from the reference facts)."""
    real = v["sentence.custodial_years"]
    mins = [v["ref.cc99_1_min_years"], v["ref.cc106_3_min_years"]]
    if real is None or any(m is None for m in mins):
        return {"sentence.ratio_to_homicide_min": None}
    lowest = min(_lo(m) or 0.0 for m in mins)
    return {"sentence.ratio_to_homicide_min": _ratio(real, lowest) if lowest else None}


def _group_items(book: StatuteBook, code: str, article: str, part: Part, tags: frozenset[str]) -> set[int | str]:
    """Items of a part (in any version) that qualify the offence by one of ``tags`` (remembered by the book)."""
    key = ("group items", code, article, part.part, tags)
    known: set[int | str] | None = book.memo.get(key)  # type: ignore[assignment]
    if known is None:
        known = book.memo[key] = {q.item for ver in part.versions for q in ver.qualifiers if set(q.tags) & tags}
    return known


_GROUP = frozenset({"group"})
_CONSPIRACY = frozenset({"group", "group_conspiracy"})


def _graver_with(book: StatuteBook, charge: Charge, case: Case, tags: frozenset[str]) -> list[str | None]:
    """Parts graver than the part charged whose every candidate version has an item with one of ``tags``."""
    return charge_memo(book, case, charge, ("graver with", tags), lambda by_part, part: [
        graver for graver, versions in graver_parts(by_part, part).items()
        if versions and all(carries(v, tags) for v in versions)])


@derives("charge", "charge.group_applied", "law.has_group_qualifier", "law.has_conspiracy_qualifier")
def _group_qualifiers(book: StatuteBook, charge: Charge, case: Case) -> dict[str, Any]:
    """Whether the article qualifies the offence by a group in a part graver than the one charged, and whether this
    charge carries that element."""
    art = book.articles.get((charge.code, charge.article or ""))
    if art is None:
        return {"charge.group_applied": charge.group_element}
    here = next((p for p in art.parts if p.part == charge.part), None) if charge.part else None
    applied: Tri
    if charge.group_element is not None:
        applied = charge.group_element
    elif here is None:
        applied = None
    elif not _group_items(book, art.code, art.article, here, _CONSPIRACY):
        applied = False
    elif charge.paragraph is not None:
        items = _group_items(book, art.code, art.article, here, _CONSPIRACY)
        applied = any(item in items for item in (charge.paragraph, *charge.also_items))
    else:
        applied = None
    return {
        "charge.group_applied": applied,
        "law.has_group_qualifier": bool(_graver_with(book, charge, case, _GROUP)),
        "law.has_conspiracy_qualifier": bool(_graver_with(book, charge, case, _CONSPIRACY)),
    }


@derives("charge", "law.group_part_min_years", "law.group_part_max_years")
def _group_part(book: StatuteBook, charge: Charge, case: Case) -> dict[str, Any]:
    """The range of the article's part that qualifies the offence committed by a group."""
    art = book.articles.get((charge.code, charge.article or ""))
    if art is None or charge.code != "CC":
        return {}
    dates = _case_dates(case)

    def compute(_by_part: dict[str | None, list[Version]], _part: str | None) -> dict[str, Any]:
        for graver in _graver_with(book, charge, case, _GROUP):
            low, high = _range(book, art.article, graver, dates)
            return {"law.group_part_min_years": low, "law.group_part_max_years": high}
        return {}

    return dict(charge_memo(book, case, charge, ("group part",), compute))


@derives("defendant", "combined.charges", "combined.charged_with_grave_harm", "combined.charged_with_killing",
         "combined.articles", "combined.above_cc58_cap", "combined.below_gravest_charge")
def combined_facts(book: StatuteBook, case: Case, d: Defendant, per_charge: list[dict[str, Any]]) -> dict[str, Any]:
    """CC 58: the final sentence for several charges against the limits for a set of offences."""
    out: dict[str, Any] = {"combined.charges": len(d.charges)}
    covers = [f.get("law.covers_grave_harm") for f in per_charge] if d.charges else [None]
    out["combined.charged_with_grave_harm"] = True if True in covers else (None if None in covers else False)
    killing = _gp(book).intentional_killing_articles()
    articles = [f"{c.code} {c.article}" if c.article else None for c in d.charges] or [None]
    out["combined.charged_with_killing"] = (
        True if any(a in killing for a in articles if a) else (None if None in articles else False))
    # every charge's article: a known list when every charge names its article, else only the ones named are known
    named = {a: True for a in articles if a}
    out["combined.articles"] = frozenset(named) if None not in articles else named
    if len(d.charges) < 2 or d.sentence is None:
        out["combined.above_cc58_cap"] = False if len(d.charges) < 2 else None
        out["combined.below_gravest_charge"] = False if len(d.charges) < 2 else None
        return out
    limits = _gp(book).set_limits(*offence_window(case.proceeding))
    final = custodial_years(d.sentence)
    final_lo = _lo(final)
    cats = [f.get("law.category") for f in per_charge]
    singles = [_lo(custodial_years(c.sentence)) for c in d.charges]
    above: Tri = None
    if None in cats or final_lo is None:
        above = None
    elif any(c.sentence is not None and c.sentence.kind == "life" for c in d.charges):
        above = False  # CC 58(4): where life imprisonment is imposed for one offence, the final sentence is life
    elif "especially_grave" in cats and limits["especially_grave_max_years"]:
        above = final_lo > limits["especially_grave_max_years"][1]  # CC 58(4)
    elif "grave" in cats and limits["grave_max_years"]:
        above = final_lo > limits["grave_max_years"][1]  # CC 58(3)
    elif set(cats) == {"criminal_misdemeanour"}:
        # CC 58(2): misdemeanours only: absorption or addition, within the limits for a set of misdemeanours
        above = _above_misdemeanour_limits(d.sentence, limits["misdemeanours_only_limits"])
    elif set(cats) <= {"criminal_misdemeanour", "small", "medium"} and "absorption" in limits["small_or_medium_set"] \
            and None not in singles:
        # CC 58(2): misdemeanours with small or medium crimes only: absorption, so no more than the gravest sentence
        above = final_lo > max(s or 0.0 for s in singles) + 1e-9
    out["combined.above_cc58_cap"] = above
    known = [s for s in singles if s is not None]
    out["combined.below_gravest_charge"] = (
        final_lo < max(known) if known and final_lo is not None else None
    )
    return out


def _above_misdemeanour_limits(final: Sentence, limits: dict[str, Any] | None) -> Tri:
    if limits is None:
        return None
    key = {"fine": "fine_mci", "community_work": "community_work_hours", "arrest": "arrest_days"}.get(final.kind)
    value = amount(final)
    if key is None:
        return False
    if value is None or key not in limits:
        return None
    return _lo(value) is not None and (_lo(value) or 0.0) > float(limits[key])


__all__ = ["age_below", "amount", "charge_facts", "combined_facts", "custodial_years", "sentence_of", "unstated_part"]
