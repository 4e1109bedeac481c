"""Renderers: text (terminal), JSON (stable bytes), Markdown, HTML."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence

from sentencecheck.report.model import CitedLaw, Finding, Report, UsedFact

LABELS = {
    "en": {
        "case": "Case",
        "findings": "findings",
        "finding_forms": "finding|findings",
        "none": "No findings: no rule's pattern holds or may hold on the recorded facts.",
        "defendant": "Defendant",
        "charge": "Charge",
        "confidence": "Confidence",
        "basis": "Legal basis",
        "no_basis": "none in the statute data: a procedural risk to raise, not the breach of a cited provision",
        "grounds": "Appeal ground",
        "found": "What was found",
        "argument": "Argument",
        "counterfactual": "Counterfactual",
        "facts": "Facts used",
        "establish": "Facts to establish",
        "law": "Law applied",
        "disagree": "Candidate versions",
        "unconfirmed": "Unconfirmed in the statute data",
        "notes": "Notes",
        "confirmed": "confirmed",
        "possible": "possible",
        "source": "source",
        "sources": "Sources",
    },
    "ru": {
        "case": "Дело",
        "findings": "находки",
        "finding_forms": "находка|находки|находок",
        "none": "Находок нет: ни одно правило не выполняется и не может выполняться на установленных фактах.",
        "defendant": "Подсудимый",
        "charge": "Обвинение",
        "confidence": "Достоверность",
        "basis": "Правовое основание",
        "no_basis": "в данных о законе норм нет: процессуальный риск, а не нарушение конкретной нормы",
        "grounds": "Основание обжалования",
        "found": "Что обнаружено",
        "argument": "Довод",
        "counterfactual": "Для сравнения",
        "facts": "Использованные факты",
        "establish": "Факты, которые нужно установить",
        "law": "Применённая редакция",
        "disagree": "Редакции-кандидаты",
        "unconfirmed": "Не подтверждено в данных о законе",
        "notes": "Примечания",
        "confirmed": "подтверждено",
        "possible": "возможно",
        "source": "источник",
        "sources": "Источники",
    },
}


def to_json(reports: Sequence[Report]) -> str:
    """Byte-for-byte deterministic JSON (sorted keys, UTF-8, newline at the end)."""
    payload = [r.model_dump(mode="json") for r in reports]
    data: object = payload[0] if len(payload) == 1 else payload
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _cite(c: CitedLaw) -> str:
    text = f"{c.citation} — {c.title}"
    if c.in_force:
        text += f" [{c.in_force}]"
    if c.confidence != "high":
        text += f" (confidence: {c.confidence})"
    if c.unconfirmed:
        text += " — unconfirmed: " + "; ".join(c.unconfirmed)
    return text


def _fact(f: UsedFact) -> str:
    shown = f.value in ("yes", "no") or f.value in f.fact.split() or f.value.startswith(f.fact.split()[-1] + ":")
    text = f.fact if shown else f"{f.fact} (value: {f.value})"
    if f.sources:
        text += f" [{', '.join(f.sources)}]"
    return text


def _sources(r: Report, heading: str) -> list[str]:
    return [f"{heading}:"] + [f"  [{k}] {v}" for k, v in r.sources.items()] if r.sources else []


def finding_items(f: Finding, t: dict[str, str]) -> list[tuple[str, str]]:
    """(label, text) pairs describing a finding: the one list every renderer shows."""
    items = [(t["defendant"], f.defendant + (f" — {t['charge']}: {f.charge}" if f.charge else "")),
             (t["found"], f.explanation), (t["argument"], f.argument)]
    if f.counterfactual:
        items.append((t["counterfactual"], f.counterfactual))
    items += [(t["basis"], _cite(c)) for c in f.legal_basis] or [(t["basis"], t["no_basis"])]
    items += [(t["grounds"], _cite(c)) for c in f.appeal_grounds]
    if f.law_note:
        items.append((t["law"], f.law_note))
    items += [(t["disagree"], x) for x in f.versions_disagree]
    if f.law_unconfirmed:
        items.append((t["unconfirmed"], "; ".join(f.law_unconfirmed)))
    items += [(t["facts"], _fact(x)) for x in f.facts_used]
    items += [(t["establish"], f"{x.fact} — {x.meaning}") for x in f.facts_to_establish]
    return items


def plural(n: int, forms: str) -> str:
    """The form of a noun for ``n``: "one|many" (English) or "one|few|many" (Russian)."""
    words = forms.split("|")
    if len(words) == 2:
        return words[0] if n == 1 else words[1]
    if n % 10 == 1 and n % 100 != 11:
        return words[0]
    return words[1] if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else words[2]


def _count(r: Report, t: dict[str, str]) -> str:
    sure = sum(f.confidence == "confirmed" for f in r.findings)
    text = f"{len(r.findings)} {plural(len(r.findings), t['finding_forms'])}"
    if r.findings:
        text += f" ({sure} {t['confirmed']}, {len(r.findings) - sure} {t['possible']})"
    return text


def to_text(reports: Sequence[Report]) -> str:
    out: list[str] = []
    for r in reports:
        t = LABELS[r.language]
        head = f"{t['case']} {r.case}" + (f": {r.title}" if r.title else "")
        out.append(head)
        out.append("=" * min(len(head), 100))
        out.append(f"{r.instance}, {r.decision_date or '?'} — {_count(r, t)} ({r.engine})")
        out.append("")
        if not r.findings:
            out.append(t["none"])
            out.append("")
        for i, f in enumerate(r.findings, 1):
            tag = f"[{f.direction} · {f.severity} · {t[f.confidence]}]"
            out.append(f"{i}. {tag} {f.title}  ({f.rule} v{f.rule_version})")
            out.extend(f"   {label}: {text}" for label, text in finding_items(f, t))
            out.append("")
        if r.notes:
            out.append(f"{t['notes']}:")
            out.extend(f"  - {n}" for n in r.notes)
            out.append("")
        out.extend(_sources(r, t["sources"]))
        out.append(r.disclaimer)
        out.append("")
    return "\n".join(out)


def to_markdown(reports: Sequence[Report]) -> str:
    out: list[str] = []
    for r in reports:
        t = LABELS[r.language]
        out.append(f"# {t['case']} {r.case}" + (f": {r.title}" if r.title else ""))
        out.append("")
        out.append(f"*{r.instance}, {r.decision_date or '?'} — {_count(r, t)} ({r.engine})*")
        out.append("")
        out.append(f"> {r.disclaimer}")
        out.append("")
        if not r.findings:
            out.append(t["none"])
            out.append("")
        for i, f in enumerate(r.findings, 1):
            out.append(f"## {i}. {f.title}")
            out.append("")
            out.append(f"`{f.rule}` v{f.rule_version} · **{f.direction}** · {f.severity} · {t[f.confidence]}")
            out.append("")
            out.extend(f"- **{label}:** {text}" for label, text in finding_items(f, t))
            out.append("")
        if r.notes:
            out.append(f"### {t['notes']}")
            out.append("")
            out.extend(f"- {n}" for n in r.notes)
            out.append("")
        if r.sources:
            out.append(f"### {t['sources']}")
            out.append("")
            out.extend(f"- [{k}] {v}" for k, v in r.sources.items())
            out.append("")
    return "\n".join(out)


def to_html(reports: Sequence[Report]) -> str:
    e = html.escape
    parts = [
        "<!doctype html>",
        '<html><head><meta charset="utf-8"><title>sentencecheck report</title>',
        "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;line-height:1.4}"
        ".f{border-left:4px solid #888;padding:.2rem 1rem;margin:1rem 0}.leniency{border-color:#c0392b}"
        ".over-punishment{border-color:#2c7fb8}.procedural{border-color:#e69f00}"
        ".legislative-gap{border-color:#6a3d9a}small{color:#555}</style></head><body>",
    ]
    for r in reports:
        t = LABELS[r.language]
        parts.append(f"<h1>{e(t['case'])} {e(r.case)}{': ' + e(r.title) if r.title else ''}</h1>")
        parts.append(f"<p><small>{e(r.instance)}, {e(r.decision_date or '?')} — {e(_count(r, t))} "
                     f"({e(r.engine)})</small></p>")
        parts.append(f"<p><em>{e(r.disclaimer)}</em></p>")
        if not r.findings:
            parts.append(f"<p>{e(t['none'])}</p>")
        for f in r.findings:
            parts.append(f'<div class="f {e(f.direction)}"><h2>{e(f.title)}</h2>')
            parts.append(f"<p><small><code>{e(f.rule)}</code> v{f.rule_version} · {e(f.direction)} · "
                         f"{e(f.severity)} · {e(t[f.confidence])}</small></p><ul>")
            items = finding_items(f, t)
            parts.extend(f"<li><b>{e(k)}:</b> {e(v)}</li>" for k, v in items)
            parts.append("</ul></div>")
        if r.notes:
            parts.append(f"<h3>{e(t['notes'])}</h3><ul>" + "".join(f"<li>{e(n)}</li>" for n in r.notes) + "</ul>")
        if r.sources:
            parts.append(f"<h3>{e(t['sources'])}</h3><ul>"
                         + "".join(f"<li>[{e(k)}] {e(v)}</li>" for k, v in r.sources.items()) + "</ul>")
    parts.append("</body></html>\n")
    return "\n".join(parts)


RENDERERS: dict[str, Callable[[Sequence[Report]], str]] = {
    "text": to_text,
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
}


def render(reports: Sequence[Report], fmt: str = "text") -> str:
    return RENDERERS[fmt](reports)


__all__ = ["RENDERERS", "Finding", "render", "to_html", "to_json", "to_markdown", "to_text"]
