"""The facts rules may read: their names, kinds, domains and meaning.

Every rule condition names facts from this list; the loader rejects any other name.  Facts are
computed once per (defendant, charge, candidate statute version) by :mod:`sentencecheck.derive`,
and encoded so that *unknown* is explicit (see :mod:`sentencecheck.rules.encoding`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

from sentencecheck.model.case import (
    FAMILY_RELATIONSHIPS,
    Instance,
    LeniencyGround,
    OutcomeKind,
    SentenceKind,
    Severity,
)

FactKind = Literal["bool", "number", "enum", "set"]


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: FactKind
    description: str
    domain: tuple[str, ...] = ()
    key: str = field(init=False, compare=False, repr=False)
    """The flat key of this fact in an encoded fact dict."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.name.replace(".", "_"))


def _b(name: str, description: str) -> FactSpec:
    return FactSpec(name, "bool", description)


def _n(name: str, description: str) -> FactSpec:
    return FactSpec(name, "number", description)


def _e(name: str, description: str, domain: tuple[str, ...]) -> FactSpec:
    return FactSpec(name, "enum", description, domain)


def _s(name: str, description: str, domain: tuple[str, ...]) -> FactSpec:
    return FactSpec(name, "set", description, domain)


INSTANCES: tuple[str, ...] = get_args(Instance)
OUTCOMES: tuple[str, ...] = get_args(OutcomeKind)
SENTENCE_KINDS: tuple[str, ...] = get_args(SentenceKind)
CATEGORIES = ("administrative", "criminal_misdemeanour", "small", "medium", "grave", "especially_grave")
HARM_LEVELS: tuple[str, ...] = get_args(Severity)
LENIENCY_GROUNDS: tuple[str, ...] = get_args(LeniencyGround)
CC53_ITEMS = tuple(str(i) for i in range(1, 12))
CC54_ITEMS = tuple(str(i) for i in range(1, 17))

