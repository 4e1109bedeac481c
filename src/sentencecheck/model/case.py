"""Case facts: what one decision says, as a validated Pydantic model.

Unknown is not false.  Every yes/no fact is ``bool | None`` and every number or choice may be
``None``: a verdict is often silent, and a case file records only what its source states.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sentencecheck.model.written import (
    APPROXIMATE_DATE_SCHEMA,
    ARTICLE_SCHEMA,
    DAY_SCHEMA,
    PART_SCHEMA,
    approximate,
    decimal_comma,
    exact_day,
    provision_number,
)

Tri = bool | None
"""A fact that is true, false, or unknown (``None``)."""

Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]{1,64}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Source(Strict):
    """Where facts come from: a document, its paragraph or section, a URL, a quoted sentence."""

    document: str
    publication: str | None = None
    section: str | None = None
    paragraph: str | None = None
    url: str | None = None
    quote: str | None = None
    accessed: Annotated[Date, BeforeValidator(exact_day("an access date cannot be marked approximate")),
                        WithJsonSchema(DAY_SCHEMA)] | None = None


Sourced = Annotated[list[Ident], Field(description="ids of entries in `sources`")]
"""Declare as ``source: Sourced = Field(default_factory=list)``: a default inside ``Annotated`` is invisible to the
Pydantic mypy plugin, which then requires ``source`` in every constructor call."""

_DECISION_REASON = (
    "the law that may apply is read up to the decision (CC 6) and the limitation period (CC 71) is counted to it, "
    "and a decision date cannot be marked approximate"
)
DecisionDate = Annotated[Date, BeforeValidator(exact_day(_DECISION_REASON)), WithJsonSchema(DAY_SCHEMA)]
EarlierDate = Annotated[
    Date, BeforeValidator(exact_day("a decision date cannot be marked approximate")), WithJsonSchema(DAY_SCHEMA)
]

Instance = Literal["pre_trial", "first_instance", "appeal", "cassation", "review"]
"""Who took the decision: ``pre_trial`` is the investigator, the inquiry officer or the prosecutor (a refusal
to register, an archived complaint, a termination of the pre-trial investigation); the others are courts."""

RecordKind = Literal["decision", "appeal_ruling", "press_report", "spreadsheet_row", "other"]
"""What the case file was written from.  ``decision`` and ``appeal_ruling`` are the full text of the decision
itself: what the court states there is complete (see :data:`CLOSED_RECORDS`)."""

CLOSED_RECORDS: frozenset[str] = frozenset({"decision", "appeal_ruling"})
"""Records whose silence is a statement: the articles of conviction, the sentence, the CC 53/54 circumstances
the court recognised, the grounds it gave, whether it examined CC 32/102, CC 55 and a plea agreement.  In a press
report or a spreadsheet row the same silence stays unknown."""
Code = Literal["CC", "CAO", "RU_CC", "RU_CAO"]
"""``CC`` and ``CAO`` are Kazakhstan's Criminal Code and Code of Administrative Offences (2014).  ``RU_CC`` and
``RU_CAO`` are the Russian Federation's (УК РФ, КоАП РФ): `sentencecheck extract` reads Russian courts' verdicts,
which share the Kazakh wording, and records their charges as written; the statute data does not model them, so such
a charge is never screened (the report says so)."""
KZ_CODES: frozenset[str] = frozenset({"CC", "CAO"})
Sex = Literal["female", "male"]
Relationship = Literal[
    "spouse",
    "former_spouse",
    "partner",
    "former_partner",
    "parent",
    "step_parent",
    "child",
    "step_child",
    "other_relative",
    "teacher",
    "superior",
    "colleague",
    "acquaintance",
    "stranger",
    "carer",
    "service_provider",
]
FAMILY_RELATIONSHIPS: frozenset[str] = frozenset(
    {
        "spouse",
        "former_spouse",
        "partner",
        "former_partner",
        "parent",
        "step_parent",
        "child",
        "step_child",
        "other_relative",
    }
)


class AgeRange(Strict):
    """An age known only as a range: ``{under: 14}`` (a young child), ``{at_least: 18}``,
    ``{at_least: 14, under: 16}``."""

    at_least: int | None = Field(default=None, ge=0, le=110)
    under: int | None = Field(default=None, ge=1, le=111, description="exclusive: under 14 means at most 13")

    @model_validator(mode="after")
    def _bounds(self) -> AgeRange:
        if self.at_least is None and self.under is None:
            raise ValueError("give at_least, under, or both")
        if self.at_least is not None and self.under is not None and self.at_least >= self.under:
            raise ValueError(f"at_least ({self.at_least}) must be below under ({self.under})")
        return self

    def interval(self) -> tuple[float, float]:
        return (float(self.at_least or 0), float((self.under - 1) if self.under is not None else 110))


class CountRange(Strict):
    """A count known only as a range: ``{at_least: 10}`` for "many wounds"."""

    at_least: int | None = Field(default=None, ge=0, le=1000)
    at_most: int | None = Field(default=None, ge=0, le=1000)

    @model_validator(mode="after")
    def _bounds(self) -> CountRange:
        if self.at_least is None and self.at_most is None:
            raise ValueError("give at_least, at_most, or both")
        if self.at_least is not None and self.at_most is not None and self.at_least > self.at_most:
            raise ValueError(f"at_least ({self.at_least}) must not exceed at_most ({self.at_most})")
        return self

    def interval(self) -> tuple[float, float]:
        return (float(self.at_least or 0), float(self.at_most if self.at_most is not None else 1000))


Age = Annotated[int, Field(ge=0, le=110)] | AgeRange
Count = Annotated[int, Field(ge=0, le=1000)] | CountRange


def span(value: int | AgeRange | CountRange | None) -> float | tuple[float, float] | None:
    """A number or a range as a derived value: the number, an interval, or ``None`` (unknown)."""
    if value is None:
        return None
    if isinstance(value, AgeRange | CountRange):
        lo, hi = value.interval()
        return lo if lo == hi else (lo, hi)
    return float(value)


class Proceeding(Strict):
    court: str | None = None
    instance: Instance | None = Field(default=None, description="null = the source does not say who decided")
    decision_date: DecisionDate | None = None
    offence_date: Annotated[
        Date, BeforeValidator(exact_day("only a month or a year sets offence_date_approximate")),
        WithJsonSchema(APPROXIMATE_DATE_SCHEMA),
    ] | None = Field(default=None, description="the day (20.09.2023 or 2023-09-20); a month (03.2023, 2023-03) or a "
                     "year (2022) sets offence_date_approximate")
    offence_date_approximate: bool = Field(
        default=False,
        description="the source gives only the month or the year: statute look-ups then consider every version in "
        "force from 1 January of that year (a month is widened to its year), and the date itself is never used as a "
        "fact; set by itself when offence_date is written as a month or a year",
    )
    earlier_decision: str | None = Field(
        default=None, description="id (or file name) of the earlier-instance decision of the same case"
    )
    prosecution_appealed: Tri = None
    victim_appealed: Tri = None
    review_after_public_outcry: Tri = None
    source: Sourced = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _approximate_offence_date(cls, data: object) -> object:
        return approximate(data)

    @model_validator(mode="after")
    def _possible_dates(self) -> Proceeding:
        """A decision or an offence in the future, or an offence after its decision, is a mistake in the file."""
        today = Date.today()
        if self.decision_date is not None and self.decision_date > today:
            raise ValueError(f"decision_date {self.decision_date.isoformat()} is in the future: check the date "
                             "(written DD.MM.YYYY or YYYY-MM-DD)")
        start = self.offence_start
        if start is not None and start > today:
            raise ValueError(f"offence_date {start.isoformat()} is in the future: check the date")
        if start is not None and self.decision_date is not None and start > self.decision_date:
            raise ValueError(f"offence_date {start.isoformat()} is after decision_date "
                             f"{self.decision_date.isoformat()}: one of the two dates is wrong")
        return self

    @property
    def offence_start(self) -> Date | None:
        """The earliest possible offence date (1 January of the year when only the year is known)."""
        if self.offence_date is not None and self.offence_date_approximate:
            return Date(self.offence_date.year, 1, 1)
        return self.offence_date


ArticleNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{1,4}([-.][0-9]{1,2}){0,2}$"), BeforeValidator(provision_number),
    WithJsonSchema(ARTICLE_SCHEMA),
]
PartNumber = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{1,2}(-[0-9]{1,2})?$"), BeforeValidator(provision_number),
    WithJsonSchema(PART_SCHEMA),
]


class Term(Strict):
    """A length or an amount; combine fields as the verdict states them (``years: 2, months: 6``)."""

    years: float | None = Field(default=None, ge=0, le=100)
    months: float | None = Field(default=None, ge=0, le=1200)
    days: float | None = Field(default=None, ge=0, le=36500)
    hours: float | None = Field(default=None, ge=0, le=100000)
    mci: float | None = Field(default=None, ge=0, le=1_000_000)

    _comma = field_validator("years", "months", "days", "hours", "mci", mode="before")(decimal_comma)

    def in_years(self) -> float | None:
        if self.years is None and self.months is None and self.days is None:
            return None
        return (self.years or 0) + (self.months or 0) / 12 + (self.days or 0) / 365


SentenceKind = Literal[
    "imprisonment",
    "life",
    "restriction_of_liberty",
    "conditional",
    "fine",
    "corrective_labour",
    "community_work",
    "arrest",
    "admin_arrest",
    "admin_fine",
    "warning",
    "none",
]


class Sentence(Strict):
    """A penalty: its kind and its term (years/months for imprisonment, restriction of liberty and a
    conditional sentence; days for arrest; hours for community work or administrative arrest in
    hours; MCI for fines)."""

    kind: SentenceKind
    term: Term = Field(default_factory=Term)
    probation: Term | None = Field(default=None, description="probation period of a conditional sentence")
    source: Sourced = Field(default_factory=list)


class ArticleRef(Strict):
    """A provision: code, article, part and paragraph (item)."""

    code: Code = "CC"
    article: ArticleNumber
    part: PartNumber | None = None
    paragraph: int | None = Field(default=None, ge=1, le=30)
    letter: Annotated[str, StringConstraints(pattern=r"^[а-я]$")] | None = Field(
        default=None, description="a lettered item (п. «а»), as the Russian Federation's codes write them (RU_CC)"
    )

    def label(self) -> str:
        text = f"{self.code} {self.article or '(article not stated)'}"
        if self.part:
            text += f"({self.part})"
        if self.paragraph:
            text += f"({self.paragraph})"
        if self.letter:
            text += f"({self.letter})"
        return text

    @model_validator(mode="after")
    def _as_the_code_writes(self) -> ArticleRef:
        """Kazakh codes number inserted articles with a hyphen (73-1), the Russian Federation's with a point (228.1);
        lettered items are the Russian Federation's."""
        kz = self.code in KZ_CODES
        if self.article is not None and kz and "." in self.article:
            fix = self.article.replace(".", "-")
            raise ValueError(f"article {self.article}: the Kazakh codes write inserted articles with a hyphen: "
                             f"'{fix}' (a point is the Russian Federation's form, code RU_CC)")
        if self.article is not None and not kz and "-" in self.article:
            raise ValueError(f"article {self.article}: the Russian Federation's codes write inserted articles with a "
                             f"point: '{self.article.replace('-', '.')}'")
        if self.letter is not None and kz:
            raise ValueError("letter: the Kazakh codes number the items of a part (paragraph: 1); lettered items "
                             "(п. «а») are the Russian Federation's (code RU_CC)")
        return self


