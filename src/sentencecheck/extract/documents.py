"""Reading a decision's text from a .txt, .docx, .pdf or saved .html file into numbered paragraphs.

Each format is first turned into lines (with the line each starts on) and breaks between blocks; lines are then
joined into paragraphs: a blank line, a heading, a list item, a line ending a sentence or a colon, a line much
shorter than the text's width, or a line too long to be a hard wrap ends a paragraph; other lines are a paragraph
wrapped by the source (a PDF, a text saved with hard line breaks) and are joined, «уголов-» + «ного» becoming
«уголовного».  Only regular files up to :data:`MAX_DECISION_BYTES` are read; nothing is fetched or run.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from sentencecheck.errors import SentencecheckError
from sentencecheck.extract.passages import Paragraph
from sentencecheck.extract.sections import heading_of
from sentencecheck.io.documents import MAX_DOCUMENT_BYTES, file_kind

MAX_DECISION_BYTES = MAX_DOCUMENT_BYTES
"""The largest file read (the case-file cap, 8 MB: a verdict of 100 pages is under 1 MB as .docx or text PDF)."""
MAX_PDF_PAGES = 500
MAX_DOCX_UNPACKED = 64 * 1024 * 1024
"""Bytes a .docx may unpack to (a 1,000-page verdict's document.xml is about 20 MB): a small zip can hold
gigabytes of XML."""
MAX_LINES = 200_000
"""Lines read from one file: 8 MB of Russian text in lines of 60 characters is about 70,000 lines; a file of
millions of short lines is not a decision and would take minutes to join."""
SUPPORTED = (".txt", ".docx", ".pdf", ".html", ".htm")
Encoding = Literal["utf-8", "utf-8-sig", "utf-16", "cp1251"]
Format = Literal["txt", "docx", "pdf", "html"]
LONG_LINE = 150
"""A line longer than this is a paragraph of its own: no page or text file wraps its lines this wide."""
SHORT_RATIO = 0.6
"""A line shorter than this share of the text's width ends its paragraph (a wrapped paragraph's last line)."""
MIN_WIDTH = 40


@dataclass
class DocumentError(SentencecheckError):
    """A decision file that cannot be read: the file, what was found, what was expected, and how to fix it."""

    file: str = ""
    expected: str = ""
    fix: str = ""

    def __str__(self) -> str:
        text = f"{self.file}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text + (f"; {self.fix}" if self.fix else "")


@dataclass(frozen=True)
class DecisionText:
    """A decision as read: its paragraphs, the format, and the text encoding used (plain text files only)."""

    paragraphs: list[Paragraph]
    format: Format
    encoding: Encoding | None = None


Line = tuple[int, str | None]
"""A line of the source (1-based number, text), or ``(n, None)`` for a break between blocks (a new docx paragraph,
an HTML block element)."""


def read_paragraphs(path: Path) -> list[Paragraph]:
    """The paragraphs of a decision file (.txt, .docx, .pdf, .html/.htm), numbered from 1, all in part ``intro``."""
    return read_decision(path).paragraphs


def read_decision(path: Path) -> DecisionText:
    """Read a decision file; see :func:`read_paragraphs`.  Raises :class:`DocumentError` for a file that is not a
    regular file, is too large, empty, unreadable or of a format not read here."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        hint = {".doc": "open it in Word and save it as .docx", ".rtf": "open it in Word and save it as .docx",
                ".odt": "save it as .docx"}.get(suffix, "save the decision as .docx, .pdf or .txt (UTF-8)")
        raise DocumentError(f"unsupported file type {suffix or '(none)'!r}", str(path),
                            "a .txt, .docx, .pdf, .html or .htm file", hint)
    raw = _read_bytes(path)
    encoding: Encoding | None = None
    if suffix == ".txt":
        text, encoding = _decode(raw, path)
        lines: list[Line] = list(enumerate(text.splitlines(), start=1))
    elif suffix == ".docx":
        lines = _docx_lines(raw, path)
    elif suffix == ".pdf":
        lines = _pdf_lines(raw, path)
    else:
        lines = _html_lines(_decode(raw, path, html=True)[0])
    if len(lines) > MAX_LINES:
        raise DocumentError(f"more than {MAX_LINES} lines", str(path), "the text of one decision",
                            "check that this is the right file")
    fmt: Format = "docx" if suffix == ".docx" else "pdf" if suffix == ".pdf" else "txt" if suffix == ".txt" else "html"
    result = DecisionText(_paragraphs(lines), fmt, encoding)
    if not result.paragraphs:
        raise DocumentError("the file holds no text", str(path), "the text of a decision",
                            "check that this is the right file" + (" (a scanned PDF needs OCR first)"
                                                                   if suffix == ".pdf" else ""))
    return result


