"""Where the bundled rule set and statute data live."""

from __future__ import annotations

from pathlib import Path


def bundled_rules_dir() -> Path:
    """The ``rules/`` folder: inside the installed wheel, or at the top of a source checkout."""
    packaged = Path(__file__).with_name("_bundled_rules")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


def bundled_cases_dir() -> Path | None:
    """The ``cases/`` folder of a source checkout, if there is one."""
    path = Path(__file__).resolve().parents[2] / "cases"
    return path if path.is_dir() else None
