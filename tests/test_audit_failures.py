"""Issue 9, item 4: an audit that fails says so, and leaves nothing that looks complete.

Each test reproduces a failure as measured on the landed code: SIGTERM left exit 143 with no message and two
orphaned workers; a used --out mixed old summaries with new rows; two audits into one folder both exited 0; a
read-only folder gave a 27-line traceback; a full disk cut files mid-line; --out inside an input folder read its own
manifest.json as a case; there was no way to resume.
"""

from __future__ import annotations

import errno
import json
import os
import random
import re
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from sentencecheck.batch.cli import audit
from sentencecheck.batch.outputs import Outputs

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
OUTPUT_FILES = ["findings.jsonl", "findings.csv", "cases.csv", "rejected.jsonl", "summary.md", "summary.html",
                "manifest.json", "plots/flag-rate-by-rule.png", "plots/flag-rate-by-rule.svg",
                "plots/flag-rate-by-direction.png", "plots/flag-rate-by-direction.svg"]
OPTIONS = ["--engine", "python", "--as-of", "2024-01-01", "--min-group", "2"]
MAIN = ("import faulthandler, signal; faulthandler.register(signal.SIGUSR1, all_threads=True); "
        "from sentencecheck.cli import main; main()")
"""The command, with a stack dump of every thread on SIGUSR1 (for a run that does not stop)."""


def _write_cases(path: Path, n: int, bad_every: int = 0) -> None:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    lines = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append("{not json")
            continue
        case = json.loads(json.dumps(base))
        case["id"] = f"case-{i:04d}"
        case["proceeding"]["court"] = f"court-{i % 4}"
        lines.append(json.dumps(case))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _stopped(proc: subprocess.Popen[str], signum: int, when: str) -> str:
    """Send ``signum`` and return the standard error once the run exits; a run still going 60 s later fails with
    every thread's stack (the commands run here dump them on SIGUSR1) and the children it left."""
    proc.send_signal(signum)
    try:
        return proc.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGUSR1)
        time.sleep(2)
        proc.kill()
        _, err = proc.communicate()
        raise AssertionError(f"no exit 60 s after signal {signum} {when}: children {_children(proc.pid)}; "
                             f"stacks:\n{err[-6000:]}") from None


def _audit(rules: Path, *args: str) -> Result:
    return CliRunner().invoke(audit, [*args, "--rules", str(rules)], catch_exceptions=False)


def _manifests(root: Path) -> list[dict[str, Any]]:
    """Every manifest.json under ``root``, hidden staging folders included."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("manifest.json"))]


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert sorted(p.relative_to(a) for p in a.rglob("*")) == sorted(p.relative_to(b) for p in b.rglob("*"))


def _one_line(result: Result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


# ---- SIGTERM / SIGINT in a real process: no complete-looking output, no orphans, resumable


def _children(pid: int) -> set[int]:
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _wait_for(predicate: Any, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _records_done(staging: Path) -> int:
    try:
        return int(json.loads((staging / "manifest.json").read_text(encoding="utf-8"))["progress"]["records_done"])
    except (OSError, ValueError, KeyError):
        return -1


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_signals_at_random_points_never_leave_a_complete_manifest_nor_workers(
        tmp_path: Path, fixture_rules_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    n, chunk = 300, 10
    _write_cases(tmp_path / "in.jsonl", n, bad_every=97)
    rnd = random.Random(20240901)
    # when: "setup" = output folder made, workers starting; "chunk" = a chunk saved; "end" = all records written
    points = [(signal.SIGTERM, "setup", rnd.uniform(0.0, 1.0)), (signal.SIGTERM, "chunk", rnd.uniform(0.0, 1.5)),
              (signal.SIGINT, "chunk", rnd.uniform(0.0, 1.5)), (signal.SIGTERM, "end", rnd.uniform(0.0, 0.5))]
    kept: list[Path] = []
    for k, (signum, when, delay) in enumerate(points):
        out = tmp_path / f"out{k}"
        staging = tmp_path / f".out{k}.partial"
        proc = subprocess.Popen(
            [sys.executable, "-c", MAIN, "audit", "in.jsonl", "--out", out.name, *OPTIONS, "--jobs", "2",
             "--chunk-size", str(chunk), "--rules", str(fixture_rules_dir)],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            least = {"setup": 0, "chunk": chunk, "end": n}[when]
            assert _wait_for(lambda s=staging, m=least: _records_done(s) >= m, 120) or when == "end", when
            time.sleep(delay)
            workers = _children(proc.pid)
            err = _stopped(proc, signum, f"at {when}+{delay:.2f}")
        finally:
            proc.kill()
        if proc.returncode == 0:  # it finished first: the outputs are complete and say so
            assert when == "end" and json.loads((out / "manifest.json").read_text())["complete"] is True
            continue
        assert proc.returncode in (128 + signum, -signum), (when, proc.returncode, err)
        assert not any(m["complete"] for m in _manifests(tmp_path)), (when, err)
        assert not out.exists()
        assert _wait_for(lambda w=workers: not any(_alive(p) for p in w), 10), "orphaned workers"
        if proc.returncode == 128 + signum:
            (line,) = err.strip().splitlines()
            assert line.startswith(f"interrupted by {signal.Signals(signum).name} after "), line
            if staging.exists():
                assert f"--resume {out}" in line
                kept.append(out)
    assert kept, "no interrupted run kept a chunk"
    monkeypatch.chdir(tmp_path)
    ref = tmp_path / "reference"
    assert _audit(fixture_rules_dir, "in.jsonl", "--out", ref.name, *OPTIONS, "--jobs", "1",
                  "--chunk-size", str(chunk)).exit_code == 0
    for out in kept:
        result = CliRunner().invoke(audit, ["--resume", str(out), "--jobs", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        _same_outputs(ref, out)
        assert not (tmp_path / f".{out.name}.partial").exists()


HOOKED_MAIN = """
import faulthandler, signal, sys
faulthandler.register(signal.SIGUSR1, all_threads=True)
sys.path.insert(0, {tests!r})
from datetime import date
from sentencecheck.batch.interrupt import Interrupted
from sentencecheck.batch.library import audit
try:
    audit(["in.jsonl"], "out", engine="python", jobs=1, chunk_size=5, rules={rules!r}, as_of=date(2024, 1, 1),
          before_case="test_audit_failures:half_written_result_then_hang")