_SPECS: list[FactSpec] = [
    # proceeding
    _e("proceeding.instance", "court stage of the decision", INSTANCES),
    _n("proceeding.offence_year", "year of the offence"),
    _b("proceeding.after_public_outcry", "the review followed public outcry"),
    # outcome and sentence of the defendant
    _e("outcome", "what the decision did for this defendant", OUTCOMES),
    _e("sentence.kind", "kind of penalty for this charge (or the final one when there is a single charge)",
       SENTENCE_KINDS),
    _n("sentence.years", "term in years of imprisonment, restriction of liberty or a conditional sentence"),
    _n("sentence.custodial_years", "years of real imprisonment (0 for non-custodial and conditional sentences)"),
    _n("sentence.days", "days of arrest or administrative arrest"),
    _n("sentence.hours", "hours of community work or of administrative arrest given in hours"),
    _n("sentence.mci", "fine in monthly calculation indices"),
    _b("sentence.kind_allowed", "the article's sanction includes this kind of penalty (a conditional sentence counts "
       "as imprisonment, CC 63)"),
    _b("sentence.below_min", "below the article's minimum for this kind of penalty"),
    _b("sentence.above_max", "above the article's maximum for this kind of penalty (after CC 56)"),
    _n("sentence.ratio_to_min", "sentence / the article's minimum for this kind of penalty"),
    _n("sentence.ratio_to_max", "sentence / the article's maximum for this kind of penalty"),
    _n("sentence.ratio_to_request", "years of real imprisonment / years the prosecution asked for"),
    _n("sentence.ratio_to_victim_request", "years of real imprisonment / years the victim asked for"),
    _b("sentence.above_cc55_cap", "above the CC 55(2) cap (mitigation recognised and no aggravation)"),
    _b("sentence.below_supported_min", "below the minimum of the article the facts support"),
    _n("sentence.ratio_to_supported_min", "years of imprisonment / the minimum of the article the facts support"),
    _b("sentence.above_supported_max", "above the maximum of the article the facts support"),
    _n("sentence.ratio_to_supported_max", "years of imprisonment / the maximum of the article the facts support"),
    _n("sentence.ratio_to_homicide_min", "years of real imprisonment / the lower of the CC 99(1) and CC 106(3) "
       "minimums at the case's dates (below 1: less than any intentional killing or fatal grievous harm carries)"),
    _n("request.years", "years of imprisonment the prosecution asked for"),
    _b("request.stated", "the case file records the prosecution's request (false when it does not: a statement about "
       "the file, so that rules on the request stay silent where no request is recorded)"),
    # the charge and its law
    _e("charge.code", "code of the charge", ("CC", "CAO")),
    _e("charge.article", "article charged, e.g. 'CC 120' (values outside the statute data read as 'other')", ()),
    _e("charge.part", "part charged, e.g. '1', '3-1'; 'none' for an article without parts", ()),
    _n("charge.paragraph", "paragraph (item) of the part charged"),
    _e("charge.stage", "completed offence, attempt or preparation", ("completed", "attempt", "preparation")),
    _b("charge.modelled", "the charge's article and date are in the statute data"),
    _e("law.category", "crime category (CC 11) of the version applied", CATEGORIES),
    _b("law.against_life_or_health", "the article protects life or health"),
    _b("law.sexual_offence", "the article is a sexual offence (CC 120-124)"),
    _b("law.imprisonment_allowed", "the sanction includes imprisonment"),
    _n("law.min_years", "minimum term of imprisonment (0 where the part sets none)"),
    _n("law.max_years", "maximum term of imprisonment, after CC 56 for attempts and preparation"),
    _b("law.life_allowed", "the sanction includes life imprisonment"),
    _b("law.group_qualifier_elsewhere", "another part of the article qualifies the offence committed by a group, and "
       "the part charged does not"),
    _b("law.date_certain", "the version in force at the offence date is certain"),
    _b("supported.differs", "the facts support another article than the one applied"),
    _e("supported.category", "crime category of the article the facts support", CATEGORIES),
    _n("supported.min_years", "minimum imprisonment of the article the facts support"),
    _n("supported.max_years", "maximum imprisonment of the article the facts support"),
    _b("supported.more_severe", "the article the facts support carries a higher maximum than the one applied"),
    _b("supported.less_severe", "the article the facts support carries a lower maximum than the one applied"),
    _b("supported.is_cc102", "the facts support CC 102 (murder exceeding necessary defence)"),
    _n("ref.cc99_1_min_years", "minimum imprisonment under CC 99(1) (murder) at the case's dates"),
    _n("ref.cc99_1_max_years", "maximum imprisonment under CC 99(1) (murder) at the case's dates"),
    _n("ref.cc101_1_min_years", "minimum imprisonment under CC 101(1) (murder in a state of affect)"),
    _n("ref.cc101_1_max_years", "maximum imprisonment under CC 101(1) (murder in a state of affect)"),
    _n("ref.cc102_min_years", "minimum imprisonment under CC 102 (murder exceeding necessary defence)"),
    _n("ref.cc102_max_years", "maximum imprisonment under CC 102 (murder exceeding necessary defence)"),
    _n("ref.cc106_3_min_years", "minimum imprisonment under CC 106(3) (grievous harm causing death by negligence)"),
    _n("ref.cc106_3_max_years", "maximum imprisonment under CC 106(3) (grievous harm causing death by negligence)"),
    _n("law.group_part_min_years", "minimum imprisonment of the article's part for an offence by a group"),
    _n("law.group_part_max_years", "maximum imprisonment of the article's part for an offence by a group"),
    _b("supported.is_cc101", "the facts support CC 101 (murder in a state of affect)"),
    # reconciliation (CC 68)
    _b("reconciliation.open", "release by reconciliation was legally open for this charge at the offence date (CC 68)"),
    _b("reconciliation.excluded_by_cc68_4", "an exclusion of CC 68(4) applies"),
    # the defendant
    _e("defendant.sex", "sex of the defendant", ("female", "male")),
    _n("defendant.age", "age of the defendant"),
    _b("defendant.law_enforcement", "officer of a law-enforcement or special state body, or a judge"),
    _b("defendant.public_office", "holds another public office"),
    _b("defendant.used_official_position", "used their official position"),
    _b("defendant.used_uniform", "used a uniform or the documents of a representative of authority"),
    _b("defendant.prior_convictions", "has prior convictions"),
    _b("defendant.prior_reconciliation_release", "was released earlier by reconciliation (CC 68)"),
    _b("defendant.intoxicated", "was intoxicated"),
    _b("defendant.cc68_2_person", "falls in a class of CC 68(2): minor, pregnant woman, woman with a young child, man "
       "raising a young child alone, woman 58+ or man 63+"),
    _b("defendant.exceptional_circumstances", "the court recorded exceptional circumstances (CC 55(4))"),
    _b("cc55.part2_conditions", "the court recognised a mitigating circumstance and no aggravating one (CC 55(2))"),
    _b("cc55.below_min_permitted", "CC 55 lets the court go below the minimum: exceptional circumstances (55(4)), "
       "or parts 2-3 (55(6)): mitigation without aggravation, or an accelerated procedure or procedural agreement"),
    _b("defendant.remained_in_contact", "kept in contact with the victims during the investigation"),
    _n("group.co_offenders", "number of co-offenders who acted together with this defendant"),
    _b("group.acted_together", "acted together with others at the same time and place against the same victim"),
    _b("group.prior_conspiracy", "agreed with the others in advance"),
    _s("mitigating.recognised", "CC 53(1) items the court recognised", CC53_ITEMS),
    _s("mitigating.present", "CC 53(1) items the facts establish (stated in the case file or derived, see docs)",
       CC53_ITEMS),
    _s("aggravating.recognised", "CC 54(1) items the court recognised", CC54_ITEMS),
    _s("aggravating.present", "CC 54(1) items the facts establish (stated or derived)", CC54_ITEMS),
    _s("leniency.grounds", "grounds the court gave for leniency", LENIENCY_GROUNDS),
    # victims and harm
    _n("victim.count", "number of victims"),
    _b("victim.female", "a victim is a woman or girl"),
    _b("victim.pregnant", "a victim was pregnant"),
    _b("victim.minor", "a victim was under 18"),
    _b("victim.young_child", "a victim was under 14"),
    _b("victim.helpless", "a victim was disabled or helpless"),
    _b("victim.dependent", "a victim depended on the defendant"),
    _b("victim.family", "a victim is the defendant's family member (spouse, partner, former partner, relative)"),
    _b("victim.own_child", "a victim is the defendant's child or stepchild (relationship child or step_child)"),
    _b("victim.subordinate", "a victim was the defendant's pupil, subordinate or in their care"),
    _b("victim.retaliation", "the complainant was dismissed, discharged or punished after complaining"),
    _b("harm.death", "a victim died"),
    _e("harm.severity", "the gravest harm to a victim", HARM_LEVELS),
    _b("harm.lasting_disability", "a victim was left with a lasting disability"),
    _n("harm.wounds", "the largest number of wounds inflicted on one victim"),
    _b("harm.weapon", "a knife, firearm or other weapon was used"),
    _b("harm.special_cruelty", "intent to cause special suffering was established"),
    _b("harm.sexual_violence", "there was sexual violence"),
    _b("conduct.sexual_harassment", "the conduct complained of was sexual harassment (unwanted sexual attention, "
       "innuendo, touching or pressure) without sexual violence, as the case file states"),
    # domestic-violence history
    _b("history.prior_abuse", "the defendant abused the victim before"),
    _n("history.abuse_years", "how long the abuse lasted, in years"),
    _n("history.complaints_by_victim", "police complaints by the victims against this defendant before the offence"),
    _n("history.complaints_by_defendant", "police complaints by this defendant against the victim before the offence"),
    _n("history.complaints_unanswered", "complaints (either way) on which the police did nothing, refused or archived"),
    _b("history.protective_order", "a protective order was issued against this defendant"),
    _b("history.protective_order_violated", "a protective order against this defendant was violated"),
    _b("history.violation_unpenalised", "a violation of a protective order went without penalty"),
    _n("history.admin_penalties", "earlier administrative penalties of this defendant"),
    _b("history.complaint_investigated", "the complaint in this case was investigated"),
    # self-defence
    _b("defence.is_defender", "this defendant says they were defending themselves against the victim"),
    _b("defence.attack_in_progress", "an attack on the defendant was in progress"),
    _b("defence.armed", "the attack was armed"),
    _b("defence.life_threatening", "the attack was violence dangerous to life, or its direct threat"),
    _b("defence.sexual", "the attack was sexual violence"),
    _b("defence.sudden", "the attack was sudden"),
    _b("defence.no_excess", "a case CC 32(3) declares never an excess (attack on life, armed, life-threatening, "
       "sudden)"),
    _b("defence.court_considered_cc32", "the court considered necessary defence (CC 32)"),
    _b("defence.court_considered_cc102", "the court considered CC 102"),
    # sets of offences (CC 58)
    _n("combined.charges", "number of charges of this defendant"),
    _b("combined.above_cc58_cap", "the final sentence exceeds the CC 58 limit for the set of offences"),
    _b("combined.below_gravest_charge", "the final sentence is lighter than the sentence for the gravest charge"),
]

