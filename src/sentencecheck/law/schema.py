"""The shape of the dated statute data under ``rules/law/``.

One YAML file per article (``rules/law/cc/120.yaml``), read like the Code: the article, its parts,
and for each part the versions that have been in force, each with its dates, sanction, category,
qualifiers, sources and confidence.  Nothing here is computed; :mod:`sentencecheck.law.lookup`
answers questions about it.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Confidence(StrEnum):
    high = "high"
    medium = "medium"
    low = "low"
    unconfirmed = "unconfirmed"


class Text(Strict):
    en: str
    ru: str | None = None


class DateBound(Strict):
    """A date that may be known exactly or only to lie in a window.

    ``earliest == latest`` and ``confirmed`` is an exact, sourced date.  A window records what the
    research can say ("changed between the c.2020 text and the 2025 export"), never a guess.
    """

    earliest: date | None = None
    latest: date | None = None
    confirmed: bool = False
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateBound:
        if self.earliest and self.latest and self.earliest > self.latest:
            raise ValueError("earliest must not be after latest")
        if self.confirmed and self.earliest != self.latest:
            raise ValueError("a confirmed date needs earliest == latest")
        return self


SanctionKind = Literal[
    "imprisonment",
    "restriction_of_liberty",
    "fine",
    "corrective_labour",
    "community_work",
    "arrest",
    "life",
    "admin_arrest",
    "admin_fine",
    "warning",
    "expulsion",
]

SANCTION_UNITS: dict[str, str] = {
    "imprisonment": "years",
    "restriction_of_liberty": "years",
    "fine": "mci",
    "corrective_labour": "mci",
    "community_work": "hours",
    "arrest": "days",
    "life": "none",
    "admin_arrest": "days",
    "admin_fine": "mci",
    "warning": "none",
    "expulsion": "none",
}


class Sanction(Strict):
    """One penalty the part allows, with its statutory minimum and maximum in ``unit``.

    ``min`` null means the part sets no special minimum (the General Part minimum applies).
    ``exact`` marks fixed penalties ("fine of 20 MCI", "arrest of 10 days").
    """

    kind: SanctionKind
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    unit: Literal["years", "mci", "hours", "days", "none"]
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Sanction:
        if SANCTION_UNITS[self.kind] != self.unit:
            raise ValueError(f"{self.kind} is measured in {SANCTION_UNITS[self.kind]}, not {self.unit}")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        return self


Category = Literal[
    "unknown",
    "administrative",
    "criminal_misdemeanour",
    "small",
    "medium",
    "grave",
    "especially_grave",
    "general_part",
]


QualifierTag = Literal[
    "group", "group_conspiracy", "criminal_group", "special_cruelty",
    "minor_victim", "young_child_victim", "pregnant_victim", "helpless_victim",
]
"""What a qualifying item (or a whole part) is about, for rules that look for it: ``group`` is commission by a group
of persons or a group by prior conspiracy (CC 31(1)-(2)); ``group_conspiracy`` only by a group by prior conspiracy
(CC 31(2)), not by a simple group; ``criminal_group`` a criminal group (CC 31(3)); ``special_cruelty``; and the
victim an item names: a minor (under 18), a young child (under 14), a pregnant woman, a helpless person. An item
whose text has alternatives carries the tag of each, so that a conviction under it counts as applying every one."""


class Qualifier(Strict):
    item: int | Annotated[str, StringConstraints(pattern=r"^[0-9]+-[0-9]+$")] = Field(
        description="item number; '2-1' for an item inserted between 2 and 3"
    )
    text: Text
    tags: list[QualifierTag] = Field(default_factory=list)


ParamScalar = str | int | float | bool
ParamValue = ParamScalar | list[ParamScalar] | dict[str, ParamScalar | list[ParamScalar]]
"""A general-part parameter: a number, a fraction written "3/4", a list of citations or tags, or a table."""


class Version(Strict):
    """The text of one part as it stood between two dates."""

    id: str = Field(pattern=r"^[A-Za-z0-9_.\-@]+$")
    title: Text
    effective_from: DateBound
    effective_to: DateBound | None = None
    category: Category
    sanctions: list[Sanction] = Field(default_factory=list)
    additional: list[str] = Field(default_factory=list)
    qualifiers: list[Qualifier] = Field(default_factory=list)
    tags: list[QualifierTag] = Field(
        default_factory=list, description="what the whole part qualifies, where it has no item for it (CC 99(3): a "
        "young child)"
    )
    summary: Text | None = None
    against_life_or_health: bool = False
    sexual_offence: bool = False
    causes_death: bool = Field(default=False, description="causing death is an element of this part")
    grave_harm: bool = Field(
        default=False, description="the part covers causing death or grievous harm to health (an element of it)"
    )
    negligent: bool = Field(default=False, description="a negligent offence (CC 21), not an intentional one")
    sources: list[str] = Field(min_length=1)
    confidence: Confidence
    unconfirmed: list[str] = Field(default_factory=list)
    notes: str | None = None
    parameters: dict[str, ParamValue] = Field(
        default_factory=dict,
        description="general-part rules as data (CC 55 caps, CC 58 limits, CC 68 conditions ...); read by "
        "sentencecheck.law.general, which says what each one means",
    )

    def sanction(self, kind: str) -> Sanction | None:
        for s in self.sanctions:
            if s.kind == kind:
                return s
        return None


class Part(Strict):
    part: str | None = Field(description="'1', '3-1'; null for an article without parts")
    versions: list[Version] = Field(min_length=1)


class Article(Strict):
    code: Literal["CC", "CAO"]
    article: str = Field(pattern=r"^[0-9]+(-[0-9]+)?$")
    title: Text
    parts: list[Part] = Field(min_length=1)


class Authority(Strict):
    """A non-statute legal source cited by procedural rules: CPC articles, the domestic-violence
    law, Supreme Court normative resolutions."""

    id: str = Field(pattern=r"^[A-Z]+ [0-9A-Za-z/\-.()]+$")
    kind: Literal["code_article", "law_article", "supreme_court_resolution", "appeal_ground"]
    title: Text
    cite: Text | None = Field(default=None, description="how a court cites it, where the id is not that form")
    summary: Text
    sources: list[str] = Field(min_length=1)
    confidence: Confidence
    unconfirmed: list[str] = Field(default_factory=list)
    effective_from: DateBound | None = None
    effective_to: DateBound | None = None
    parameters: dict[str, ParamValue] = Field(default_factory=dict)


class AuthorityFile(Strict):
    authorities: list[Authority]
