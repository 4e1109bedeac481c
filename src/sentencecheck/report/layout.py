"""The structure every human-readable report shares, decision first: a summary of the confirmed grounds (each with
its appeal ground and deadline) and of the questions the possible ones raise, then the details of each finding, then
the law cited (once per provision, with its provenance) and the sources.  Text, Markdown, HTML and Word renderers
walk the same blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sentencecheck.report.language import day
from sentencecheck.report.model import Answer, Citation, Finding, Report, Route
from sentencecheck.rules import questions

LABELS = {
    "en": {
        "case": "Case",
        "summary": "Summary",
        "confirmed_head": "Confirmed grounds",
        "possible_head": "Possible grounds: questions to check in the case file",
        "details": "Findings in detail",
        "law": "Law cited: versions, dates and what the statute data leaves unconfirmed",
        "sources": "Sources",
        "notes": "Law applied to each charge",
        "facts_head": "Facts of the case as recorded",
        "none": "No findings: no rule's pattern holds or may hold on the recorded facts.",
        "no_confirmed": "None confirmed.",
        "no_possible": "None.",
        "defendant": "Defendant",
        "charge": "charge",
        "basis": "Legal basis",
        "no_basis": "none in the statute data: a procedural risk to raise, not the breach of a cited provision",
        "grounds": "Appeal grounds",
        "route": "Route and deadline",
        "found": "What was found",
        "argument": "Argument",
        "counterfactual": "For comparison",
        "facts": "Facts relied on",
        "establish": "To establish",
        "supports": "the answer that supports the finding",
        "settle_confirm": "To confirm it, it is enough to establish",
        "settle_clear": "To clear it, it is enough to establish",
        "settle_versions": "no fact would settle it: it holds under some candidate versions of the law (or parts of "
                           "the article) and not others, and the offence date and the part charged decide",
        "settle_cannot": "no recorded fact would",
        "settle_confirm_item": "To confirm, establish",
        "settle_clear_item": "To clear, establish",
        "law_applied": "Law applied",
        "disagree": "Candidate versions",
        "unconfirmed": "Unconfirmed in the statute data",
        "in_force": "In force",
        "confidence": "Confidence of the statute data",
        "rule": "Rule",
        "version": "version",
        "confirmed": "confirmed",
        "possible": "possible",
        "decision": "decision of",
        "as_of": "deadlines as of",
        "passed": "passed",
        "cross": "All cases",
        "cross_cols": "Case|Confirmed|Possible|Open deadline|Screened",
        "cross_unscreened": "Not screened: {no}; partly screened: {part} (listed below; see each report's reasons).",
        "status_screened": "yes",
        "status_partly": "partly",
        "status_not_screened": "NO",
        "cross_counts": "{all} cases: {sure} with confirmed grounds, {maybe} with possible grounds only, "
                        "{none} screened with no finding. For a case's grounds and deadlines: "
                        "sentencecheck check FILE.",
        "count": "findings: {all} ({sure} confirmed, {maybe} possible)",
        "not_screened": "NOT SCREENED — no finding here does not mean the verdict is sound:",
        "partly": "PARTLY SCREENED — some charges could not be checked:",
        "more": "(and {n} more: see finding {i})",
        "research_lang": "",
    },
    "ru": {
        "case": "Дело",
        "summary": "Кратко",
        "confirmed_head": "Подтверждённые основания",
        "possible_head": "Возможные основания: вопросы для проверки по материалам дела",
        "details": "Выводы подробно",
        "law": "Приведённые нормы: редакции, даты и то, что в данных о законе не подтверждено",
        "sources": "Источники",
        "notes": "Нормы, применённые к каждому обвинению",
        "facts_head": "Обстоятельства дела по записи",
        "none": "Выводов нет: ни одно правило не выполняется и не может выполняться на установленных фактах.",
        "no_confirmed": "Подтверждённых нет.",
        "no_possible": "Нет.",
        "defendant": "Лицо",
        "charge": "обвинение",
        "basis": "Правовое основание",
        "no_basis": "в данных о законе норм нет: процессуальный риск, а не нарушение конкретной нормы",
        "grounds": "Основания обжалования",
        "route": "Порядок и срок обжалования",
        "found": "Что установлено",
        "argument": "Довод",
        "counterfactual": "Для сравнения",
        "facts": "Обстоятельства, на которых основан вывод",
        "establish": "Что установить",
        "supports": "ответ, подтверждающий вывод",
        "settle_confirm": "Для подтверждения достаточно установить",
        "settle_clear": "Для опровержения достаточно установить",
        "settle_versions": "никакое обстоятельство этого не решит: вывод верен по одним возможным редакциям закона "
                           "(или частям статьи) и неверен по другим; это решают дата деяния и вменённая часть статьи",
        "settle_cannot": "никакие обстоятельства из записанных в деле этого не решат",
        "settle_confirm_item": "Для подтверждения установить",
        "settle_clear_item": "Для опровержения установить",
        "law_applied": "Применённая норма",
        "disagree": "Редакции-кандидаты",
        "unconfirmed": "Не подтверждено в данных о законе",
        "in_force": "Действие",
        "confidence": "Достоверность данных о норме",
        "rule": "Правило",
        "version": "версия",
        "confirmed": "подтверждено",
        "possible": "возможно",
        "decision": "решение от",
        "as_of": "сроки на",
        "passed": "истёк",
        "cross": "Все дела",
        "cross_cols": "Дело|Подтверждено|Возможно|Открытый срок|Проверено",
        "cross_unscreened": "Не проверено: {no}; проверено частично: {part} (перечислены ниже; причины — в отчёте по "
                            "делу).",
        "status_screened": "да",
        "status_partly": "частично",
        "status_not_screened": "НЕТ",
        "cross_counts": "Дел: {all}; с подтверждёнными основаниями: {sure}; только с возможными: {maybe}; "
                        "проверено без выводов: {none}. Основания и сроки по делу: sentencecheck check ФАЙЛ.",
        "count": "выводов: {all} (подтверждено: {sure}, возможно: {maybe})",
        "not_screened": "НЕ ПРОВЕРЕНО — отсутствие выводов не означает, что решение законно:",
        "partly": "ПРОВЕРЕНО ЧАСТИЧНО — часть обвинений проверить не удалось:",
        "more": "(ещё {n}: см. вывод {i})",
        "research_lang": " (примечания к данным о законе, на английском языке)",
    },
}

DIRECTION = {
    "en": {"leniency": "leniency", "over-punishment": "over-punishment", "procedural": "procedural",
           "legislative-gap": "gap in the law"},
    "ru": {"leniency": "чрезмерная мягкость", "over-punishment": "чрезмерная суровость",
           "procedural": "процессуальное нарушение", "legislative-gap": "пробел в законе"},
}
SEVERITY = {
    "en": {"critical": "critical", "high": "high", "medium": "medium", "low": "low"},
    "ru": {"critical": "критическая важность", "high": "высокая важность", "medium": "средняя важность",
           "low": "низкая важность"},
}
CONFIDENCE = {"en": {"high": "high", "medium": "medium", "low": "low", "unconfirmed": "unconfirmed"},
              "ru": {"high": "высокая", "medium": "средняя", "low": "низкая", "unconfirmed": "не подтверждена"}}


SUMMARY_QUESTIONS = 2
"""Questions shown per possible finding in the summary; the details list them all."""


@dataclass
class Block:
    """One piece of a report: a heading, a paragraph, a labelled line, a list item, a finding's box, a table."""

    kind: str  # h1 | h2 | h3 | meta | p | kv | li | finding | end_finding | table | disclaimer
    text: str = ""
    label: str = ""
    """A kv's label, a finding's tags, a table's header ("a|b|c"), or the head of a list item linked to its anchor."""
    anchor: str = ""
    css: str = ""
    rows: list[list[str]] = field(default_factory=list)


