"""Wall time of `sentencecheck check` on one case file against `python -c "import sentencecheck"`, in the same run.

    python bench/check_one.py [CASE_FILE] [--runs 7]

Each command runs ``--runs`` times in a fresh process; the median and the fastest run are printed. The difference
between the two is what checking one case costs beyond importing the library (loading the rules and statute data,
building the engine, screening, rendering)."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _times(cmd: list[str], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("case", nargs="?", default=str(ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"))
    p.add_argument("--runs", type=int, default=7)
    a = p.parse_args()
    commands = {
        "import sentencecheck": [sys.executable, "-c", "import sentencecheck"],
        "import sentencecheck.cli": [sys.executable, "-c", "import sentencecheck.cli"],
        "check (python engine)": [sys.executable, "-m", "sentencecheck", "check", a.case, "--engine", "python"],
        "check (durable engine)": [sys.executable, "-m", "sentencecheck", "check", a.case],
    }
    print(f"python={sys.version.split()[0]} runs={a.runs} case={Path(a.case).name}")
    print(f"{'command':26} {'median s':>9} {'fastest s':>9}")
    for name, cmd in commands.items():
        t = _times(cmd, a.runs)
        print(f"{name:26} {statistics.median(t):>9.3f} {min(t):>9.3f}", flush=True)


if __name__ == "__main__":
    main()
