"""Flat spreadsheet rows (CSV, XLSX) onto the case model.

A mapping says, for each column, which case field it fills: ``defendant_sex -> defendants[0].sex``.
The default mapping covers the common one-defendant / one-victim / one-charge row; ``--mapping FILE``
(YAML) maps an organisation's own column names, either onto a default column name (``Пол: defendant_sex``)
or onto a case field path (``Пол подсудимого: defendants[0].sex``).

An empty cell means *unknown*: the field is left out, never set to false or zero.  A header column the mapping
does not name is ignored, but reported (:func:`unknown_columns`) with the nearest column it does name.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from sentencecheck.errors import InputError, Problem

# column, case field path, kind, description.  ``{defendant}`` in a path is the first defendant's id.
DEFAULT_COLUMNS: list[tuple[str, str, str, str]] = [
    ("case_id", "id", "str", "Case identifier (letters, digits, _ . -; at most 64). Required."),
    ("title", "title", "str", "Short title."),
    ("record", "record", "str",
     "What the row was written from: decision (the full text of the decision: then what the court does not state, "
     "it did not do), appeal_ruling, press_report, spreadsheet_row (the default), other."),
    ("court", "proceeding.court", "str", "Court name."),
    ("instance", "proceeding.instance", "str",
     "pre_trial (investigator or prosecutor), first_instance, appeal, cassation or review."),
    ("decision_date", "proceeding.decision_date", "date", "Date of the decision, YYYY-MM-DD."),
    ("offence_date", "proceeding.offence_date", "date", "Date of the offence, YYYY-MM-DD."),
    ("prosecution_appealed", "proceeding.prosecution_appealed", "bool", "true / false."),
    ("victim_appealed", "proceeding.victim_appealed", "bool", "true / false."),
    ("defendant_id", "defendants[0].id", "str", "Defendant identifier (default: defendant)."),
    ("defendant_name", "defendants[0].name", "str", "Defendant's name (replaced by a pseudonym with --redact)."),
    ("defendant_sex", "defendants[0].sex", "str", "female or male."),
    ("defendant_age", "defendants[0].age", "int", "Age at the offence (10-110)."),
    ("law_enforcement", "defendants[0].law_enforcement_officer", "bool", "Defendant is a law-enforcement officer."),
    ("public_office", "defendants[0].public_office", "bool", "Defendant holds public office."),
    ("used_official_position", "defendants[0].used_official_position", "bool", "Used the official position."),
    ("prior_convictions", "defendants[0].prior_convictions", "bool", "Has prior convictions."),
    ("intoxicated", "defendants[0].intoxicated", "bool", "Was intoxicated at the offence."),
    ("has_young_children", "defendants[0].has_young_children", "bool", "Has young children."),
    ("charge_code", "defendants[0].charges[0].code", "str", "CC (Criminal Code) or CAO (administrative)."),
    ("charge_article", "defendants[0].charges[0].article", "str", "Article, e.g. 99 or 109-1."),
    ("charge_part", "defendants[0].charges[0].part", "str", "Part of the article, e.g. 2."),
    ("charge_paragraph", "defendants[0].charges[0].paragraph", "int", "Paragraph (item) of the part."),
    ("charge_stage", "defendants[0].charges[0].stage", "str", "completed, attempt or preparation."),
    ("outcome", "defendants[0].outcome.kind", "str",
     "convicted, acquitted, dismissed, reconciliation, administrative_penalty, complaint_archived, "
     "no_proceedings or pending. Required."),
    ("outcome_ground", "defendants[0].outcome.ground", "str", "Legal ground of the outcome, in the decision's words."),
    ("dismissal_ground", "defendants[0].outcome.dismissal_ground", "str",
     "Why a dismissal, refusal or archived complaint ended the case: no_event, no_corpus_delicti, lawful_defence, "
     "lawful_detention, amnesty, limitation, no_complaint, decriminalised, res_judicata, insanity, immunity, death, "
     "reconciliation, active_repentance, other_release, other."),
    ("sentence_kind", "defendants[0].sentence.kind", "str",
     "imprisonment, life, restriction_of_liberty, conditional, fine, corrective_labour, community_work, "
     "arrest, admin_arrest, admin_fine, warning or none."),
    ("sentence_years", "defendants[0].sentence.term.years", "float", "Years of the final sentence."),
    ("sentence_months", "defendants[0].sentence.term.months", "float", "Months of the final sentence."),
    ("sentence_days", "defendants[0].sentence.term.days", "float", "Days (arrest)."),
    ("sentence_hours", "defendants[0].sentence.term.hours", "float", "Hours (community work)."),
    ("sentence_mci", "defendants[0].sentence.term.mci", "float", "Fine in MCI."),
    ("probation_years", "defendants[0].sentence.probation.years", "float", "Probation period (conditional)."),
    ("probation_months", "defendants[0].sentence.probation.months", "float", "Probation period, months."),
    ("prosecution_request_kind", "defendants[0].prosecution_request.kind", "str", "Sentence the prosecutor asked."),
    ("prosecution_request_years", "defendants[0].prosecution_request.term.years", "float", "Years asked."),
    ("mitigating_recognised", "defendants[0].mitigating_recognised", "ints",
     "CC 53(1) items the court recognised, separated by ; (e.g. 3;9)."),
    ("aggravating_recognised", "defendants[0].aggravating_recognised", "ints", "CC 54(1) items recognised."),
    ("mitigating_in_facts", "defendants[0].mitigating_in_facts", "ints", "CC 53(1) items the facts establish."),
    ("aggravating_in_facts", "defendants[0].aggravating_in_facts", "ints", "CC 54(1) items the facts establish."),
    ("exceptional_circumstances", "defendants[0].exceptional_circumstances_recorded", "bool", "CC 55(4) applied."),
    ("plea_agreement", "defendants[0].accelerated_or_plea_agreement", "bool", "CC 55(3) situation."),
    ("leniency_grounds", "defendants[0].leniency_grounds", "strs",
     "Grounds the court gave for leniency, separated by ;: clean_record, character_references, young_children, "
     "reconciliation, remorse, compensation, employment, age_or_health, victim_behaviour, victim_forgave."),
    ("victim_id", "victims[0].id", "str", "Victim identifier (default: victim)."),
    ("victim_name", "victims[0].name", "str", "Victim's name (replaced by a pseudonym with --redact)."),
    ("victim_sex", "victims[0].sex", "str", "female or male."),
    ("victim_age", "victims[0].age", "int", "Victim's age."),
    ("victim_pregnant", "victims[0].pregnant", "bool", "Victim was pregnant."),
    ("victim_disabled", "victims[0].disabled_or_helpless", "bool", "Victim disabled or helpless."),
    ("victim_deceased", "victims[0].deceased", "bool", "Victim died."),
    ("victim_relationship", "victims[0].relationship.{defendant}", "str",
     "Victim's relationship to the defendant: spouse, former_spouse, partner, parent, child, acquaintance, "
     "stranger, ..."),
    ("harm_death", "harm[0].death", "bool", "The harm was death."),
    ("harm_severity", "harm[0].severity", "str", "none, light, moderate or grievous."),
    ("harm_lasting_disability", "harm[0].lasting_disability", "bool", "Lasting disability."),
    ("harm_weapon", "harm[0].weapon", "str", "none, knife, sharp_object, firearm, blunt_object or other."),
    ("harm_beating", "harm[0].beating", "bool", "Blows or other violence causing physical pain (побои)."),
    ("harm_wounds", "harm[0].wounds", "int", "Number of wounds."),
    ("harm_sexual_violence", "harm[0].sexual_violence", "bool", "Sexual violence."),
    ("prior_abuse", "history.abuse[0].occurred", "bool", "The defendant abused the victim before the offence."),
    ("abuse_duration_years", "history.abuse[0].years", "float", "Years the defendant's abuse of the victim lasted."),
    ("abused_by_victim", "history.abuse[1].occurred", "bool",
     "The victim abused the defendant before the offence (e.g. a woman who later defended herself)."),
    ("police_complaints", "history.police_complaints", "count",
     "Number of earlier police complaints by the victim against the defendant (0 = none; empty = unknown)."),
    ("complaint_investigated", "history.complaint_investigated", "bool", "The complaint was investigated."),
    ("self_defence_claimed", "self_defence.claimed", "bool",
     "The defendant said she or he was defending against the victim's attack."),
    ("self_defence_attack_in_progress", "self_defence.attack_in_progress", "bool",
     "An attack by the victim, on the defendant or on another person the defendant protected, was under way "
     "when the defendant acted."),
    ("self_defence_attacker_armed", "self_defence.armed", "bool", "The attacker was armed."),
    ("self_defence_life_threatening", "self_defence.life_threatening", "bool", "The attack threatened life."),
    ("self_defence_means", "self_defence.defender_means", "str",
     "none, knife, sharp_object, firearm, blunt_object, hands, other."),
    ("court_considered_cc32", "self_defence.court_considered_cc32", "bool",
     "The court examined necessary defence (CC 32)."),
]

DEFAULT_MAPPING: dict[str, str] = {c: p for c, p, _, _ in DEFAULT_COLUMNS}
_DEFAULT_KIND: dict[str, str] = {p: k for _, p, k, _ in DEFAULT_COLUMNS}

# kinds of case fields by their last name, for paths a --mapping file names directly
_KIND_BY_FIELD: dict[str, str] = {}
for _c, _p, _k, _d in DEFAULT_COLUMNS:
    _KIND_BY_FIELD.setdefault(_p.rsplit(".", 1)[-1].split("[")[0], _k)
_KIND_BY_FIELD.update({"acted_together_with": "strs", "police_complaints": "count", "paragraph": "int"})

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Mapping:
    """Column name -> case field path, as tokens (str keys and int indexes).

    ``complete`` names columns the spreadsheet fills completely: an empty cell there is a statement ("none", "no",
    0), not unknown, e.g. the CC 53/54 items a court recognised when every row was copied from the verdict."""

    columns: dict[str, str]
    name: str = "default"
    complete: frozenset[str] = frozenset()

    def paths(self) -> dict[str, tuple[str | int, ...]]:
        return {c: parse_path(p) for c, p in self.columns.items()}


@functools.lru_cache(maxsize=4096)
def parse_path(path: str) -> tuple[str | int, ...]:
    """A field path's tokens: ``victims[0].age`` -> ``("victims", 0, "age")``; :class:`ValueError` if malformed.

    Remembered (a pure function, called with the same few paths for every spreadsheet row)."""
    tokens: list[str | int] = []
    pos = 0
    for m in _TOKEN.finditer(path):
        if m.start() != pos and path[pos:m.start()] != ".":
            raise ValueError(f"bad field path {path!r}")
        tokens.append(m.group(1) if m.group(1) is not None else int(m.group(2)))
        pos = m.end()
    if not tokens or pos != len(path):
        raise ValueError(f"bad field path {path!r}")
    return tuple(tokens)


@dataclass(frozen=True)
class UnknownColumn:
    """A header column the mapping does not name (its cells are ignored), and the nearest column it names."""

    file: str
    column: str
    nearest: str | None

    def message(self) -> str:
        hint = f"; did you mean {self.nearest!r}?" if self.nearest else ""
        return f"{self.file}: column {self.column!r} is not in the mapping, its cells are ignored{hint}"


def _folded(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def unknown_columns(file: str, header: list[str], mapping: Mapping) -> list[UnknownColumn]:
    """The header's columns the mapping does not name, each once, in header order (empty names skipped); the
    nearest is looked for first among the mapping's columns the header lacks, case, spaces and hyphens aside."""
    known = set(mapping.columns)
    absent = [c for c in mapping.columns if c not in header]
    out: list[UnknownColumn] = []
    for column in dict.fromkeys(h for h in header if h and h not in known):
        nearest = None
        for pool in (absent, list(mapping.columns)):
            folded = {_folded(c): c for c in pool}
            close = difflib.get_close_matches(_folded(column), list(folded), n=1, cutoff=0.6)
            if close:
                nearest = folded[close[0]]
                break
        out.append(UnknownColumn(file, column, nearest))
    return out


