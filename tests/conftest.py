"""Shared fixtures: the fixture statute data with the bundled rule files, and the bundled rule set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sentencecheck.rules.load import load_rule_set
from sentencecheck.rules.model import RuleSet

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def bundled() -> RuleSet:
    return load_rule_set(ROOT / "rules")


@pytest.fixture(scope="session")
def fixture_rules_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's rule files over a small, hand-written statute table (tests/fixtures/law)."""
    root = tmp_path_factory.mktemp("rules")
    shutil.copytree(FIXTURES / "law", root / "law")
    for name in ("sentence-range.yaml", "sentence-limits.yaml", "self-defence.yaml"):
        shutil.copy(ROOT / "rules" / name, root / name)
    return root


@pytest.fixture(scope="session")
def fixture_rules(fixture_rules_dir: Path) -> RuleSet:
    return load_rule_set(fixture_rules_dir)

