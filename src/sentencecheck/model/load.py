"""Case files (YAML or JSON) into :class:`Case` objects, with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sentencecheck.errors import InputError, Problem
from sentencecheck.io.documents import read_document, validation_problems
from sentencecheck.model.case import Case


def case_from_data(data: Any, file: str | None = None, node: yaml.Node | None = None) -> Case:
    """Validate already-parsed data as a case; errors name the field path and, for YAML, the line."""
    if not isinstance(data, dict):
        found = type(data).__name__ if data is not None else "an empty document"
        raise InputError("not a case", file, [Problem("", f"a case must be a mapping, found {found}", None)])
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        raise InputError("invalid case", file, validation_problems(exc, node, Case)) from None
    except (RecursionError, OverflowError) as exc:
        raise InputError("invalid case", file, [Problem("", f"cannot validate: {type(exc).__name__}")]) from None


def load_case(path: str | Path) -> Case:
    """Read and validate one case file."""
    p = Path(path)
    data, node = read_document(p)
    return case_from_data(data, str(p), node)


def case_schema() -> dict[str, Any]:
    """The JSON Schema of a case file."""
    return Case.model_json_schema()


def case_schema_text() -> str:
    return json.dumps(case_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
