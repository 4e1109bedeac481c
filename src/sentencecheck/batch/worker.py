"""What runs inside a worker process: validate, evaluate and flatten one chunk of records.

The engine is built here, in the process (the durable engine holds C state and closures and is
never pickled): :func:`init_worker` is the pool's initializer.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sentencecheck.errors import InputError, Problem, SentencecheckError
from sentencecheck.io.safe import safe_cell
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data
from sentencecheck.report.model import Report
from sentencecheck.report.redact import pseudonym, scrub, scrub_problem, secrets_in
from sentencecheck.rules.load import default_rule_set, load_rule_set
from sentencecheck.rules.model import RuleSet
from sentencecheck.screener import Screener

DIRECTIONS = ("leniency", "over-punishment", "procedural", "legislative-gap")
SEVERITIES = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Options:
    """Everything a worker needs, picklable."""

    engine: str = "durable"
    rules_dir: str | None = None
    redact: bool = False
    redact_key: bytes | None = field(default=None, repr=False)
    """The secret pseudonyms are keyed by, loaded (or created) by the parent; never written to an output."""
    lang: str = "en"
    as_of: str | None = None
    """The date deadlines are measured against (ISO), fixed once by the parent so every worker agrees."""
    before_case: str | None = None
    """``module:function`` called with every validated case before it is screened (instrumentation)."""


class _State:
    options: Options = Options()
    rule_set: RuleSet | None = None
    screener: Screener | None = None
    before_case: Callable[[Case], object] | None = None


def init_worker(options: Options) -> None:
    """Pool initializer: load the rule set and build this process's engine."""
    _State.options = options
    _State.rule_set = load_rule_set(Path(options.rules_dir)) if options.rules_dir else default_rule_set()
    _State.screener = Screener.of(_State.rule_set, options.engine)  # type: ignore[arg-type]
    _State.before_case = _function(options.before_case) if options.before_case else None


def _function(dotted: str) -> Callable[[Case], object]:
    module, _, name = dotted.partition(":")
    function: Callable[[Case], object] = getattr(importlib.import_module(module), name)
    return function


Item = tuple[Any, dict[str, str] | None, dict[str, Any]]
"""(case data, field path -> column for spreadsheet rows, where it came from: source_file/unit/number)."""

FINDING_COLUMNS = [
    "case_id", "source_file", "source_unit", "source_number", "rule", "rule_version", "title", "direction", "severity",
    "confidence", "defendant", "defendant_id", "charge", "law_version", "legal_basis", "appeal_grounds", "deadline",
    "route", "explanation",
]
"""``findings.csv``'s columns: English identifiers whatever ``--lang`` is (data for programs)."""
CASE_COLUMNS = [
    "case_id", "source_file", "source_unit", "source_number", "court", "instance", "year", "articles", "outcome",
    "sentence_kind", "sentence_years", "defendants", "defendant_sex", "defendant_age", "law_enforcement",
    "screening", "findings",
    *("findings_" + d.replace("-", "_") for d in DIRECTIONS), *("severity_" + s for s in SEVERITIES),
]
"""``cases.csv``'s columns."""


def rejected(reason: str, case_id: str | None, problems: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A rejected record's result (the only place one is built): ``problems`` as in ``rejected.jsonl``, or one
    problem that is the reason itself."""
    if problems is None:
        problems = [{"path": "", "line": None, "message": reason, "expected": None, "column": None}]
    return {"status": "rejected", "reason": reason, "case_id": case_id, "problems": problems}


def dumps(obj: Any) -> str:
    """One JSON line: sorted keys, UTF-8, compact (deterministic bytes)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def run_chunk(items: list[Item]) -> list[dict[str, Any]]:
    """One result per item, in order."""
    return [run_one(data, origin, where) for data, origin, where in items]


def run_one(data: Any, origin: dict[str, str] | None, where: dict[str, Any] | None = None) -> dict[str, Any]:
    screener = _State.screener
    if screener is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker not initialised")
    opts = _State.options
    try:
        case = case_from_data(data)
    except InputError as exc:
        return rejected("invalid case", raw_case_id(data, opts),
                        rejected_problems([_problem(p, origin) for p in exc.problems], data, opts))
    if _State.before_case is not None:
        _State.before_case(case)
    try:
        report = _evaluate(case, screener, opts)
    except SentencecheckError as exc:
        return _engine_failure(data, opts, f"engine error: {exc}")
    except Exception as exc:  # one bad case must not stop the audit
        return _engine_failure(data, opts, f"engine error: {type(exc).__name__}: {exc}")
    row = case_row(case, report)
    return {"status": "ok", "case": row, "cases_csv": case_line(row, where or {}),
            **finding_lines(row["case_id"], where or {}, report)}


def case_line(row: dict[str, Any], where: dict[str, Any]) -> str:
    """The case's line of ``cases.csv`` (:data:`CASE_COLUMNS`), serialised here in the worker like its findings."""
    line = io.StringIO()
    cells = {**row, **where, "source_file": safe_cell(where.get("source_file", ""))}
    csv.writer(line, lineterminator="\n").writerow([cells.get(k, "") for k in CASE_COLUMNS])
    return line.getvalue()


def finding_lines(case_id: str, where: dict[str, Any], report: Report) -> dict[str, str]:
    """``findings.jsonl`` and ``findings.csv`` lines for one case, serialised here in the worker so
    that the parent only writes text.  In the CSV, ``deadline`` is the earliest route deadline not yet passed on
    the report's ``as_of`` (ISO, empty if none) and ``route`` the forums of the finding's routes, joined by ``;``;
    a CSV cell a spreadsheet would run as a formula is neutralised (:func:`~sentencecheck.io.safe.safe_cell`).
    ``where``: the source columns (``source_file``, ``source_unit``, ``source_number``)."""
    if not report.findings:
        return {"findings_jsonl": "", "findings_csv": ""}
    unknown = where.keys() - _COLUMN_SET
    if unknown:
        raise ValueError("dict contains fields not in fieldnames: " + ", ".join(repr(k) for k in unknown))
    jsonl: list[str] = []
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    for finding in report.findings:
        data = finding.model_dump(mode="json", exclude={"settle"})  # an audit does not run the solver per finding
        jsonl.append(_LINE.encode({"case_id": case_id, **where, **data}) + "\n")
        row = {
            "case_id": case_id, **where,
            **{k: data.get(k) for k in FINDING_COLUMNS if k in data},
            "legal_basis": ";".join(c["citation"] for c in data["legal_basis"]),
            "appeal_grounds": ";".join(c["citation"] for c in data["appeal_grounds"]),
            "deadline": min((r["deadline"] for r in data["routes"] if r["deadline"] and r["passed"] is False),
                            default=""),
            "route": ";".join(dict.fromkeys(r["forum"] for r in data["routes"])),
        }
        writer.writerow([safe_cell(row[k]) if k in row else "" for k in FINDING_COLUMNS])
    return {"findings_jsonl": "".join(jsonl), "findings_csv": table.getvalue()}


_COLUMN_SET = frozenset(FINDING_COLUMNS)
_LINE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), check_circular=False)
""":func:`dumps` for a finding's line: a fresh tree from ``model_dump`` has no cycle to look for."""