def load_mapping(path: Path) -> Mapping:
    """A YAML mapping file: ``column: field.path`` or ``column: default_column`` (optionally under ``columns:``)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError("invalid mapping", str(path), [Problem("", f"cannot read mapping: {exc}")]) from None
    complete: list[str] = []
    if isinstance(data, dict) and isinstance(data.get("columns"), dict):
        raw_complete = data.get("complete", [])
        if not isinstance(raw_complete, list) or not all(isinstance(c, str) for c in raw_complete):
            raise InputError("invalid mapping", str(path),
                             [Problem("complete", "complete: must be a list of column names")])
        complete = raw_complete
        data = data["columns"]
    if not isinstance(data, dict) or not data:
        raise InputError("invalid mapping", str(path), [Problem("", "a mapping must be `column: field.path` pairs")])
    columns: dict[str, str] = {}
    problems: list[Problem] = []
    for col, target in data.items():
        if not isinstance(target, str):
            problems.append(Problem(str(col), "target must be a field path or a default column name"))
            continue
        target = DEFAULT_MAPPING.get(target, target)
        try:
            parse_path(target.replace("{defendant}", "defendant"))
        except ValueError as exc:
            problems.append(Problem(str(col), str(exc)))
            continue
        columns[str(col)] = target
    for col in complete:
        if col not in columns:
            problems.append(Problem("complete", f"complete names {col!r}, which is not a column of this mapping"))
        elif _kind(columns[col]) not in _CLOSED_VALUE:
            problems.append(Problem("complete", f"column {col!r} holds free values; only yes/no, list and count "
                                    "columns can be complete"))
    if problems:
        raise InputError("invalid mapping", str(path), problems)
    return Mapping(columns, name=str(path), complete=frozenset(complete))


_CLOSED_VALUE: dict[str, Any] = {"bool": False, "ints": [], "strs": [], "count": 0}
"""What an empty cell of a complete column states, by kind."""


def _kind(path: str) -> str:
    if path in _DEFAULT_KIND:
        return _DEFAULT_KIND[path]
    last = path.rsplit(".", 1)[-1].split("[")[0]
    return _KIND_BY_FIELD.get(last, "any")


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def convert(value: Any, kind: str) -> Any:
    """A cell's value for the case model; ``None`` for an empty cell (unknown)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "str":
        return _text(value)
    if kind == "date":
        return _text(value)
    if kind in ("int", "float", "count"):
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float):
            return int(value) if kind != "float" and float(value).is_integer() else value
        return value.strip() if isinstance(value, str) else value
    if kind == "bool":
        if isinstance(value, str):
            v = value.strip().lower()
            return {"да": "true", "нет": "false", "иә": "true", "жоқ": "false"}.get(v, v)
        return value
    if kind in ("ints", "strs"):
        parts = [p.strip() for p in re.split(r"[;,]", _text(value)) if p.strip()]
        if kind == "ints":
            return [int(p) if p.isdigit() else p for p in parts]
        return parts
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value


