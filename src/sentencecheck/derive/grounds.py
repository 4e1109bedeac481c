"""What the court's reasons for leniency rest on: ``leniency.basis``, from the grounds it gave and the CC 53(1) items
it recognised.

- ``other``: a reason about the act, the victim, amends or the offender's own status: the grounds compensation,
  victim_behaviour, victim_forgave, reconciliation, age_or_health, or items 2, 3 and 5-10 (known as soon as one is);
- ``repentance``: none of those, and the ground remorse or item 11 (which also covers voluntary surrender and active
  help in solving the offence);
- ``personal``: only personal data: no prior record, references, a job, young children (items 1 and 4);
- ``none``: no ground given and no item recognised;
- unknown otherwise: the grounds or the items are not known.
"""

from __future__ import annotations

OTHER_GROUNDS = frozenset({"compensation", "victim_behaviour", "victim_forgave", "reconciliation", "age_or_health"})
OTHER_ITEMS = frozenset({"2", "3", "5", "6", "7", "8", "9", "10"})
REPENTANCE_GROUNDS = frozenset({"remorse"})
REPENTANCE_ITEMS = frozenset({"11"})


def leniency_basis(grounds: frozenset[str] | None, items: frozenset[str] | None) -> str | None:
    """``leniency.basis`` from ``leniency.grounds`` and ``mitigating.recognised`` (``None``: not known)."""
    if (grounds is not None and grounds & OTHER_GROUNDS) or (items is not None and items & OTHER_ITEMS):
        return "other"
    if grounds is None or items is None:
        return None
    if grounds & REPENTANCE_GROUNDS or items & REPENTANCE_ITEMS:
        return "repentance"
    return "personal" if grounds or items else "none"
