"""The Datasette (0.65) metadata of a published audit, generated from the column list and the rule catalogue.

Datasette has one description field per database, table and column: each holds the English text, " — ", then the
Russian text. Arbitrary SQL is off (``allow_sql: false``, at the top and for the database). Downloading the
database file and streaming whole tables as CSV are Datasette *settings*, not metadata, in 0.65: the database is
served mutable by ``datasette audit.db`` (never downloadable that way), and ``docs/publish.md`` gives the
``--setting allow_download off --setting allow_csv_stream off`` a public server needs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sentencecheck.publish.audit_folder import AuditFolder
from sentencecheck.publish.schema import CASES, FINDINGS, TABLES, Column, direction_ru
from sentencecheck.publish.views import VIEW_COLUMNS, views
from sentencecheck.report.language import counted
from sentencecheck.report.model import DISCLAIMER
from sentencecheck.rules.model import RuleSet

FACETS = {
    "findings": ["rule", "direction", "confidence", "court", "year"],
    "cases": ["court", "year", "instance", "screening"],
    "rules": ["direction", "severity"],
    "rejected": ["reason"],
}
LABELS = {"rules": "title_en", "cases": "case_id", "citations": "citation_ru"}
SORT = {"rules": "position"}


def ru_counted(n: int, noun: str, singular: str, other: str) -> str:
    """«проверено 71 дело», «найден 1 вывод», «найдено 27 выводов»: the short participle agrees with a number ending
    in 1 (not 11) in the noun's gender and singular, otherwise it stands in the neuter."""
    participle = singular if n % 10 == 1 and n % 100 != 11 else other
    return f"{participle} {counted(n, noun, 'ru')}"


def _both(en: str, ru: str) -> str:
    return f"{en} — {ru}"


def _description(audit: AuditFolder, rule_set: RuleSet) -> str:
    counts = audit.manifest.get("counts", {})
    audited, rejected, findings = (int(counts.get(k, 0)) for k in ("audited", "rejected", "findings"))
    version = audit.manifest.get("sentencecheck_version")
    redacted_en = "run with --redact (pseudonyms, no free text)" if audit.redacted else \
        "NOT redacted: it holds names and free text from the case files; do not publish it"
    redacted_ru = "проведён с --redact (псевдонимы, без свободного текста)" if audit.redacted else \
        "НЕ обезличен: содержит имена и тексты из файлов дел; публиковать его нельзя"
    en = (f"Screening of verdicts by sentencecheck {version}: {counted(audited, 'case', 'en')} audited, "
          f"{counted(rejected, 'record', 'en')} rejected, {counted(findings, 'finding', 'en')}; "
          f"{counted(len(rule_set.rules), 'rule', 'en')}. The audit was {redacted_en}. {DISCLAIMER['en']}")
    ru = (f"Предварительная проверка приговоров программой sentencecheck {version}: "
          f"{ru_counted(audited, 'дело', 'проверено', 'проверено')}, "
          f"{ru_counted(rejected, 'запись', 'отклонена', 'отклонено')}, "
          f"{ru_counted(findings, 'вывод', 'найден', 'найдено')}; правил в наборе: {len(rule_set.rules)}. "
          f"Аудит {redacted_ru}. {DISCLAIMER['ru']}")
    return _both(en, ru)


def _rules_description(rule_set: RuleSet) -> str:
    per = Counter(r.spec.direction for r in rule_set.rules)
    en = ", ".join(f"{n} {d}" for d, n in per.items())
    ru = ", ".join(f"{direction_ru(d)} — {n}" for d, n in per.items())
    n = len(rule_set.rules)
    return _both(f"The rule set the audit ran, {counted(n, 'rule', 'en')} ({en}); digest {rule_set.digest[:12]}…",
                 f"Набор правил, по которому проведён аудит: {counted(n, 'правило', 'ru')} ({ru}); дайджест "
                 f"{rule_set.digest[:12]}…")


def _database_description(counts: dict[str, int]) -> str:
    cases, findings, rejected = (counts.get(k, 0) for k in ("cases", "findings", "rejected"))
    return _both(f"{counted(cases, 'case', 'en')}, {counted(findings, 'finding', 'en')}, "
                 f"{counted(rejected, 'rejected record', 'en')}",
                 f"{counted(cases, 'дело', 'ru')}, {counted(findings, 'вывод', 'ru')}, "
                 f"отклонённых записей: {rejected}")


def _columns(columns: tuple[Column, ...]) -> dict[str, str]:
    return {c.name: c.description() for c in columns}


def _view_columns() -> dict[str, str]:
    known = {**_columns(CASES.columns), **_columns(FINDINGS.columns),
             "title_en": _both("Rule title in English", "Название правила на английском языке"),
             "title_ru": _both("Rule title in Russian", "Название правила на русском языке"),
             "direction": _both("Direction; any: a finding of any direction",
                                "Направление; any — вывод любого направления")}
    known.update({k: _both(en, ru) for k, (en, ru) in VIEW_COLUMNS.items()})
    return known


def datasette_metadata(database: str, audit: AuditFolder, rule_set: RuleSet, counts: dict[str, int],
                       view_columns: dict[str, list[str]]) -> dict[str, Any]:
    """Metadata for ``datasette DB -m FILE``; ``database`` is the database's name (the file's stem),
    ``view_columns`` each view's columns."""
    tables: dict[str, Any] = {}
    for table in TABLES:
        entry: dict[str, Any] = {"description": table.description(), "columns": _columns(table.columns)}
        if table.name in FACETS:
            entry["facets"] = FACETS[table.name]
        if table.name in LABELS:
            entry["label_column"] = LABELS[table.name]
        if table.name in SORT:
            entry["sort"] = SORT[table.name]
        tables[table.name] = entry
    tables["rules"]["description"] = _rules_description(rule_set)
    tables["findings"].update(fts_table="findings_fts", fts_pk="id")
    described = _view_columns()
    for view in views():
        threshold = _both(f"groups under {audit.min_group} screened cases suppressed (suppressed = 1, counts NULL)",
                          f"группы, где проверенных дел меньше {audit.min_group}, скрыты (suppressed = 1, числа "
                          "не приводятся)")
        tables[view.name] = {"description": f"{_both(view.en, view.ru)}; {threshold}",
                             "columns": {c: described[c] for c in view_columns[view.name] if c in described}}
    version = audit.manifest.get("sentencecheck_version")
    return {
        "title": _both("Verdict screening audit", "Аудит приговоров"),
        "description": _description(audit, rule_set),
        "license": _both("state the data's licence here before publishing",
                         "перед публикацией укажите здесь лицензию на данные"),
        "source": _both(f"sentencecheck {version} audit; rule set {rule_set.digest[:12]}…",
                        f"аудит sentencecheck {version}; набор правил {rule_set.digest[:12]}…"),
        "allow_sql": False,
        "databases": {database: {"description": _database_description(counts), "allow_sql": False,
                                 "tables": tables}},
    }
