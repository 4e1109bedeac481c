"""The spreadsheet template asks each column's question in English and Russian, as the case-file guide does."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from sentencecheck.batch.mapping import DEFAULT_COLUMNS
from sentencecheck.batch.template import template_content
from sentencecheck.casefile.fields import owner_of
from sentencecheck.model.case import Charge, Victim


def test_every_column_of_the_template_carries_its_question_in_both_languages() -> None:
    data = template_content("xlsx")
    assert isinstance(data, bytes)
    readme = load_workbook(io.BytesIO(data))["README"]
    rows = list(readme.iter_rows(min_row=2, max_row=len(DEFAULT_COLUMNS) + 1, values_only=True))
    assert [r[0] for r in rows] == [c for c, _, _, _ in DEFAULT_COLUMNS]
    for row in rows:
        assert row[4] and row[5], row
    assert sum("?" in str(r[5]) for r in rows) > len(rows) // 2


def test_a_field_path_leads_to_its_model_class() -> None:
    assert owner_of("defendants[0].charges[0].article") == (Charge, "article")
    assert owner_of("victims[0].relationship.d1") == (Victim, "relationship")
    assert owner_of("victims[0].no_such_field") is None
