"""The audit on a cluster: ``screen_frame`` and ``DaskRunner`` against the local audit's outputs (a two-process
``distributed.LocalCluster`` bound to 127.0.0.1)."""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cloudpickle  # type: ignore[import-untyped]
import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from samples import generated_cases
from sentencecheck.batch import session
from sentencecheck.batch.cli import audit
from sentencecheck.batch.mapping import DEFAULT_MAPPING, Mapping
from sentencecheck.batch.outputs import Outputs
from sentencecheck.batch.readers import read_records
from sentencecheck.batch.summary import Tally
from sentencecheck.batch.worker import FINDING_COLUMNS, Item, Options
from sentencecheck.cluster import SCHEMA, empty_frame, screen_frame, screen_frame_with
from sentencecheck.cluster import runner as runner_module
from sentencecheck.cluster.runner import DaskRunner
from sentencecheck.cluster.screening import Result, fingerprint, screen_chunk
from sentencecheck.errors import EngineError

ROOT = Path(__file__).resolve().parents[1]

AS_OF = "2026-01-15"
STREAMED = ("findings.jsonl", "findings.csv", "cases.csv", "rejected.jsonl")
BAD_AGE = "gen-bad-age"
CRASH_ID = "gen-7-0000005"
RAISE_ID = "gen-7-0000011"

cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the injected failing task runs on the workers


def _bool(value: Any) -> str:
    return "" if value is None else str(bool(value)).lower()


def _row(case: dict[str, Any]) -> dict[str, Any]:
    """A generated case as a row of the default mapping (one defendant, victim, charge and harm)."""
    d, v, h = case["defendants"][0], case["victims"][0], case["harm"][0]
    charge, sentence = d["charges"][0], d.get("sentence") or {}
    term = sentence.get("term", {})
    abuse = case["history"]["abuse"]
    sd = case.get("self_defence") or {}
    return {
        "case_id": case["id"], "court": case["proceeding"]["court"], "instance": case["proceeding"]["instance"],
        "decision_date": case["proceeding"]["decision_date"], "defendant_name": d["name"],
        "defendant_sex": d["sex"], "defendant_age": d["age"], "law_enforcement": _bool(d["law_enforcement_officer"]),
        "prior_convictions": _bool(d["prior_convictions"]), "charge_code": charge["code"],
        "charge_article": charge["article"], "charge_part": charge["part"] or "", "outcome": d["outcome"]["kind"],
        "sentence_kind": sentence.get("kind", ""), "sentence_years": term.get("years", ""),
        "sentence_months": term.get("months", ""), "sentence_mci": term.get("mci", ""),
        "mitigating_recognised": ";".join(map(str, d["mitigating_recognised"] or [])),
        "victim_name": v["name"], "victim_sex": v["sex"], "victim_age": v["age"],
        "victim_relationship": v["relationship"]["d1"], "victim_deceased": _bool(v["deceased"]),
        "harm_death": _bool(h["death"]), "harm_severity": h["severity"] or "", "harm_weapon": h["weapon"] or "",
        "prior_abuse": "" if abuse is None else _bool(bool(abuse) and abuse[0].get("occurred", True)),
        "police_complaints": len(case["history"]["police_complaints"]),
        "self_defence_attack_in_progress": _bool(sd.get("attack_in_progress")),
        "self_defence_means": sd.get("defender_means", ""),
    }


def _write_csv(path: Path, rows: list[dict[str, Any]], extra: str = "") -> None:
    columns = list(rows[0])
    text = io.StringIO()
    writer = csv.DictWriter(text, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(text.getvalue() + extra, encoding="utf-8")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A generated CSV of 300 rows (one with a bad age, one blank, one with a formula-like title) and a small CSV
    with a row whose quoting is broken."""
    folder = tmp_path_factory.mktemp("inputs")
    rows = [_row(c) for c in generated_cases(300, seed=7)]
    rows[40] = {**rows[40], "case_id": BAD_AGE, "defendant_age": "abc"}
    rows[41] = {k: "" for k in rows[41]}
    rows[42] = {**rows[42], "court": "=HYPERLINK(\"x\")"}
    main, broken = folder / "generated.csv", folder / "broken.csv"
    _write_csv(main, rows)
    _write_csv(broken, rows[:3], extra='gen-x,"District court 1,first_instance\n' + ",".join(
        str(v) for v in {**rows[3], "case_id": "after-broken"}.values()) + "\n")
    return main, broken


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """Two worker processes, one thread each; a worker that dies fails its task at once (no retry elsewhere)."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, host="127.0.0.1",
            silence_logs=logging.ERROR) as local:
        yield str(local.scheduler_address)


