"""The facts rules may read: their names, kinds, domains and meaning.

Every rule condition names facts from this list; the loader rejects any other name.  Facts are
computed once per (defendant, charge, candidate statute version) by :mod:`sentencecheck.derive`,
and encoded so that *unknown* is explicit (see :mod:`sentencecheck.rules.encoding`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, get_args

from sentencecheck.model.case import (
    FAMILY_RELATIONSHIPS,
    CourtOnDefence,
    DismissalGround,
    Instance,
    LeniencyGround,
    OutcomeKind,
    SentenceKind,
    Severity,
)

FactKind = Literal["bool", "number", "enum", "set"]
_ITEM_UNSAFE = re.compile(r"[^A-Za-z0-9_]")


@dataclass(frozen=True)
class FactSpec:
    name: str
    kind: FactKind
    description: str
    domain: tuple[str, ...] = ()
    key: str = field(init=False, compare=False, repr=False)
    """The flat key of this fact in an encoded fact dict."""
    item_keys: tuple[tuple[str, str], ...] = field(init=False, compare=False, repr=False)
    """(item, flat key) for every item of a set fact, in domain order."""
    bound_keys: tuple[str, str] = field(init=False, compare=False, repr=False)
    """The flat keys of a number's lower and upper bound."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", self.name.replace(".", "_"))
        object.__setattr__(self, "bound_keys", (f"{self.key}__lo", f"{self.key}__hi"))
        object.__setattr__(self, "item_keys", tuple((i, self.item_key(i)) for i in self.domain)
                           if self.kind == "set" else ())

    def item_key(self, item: str) -> str:
        """The flat key of one item of a set fact (an article such as 'CC 108-1' becomes 'CC_108_1')."""
        return f"{self.key}__{_ITEM_UNSAFE.sub('_', item)}"


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
DISMISSAL_GROUNDS: tuple[str, ...] = get_args(DismissalGround)
COURT_ON_DEFENCE: tuple[str, ...] = get_args(CourtOnDefence)
CC53_ITEMS = tuple(str(i) for i in range(1, 12))
LENIENCY_BASES = ("none", "personal", "repentance", "other")
"""The values of ``leniency.basis`` (:mod:`sentencecheck.derive.grounds`)."""
VICTIM_TRAITS = ("minor", "young_child", "pregnant")
"""Victims an article may qualify the offence by, each established by the fact ``victim.<trait>``. Helplessness is
tagged in the statute data but not looked for: the model records "disabled or helpless", and a disability alone is
not the helplessness the items name."""
CC54_ITEMS = tuple(str(i) for i in range(1, 17))