FACTS: dict[str, FactSpec] = {s.name: s for s in _SPECS}


def with_open_domains(articles: tuple[str, ...], parts: tuple[str, ...]) -> dict[str, FactSpec]:
    """The vocabulary with the article and part domains filled from the statute data."""
    out = dict(FACTS)
    out["charge.article"] = FactSpec("charge.article", "enum", FACTS["charge.article"].description,
                                     tuple(sorted(set(articles))) + ("other",))
    out["charge.part"] = FactSpec("charge.part", "enum", FACTS["charge.part"].description,
                                  tuple(sorted(set(parts))) + ("none", "other"))
    return out


def facts_markdown() -> str:
    """docs/facts.md: every fact a rule may read."""
    lines = [
        "# Facts rules may read",
        "",
        "Generated by `sentencecheck rules facts --format markdown`; do not edit by hand. Every fact may be",
        "unknown. How each one is derived: `src/sentencecheck/derive/party.py` (defendant, victims, harm,",
        "history, defence) and `src/sentencecheck/derive/charge.py` (charge, law, sentence, CC 55/56/58/68).",
        "",
        "| fact | kind | meaning | values |",
        "|---|---|---|---|",
    ]
    for spec in FACTS.values():
        values = ", ".join(spec.domain) if spec.domain else ("from the statute data" if spec.kind == "enum" else "")
        lines.append(f"| `{spec.name}` | {spec.kind} | {spec.description} | {values} |")
    return "\n".join(lines) + "\n"


__all__ = ["FACTS", "FAMILY_RELATIONSHIPS", "FactSpec", "facts_markdown", "with_open_domains"]
