"""Outputs that a speed change must leave byte-identical: audits of generated cases with both engines, and `check`
of the bundled cases in English and Russian (json, text, markdown).

    git worktree add /tmp/before HEAD && (cd /tmp/before && python bench/same_outputs.py /tmp/out-before)
    python bench/same_outputs.py /tmp/out-after && diff -rq /tmp/out-before /tmp/out-after   # must print nothing

Run from the checkout's root, with that checkout installed (each command runs ``python -m sentencecheck``). The
manifest, which holds timings and versions, is left out.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from sentencecheck.rules.load import default_rule_set  # noqa: E402

AS_OF = "2026-12-01"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out", type=Path)
    p.add_argument("--n", type=int, default=3000, help="generated cases to audit")
    a = p.parse_args()
    out: Path = a.out
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "generated.jsonl", "w", encoding="utf-8") as f:
        for case in generate(a.n, default_rule_set(), seed=7):
            f.write(json.dumps(case) + "\n")
    exe = [sys.executable, "-m", "sentencecheck"]
    for engine in ("python", "durable"):
        subprocess.run([*exe, "audit", "generated.jsonl", "--out", f"audit-{engine}", "--engine", engine, "--as-of",
                        AS_OF, "--jobs", "2"], capture_output=True, check=False, cwd=out)
        (out / f"audit-{engine}" / "manifest.json").unlink(missing_ok=True)
    checks = {
        "check-en.json": ["--format", "json", "--no-settle"],
        "check-ru.json": ["--format", "json", "--no-settle", "--lang", "ru"],
        "check-en.txt": ["--engine", "durable"],
        "check-ru.md": ["--lang", "ru", "--format", "markdown"],
    }
    for name, options in checks.items():
        r = subprocess.run([*exe, "check", "cases", "--as-of", AS_OF, *options], capture_output=True, text=True,
                           check=False)
        (out / name).write_text(f"{r.stdout}\n--- exit {r.returncode}\n{r.stderr}", encoding="utf-8")
    (out / "generated.jsonl").unlink()
    print(f"written {out}")


if __name__ == "__main__":
    main()
