"""A case from text with no file name to tell its format (standard input): YAML or JSON, detected."""

from __future__ import annotations

import json
from typing import BinaryIO, Literal

import yaml

from sentencecheck.errors import InputError, Problem
from sentencecheck.io.documents import MAX_DOCUMENT_BYTES, parse_text
from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data

STDIN = "<stdin>"


def detect_format(text: str) -> Literal["json", "yaml"]:
    """JSON when the text opens with ``{`` or ``[`` and parses as JSON, or parses as neither (so that the
    error is JSON's); YAML otherwise (flow-style YAML such as ``{id: x}`` opens the same way)."""
    if text.lstrip(" \t\r\n")[:1] not in ("{", "["):
        return "yaml"
    try:
        json.loads(text)
        return "json"
    except (ValueError, RecursionError):
        pass
    return "yaml" if _node(text) is not None else "json"


def _node(text: str) -> yaml.Node | None:
    """The YAML node tree of the text (JSON is YAML's flow style), for line numbers; None if it does not parse."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError, ValueError):
        return None


def case_from_text(text: str, file: str = STDIN) -> Case:
    """Parse and validate one case; errors name ``file`` and, for YAML and JSON alike, the line."""
    fmt = detect_format(text)
    data, node = parse_text(text, fmt, file)
    return case_from_data(data, file, node if node is not None else _node(text))


def read_case_stream(stream: BinaryIO, file: str = STDIN) -> Case:
    """Read one UTF-8 case document (YAML or JSON) from a byte stream such as standard input."""
    raw = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise InputError("too large", file, [Problem("", f"input larger than {MAX_DOCUMENT_BYTES} bytes")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("cannot read", file, [Problem("", f"cannot read input as UTF-8: {exc}")]) from None
    return case_from_text(text, file)
