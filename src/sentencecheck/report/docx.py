"""A Word draft of the grounds of a challenge (python-docx): each confirmed finding a numbered section with the
facts, the argument, the law and the relief sought; each possible one a checklist of what to establish.  It is a
draft for the lawyer to verify and complete, and says so on every page."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from sentencecheck.io.ooxml import fixed_times
from sentencecheck.io.safe import safe_terminal
from sentencecheck.report.layout import DIRECTION, LABELS, day_iso
from sentencecheck.report.model import Finding, Report, Settlement
from sentencecheck.rules import questions

DRAFT = {
    "ru": "ПРОЕКТ, подготовленный программой предварительной проверки: адвокат проверяет каждое утверждение по "
          "материалам дела и действующей редакции закона и дополняет текст до подачи.",
    "en": "DRAFT prepared by a screening program: the lawyer checks every statement against the case file and the law "
          "in force, and completes the text before filing.",
}
TEXT = {
    "ru": {"title": "Доводы для обжалования", "decision": "Решение", "court": "Суд", "case": "Дело",
           "facts": "Обстоятельства", "argument": "Доводы", "law": "Нормы", "grounds": "Основания обжалования",
           "route": "Порядок и срок", "relief": "Прошу", "check": "Проверить по материалам дела",
           "possible": "Возможные основания (требуют проверки)", "appendix": "Приведённые нормы",
           "none": "Подтверждённых оснований не выявлено.", "defendant": "Лицо"},
    "en": {"title": "Grounds of challenge", "decision": "Decision", "court": "Court", "case": "Case",
           "facts": "Facts", "argument": "Argument", "law": "Law", "grounds": "Grounds of appeal",
           "route": "Route and deadline", "relief": "Relief sought", "check": "To check in the case file",
           "possible": "Possible grounds (to be checked)", "appendix": "Law cited",
           "none": "No confirmed ground was found.", "defendant": "Person"},
}
RELIEF = {
    "worsening": {
        "ru": "изменить решение и назначить наказание, соответствующее тяжести содеянного (п. 3 ч. 1 ст. 442 УПК "
              "РК), либо отменить его (ч. 1 ст. 431 УПК РК); ухудшение положения осуждённого возможно лишь в "
              "пределах доводов жалобы или ходатайства прокурора (ч. 2 ст. 431, ч. 2 ст. 438 УПК РК).",
        "en": "change the decision and impose a sentence matching the gravity of the offence (CPC 442(1)(3)), or "
              "cancel it (CPC 431(1)); a worsening is possible only within the complaint's or the prosecutor's "
              "arguments (CPC 431(2), 438(2)).",
    },
    "improvement": {
        "ru": "изменить решение: смягчить наказание или применить закон о менее тяжком уголовном правонарушении "
              "(пп. 1, 2 ч. 1 ст. 442 УПК РК), либо отменить его и прекратить производство или вынести "
              "оправдательный приговор (ч. 1 ст. 431 УПК РК).",
        "en": "change the decision: reduce the sentence or apply the law on a less grave offence (CPC 442(1)(1), "
              "(2)), or cancel it and terminate the case or acquit (CPC 431(1)).",
    },
    "either": {
        "ru": "изменить или отменить решение (ч. 1 ст. 431 УПК РК); конкретное требование сформулировать по "
              "материалам дела.",
        "en": "change or cancel the decision (CPC 431(1)); word the specific request from the case file.",
    },
}


RELIEF_CASSATION = {
    "ru": "отменить или изменить судебный акт по основаниям ст. 485 УПК РК; полномочия кассационной инстанции в данных "
          "о законе, использованных программой, не приведены — требование уточнить по УПК РК.",
    "en": "cancel or change the judicial act on the grounds of CPC 485; the cassation court's powers are not in the "
          "program's statute data — word the request from the CPC.",
}


def _relief(f: Finding, lang: str) -> str | None:
    """The relief as the research words it: the appeal court's powers (CPC 431, 438, 442) on appeal, a neutral
    request in cassation, nothing where the research gives no court route or nothing is challenged."""
    if f.seeks not in RELIEF or not f.routes or f.routes[0].forum not in ("appeal", "cassation"):
        return None
    if f.routes[0].forum == "cassation":
        return RELIEF_CASSATION[lang]
    return RELIEF[str(f.seeks)][lang]


def to_docx(reports: Sequence[Report]) -> bytes:
    """The draft as the bytes of a .docx file (one section per case)."""
    from docx import Document
    from docx.shared import Pt

    doc: Any = Document()
    doc.styles["Normal"].font.name = "Times New Roman"
    doc.styles["Normal"].font.size = Pt(12)
    reports = [_xml_safe(r) for r in reports]
    lang = reports[0].language if reports else "ru"
    doc.sections[0].header.paragraphs[0].text = DRAFT[lang]
    doc.core_properties.title = TEXT[lang]["title"]
    doc.core_properties.author = "sentencecheck"
    for n, r in enumerate(reports):
        if n:
            doc.add_page_break()
        _case(doc, r)
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_times(buf.getvalue())


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return safe_terminal(value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def _xml_safe(r: Report) -> Report:
    """The report without control characters, which Word's XML cannot hold (case data may carry them)."""
    return Report.model_validate(_clean(r.model_dump()))


