"""Stress ``sentencecheck audit`` with SIGTERM/SIGINT at random points, looking for a run that does not stop.

    python bench/stress_signals.py --runs 40                       # 40 runs, one at a time, idle machine
    python bench/stress_signals.py --runs 200 --parallel 3 --load 2 # 3 at a time beside 2 busy loops (CI-like)
    python bench/stress_signals.py --runs 60 --modes renew,hang     # signals while pools are renewed
    timeout 3600 python bench/stress_signals.py --runs 500 --parallel 4 --load 2 --log /tmp/stress

Each run audits 300 generated cases (``--jobs 2 --chunk-size 10``, engine python, the tests' fixture rules) in a
child process with a stack dump on SIGUSR1, as tests/test_audit_failures.py does, and sends it a signal at a point
picked by its mode:

* ``setup``: 0-1 s after the staging folder exists (workers starting); ``early``: 0-3 s after the start (imports,
  the pool's first submit); ``chunk``: 0-1.5 s after the first chunk is saved; ``tight``: 0-20 ms after a random
  chunk is saved (a chunk being collected and the next submitted); ``end``: 0-0.5 s after the last record (the
  pool shutting down, the summary written);
* ``renew``: workers abort on every 37th case (the pool breaks, is renewed, chunks isolated case by case) and the
  signal comes 0-6 s after the first chunk; ``hang``: a worker hangs on every 60th case (``hang_seconds`` 1: the
  pool is killed and renewed) and the signal comes 0-6 s after the first chunk.

A run passes when it exits 128+signum (or -signum) within ``--wait`` seconds with one ``interrupted by`` line on
standard error (or exits 0 with a complete manifest, having finished first) and leaves no child process alive. A run
that does not exit in time gets SIGUSR1 and its stacks, its children's states and its stderr go to ``--log``.
Prints one line per failing run, then counts per mode; exit status 1 if any run failed.

Other people's edits in a shared checkout can break a run half-way (an import error is not a hang): to measure one
version, run the stress over a frozen copy of it, e.g.
``git archive HEAD src | tar -x -C /tmp/snap && PYTHONPATH=/tmp/snap/src python bench/stress_signals.py ...``
(the runs inherit ``PYTHONPATH``; the statute data is read from the checkout's ``rules/law``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
N_CASES, CHUNK = 300, 10
MODES = ("setup", "early", "chunk", "tight", "end", "renew", "hang")
CLI_MAIN = ("import faulthandler, signal; faulthandler.register(signal.SIGUSR1, all_threads=True); "
            "from sentencecheck.cli import main; main()")
HOOKED_MAIN = """
import faulthandler, signal, sys
faulthandler.register(signal.SIGUSR1, all_threads=True)
sys.path.insert(0, {bench!r})
from datetime import date
from sentencecheck.batch.interrupt import Interrupted
from sentencecheck.batch.library import audit
try:
    audit(["in.jsonl"], {out!r}, engine="python", jobs=2, chunk_size={chunk}, rules={rules!r}, min_group=2,
          as_of=date(2024, 1, 1), hang_seconds=1.0, before_case={hook!r})
except Interrupted as stop:
    print(stop.message or "interrupted by " + stop.name + " before the audit started", file=sys.stderr)
    sys.exit(stop.exit_code)
"""


def abort_every_37th(case: object) -> None:
    """Worker hook (``renew`` mode): die as durable-rules' C core can."""
    if int(str(getattr(case, "id", "case-0")).rsplit("-", 1)[1]) % 37 == 5:
        os.abort()


def hang_every_60th(case: object) -> None:
    """Worker hook (``hang`` mode): hang as a stuck C call would."""
    if int(str(getattr(case, "id", "case-0")).rsplit("-", 1)[1]) % 60 == 7:
        time.sleep(3600)


@dataclass
class Outcome:
    mode: str
    verdict: str  # ok, finished, hang, exit, message, orphans
    detail: str = ""


