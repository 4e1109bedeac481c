"""Findings and reports: what a lawyer reads and what a program consumes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Confidence = Literal["confirmed", "possible"]

DISCLAIMER = {
    "en": "Screening aid, not legal advice: each finding points to something a lawyer should check in the "
    "verdict and the case file.",
    "ru": "Инструмент предварительной проверки, а не юридическая консультация: каждая находка указывает, что "
    "юристу следует проверить в приговоре и материалах дела.",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CitedLaw(_Frozen):
    citation: str
    title: str
    in_force: str | None = None
    confidence: str
    unconfirmed: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


class UsedFact(_Frozen):
    fact: str
    meaning: str
    value: str
    sources: list[str] = Field(default_factory=list)


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
    legal_basis: list[CitedLaw]
    appeal_grounds: list[CitedLaw]
    explanation: str
    argument: str
    counterfactual: str | None
    facts_used: list[UsedFact]
    facts_to_establish: list[UsedFact]
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
    findings: list[Finding]
    notes: list[str]
    sources: dict[str, str] = Field(default_factory=dict)
    disclaimer: str

    @property
    def has_findings(self) -> bool:
        return bool(self.findings)
