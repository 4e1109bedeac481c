"""A spreadsheet template with the default columns and one example row (the same bytes every time)."""

from __future__ import annotations

import csv
import io

from sentencecheck.batch.mapping import DEFAULT_COLUMNS
from sentencecheck.casefile.fields import owner_of
from sentencecheck.casefile.questions import Lang, load_questions
from sentencecheck.io.ooxml import FIXED_TIME, fixed_times

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


def _question(path: str, lang: Lang) -> str:
    """The plain-language question a column answers (the case-file guide's), or empty where it has none."""
    found = owner_of(path)
    question = load_questions().field(found[0].__name__, found[1]) if found else None
    return question.get(lang) if question else ""


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
    readme.append(["column", "case field", "kind", "meaning", "question", "вопрос"])
    for cell in readme[1]:
        cell.font = Font(bold=True)
    for col, field, kind, text in DEFAULT_COLUMNS:
        readme.append([col, field, kind, text, _question(field, "en"), _question(field, "ru")])
    readme.append([])
    readme.append(["One row per case (one defendant, one victim, one charge). An empty cell means unknown, "
                   "never false or zero. true/false cells also accept yes/no, 1/0, да/нет. Lists (ints, strs) "
                   "are separated by ;. Delete the example row before use. Only the 'cases' sheet is read."])
    wb.properties.created = FIXED_TIME
    raw = io.BytesIO()
    wb.save(raw)
    return fixed_times(raw.getvalue())