def route_brief(route: Route, lang: str) -> str:
    """A route in a few words for the summary: «апелляция до 27.03.2021», "appeal period ended 2021-03-27"."""
    ru = lang == "ru"
    when = day_iso(route.deadline, lang)
    if route.forum == "appeal" and when:
        if route.passed:
            return f"срок апелляции истёк {when}" if ru else f"appeal period ended {when}"
        return f"апелляция до {when}" if ru else f"appeal by {when}"
    if route.forum == "appeal":
        return "апелляция (дата решения не указана)" if ru else "appeal (decision date not stated)"
    if route.forum == "cassation" and when:
        if route.passed:
            return f"срок кассации для ухудшения истёк {when}" if ru else f"cassation for a worsening ended {when}"
        return f"кассация до {when}" if ru else f"cassation by {when}"
    brief = {
        "cassation": ("кассация", "cassation"),
        "pre_trial": ("жалоба прокурору или следственному судье", "complaint to the prosecutor or investigating judge"),
        "administrative": ("пересмотр по КоАП РК (порядок в данных о законе не приведён)",
                           "review under the CAO (not in the statute data)"),
        "unknown": ("порядок зависит от инстанции", "route depends on the instance"),
        "none": ("пробел в законе, не основание обжалования", "a gap in the law, not a ground of appeal"),
        "motion": ("ходатайство в ходе производства", "a request while the case is under way"),
    }[route.forum]
    return brief[0] if ru else brief[1]


def day_iso(iso: str | None, lang: str) -> str:
    from datetime import date

    return day(date.fromisoformat(iso), lang) if iso else ""


def _cites(cs: Sequence[Citation]) -> str:
    return ", ".join(f"{c.shown} [{c.ref}]" for c in cs)


