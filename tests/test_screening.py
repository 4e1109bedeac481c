"""A case the rules could not check never passes as clean (issue 9, item 1)."""

from __future__ import annotations

from typing import Any

from click.testing import CliRunner

from sentencecheck.api import evaluate
from sentencecheck.cli import main
from sentencecheck.model.load import case_from_data
from sentencecheck.report.render import to_text


def _case(charges: list[dict[str, Any]], offence: str = "2020-03-01") -> dict[str, Any]:
    return {
        "id": "unscreened",
        "proceeding": {"instance": "first_instance", "offence_date": offence, "decision_date": "2020-09-01"
                       if offence >= "2015" else "2011-01-10"},
        "defendants": [{"id": "d1", "charges": charges, "outcome": {"kind": "convicted"},
                        "sentence": {"kind": "imprisonment", "term": {"years": 2}}}],
    }


def test_an_article_the_data_does_not_model_is_not_screened() -> None:
    report = evaluate(case_from_data(_case([{"article": "9999"}])), engine="python")
    assert report.screening == "not_screened"
    assert "NOT SCREENED" in to_text([report]) and "CC 9999" in to_text([report])


def test_an_offence_under_the_old_codes_is_not_screened() -> None:
    report = evaluate(case_from_data(_case([{"article": "99", "part": "1"}], offence="2010-05-01")), engine="python",
                      lang="ru")
    assert report.screening == "not_screened"
    assert "НЕ ПРОВЕРЕНО" in to_text([report])


def test_one_unmodelled_charge_beside_a_modelled_one_is_partly_screened() -> None:
    report = evaluate(case_from_data(_case([{"article": "99", "part": "1"}, {"article": "9999"}])),
                      engine="python")
    assert report.screening == "partly" and len(report.screening_reasons) == 1


def test_check_exits_3_when_nothing_was_found_but_a_case_was_not_screened(tmp_path: Any) -> None:
    import json

    path = tmp_path / "case.json"
    path.write_text(json.dumps(_case([{"article": "9999"}])), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--engine", "python"])
    assert result.exit_code == 3, result.output
    assert result.output.startswith("Case unscreened") and "NOT SCREENED" in result.output


def test_an_audit_counts_unscreened_cases_and_leaves_them_out_of_rates(tmp_path: Any) -> None:
    import csv
    import json

    rows = [_case([{"article": "9999"}]), _case([{"article": "99", "part": "1"}]) | {"id": "screened"}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["audit", str(source), "--out", str(out), "--jobs", "1", "--engine", "python",
                                       "--as-of", "2026-01-01"])
    assert result.exit_code == 0, result.output
    with (out / "cases.csv").open(encoding="utf-8") as f:
        status = {r["case_id"]: r["screening"] for r in csv.DictReader(f)}
    assert status == {"unscreened": "not_screened", "screened": "screened"}
    counts = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["counts"]
    assert (counts["not_screened"], counts["screened"]) == (1, 1)
    assert "1 case not screened" in (out / "summary.md").read_text(encoding="utf-8")
