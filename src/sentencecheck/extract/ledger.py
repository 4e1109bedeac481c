"""Where each drafted value came from: one source per quoted passage (``sources`` of the case file), and the map
from field path to source that the ``extraction`` block records."""

from __future__ import annotations

from typing import Any

from sentencecheck.extract.passages import Found, Paragraph


class Ledger:
    """Collects the passages values were read from.  A passage becomes a source ``p12`` (paragraph 12), then
    ``p12-2``, ``p12-3`` … for further passages of the same paragraph, numbered in the order they are cited."""

    def __init__(self, document: str, paragraphs: list[Paragraph], lang: str = "en") -> None:
        self.document = document
        self._line_word = {"en": "line", "ru": "строка"}[lang]
        self._lines = {p.index: p.line for p in paragraphs}
        self._ids: dict[tuple[int, str], str] = {}
        self._per_paragraph: dict[int, int] = {}
        self.sources: dict[str, dict[str, Any]] = {}
        self.values: dict[str, str] = {}

    def source(self, found: Found[Any]) -> str:
        """The source id of ``found``'s passage, listed once."""
        key = (found.paragraph, found.quote)
        if key not in self._ids:
            n = self._per_paragraph.get(found.paragraph, 0) + 1
            self._per_paragraph[found.paragraph] = n
            ident = f"p{found.paragraph}" + (f"-{n}" if n > 1 else "")
            self._ids[key] = ident
            self.sources[ident] = {
                "document": self.document,
                "paragraph": f"{found.paragraph} ({self._line_word} {self._lines.get(found.paragraph, '?')})",
                "quote": found.quote,
            }
        return self._ids[key]

    def cite(self, path: str, found: Found[Any]) -> str:
        """Record that the value at ``path`` was read from ``found``'s passage; its source id."""
        ident = self.source(found)
        self.values.setdefault(path, ident)
        return ident

    def under(self, prefix: str) -> list[str]:
        """The source ids of every value recorded at or under ``prefix``, in order, each once."""
        out: list[str] = []
        for path, ident in self.values.items():
            if (path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")) and ident not in out:
                out.append(ident)
        return out

    def forget(self, prefix: str) -> None:
        """Drop the values at or under ``prefix`` (a value removed from the draft)."""
        for path in [p for p in self.values if p == prefix or p.startswith((prefix + ".", prefix + "["))]:
            del self.values[path]