def _head(r: Report, t: dict[str, str]) -> list[Block]:
    lang = r.language
    title = f"{t['case']} {r.case}" + (f": {r.title}" if r.title else "")
    instance = questions.value_label("proceeding.instance", r.instance, lang) if r.instance != "unknown" else ""
    when = day_iso(r.decision_date, lang)
    meta = ", ".join(x for x in (r.court or "", instance, f"{t['decision']} {when}" if when else "") if x)
    sure = sum(f.confidence == "confirmed" for f in r.findings)
    count = t["count"].format(all=len(r.findings), sure=sure, maybe=len(r.findings) - sure)
    as_of = f"{t['as_of']} {day_iso(r.as_of, lang)}"
    out = [Block("h1", title, anchor=_anchor(r.case)), Block("meta", " · ".join(x for x in (meta, count, as_of) if x))]
    if r.screening != "screened":
        out.append(Block("p", t[r.screening] + " " + "; ".join(r.screening_reasons) + ".", css="screening"))
    return out


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower())


def summary_blocks(r: Report) -> list[Block]:
    """The one screen a lawyer decides on."""
    t = LABELS[r.language]
    lang = r.language
    out = [Block("h2", t["summary"], anchor=_anchor(r.case) + "-summary")]
    if not r.findings:
        return out + [Block("p", t["none"])]
    confirmed = [(i, f) for i, f in enumerate(r.findings, 1) if f.confidence == "confirmed"]
    possible = [(i, f) for i, f in enumerate(r.findings, 1) if f.confidence == "possible"]
    out.append(Block("h3", t["confirmed_head"]))
    if not confirmed:
        out.append(Block("p", t["no_confirmed"]))
    for i, f in confirmed:
        routes = "; ".join(route_brief(x, lang) for x in f.routes)
        grounds = _cites(f.appeal_grounds)
        who = f" — {f.defendant}" + (f" ({f.charge})" if f.charge else "")
        tail = " · ".join(x for x in (grounds, routes) if x)
        out.append(Block("li", who + (f". {tail}" if tail else ""), label=f"{i}. {f.title}", css="confirmed",
                         anchor=f"f{i}"))
    out.append(Block("h3", t["possible_head"]))
    if not possible:
        out.append(Block("p", t["no_possible"]))
    for i, f in possible:
        asks = _settle_brief(f, t) if f.settle is not None else _asks_brief(i, f, t)
        who = f" — {f.defendant}" + (f" ({f.charge})" if f.charge else "")
        out.append(Block("li", who + (f". {asks}" if asks else ""), label=f"{i}. {f.title}", css="possible",
                         anchor=f"f{i}"))
    return out


def _asks_brief(i: int, f: Finding, t: dict[str, str]) -> str:
    shown = f.facts_to_establish[:SUMMARY_QUESTIONS]
    asks = " ".join(f"{q.question} ({t['supports']}: {q.supports})" for q in shown)
    if len(f.facts_to_establish) > len(shown):
        asks += " " + t["more"].format(n=len(f.facts_to_establish) - len(shown), i=i)
    return asks


def _settle_brief(f: Finding, t: dict[str, str]) -> str:
    """The summary line of a possible finding: the fewest facts to confirm it, and to clear it."""
    assert f.settle is not None
    return " ".join(f"{t[key]}: {_settle_text(answers, f.settle.versions_disagree, t)}."
                    for key, answers in (("settle_confirm", f.settle.confirm), ("settle_clear", f.settle.clear)))


def _settle_text(answers: list[Answer] | None, versions: bool, t: dict[str, str]) -> str:
    if answers is None:
        return t["settle_versions"] if versions else t["settle_cannot"]
    return "; ".join(f"{a.question} — {a.answer}" for a in answers)


