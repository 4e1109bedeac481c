"""Was the case screened at all?  A case whose charges the statute data does not model, or whose offence falls under
the 1997 Codes, must never pass as clean: it is *not screened* (nothing could be checked) or *partly screened* (some
charge could not be), with the reasons in the report's language."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from sentencecheck.derive import Subject
from sentencecheck.law.book import StatuteBook
from sentencecheck.report import wording
from sentencecheck.rules.encoding import decode_value
from sentencecheck.rules.vocabulary import FactSpec

Screening = Literal["screened", "partly", "not_screened"]

OLD_CODES = {
    "en": "the offence was committed before the 2014 Codes came into force; the 1997 Codes are not in the statute data "
          "the program uses, so no rule could be checked",
    "ru": "деяние совершено до вступления в силу кодексов 2014 года; кодексы 1997 года в данных о законе, "
          "использованных программой, отсутствуют, поэтому ни одно правило не проверено",
}


def screening(subjects: Sequence[Subject], facts: dict[str, FactSpec], book: StatuteBook, lang: str,
              who: dict[str, str]) -> tuple[Screening, list[str]]:
    """The status and its reasons: not screened when the offence is under the old Codes or no charge is modelled,
    partly when some charge is not; ``who`` names each defendant as the report does."""
    new_code = facts.get("proceeding.new_code")
    if new_code is not None and subjects and decode_value(new_code, subjects[0].encoded) is False:
        return "not_screened", [OLD_CODES[lang]]
    charged: dict[tuple[str, int], bool] = {}
    reasons: list[str] = []
    for s in subjects:
        if s.charge is None or s.charge_index is None or s.applicable is None:
            continue
        key = (s.defendant.id, s.charge_index)
        modelled = s.applicable.modelled
        charged[key] = charged.get(key, False) or modelled
        if not modelled:
            text = f"{who[s.defendant.id]}: {wording.applicable_note(book, s.applicable, lang)}"
            if text not in reasons:
                reasons.append(text)
    if not charged or all(charged.values()):
        return "screened", []
    return ("not_screened" if not any(charged.values()) else "partly"), reasons