class Charge(ArticleRef):
    """One charge: the article applied (null when the source does not name it), the stage reached,
    its own sentence, and the article the facts support when that differs."""

    article: ArticleNumber | None = None  # type: ignore[assignment]

    stage: Literal["completed", "attempt", "preparation"] = "completed"
    also_items: list[int] = Field(
        default_factory=list,
        description="further items of the same part the charge cites («п.п. 1), 5) ч. 2 ст. 99»: paragraph 1, "
        "also_items [5])",
    )
    sentence: Sentence | None = None
    facts_support: ArticleRef | None = Field(
        default=None, description="the article the facts support, when it differs from the one applied"
    )
    facts_support_reason: str | None = None
    group_element: Tri = Field(
        default=None,
        description="the qualification includes commission by a group of persons or a group by prior conspiracy "
        "(CC 31(1)-(2)); false when the decision says the offence was not a group offence",
    )
    source: Sourced = Field(default_factory=list)


OutcomeKind = Literal[
    "convicted",
    "acquitted",
    "dismissed",
    "reconciliation",
    "administrative_penalty",
    "complaint_archived",
    "no_proceedings",
    "pending",
]

TERMINATIONS: frozenset[str] = frozenset({"dismissed", "reconciliation", "complaint_archived", "no_proceedings"})
"""Outcomes that end a case without a verdict on guilt."""


