"""Throughput and peak memory of `sentencecheck audit` on generated cases (never written to disk).

    python bench/run.py --rules DIR                 # 10k and 100k cases
    python bench/run.py --rules DIR --sizes 10000   # 10k only
    python bench/run.py --rules DIR --million       # adds 1M (by hand: long)
    python bench/run.py --sizes 10000,100000,1000000 --modes python --all-cores-only   # peak RSS from 10k to 1M

Each measurement runs in its own subprocess; peak RSS is that process's ``ru_maxrss`` (the parent:
reading, writing outputs) and ``RUSAGE_CHILDREN`` (the largest worker).  Modes:
(a) ``validate``: Pydantic validation alone (the floor), (b) ``durable`` and (c) ``python``: the full
audit (validate, derive, evaluate, write every output), each with 1 worker and with all cores.

``seconds`` and ``cases/s`` are end to end (generating the cases included). For the audits, ``startup s`` is the time
until the workers have built their engines and ``streaming/s`` the rate from then until the last record is written
(the summary, its plots and the manifest come after); validation has neither.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from sentencecheck.rules.load import default_rule_set, load_rule_set  # noqa: E402


def _validate_chunk(chunk: list[dict[str, Any]]) -> int:
    from sentencecheck.model.case import Case

    for data in chunk:
        Case.model_validate(data)
    return len(chunk)


def _chunks(it: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(it, size)):
        yield chunk


def child(mode: str, n: int, jobs: int, rules: str | None) -> dict[str, Any]:
    rs = load_rule_set(Path(rules)) if rules else default_rule_set()
    cases = generate(n, rs)
    phases: dict[str, float] = {}
    start = time.perf_counter()
    if mode == "validate":
        if jobs == 1:
            done = sum(_validate_chunk(c) for c in _chunks(cases, 1000))
        else:
            with get_context("spawn").Pool(jobs) as pool:
                done = sum(pool.imap(_validate_chunk, _chunks(cases, 1000)))
    else:
        from sentencecheck.batch.outputs import Outputs
        from sentencecheck.batch.readers import Record
        from sentencecheck.batch.runner import Runner
        from sentencecheck.batch.summary import Tally, write_summary
        from sentencecheck.batch.worker import Options

        records = (Record("<generated>", "item", i + 1, data=c) for i, c in enumerate(cases))
        with tempfile.TemporaryDirectory() as tmp:
            tally = Tally()
            outputs = Outputs(Path(tmp), tally)
            with Runner(Options(engine=mode, rules_dir=rules), jobs) as runner:
                phases["startup"] = time.perf_counter() - start
                for record, result in runner.run(records):
                    outputs.write(record, result)
            outputs.close()
            phases["streaming"] = time.perf_counter() - start - phases["startup"]
            write_summary(Path(tmp), tally, rs, 5, mode)
            done = tally.read
    seconds = time.perf_counter() - start
    streaming = phases.get("streaming", seconds)
    return {"mode": mode, "n": done, "jobs": jobs, "seconds": round(seconds, 2), "cases_per_s": round(done / seconds),
            "startup_s": round(phases.get("startup", 0.0), 2), "streaming_per_s": round(done / streaming),
            "rss_parent_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "rss_worker_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rules", default=None, help="rules folder (default: bundled)")
    p.add_argument("--sizes", default="10000,100000")
    p.add_argument("--million", action="store_true", help="also 1,000,000 cases")
    p.add_argument("--modes", default="validate,durable,python")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="'all cores' [default: cpu count]")
    p.add_argument("--all-cores-only", action="store_true", help="skip the 1-job runs (for the long 1M run)")
    p.add_argument("--child", nargs=3, metavar=("MODE", "N", "JOBS"), help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        print(json.dumps(child(a.child[0], int(a.child[1]), int(a.child[2]), a.rules)))
        return
    sizes = [int(s) for s in a.sizes.split(",")] + ([1_000_000] if a.million else [])
    print(f"cpus={os.cpu_count()} python={sys.version.split()[0]}")
    print(f"{'mode':9} {'n':>8} {'jobs':>4} {'seconds':>8} {'cases/s':>8} {'startup s':>9} {'streaming/s':>11} "
          f"{'parent MB':>9} {'worker MB':>9}")
    for n in sizes:
        for mode in a.modes.split(","):
            for jobs in [a.jobs] if a.all_cores_only else sorted({1, a.jobs}):
                cmd = [sys.executable, __file__, "--child", mode, str(n), str(jobs)]
                if a.rules:
                    cmd += ["--rules", a.rules]
                out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
                r = json.loads(out.strip().splitlines()[-1])
                print(f"{mode:9} {r['n']:>8} {jobs:>4} {r['seconds']:>8} {r['cases_per_s']:>8} {r['startup_s']:>9} "
                      f"{r['streaming_per_s']:>11} {r['rss_parent_mb']:>9} {r['rss_worker_mb']:>9}", flush=True)


if __name__ == "__main__":
    main()
