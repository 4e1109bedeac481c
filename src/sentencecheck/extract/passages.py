"""The units extraction works on: a decision's paragraphs, the part of the decision each belongs to, and a value
found in the text together with the passage it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

Part = Literal["header", "intro", "reasoning", "operative"]
"""The parts of a decision (normative resolution of the Supreme Court No. 4 of 20 April 2018 «О судебном
приговоре»): ``header`` is everything before the introductory part's first line (the court's stamp, the case
number), ``intro`` the introductory part (court, date, parties, the defendant's particulars, the charge),
``reasoning`` the descriptive and reasoning part (after «УСТАНОВИЛ»), ``operative`` the operative part (after
«ПРИГОВОРИЛ», «ПОСТАНОВИЛ», «ОПРЕДЕЛИЛ», «РЕШИЛ»)."""

DecisionKind = Literal["verdict", "appeal_ruling", "cassation_ruling", "termination", "admin_decision", "other"]
"""What the text is: a verdict (приговор), an appeal ruling (постановление апелляционной инстанции), a cassation
ruling, a decision to terminate a case (постановление о прекращении), a decision in an administrative offence case
(постановление по делу об административном правонарушении)."""

T = TypeVar("T")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the decision: its number (1-based, in reading order), the line of the input it starts on
    (1-based; for a PDF, counted over the extracted text), its text with whitespace normalised, and its part."""

    index: int
    line: int
    text: str
    part: Part = "intro"


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value read from the text, with the paragraph it came from and the exact passage (a substring of that
    paragraph's text) that states it."""

    value: T
    paragraph: int
    quote: str
