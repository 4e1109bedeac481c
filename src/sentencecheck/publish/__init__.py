"""An audit folder as a SQLite database for Datasette: ``publish(audit_dir, db_path)`` (docs/publish.md).

Needs the ``publish`` extra (sqlite-utils; datasette 0.65 to browse it). The names are loaded on first use, so that
importing the ``publish`` command (``sentencecheck.publish.command``) does not import sqlite-utils (and pandas)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sentencecheck.publish.build import metadata_path_for, publish
    from sentencecheck.publish.model import PublishError, PublishResult

__all__ = ["PublishError", "PublishResult", "metadata_path_for", "publish"]

_WHERE = {"publish": "build", "metadata_path_for": "build", "PublishError": "model", "PublishResult": "model"}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
