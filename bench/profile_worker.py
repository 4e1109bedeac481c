"""Where one worker's time goes: screen generated cases in this process under cProfile.

    python bench/profile_worker.py --n 2000 --engine python            # top 30 by own time
    python bench/profile_worker.py --n 2000 --sort cumulative --top 60
    python bench/profile_worker.py --n 2000 --out prof.pstats          # for snakeviz or pstats

The cases are the benchmark's (``bench/generate.py``); each goes through ``batch.worker.run_one`` exactly as in an
audit: validate, derive, evaluate, report, serialise the finding lines.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from sentencecheck.batch.worker import Options, init_worker, run_one  # noqa: E402
from sentencecheck.rules.load import default_rule_set  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000)
    p.add_argument("--engine", default="python", choices=["python", "durable"])
    p.add_argument("--sort", default="tottime", choices=["tottime", "cumulative"])
    p.add_argument("--top", type=int, default=30)
    p.add_argument("--out", default=None, help="write the raw profile here")
    p.add_argument("--no-profile", action="store_true", help="time only")
    a = p.parse_args()
    cases = list(generate(a.n, default_rule_set()))
    init_worker(Options(engine=a.engine, as_of="2026-12-01"))
    for data in cases[:50]:  # warm the caches as a long audit would have
        run_one(data, None)
    profile = cProfile.Profile()
    start = time.perf_counter()
    if not a.no_profile:
        profile.enable()
    for data in cases:
        run_one(data, None)
    if not a.no_profile:
        profile.disable()
    seconds = time.perf_counter() - start
    print(f"{a.n} cases in {seconds:.2f} s: {a.n / seconds:.0f} cases/s ({1e6 * seconds / a.n:.0f} µs a case)")
    if a.no_profile:
        return
    if a.out:
        profile.dump_stats(a.out)
    pstats.Stats(profile).strip_dirs().sort_stats(a.sort).print_stats(a.top)


if __name__ == "__main__":
    main()