def finding_blocks(i: int, f: Finding, lang: str) -> list[Block]:
    t = LABELS[lang]
    tag = f"{t[f.confidence]} · {DIRECTION[lang][f.direction]} · {SEVERITY[lang][f.severity]}"
    out = [Block("finding", f"{i}. {f.title}", label=tag, anchor=f"f{i}", css=f"{f.confidence} {f.direction}")]
    who = f.defendant + (f"; {t['charge']}: {f.charge}" if f.charge else "")
    out.append(Block("kv", who, label=t["defendant"]))
    out.append(Block("kv", f.explanation, label=t["found"]))
    out.append(Block("kv", f.argument, label=t["argument"]))
    if f.counterfactual:
        out.append(Block("kv", f.counterfactual, label=t["counterfactual"]))
    out.append(Block("kv", _cites(f.legal_basis) or t["no_basis"], label=t["basis"]))
    if f.appeal_grounds:
        out.append(Block("kv", _cites(f.appeal_grounds), label=t["grounds"]))
    for route in f.routes:
        out.append(Block("kv", route.text, label=t["route"]))
    if f.settle is not None:
        for key, answers in (("settle_confirm", f.settle.confirm), ("settle_clear", f.settle.clear)):
            if answers is None:
                out.append(Block("kv", _settle_text(None, f.settle.versions_disagree, t), label=t[key]))
            out.extend(Block("kv", f"{a.question} — {a.answer}", label=t[f"{key}_item"]) for a in answers or [])
    else:
        for q in f.facts_to_establish:
            out.append(Block("kv", f"{q.question} — {t['supports']}: {q.supports}", label=t["establish"]))
    for u in f.facts_used:
        src = f" [{', '.join(u.sources)}]" if u.sources else ""
        out.append(Block("kv", f"{u.meaning} — {u.value}{src}", label=t["facts"]))
    if f.law_note:
        out.append(Block("kv", f.law_note, label=t["law_applied"]))
    out.extend(Block("kv", x, label=t["disagree"]) for x in f.versions_disagree)
    out.append(Block("kv", f"{f.rule}, {t['version']} {f.rule_version}", label=t["rule"], css="rule"))
    out.append(Block("end_finding"))
    return out


def appendix_blocks(r: Report) -> list[Block]:
    t = LABELS[r.language]
    out: list[Block] = []
    if r.law:
        out.append(Block("h2", t["law"], anchor=_anchor(r.case) + "-law"))
        for c in r.law:
            parts = [f"[{c.ref}] {c.shown}" + (f" — {c.title}" if c.title else "")]
            if c.in_force:
                parts.append(f"{t['in_force']}: {c.in_force}")
            if c.confidence != "high":
                parts.append(f"{t['confidence']}: {CONFIDENCE[r.language].get(c.confidence, c.confidence)}")
            if c.unconfirmed:
                parts.append(f"{t['unconfirmed']}{t['research_lang']}: " + "; ".join(c.unconfirmed))
            out.append(Block("li", ". ".join(parts), css="law"))
    if r.notes:
        out.append(Block("h3", t["notes"]))
        out.extend(Block("li", n) for n in r.notes)
    if r.sources:
        out.append(Block("h3", t["sources"]))
        out.extend(Block("li", f"[{k}] {v}") for k, v in r.sources.items())
    return out


def report_blocks(r: Report) -> list[Block]:
    """Every block of one report, in reading order."""
    t = LABELS[r.language]
    out = _head(r, t) + [Block("disclaimer", r.disclaimer)] + summary_blocks(r)
    if r.findings:
        out.append(Block("h2", t["details"], anchor=_anchor(r.case) + "-details"))
        for i, f in enumerate(r.findings, 1):
            out.extend(finding_blocks(i, f, r.language))
    if r.facts:
        out.append(Block("h2", t["facts_head"], anchor=_anchor(r.case) + "-facts"))
        out.extend(Block("li", f"{name} — {value}") for name, value in r.facts)
    return out + appendix_blocks(r)


def cross_case_blocks(reports: Sequence[Report]) -> list[Block]:
    """Over many reports: how many cases offer confirmed grounds, possible ones or none, and a table of the cases
    with findings (confirmed first) with the nearest deadline still open."""
    if len(reports) < 2:
        return []
    lang = reports[0].language
    t = LABELS[lang]
    sure = [r for r in reports if any(f.confidence == "confirmed" for f in r.findings)]
    maybe = [r for r in reports if r.findings and r not in sure]
    unscreened = [r for r in reports if r.screening != "screened" and not r.findings]
    rows: list[list[str]] = []
    for r in sure + maybe + unscreened:
        n_sure = sum(f.confidence == "confirmed" for f in r.findings)
        open_ = sorted(x.deadline for f in r.findings if f.confidence == "confirmed" for x in f.routes
                       if x.deadline and x.passed is False)
        rows.append([r.case, str(n_sure), str(len(r.findings) - n_sure), day_iso(open_[0], lang) if open_ else "—",
                     t["status_" + r.screening]])
    counts = t["cross_counts"].format(all=len(reports), sure=len(sure), maybe=len(maybe),
                                      none=len(reports) - len(sure) - len(maybe) - len(unscreened))
    if any(r.screening != "screened" for r in reports):
        counts += " " + t["cross_unscreened"].format(
            no=sum(r.screening == "not_screened" for r in reports), part=sum(r.screening == "partly" for r in reports))
    out = [Block("h1", t["cross"], anchor="all-cases"), Block("p", counts)]
    if rows:
        out.append(Block("table", label=t["cross_cols"], rows=rows))
    return out


def summary_blocks_only(reports: Sequence[Report]) -> list[Block]:
    """What ``check --summary`` prints: one report's head and summary, or the table over many."""
    if len(reports) == 1:
        r = reports[0]
        return _head(r, LABELS[r.language]) + summary_blocks(r)
    return cross_case_blocks(reports)
