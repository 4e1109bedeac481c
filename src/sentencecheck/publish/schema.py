"""The tables a published audit has: every column with its SQLite type and its description in English and Russian.

One list feeds both the ``CREATE TABLE`` statements and the Datasette metadata, so a column cannot exist without
its description. A column the audit adds in a later version is still stored (as text), without a description."""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from sentencecheck.rules.model import Direction, Severity

DIRECTIONS: tuple[str, ...] = get_args(Direction)
SEVERITIES: tuple[str, ...] = tuple(reversed(get_args(Severity)))
"""critical, high, medium, low (the order of ``cases.csv``)."""


@dataclass(frozen=True)
class Column:
    name: str
    type: type
    en: str
    ru: str

    def description(self) -> str:
        """One text for Datasette's single description field: "English — Русский"."""
        return f"{self.en} — {self.ru}"


@dataclass(frozen=True)
class Table:
    name: str
    en: str
    ru: str
    columns: tuple[Column, ...]

    def description(self) -> str:
        return f"{self.en} — {self.ru}"

    def types(self) -> dict[str, type]:
        return {c.name: c.type for c in self.columns}


def direction_ru(direction: str) -> str:
    from sentencecheck.report.layout import DIRECTION

    return DIRECTION["ru"][direction]


_DIRECTION_COUNTS = tuple(
    Column("findings_" + d.replace("-", "_"), int, f"Findings of direction {d}",
           f"Выводов с направлением «{direction_ru(d)}»") for d in DIRECTIONS)
_SEVERITY_RU = {"critical": "критической", "high": "высокой", "medium": "средней", "low": "низкой"}
_SEVERITY_COUNTS = tuple(
    Column("severity_" + s, int, f"Findings of severity {s}", f"Выводов {_SEVERITY_RU[s]} важности")
    for s in SEVERITIES)

CASES = Table("cases", "One row per audited case, in input order (cases.csv)",
              "Проверенные дела, по одной строке на дело, в порядке ввода (cases.csv)", (
    Column("case_row", int, "Position of the case in the audit (input order); the key, since a case id may repeat when "
           "an input holds the same case twice", "Порядковый номер дела в аудите (в порядке ввода); ключ таблицы, "
           "так как идентификатор дела повторяется, если дело подано дважды"),
    Column("case_id", str, "Case id as the case file gives it (a keyed pseudonym with --redact)",
           "Идентификатор дела из файла дела (при --redact — псевдоним)"),
    Column("source_file", str, "Input file the case was read from", "Входной файл, из которого прочитано дело"),
    Column("source_unit", str, "What source_number counts: line (JSON Lines), row (spreadsheet, header = 1), item "
           "(JSON array) or file", "Что считает source_number: line — строка JSON Lines, row — строка таблицы "
           "(заголовок — строка 1), item — элемент массива JSON, file — весь файл"),
    Column("source_number", int, "Line, row or item number in the input; empty for a whole file",
           "Номер строки или элемента во входном файле; пусто, если дело — весь файл"),
    Column("court", str, "Court that decided (with --redact only its kind)",
           "Суд, вынесший решение (при --redact — только вид суда)"),
    Column("instance", str, "Instance that decided (coded: pre_trial, first_instance, appeal, cassation, …)",
           "Инстанция, принявшая решение (код: pre_trial, first_instance, appeal, cassation…)"),
    Column("year", int, "Year of the decision, else of the offence", "Год решения, а если он не указан — год деяния"),
    Column("articles", str, "Articles charged, e.g. CC 99(1), joined by ;",
           "Вменённые статьи, например CC 99(1) (ч. 1 ст. 99 УК РК), через «;»"),
    Column("outcome", str, "Outcome of the decision for each defendant (coded), joined by ;",
           "Исход решения по каждому подсудимому (код), через «;»"),
    Column("sentence_kind", str, "Kind of the first defendant's final sentence",
           "Вид окончательного наказания первого подсудимого"),
    Column("sentence_years", float, "Term of the first defendant's final sentence, in years",
           "Срок окончательного наказания первого подсудимого в годах"),
    Column("defendants", int, "Number of defendants", "Число подсудимых"),
    Column("defendant_sex", str, "First defendant's sex", "Пол первого подсудимого"),
    Column("defendant_age", int, "First defendant's age", "Возраст первого подсудимого"),
    Column("law_enforcement", int, "First defendant is a law-enforcement officer: 1 yes, 0 no, empty unknown",
           "Первый подсудимый — сотрудник правоохранительного органа: 1 — да, 0 — нет, пусто — неизвестно"),
    Column("screening", str, "screened, partly (some charge outside the statute data) or not_screened (left out of "
           "every rate)", "screened — проверено правилами, partly — частично (часть обвинений вне данных о законе), "
           "not_screened — не проверено (в долях не учитывается)"),
    Column("findings", int, "Number of findings", "Число выводов"),
    *_DIRECTION_COUNTS,
    *_SEVERITY_COUNTS,
))

