"""An earlier release of the defendant by reconciliation (CC 68), which bars a second one for a domestic offence:
«ранее освобождался от уголовной ответственности в связи с примирением», or an earlier case against the defendant
«прекращённое … в связи с примирением сторон» dated before this offence."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sentencecheck.extract.dates import parse_date
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.persons import Key, mentions_defendant, sentences

_RELEASED = re.compile(r"(?:освобожд\w*|прекращ\w*)[^;]{0,160}?в\s+связи\s+с\s+примирением", re.IGNORECASE)
_EARLIER = re.compile(r"ранее|прежд\w*|уже\b", re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}")
_REFUSED = re.compile(r"не\s+освобожд|не\s+прекращ|отказ", re.IGNORECASE)


def prior_reconciliation(paragraphs: Sequence[Paragraph], key: Key | None, alone: bool,
                         offence: date | None) -> Found[bool] | None:
    """``True`` with the passage, when the reasoning states such an earlier release of this defendant."""
    for p in paragraphs:
        if p.part != "reasoning":
            continue
        for _, text in sentences(p):
            m = _RELEASED.search(text)
            if m is None or _REFUSED.search(text[max(0, m.start() - 30):m.end()]):
                continue
            if not alone and (key is None or not mentions_defendant(text, key)):
                continue
            dates = [d for d in (parse_date(x) for x in _DATE.findall(text)) if d is not None]
            earlier = bool(_EARLIER.search(text[:m.start()])) or (
                offence is not None and any(d < offence for d in dates))
            if earlier:
                return Found(True, p.index, text.strip())
    return None
