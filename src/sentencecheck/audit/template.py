"""A spreadsheet template with the default columns and one example row (the same bytes every time)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime

from sentencecheck.audit.mapping import DEFAULT_COLUMNS

#: The time stamp written into the xlsx (document properties and zip entries) instead of the current time,
#: so that the template is byte-identical from run to run; 1980-01-01 is the earliest a zip entry can carry.
FIXED_TIME = datetime(1980, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

EXAMPLE: dict[str, str | int | float] = {
    "case_id": "example-0001",
    "court": "Example district court",
    "instance": "first_instance",
    "decision_date": "2023-05-17",
    "defendant_sex": "male",
    "defendant_age": 41,
    "law_enforcement": "false",
    "charge_code": "CC",
    "charge_article": "99",
    "charge_part": "1",
    "outcome": "convicted",
    "sentence_kind": "imprisonment",
    "sentence_years": 9,
    "victim_sex": "female",
    "victim_relationship": "spouse",
    "victim_deceased": "true",
    "harm_death": "true",
    "record": "decision",
    "prior_abuse": "true",
    "police_complaints": 2,
}


def template_content(fmt: str) -> str | bytes:
    """The template as ``csv`` text or an ``xlsx`` workbook (with a README sheet explaining each column)."""
    columns = [c for c, _, _, _ in DEFAULT_COLUMNS]
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        w = csv.writer(buffer, lineterminator="\n")
        w.writerow(columns)
        w.writerow([EXAMPLE.get(c, "") for c in columns])
        return buffer.getvalue()
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "cases"
    ws.append(columns)
    ws.append([EXAMPLE.get(c) for c in columns])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    readme = wb.create_sheet("README")
    readme.append(["column", "case field", "kind", "meaning"])
    for cell in readme[1]:
        cell.font = Font(bold=True)
    for col, field, kind, text in DEFAULT_COLUMNS:
        readme.append([col, field, kind, text])
    readme.append([])
    readme.append(["One row per case (one defendant, one victim, one charge). An empty cell means unknown, "
                   "never false or zero. true/false cells also accept yes/no, 1/0, да/нет. Lists (ints, strs) "
                   "are separated by ;. Delete the example row before use. Only the 'cases' sheet is read."])
    wb.properties.created = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    return _fixed_times(raw.getvalue())


def _fixed_times(xlsx: bytes) -> bytes:
    """The same workbook with :data:`FIXED_TIME` as its modification time and every zip entry's time."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()
