"""Renderers: text (terminal), JSON (stable bytes), Markdown and HTML, all walking :mod:`report.layout`'s blocks."""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import replace

from sentencecheck.io.safe import safe_markdown, safe_terminal
from sentencecheck.report.layout import Block, cross_case_blocks, report_blocks, summary_blocks_only
from sentencecheck.report.model import Finding, Report

WIDTH = 100


def to_json(reports: Sequence[Report], summary: bool = False) -> str:
    """Byte-for-byte deterministic JSON (sorted keys, UTF-8, newline at the end); always complete."""
    payload = [r.model_dump(mode="json") for r in reports]
    data: object = payload[0] if len(payload) == 1 else payload
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest, break_long_words=False,
                         break_on_hyphens=False) or [first.rstrip()]


def _for_terminal(b: Block) -> Block:
    return replace(b, text=safe_terminal(b.text), label=safe_terminal(b.label),
                   rows=[[safe_terminal(x) for x in row] for row in b.rows])


def _text_blocks(blocks: Sequence[Block]) -> list[str]:
    """Lines for a terminal: escape sequences and control characters from case data are dropped."""
    out: list[str] = []
    for b in map(_for_terminal, blocks):
        if b.kind == "h1":
            out += ["", b.text, "=" * min(len(b.text), WIDTH)]
        elif b.kind == "h2":
            out += ["", b.text.upper(), "-" * min(len(b.text), WIDTH)]
        elif b.kind == "h3":
            out += ["", b.text + ":"]
        elif b.kind in ("meta", "p", "disclaimer"):
            out += _wrap(b.text, "", "")
        elif b.kind == "li":
            mark = "  ✔ " if b.css == "confirmed" else ("  ? " if b.css == "possible" else "  - ")
            out += _wrap(b.label + b.text, mark, "      ")
        elif b.kind == "finding":
            out += [""] + _wrap(f"{b.text}  [{b.label}]", "", "   ")
        elif b.kind == "kv":
            out += _wrap(b.text, f"   {b.label}: ", "      ")
        elif b.kind == "table":
            head = b.label.split("|")
            widths = [max(len(x) for x in col) for col in zip(head, *b.rows, strict=True)]
            for row in [head, *b.rows]:
                out.append("  ".join(x.ljust(w) for x, w in zip(row, widths, strict=True)).rstrip())
    return out


def _all_blocks(reports: Sequence[Report], summary: bool) -> list[Block]:
    if summary:
        return summary_blocks_only(reports)
    return [x for r in reports for x in report_blocks(r)] + cross_case_blocks(reports)


def to_text(reports: Sequence[Report], summary: bool = False) -> str:
    return "\n".join(_text_blocks(_all_blocks(reports, summary))).lstrip("\n") + "\n"


