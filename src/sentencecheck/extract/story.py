"""The harm, the history of violence and the self-defence read from a decision, written into the draft's data with
each value's passage (the readers are :mod:`harm`, :mod:`history` and :mod:`defence`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from typing import Any

from sentencecheck.extract.defence import find_self_defence
from sentencecheck.extract.harm import CountRange, find_harm
from sentencecheck.extract.history import find_history
from sentencecheck.extract.ledger import Ledger
from sentencecheck.extract.narrative import Parties
from sentencecheck.extract.passages import Found, Paragraph
from sentencecheck.extract.punishments import to_sentence


def parties(data: dict[str, Any]) -> Parties:
    """The drafted defendants and victims by id and name, as the readers match them in the text."""
    return Parties.of([(d["id"], d["name"]) for d in data.get("defendants", []) if d.get("name")],
                      [(v["id"], v["name"]) for v in data.get("victims", []) if v.get("name")])


def _put(out: dict[str, Any], name: str, found: Found[Any] | None, path: str, ledger: Ledger) -> None:
    if found is not None:
        value = found.value
        if isinstance(value, CountRange):
            value = {k: v for k, v in (("at_least", value.at_least), ("at_most", value.at_most)) if v is not None}
        out[name] = value
        ledger.cite(f"{path}.{name}", found)


def harm(paragraphs: Sequence[Paragraph], who: Parties, ledger: Ledger) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for k, facts in enumerate(find_harm(paragraphs, who)):
        path = f"harm[{k}]"
        entry: dict[str, Any] = {"victim": facts.victim}
        for f in fields(facts):
            if f.name != "victim":
                _put(entry, f.name, getattr(facts, f.name), path, ledger)
        if len(entry) > 1:
            entry["source"] = ledger.under(path)
            out.append(entry)
    return out


def deaths_to_victims(data: dict[str, Any], ledger: Ledger) -> None:
    """A victim's ``deceased`` where the text did not say it of the victim but the harm read says whether they died
    (one passage for both: the victim who testified, or whose death the forensic report states)."""
    for k, entry in enumerate(data.get("harm", [])):
        if "death" not in entry:
            continue
        for j, victim in enumerate(data.get("victims", [])):
            if victim["id"] == entry["victim"] and "deceased" not in victim:
                victim["deceased"] = entry["death"]
                passage = ledger.values[f"harm[{k}].death"]
                ledger.values.setdefault(f"victims[{j}].deceased", passage)
                if passage not in victim["source"]:
                    victim["source"].append(passage)


def history(paragraphs: Sequence[Paragraph], who: Parties, ledger: Ledger,
            offence: date | None) -> dict[str, Any]:
    """The history before the offence: earlier abuse, police complaints, protective orders, administrative
    penalties; a complaint or penalty dated on or after the offence is this case's own, not its history."""
    facts = find_history(paragraphs, who)
    out: dict[str, Any] = {}
    none_said: list[str] = []
    before = [c for c in facts.police_complaints
              if offence is None or c.date is None or c.date.value < offence]
    abuse = []
    for i, a in enumerate(facts.abuse):
        path = f"history.abuse[{i}]"
        entry: dict[str, Any] = {"by": a.by, "against": a.against}
        _put(entry, "occurred", a.occurred, path, ledger)
        _put(entry, "systematic", a.systematic, path, ledger)
        _put(entry, "years", a.years, path, ledger)
        entry["source"] = ledger.under(path)
        abuse.append(entry)
    if abuse:
        out["abuse"] = abuse
    complaints = []
    for i, c in enumerate(before):
        path = f"history.police_complaints[{i}]"
        if c.date is None:
            continue  # a complaint's date is required by the case file; undated ones are left to the lawyer
        entry = {"by": c.by, "against": c.against}
        _put(entry, "date", c.date, path, ledger)
        _put(entry, "police_action", c.police_action, path, ledger)
        for name in ("by", "against"):
            ledger.cite(f"{path}.{name}", c.passage)
        entry["source"] = ledger.under(path)
        complaints.append(entry)
    if complaints:
        out["police_complaints"] = complaints
    elif facts.police_complaints_none is not None:
        out["police_complaints"] = []
        none_said.append(ledger.source(facts.police_complaints_none))  # a list has no field of its own to accept
    orders = []
    for i, o in enumerate(facts.protective_orders):
        path = f"history.protective_orders[{i}]"
        if o.date is None:
            continue
        entry = {"against": o.against}
        _put(entry, "date", o.date, path, ledger)
        _put(entry, "violated", o.violated, path, ledger)
        _put(entry, "violation_penalised", o.violation_penalised, path, ledger)
        ledger.cite(f"{path}.against", o.passage)
        entry["source"] = ledger.under(path)
        orders.append(entry)
    if orders:
        out["protective_orders"] = orders
    penalties = []
    for i, p in enumerate(facts.admin_penalties):
        path = f"history.admin_penalties[{i}]"
        if p.date is None or (offence is not None and p.date.value >= offence):
            continue
        entry = {"against": p.against}
        _put(entry, "date", p.date, path, ledger)
        if p.article is not None:
            cited = p.article.value
            entry["article"] = {k: v for k, v in (("code", cited.code), ("article", cited.article),
                                                  ("part", cited.part)) if v}
            for name in entry["article"]:
                ledger.cite(f"{path}.article.{name}", p.article)
        if p.penalty is not None:
            try:
                sentence = to_sentence(p.penalty.value)
                entry["penalty"] = {k: v for k, v in sentence.items() if v}
                ledger.cite(f"{path}.penalty.kind", p.penalty)
            except ValueError:
                pass
        ledger.cite(f"{path}.against", p.passage)
        entry["source"] = ledger.under(path)
        penalties.append(entry)
    if penalties:
        out["admin_penalties"] = penalties
    elif facts.admin_penalties_none is not None:
        out["admin_penalties"] = []
        none_said.append(ledger.source(facts.admin_penalties_none))  # a list has no field of its own to accept
    _put(out, "complaint_investigated", facts.complaint_investigated, "history", ledger)
    if out:
        out["source"] = ledger.under("history") + [i for i in none_said if i not in ledger.under("history")]
    return out


def self_defence(paragraphs: Sequence[Paragraph], who: Parties, ledger: Ledger) -> dict[str, Any] | None:
    facts = find_self_defence(paragraphs, who)
    if facts is None:
        return None
    out: dict[str, Any] = {"defender": facts.defender, "attacker": facts.attacker}
    for f in fields(facts):
        if f.name not in ("defender", "attacker"):
            _put(out, f.name, getattr(facts, f.name), "self_defence", ledger)
    out["source"] = ledger.under("self_defence")
    return out