_SPECS: list[FactSpec] = [
    # the record and the proceeding
    _b("record.closed", "the case file was written from the full text of the decision itself, so what the court does "
       "not state there, it did not do (record: decision or appeal_ruling)"),
    _e("proceeding.instance", "who took the decision: pre_trial (investigator, inquiry officer, prosecutor) or a court",
       INSTANCES),
    _n("proceeding.offence_year", "year of the offence"),
    _b("proceeding.after_public_outcry", "the review followed public outcry"),
    _b("proceeding.new_code", "the offence was committed under the 2014 Codes (from 1 January 2015); earlier offences "
       "fall under the 1997 Codes, which the statute data does not model"),
    _b("proceeding.after_2024_law", "the offence was committed after Law 72-VIII of 15.04.2024 came into force (light "
       "harm and battery became crimes, CC 108-1 and 109-1), as the statute data dates it"),
    # outcome and sentence of the defendant
    _e("outcome", "what the decision did for this defendant (a dismissal on the ground of reconciliation reads as "
       "reconciliation)", OUTCOMES),
    _e("outcome.dismissal_ground", "why a dismissal, refusal or archived complaint ended the case", DISMISSAL_GROUNDS),
    _b("dismissal.ground_stated", "the file states the ground on which the case was closed or the complaint archived"),
    _b("dismissal.ground_fits", "the stated ground of the termination fits the known facts: it is false for a "
       "limitation period that had not run, or for a missing complaint in a case of public prosecution; true for "
       "lawful defence, death, insanity and the other grounds the facts cannot contradict; unknown when no ground is "
       "stated, or for 'no offence' despite grave harm the defendant caused (the reasons must be read)"),
    _e("sentence.kind", "kind of penalty for this charge (or the final one when there is a single charge)",
       SENTENCE_KINDS),
    _n("sentence.years", "term in years of imprisonment, restriction of liberty or a conditional sentence"),
    _n("sentence.custodial_years", "years of real imprisonment (0 for non-custodial and conditional sentences)"),
    _n("sentence.days", "days of arrest or administrative arrest"),
    _n("sentence.hours", "hours of community work or of administrative arrest given in hours"),
    _n("sentence.mci", "fine in monthly calculation indices"),
    _b("sentence.real_imprisonment", "real imprisonment (or life) was imposed"),
    _b("sentence.kind_allowed", "the article's sanction includes this kind of penalty (a conditional sentence counts "
       "as imprisonment, CC 63), or imprisonment replaces a sanction of life imprisonment only: for preparation or "
       "an attempt (CC 56), or after the limitation period has run (CC 71(5))"),
    _b("sentence.below_min", "below the article's minimum for this kind of penalty"),
    _b("sentence.above_max", "above the article's maximum for this kind of penalty (after CC 56)"),
    _b("sentence.at_or_below_min", "no real imprisonment, or real imprisonment no longer than the article's minimum: "
       "the bottom of the range or below it (false where the part sets no minimum and a term was imposed)"),
    _n("sentence.ratio_to_min", "sentence / the article's minimum for this kind of penalty"),
    _n("sentence.ratio_to_max", "sentence / the article's maximum for this kind of penalty"),
    _n("sentence.ratio_to_request", "years of real imprisonment / years the prosecution asked for"),
    _n("sentence.ratio_to_victim_request", "years of real imprisonment / years the victim asked for"),
    _b("sentence.above_lowest_cc55_cap", "imprisonment above the lowest CC 55(2) cap any version in force at the "
       "offence "
       "date sets for this offence's tier (false for other kinds of penalty: the cap limits imprisonment)"),
    _b("sentence.above_cc55_cap", "imprisonment above the CC 55(2) cap of every version that may have been in force "
       "(false for other kinds of penalty; unknown when the versions disagree)"),
    _b("sentence.conditional_barred", "a conditional sentence where CC 63(6) forbids one (an especially grave crime, "
       "recidivism, a criminal group, a sexual crime against a minor)"),
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
    _e("charge.code", "code of the charge", ("CC", "CAO", "RU_CC", "RU_CAO")),
    _e("charge.article", "article charged, e.g. 'CC 120' (values outside the statute data read as 'other')", ()),
    _e("charge.part", "part charged, e.g. '1', '3-1'; 'none' for an article without parts", ()),
    _n("charge.paragraph", "paragraph (item) of the part charged"),
    _e("charge.stage", "completed offence, attempt or preparation", ("completed", "attempt", "preparation")),
    _b("charge.modelled", "the charge's article and date are in the statute data"),
    _b("charge.group_applied", "the qualification includes commission by a group of persons or by prior conspiracy: "
       "the part and item charged carry it, or the decision says so"),
    _e("law.category", "crime category (CC 11) of the version applied", CATEGORIES),
    _b("law.against_life_or_health", "the article protects life or health"),
    _b("law.sexual_offence", "the article is a sexual offence (CC 120-124)"),
    _b("law.negligent", "a negligent offence (CC 104, 114)"),
    _b("law.causes_death", "causing death is an element of the part charged, or the victim died of the offence"),
    _b("law.covers_grave_harm", "the part charged covers causing death or grievous harm to health"),
    _b("law.imprisonment_allowed", "the sanction includes imprisonment"),
    _n("law.min_years", "minimum term of imprisonment (0 where the part sets none)"),
    _n("law.max_years", "maximum term of imprisonment, after CC 56 for attempts and preparation"),
    _b("law.life_allowed", "the sanction includes life imprisonment"),
    _s("law.victim_qualifiers", "victims the article qualifies the offence by, in a part or item in force at the "
       "case's dates: a minor, a young child (under 14), a pregnant woman", VICTIM_TRAITS),
    _s("charge.victim_qualifiers", "victims the part charged qualifies the offence by, as a whole or in one of its "
       "items, which share its sanction (a young child counts as a minor); unknown where the part is not stated",
       VICTIM_TRAITS),
    _s("charge.victim_qualifier_missing", "victims the facts establish (victim.minor, victim.young_child, "
       "victim.pregnant) and the article qualifies by, but the conviction does not", VICTIM_TRAITS),
    _b("law.cruelty_qualifier", "the article qualifies the offence by special cruelty, in a part or item in force at "
       "the case's dates"),
    _b("charge.cruelty_qualifier_missing", "special cruelty was established, the article qualifies by it, and the "
       "part charged does not (a part holding the item counts as applying it, whichever item it names)"),
    _b("law.has_group_qualifier", "the article qualifies the offence committed by a group of persons (CC 31(1)), in "
       "an item of a part graver than the one charged (any part where that is not stated)"),
    _b("law.has_conspiracy_qualifier", "the article qualifies the offence committed by a group by prior conspiracy "
       "(CC 31(2)), in an item of a part graver than the one charged (a group-of-persons qualifier covers it too)"),
    _b("law.private_public", "a private-public prosecution case (CPC 32(3): starts only on the victim's complaint); "
       "unknown for articles the research's partial list does not name"),
    _b("law.date_certain", "the version in force at the offence date is certain"),
    _b("limitation.expired", "the CC 71(1) limitation period of the charge's category had run between the offence and "
       "the decision (false where CC 71(6) sets no limitation: an especially grave crime against life, health or "
       "sexual freedom, a sexual crime against a minor); suspension while the person evaded (CC 71(4)) is not "
       "modelled"),
    _b("supported.differs", "the facts support another article than the one applied"),
    _e("supported.category", "crime category of the article the facts support", CATEGORIES),
    _n("supported.min_years", "minimum imprisonment of the article the facts support"),
    _n("supported.max_years", "maximum imprisonment of the article the facts support"),
    _b("supported.more_severe", "the article the facts support carries a higher maximum than the one applied"),
    _b("supported.less_severe", "the article the facts support carries a lower maximum than the one applied"),
    _b("supported.is_cc102", "the facts support CC 102 (murder exceeding necessary defence)"),
    _b("supported.is_cc101", "the facts support CC 101 (murder in a state of affect)"),
    _n("ref.cc99_1_min_years", "minimum imprisonment under CC 99(1) (murder) at the case's dates"),
    _n("ref.cc99_1_max_years", "maximum imprisonment under CC 99(1) (murder) at the case's dates"),
    _n("ref.cc101_1_min_years", "minimum imprisonment under CC 101(1) (murder in a state of affect)"),
    _n("ref.cc101_1_max_years", "maximum imprisonment under CC 101(1) (murder in a state of affect)"),
    _n("ref.cc102_min_years", "minimum imprisonment under CC 102 (murder exceeding necessary defence)"),
    _n("ref.cc102_max_years", "maximum imprisonment under CC 102 (murder exceeding necessary defence)"),
    _n("ref.cc105_1_max_years", "maximum imprisonment under CC 105(1) (driving to suicide)"),
    _n("ref.cc106_3_min_years", "minimum imprisonment under CC 106(3) (grievous harm causing death by negligence)"),
    _n("ref.cc106_3_max_years", "maximum imprisonment under CC 106(3) (grievous harm causing death by negligence)"),
    _n("ref.cc112_1_min_years", "minimum imprisonment under CC 112(1) (grievous harm exceeding necessary defence)"),
    _n("ref.cc112_1_max_years", "maximum imprisonment under CC 112(1) (grievous harm exceeding necessary defence)"),
    _n("ref.cc112_2_min_years", "minimum imprisonment under CC 112(2) (the same, causing death by negligence)"),
    _n("ref.cc112_2_max_years", "maximum imprisonment under CC 112(2) (the same, causing death by negligence)"),
    _n("ref.cao461_max_days", "the longest administrative arrest CAO 461 allows for a first violation of a "
       "protective order at the offence date (a range where the version in force is uncertain)"),
    _n("ref.cao461_repeat_max_days", "the longest administrative arrest CAO 461(1-1) allows for a repeat violation "
       "within a year (unknown where that part may not have been in force)"),
    _n("law.group_part_min_years", "minimum imprisonment of the article's part for an offence by a group"),
    _n("law.group_part_max_years", "maximum imprisonment of the article's part for an offence by a group"),
    # reconciliation (CC 68)
    _b("reconciliation.allowed", "CC 68 allowed release by reconciliation for this offence at the offence date: "
       "mandatory under 68(1) or possible under 68(2), and no exclusion of 68(4) tied to the offence (the exclusions "
       "for a repeat after an earlier release are separate)"),
    _b("reconciliation.repeat_excluded", "CC 68(4) excludes release as a repeat: an intentional offence within the "
       "CC 71(1) limitation period after an earlier reconciliation release (item 8), or, from 2024, a CC 108-1 or "
       "109-1 offence after one (item 9)"),
    # CC 55
    _b("cc55.part2_conditions", "the court recognised a mitigating circumstance and no aggravating one (CC 55(2))"),
    _b("cc55.applies", "CC 55 may be applied to this offence: CC 55(8) does not bar it (crimes connected with "
       "intentional killing; sexual crimes against minors), at the offence date"),
    _b("cc55.parts_2_3_apply", "CC 55(2)-(3) may be applied: CC 55 applies and CC 55(8) does not bar parts 2-3 "
       "(crimes involving violence against minors), at the offence date"),
    _b("cc55.milder_kind_permitted", "CC 55(4) lets the court impose a milder kind of penalty: exceptional "
       "circumstances recorded, and CC 55(8) does not bar CC 55"),
    _b("cc55.below_min_permitted", "CC 55 lets the court go below the minimum: exceptional circumstances (55(4)), "
       "or parts 2-3 (55(6)): mitigation without aggravation, or an accelerated procedure or procedural agreement; "
       "and CC 55(8) does not bar it"),
    # the defendant
    _e("defendant.sex", "sex of the defendant", ("female", "male")),
    _n("defendant.age", "age of the defendant at the offence"),
    _b("defendant.law_enforcement", "officer of a law-enforcement or special state body, or a judge"),
    _b("defendant.public_office", "holds another public office"),
    _b("defendant.used_official_position", "used their official position"),
    _b("defendant.used_uniform", "used a uniform or the documents of a representative of authority"),
    _b("defendant.prior_convictions", "has prior convictions"),
    _b("defendant.prior_reconciliation_release", "was released earlier by reconciliation (CC 68), within the CC 71(1) "
       "limitation period before this offence"),
    _b("defendant.intoxicated", "was intoxicated"),
    _b("defendant.evaded_justice", "evaded the investigation or the trial (suspends the limitation period, CC 71(4))"),
    _b("defendant.employed", "was employed"),
    _b("defendant.cc68_2_person", "falls in a class of CC 68(2) at the offence date"),
    _b("defendant.plea_agreement", "accelerated pre-trial investigation or a fulfilled procedural agreement (CC "
       "55(3))"),
    _b("defendant.affect_examined", "the court examined whether the defendant acted in a state of affect (CC 101)"),
    _b("defendant.exceptional_circumstances", "the court recorded exceptional circumstances (CC 55(4))"),
    _b("defendant.remained_in_contact", "kept in contact with the victims during the investigation"),
    _n("group.co_offenders", "number of co-defendants who acted together with this defendant"),
    _b("group.acted_together", "took part jointly with other defendants, each performing the act, against the same "
       "victim at the same time and place (false when the file says they acted apart, or there is one defendant)"),
    _b("group.prior_conspiracy", "agreed with the others in advance"),
    _s("mitigating.recognised", "CC 53(1) items the court recognised", CC53_ITEMS),
    _s("mitigating.present", "CC 53(1) items the facts establish and that are not an element of the article charged "
       "(CC 53(3)): stated in the case file or derived, see docs", CC53_ITEMS),
    _b("mitigating.any_recognised", "the court recognised at least one CC 53(1) mitigating circumstance"),
    _s("mitigating.not_recognised", "CC 53(1) items the facts establish (and that are not an element of the article "
       "charged) which the court did not recognise; unknown for an item where the court's list is not known",
       CC53_ITEMS),
    _s("aggravating.recognised", "CC 54(1) items the court recognised", CC54_ITEMS),
    _s("aggravating.present", "CC 54(1) items the facts establish (stated or derived), without items 3, 7 and 9 "
       "where the part charged qualifies the offence by them (CC 54(2))", CC54_ITEMS),
    _s("aggravating.not_recognised", "CC 54(1) items the facts establish (and that are not an element of the part "
       "charged) which the court did not recognise; unknown for an item where the court's list is not known",
       CC54_ITEMS),
    _s("leniency.grounds", "grounds the court gave for leniency", LENIENCY_GROUNDS),
    _e("leniency.basis", "what the court's reasons for leniency rest on, from its grounds and the CC 53(1) items it "
       "recognised: personal data only (no prior record, references, a job, young children; items 1, 4); repentance "
       "as well (remorse, item 11); other (amends or help to the victim, the victim's conduct or forgiveness, "
       "reconciliation, age or health; items 2, 3, 5-10); none; unknown unless both are known or one shows another "
       "reason", LENIENCY_BASES),
    # victims and harm
    _n("victim.count", "number of victims"),
    _b("victim.female", "a victim is a woman or girl"),
    _b("victim.pregnant", "a victim was pregnant"),
    _b("victim.minor", "a victim was under 18"),
    _b("victim.young_child", "a victim was under 14"),
    _b("victim.under_16", "a victim was under 16"),
    _b("victim.helpless", "a victim was disabled or helpless"),
    _b("victim.known_to_offender", "the offender knew the victim was a minor, or pregnant"),
    _b("victim.dependent", "a victim depended on the defendant (false for a stranger unless the file says otherwise)"),
    _b("victim.family", "a victim is the defendant's family member (spouse, partner, former partner, relative)"),
    _b("victim.own_child", "a victim is the defendant's child or stepchild"),
    _b("victim.subordinate", "a victim was the defendant's pupil, subordinate or in their care"),
    _b("victim.penalised_after_complaint", "after complaining, a complainant was dismissed, discharged, expelled or "
       "otherwise penalised"),
    _b("harm.death", "a victim died of harm this defendant caused"),
    _e("harm.severity", "the gravest harm to health this defendant caused", HARM_LEVELS),
    _b("harm.grave", "this defendant caused a death or grievous harm to health (a lasting disability alone may be "
       "moderate harm)"),
    _b("harm.lasting_disability", "a victim was left with a lasting disability"),
    _b("harm.beating", "blows or other violence causing physical pain (побои)"),
    _n("harm.wounds", "the largest number of wounds inflicted on one victim"),
    _b("harm.weapon", "a knife, sharp object, firearm or other weapon was used"),
    _b("harm.special_cruelty", "special cruelty, mockery or torment was established"),
    _b("harm.sexual_violence", "there was sexual violence"),
    _e("harm.suicide", "a victim took her or his own life, or attempted to", ("none", "attempted", "completed")),
    _b("conduct.sexual_coercion", "the offender pressed the victim for sexual acts by blackmail, a threat to "
       "property or using her or his dependence (CC 123(1))"),
    _b("conduct.sexual_harassment", "the conduct complained of was sexual harassment (unwanted sexual attention, "
       "innuendo, touching or pressure) without sexual violence, as the case file states"),
    # what happened before
    _b("history.prior_abuse", "this defendant abused the victim before the offence"),
    _n("history.abuse_years", "how long this defendant's abuse of the victim lasted, in years"),
    _b("history.systematic_abuse", "this defendant's abuse of the victim was systematic"),
    _b("history.abused_by_victim", "the victim abused this defendant before the offence"),
    _n("history.abused_by_victim_years", "how long the victim's abuse of this defendant lasted, in years"),
    _n("history.complaints_by_victim", "police complaints by the victims against this defendant before the offence"),
    _n("history.complaints_by_defendant", "police complaints by this defendant against the victim before the offence"),
    _n("history.complaints_by_victim_unanswered", "complaints by the victims against this defendant on which the "
       "police "
       "did nothing, refused or archived"),
    _n("history.complaints_by_defendant_unanswered", "complaints by this defendant against the victim on which the "
       "police did nothing, refused or archived"),
    _b("history.protective_order", "a protective order was issued against this defendant"),
    _b("history.protective_order_violated", "a protective order against this defendant was violated"),
    _b("history.violation_unpenalised", "a violation of a protective order went without penalty"),
    _n("history.admin_penalties", "earlier administrative penalties of this defendant"),
    _b("history.admin_penalty_within_year", "an earlier administrative penalty of this defendant within the year "
       "before "
       "the offence (what the CAO calls a repeat)"),
    _b("history.repeat_within_year", "an earlier administrative penalty of this defendant under the same article "
       "as the "
       "charge, within the year before the offence (what the CAO calls a repeat)"),
    _b("history.complaint_investigated", "the complaint in this case was investigated"),
    # necessary defence
    _b("defence.is_defender", "the case file records a confrontation in which this defendant acted against an attack "
       "by the victim (the self_defence block names this defendant and a victim)"),
    _b("defence.claimed", "this defendant said she or he was defending against the victim's attack"),
    _b("defence.attack_in_progress", "an attack by the victim, on this defendant or on another person this defendant "
       "protected (CC 32(1)), was under way when the defendant acted"),
    _n("defence.hours_after_attack", "the defendant acted this many hours after the victim's attack had ended"),
    _b("defence.armed", "the attack was armed"),
    _b("defence.life_threatening", "the attack was violence dangerous to life, or its direct threat"),
    _b("defence.sexual", "the attack was, or included, sexual violence"),
    _b("defence.no_excess", "the attack was of a kind against which CC 32(3) says harm is never an excess, in the "
       "text in force (attack on life, armed attack, violence dangerous to life or its direct threat, violent "
       "intrusion "
       "into a dwelling, arson of a dwelling in the current text, a sudden attack whose danger could not be assessed)"),
    _b("defence.court_considered_cc32", "the court considered necessary defence (CC 32); a conviction under an article "
       "for exceeding its limits (CC 102, 103, 112, 113) considered it by definition"),
    _b("defence.court_considered_cc102", "the court considered CC 102"),
    _b("defence.fear_or_confusion", "the defendant exceeded the limits of defence out of fear, fright or confusion "
       "caused by the attack (CC 66), as the case file states"),
    _b("defence.court_considered_cc66", "the court considered release from liability under CC 66"),
    _e("defence.court_finding", "what the court found on necessary defence", COURT_ON_DEFENCE),
    # earlier instance
    _e("earlier.outcome", "what the decision this one changed did for the defendant", OUTCOMES),
    _n("earlier.custodial_years", "years of real imprisonment the earlier decision imposed"),
    _b("review.worsened", "this appeal, cassation or review worsened the defendant's position: a conviction where "
       "the earlier decision acquitted or closed the case, or more years of real imprisonment"),
    _b("review.prosecution_side_appealed", "the prosecutor or the victim asked for the review (an appeal ruling "
       "names the complaints it decides, so its silence is a no)"),
    # sets of offences (CC 58)
    _n("combined.charges", "number of charges of this defendant"),
    _b("combined.charged_with_grave_harm", "one of this defendant's charges covers causing death or grievous harm"),
    _b("combined.charged_with_killing", "one of this defendant's charges is an intentional killing (CC 99-103)"),
    _s("combined.articles", "the articles of all this defendant's charges (e.g. 'CC 120')", ()),
    _b("combined.above_cc58_cap", "the final sentence exceeds the CC 58 limit for the set of offences"),
    _b("combined.below_gravest_charge", "the final sentence is lighter than the sentence for the gravest charge"),
    # torment of a child (CC 110)
    _b("torment.elements", "this defendant's abuse of the victim is torment under the CC 110(1) text that applies "
       "(c.2020: systematic violence; current: special cruelty, mockery or the aim of tormenting)"),
    _b("suicide.time_barred", "the CC 71(1) limitation period of driving to suicide (CC 105: medium gravity, grave for "
       "a minor victim) had run by the decision"),
    _b("torment.time_barred", "the CC 71 limitation period of torment of a minor (CC 110(2)) had run by the decision"),
]

