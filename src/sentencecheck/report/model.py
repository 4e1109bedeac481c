"""Findings and reports: what a lawyer reads and what a program consumes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Confidence = Literal["confirmed", "possible"]

DISCLAIMER = {
    "en": "Screening aid, not legal advice: each finding points to something a lawyer should check in the "
    "verdict and the case file.",
    "ru": "Инструмент предварительной проверки, а не юридическая консультация: каждый вывод указывает, что "
    "юристу следует проверить в приговоре и материалах дела.",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitedLaw(_Frozen):
    """A provision as the statute data records it: listed once per report, in its appendix."""

    ref: int = Field(description="its number in the report's appendix")
    citation: str = Field(description="the statute data's id, e.g. 'CC 53(1)(9)'")
    shown: str = Field(description="as the report's language writes it, e.g. 'п. 9 ч. 1 ст. 53 УК РК'")
    title: str
    in_force: str | None = None
    confidence: str
    unconfirmed: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class Citation(_Frozen):
    """A provision cited by a finding: its id, its form in the report's language and its appendix number."""

    citation: str
    shown: str
    title: str
    ref: int


class UsedFact(_Frozen):
    fact: str
    meaning: str
    value: str
    sources: list[str] = Field(default_factory=list)


class Question(_Frozen):
    """A fact still to establish, asked in plain language, with the answer that would support the finding."""

    fact: str = Field(description="the condition in the rule language, for programs")
    question: str
    supports: str = Field(description="the answer that supports the finding")


class Answer(_Frozen):
    """A fact to establish and the answer that settles a finding one way."""

    fact: str = Field(description="the fact in the rule language (with the item of a set fact), for programs")
    question: str
    answer: str


class Settlement(_Frozen):
    """The fewest facts that would settle a possible finding, found by an SMT solver (z3) over the case's unknown
    facts: establishing every fact of ``confirm`` with the answer given confirms it; ``clear`` clears it. None: no
    facts can (``versions_disagree``: the offence date and the part charged decide which version of the law
    applies)."""

    confirm: list[Answer] | None
    clear: list[Answer] | None
    versions_disagree: bool = False


class Route(_Frozen):
    """Where and by when a finding can be raised: appeal, cassation, a pre-trial complaint."""

    forum: Literal["appeal", "cassation", "pre_trial", "administrative", "motion", "unknown", "none"]
    text: str
    deadline: str | None = Field(default=None, description="the last day on our count (ISO date), if known")
    passed: bool | None = Field(default=None, description="the deadline had passed on the report's date")
    basis: list[Citation] = Field(default_factory=list)


class Finding(_Frozen):
    rule: str
    rule_version: int
    title: str
    direction: str
    severity: str
    confidence: Confidence
    defendant: str
    defendant_id: str
    charge: str | None
    law_version: str | None
    law_note: str | None
    legal_basis: list[Citation]
    appeal_grounds: list[Citation]
    seeks: Literal["worsening", "improvement", "either", "motion"] | None = Field(
        default=None, description="what a challenge on the finding asks for; none for a gap in the law")
    routes: list[Route]
    explanation: str
    argument: str
    counterfactual: str | None
    facts_used: list[UsedFact]
    facts_to_establish: list[Question]
    settle: Settlement | None = Field(default=None, description="for a possible finding: the fewest facts that "
                                      "would confirm it and clear it (reports built with ``settle``)")
    versions_disagree: list[str] = Field(default_factory=list)
    law_unconfirmed: list[str] = Field(default_factory=list)


class Report(_Frozen):
    case: str
    title: str | None
    instance: str
    decision_date: str | None
    engine: str
    language: str
    sentencecheck_version: str
    ruleset_digest: str
    court: str | None = None
    as_of: str = Field(description="the date deadlines are measured against (ISO)")
    screening: Literal["screened", "partly", "not_screened"] = Field(
        default="screened", description="whether the rules could check the case: every charge, some, or none")
    screening_reasons: list[str] = Field(default_factory=list, description="why a case was not (fully) screened")
    findings: list[Finding]
    law: list[CitedLaw] = Field(default_factory=list, description="every provision cited, once, with its provenance")
    facts: list[tuple[str, str]] = Field(default_factory=list, description="the case's recorded facts, worded")
    notes: list[str]
    sources: dict[str, str] = Field(default_factory=dict)
    disclaimer: str

    @property
    def has_findings(self) -> bool:
        return bool(self.findings)
