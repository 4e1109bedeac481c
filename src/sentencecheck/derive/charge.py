"""Facts about one charge under one candidate version of its article: the statutory range, the
sentence's position in it, the article the facts support, and whether reconciliation was open.

Units: imprisonment, restriction of liberty and conditional sentences in years; arrest in days
(administrative arrest given in hours counts hours / 24); community work in hours; fines and
corrective labour in MCI.  A life sentence counts as at least 30 years, the longest fixed term the
Code allows for a set of sentences (CC 60(3)), and is compared as an interval.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sentencecheck.derive.logic import Tri, k_and, k_not, k_or
from sentencecheck.law.book import StatuteBook
from sentencecheck.law.lookup import applicable_versions
from sentencecheck.law.schema import Part, Version
from sentencecheck.model.case import ArticleRef, Case, Charge, Defendant, Sentence
from sentencecheck.rules.encoding import BIG

LIFE_YEARS = (30.0, BIG - 1)
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
DV_LAW_2024 = date(2024, 6, 16)
"""Law 72-VIII of 15.04.2024 in force (medium confidence; see rules/law)."""

# CC 55(2) shares of the maximum: (c.2020 text, current text); the change date is unconfirmed.
_CC55_SHARES = {
    "criminal_misdemeanour": (1 / 2, 1 / 2),
    "small": (1 / 2, 1 / 2),
    "medium": (1 / 2, 1 / 2),
    "grave": (2 / 3, 2 / 3),
    "grave_life": (2 / 3, 3 / 4),
    "especially_grave": (3 / 4, 3 / 4),
    "especially_grave_life": (3 / 4, 4 / 5),
}


def sentence_of(d: Defendant, charge: Charge | None) -> Sentence | None:
    if charge is not None and charge.sentence is not None:
        return charge.sentence
    if len(d.charges) <= 1:
        return d.sentence
    return None


def amount(s: Sentence) -> float | tuple[float, float] | None:
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


def custodial_years(s: Sentence | None) -> float | tuple[float, float] | None:
    if s is None:
        return None
    if s.kind == "life":
        return LIFE_YEARS
    if s.kind == "imprisonment":
        return s.term.in_years()
    return 0.0


def _lo(x: float | tuple[float, float] | None) -> float | None:
    return x[0] if isinstance(x, tuple) else x


def _hi(x: float | tuple[float, float]) -> float:
    return x[1] if isinstance(x, tuple) else x


def _ratio(x: float | tuple[float, float] | None, base: float | None) -> float | tuple[float, float] | None:
    if x is None or not base:
        return None
    if isinstance(x, tuple):
        return (x[0] / base, min(x[1] / base, BIG - 1))
    return x / base


def _imprisonment(v: Version, stage: str) -> tuple[float | None, float | None, bool]:
    imp = v.sanction("imprisonment")
    life = v.sanction("life") is not None
    if imp is None:
        return None, None, life
    top = imp.max
    if top is not None and stage != "completed":
        top = top * (0.75 if stage == "attempt" else 0.5)  # CC 56
    return imp.min or 0.0, top, life


def charge_facts(
    book: StatuteBook, case: Case, d: Defendant, charge: Charge | None, version: Version | None, date_certain: bool,
    person: dict[str, Any],
) -> dict[str, Any]:
    """Derived facts for one charge under one candidate version."""
    v: dict[str, Any] = {}
    s = sentence_of(d, charge)
    if s is None and d.outcome.kind in NOT_SENTENCED:
        s = Sentence(kind="none", source=[])
    stage = charge.stage if charge else "completed"
    v["charge.code"] = charge.code if charge else None
    v["charge.article"] = f"{charge.code} {charge.article}" if charge and charge.article else None
    v["charge.part"] = (charge.part or "none") if charge else None
    v["charge.paragraph"] = charge.paragraph if charge else None
    v["charge.stage"] = stage if charge else None
    v["charge.modelled"] = version is not None
    v["law.date_certain"] = date_certain if version is not None else None

    lo_min = hi_max = None
    life = None
    if version is not None:
        v["law.category"] = None if version.category in ("general_part", "unknown") else version.category
        v["law.against_life_or_health"] = version.against_life_or_health
        v["law.sexual_offence"] = version.sexual_offence
        lo_min, hi_max, life = _imprisonment(version, stage)
        v["law.imprisonment_allowed"] = version.sanction("imprisonment") is not None
        v["law.min_years"] = lo_min
        v["law.max_years"] = hi_max
        v["law.life_allowed"] = life
        v["law.group_qualifier_elsewhere"] = _group_elsewhere(book, charge) if charge else None

    v["sentence.kind"] = s.kind if s else None
    amt = amount(s) if s else None
    unit = _KIND_UNIT.get(s.kind) if s else None
    v["sentence.years"] = amt if unit == "years" else (0.0 if s and s.kind == "none" else None)
    v["sentence.custodial_years"] = custodial_years(s)
    v["sentence.days"] = amt if unit == "days" else None
    v["sentence.hours"] = amt if unit == "hours" else None
    v["sentence.mci"] = amt if unit == "mci" else None
    v.update(_position(version, s, amt, stage))
    v.update(_requests(d, s))
    v.update(_cc55(version, s, person))
    v.update(_supported(book, case, charge, version, s))
    refs = reference_facts(book, case)
    v.update(refs)
    v["sentence.ratio_to_homicide_min"] = _homicide_ratio(v["sentence.custodial_years"], refs)
    if charge is not None:
        v.update(_group_part(book, charge, case))
    v.update(_reconciliation(version, charge, case, person))
    return v


def _position(version: Version | None, s: Sentence | None, amt: Any, stage: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if version is None or s is None or s.kind == "none":
        return out
    kind = _SANCTION_OF.get(s.kind, s.kind)
    sanction = version.sanction(kind)
    out["sentence.kind_allowed"] = sanction is not None
    if sanction is None or amt is None:
        return out
    low = sanction.min or 0.0
    high = sanction.max
    if high is not None and kind == "imprisonment" and stage != "completed":
        high = high * (0.75 if stage == "attempt" else 0.5)
    x_lo, x_hi = _lo(amt) or 0.0, _hi(amt)
    out["sentence.below_min"] = x_hi < low if low else False
    out["sentence.above_max"] = (x_lo > high) if high is not None else (False if kind != "life" else None)
    out["sentence.ratio_to_min"] = _ratio(amt, low) if low else None
    out["sentence.ratio_to_max"] = _ratio(amt, high) if high else None
    return out


def _requests(d: Defendant, s: Sentence | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    real = custodial_years(s)
    for key, req in (("sentence.ratio_to_request", d.prosecution_request),
                     ("sentence.ratio_to_victim_request", d.victim_request)):
        years = custodial_years(req) if req is not None else None
        base = _lo(years)
        out[key] = _ratio(real, base) if base else None
        if key == "sentence.ratio_to_request":
            out["request.years"] = years
    out["request.stated"] = d.prosecution_request is not None
    return out


def _cc55(version: Version | None, s: Sentence | None, person: dict[str, Any]) -> dict[str, Any]:
    """Above the CC 55(2) cap: mitigation recognised, no aggravation recognised."""
    if version is None or s is None or s.kind not in ("imprisonment", "conditional"):
        return {}
    rec_m, rec_a = person.get("mitigating.recognised"), person.get("aggravating.recognised")
    imp = version.sanction("imprisonment")
    years = s.term.in_years()
    if imp is None or imp.max is None or years is None:
        return {}
    cat: str = version.category
    if cat in ("grave", "especially_grave") and version.against_life_or_health:
        cat += "_life"
    shares = _CC55_SHARES.get(cat)
    low_cap = min(shares) * imp.max if shares is not None else None
    if low_cap is not None and years <= low_cap + 1e-9:
        return {"sentence.above_cc55_cap": False}  # under every cap, whatever the court recognised
    if rec_m is None or rec_a is None:
        return {"sentence.above_cc55_cap": None}
    if not rec_m or rec_a:
        return {"sentence.above_cc55_cap": False}
    if shares is None:
        return {}
    low_cap, high_cap = (min(shares) * imp.max, max(shares) * imp.max)
    killing = version.against_life_or_health and version.sanction("life") is not None
    if years > high_cap + 1e-9:
        above: Tri = None if killing else True  # CC 55(8) (killing) has an unconfirmed date
    elif years > low_cap + 1e-9:
        above = None
    else:
        above = False
    return {"sentence.above_cc55_cap": above}


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


def _reconciliation(version: Version | None, charge: Charge | None, case: Case, v: dict[str, Any]) -> dict[str, Any]:
    """CC 68: whether release by reconciliation was legally open for the charge."""
    if version is None or charge is None or charge.code != "CC":
        return {}
    p = case.proceeding
    if p.offence_date is None:
        after_2024: Tri = None
    elif p.offence_date_approximate:
        year = p.offence_date.year
        after_2024 = True if year > DV_LAW_2024.year else (False if year < DV_LAW_2024.year else None)
    else:
        after_2024 = p.offence_date >= DV_LAW_2024
    adult: Tri = None if v["defendant.age"] is None else v["defendant.age"] >= 18
    excluded = k_or(
        k_and(version.sexual_offence, v["victim.minor"], adult),  # 68(4)(2)
        k_and(after_2024, version.against_life_or_health, v["victim.minor"], adult),  # 68(4)(2-1), 2024
        charge.article == "104",  # 68(4)(3) negligent death (road-accident exception not modelled)
        v["defendant.prior_reconciliation_release"],  # 68(4)(8)/(9)
    )
    death: Tri = k_or(v["harm.death"], version.against_life_or_health and charge.article in ("99", "101", "102",
                                                                                                "103", "104", "105"))
    grievous: Tri = k_or(None if v["harm.severity"] is None else v["harm.severity"] == "grievous",
                         v["harm.lasting_disability"])
    cat = version.category
    if cat in ("criminal_misdemeanour", "small", "medium"):
        base: Tri = k_not(death)  # 68(1)
    elif cat == "grave":
        base = k_and(k_not(v["defendant.prior_convictions"]), k_not(death), k_not(grievous),
                     v["defendant.cc68_2_person"])  # 68(2)
    else:
        base = False
    return {
        "reconciliation.excluded_by_cc68_4": excluded,
        "reconciliation.open": k_and(k_not(excluded), base),
    }


def _range(
    book: StatuteBook, article: str, part: str | None, case: Case
) -> tuple[float | tuple[float, float] | None, float | tuple[float, float] | None]:
    """Minimum and maximum imprisonment of a CC part at the case's dates (intervals if versions differ)."""
    p = case.proceeding
    app = applicable_versions(book, "CC", article, part, p.offence_start, p.decision_date)
    sanctions = [s for c in app.candidates for s in c.sanctions if s.kind == "imprisonment"]
    if not sanctions or len(sanctions) != len(app.candidates):
        return None, None

    def spread(values: list[float | None]) -> float | tuple[float, float] | None:
        if None in values:
            return None
        known = [v for v in values if v is not None]
        return known[0] if min(known) == max(known) else (min(known), max(known))

    return spread([s.min or 0.0 for s in sanctions]), spread([s.max for s in sanctions])