DismissalGround = Literal[
    "no_event",
    "no_corpus_delicti",
    "lawful_defence",
    "lawful_detention",
    "amnesty",
    "limitation",
    "no_complaint",
    "decriminalised",
    "res_judicata",
    "insanity",
    "immunity",
    "death",
    "reconciliation",
    "active_repentance",
    "other_release",
    "other",
]
"""Why a case was terminated or never brought: CPC 35(1) items 1 (no event), 2 (no corpus delicti), 3 (amnesty),
4 (limitation, CC 71), 5 (no complaint of the victim in a private or private-public case), 6 (decriminalised),
7-8 (res judicata), 9 (insanity), 10 (immunity), 11 (death); lawful necessary defence (CC 32) and lawful
detention (CC 33), which leave no offence; release by reconciliation (CC 68), active repentance (CC 65) and
other releases (CC 66, 67 ...; CPC 36)."""


def _or_outcome_kind(schema: dict[str, Any]) -> None:
    """JSON Schema of ``outcome``: the mapping, or a bare outcome kind (``outcome: convicted``)."""
    ref = schema.pop("$ref", None)
    mapping = [{"$ref": ref}] if ref else schema.pop("allOf", [])
    schema["anyOf"] = [*mapping, {"type": "string", "enum": list(get_args(OutcomeKind))}]