FINDINGS = Table("findings", "One row per finding, in the audit's order (findings.jsonl)",
                 "Выводы, по одной строке на вывод, в порядке аудита (findings.jsonl)", (
    Column("id", int, "Position of the finding in the audit (line of findings.jsonl); the key",
           "Порядковый номер вывода (строка findings.jsonl); ключ таблицы"),
    Column("case_row", int, "The case (cases.case_row)", "Дело (cases.case_row)"),
    Column("case_id", str, "Case id (a pseudonym with --redact)", "Идентификатор дела (при --redact — псевдоним)"),
    Column("court", str, "The case's court, copied from cases for facets", "Суд по делу (из cases, для фасетов)"),
    Column("year", int, "The case's year, copied from cases for facets", "Год по делу (из cases, для фасетов)"),
    Column("instance", str, "The case's instance, copied from cases for facets",
           "Инстанция по делу (из cases, для фасетов)"),
    Column("rule", str, "Rule that raised the finding (rules.id)", "Правило, по которому сделан вывод (rules.id)"),
    Column("rule_version", int, "Version of the rule", "Версия правила"),
    Column("title", str, "The rule's title in the audit's language", "Название правила на языке аудита"),
    Column("direction", str, "leniency, over-punishment, procedural or legislative-gap",
           "Направление: leniency — чрезмерная мягкость, over-punishment — чрезмерная суровость, procedural — "
           "процессуальное нарушение, legislative-gap — пробел в законе"),
    Column("severity", str, "critical, high, medium or low", "Важность: critical, high, medium, low"),
    Column("confidence", str, "confirmed (holds on known facts under every candidate version of the law) or "
           "possible (facts to establish)", "Достоверность: confirmed — подтверждено установленными фактами при "
           "любой применимой редакции закона, possible — возможно (нужно установить факты)"),
    Column("seeks", str, "What a challenge asks for: worsening, improvement, either or motion",
           "Чего добиваться при обжаловании: worsening — ухудшения положения, improvement — улучшения, either — "
           "любого из двух, motion — ходатайство в ходе производства"),
    Column("defendant", str, "Defendant the finding concerns (a label with --redact)",
           "Подсудимый, к которому относится вывод (при --redact — условное обозначение)"),
    Column("defendant_id", str, "The defendant's id in the case file", "Идентификатор подсудимого в файле дела"),
    Column("charge", str, "Charge the finding concerns, if any", "Обвинение, к которому относится вывод"),
    Column("law_version", str, "Version of the law applied", "Применённая редакция закона"),
    Column("deadline", str, "Earliest route deadline not yet passed on the audit's as_of date (ISO)",
           "Ближайший не истёкший на дату расчёта срок обжалования (ISO)"),
    Column("route", str, "Forums of the routes, in the order to use them, joined by ;",
           "Порядок обжалования (инстанции по очереди), через «;»"),
    Column("explanation", str, "What the finding says (full-text search)", "Суть вывода (полнотекстовый поиск)"),
    Column("argument", str, "The legal argument", "Правовое обоснование"),
    Column("counterfactual", str, "What would have changed the result", "Что изменило бы результат"),
    Column("law_note", str, "Note on the law applied", "Примечание о применённом законе"),
    Column("legal_basis", str, "Provisions the finding rests on (JSON array of citations)",
           "Нормы, на которых основан вывод (JSON-массив ссылок)"),
    Column("appeal_grounds", str, "Grounds to challenge the decision (JSON array of citations)",
           "Основания обжалования (JSON-массив ссылок)"),
    Column("routes", str, "Routes to challenge it: forum, text, deadline, passed, basis (JSON)",
           "Порядок обжалования: инстанция, текст, срок, истёк ли, основание (JSON)"),
    Column("facts_used", str, "Facts the finding rests on (JSON)", "Факты, на которых основан вывод (JSON)"),
    Column("facts_to_establish", str, "Facts to establish for a possible finding (JSON)",
           "Факты, которые нужно установить для возможного вывода (JSON)"),
    Column("law_unconfirmed", str, "What the research has not confirmed about the law applied (JSON)",
           "Что в данных о законе не подтверждено (JSON)"),
    Column("versions_disagree", str, "Versions of the law under which the result differs (JSON)",
           "Редакции закона, по которым результат различается (JSON)"),
    Column("source_file", str, "Input file", "Входной файл"),
    Column("source_unit", str, "What source_number counts", "Что считает source_number"),
    Column("source_number", int, "Line, row or item number in the input", "Номер строки или элемента во входном файле"),
))

