"""The rule catalogue as rows: the ``rules`` table and the ``citations`` every rule and finding names."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sentencecheck.law.book import parse_citation
from sentencecheck.report.language import cite
from sentencecheck.rules.model import CHARGE_CITATION, RuleSet

CHARGE_TITLE = ("the article charged, with its part and the version applied",
                "вменённая статья с частью и применённой редакцией")


def rule_rows(rule_set: RuleSet) -> list[dict[str, Any]]:
    """One row per rule, in catalogue order; citations as JSON arrays (sqlite-utils stores lists as JSON)."""
    rows = []
    for position, rule in enumerate(rule_set.rules, 1):
        spec = rule.spec
        rows.append({
            "id": spec.id, "position": position, "version": spec.version, "title_en": spec.title.en,
            "title_ru": spec.title.ru, "direction": spec.direction, "severity": spec.severity, "scope": spec.scope,
            "seeks": spec.sought, "legal_basis": list(spec.legal_basis),
            "legal_basis_ru": [cite_ru(c) for c in spec.legal_basis],
            "appeal_grounds": list(spec.appeal_grounds), "appeal_grounds_ru": [cite_ru(c) for c in spec.appeal_grounds],
            "pre_trial_remedy": list(spec.pre_trial_remedy), "file": Path(rule.file).name,
            "ruleset_digest": rule_set.digest,
        })
    return rows


def cite_ru(citation: str) -> str:
    """``CC 55(4)`` as «ч. 4 ст. 55 УК РК»; the ``{charge}`` placeholder in words."""
    return CHARGE_TITLE[1] if citation == CHARGE_CITATION else cite(citation, "ru")


def citation_rows(rule_set: RuleSet, cited: Iterable[str]) -> list[dict[str, Any]]:
    """One row per distinct citation of the rules and of ``cited`` (the findings'), sorted; titles from the statute
    data (an unknown citation keeps empty titles rather than a guessed one)."""
    names = {c for rule in rule_set.rules
             for c in (*rule.spec.legal_basis, *rule.spec.appeal_grounds, *rule.spec.pre_trial_remedy)}
    names.update(cited)
    rows = []
    for name in sorted(names):
        row: dict[str, Any] = {"citation": name, "citation_ru": cite_ru(name), "title_en": None, "title_ru": None,
                               "confidence": None, "unconfirmed": []}
        if name == CHARGE_CITATION:
            row["title_en"], row["title_ru"] = CHARGE_TITLE
        elif name in rule_set.book.authorities or parse_citation(name) is not None:
            try:
                title, title_ru, _sources, unconfirmed, confidence = rule_set.book.describe(name)
            except KeyError:
                pass  # an article the statute data does not hold
            else:
                row.update(title_en=title, title_ru=title_ru, confidence=confidence, unconfirmed=unconfirmed)
        rows.append(row)
    return rows