def _read_bytes(path: Path) -> bytes:
    """The file's bytes: a regular file only (a FIFO could block forever), at most :data:`MAX_DECISION_BYTES`."""
    try:
        info = path.stat()
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror or exc}", str(path), "an existing decision file",
                            "check the path") from None
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(f"not a regular file ({file_kind(info.st_mode)})", str(path),
                            "a .txt, .docx, .pdf or .html file", "name the decision file itself")
    too_large = DocumentError(f"file larger than {MAX_DECISION_BYTES} bytes", str(path),
                              "a decision of at most 8 MB", "save the decision as .docx or text without images")
    if info.st_size > MAX_DECISION_BYTES:
        raise too_large
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_DECISION_BYTES + 1)
    except OSError as exc:
        raise DocumentError(f"cannot read the file: {exc.strerror or exc}", str(path), "a readable file",
                            "check its permissions") from None
    if len(raw) > MAX_DECISION_BYTES:
        raise too_large
    if not raw.strip():
        raise DocumentError("the file is empty", str(path), "the text of a decision", "check that this is the right "
                            "file")
    return raw


_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LOWER_CYRILLIC = re.compile(r"[а-яё]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _decode(raw: bytes, path: Path, html: bool = False) -> tuple[str, Encoding]:
    """UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1251 when the bytes are
    not UTF-8 and read as Russian text in it (mostly lower-case Cyrillic letters, no control characters)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" not in text:
                return text, "utf-8"
    if b"\x00" not in raw:
        try:
            text = raw.decode("cp1251")
        except UnicodeDecodeError:
            text = ""
        letters = _CYRILLIC.findall(text)
        if letters and not _CONTROL.search(text) and len(_LOWER_CYRILLIC.findall(text)) > len(letters) / 2:
            return text, "cp1251"
    kind = "web page" if html else "text file"
    raise DocumentError(f"cannot read the {kind}: it is neither UTF-8 nor Russian text in Windows-1251", str(path),
                        "UTF-8 or Windows-1251 text", "open it in a text editor and save it as UTF-8")


# --- formats to lines -------------------------------------------------------------------------------------------

def _docx_lines(raw: bytes, path: Path) -> list[Line]:
    """Body paragraphs and table cells in document order; each docx paragraph is a block, soft breaks are lines.
    Line numbers count docx paragraphs (table cells included), from 1."""
    import io

    import docx
    from docx.document import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    not_docx = DocumentError("not a Word .docx document", str(path), "a .docx file saved by Word or LibreOffice",
                             "open it in Word and save it again as .docx")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            unpacked = sum(entry.file_size for entry in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_docx from None
    if unpacked > MAX_DOCX_UNPACKED:
        raise DocumentError(f"the .docx unpacks to more than {MAX_DOCX_UNPACKED} bytes", str(path),
                            "a decision's text", "save it again without embedded files or images")
    try:
        document: Document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"not a Word .docx document ({exc})", str(path), "a .docx file saved by Word or "
                            "LibreOffice", "open it in Word and save it again as .docx") from None

    def blocks(items: Iterable[DocxParagraph | Table]) -> Iterator[DocxParagraph]:
        for item in items:
            if isinstance(item, Table):
                seen: set[int] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                            continue
                        seen.add(id(cell._tc))
                        yield from blocks(cell.iter_inner_content())
            else:
                yield item

    lines: list[Line] = []
    for number, paragraph in enumerate(blocks(document.iter_inner_content()), start=1):
        lines.append((number, None))
        lines += [(number, part) for part in paragraph.text.split("\n")]
    return lines


_PAGE_NUMBER = re.compile(r"(?:-\s*)?\d{1,4}(?:\s*-)?|(?:стр\.?|страница)\s*\d+(?:\s*(?:из|/)\s*\d+)?", re.I)


def _pdf_lines(raw: bytes, path: Path) -> list[Line]:
    """The text layer of every page, lines counted over the whole extracted text; a page's first or last line that
    is only a page number is dropped.  A PDF without text is a scan, which needs OCR (not done here)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("the PDF is password-protected", str(path), "a PDF that opens without a password",
                                "save an unprotected copy")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError(f"more than {MAX_PDF_PAGES} pages", str(path), "one decision",
                                "split the file")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise DocumentError(f"not a readable PDF ({type(exc).__name__}: {exc})", str(path), "a PDF with text",
                            "save the decision again as PDF or .docx") from None
    if not any(page.strip() for page in pages):
        raise DocumentError("the PDF has no text layer: it is a scan (images of pages)", str(path),
                            "a PDF with selectable text", "run OCR on it first (sentencecheck does not do OCR), or "
                            "use the .docx or text of the decision from the court portal")
    lines: list[Line] = []
    number = 0
    for page in pages:
        page_lines = page.splitlines()
        content = [i for i, line in enumerate(page_lines) if line.strip()]
        drop = {i for i in content[:1] + content[-1:] if _PAGE_NUMBER.fullmatch(page_lines[i].strip())}
        for i, line in enumerate(page_lines):
            number += 1
            if i not in drop:
                lines.append((number, line))
    return lines


class _HtmlText(HTMLParser):
    """Text of a saved web page: blocks (p, div, li, tr, td, headings) are blocks, ``<br>`` ends a line; script,
    style, head and template content is dropped.  Each line keeps the source line its text starts on."""

    BLOCKS = frozenset({"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table",
                        "section", "article", "blockquote", "pre", "ul", "ol", "dd", "dt", "hr", "center", "body"})
    HIDDEN = frozenset({"script", "style", "head", "template", "noscript", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[Line] = []
        self.hidden = 0
        self.line: tuple[int, str] | None = None

    def end_line(self) -> None:
        if self.line is not None:
            self.lines.append(self.line)
        self.line = None

    def end_block(self) -> None:
        self.end_line()
        self.lines.append((self.getpos()[0], None))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.end_block()
        elif tag == "br":
            self.end_line()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.HIDDEN:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.end_block()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        text = re.sub(r"[ \t\r\n]+", " ", data)
        if self.line is None:
            if not text.strip():
                return
            leading = data[: len(data) - len(data.lstrip())]
            self.line = (self.getpos()[0] + leading.count("\n"), "")
        self.line = (self.line[0], self.line[1] + text)


def _html_lines(text: str) -> list[Line]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser.end_line()
    return parser.lines


# --- lines to paragraphs ----------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІA-Z"
_LOWER = "а-яёәғқңөұүһіa-z"
_SPACED_CAPITALS = re.compile(rf"(?<!\S)[{_UPPER}](?: [{_UPPER}]){{2,}}(?: ?:)?(?=[\s.,;]|$)")
_SPACED_SMALL = re.compile(rf"(?<!\S)[{_LOWER}](?: [{_LOWER}]){{4,}}(?: ?:)?(?=[\s.,;]|$)")
_LIST_ITEM = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]\s|[а-яa-z]\)\s|[-–—•·▪]\s)")
_HYPHENATED = re.compile(rf"[{_UPPER}{_LOWER}]-$")
_SENTENCE_END = re.compile(r"[.!?…][»\"')\]]*$")
_ABBREVIATION_END = re.compile(
    rf"(?:^|[\s(«.])(?:[{_UPPER}]|ст|ч|п|пп|г|гг|гр|ул|д|кв|мкр|р-на?|обл|т|им|см|руб|тенге|тг|тыс|млн|млрд|"
    rf"№|т\.е|т\.к|т\.д|т\.п|и\.о|ст\.ст|г\.р|р-н|пр|просп|пер|корп|с|пос|ауд)\.$",
    re.I,
)
"""A line ending with an initial («Иванов А.») or an abbreviation («ст.», «г.») does not end a sentence."""
_KEEP_HYPHEN = re.compile(r"^(?:то|либо|нибудь|таки|ка|де)(?![а-яё])", re.I)
_CLAUSE_END = re.compile(r"[:;]$")


