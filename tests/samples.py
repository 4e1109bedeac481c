"""Case files the command-line tests share, and the benchmark's generated cases."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
CONTROL = """\
id: control
proceeding: {instance: first_instance, offence_date: 2019-03-01, decision_date: 2019-09-01}
defendants:
  - id: d1
    law_enforcement_officer: false
    public_office: false
    charges: [{code: CC, article: "99", part: "1"}]
    outcome: {kind: acquitted}
victims:
  - {id: v1, relationship: {d1: acquaintance}, deceased: true}
harm:
  - {victim: v1, death: true}
"""


def generated_cases(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` cases of ``bench/generate.py`` (seeded), over the bundled rules' statute data."""
    from sentencecheck.rules.load import default_rule_set

    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: list[dict[str, Any]] = list(module.generate(n, default_rule_set(), seed=seed))
    return cases