REFERENCE_RANGES = {
    "ref.cc99_1": ("99", "1"),
    "ref.cc101_1": ("101", "1"),
    "ref.cc102": ("102", None),
    "ref.cc106_3": ("106", "3"),
}
"""Ranges rule texts may quote as counterfactuals, read from the statute data at the case's dates."""


def reference_facts(book: StatuteBook, case: Case) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (article, part) in REFERENCE_RANGES.items():
        out[f"{name}_min_years"], out[f"{name}_max_years"] = _range(book, article, part, case)
    return out


def _homicide_ratio(real: Any, refs: dict[str, Any]) -> float | tuple[float, float] | None:
    mins = [refs["ref.cc99_1_min_years"], refs["ref.cc106_3_min_years"]]
    if real is None or any(m is None for m in mins):
        return None
    lowest = min(_lo(m) or 0.0 for m in mins)
    return _ratio(real, lowest) if lowest else None


def _group_part(book: StatuteBook, charge: Charge, case: Case) -> dict[str, Any]:
    """The range of the article's part that qualifies the offence committed by a group."""
    art = book.articles.get((charge.code, charge.article or ""))
    if art is None or charge.code != "CC":
        return {}
    for p in art.parts:
        if p.part != charge.part and _has_group(p):
            low, high = _range(book, art.article, p.part, case)
            return {"law.group_part_min_years": low, "law.group_part_max_years": high}
    return {}


