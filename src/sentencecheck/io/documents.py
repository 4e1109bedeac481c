"""Reading YAML and JSON documents safely, with line numbers for error messages.

Inputs are capped before parsing (size), and while parsing (nesting depth, no YAML aliases or
tags beyond the safe ones), so a hostile file gives a clear error, never a hang or code execution.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from sentencecheck.errors import InputError, Problem

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40


class _Loader(yaml.SafeLoader):
    """Safe YAML without aliases (no "billion laughs") and with a nesting cap."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                "aliases are not allowed in sentencecheck inputs", event.start_mark, None, None
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark, None, None)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _check_depth(value: Any, depth: int = 0) -> None:
    if depth > MAX_DEPTH:
        raise ValueError(f"nesting deeper than {MAX_DEPTH} levels")
    if isinstance(value, dict):
        for v in value.values():
            _check_depth(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_depth(v, depth + 1)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid number here")


def parse_text(text: str, fmt: str, file: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Parse YAML or JSON text; return the data and (for YAML) the node tree for line look-ups."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise InputError("too large", file, [Problem("", f"document larger than {MAX_DOCUMENT_BYTES} bytes")])
    if fmt == "json":
        try:
            data = json.loads(text, parse_constant=_reject_constant)
            _check_depth(data)
        except (ValueError, RecursionError) as exc:
            line = getattr(exc, "lineno", None)
            raise InputError("invalid JSON", file, [Problem("", f"invalid JSON: {_short(exc)}", line)]) from None
        return data, None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = exc.problem or exc.context or "invalid YAML"
        raise InputError("invalid YAML", file, [Problem("", f"invalid YAML: {message}", line)]) from None
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        raise InputError("invalid YAML", file, [Problem("", f"invalid YAML: {_short(exc)}")]) from None
    if _has_bad_float(data):
        raise InputError("invalid number", file, [Problem("", "NaN and infinite numbers are not allowed")])
    return data, node


def _has_bad_float(value: Any) -> bool:
    if isinstance(value, float):
        return not math.isfinite(value)
    if isinstance(value, dict):
        return any(_has_bad_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_bad_float(v) for v in value)
    return False


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 300 else text[:300] + "…"


def read_document(path: Path) -> tuple[Any, yaml.Node | None]:
    """Read a YAML (``.yaml``/``.yml``) or JSON (``.json``) file."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError("cannot read", str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    if size > MAX_DOCUMENT_BYTES:
        raise InputError("too large", str(path), [Problem("", f"file larger than {MAX_DOCUMENT_BYTES} bytes")])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("cannot read", str(path), [Problem("", f"cannot read file as UTF-8: {exc}")]) from None
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    return parse_text(text, fmt, str(path))


def line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """The 1-based line of the YAML node at ``loc`` (or of its nearest existing ancestor)."""
    if node is None:
        return None
    best = node.start_mark.line + 1
    current: yaml.Node | None = node
    for key in loc:
        nxt: yaml.Node | None = None
        if isinstance(current, yaml.MappingNode):
            for k_node, v_node in current.value:
                if getattr(k_node, "value", None) == str(key):
                    nxt = v_node
                    break
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(current.value):
            nxt = current.value[key]
        if nxt is None:
            break
        current = nxt
        best = nxt.start_mark.line + 1
    return best


def format_loc(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_problems(exc: ValidationError, node: yaml.Node | None) -> list[Problem]:
    """Turn Pydantic's errors into problems with field paths, lines and what was expected."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-after["))]
        expected = _expected(err)
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field"
            expected = "one of the fields the schema defines (see `sentencecheck schema`)"
        elif err["type"] == "missing":
            message = "required field is missing"
        problems.append(Problem(format_loc(loc), message, line_of(node, loc), expected))
    return problems


def _expected(err: Any) -> str | None:
    ctx = err.get("ctx") or {}
    if "expected" in ctx:
        return str(ctx["expected"])
    if "pattern" in ctx:
        return f"text matching {ctx['pattern']}"
    for key, word in (("ge", ">="), ("le", "<="), ("gt", ">"), ("lt", "<")):
        if key in ctx:
            return f"a value {word} {ctx[key]}"
    kind = err["type"]
    simple = {
        "bool_parsing": "true, false or null (unknown)",
        "bool_type": "true, false or null (unknown)",
        "int_parsing": "an integer",
        "int_type": "an integer",
        "float_parsing": "a number",
        "float_type": "a number",
        "date_from_datetime_parsing": "a date YYYY-MM-DD",
        "date_parsing": "a date YYYY-MM-DD",
        "date_type": "a date YYYY-MM-DD",
        "string_type": "text",
        "list_type": "a list",
        "dict_type": "a mapping",
        "model_type": "a mapping",
        "model_attributes_type": "a mapping",
    }
    return simple.get(kind)


def iter_paths(paths: Sequence[Path], suffixes: Sequence[str] = (".yaml", ".yml", ".json")) -> Iterator[Path]:
    """Files named directly, and the matching files inside named folders, in sorted order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        else:
            yield path