def _set(target: dict[str, Any], tokens: Sequence[str | int], value: Any) -> None:
    node: Any = target
    for i, tok in enumerate(tokens):
        last = i == len(tokens) - 1
        nxt: Any = None if last else ({} if isinstance(tokens[i + 1], str) else [])
        if isinstance(tok, int):
            while len(node) <= tok:
                node.append({} if nxt is None else type(nxt)())
            if last:
                node[tok] = value
            else:
                if not isinstance(node[tok], dict | list):
                    node[tok] = nxt
                node = node[tok]
        else:
            if last:
                node[tok] = value
            else:
                node = node.setdefault(tok, nxt)


def row_to_data(row: dict[str, Any], mapping: Mapping) -> tuple[dict[str, Any], dict[str, str]]:
    """The case data a row describes, and for each field path it filled the column it came from.

    Columns the mapping does not name are ignored.  Ids of people are filled in when absent
    (``defendant``, ``victim``), and the links between them (harm -> victim, relationship -> defendant,
    self-defence -> defender and attacker) follow the first defendant and the first victim.
    """
    data: dict[str, Any] = {}
    origin: dict[str, str] = {}
    deferred: list[tuple[str, str, Any]] = []
    for column, path in mapping.columns.items():
        if column not in row:
            continue
        kind = _kind(path)
        value = convert(row[column], kind)
        if value is None and column in mapping.complete:
            value = _CLOSED_VALUE[kind]
        if value is None:
            continue
        if kind == "count":
            value = _complaints(value)
        if "{defendant}" in path:
            deferred.append((column, path, value))
            continue
        _set(data, parse_path(path), value)
        origin[_loc_key(path)] = column
    defendants = data.get("defendants")
    if isinstance(defendants, list):
        for i, d in enumerate(defendants):
            if isinstance(d, dict):
                d.setdefault("id", "defendant" if i == 0 else f"defendant{i + 1}")
    victims = data.get("victims")
    if isinstance(victims, list):
        for i, v in enumerate(victims):
            if isinstance(v, dict):
                v.setdefault("id", "victim" if i == 0 else f"victim{i + 1}")
    d0 = _first_id(data, "defendants", "defendant")
    v0 = _first_id(data, "victims", "victim")
    for column, path, value in deferred:
        real = path.replace("{defendant}", d0)
        if path.startswith("victims") and not victims:
            _set(data, parse_path("victims[0].id"), v0)
        _set(data, parse_path(real), value)
        origin[_loc_key(real)] = column
    harm = data.get("harm")
    if isinstance(harm, list):
        if not data.get("victims"):
            _set(data, ["victims", 0, "id"], v0)
        for h in harm:
            if isinstance(h, dict):
                h.setdefault("victim", v0)
    data.setdefault("record", "spreadsheet_row")
    history = data.get("history")
    if isinstance(history, dict) and isinstance(history.get("abuse"), list):
        # entry 0: the defendant against the victim; entry 1: the victim against the defendant
        for i, entry in enumerate(history["abuse"]):
            if isinstance(entry, dict) and entry and i < 2:
                entry.setdefault("by", d0 if i == 0 else v0)
                entry.setdefault("against", v0 if i == 0 else d0)
        history["abuse"] = [a for a in history["abuse"] if a != {}]
        if history["abuse"] and not data.get("victims"):
            _set(data, ["victims", 0, "id"], v0)
    if isinstance(history, dict) and isinstance(history.get("police_complaints"), list):
        for c in history["police_complaints"]:
            c.setdefault("by", v0)
            c.setdefault("against", d0)
        if history["police_complaints"] and not data.get("victims"):
            _set(data, ["victims", 0, "id"], v0)
    sd = data.get("self_defence")
    if isinstance(sd, dict):
        sd.setdefault("defender", d0)
        sd.setdefault("attacker", v0)
        if not data.get("victims"):
            _set(data, ["victims", 0, "id"], v0)
    return data, origin


def _first_id(data: dict[str, Any], key: str, default: str) -> str:
    items = data.get(key)
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return str(items[0].get("id", default))
    return default


def _complaints(value: Any) -> Any:
    try:
        n = int(value)
    except (TypeError, ValueError):
        return value  # validation names the problem
    if n < 0 or n > 1000:
        return value
    return [{"police_action": "unknown"} for _ in range(n)]


def _loc_key(path: str) -> str:
    """A field path as :func:`sentencecheck.io.documents.format_loc` writes Pydantic's locations."""
    return path


def column_for(problem_path: str, origin: dict[str, str]) -> str | None:
    """The column a field path (or its nearest parent) came from."""
    path = problem_path
    while path:
        if path in origin:
            return origin[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    for p, col in origin.items():  # a missing field under a mapped parent, e.g. sentence.kind
        if p.startswith(problem_path + ".") or p.startswith(problem_path + "["):
            return col
    return None
