"""Case files the command-line tests share."""

from __future__ import annotations

from pathlib import Path

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