except Interrupted as stop:
    print(stop.message, file=sys.stderr)
    sys.exit(stop.exit_code)
"""
"""An audit whose worker leaves a result half-written (the audit command with a worker hook), stacks on SIGUSR1."""


def half_written_result_then_hang(case: Any) -> None:
    """Worker hook: on ``case-0003``, leave in the pool's result pipe what a worker killed while sending a chunk's
    result leaves there (its length, a part of its bytes), say so in the file ``half-written``, and hang."""
    if case.id != "case-0003":
        return
    frame = sys._getframe()
    while frame.f_code.co_name != "_process_worker":  # concurrent.futures.process: the worker's loop
        assert frame.f_back is not None, "no _process_worker frame: not a ProcessPoolExecutor worker?"
        frame = frame.f_back
    writer = frame.f_locals["result_queue"]._writer
    os.write(writer.fileno(), struct.pack("!i", 1 << 20) + bytes(1000))
    Path("half-written").touch()
    time.sleep(3600)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_a_stop_while_a_worker_is_half_way_through_sending_a_result_still_exits(
        tmp_path: Path, fixture_rules_dir: Path) -> None:
    # measured before the fix: the pool's thread read the rest of the result for ever, and the exit joined it
    _write_cases(tmp_path / "in.jsonl", 12)
    code = HOOKED_MAIN.format(tests=str(ROOT / "tests"), rules=str(fixture_rules_dir))
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: (tmp_path / "half-written").exists() or proc.poll() is not None, 120)
        assert proc.poll() is None, proc.communicate()[1]
        workers = _children(proc.pid)
        err = _stopped(proc, signal.SIGTERM, "half-way through a result")
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err
    (line,) = err.strip().splitlines()
    assert line.startswith("interrupted by SIGTERM after 0 of 12 records: no chunk was complete"), line
    assert _wait_for(lambda: not any(_alive(p) for p in workers), 10), "orphaned workers"


# ---- full disk, resume


def test_full_disk_is_one_line_exit_2_and_resume_gives_the_same_bytes(
        tmp_path: Path, fixture_rules_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_cases(tmp_path / "in.jsonl", 23, bad_every=7)
    monkeypatch.chdir(tmp_path)
    args = ["in.jsonl", *OPTIONS, "--chunk-size", "4"]
    assert _audit(fixture_rules_dir, *args, "--out", "ref", "--jobs", "2").exit_code == 0

    write = Outputs.write
    calls = {"n": 0}

    def full_disk(self: Outputs, *a: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 11:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(self, *a)

    monkeypatch.setattr(Outputs, "write", full_disk)
    result = _audit(fixture_rules_dir, *args, "--out", "out", "--jobs", "1")
    assert result.exit_code == 2
    line = _one_line(result)
    assert "No space left on device" in line and "first 8 records (2 complete chunks of 4)" in line, line
    assert "--resume" in line
    assert not (tmp_path / "out").exists()
    (partial,) = _manifests(tmp_path / ".out.partial")
    assert partial["complete"] is False and partial["progress"]["records_done"] == 8
    monkeypatch.setattr(Outputs, "write", write)

    result = CliRunner().invoke(audit, ["--resume", "out", "--engine", "durable"])
    assert result.exit_code == 2 and "only --jobs" in result.output

    result = CliRunner().invoke(audit, ["--resume", "out", "--jobs", "2"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    _same_outputs(tmp_path / "ref", tmp_path / "out")
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["complete"] is True
    assert not (tmp_path / ".out.partial").exists()

    result = CliRunner().invoke(audit, ["--resume", "out"])
    assert result.exit_code == 2 and "nothing to resume" in _one_line(result)


def test_resume_refuses_changed_inputs(tmp_path: Path, fixture_rules_dir: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _write_cases(tmp_path / "in.jsonl", 9)
    monkeypatch.chdir(tmp_path)
    write = Outputs.write

    def full_disk(self: Outputs, *a: Any) -> None:
        if self.tally.read == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        write(self, *a)

    monkeypatch.setattr(Outputs, "write", full_disk)
    assert _audit(fixture_rules_dir, "in.jsonl", "--out", "out", *OPTIONS, "--jobs", "1",
                  "--chunk-size", "2").exit_code == 2
    monkeypatch.setattr(Outputs, "write", write)
    with (tmp_path / "in.jsonl").open("a", encoding="utf-8") as f:
        f.write("{}\n")
    result = CliRunner().invoke(audit, ["--resume", "out"])
    assert result.exit_code == 2
    assert "inputs changed" in _one_line(result)
    assert json.loads((tmp_path / ".out.partial" / "manifest.json").read_text())["progress"]["records_done"] == 4


# ---- a used folder, a second audit, a read-only folder, outputs inside an input folder


def test_a_used_out_is_refused_unless_overwrite(tmp_path: Path, fixture_rules_dir: Path) -> None:
    _write_cases(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out"
    args = [str(tmp_path / "in.jsonl"), "--out", str(out), *OPTIONS, "--jobs", "1"]
    assert _audit(fixture_rules_dir, *args).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    _write_cases(tmp_path / "in.jsonl", 5)
    result = _audit(fixture_rules_dir, *args)
    assert result.exit_code == 2 and "is not empty" in _one_line(result)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before

    assert _audit(fixture_rules_dir, *args, "--overwrite").exit_code == 0
    assert json.loads((out / "manifest.json").read_text())["counts"]["read"] == 5
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

    other = tmp_path / "notes"
    other.mkdir()
    (other / "brief.docx").write_text("a lawyer's notes", encoding="utf-8")
    result = _audit(fixture_rules_dir, str(tmp_path / "in.jsonl"), "--out", str(other), *OPTIONS, "--overwrite")
    assert result.exit_code == 2 and "not an audit's outputs" in _one_line(result)
    assert [p.name for p in other.iterdir()] == ["brief.docx"]


def test_a_second_audit_into_the_same_folder_stops_at_once(tmp_path: Path, fixture_rules_dir: Path) -> None:
    _write_cases(tmp_path / "in.jsonl", 200)
    out = tmp_path / "out"
    first = subprocess.Popen(
        [sys.executable, "-c", MAIN, "audit", "in.jsonl", "--out", "out", *OPTIONS, "--jobs", "1",
         "--chunk-size", "10", "--rules", str(fixture_rules_dir)],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: _records_done(tmp_path / ".out.partial") >= 0, 120)
        started = time.monotonic()
        second = _audit(fixture_rules_dir, str(tmp_path / "in.jsonl"), "--out", str(out), *OPTIONS, "--jobs", "1")
        assert time.monotonic() - started < 5
        assert second.exit_code == 2 and "another audit is writing" in _one_line(second)
        _, err = first.communicate(timeout=180)
    finally:
        first.kill()
    assert first.returncode == 0, err
    manifest = json.loads((out / "manifest.json").read_text())
    rows = (out / "cases.csv").read_text(encoding="utf-8").splitlines()
    assert manifest["complete"] is True and manifest["counts"]["audited"] == len(rows) - 1 == 200


def test_a_read_only_output_folder_is_one_line_exit_2(tmp_path: Path, fixture_rules_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    _write_cases(tmp_path / "in.jsonl", 2)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: make the folder refuse as a read-only one does
        mkdir = os.mkdir

        def read_only(path: Any, *a: Any, **k: Any) -> None:
            if Path(path).parent == locked:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            mkdir(path, *a, **k)

        monkeypatch.setattr(os, "mkdir", read_only)
    try:
        result = _audit(fixture_rules_dir, str(tmp_path / "in.jsonl"), "--out", str(locked / "out"), *OPTIONS)
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert "Permission denied" in _one_line(result)
    assert list(locked.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_an_existing_read_only_out_is_refused(tmp_path: Path, fixture_rules_dir: Path) -> None:
    _write_cases(tmp_path / "in.jsonl", 2)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = _audit(fixture_rules_dir, str(tmp_path / "in.jsonl"), "--out", str(out), *OPTIONS)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2 and "read-only" in _one_line(result)


def test_the_outputs_folder_is_never_read_as_input(tmp_path: Path, fixture_rules_dir: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for i in range(3):
        (cases / f"c{i}.yaml").write_text(yaml.safe_dump({**base, "id": f"c{i}"}, allow_unicode=True),
                                          encoding="utf-8")
    out = cases / "audit"
    args = [str(cases), "--out", str(out), *OPTIONS, "--jobs", "1"]
    first = _audit(fixture_rules_dir, *args)
    assert first.exit_code == 0 and "skipped" not in first.output
    second = _audit(fixture_rules_dir, *args, "--overwrite")
    assert second.exit_code == 0, second.output
    assert re.search(r"skipped \d+ files inside the output folder", second.output), second.output
    counts = json.loads((out / "manifest.json").read_text())["counts"]
    assert (counts["read"], counts["audited"], counts["rejected"]) == (3, 3, 0)
