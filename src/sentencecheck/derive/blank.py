"""Case files that state nothing: the yardstick for a rule's premise.

A premise must not hold on a file that records only an outcome (every kind of outcome, with the record open or
closed): such a file gives no fact of any pattern, so any finding on it would be made out of nothing.
"""

from __future__ import annotations

from typing import Any, get_args

from sentencecheck.derive.charge import charge_facts, combined_facts
from sentencecheck.derive.party import person_facts
from sentencecheck.law.book import StatuteBook
from sentencecheck.model.case import Case, Defendant, Outcome, OutcomeKind, Proceeding


def blank_cases() -> list[tuple[str, Case]]:
    """(description, case) for every outcome kind, with an open record and with the decision's full text."""
    out: list[tuple[str, Case]] = []
    for record in (None, "decision"):
        for kind in get_args(OutcomeKind):
            case = Case(
                id="blank", record=record, proceeding=Proceeding(source=[]),
                defendants=[Defendant(id="d", outcome=Outcome(kind=kind, source=[]), source=[])],
            )
            out.append((f"outcome {kind}, record {record or 'not said'}", case))
    return out


def blank_values(book: StatuteBook) -> list[tuple[str, dict[str, Any]]]:
    """Derived values of each blank case (its one defendant, no charge)."""
    out: list[tuple[str, dict[str, Any]]] = []
    for label, case in blank_cases():
        d = case.defendants[0]
        values = person_facts(case, d, book)
        values.update(charge_facts(book, case, d, None, None, False, values))
        values.update(combined_facts(book, case, d, [values]))
        out.append((label, values))
    return out
