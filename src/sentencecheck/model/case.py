"""Case facts: what one decision says, as a validated Pydantic model.

Unknown is not false.  Every yes/no fact is ``bool | None`` and every number or choice may be
``None``: a verdict is often silent, and a case file records only what its source states.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
    accessed: Date | None = None


Sourced = Annotated[list[Ident], Field(default_factory=list, description="ids of entries in `sources`")]

Instance = Literal["first_instance", "appeal", "cassation", "review"]
Code = Literal["CC", "CAO"]
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


class Proceeding(Strict):
    court: str | None = None
    instance: Instance
    decision_date: Date | None = None
    offence_date: Date | None = None
    offence_date_approximate: bool = Field(
        default=False,
        description="the source gives only the year: statute look-ups then consider every version in force from "
        "1 January of that year, and the date itself is never used as a fact",
    )
    earlier_decision: str | None = Field(
        default=None, description="id (or file name) of the earlier-instance decision of the same case"
    )
    prosecution_appealed: Tri = None
    victim_appealed: Tri = None
    review_after_public_outcry: Tri = None
    source: Sourced


    @property
    def offence_start(self) -> Date | None:
        """The earliest possible offence date (1 January of the year when only the year is known)."""
        if self.offence_date is not None and self.offence_date_approximate:
            return Date(self.offence_date.year, 1, 1)
        return self.offence_date


class Term(Strict):
    """A length or an amount; combine fields as the verdict states them (``years: 2, months: 6``)."""

    years: float | None = Field(default=None, ge=0, le=100)
    months: float | None = Field(default=None, ge=0, le=1200)
    days: float | None = Field(default=None, ge=0, le=36500)
    hours: float | None = Field(default=None, ge=0, le=100000)
    mci: float | None = Field(default=None, ge=0, le=1_000_000)

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
    source: Sourced


class ArticleRef(Strict):
    """A provision: code, article, part and paragraph (item)."""

    code: Code = "CC"
    article: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}(-[0-9]{1,2})?$")]
    part: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,2}(-[0-9]{1,2})?$")] | None = None
    paragraph: int | None = Field(default=None, ge=1, le=30)

    def label(self) -> str:
        text = f"{self.code} {self.article or '(article not stated)'}"
        if self.part:
            text += f"({self.part})"
        if self.paragraph:
            text += f"({self.paragraph})"
        return text


class Charge(ArticleRef):
    """One charge: the article applied (null when the source does not name it), the stage reached,
    its own sentence, and the article the facts support when that differs."""

    article: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,4}(-[0-9]{1,2})?$")] | None = None  # type: ignore[assignment]

    stage: Literal["completed", "attempt", "preparation"] = "completed"
    sentence: Sentence | None = None
    facts_support: ArticleRef | None = Field(
        default=None, description="the article the facts support, when it differs from the one applied"
    )
    facts_support_reason: str | None = None
    source: Sourced


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


class Outcome(Strict):
    kind: OutcomeKind
    ground: str | None = Field(default=None, description="e.g. 'CPC 35(1)(2) no corpus delicti'")
    source: Sourced


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
]


class Defendant(Strict):
    id: Ident
    name: str | None = None
    sex: Sex | None = None
    age: int | None = Field(default=None, ge=10, le=110)
    law_enforcement_officer: Tri = None
    special_state_body: Tri = None
    judge: Tri = None
    public_office: Tri = None
    used_official_position: Tri = None
    used_uniform_or_documents: Tri = None
    prior_convictions: Tri = None
    prior_reconciliation_release: Tri = Field(
        default=None, description="released earlier by reconciliation (CC 68), within the limitation period"
    )
    intoxicated: Tri = None
    pregnant: Tri = None
    has_young_children: Tri = None
    raises_young_child_alone: Tri = None
    charges: list[Charge] = Field(default_factory=list)
    outcome: Outcome
    sentence: Sentence | None = Field(default=None, description="the final (combined) sentence")
    prosecution_request: Sentence | None = None
    victim_request: Sentence | None = None
    acted_together_with: list[Ident] = Field(
        default_factory=list, description="co-offenders acting at the same time and place against the same victim"
    )
    prior_conspiracy: Tri = None
    mitigating_recognised: list[int] | None = Field(
        default=None, description="CC 53(1) items the court recognised; null = the verdict is not known"
    )
    aggravating_recognised: list[int] | None = Field(default=None, description="CC 54(1) items the court recognised")
    mitigating_in_facts: list[int] = Field(
        default_factory=list, description="CC 53(1) items the facts establish (whatever the court said)"
    )
    aggravating_in_facts: list[int] = Field(default_factory=list, description="CC 54(1) items the facts establish")
    exceptional_circumstances_recorded: Tri = Field(default=None, description="CC 55(4) applied by the court")
    accelerated_or_plea_agreement: Tri = Field(
        default=None, description="accelerated pre-trial investigation or a fulfilled procedural agreement (CC 55(3))"
    )
    leniency_grounds: list[LeniencyGround] | None = Field(
        default=None, description="grounds the court gave for leniency; null = not known"
    )
    remained_in_contact_with_victims: Tri = Field(
        default=None, description="kept in contact with the victims (e.g. kept working) during the investigation"
    )
    source: Sourced

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
    age: int | None = Field(default=None, ge=0, le=110)
    pregnant: Tri = None
    disabled_or_helpless: Tri = None
    dependent_on_offender: Tri = None
    relationship: dict[Ident, Relationship] = Field(
        default_factory=dict, description="relationship of this victim to each defendant, by defendant id"
    )
    deceased: Tri = None
    retaliation_against_complainant: Tri = Field(
        default=None, description="the complainant was dismissed, discharged or otherwise punished after complaining"
    )
    source: Sourced


Severity = Literal["none", "light", "moderate", "grievous"]


class Harm(Strict):
    """Harm to one victim."""

    victim: Ident
    death: Tri = None
    severity: Severity | None = None
    lasting_disability: Tri = None
    wounds: int | None = Field(default=None, ge=0, le=1000)
    weapon: Literal["none", "knife", "firearm", "blunt_object", "other"] | None = None
    special_cruelty_established: Tri = Field(
        default=None, description="intent to cause special suffering established (not wounds alone)"
    )
    sexual_violence: Tri = None
    sexual_harassment: Tri = Field(
        default=None,
        description="the conduct was sexual harassment (unwanted sexual attention, innuendo, touching, pressure) "
        "without sexual violence; Kazakh law defines no harassment offence",
    )
    source: Sourced


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
    date: Date | None = None
    by: Ident
    against: Ident
    police_action: PoliceAction = "unknown"
    source: Sourced


class ProtectiveOrder(Strict):
    date: Date | None = None
    against: Ident
    violated: Tri = None
    violation_penalised: Tri = None
    source: Sourced


class AdminPenalty(Strict):
    date: Date | None = None
    against: Ident
    article: ArticleRef | None = None
    penalty: Sentence | None = None
    source: Sourced


class History(Strict):
    """The domestic-violence history before the offence."""

    prior_abuse: Tri = None
    abuse_duration_years: float | None = Field(default=None, ge=0, le=80)
    police_complaints: list[Complaint] | None = Field(default=None, description="null = not known")
    protective_orders: list[ProtectiveOrder] | None = None
    admin_penalties: list[AdminPenalty] | None = None
    complaint_investigated: Tri = Field(default=None, description="the complaint in this case was investigated")
    source: Sourced


class SelfDefence(Strict):
    """The attack a defendant faced, when the defendant says they were defending themselves."""

    defender: Ident
    attacker: Ident
    attack_in_progress: Tri = None
    armed: Tri = None
    life_threatening: Tri = None
    sexual: Tri = None
    sudden: Tri = None
    defender_means: Literal["none", "knife", "firearm", "blunt_object", "hands", "other"] | None = None
    court_considered_cc32: Tri = None
    court_considered_cc102: Tri = None
    source: Sourced


class ExpectedFinding(Strict):
    """A finding a lawyer expects for this case file, written by a person."""

    rule: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_.\-]+$")]
    direction: Literal["leniency", "over-punishment", "procedural", "legislative-gap"]
    confidence: Literal["confirmed", "possible"] | None = None
    defendant: Ident | None = None
    note: str | None = None


class Case(Strict):
    """The facts of one decision."""

    id: Ident
    title: str | None = None
    illustrative: bool = Field(
        default=False, description="a representative case built from a pattern, not one decision"
    )
    summary: str | None = None
    sources: dict[Ident, Source] = Field(default_factory=dict)
    proceeding: Proceeding
    defendants: list[Defendant] = Field(min_length=1, max_length=50)
    victims: list[Victim] = Field(default_factory=list, max_length=50)
    harm: list[Harm] = Field(default_factory=list)
    history: History = Field(default_factory=lambda: History(source=[]))
    self_defence: SelfDefence | None = None
    expected_findings: list[ExpectedFinding] | None = Field(
        default=None, description="what a lawyer expects; null = no expectation recorded"
    )

    @model_validator(mode="after")
    def _references(self) -> Case:
        defendants = {d.id for d in self.defendants}
        victims = {v.id for v in self.victims}
        if len(defendants) != len(self.defendants):
            raise ValueError("defendant ids must be unique")
        if len(victims) != len(self.victims):
            raise ValueError("victim ids must be unique")
        parties = defendants | victims
        for d in self.defendants:
            for other in d.acted_together_with:
                if other not in defendants or other == d.id:
                    raise ValueError(f"defendant {d.id}: acted_together_with names unknown defendant {other!r}")
        for v in self.victims:
            for d_id in v.relationship:
                if d_id not in defendants:
                    raise ValueError(f"victim {v.id}: relationship names unknown defendant {d_id!r}")
        for h in self.harm:
            if h.victim not in victims:
                raise ValueError(f"harm: unknown victim {h.victim!r}")
        for c in self.history.police_complaints or []:
            for who in (c.by, c.against):
                if who not in parties:
                    raise ValueError(f"police complaint names unknown party {who!r}")
        if self.self_defence:
            for who in (self.self_defence.defender, self.self_defence.attacker):
                if who not in parties:
                    raise ValueError(f"self_defence names unknown party {who!r}")
        for source_id in _source_ids(self):
            if source_id not in self.sources:
                raise ValueError(f"source {source_id!r} is cited but not listed in `sources`")
        return self


def _source_ids(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "source" and isinstance(value, list):
                found.extend(value)
            else:
                found.extend(_source_ids(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_source_ids(item))
    elif isinstance(node, dict):
        for item in node.values():
            found.extend(_source_ids(item))
    return found
