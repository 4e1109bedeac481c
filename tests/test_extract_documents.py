"""Reading decisions (.txt, .docx, .pdf, .html) into numbered paragraphs, and the errors a bad file gives."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK
from pypdf import PdfWriter

from sentencecheck.errors import SentencecheckError
from sentencecheck.extract import documents
from sentencecheck.extract.documents import DocumentError, read_decision, read_paragraphs

DATA = Path(__file__).resolve().parent / "data"
PORTAL_COPY = """\
Дело № 1-123/2024
ПРИГОВОР
ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН
г. Алматы 13 мая 2024 года
Алмалинский районный суд города Алматы в составе председательствующего судьи Ахметова Б.К., при секретаре \
Сериковой А.Т.
УСТАНОВИЛ:
Иванов П.С. 1 января 2024 года нанес удары Ивановой А.С.
Подсудимый вину признал.
"""


def _texts(path: Path) -> list[str]:
    return [p.text for p in read_paragraphs(path)]


def test_a_portal_copy_has_one_paragraph_per_line_with_its_line_number(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(PORTAL_COPY, encoding="utf-8")
    paragraphs = read_paragraphs(path)
    assert [p.line for p in paragraphs] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert paragraphs[4].text.endswith("при секретаре Сериковой А.Т.")
    assert [p.index for p in paragraphs] == list(range(1, 9))
    assert {p.part for p in paragraphs} == {"intro"}


def test_hard_wrapped_lines_are_joined_and_hyphenated_words_mended(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(
        "Иванов П.С. совершил умышленное уголов-\n"
        "ное правонарушение, предусмотренное ч. 1\n"
        "ст. 106 УК РК, в отношении жителя г. Усть-\n"
        "Каменогорска, который что-\n"
        "нибудь заметил бы, руководствуясь статьями 393–\n"
        "397 УПК РК.\n"
        "\n"
        "Суд считает вину доказанной.\n", encoding="utf-8")
    assert _texts(path) == [
        "Иванов П.С. совершил умышленное уголовное правонарушение, предусмотренное ч. 1 ст. 106 УК РК, в отношении "
        "жителя г. Усть-Каменогорска, который что-нибудь заметил бы, руководствуясь статьями 393–397 УПК РК.",
        "Суд считает вину доказанной.",
    ]


def test_a_line_that_ends_a_sentence_ends_its_paragraph_unless_it_ends_with_an_initial(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text("При секретаре судебного заседания Сериковой А.\n"
                    "Т. суд рассмотрел дело в открытом судебном заседании.\n"
                    "Подсудимый вину признал и просил о снисхождении.\n"
                    "1) признать виновным;\n"
                    "2) назначить наказание\n", encoding="utf-8")
    assert _texts(path) == [
        "При секретаре судебного заседания Сериковой А. Т. суд рассмотрел дело в открытом судебном заседании.",
        "Подсудимый вину признал и просил о снисхождении.", "1) признать виновным;", "2) назначить наказание"]


def test_crlf_bom_nbsp_and_tabs_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_bytes("\ufeffПРИГОВОР\r\nг.\u00a0Алматы\t13\u00a0мая  2024 года\r\n".encode())
    result = read_decision(path)
    assert result.encoding == "utf-8-sig"
    assert [p.text for p in result.paragraphs] == ["ПРИГОВОР", "г. Алматы 13 мая 2024 года"]


def test_letter_spaced_headings_are_written_solid(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text("П Р И Г О В О Р   И М Е Н Е М   Р Е С П У Б Л И К И   К А З А Х С Т А Н\n"
                    "У С Т А Н О В И Л :\nсуд\nП Р И Г О В О Р И Л:\n", encoding="utf-8")
    assert _texts(path) == ["ПРИГОВОР ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН", "УСТАНОВИЛ:", "суд", "ПРИГОВОРИЛ:"]


def test_windows_1251_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_bytes(PORTAL_COPY.encode("cp1251"))
    result = read_decision(path)
    assert result.encoding == "cp1251"
    assert result.format == "txt"
    assert result.paragraphs[1].text == "ПРИГОВОР"
    utf8 = tmp_path / "u.txt"
    utf8.write_text(PORTAL_COPY, encoding="utf-8")
    assert read_decision(utf8).encoding == "utf-8"
    assert read_decision(utf8).paragraphs == result.paragraphs


def test_text_in_another_encoding_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    # KOI8-R reads as capitals in Windows-1251: not taken for Russian
    path.write_bytes(PORTAL_COPY.replace("№", "N").encode("koi8_r"))
    with pytest.raises(DocumentError) as caught:
        read_paragraphs(path)
    message = str(caught.value)
    assert str(path) in message and "UTF-8" in message and "save it as UTF-8" in message


def _docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Дело № 1-5/2024")
    document.add_paragraph("П Р И Г О В О Р")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "г. Алматы"
    table.cell(0, 1).text = "13 мая 2024 года"
    run = document.add_paragraph().add_run("Алмалинский районный суд города Алматы в составе")
    run.add_break(WD_BREAK.LINE)
    run.add_text("председательствующего судьи Ахметова Б.К.")
    document.add_paragraph("УСТАНОВИЛ:")
    document.save(str(path))


def test_docx_body_paragraphs_and_table_cells_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "v.docx"
    _docx(path)
    result = read_decision(path)
    assert result.format == "docx" and result.encoding is None
    assert [(p.line, p.text) for p in result.paragraphs] == [
        (1, "Дело № 1-5/2024"), (2, "ПРИГОВОР"), (4, "г. Алматы"), (5, "13 мая 2024 года"),
        (6, "Алмалинский районный суд города Алматы в составе председательствующего судьи Ахметова Б.К."),
        (7, "УСТАНОВИЛ:"),
    ]


def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentError, match="not a Word .docx document.*save it again as .docx"):
        read_paragraphs(path)


def test_text_pdf_paragraphs_without_page_numbers_and_with_wraps_joined() -> None:
    """tests/data/verdict-sample.pdf is verdict-sample.html printed by headless Chromium (A5, page numbers at the
    foot, a hard «уголов-» line break, the operative part on page 2)."""
    result = read_decision(DATA / "verdict-sample.pdf")
    texts = [p.text for p in result.paragraphs]
    assert result.format == "pdf"
    assert texts[:4] == ["Дело № 1-77/2024", "ПРИГОВОР", "ИМЕНЕМ РЕСПУБЛИКИ КАЗАХСТАН", "г. Алматы 13 мая 2024 года"]
    assert "1" not in texts and "2" not in texts
    assert ("Подсудимый Иванов П.С. вину в совершении уголовного правонарушения признал полностью и раскаялся в "
            "содеянном.") in texts
    assert "На основании изложенного, руководствуясь статьями 393–397 УПК РК, суд" in texts
    assert texts[texts.index("УСТАНОВИЛ:") + 1].startswith("Иванов П.С. 1 января 2024 года около 22 часов, находясь")
    lines = {p.text: p.line for p in result.paragraphs}
    assert lines["Дело № 1-77/2024"] == 2  # line 1 is the page number
    assert lines["ПРИГОВОРИЛ:"] == 27
    assert len(texts) == 12


def test_the_saved_web_page_reads_like_the_pdf() -> None:
    html = read_decision(DATA / "verdict-sample.html")
    pdf = read_decision(DATA / "verdict-sample.pdf")
    assert html.format == "html"
    assert [p.text for p in html.paragraphs] == [p.text for p in pdf.paragraphs]
    assert html.paragraphs[0].line == 11


def test_html_scripts_styles_and_entities(tmp_path: Path) -> None:
    path = tmp_path / "v.htm"
    path.write_text("<html><head><title>Портал</title><style>p{color:red}</style></head><body>"
                    "<script>var name = 'Иванов';</script>\n<div>ПРИГОВОР</div>\n"
                    "<p>г.&nbsp;Алматы<br>13 мая 2024&nbsp;года</p><p>Суд &laquo;установил&raquo;.</p></body></html>",
                    encoding="utf-8")
    assert _texts(path) == ["ПРИГОВОР", "г. Алматы", "13 мая 2024 года", "Суд «установил»."]


def test_a_pdf_without_text_is_a_scan_that_needs_ocr(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=420, height=595)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as f:
        writer.write(f)
    with pytest.raises(DocumentError) as caught:
        read_paragraphs(path)
    message = str(caught.value)
    assert "scan" in message and "OCR" in message and str(path) in message


def test_a_broken_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not a pdf")
    with pytest.raises(DocumentError, match="PDF"):
        read_paragraphs(path)


@pytest.mark.parametrize(("name", "content", "says"), [
    ("v.txt", b"", "empty"),
    ("v.txt", b"  \n\n ", "empty"),
    ("v.doc", b"\xd0\xcf\x11\xe0", "save it as .docx"),
    ("v.rtf", b"{\\rtf1}", "save it as .docx"),
    ("v", b"text", "unsupported file type '(none)'"),
])
def test_empty_and_unsupported_files(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError, match=says.replace("(", r"\(").replace(")", r"\)")):
        read_paragraphs(path)


def test_missing_folder_fifo_and_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocumentError, match="cannot read the file"):
        read_paragraphs(tmp_path / "missing.txt")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="not a regular file \\(a folder\\)"):
        read_paragraphs(folder)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError, match="named pipe"):
        read_paragraphs(fifo)  # refused without opening it: reading would block
    big = tmp_path / "big.txt"
    big.write_text("ПРИГОВОР\n" * 20, encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_DECISION_BYTES", 100)
    with pytest.raises(DocumentError, match="larger than 100 bytes"):
        read_paragraphs(big)


def test_a_docx_that_unpacks_too_large_and_a_text_of_too_many_lines(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v.docx"
    _docx(path)
    monkeypatch.setattr(documents, "MAX_DOCX_UNPACKED", 1000)
    with pytest.raises(DocumentError, match="unpacks to more than 1000 bytes"):
        read_paragraphs(path)
    lines = tmp_path / "v.txt"
    lines.write_text("а\n" * 11, encoding="utf-8")
    monkeypatch.setattr(documents, "MAX_LINES", 10)
    with pytest.raises(DocumentError, match="more than 10 lines"):
        read_paragraphs(lines)


def test_document_errors_are_user_errors_with_file_expectation_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "v.odt"
    path.write_bytes(b"x")
    with pytest.raises(SentencecheckError) as caught:
        read_paragraphs(path)
    error = caught.value
    assert isinstance(error, DocumentError)
    assert (error.file, error.expected, error.fix) == (str(path), "a .txt, .docx, .pdf, .html or .htm file",
                                                       "save it as .docx")
    assert str(error) == f"{path}: unsupported file type '.odt' (expected a .txt, .docx, .pdf, .html or .htm file); " \
                         "save it as .docx"


def test_reading_is_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "v.docx"
    _docx(path)
    assert read_paragraphs(path) == read_paragraphs(path)
    assert read_paragraphs(DATA / "verdict-sample.pdf") == read_paragraphs(DATA / "verdict-sample.pdf")