_WIDE_GAP = re.compile(r" {2,}|\t")


def _normalise(text: str) -> str:
    """Spaces of every kind as one space, invisible characters (soft hyphen, zero-width space) dropped, and
    letter-spaced words («П Р И Г О В О Р   И М Е Н Е М») written solid («ПРИГОВОР ИМЕНЕМ»)."""
    text = _INVISIBLE.sub("", text.replace("\r", ""))
    words = _WIDE_GAP.split(text)  # a wide gap separates letter-spaced words
    words = [_SPACED_SMALL.sub(_solid, _SPACED_CAPITALS.sub(_solid, w)) for w in words]
    return _SPACES.sub(" ", " ".join(words)).strip()


def _solid(match: re.Match[str]) -> str:
    return match.group(0).replace(" ", "")


def _width(lines: list[tuple[int, str]]) -> int:
    """The text's line width: the 90th percentile of line lengths (lines up to :data:`LONG_LINE`)."""
    lengths = sorted(len(text) for _, text in lines if len(text) <= LONG_LINE)
    if not lengths:
        return LONG_LINE
    return max(MIN_WIDTH, lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))])


def _heading(text: str) -> bool:
    """A heading, or a short line in capitals starting with a letter («ДЕЛО № 1-123/2024», not «397 УПК РК»)."""
    if heading_of(text):
        return True
    if len(text) > 80 or not text[0].isalpha():
        return False
    letters = _NOT_LETTER.sub("", text)
    return len(letters) >= 3 and letters.isupper()