class Outcome(Strict):
    kind: OutcomeKind
    ground: str | None = Field(default=None, description="the ground in the decision's words, e.g. 'CPC 35(1)(2)'")
    dismissal_ground: DismissalGround | None = Field(
        default=None, description="why a dismissal, refusal or archived complaint ended the case; null = not stated"
    )
    source: Sourced = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        """``outcome: convicted`` is ``outcome: {kind: convicted}``."""
        return {"kind": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _ground(self) -> Outcome:
        if self.dismissal_ground is not None and self.kind not in TERMINATIONS:
            raise ValueError(
                f"dismissal_ground applies to {', '.join(sorted(TERMINATIONS))}, not to outcome {self.kind!r}"
            )
        if self.kind == "reconciliation" and self.dismissal_ground not in (None, "reconciliation"):
            raise ValueError("an outcome of kind reconciliation has dismissal_ground reconciliation (or none)")
        return self


LeniencyGround = Literal[
    "clean_record",
    "character_references",
    "young_children",
    "reconciliation",
    "remorse",
    "compensation",
    "employment",
    "age_or_health",
    "victim_behaviour",
    "victim_forgave",
]
"""Grounds a court gives for a lighter sentence: no prior record, character references, young children,
reconciliation, remorse, compensation or amends, employment, age or health, the victim's behaviour, and the victim's
forgiveness or request for leniency ("the victim has no claims")."""


class EarlierDecision(Strict):
    """The decision an appeal, cassation or review changed, for this defendant: what it found and imposed."""

    instance: Instance | None = None
    court: str | None = None
    decision_date: EarlierDate | None = None
    outcome: OutcomeKind | None = None
    charges: list[ArticleRef] = Field(default_factory=list)
    sentence: Sentence | None = None
    source: Sourced = Field(default_factory=list)


class Defendant(Strict):
    id: Ident
    name: str | None = None
    sex: Sex | None = None
    age: Age | None = Field(default=None, description="age at the offence: a number, or a range such as {under: 18}")
    law_enforcement_officer: Tri = None
    special_state_body: Tri = None
    judge: Tri = None
    public_office: Tri = None
    used_official_position: Tri = None
    used_uniform_or_documents: Tri = None
    prior_convictions: Tri = None
    prior_reconciliation_release: Tri = Field(
        default=None,
        description="released earlier from criminal liability by reconciliation (CC 68), and this offence was "
        "committed within the CC 71(1) limitation period of the earlier one",
    )
    intoxicated: Tri = None
    evaded_justice: Tri = Field(
        default=None, description="the defendant evaded the investigation or the trial (which suspends the limitation "
        "period, CC 71(4)); false when the source says he did not"
    )

    pregnant: Tri = None
    has_young_children: Tri = None
    raises_young_child_alone: Tri = None
    employed: Tri = None
    charges: list[Charge] = Field(default_factory=list)
    outcome: Outcome = Field(json_schema_extra=_or_outcome_kind)
    sentence: Sentence | None = Field(default=None, description="the final (combined) sentence")
    prosecution_request: Sentence | None = None
    victim_request: Sentence | None = None
    earlier: EarlierDecision | None = Field(
        default=None, description="for an appeal, cassation or review: the decision it changed, for this defendant"
    )
    acted_together_with: list[Ident] | None = Field(
        default=None,
        description="co-defendants who took part jointly with this one, each performing the act, against the same "
        "victim at the same time and place (CC 31(1)), as the source states; [] = acted without the other defendants "
        "or only helped; null = not stated",
    )
    prior_conspiracy: Tri = None
    mitigating_recognised: list[int] | None = Field(
        default=None, description="CC 53(1) items the court recognised; null = not known"
    )
    aggravating_recognised: list[int] | None = Field(default=None, description="CC 54(1) items the court recognised")
    mitigating_in_facts: list[int] = Field(
        default_factory=list, description="CC 53(1) items the facts establish (whatever the court said)"
    )
    aggravating_in_facts: list[int] = Field(default_factory=list, description="CC 54(1) items the facts establish")
    exceptional_circumstances_recorded: Tri = Field(default=None, description="CC 55(4) applied by the court")
    affect_examined: Tri = Field(
        default=None,
        description="the court examined whether the defendant acted in a state of affect (CC 101), e.g. on a forensic "
        "psychological-psychiatric examination",
    )
    accelerated_or_plea_agreement: Tri = Field(
        default=None, description="accelerated pre-trial investigation or a fulfilled procedural agreement (CC 55(3))"
    )
    leniency_grounds: list[LeniencyGround] | None = Field(
        default=None, description="grounds the court gave for leniency; null = not known"
    )
    remained_in_contact_with_victims: Tri = Field(
        default=None, description="kept in contact with the victims (e.g. kept working) during the investigation"
    )
    source: Sourced = Field(default_factory=list)

    @model_validator(mode="after")
    def _items(self) -> Defendant:
        for name, top in (
            ("mitigating_recognised", 11),
            ("mitigating_in_facts", 11),
            ("aggravating_recognised", 16),
            ("aggravating_in_facts", 16),
        ):
            for item in getattr(self, name) or []:
                if not 1 <= item <= top:
                    raise ValueError(f"{name}: CC {'53' if 'mitig' in name else '54'}(1) has items 1-{top}, not {item}")
        return self


class Victim(Strict):
    id: Ident
    name: str | None = None
    sex: Sex | None = None
    age: Age | None = Field(default=None, description="age at the offence: a number, or a range such as {under: 14}")
    pregnant: Tri = None
    disabled_or_helpless: Tri = None
    dependent_on_offender: Tri = None
    known_to_offender: Tri = Field(
        default=None, description="the offender knew the victim was a minor, or pregnant (the items that qualify by "
        "such a victim, and CC 54(1)(7) for pregnancy, say \"known\"), as the source states"
    )
    relationship: dict[Ident, Relationship] = Field(
        default_factory=dict, description="relationship of this victim to each defendant, by defendant id"
    )
    deceased: Tri = None
    penalised_after_complaint: Tri = Field(
        default=None,
        description="after complaining, the complainant was dismissed, discharged, expelled or otherwise penalised "
        "(the order of events as the source states it, not a finding that it was retaliation)",
    )
    source: Sourced = Field(default_factory=list)


Severity = Literal["none", "light", "moderate", "grievous"]
Weapon = Literal["none", "knife", "sharp_object", "firearm", "blunt_object", "other"]


class Harm(Strict):
    """Harm to one victim."""

    victim: Ident
    caused_by: list[Ident] | None = Field(
        default=None,
        description="the defendants who caused this harm; null = every defendant of the case (or not stated)",
    )
    death: Tri = None
    severity: Severity | None = Field(
        default=None, description="harm to health as forensic medicine grades it: light, moderate, grievous"
    )
    beating: Tri = Field(default=None, description="blows or other violence causing physical pain (побои)")
    lasting_disability: Tri = None
    wounds: Count | None = Field(
        default=None, description="number of wounds: a number, or a range such as {at_least: 10}"
    )
    weapon: Weapon | None = None
    special_cruelty_established: Tri = Field(
        default=None, description="special cruelty, mockery or torment established (not wounds alone)"
    )
    sexual_violence: Tri = None
    sexual_harassment: Tri = Field(
        default=None,
        description="the conduct was sexual harassment (unwanted sexual attention, innuendo, touching, pressure) "
        "without sexual violence; Kazakh law defines no harassment offence",
    )
    sexual_coercion: Tri = Field(
        default=None,
        description="the offender pressed the victim for sexual acts by blackmail, a threat to destroy, damage or take "
        "property, or using her or his material or other dependence (CC 123(1))",
    )
    suicide: Literal["none", "attempted", "completed"] | None = Field(
        default=None, description="the victim took her or his own life, or attempted to"
    )
    source: Sourced = Field(default_factory=list)


PoliceAction = Literal[
    "none",
    "refused",
    "archived",
    "warning",
    "protective_order",
    "administrative_case",
    "criminal_case",
    "unknown",
]


class Complaint(Strict):
    date: Annotated[Date, BeforeValidator(exact_day(
        "it is compared with the offence date, and a complaint date cannot be marked approximate"
    )), WithJsonSchema(DAY_SCHEMA)] | None = None
    by: Ident
    against: Ident
    police_action: PoliceAction = "unknown"
    source: Sourced = Field(default_factory=list)


class ProtectiveOrder(Strict):
    date: Annotated[Date, BeforeValidator(exact_day("an order's date cannot be marked approximate")),
                    WithJsonSchema(DAY_SCHEMA)] | None = None
    against: Ident
    violated: Tri = None
    violation_penalised: Tri = None
    source: Sourced = Field(default_factory=list)


class AdminPenalty(Strict):
    date: Annotated[Date, BeforeValidator(exact_day(
        "a penalty counts only within the year before the offence, and a penalty date cannot be marked approximate"
    )), WithJsonSchema(DAY_SCHEMA)] | None = None
    against: Ident
    article: ArticleRef | None = None
    penalty: Sentence | None = None
    source: Sourced = Field(default_factory=list)


class Abuse(Strict):
    """Violence or abuse before the offence, by one party against another."""

    by: Ident
    against: Ident
    occurred: bool = Field(default=True, description="false records that the source says there was none")
    systematic: Tri = None
    years: float | None = Field(default=None, ge=0, le=80, description="how long it lasted, in years")
    source: Sourced = Field(default_factory=list)

    _comma = field_validator("years", mode="before")(decimal_comma)


class History(Strict):
    """What happened before the offence: abuse, police complaints, protective orders, administrative penalties."""

    abuse: list[Abuse] | None = Field(default=None, description="null = not known; one entry per direction")
    police_complaints: list[Complaint] | None = Field(default=None, description="null = not known")
    protective_orders: list[ProtectiveOrder] | None = None
    admin_penalties: list[AdminPenalty] | None = None
    complaint_investigated: Tri = Field(default=None, description="the complaint in this case was investigated")
    source: Sourced = Field(default_factory=list)


CourtOnDefence = Literal["lawful_defence", "excess", "no_defence_situation", "not_examined"]


class SelfDefence(Strict):
    """A confrontation in which a defendant may have acted against an attack by the victim: the defendant's
    claim, the facts of the attack (or that there was none), and how the court treated it, each apart."""

    defender: Ident
    attacker: Ident
    claimed: Tri = Field(default=None, description="the defendant said she or he was defending against the attack")
    attack_in_progress: Tri = Field(
        default=None, description="an attack by the attacker, on the defender or on another person the defender "
        "protected (CC 32(1) protects the person and rights of others too), was under way when the defender acted"
    )
    protecting_another: Tri = Field(
        default=None, description="the attack was on another person (a child, a relative, a stranger), whom the "
        "defender protected"
    )
    hours_after_attack: float | None = Field(
        default=None, ge=0, le=100000, description="the defendant acted this many hours after the attack had ended"
    )
    attack_on_life: Tri = Field(default=None, description="the attack was on the defendant's (or another's) life")
    armed: Tri = Field(default=None, description="the attacker was armed")
    life_threatening: Tri = Field(
        default=None, description="the attack was violence dangerous to life, or a direct threat of such violence"
    )
    sexual: Tri = Field(default=None, description="the attack was, or included, sexual violence")
    dwelling_intrusion: Tri = Field(default=None, description="the attack was a violent intrusion into a dwelling")
    arson: Tri = Field(default=None, description="the attack was arson of a dwelling or premises")
    sudden: Tri = Field(default=None, description="the attack was sudden")
    could_not_assess_danger: Tri = Field(
        default=None, description="because the attack was sudden, the defendant could not objectively assess its danger"
    )
    defender_means: Literal["none", "knife", "sharp_object", "firearm", "blunt_object", "hands", "other"] | None = None
    fear_or_confusion: Tri = Field(
        default=None, description="the defender exceeded the limits of defence out of fear, fright or confusion "
        "caused by the attack (CC 66), as the source states"
    )
    court_considered_cc32: Tri = None
    court_considered_cc102: Tri = None
    court_considered_cc66: Tri = Field(
        default=None, description="the court considered release from liability under CC 66 (fear, fright or "
        "confusion)"
    )
    court_finding: CourtOnDefence | None = Field(
        default=None, description="what the court found on necessary defence; null = not known"
    )
    source: Sourced = Field(default_factory=list)

    _comma = field_validator("hours_after_attack", mode="before")(decimal_comma)


class ExpectedFinding(Strict):
    """A finding a lawyer expects for this case file, written by a person."""

    rule: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.\-]+$")]
    direction: Literal["leniency", "over-punishment", "procedural", "legislative-gap"]
    confidence: Literal["confirmed", "possible"] | None = None
    defendant: Ident | None = None
    note: str | None = None