FACTS: dict[str, FactSpec] = {s.name: s for s in _SPECS}


def with_open_domains(articles: tuple[str, ...], parts: tuple[str, ...]) -> dict[str, FactSpec]:
    """The vocabulary with the article and part domains filled from the statute data."""
    out = dict(FACTS)
    out["charge.article"] = FactSpec("charge.article", "enum", FACTS["charge.article"].description,
                                     tuple(sorted(set(articles))) + ("other",))
    out["charge.part"] = FactSpec("charge.part", "enum", FACTS["charge.part"].description,
                                  tuple(sorted(set(parts))) + ("none", "other"))
    out["combined.articles"] = FactSpec("combined.articles", "set", FACTS["combined.articles"].description,
                                        tuple(sorted(set(articles))))
    return out


def facts_markdown() -> str:
    """docs/facts.md: every fact a rule may read, with the function that derives it and where it comes from."""
    from sentencecheck.derive.registry import REGISTRY  # importing it imports the package: every producer declared

    lines = [
        "# Facts rules may read",
        "",
        "Generated by `sentencecheck rules facts --format markdown`; do not edit by hand. Every fact may be",
        "unknown. *Derived by* names the function of `src/sentencecheck/derive/` that computes the fact (and any that",
        "changes it per charge afterwards); *source* is the part of the case file a report cites for it.",
        "",
        "| fact | kind | meaning | values | derived by | source |",
        "|---|---|---|---|---|---|",
    ]
    for spec in FACTS.values():
        values = ", ".join(spec.domain) if spec.domain else ("from the statute data" if spec.kind == "enum" else "")
        found = REGISTRY.declaration(spec.name)
        derived = " then ".join(f"`{_short(name)}`" for name in (found.producer, *found.refiners))
        lines.append(f"| `{spec.name}` | {spec.kind} | {spec.description} | {values} | {derived} | {found.area} |")
    return "\n".join(lines) + "\n"


def _short(producer: str) -> str:
    """``sentencecheck.derive.party._harm_facts`` as ``party._harm_facts``."""
    return producer.removeprefix("sentencecheck.derive.")


__all__ = ["FACTS", "FAMILY_RELATIONSHIPS", "FactSpec", "facts_markdown", "with_open_domains"]