def _has_group(part: Part) -> bool:
    return any("group" in q.text.en.lower() and "criminal group" not in q.text.en.lower()
               for ver in part.versions for q in ver.qualifiers)


def _group_elsewhere(book: StatuteBook, charge: Charge) -> Tri:
    art = book.articles.get((charge.code, charge.article or ""))
    if art is None:
        return None

    here = any(_has_group(p) for p in art.parts if p.part == charge.part)
    elsewhere = any(_has_group(p) for p in art.parts if p.part != charge.part)
    return elsewhere and not here


def combined_facts(book: StatuteBook, case: Case, d: Defendant, per_charge: list[dict[str, Any]]) -> dict[str, Any]:
    """CC 58: the final sentence for several charges against the limits for a set of offences."""
    out: dict[str, Any] = {"combined.charges": len(d.charges)}
    if len(d.charges) < 2 or d.sentence is None:
        out["combined.above_cc58_cap"] = False if len(d.charges) < 2 else None
        out["combined.below_gravest_charge"] = False if len(d.charges) < 2 else None
        return out
    final = custodial_years(d.sentence)
    final_lo = _lo(final)
    cats = [f.get("law.category") for f in per_charge]
    singles = [_lo(custodial_years(c.sentence)) for c in d.charges]
    if None in cats or final_lo is None:
        out["combined.above_cc58_cap"] = None
    elif "especially_grave" in cats:
        out["combined.above_cc58_cap"] = final_lo > 25  # CC 58(4)
    elif "grave" in cats:
        out["combined.above_cc58_cap"] = final_lo > 20  # CC 58(3)
    elif None not in singles:
        out["combined.above_cc58_cap"] = final_lo > max(s or 0.0 for s in singles)  # CC 58(2): absorption only
    else:
        out["combined.above_cc58_cap"] = None
    known = [s for s in singles if s is not None]
    out["combined.below_gravest_charge"] = (
        final_lo < max(known) if known and final_lo is not None else None
    )
    return out