class Extraction(Strict):
    """How `sentencecheck extract` drafted this file from a decision's text: each value it read, with the source
    (in ``sources``: paragraph and quoted passage) it came from, and the fields it could not find. A lawyer reviews
    the draft (`sentencecheck interview` shows each value beside its passage) and sets ``reviewed``."""

    document: str = Field(description="the file the text was read from")
    tool: str = Field(description="the program and version that drafted the file")
    values: dict[str, Ident] = Field(
        default_factory=dict, description="field path (defendants[0].sex) -> the source id of the passage it came from"
    )
    not_found: list[str] = Field(default_factory=list, description="field paths the text was searched for in vain")
    reviewed: bool = Field(default=False, description="a lawyer has checked every drafted value against the text")


class Case(Strict):
    """The facts of one decision."""

    id: Ident
    title: str | None = None
    illustrative: bool = Field(
        default=False, description="a representative case built from a pattern, not one decision"
    )
    record: RecordKind | None = Field(
        default=None,
        description="what this file was written from: decision (the full text of the decision), appeal_ruling, "
        "press_report, spreadsheet_row, other; null = not said (read as open: silence is unknown)",
    )
    summary: str | None = None
    sources: dict[Ident, Source] = Field(default_factory=dict)
    proceeding: Proceeding = Field(default_factory=lambda: Proceeding(source=[]))
    defendants: list[Defendant] = Field(min_length=1, max_length=50)
    victims: list[Victim] = Field(default_factory=list, max_length=50)
    harm: list[Harm] = Field(default_factory=list)
    history: History = Field(default_factory=lambda: History(source=[]))
    self_defence: SelfDefence | None = None
    expected_findings: list[ExpectedFinding] | None = Field(
        default=None,
        description="what a lawyer expects; [] = a control (nothing should be flagged); null = none recorded",
    )
    extraction: Extraction | None = Field(
        default=None, description="how `sentencecheck extract` drafted this file (null: written by hand)"
    )

    @property
    def closed(self) -> bool:
        """The file was written from the decision itself: what the court does not state, it did not do."""
        return self.record in CLOSED_RECORDS

    @model_validator(mode="after")
    def _references(self) -> Case:
        """Every id names a listed party or source; each error carries the location of the bad reference (``at``)."""
        defendants = {d.id for d in self.defendants}
        victims = {v.id for v in self.victims}
        for kind, ids in (("defendant", [d.id for d in self.defendants]), ("victim", [v.id for v in self.victims])):
            for i, ident in enumerate(ids):
                if ident in ids[:i]:
                    raise _bad_reference(f"{kind} ids must be unique: {ident!r} is given more than once",
                                         f"{kind}s", i, "id")
        parties = defendants | victims
        for i, d in enumerate(self.defendants):
            for j, other in enumerate(d.acted_together_with or []):
                if other not in defendants or other == d.id:
                    raise _bad_reference(f"defendant {d.id}: acted_together_with names unknown defendant {other!r}",
                                         "defendants", i, "acted_together_with", j)
            if self.closed:
                for j, charge in enumerate(d.charges):
                    if charge.article is None:
                        raise _bad_reference(
                            f"defendant {d.id}, charge {j + 1}: a {self.record} names the article of every charge; "
                            "fill in article (or set record: to what the file was written from)",
                            "defendants", i, "charges", j,
                        )
        for i, v in enumerate(self.victims):
            for d_id in v.relationship:
                if d_id not in defendants:
                    raise _bad_reference(f"victim {v.id}: relationship names unknown defendant {d_id!r}",
                                         "victims", i, "relationship", d_id)
        for i, h in enumerate(self.harm):
            if h.victim not in victims:
                raise _bad_reference(f"harm: unknown victim {h.victim!r}", "harm", i, "victim")
            for j, d_id in enumerate(h.caused_by or []):
                if d_id not in defendants:
                    raise _bad_reference(f"harm to {h.victim}: caused_by names unknown defendant {d_id!r}",
                                         "harm", i, "caused_by", j)
        for i, c in enumerate(self.history.police_complaints or []):
            for field, who in (("by", c.by), ("against", c.against)):
                if who not in parties:
                    raise _bad_reference(f"police complaint names unknown party {who!r}",
                                         "history", "police_complaints", i, field)
        for i, a in enumerate(self.history.abuse or []):
            for field, who in (("by", a.by), ("against", a.against)):
                if who not in parties:
                    raise _bad_reference(f"abuse names unknown party {who!r}", "history", "abuse", i, field)
            if a.by == a.against:
                raise _bad_reference(f"abuse: by and against are the same party {a.by!r}",
                                     "history", "abuse", i, "against")
        if self.self_defence:
            for field, who in (("defender", self.self_defence.defender), ("attacker", self.self_defence.attacker)):
                if who not in parties:
                    raise _bad_reference(f"self_defence names unknown party {who!r}", "self_defence", field)
        if not _cited_sources(self) <= self.sources.keys():  # the walk with paths only when one is missing
            for source_id, at in _source_ids(self, ()):
                if source_id not in self.sources:
                    raise _bad_reference(f"source {source_id!r} is cited but not listed in `sources`", *at)
        for path, source_id in (self.extraction.values.items() if self.extraction else ()):
            if source_id not in self.sources:
                raise _bad_reference(f"extraction: {path} cites source {source_id!r}, which is not listed in `sources`",
                                     "extraction", "values", path)
        return self