def _case(doc: Any, r: Report) -> None:
    lang = r.language
    t = TEXT[lang]
    doc.add_heading(t["title"], level=0)
    warn = doc.add_paragraph()
    warn.add_run(DRAFT[lang]).bold = True
    info = [f"{t['case']}: {r.case}" + (f" — {r.title}" if r.title else "")]
    if r.court:
        info.append(f"{t['court']}: {r.court}")
    instance = questions.value_label("proceeding.instance", r.instance, lang) if r.instance != "unknown" else ""
    when = day_iso(r.decision_date, lang)
    if instance or when:
        info.append(f"{t['decision']}: " + ", ".join(x for x in (instance, when) if x))
    for line in info:
        doc.add_paragraph(line)
    confirmed = [f for f in r.findings if f.confidence == "confirmed"]
    possible = [f for f in r.findings if f.confidence == "possible"]
    if not confirmed:
        doc.add_paragraph(t["none"])
    for i, f in enumerate(confirmed, 1):
        _ground(doc, i, f, lang)
    if possible:
        doc.add_heading(t["possible"], level=1)
        for f in possible:
            doc.add_heading(f"{f.title} — {f.defendant}", level=2)
            doc.add_paragraph(f.explanation)
            if f.settle is not None:
                _settle(doc, f.settle, lang)
                continue
            for q in f.facts_to_establish:
                doc.add_paragraph(f"☐ {q.question} ({LABELS[lang]['supports']}: {q.supports})",
                                  style="List Bullet")
    if r.law:
        doc.add_heading(t["appendix"], level=1)
        for c in r.law:
            text = f"[{c.ref}] {c.shown}" + (f" — {c.title}" if c.title else "")
            if c.in_force:
                text += f". {c.in_force}"
            doc.add_paragraph(text, style="List Number")


def _settle(doc: Any, settle: Settlement, lang: str) -> None:
    """A possible finding's checklist: the fewest facts that would confirm it, then those that would clear it."""
    t = LABELS[lang]
    for key, answers in (("settle_confirm", settle.confirm), ("settle_clear", settle.clear)):
        if answers is None:
            _labelled(doc, t[key], t["settle_versions"] if settle.versions_disagree else t["settle_cannot"])
            continue
        doc.add_paragraph(f"{t[key]}:")
        for a in answers:
            doc.add_paragraph(f"☐ {a.question} — {a.answer}", style="List Bullet")


def _ground(doc: Any, i: int, f: Finding, lang: str) -> None:
    t = TEXT[lang]
    doc.add_heading(f"{i}. {f.title}", level=1)
    doc.add_paragraph(f"{t['defendant']}: {f.defendant}" + (f"; {f.charge}" if f.charge else "")
                      + f" ({DIRECTION[lang][f.direction]})")
    _labelled(doc, t["facts"], f.explanation)
    for u in f.facts_used:
        doc.add_paragraph(f"{u.meaning} — {u.value}", style="List Bullet")
    _labelled(doc, t["argument"], f.argument)
    if f.counterfactual:
        doc.add_paragraph(f.counterfactual)
    law = "; ".join(f"{c.shown}" + (f" ({c.title})" if c.title else "") for c in f.legal_basis)
    if law:
        _labelled(doc, t["law"], law)
    if f.appeal_grounds:
        _labelled(doc, t["grounds"], "; ".join(c.shown for c in f.appeal_grounds))
    for route in f.routes:
        _labelled(doc, t["route"], route.text)
    relief = _relief(f, lang)
    if relief:
        _labelled(doc, t["relief"], relief)


def _labelled(doc: Any, label: str, text: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(text)
