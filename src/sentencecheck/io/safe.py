"""Text from case data made safe to open: in a spreadsheet, a Markdown viewer and a terminal.

* :func:`safe_cell`: a CSV cell a spreadsheet would read as a formula (leading ``=``, ``+``, ``-``, ``@``, tab or
  carriage return) gets a leading single quote, as OWASP recommends for CSV injection; numbers such as ``-1.5``
  stay numbers; control characters are dropped as for a terminal.
* :func:`safe_markdown`: inline Markdown that shows the text as written and nothing else: no HTML, no images, no
  ``javascript:``/``data:`` links, no other link syntax, and no ``|`` that would split a table cell.
* :func:`safe_terminal`: no terminal escape sequences and no C0/C1 control characters but newline and tab.
"""

from __future__ import annotations

import html
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula (OWASP, CSV injection)."""

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC/DCS/SOS/PM/APC
    r"|\x1b[ -/]*[0-~]?"  # other escape sequences (and a lone ESC)
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x85\u2028\u2029]+")

_TARGET = r"((?:[^()\[\]]|\([^()\[\]]*\))*)\)"
"""A link's target up to its closing parenthesis (one level of parentheses inside, no brackets: linear time)."""
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\(" + _TARGET)
_LINK = re.compile(r"\[([^\[\]]*)\]\(" + _TARGET)
_UNSAFE_SCHEME = re.compile(r"(?:javascript|vbscript|data|file):", re.IGNORECASE)
_MARKDOWN_ACTIVE = re.compile(r"[\\|]|\](?=\s*[(\[:])")
"""A backslash, a table pipe, and a "]" that could close a link, an image or a link definition ("](", "][", "]:")."""


def safe_cell(value: object) -> str:
    """``value`` as a CSV cell a spreadsheet shows as text, never runs: ``'`` before a formula's first character.

    ``None`` is the empty cell; a number (or a numeric string such as ``-1.5``) is left as it is; terminal escape
    sequences and control characters but newline and tab are dropped (a CSV file is also read with ``cat``)."""
    if value is None:
        return ""
    text = safe_terminal(str(value))
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def safe_terminal(text: str) -> str:
    """``text`` without terminal escape sequences (colours, cursor moves, window titles, hyperlinks) and without
    other C0/C1 control characters; newline and tab are kept."""
    if _CONTROLS.search(text) is None:  # every escape sequence starts with ESC or a C1 character: nothing to drop
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


def _link(match: re.Match[str]) -> str:
    target = "".join(safe_terminal(html.unescape(match.group(2))).split()).lstrip("<")
    if _UNSAFE_SCHEME.match(target):
        return match.group(1)
    return match.group(0)


def safe_markdown(text: str) -> str:
    """``text`` as inline Markdown (a heading, a paragraph, a table cell) that renders as written.

    Line breaks become spaces; images and ``javascript:``, ``vbscript:``, ``data:`` and ``file:`` links are
    dropped (their text kept); ``<``, ``>`` and ``&`` become entities (no HTML, no autolink); ``\\``, ``|`` and
    a ``]`` followed by ``(``, ``[`` or ``:`` are backslash-escaped, so no other link, image, link definition or
    table cell can be made from the text, while a bracket such as a citation's ``[1]`` reads as it is."""
    text = safe_terminal(_LINE_BREAKS.sub(" ", text))
    # The escaping below is what makes the text safe (no link, image or definition without an unescaped "](",
    # "][" or "]:"); dropping images and unsafe links first only keeps their text readable.
    text = _LINK.sub(_link, _IMAGE.sub(lambda m: m.group(1), text))
    return _MARKDOWN_ACTIVE.sub(lambda m: "\\" + m.group(0), html.escape(text, quote=False))


__all__ = ["FORMULA_START", "safe_cell", "safe_markdown", "safe_terminal"]