def _bad_reference(message: str, *at: int | str) -> PydanticCustomError:
    """A cross-reference error; ``at`` is the path of the bad reference, for the line of an error message."""
    return PydanticCustomError("case_reference", "{message}", {"message": message, "at": at})


_LEAVES = (str, int, float, bool, Date, type(None))


def _cited_sources(node: object, found: set[str] | None = None) -> set[str]:
    """Every source id cited under ``node`` (the fast walk of :func:`_source_ids`, without paths): only into the
    fields whose type may hold a ``source`` list."""
    found = set() if found is None else found
    if isinstance(node, BaseModel):
        values = node.__dict__
        for name in _walked_fields(type(node)):
            value = values.get(name)
            if isinstance(value, _LEAVES):
                continue
            if name == "source" and isinstance(value, list):
                found.update(value)
            else:
                _cited_sources(value, found)
    elif isinstance(node, list):
        for item in node:
            if not isinstance(item, _LEAVES):
                _cited_sources(item, found)
    elif isinstance(node, dict):
        for item in node.values():
            if not isinstance(item, _LEAVES):
                _cited_sources(item, found)
    return found


_WALKED: dict[type[BaseModel], tuple[str, ...]] = {}
"""By model class (a fixed few): the fields :func:`_cited_sources` walks."""