def write_cases(path: Path, n: int, bad_every: int) -> None:
    """``n`` copies of a bundled case as JSON Lines, every ``bad_every``-th line broken (as the tests write them)."""
    import yaml

    base = yaml.safe_load((ROOT / "cases" / "self-defence-abused-wife-8-years.yaml").read_text(encoding="utf-8"))
    lines = []
    for i in range(n):
        if i % bad_every == bad_every - 1:
            lines.append("{not json")
            continue
        case = json.loads(json.dumps(base))
        case["id"] = f"case-{i:04d}"
        case["proceeding"]["court"] = f"court-{i % 4}"
        lines.append(json.dumps(case))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def prepare(work: Path) -> Path:
    """The input (300 cases, every 97th line broken) and the tests' fixture rules, in ``work``."""
    write_cases(work / "in.jsonl", N_CASES, bad_every=97)
    rules, fixtures = work / "rules", ROOT / "tests" / "fixtures"
    shutil.copytree(ROOT / "rules" / "law", rules / "law")
    shutil.copytree(fixtures / "law", rules / "law", dirs_exist_ok=True)
    for path in sorted((fixtures / "rules").glob("*.yaml")):
        shutil.copy(path, rules / path.name)
    return rules


def children(pid: int) -> dict[int, str]:
    """Child pid → state letter, from /proc (zombies included)."""
    out = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out[int(stat.parent.name)] = fields[0]
    return out


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def records_done(staging: Path) -> int:
    try:
        return int(json.loads((staging / "manifest.json").read_text(encoding="utf-8"))["progress"]["records_done"])
    except (OSError, ValueError, KeyError, TypeError):
        return -1


def wait_for(predicate: Callable[[], bool], timeout: float, proc: subprocess.Popen[str]) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def command(mode: str, rules: Path, out: str) -> list[str]:
    options = ["--engine", "python", "--as-of", "2024-01-01", "--min-group", "2", "--jobs", "2",
               "--chunk-size", str(CHUNK), "--rules", str(rules)]
    if mode in ("renew", "hang"):
        hook = "stress_signals:" + ("abort_every_37th" if mode == "renew" else "hang_every_60th")
        code = HOOKED_MAIN.format(bench=str(ROOT / "bench"), out=out, chunk=CHUNK, rules=str(rules), hook=hook)
        return [sys.executable, "-c", code]
    return [sys.executable, "-c", CLI_MAIN, "audit", "in.jsonl", "--out", out, *options]