def _evaluate(case: Case, screener: Screener, opts: Options) -> Report:
    as_of = date.fromisoformat(opts.as_of) if opts.as_of else None
    return screener.screen(case, lang=opts.lang, redact=redaction_key(opts) or False, as_of=as_of, with_facts=False)


def _engine_failure(data: Any, opts: Options, reason: str) -> dict[str, Any]:
    if opts.redact:
        reason = scrub(reason, secrets_in(data))
    return rejected(reason, raw_case_id(data, opts))


def redaction_key(opts: Options) -> bytes | None:
    """The key when redacting (the parent must have loaded it), else ``None``."""
    if not opts.redact:
        return None
    if not opts.redact_key:
        raise RuntimeError("--redact without a key: the parent loads it with sentencecheck.report.redact.load_key")
    return opts.redact_key


def raw_case_id(data: Any, opts: Options) -> str | None:
    """A record's case id as the outputs show it (its keyed pseudonym when redacting), if it has one."""
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        key = redaction_key(opts)
        return pseudonym("case", data["id"], key) if key else data["id"]
    return None


def rejected_problems(problems: list[dict[str, Any]], data: Any, opts: Options) -> list[dict[str, Any]]:
    """A rejected record's problems; when redacting, with no string of the record (``data``, if it was read) left
    in their paths, messages or expectations."""
    if not opts.redact:
        return problems
    found = secrets_in(data)
    return [scrub_problem(p, found) for p in problems]


def _problem(p: Problem, origin: dict[str, str] | None) -> dict[str, Any]:
    from sentencecheck.batch.mapping import column_for

    out = p.as_dict()
    out["column"] = column_for(p.path, origin) if origin else None
    return out


def _articles(case: Case) -> str:
    labels: list[str] = []
    for d in case.defendants:
        for c in d.charges:
            label = c.label() if c.article else f"{c.code} (article not stated)"
            if label not in labels:
                labels.append(label)
    return ";".join(labels)


def case_row(case: Case, report: Report) -> dict[str, Any]:
    """One row of ``cases.csv`` (first defendant's sentence; all defendants' outcomes); text cells a spreadsheet
    would run as a formula are neutralised (:func:`~sentencecheck.io.safe.safe_cell`)."""
    d0 = case.defendants[0]
    sentence = d0.sentence
    years = sentence.term.in_years() if sentence else None
    decision = case.proceeding.decision_date
    offence = case.proceeding.offence_date
    year = decision.year if decision else (offence.year if offence else None)
    row: dict[str, Any] = {
        "case_id": report.case,
        "court": report.court or "",  # a redacted report names only the court's kind
        "instance": case.proceeding.instance,
        "year": year if year is not None else "",
        "articles": _articles(case),
        "outcome": ";".join(dict.fromkeys(d.outcome.kind for d in case.defendants)),
        "sentence_kind": sentence.kind if sentence else "",
        "sentence_years": round(years, 4) if years is not None else "",
        "defendants": len(case.defendants),
        "defendant_sex": d0.sex or "",
        "defendant_age": d0.age if d0.age is not None else "",
        "law_enforcement": "" if d0.law_enforcement_officer is None else str(d0.law_enforcement_officer).lower(),
        "screening": report.screening,
        "findings": len(report.findings),
    }
    row = {k: safe_cell(v) if isinstance(v, str) else v for k, v in row.items()}  # no formula reaches cases.csv
    directions = dict.fromkeys(DIRECTIONS, 0)
    severities = dict.fromkeys(SEVERITIES, 0)
    for f in report.findings:
        if f.direction in directions:
            directions[f.direction] += 1
        if f.severity in severities:
            severities[f.severity] += 1
    for direction, count in directions.items():
        row["findings_" + direction.replace("-", "_")] = count
    for severity, count in severities.items():
        row["severity_" + severity] = count
    row["_rules"] = sorted({f.rule for f in report.findings})
    row["_directions"] = sorted({f.direction for f in report.findings})
    row["_confirmed_rules"] = sorted({f.rule for f in report.findings if f.confidence == "confirmed"})
    return row