RULES = Table("rules", "The rule set the audit ran (its digest is the manifest's ruleset_digest)",
              "Набор правил, по которому проведён аудит (его дайджест равен ruleset_digest в manifest)", (
    Column("id", str, "Rule id; the key", "Идентификатор правила; ключ таблицы"),
    Column("position", int, "Order of the rule in the catalogue", "Порядок правила в каталоге"),
    Column("version", int, "Version of the rule", "Версия правила"),
    Column("title_en", str, "Title in English", "Название на английском языке"),
    Column("title_ru", str, "Title in Russian", "Название на русском языке"),
    Column("direction", str, "leniency, over-punishment, procedural or legislative-gap",
           "Направление: leniency, over-punishment, procedural, legislative-gap"),
    Column("severity", str, "critical, high, medium or low", "Важность: critical, high, medium, low"),
    Column("scope", str, "What the rule is checked for: each charge or each defendant",
           "К чему применяется правило: charge — к каждому обвинению, defendant — к каждому подсудимому"),
    Column("seeks", str, "What a challenge on a finding asks for", "Чего добиваться при обжаловании"),
    Column("legal_basis", str, "Provisions a finding rests on (JSON array of citations; {charge}: the article "
           "charged)", "Нормы, на которых основан вывод (JSON-массив ссылок; {charge} — вменённая статья)"),
    Column("legal_basis_ru", str, "The same citations as Kazakh courts write them (JSON array)",
           "Те же ссылки в форме, принятой в судах РК (JSON-массив)"),
    Column("appeal_grounds", str, "Grounds to challenge a court's decision (JSON array of citations)",
           "Основания обжалования судебного акта (JSON-массив ссылок)"),
    Column("appeal_grounds_ru", str, "The same citations as Kazakh courts write them (JSON array)",
           "Те же ссылки в форме, принятой в судах РК (JSON-массив)"),
    Column("pre_trial_remedy", str, "How to challenge an investigator's or prosecutor's decision (JSON array)",
           "Как обжаловать решение следователя или прокурора (JSON-массив ссылок)"),
    Column("file", str, "Rule file the rule comes from", "Файл, в котором записано правило"),
    Column("ruleset_digest", str, "Digest of the rule set and statute data",
           "Дайджест набора правил и данных о законе"),
))

CITATIONS = Table("citations", "Every provision the rules and findings cite, with its title",
                  "Нормы, на которые ссылаются правила и выводы, с названиями", (
    Column("citation", str, "Citation as the data writes it (CC 55(4)); the key",
           "Ссылка в записи данных (CC 55(4)); ключ таблицы"),
    Column("citation_ru", str, "As Kazakh courts write it", "Ссылка в форме, принятой в судах РК"),
    Column("title_en", str, "Title of the article or authority in English", "Название статьи или акта на английском"),
    Column("title_ru", str, "Title in Russian", "Название на русском языке"),
    Column("confidence", str, "How sure the statute data is of the text", "Насколько достоверен текст нормы в данных"),
    Column("unconfirmed", str, "What the research has not confirmed (JSON array)",
           "Что в исследовании не подтверждено (JSON-массив)"),
))

REJECTED = Table("rejected", "Records the audit could not audit, with the reason (rejected.jsonl)",
                 "Записи, которые не удалось проверить, с причиной (rejected.jsonl)", (
    Column("id", int, "Position of the record (line of rejected.jsonl); the key",
           "Порядковый номер записи (строка rejected.jsonl); ключ таблицы"),
    Column("file", str, "Input file", "Входной файл"),
    Column("unit", str, "What number counts: line, row, item or file", "Что считает number: line, row, item, file"),
    Column("number", int, "Line, row or item number", "Номер строки или элемента"),
    Column("case_id", str, "Case id if known (a pseudonym with --redact)",
           "Идентификатор дела, если известен (при --redact — псевдоним)"),
    Column("reason", str, "Why it was rejected (the checker's message, in English)",
           "Причина отклонения (сообщение программы, на английском языке)"),
    Column("problems", str, "Each problem: path, column, line, message, expected (JSON)",
           "Ошибки: поле, столбец, строка, сообщение, ожидаемое значение (JSON)"),
))

MANIFEST = Table("manifest", "The audit's manifest.json, one key per row (nested keys joined by a dot)",
                 "Сведения из manifest.json аудита, по одному ключу на строку (вложенные ключи — через точку)", (
    Column("key", str, "Key, e.g. options.min_group; the key", "Ключ, например options.min_group; ключ таблицы"),
    Column("value", str, "Value (JSON for lists and objects)", "Значение (для списков и объектов — JSON)"),
))

INPUTS = Table("inputs", "The audit's input files (manifest.json inputs)", "Входные файлы аудита (inputs в manifest)", (
    Column("position", int, "Order of the input; the key", "Порядковый номер входного файла; ключ таблицы"),
    Column("path", str, "Path as given to the audit", "Путь, указанный при запуске аудита"),
    Column("sha256", str, "SHA-256 of the file (empty when it could not be read)",
           "SHA-256 файла (пусто, если файл не прочитан)"),
    Column("bytes", int, "Size in bytes", "Размер в байтах"),
))

TABLES = (CASES, FINDINGS, RULES, CITATIONS, REJECTED, MANIFEST, INPUTS)
