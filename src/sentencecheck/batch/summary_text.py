"""The words of an audit's summary and plots, in English and Russian.

Counts take their nouns in agreement through :func:`sentencecheck.report.language.counted`; the nouns are given
here in the dictionary form (Russian) or the singular (English, with the plural where it is irregular)."""

from __future__ import annotations

from datetime import date

from sentencecheck.report.language import counted, day
from sentencecheck.report.layout import DIRECTION
from sentencecheck.report.model import DISCLAIMER
from sentencecheck.rules import questions

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Audit summary",
        "read": "Read {records}: {audited} audited, {rejected} rejected.",
        "found": "{findings}; {flagged} with at least one finding ({rate} of the cases screened).",
        "screening": "Screening: {screened} screened, {partly} partly screened (some charge not in the statute data), "
                     "{not_screened} not screened (charges or dates the statute data does not cover; left out of "
                     "every rate).",
        "threshold": "Groups with fewer than {cases} are not published (their rates are suppressed, as in JSIN's "
                     "published statistics).",
        "as_of": "Appeal and cassation deadlines are measured as of {day}.",
        "engine": "Engine: {engine}.",
        "rule_table": "Flag rate per rule",
        "direction_table": "Flag rate per direction",
        "group_table": "Flag rate per {group}",
        "rule": "rule",
        "rule_title": "title",
        "direction": "direction",
        "severity": "severity",
        "flagged": "cases flagged",
        "rate": "rate",
        "confirmed_rate": "confirmed rate",
        "audited": "cases",
        "any": "any",
        "any_direction": "any",
        "rule_note": "'Cases flagged' counts confirmed and possible findings; 'confirmed' counts only findings that "
                     "hold on known facts under every candidate version of the law.",
        "suppressed": "Suppressed (fewer than {cases} each): {groups}, {hidden} in all.",
        "none_suppressed": "Every {group} has at least {cases}.",
        "no_group": "(no group to publish)",
        "not_stated": "(not stated)",
        "rejected_table": "Rejected records by reason",
        "reason": "reason",
        "records": "records",
        "rejected_note": "The reasons are the checker's messages; every record's details are in rejected.jsonl.",
        "plots": "Plots",
        "vector": "SVG",
        "axis": "% of audited cases flagged",
    },
    "ru": {
        "title": "Сводка проверки",
        "read": "Прочитано: {records}; проверено: {audited}; отклонено: {rejected}.",
        "found": "Найдено: {findings}; хотя бы с одним выводом: {flagged} ({rate} проверенных дел).",
        "screening": "Проверка правилами: полностью — {screened}, частично — {partly} (часть обвинений вне данных о "
                     "законе), не проверено — {not_screened} (обвинения или даты вне данных о законе; в долях не "
                     "учитываются).",
        "threshold": "Порог публикации — {cases} в группе: доли по группам меньшего размера скрыты.",
        "as_of": "Сроки апелляционного и кассационного обжалования рассчитаны на {day}.",
        "engine": "Движок правил и параметры запуска указаны в manifest.json.",
        "rule_table": "Доля дел с выводами по правилам",
        "direction_table": "Доля дел с выводами по направлениям",
        "group_table": "Доля дел с выводами по {group}",
        "rule": "Правило",
        "rule_title": "Название",
        "direction": "Направление",
        "severity": "Важность",
        "flagged": "Дел с выводом",
        "rate": "Доля",
        "confirmed_rate": "Доля подтверждённых",
        "audited": "Проверено дел",
        "any": "любое",
        "any_direction": "Любой вывод",
        "rule_note": "В графе «Дел с выводом» учтены подтверждённые и возможные выводы; в графе «Подтверждено» — "
                     "только выводы, которые следуют из установленных фактов при любой редакции закона, которая "
                     "может быть применима.",
        "suppressed": "Не опубликованы, так как дел меньше порога публикации ({cases}): {groups} (всего {hidden}).",
        "none_suppressed": "Скрытых групп нет: порог публикации ({cases}) достигнут по всем {group}.",
        "no_group": "(нет групп для публикации)",
        "not_stated": "(не указано)",
        "rejected_table": "Отклонённые записи по причинам",
        "reason": "Причина",
        "records": "Записей",
        "rejected_note": "Причины приведены в виде сообщений программы; подробности по каждой записи — в "
                         "rejected.jsonl.",
        "plots": "Графики",
        "vector": "векторная версия",
        "axis": "% проверенных дел с выводом",
    },
}

#: Per group key: the English noun, the Russian noun (dictionary form), its dative plural («по судам») and the
#: Russian column heading.
GROUP_WORDS = {
    "court": ("court", "суд", "судам", "Суд"),
    "year": ("year", "год", "годам", "Год"),
    "instance": ("instance", "инстанция", "инстанциям", "Инстанция"),
}

SEVERITY = {
    "en": {"critical": "critical", "high": "high", "medium": "medium", "low": "low"},
    "ru": {"critical": "критическая", "high": "высокая", "medium": "средняя", "low": "низкая"},
}

# the nouns that counts take: English singular (plural is +s) and Russian dictionary form
NOUNS = {"record": "запись", "case": "дело", "finding": "вывод"}


def count(n: int, noun: str, lang: str) -> str:
    """«3 дела», "3 cases"; ``noun`` is the English key of :data:`NOUNS` or of :data:`GROUP_WORDS`."""
    if noun in GROUP_WORDS:
        return counted(n, GROUP_WORDS[noun][1] if lang == "ru" else noun, lang)
    return counted(n, NOUNS[noun] if lang == "ru" else noun, lang)


def group_heading(key: str, lang: str) -> str:
    """The first column's heading of a group table: "court", «Суд»."""
    return GROUP_WORDS[key][3] if lang == "ru" else key


def group_plural(key: str, lang: str) -> str:
    """The groups as a table title names them: "court" (Flag rate per court), «судам» (… по судам)."""
    return GROUP_WORDS[key][2] if lang == "ru" else key


def direction(value: str, lang: str, heading: bool = False) -> str:
    """A finding direction's label (as the lawyer's report words it); capitalised as a Russian column heading."""
    text = DIRECTION[lang].get(value, value)
    return _capital(text) if heading and lang == "ru" else text


def confirmed(lang: str) -> str:
    """The heading of the confirmed-findings column: "confirmed", «Подтверждено»."""
    text = questions.enum_label("finding_confidence", "confirmed", lang)
    return _capital(text) if lang == "ru" else text


def group_value(key: str, value: str, lang: str) -> str:
    """A group's label: the court as the input writes it, the year, the instance in words; "(not stated)"."""
    if not value:
        return TEXT[lang]["not_stated"]
    if key == "instance":
        try:
            return questions.enum_label("instance", value, lang)
        except KeyError:
            return value
    return value


def number(x: float, lang: str) -> str:
    """A plot's tick: 2.5, «2,5»."""
    text = f"{x:g}"
    return text.replace(".", ",") if lang == "ru" else text


def pct(k: int, n: int, lang: str) -> str:
    """A share of ``n`` as a percentage with one decimal (a decimal comma in Russian); a dash when ``n`` is 0."""
    if not n:
        return "–"
    text = f"{100 * k / n:.1f}"
    return (text.replace(".", ",") if lang == "ru" else text) + " %"


def as_of_line(as_of: date, lang: str) -> str:
    return TEXT[lang]["as_of"].format(day=day(as_of, lang))


def disclaimer(lang: str) -> str:
    return DISCLAIMER[lang]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