_NOT_LETTER = re.compile(rf"[^{_UPPER}{_LOWER}]")
_STARTS_WITH_LETTER = re.compile(rf"[{_UPPER}{_LOWER}]")
_STARTS_LOWER = re.compile(rf"[{_LOWER}]")
_RANGE_DASH = re.compile(r"\d[-–—]$")


@dataclass(frozen=True)
class _Line:
    text: str
    heading: bool


def _joins(previous: _Line, line: _Line, width: int) -> Literal["space", "solid", "hyphen", "break"]:
    """How ``line`` continues the paragraph ending with ``previous``: joined with a space, joined solid after
    dropping a hyphen (``solid``), joined keeping the hyphen, or not at all (``break``)."""
    before, text = previous.text, line.text
    if previous.heading or len(before) > LONG_LINE:
        return "break"
    if _HYPHENATED.search(before) and _STARTS_WITH_LETTER.match(text):
        if text[0].isupper() or _KEEP_HYPHEN.match(text):
            return "hyphen"
        return "solid"
    if _RANGE_DASH.search(before) and text[0].isdigit():  # «статьями 393–» + «397 УПК РК»
        return "hyphen"
    if line.heading or _LIST_ITEM.match(text) or _CLAUSE_END.search(before):
        return "break"
    if _STARTS_LOWER.match(text):
        return "space"
    if _SENTENCE_END.search(before) and not _ABBREVIATION_END.search(before):
        return "break"
    if len(before) < SHORT_RATIO * width:
        return "break"
    return "space"


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Lines (with block breaks) to numbered paragraphs."""
    clean = [(n, _normalise(text) if text is not None else None) for n, text in lines]
    width = _width([(n, text) for n, text in clean if text])
    previous = _Line("", False)
    out: list[Paragraph] = []
    start = 0
    pieces: list[str] = []  # the paragraph's lines, each with what joins it to the one before

    def close() -> None:
        if pieces:
            out.append(Paragraph(index=len(out) + 1, line=start, text="".join(pieces)))
        pieces.clear()

    for number, text in clean:
        if not text:
            close()
            continue
        line = _Line(text, _heading(text))
        how = _joins(previous, line, width) if pieces else "break"
        if how == "break":
            close()
            start = number
            pieces.append(text)
        elif how == "space":
            pieces.append(" " + text)
        elif how == "solid":
            pieces[-1] = pieces[-1][:-1]
            pieces.append(text)
        else:
            pieces.append(text)
        previous = line
    close()
    return out
