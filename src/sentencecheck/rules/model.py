"""The rule model: what a rule file may say, validated before anything runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sentencecheck.law.book import StatuteBook
from sentencecheck.rules.conditions import All, Node
from sentencecheck.rules.vocabulary import FactSpec

CHARGE_CITATION = "{charge}"
"""A legal basis that stands for the article (and part) charged, for rules about any article's own sanction."""

Direction = Literal["leniency", "over-punishment", "procedural", "legislative-gap"]
Severity = Literal["low", "medium", "high", "critical"]
Expect = Literal["holds", "possible", "no"]
Seeks = Literal["worsening", "improvement", "either", "motion"]
"""Whose position a challenge on the finding would change: a worsening is sought by the victim or the prosecutor,
an improvement by the convicted person; it decides who may appeal and the cassation deadline (CPC 487). ``motion``:
the finding is raised by a request during the proceedings (to the investigator, the prosecutor or the court), not
by challenging a decision."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    en: str = Field(min_length=1)
    ru: str = Field(min_length=1)


class Example(_Strict):
    """A hand-written example: facts (unnamed facts are unknown) and the expected result."""

    name: str
    facts: dict[str, Any]
    expect: Expect
    note: str | None = None


class Examples(_Strict):
    positive: list[Example] = Field(min_length=1)
    negative: list[Example] = Field(min_length=1)


class Family(_Strict):
    """Rules that must exclude each other: no two members are ever confirmed on the same subject. A family that
    ``partition``s its cases also leaves no gap: on complete facts where a member's premise holds, one member is
    confirmed (``sentencecheck rules prove`` checks both). Written ``family: NAME`` or
    ``family: {name: NAME, partition: true}``; every member of a family says the same."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{2,63}$")
    partition: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"name": data} if isinstance(data, str) else data


class RuleSpec(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]{2,63}$")
    version: int = Field(ge=1)
    title: Bilingual
    direction: Direction
    severity: Severity
    scope: Literal["charge", "defendant"] = "charge"
    legal_basis: list[str] = Field(
        description="the provisions the finding rests on ('{charge}': the article charged); only a procedural rule "
        "may have none (the research is silent)"
    )
    appeal_grounds: list[str] = Field(
        default_factory=list, description="grounds to challenge a court's decision (appeal, cassation)"
    )
    pre_trial_remedy: list[str] = Field(
        default_factory=list,
        description="how to challenge a decision of the investigator or the prosecutor (instance pre_trial)",
    )
    seeks: Seeks | None = Field(
        default=None,
        description="what a challenge on this finding asks for; by default a worsening for leniency, an improvement "
        "for over-punishment, either for a procedural finding; none for a legislative gap (not an appeal ground)",
    )
    premise: dict[str, Any] = Field(
        description="the facts that make the pattern relevant at all; they must hold on known facts for any finding"
    )
    when: dict[str, Any] | None = Field(
        default=None,
        description="the rest of the condition; where it is unknown the finding is possible and names what to "
        "establish",
    )
    explanation: Bilingual
    argument: Bilingual
    counterfactual: Bilingual | None = None
    examples: Examples
    compatible_with: list[str] = Field(default_factory=list)
    family: Family | None = Field(
        default=None, description="the group of rules that must exclude each other (see Family)"
    )
    notes: str | None = None

    @model_validator(mode="after")
    def _basis_unless_procedural(self) -> RuleSpec:
        if not self.legal_basis and self.direction != "procedural":
            raise ValueError("legal_basis: a leniency or over-punishment finding must cite the provisions it rests on")
        if CHARGE_CITATION in self.legal_basis and self.scope != "charge":
            raise ValueError(f"legal_basis: {CHARGE_CITATION} needs scope: charge")
        return self

    @property
    def sought(self) -> Seeks | None:
        """What a challenge on the finding asks for (see ``seeks``)."""
        if self.seeks is not None or self.direction == "legislative-gap":
            return self.seeks
        if self.direction == "leniency":
            return "worsening"
        return "improvement" if self.direction == "over-punishment" else "either"


class RuleFile(_Strict):
    rules: list[RuleSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Rule:
    """A validated rule: its spec, its premise and the rest of its condition in negation normal form, where it came
    from.  ``condition`` is premise and rest together (for listing the facts a rule reads)."""

    spec: RuleSpec
    premise: Node
    rest: Node | None
    file: str
    order: int

    @property
    def condition(self) -> Node:
        return self.premise if self.rest is None else All((self.premise, self.rest))

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass
class RuleSet:
    rules: list[Rule]
    facts: dict[str, FactSpec]
    book: StatuteBook
    digest: str
    files: list[str] = field(default_factory=list)

    def by_id(self, rule_id: str) -> Rule | None:
        for r in self.rules:
            if r.id == rule_id:
                return r
        return None


TEMPLATE_UNITS = ("years", "months", "days", "hours", "mci")
TEMPLATE_VAR = re.compile(r"\{([a-z_.0-9]+)(?:\|(" + "|".join(TEMPLATE_UNITS) + r"))?\}")
"""``{name}`` or ``{name|unit}`` (a number with its unit in agreement) in a rule's texts."""
TEMPLATE_GENDER = re.compile(r"\{g:([^|{}]*)\|([^|{}]*)\}")
"""``{g:masculine|feminine}``: chosen by the defendant's sex."""


def template_vars(text: str) -> list[str]:
    """The variable names a rule text uses."""
    return [m.group(1) for m in TEMPLATE_VAR.finditer(text)]


def stray_braces(text: str) -> bool:
    """True when a text has a brace that is not part of the template markup (a typo such as ``{x|yeras}``)."""
    rest = TEMPLATE_GENDER.sub("", TEMPLATE_VAR.sub("", text))
    return "{" in rest or "}" in rest
CONTEXT_VARS = ("defendant", "charge", "law.version", "law.label", "supported.label", "victims")