def _audit(tmp: Path, name: str, inputs: list[Path], monkeypatch: pytest.MonkeyPatch, address: str | None) -> Path:
    """An audit of ``inputs`` into ``tmp/name`` by the CLI, on the cluster at ``address`` or locally."""
    out = tmp / name
    with monkeypatch.context() as patch:
        if address is not None:
            def dask_runner(options: Options, jobs: int, chunk_size: int, hang_seconds: float) -> DaskRunner:
                return DaskRunner(options, address, chunk_size, hang_seconds)
            patch.setattr(session, "Runner", dask_runner)
        result = CliRunner().invoke(audit, [*map(str, inputs), "--out", str(out), "--engine", "python", "--as-of",
                                            AS_OF, "--jobs", "1", "--chunk-size", "40"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_generated(inputs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _audit(tmp_path_factory.mktemp("local"), "out", list(inputs), monkeypatch, None)


def test_dask_audit_of_the_bundled_cases_equals_the_local_audit(cluster: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    local = _files(_audit(tmp_path, "local", [ROOT / "cases"], monkeypatch, None))
    on_dask = _files(_audit(tmp_path, "dask", [ROOT / "cases"], monkeypatch, cluster))
    assert local["findings.jsonl"].count(b"\n") > 20
    assert sorted(on_dask) == sorted(local)
    assert {name: on_dask[name] for name in STREAMED} == {name: local[name] for name in STREAMED}
    assert on_dask == local  # summary, plots and manifest too


def test_dask_audit_of_a_generated_csv_equals_the_local_audit(cluster: str, local_generated: Path,
                                                              inputs: tuple[Path, Path], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    on_dask = _files(_audit(tmp_path, "dask", list(inputs), monkeypatch, cluster))
    local = _files(local_generated)
    counts = json.loads(local["manifest.json"])["counts"]
    assert (counts["read"], counts["audited"], counts["rejected"]) == (304, 302, 2)  # 299 + 5: no blank row
    reasons = [json.loads(line)["reason"] for line in local["rejected.jsonl"].splitlines()]
    assert reasons == ["invalid case", "unreadable record"]
    assert {name: on_dask[name] for name in STREAMED} == {name: local[name] for name in STREAMED}
    assert on_dask == local


def _frame(path: Path) -> pd.DataFrame:
    """A CSV read as Dask or pandas reads it for ``screen_frame`` (text cells), with the local audit's sources."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["source_file"] = str(path)
    frame["source_unit"] = "row"
    frame["source_number"] = range(2, len(frame) + 2)
    return frame


def _csv_text(frame: pd.DataFrame) -> str:
    """Finding rows as findings.csv writes them."""
    text = io.StringIO()
    writer = csv.DictWriter(text, FINDING_COLUMNS, lineterminator="\n")
    for row in frame[frame["status"] == "finding"][FINDING_COLUMNS].to_dict("records"):
        writer.writerow({str(k): "" if v is None or v is pd.NA else v for k, v in row.items()})
    return text.getvalue()


def test_screen_frame_rows_are_the_local_audits_findings(local_generated: Path, inputs: tuple[Path, Path]) -> None:
    main = inputs[0]
    frame = _frame(main)
    out = screen_frame(frame, as_of=AS_OF)
    with (local_generated / "findings.csv").open(encoding="utf-8", newline="") as f:
        local = [row for row in csv.DictReader(f) if row["source_file"] == str(main)]
    text = io.StringIO()
    writer = csv.DictWriter(text, FINDING_COLUMNS, lineterminator="\n")
    writer.writerows(local)
    assert len(local) > 50
    assert _csv_text(out) == text.getvalue()
    assert sorted(set(out["input_row"])) == list(range(len(frame)))  # every input row accounted for
    by_status = out.drop_duplicates("input_row")["status"].value_counts().to_dict()
    cases = [row for row in csv.DictReader(io.StringIO((local_generated / "cases.csv").read_text(encoding="utf-8")))
             if row["source_file"] == str(main)]
    flagged = sum(int(c["findings"]) > 0 for c in cases)
    assert by_status == {"finding": flagged, "no_findings": len(cases) - flagged, "rejected": 1, "blank": 1}
    rejected = out[out["status"] == "rejected"].iloc[0]
    local_rejected = json.loads((local_generated / "rejected.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert (rejected["case_id"], rejected["source_number"], rejected["reason"]) == (BAD_AGE, 42, "invalid case")
    assert json.loads(rejected["problems"]) == local_rejected["problems"]
    assert local_rejected["problems"][0]["column"] == "defendant_age"


def _small_frame() -> pd.DataFrame:
    frame = pd.read_csv(ROOT / "tests" / "data" / "dv-template-30.csv", dtype=str, keep_default_na=False).head(6)
    frame.loc[1, "defendant_age"] = "abc"
    frame.loc[2] = ""
    case = {str(k): v for k, v in frame.loc[0].to_dict().items()}
    frame["case_json"] = ""
    frame.loc[6] = {**{c: "" for c in frame.columns}, "case_json": json.dumps(_case_of(case))}
    frame.loc[7] = {**{c: "" for c in frame.columns}, "case_json": "{not json"}
    return frame


def _case_of(row: dict[str, Any]) -> dict[str, Any]:
    from sentencecheck.batch.mapping import row_to_data

    data, _origin = row_to_data({k: v for k, v in row.items() if k != "case_json"}, Mapping(dict(DEFAULT_MAPPING)))
    return {**data, "id": "from-json"}


def test_screen_frame_schema_statuses_and_purity() -> None:
    frame = _small_frame()
    screen = screen_frame_with(as_of=AS_OF)
    out = screen(frame)
    assert pa.Schema.from_pandas(out, preserve_index=False).equals(SCHEMA)
    assert pa.Schema.from_pandas(screen(frame.head(0)), preserve_index=False).equals(SCHEMA)
    assert pa.Schema.from_pandas(empty_frame(), preserve_index=False).equals(SCHEMA)
    first = out.drop_duplicates("input_row").set_index("input_row")
    assert list(first.index) == list(range(len(frame)))
    assert first.loc[1, "status"] == "rejected" and first.loc[1, "reason"] == "invalid case"
    assert first.loc[2, "status"] == "blank"
    assert first.loc[7, "status"] == "rejected" and first.loc[7, "reason"] == "unreadable record"
    assert "invalid JSON" in json.loads(str(first.loc[7, "problems"]))[0]["message"]
    assert first.loc[6, "case_id"] == "from-json"
    rows_of = out.groupby("input_row")
    same = [c for c in FINDING_COLUMNS if c != "case_id"]
    pd.testing.assert_frame_equal(rows_of.get_group(6)[same].reset_index(drop=True),
                                  rows_of.get_group(0)[same].reset_index(drop=True))
    assert out[out["status"] == "finding"]["rule"].notna().all()
    assert out[out["status"] != "finding"]["rule"].isna().all()
    pd.testing.assert_frame_equal(screen(frame), out)  # the same frame twice: the same rows
    assert screen_frame(frame, as_of=AS_OF).equals(out)


def test_screen_frame_refuses_a_frame_without_mapped_columns() -> None:
    out = screen_frame(pd.DataFrame({"Номер": ["1", "2"]}), as_of=AS_OF)
    assert list(out["status"]) == ["rejected", "rejected"]
    assert "no column of the mapping" in json.loads(out["problems"].iloc[0])[0]["message"]


def test_map_partitions_recipe_on_the_cluster(cluster: str, inputs: tuple[Path, Path]) -> None:
    frame = _frame(inputs[0]).head(90)
    direct = screen_frame(frame, as_of=AS_OF)
    with Client(cluster, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        parts = dd.from_pandas(frame, npartitions=3, sort=False)  # type: ignore[no-untyped-call]
        result = client.compute(parts.map_partitions(screen_frame_with(as_of=AS_OF), meta=empty_frame())).result()
    columns = [c for c in SCHEMA.names if c != "input_row"]  # input_row counts within a partition
    pd.testing.assert_frame_equal(result[columns].reset_index(drop=True), direct[columns].reset_index(drop=True))


def _failing(options: Options, items: list[Item]) -> list[Result]:
    """The local screening, except that one case kills its worker process and another raises."""
    ids = [item[0].get("id") if isinstance(item[0], dict) else None for item in items]
    if CRASH_ID in ids:
        os._exit(1)
    if RAISE_ID in ids:
        raise RuntimeError("injected failure")
    return screen_chunk(options, items)


def test_a_case_that_fails_on_the_cluster_is_rejected_never_lost(cluster: str, local_generated: Path,
                                                                  inputs: tuple[Path, Path], tmp_path: Path) -> None:
    options = Options(engine="python", as_of=AS_OF)
    records = list(read_records([inputs[0]], Mapping(dict(DEFAULT_MAPPING))))[:24]
    tally = Tally()
    outputs = Outputs(tmp_path, tally)
    with DaskRunner(options, cluster, chunk_size=6, task=_failing) as runner:
        for record, result in runner.run(records):
            outputs.write(record, result)
    outputs.close()
    assert runner.crashes >= 2 and runner.hangs == 0  # a chunk queued on the dying worker may be isolated too
    assert (tally.read, tally.n_rejected) == (24, 2)
    rejected = [json.loads(line) for line in (tmp_path / "rejected.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["case_id"], r["number"], r["reason"]) for r in rejected] == [
        (CRASH_ID, 7, "engine crash"), (RAISE_ID, 13, "engine error: RuntimeError: injected failure")]
    failed = {CRASH_ID, RAISE_ID}
    local = [line for line in (local_generated / "findings.jsonl").read_text(encoding="utf-8").splitlines()
             if json.loads(line)["source_file"] == str(inputs[0])
             and json.loads(line)["source_number"] <= (records[-1].number or 0)
             and json.loads(line)["case_id"] not in failed]
    assert (tmp_path / "findings.jsonl").read_text(encoding="utf-8").splitlines() == local


def test_a_cluster_that_screens_with_other_rules_is_refused(cluster: str, monkeypatch: pytest.MonkeyPatch) -> None:
    options = Options(engine="python", as_of=AS_OF)
    with DaskRunner(options, cluster) as runner:
        assert runner.in_flight == 4  # two chunks per worker thread
    parent = os.getpid()

    def other_here(options: Options) -> tuple[str, str]:  # the workers answer with the real fingerprint
        return ("0.0.0", "another rule set") if os.getpid() == parent else fingerprint(options)

    monkeypatch.setattr(runner_module, "fingerprint", other_here)
    with pytest.raises(EngineError, match="runs sentencecheck .* with rule set .*its results would differ"):
        DaskRunner(options, cluster).__enter__()
