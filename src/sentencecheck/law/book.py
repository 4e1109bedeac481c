"""The statute book: every article, part and version under ``rules/law/``, and citation look-ups."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from sentencecheck.errors import InputError
from sentencecheck.io.documents import read_document, validation_problems
from sentencecheck.law.general import GeneralPart
from sentencecheck.law.schema import Article, Authority, AuthorityFile, Part, Version

_NUM = r"[0-9]+(?:-[0-9]+)?"
_CITATION = re.compile(
    rf"^(?P<code>CC|CAO) (?P<article>{_NUM})(?:\((?P<part>{_NUM})\))?(?:\((?P<item>{_NUM})\))?$"
)


@dataclass(frozen=True)
class Citation:
    """A parsed citation such as ``CC 120(2)(1)``: code, article, part, item."""

    code: str
    article: str
    part: str | None = None
    item: int | str | None = None

    def label(self) -> str:
        text = f"{self.code} {self.article}"
        if self.part:
            text += f"({self.part})"
        if self.item:
            text += f"({self.item})"
        return text


def parse_citation(text: str) -> Citation | None:
    m = _CITATION.match(text.strip())
    if not m:
        return None
    item = m.group("item")
    parsed: int | str | None = None if not item else (int(item) if item.isdigit() else item)
    return Citation(m.group("code"), m.group("article"), m.group("part"), parsed)


@dataclass
class StatuteBook:
    """All statute data, indexed by (code, article)."""

    articles: dict[tuple[str, str], Article] = field(default_factory=dict)
    authorities: dict[str, Authority] = field(default_factory=dict)
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    digest: str = ""
    general: GeneralPart | None = None
    """The general part's parameters (CC 55, 56, 58, 68 ...), checked when the book is loaded."""
    _described: dict[str, tuple[str, str | None, list[str], list[str], str]] = field(default_factory=dict)
    memo: dict[tuple[object, ...], object] = field(default_factory=dict, repr=False, compare=False)
    """Answers of look-ups that depend only on the book and their arguments (the versions in force on given dates),
    kept for the book's life: an audit asks the same few thousand questions millions of times."""

    def part(self, code: str, article: str, part: str | None) -> Part | None:
        art = self.articles.get((code, article))
        if art is None:
            return None
        for p in art.parts:
            if p.part == part:
                return p
        if part is None and len(art.parts) == 1:
            return art.parts[0]
        return None

    def versions(self, code: str, article: str, part: str | None) -> list[Version]:
        p = self.part(code, article, part)
        return list(p.versions) if p else []

    def check_citation(self, text: str) -> str | None:
        """None if ``text`` names something in the data; otherwise why it does not."""
        if text in self.authorities:
            return None
        cit = parse_citation(text)
        if cit is None:
            return f"{text!r} is neither a statute citation like 'CC 120(2)(1)' nor a listed authority"
        art = self.articles.get((cit.code, cit.article))
        if art is None:
            return f"{cit.code} {cit.article} is not in the statute data"
        if cit.part is None:
            return None
        part = self.part(cit.code, cit.article, cit.part)
        if part is None:
            return f"{cit.code} {cit.article} has no part {cit.part} in the statute data"
        if cit.item is not None:
            items = {q.item for v in part.versions for q in v.qualifiers}
            if cit.item not in items:
                return f"{cit.label()}: part {cit.part} has no item {cit.item} in the statute data"
        return None

    def describe(self, text: str) -> tuple[str, str | None, list[str], list[str], str]:
        """Title (en), title (ru), sources, unconfirmed marks and confidence of a citation (cached)."""
        found = self._described.get(text)
        if found is None:
            found = self._described[text] = self._describe(text)
        return found

    def _describe(self, text: str) -> tuple[str, str | None, list[str], list[str], str]:
        if text in self.authorities:
            a = self.authorities[text]
            return a.title.en, a.title.ru, list(a.sources), list(a.unconfirmed), a.confidence.value
        cit = parse_citation(text)
        assert cit is not None
        art = self.articles[(cit.code, cit.article)]
        if cit.part is None:
            versions = [v for p in art.parts for v in p.versions]
        else:
            part = self.part(cit.code, cit.article, cit.part)
            versions = list(part.versions) if part else []
        sources = sorted({s for v in versions for s in v.sources})
        unconfirmed = sorted({u for v in versions for u in v.unconfirmed})
        worst = min((v.confidence.value for v in versions), key=_CONF_ORDER.index, default="high")
        return art.title.en, art.title.ru, sources, unconfirmed, worst


_CONF_ORDER = ["unconfirmed", "low", "medium", "high"]


def load_statute_book(law_dir: Path) -> StatuteBook:
    """Read ``cc/*.yaml``, ``cao/*.yaml`` and ``authorities/*.yaml`` under ``law_dir``."""
    book = StatuteBook()
    sha = hashlib.sha256()
    for sub in ("cc", "cao"):
        for path in sorted((law_dir / sub).glob("*.yaml")):
            raw = path.read_bytes()
            sha.update(path.name.encode() + b"\0" + raw)
            data, node = read_document(path)
            try:
                art = Article.model_validate(data)
            except ValidationError as exc:
                raise InputError("invalid statute file", str(path), validation_problems(exc, node)) from None
            key = (art.code, art.article)
            if key in book.articles:
                raise InputError(f"{art.code} {art.article} is defined twice", str(path))
            book.articles[key] = art
            book.files[key] = str(path)
    for path in sorted((law_dir / "authorities").glob("*.yaml")):
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
        data, node = read_document(path)
        try:
            file = AuthorityFile.model_validate(data)
        except ValidationError as exc:
            raise InputError("invalid authority file", str(path), validation_problems(exc, node)) from None
        for auth in file.authorities:
            if auth.id in book.authorities:
                raise InputError(f"authority {auth.id} is defined twice", str(path))
            book.authorities[auth.id] = auth
    book.digest = sha.hexdigest()
    book.general = GeneralPart(book)
    return book
