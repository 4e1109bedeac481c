"""Shared fixtures: the fixture statute data with the bundled rule files, and the bundled rule set."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sentencecheck.rules.load import load_rule_set
from sentencecheck.rules.model import RuleSet
from sentencecheck.testing import quiet

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def _redaction_key_outside_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--redact` without `--redact-key` makes its key under $XDG_CONFIG_HOME: a temporary one, never the home's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def bundled() -> RuleSet:
    return load_rule_set(ROOT / "rules")


@pytest.fixture(scope="session")
def rules(bundled: RuleSet) -> RuleSet:
    """The bundled rule set with its legal-sanity warnings silenced, for the property and fuzz tests."""
    return quiet(bundled)


@pytest.fixture(scope="session")
def fixture_rules_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A frozen copy of some rule files over the bundled statute data, with a few special-part articles replaced by
    small hand-written ones (tests/fixtures/law: CC 99, 102, 293, with dates and ranges tests can rely on)."""
    root = tmp_path_factory.mktemp("rules")
    shutil.copytree(ROOT / "rules" / "law", root / "law")
    shutil.copytree(FIXTURES / "law", root / "law", dirs_exist_ok=True)
    for path in sorted((FIXTURES / "rules").glob("*.yaml")):
        shutil.copy(path, root / path.name)
    return root


@pytest.fixture(scope="session")
def fixture_rules(fixture_rules_dir: Path) -> RuleSet:
    return load_rule_set(fixture_rules_dir)



# ---- Hypothesis profiles: `ci` (default, derandomised, fast) and `thorough` (--hypothesis-profile thorough)
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", derandomize=True, max_examples=30, deadline=None, database=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("ci")