def to_markdown(reports: Sequence[Report], summary: bool = False) -> str:
    """Markdown in which case data shows as written: no HTML, images, unsafe links or table-splitting pipes."""
    out: list[str] = []
    for b in _all_blocks(reports, summary):
        e = safe_markdown(b.text)
        if b.kind in ("h1", "h2", "h3"):
            out += ["", "#" * int(b.kind[1]) + " " + e, ""]
        elif b.kind == "meta":
            out += [f"*{e}*", ""]
        elif b.kind == "disclaimer":
            out += [f"> {e}", ""]
        elif b.kind == "p":
            out += [e, ""]
        elif b.kind == "li":
            mark = {"confirmed": "**✔** ", "possible": "**?** "}.get(b.css, "")
            linked = f"[{safe_markdown(b.label)}](#{b.anchor})" if b.label and b.anchor else safe_markdown(b.label)
            out.append(f"- {mark}{linked}{e}")
        elif b.kind == "finding":
            out += ["", f'### <a id="{b.anchor}"></a>{e}', "", f"**{safe_markdown(b.label)}**", ""]
        elif b.kind == "kv":
            out.append(f"- **{safe_markdown(b.label)}:** {e}")
        elif b.kind == "end_finding":
            out.append("")
        elif b.kind == "table":
            head = [safe_markdown(x) for x in b.label.split("|")]
            out += ["", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            out += ["| " + " | ".join(safe_markdown(x) for x in row) + " |" for row in b.rows]
    return "\n".join(out).lstrip("\n").rstrip("\n") + "\n"


_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45;"
    "color:#111}h1{font-size:1.5rem;margin-top:2.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc}"
    ".meta{color:#444}.disclaimer{font-style:italic;color:#444}"
    "li.confirmed{list-style:none;margin:.4rem 0;padding:.3rem .6rem;border-left:6px solid #b2182b;"
    "background:#fbeaea}li.possible{list-style:none;margin:.4rem 0;padding:.3rem .6rem;"
    "border-left:6px dashed #999;background:#f4f4f4}"
    ".finding{border:1px solid #ccc;border-radius:4px;padding:.4rem 1rem;margin:1rem 0;break-inside:avoid}"
    ".finding.confirmed{border-left:8px solid #b2182b}.finding.possible{border-left:8px dashed #999}"
    ".badge{display:inline-block;padding:.1rem .5rem;border-radius:3px;font-size:.85rem;font-weight:600}"
    ".finding.confirmed .badge{background:#b2182b;color:#fff}.finding.possible .badge{background:#ddd;color:#222}"
    ".kv b{font-weight:600}.rule{color:#666;font-size:.85rem}nav ul{columns:2}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}"
    "@media print{nav{display:none}body{max-width:none;margin:0}a{color:inherit;text-decoration:none}}"
)


def to_html(reports: Sequence[Report], summary: bool = False) -> str:
    e = html.escape
    lang = reports[0].language if reports else "en"
    blocks = _all_blocks(reports, summary)
    toc = [f'<li class="toc-{b.kind}"><a href="#{e(b.anchor)}">{e(b.text)}</a></li>'
           for b in blocks if b.kind in ("h1", "h2", "finding") and b.anchor]
    parts = ["<!doctype html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             "<title>sentencecheck</title>", f"<style>{_CSS}</style></head><body>",
             "<nav><ul>" + "".join(toc) + "</ul></nav>"]
    in_list = False
    for b in blocks:
        if b.kind != "li" and in_list:
            parts.append("</ul>")
            in_list = False
        anchor = f' id="{e(b.anchor)}"' if b.anchor and b.kind != "li" else ""
        if b.kind in ("h1", "h2", "h3"):
            parts.append(f"<{b.kind}{anchor}>{e(b.text)}</{b.kind}>")
        elif b.kind in ("meta", "disclaimer", "p"):
            parts.append(f'<p class="{b.kind}">{e(b.text)}</p>')
        elif b.kind == "li":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            head = f'<a href="#{e(b.anchor)}">{e(b.label)}</a>' if b.anchor else e(b.label)
            parts.append(f'<li class="{e(b.css)}">{head}{e(b.text)}</li>')
        elif b.kind == "finding":
            parts.append(f'<section class="finding {e(b.css)}"{anchor}><h3>{e(b.text)}</h3>'
                         f'<span class="badge">{e(b.label)}</span>')
        elif b.kind == "kv":
            parts.append(f'<p class="kv {e(b.css)}"><b>{e(b.label)}:</b> {e(b.text)}</p>')
        elif b.kind == "end_finding":
            parts.append("</section>")
        elif b.kind == "table":
            head = "".join(f"<th>{e(x)}</th>" for x in b.label.split("|"))
            body = "".join("<tr>" + "".join(f"<td>{e(x)}</td>" for x in row) + "</tr>" for row in b.rows)
            parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    if in_list:
        parts.append("</ul>")
    parts.append("</body></html>\n")
    return safe_terminal("\n".join(parts))


RENDERERS: dict[str, Callable[[Sequence[Report], bool], str]] = {
    "text": to_text,
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
}


def render(reports: Sequence[Report], fmt: str = "text", summary: bool = False) -> str:
    """Reports in a format; ``summary``: only the one-screen summary (the cross-case table for many reports)."""
    return RENDERERS[fmt](reports, summary)


__all__ = ["RENDERERS", "Finding", "render", "to_html", "to_json", "to_markdown", "to_text"]