def _walked_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that may cite a source: ``source`` and those whose type may hold a model that may."""
    found = _WALKED.get(cls)
    if found is None:
        _WALKED[cls] = tuple(cls.model_fields)  # every field, while its own fields are looked at (a recursive type)
        found = _WALKED[cls] = tuple(name for name, f in cls.model_fields.items()
                                     if name == "source" or _may_cite(f.annotation))
    return found


def _may_cite(tp: Any) -> bool:
    """Could a value of this type hold a model that cites a source? (Yes for a type it cannot tell, such as ``Any``.)
    """
    if isinstance(tp, type):
        if issubclass(tp, BaseModel):
            return bool(_walked_fields(tp))
        return not issubclass(tp, (*_LEAVES, list, dict, set, frozenset, tuple))
    origin = get_origin(tp)
    if origin is Literal:
        return False
    if origin is None:
        return tp is not None
    return any(_may_cite(arg) for arg in get_args(tp) if isinstance(arg, type) or get_origin(arg) is not None
               or arg is Any)


def _source_ids(node: object, path: tuple[int | str, ...]) -> list[tuple[str, tuple[int | str, ...]]]:
    """Every source id cited under ``node``, with its path."""
    found: list[tuple[str, tuple[int | str, ...]]] = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "source" and isinstance(value, list):
                found.extend((ident, (*path, name, i)) for i, ident in enumerate(value))
            else:
                found.extend(_source_ids(value, (*path, name)))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found.extend(_source_ids(item, (*path, i)))
    elif isinstance(node, dict):
        for key, item in node.items():
            found.extend(_source_ids(item, (*path, key)))
    return found