def trigger(mode: str, rnd: random.Random, staging: Path, proc: subprocess.Popen[str]) -> None:
    """Wait for the mode's point in the run, then its random delay."""
    least = {"setup": 0, "chunk": CHUNK, "end": N_CASES, "renew": CHUNK, "hang": CHUNK,
             "tight": CHUNK * rnd.randint(1, N_CASES // CHUNK - 1), "early": None}[mode]
    if least is not None:
        wait_for(lambda: records_done(staging) >= least, 120, proc)
    delay = {"setup": 1.0, "early": 3.0, "chunk": 1.5, "tight": 0.02, "end": 0.5, "renew": 6.0, "hang": 6.0}[mode]
    time.sleep(rnd.uniform(0.0, delay))


def one_run(k: int, mode: str, rnd: random.Random, work: Path, rules: Path, wait: float, log: Path) -> Outcome:
    """One audit, one signal; the verdict."""
    signum = rnd.choice((signal.SIGTERM, signal.SIGINT))
    out, staging = f"out{k}", work / f".out{k}.partial"
    started = time.monotonic()
    proc = subprocess.Popen(command(mode, rules, out), cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    try:
        trigger(mode, rnd, staging, proc)
        at = time.monotonic() - started
        workers = set(children(proc.pid))
        proc.send_signal(signum)
        try:
            _, err = proc.communicate(timeout=wait)
        except subprocess.TimeoutExpired:
            return hung(k, mode, proc, signum, at, log)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    where = f"{signal.Signals(signum).name} at {at:.2f}s"
    if proc.returncode == 0:
        complete = json.loads((work / out / "manifest.json").read_text(encoding="utf-8")).get("complete")
        return Outcome(mode, "finished" if complete else "exit", f"{where}: exit 0, complete={complete}")
    if proc.returncode not in (128 + signum, -signum):
        return Outcome(mode, "exit", f"{where}: exit {proc.returncode}: {err[-300:]!r}")
    lines = err.strip().splitlines()
    if proc.returncode == 128 + signum and (len(lines) != 1 or not lines[0].startswith("interrupted by")):
        return Outcome(mode, "message", f"{where}: {err[-500:]!r}")
    end = time.monotonic() + 10
    while time.monotonic() < end and any(alive(p) for p in workers):
        time.sleep(0.05)
    left = [p for p in workers if alive(p)]
    if left:
        return Outcome(mode, "orphans", f"{where}: {left} alive")
    return Outcome(mode, "ok", where)


def hung(k: int, mode: str, proc: subprocess.Popen[str], signum: int, at: float, log: Path) -> Outcome:
    """A run that did not stop: dump its threads' stacks and its children's states into the log."""
    kids = children(proc.pid)
    detail = {p: Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ")[:120].decode(errors="replace")
              for p in kids if Path(f"/proc/{p}/cmdline").exists()}
    proc.send_signal(signal.SIGUSR1)
    time.sleep(2)
    proc.kill()
    _, err = proc.communicate()
    log.mkdir(parents=True, exist_ok=True)
    path = log / f"hang-{os.getpid()}-{k}-{mode}.txt"
    path.write_text(f"mode {mode}, {signal.Signals(signum).name} at {at:.2f}s after start\n"
                    f"children (state): {kids}\n{json.dumps(detail, indent=1)}\n\nstderr:\n{err}", encoding="utf-8")
    return Outcome(mode, "hang", f"{signal.Signals(signum).name} at {at:.2f}s; children {kids}; stacks in {path}")


def busy_loops(n: int) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(n)]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=40)
    p.add_argument("--parallel", type=int, default=1, help="runs at a time")
    p.add_argument("--load", type=int, default=0, help="busy-loop processes beside the runs")
    p.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    p.add_argument("--wait", type=float, default=30.0, help="seconds a run may take to exit after its signal")
    p.add_argument("--seed", type=int, default=None)
    p.add_argument("--log", type=Path, default=Path(tempfile.gettempdir()) / "stress_signals")
    args = p.parse_args()
    modes = args.modes.split(",")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    print(f"seed {seed}", flush=True)
    lock, outcomes = threading.Lock(), []
    loads = busy_loops(args.load)
    try:
        with tempfile.TemporaryDirectory(prefix="stress_signals.") as tmp:
            work = Path(tmp)
            rules = prepare(work)

            def run(k: int) -> None:
                rnd = random.Random(seed * 100003 + k)
                outcome = one_run(k, modes[k % len(modes)], rnd, work, rules, args.wait, args.log)
                with lock:
                    outcomes.append(outcome)
                    if outcome.verdict not in ("ok", "finished"):
                        print(f"run {k} {outcome.mode}: {outcome.verdict.upper()} {outcome.detail}", flush=True)
                shutil.rmtree(work / f"out{k}", ignore_errors=True)
                shutil.rmtree(work / f".out{k}.partial", ignore_errors=True)

            with ThreadPoolExecutor(args.parallel) as pool:
                try:
                    list(pool.map(run, range(args.runs)))
                except KeyboardInterrupt:  # Ctrl-C: the runs under way finish, the counts so far are printed
                    pool.shutdown(wait=True, cancel_futures=True)
    finally:
        for loop in loads:
            loop.kill()
            loop.wait()
    table = Counter((o.mode, o.verdict) for o in outcomes)
    for mode in modes:
        print(mode, dict(sorted((v, n) for (m, v), n in table.items() if m == mode)))
    bad = sum(n for (_, v), n in table.items() if v not in ("ok", "finished"))
    print(f"{len(outcomes)} runs, {bad} failed")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
