"""``sentencecheck.audit(...)``: the audit as a library call from the package root, and a root import that stays
light (the audit's machinery is imported on first use)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import sentencecheck

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"


def _inputs(tmp_path: Path, n: int) -> Path:
    base = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    lines = []
    for i in range(n):
        base["id"] = f"case-{i:03d}"
        lines.append(json.dumps(base))
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    return path


def test_audit_from_the_package_root_returns_an_audit_result(tmp_path: Path, fixture_rules_dir: Path) -> None:
    out = tmp_path / "out"
    result = sentencecheck.audit([_inputs(tmp_path, 3)], out, engine="python", jobs=1, rules=fixture_rules_dir)
    assert isinstance(result, sentencecheck.AuditResult)
    assert (result.read, result.audited, result.rejected) == (4, 3, 1)
    assert result.out.resolve() == out.resolve()
    counts = json.loads(result.path("manifest.json").read_text(encoding="utf-8"))["counts"]
    assert counts.pop("rejected_by_reason") == result.rejected_by_reason == {"unreadable record": 1}
    assert counts == result.counts
    assert [r["number"] for r in result.rejected_records()] == [4]


def test_audit_is_the_function_and_run_audit_its_alias() -> None:
    import sentencecheck.batch.session  # importing the package's modules does not shadow the function

    assert sentencecheck.batch.session is not None
    assert "audit" in sentencecheck.__all__ and "AuditResult" in sentencecheck.__all__
    assert sentencecheck.audit.__module__ == "sentencecheck.batch.library"
    assert sentencecheck.run_audit is sentencecheck.audit
    from sentencecheck import audit, resume_audit

    assert audit is sentencecheck.audit and resume_audit.__name__ == "resume_audit"


def test_audit_refuses_bad_options_with_an_audit_error(tmp_path: Path) -> None:
    with pytest.raises(sentencecheck.AuditError, match="engine 'fast' is not one of durable, python"):
        sentencecheck.audit([_inputs(tmp_path, 1)], tmp_path / "out", engine="fast")
    with pytest.raises(sentencecheck.SentencecheckError, match="no inputs given"):
        sentencecheck.audit([], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_importing_the_package_does_not_import_the_audit() -> None:
    code = ("import sys, sentencecheck; print(sorted(m for m in sys.modules "
            "if m.startswith(('sentencecheck.batch', 'sentencecheck.stats', 'sentencecheck.cluster'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout.strip() == "[]"


def test_an_unknown_root_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'audits'"):
        sentencecheck.audits  # noqa: B018
