"""Stable pseudonyms for the people in a case (``--redact``)."""

from __future__ import annotations

import hashlib

from sentencecheck.model.case import Case, Defendant, Victim


def pseudonym(kind: str, text: str) -> str:
    """A stable pseudonym: the same name always gives the same label, and the label reveals nothing."""
    return f"{kind}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"


_ROLES = {"en": ("Defendant", "Victim"), "ru": ("Подсудимый", "Потерпевший")}


class Redactor:
    """Replaces names (and ids, which are often names) of defendants, victims and the case."""

    def __init__(self, case: Case, lang: str = "en") -> None:
        who, whom = _ROLES[lang]
        self._d = {d.id: f"{who} {i + 1}" for i, d in enumerate(case.defendants)}
        self._v = {v.id: f"{whom} {i + 1}" for i, v in enumerate(case.victims)}
        self.case_id = pseudonym("case", case.id)

    def defendant(self, d: Defendant) -> str:
        return self._d[d.id]

    def victim(self, v: Victim) -> str:
        return self._v[v.id]
