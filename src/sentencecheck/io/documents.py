"""Reading YAML and JSON documents safely, with line numbers for error messages.

Inputs are capped before parsing (size; only regular files are read), and while parsing (nesting depth,
number of values per case, no YAML aliases or tags beyond the safe ones), so a hostile file gives a clear
error, never a hang, a memory blow-up or code execution.
"""

from __future__ import annotations

import difflib
import json
import math
import re
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from sentencecheck.errors import InputError, Problem
from sentencecheck.io.annotations import members

MAX_DOCUMENT_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 100_000
"""Values (scalars, lists, mappings) one case may hold, checked while the YAML is composed, before anything is
built: PyYAML keeps ~700 bytes and spends ~30 µs per node, so an 8 MB flow list (4 million nodes) took
2 minutes and 2.9 GB to reject.  The largest bundled file (the statute data) has under 5,000."""
MAX_PROBLEMS = 100
"""Validation problems listed for one document; the rest are counted."""
FAST_PARSE_BYTES = 256 * 1024
"""Documents up to this size are composed by libyaml (when PyYAML has it, ~10× faster: loading the bundled rules
took about a second in Python) and checked once composed; at this size that is at most ~130,000 values composed in
C. Larger ones are composed in Python and checked value by value as they are read, so a hostile file is refused
before it is built."""


class WrittenFloat(float):
    """A YAML number that remembers how it was written, when its value does not (``03.2023`` is 3.2023,
    ``10.2020`` is 10.202): a month written ``MM.YYYY`` can then still be read as a month."""

    text: str


def written(value: float) -> str:
    """How a number was written: its YAML text when known, else its shortest form."""
    return value.text if isinstance(value, WrittenFloat) else repr(value)


class _Checks(yaml.constructor.SafeConstructor):
    """What both loaders add to PyYAML's safe loading: numbers that remember how they were written, duplicate keys."""

    def construct_written_float(self, node: yaml.ScalarNode) -> float:
        value: float = self.construct_yaml_float(node)
        if repr(value) == node.value or not math.isfinite(value):
            return value
        out = WrittenFloat(value)
        out.text = node.value
        return out

    def duplicate_keys(self, node: yaml.Node, path: tuple[int | str, ...] = ()) -> list[Problem]:
        """Every key given more than once in a mapping, naming all its lines (document order)."""
        found: list[Problem] = []
        if isinstance(node, yaml.MappingNode):
            lines: dict[Any, list[int]] = {}
            names: dict[Any, str] = {}
            for k_node, _ in node.value:
                if not isinstance(k_node, yaml.ScalarNode) or k_node.tag == "tag:yaml.org,2002:merge":
                    continue
                ident = self.construct_object(k_node)
                lines.setdefault(ident, []).append(k_node.start_mark.line + 1)
                names.setdefault(ident, str(k_node.value))
            for ident, at in lines.items():
                if len(at) > 1:
                    times = "twice" if len(at) == 2 else f"{len(at)} times"
                    listed = ", ".join(map(str, at[:-1])) + f" and {at[-1]}"
                    found.append(Problem(format_loc((*path, names[ident])),
                                         f"`{names[ident]}` given {times}, lines {listed}: keep one", at[1]))
            for k_node, v_node in node.value:
                found += self.duplicate_keys(v_node, (*path, str(getattr(k_node, "value", "?"))))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                found += self.duplicate_keys(item, (*path, i))
        return found


class _Loader(_Checks, yaml.SafeLoader):
    """Safe YAML without aliases (no "billion laughs"), with a nesting cap, refusing duplicate keys."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                "aliases are not allowed in sentencecheck inputs", event.start_mark, None, None
            )
        self._depth = getattr(self, "_depth", 0) + 1
        self._nodes = getattr(self, "_nodes", 0) + 1
        try:
            if self._nodes > MAX_NODES:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(f"more than {MAX_NODES} values in one document", event.start_mark,
                                           None, None)
            if self._depth > MAX_DEPTH:
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise yaml.MarkedYAMLError(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark, None, None)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_written_float)  # type: ignore[type-var]

_FastLoader: Callable[[str], Any] | None = None
if yaml.__with_libyaml__:
    class _CLoader(_Checks, yaml.CSafeLoader):
        """The same safe loading, composed by libyaml; :func:`_check_tree` then applies :class:`_Loader`'s caps."""

    _CLoader.add_constructor("tag:yaml.org,2002:float", _CLoader.construct_written_float)  # type: ignore[type-var]
    _FastLoader = _CLoader


def _check_tree(root: yaml.Node) -> None:
    """:class:`_Loader`'s checks on a tree libyaml composed: an alias (a node reached twice), nesting deeper than
    :data:`MAX_DEPTH`, more than :data:`MAX_NODES` values."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise yaml.MarkedYAMLError("aliases are not allowed in sentencecheck inputs", node.start_mark, None, None)
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise yaml.MarkedYAMLError(f"more than {MAX_NODES} values in one document", node.start_mark, None, None)
        if depth > MAX_DEPTH:
            raise yaml.MarkedYAMLError(f"nesting deeper than {MAX_DEPTH} levels", node.start_mark, None, None)
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _check_shape(value: Any) -> None:
    """Nesting depth and values per case of parsed JSON (each item of a top-level array is a case)."""
    for case in value if isinstance(value, list) else [value]:
        if _check_depth(case, 1 if isinstance(value, list) else 0) > MAX_NODES:
            raise ValueError(f"more than {MAX_NODES} values in one case")


def _check_depth(value: Any, depth: int = 0) -> int:
    """The number of values in ``value``; raises past :data:`MAX_DEPTH` levels."""
    if depth > MAX_DEPTH:
        raise ValueError(f"nesting deeper than {MAX_DEPTH} levels")
    n = 1
    if isinstance(value, dict):
        for v in value.values():
            n += 1 + _check_depth(v, depth + 1)
            if n > MAX_NODES:
                break
    elif isinstance(value, list):
        for v in value:
            n += _check_depth(v, depth + 1)
            if n > MAX_NODES:
                break
    return n


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid number here")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"`{key}` given twice: keep one")
        out[key] = value
    return out


def parse_text(text: str, fmt: str, file: str | None = None) -> tuple[Any, yaml.Node | None]:
    """Parse YAML or JSON text; return the data and (for YAML) the node tree for line look-ups."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES:
        raise InputError("too large", file, [Problem("", f"document larger than {MAX_DOCUMENT_BYTES} bytes")])
    if fmt == "json":
        try:
            data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
            _check_shape(data)
        except (ValueError, RecursionError) as exc:
            line = getattr(exc, "lineno", None)
            raise InputError("invalid JSON", file, [Problem("", f"invalid JSON: {_short(exc)}", line)]) from None
        return data, None
    fast = _FastLoader is not None and len(text) <= FAST_PARSE_BYTES
    try:
        return _parse_yaml(text, file, fast)
    except InputError:
        if not fast:
            raise
    return _parse_yaml(text, file, False)  # the same error, worded by PyYAML's Python parser whatever libyaml said


def _parse_yaml(text: str, file: str | None, fast: bool) -> tuple[Any, yaml.Node | None]:
    try:
        loader = _FastLoader(text) if fast and _FastLoader is not None else _Loader(text)
        try:
            node = loader.get_single_node()
            if fast and node is not None:
                _check_tree(node)
            duplicates = loader.duplicate_keys(node) if node is not None else []
            if duplicates:
                raise InputError("duplicate keys", file, duplicates)
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
    """Read a YAML (``.yaml``/``.yml``) or JSON (``.json``) file.

    Only a regular file is opened (a FIFO or a device is refused at once, never read: it could block forever),
    and at most :data:`MAX_DOCUMENT_BYTES` + 1 bytes are read, whatever its size said."""
    try:
        info = path.stat()
    except OSError as exc:
        raise InputError("cannot read", str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a file", str(path), [Problem("", f"not a regular file ({file_kind(info.st_mode)})",
                                                           expected="a YAML or JSON case file")])
    if info.st_size > MAX_DOCUMENT_BYTES:
        raise InputError("too large", str(path), [Problem("", f"file larger than {MAX_DOCUMENT_BYTES} bytes")])
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise InputError("cannot read", str(path), [Problem("", f"cannot read file: {exc.strerror}")]) from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise InputError("too large", str(path), [Problem("", f"file larger than {MAX_DOCUMENT_BYTES} bytes")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("cannot read", str(path), [Problem("", f"cannot read file as UTF-8: {exc}")]) from None
    fmt = "json" if path.suffix.lower() == ".json" else "yaml"
    return parse_text(text, fmt, str(path))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, word in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return word
    return "not a regular file"


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


def validation_problems(
    exc: ValidationError, node: yaml.Node | None, model: type[BaseModel] | None = None
) -> list[Problem]:
    """Turn Pydantic's errors into problems with field paths, lines and what was expected.

    A misspelt field name (when ``model`` is given) or choice gets "did you mean"; an error raised with an
    ``at`` location in its context (a cross-reference) is given the line of that node.  At most
    :data:`MAX_PROBLEMS` are listed, then how many more there were (finding a line is linear in a mapping's keys,
    so 45,000 unknown keys took two minutes).
    """
    problems = []
    errors = exc.errors(include_url=False)
    for err in errors[:MAX_PROBLEMS]:
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-after["))]
        expected = _expected(err)
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            message = "unknown field"
            expected = "one of the fields the schema defines (see `sentencecheck schema`)"
            if model is not None and loc:
                message += _did_you_mean(str(loc[-1]), _field_names(model, loc[:-1]))
        elif err["type"] == "missing":
            message = "required field is missing"
        elif err["type"] == "literal_error" and isinstance(err.get("input"), str):
            choices = re.findall(r"'([^']*)'", str((err.get("ctx") or {}).get("expected", "")))
            message = f"{err['input']!r} is not one of the choices" + _did_you_mean(err["input"], choices)
        at = (err.get("ctx") or {}).get("at")
        where = [*loc, *at] if isinstance(at, tuple) else loc
        problems.append(Problem(format_loc(loc), message, line_of(node, where), expected))
    if len(errors) > MAX_PROBLEMS:
        problems.append(Problem("", f"and {len(errors) - MAX_PROBLEMS} more problems, not listed"))
    return problems


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    """``", did you mean 'x'?"`` for the closest choice (case aside), or nothing."""
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return f", did you mean {lowered[close[0]]!r}?" if close else ""


def _field_names(model: type[BaseModel], loc: Sequence[int | str]) -> list[str]:
    """The field names of the model(s) found at ``loc`` under ``model``."""
    current: list[Any] = [model]
    for key in loc:
        nxt: list[Any] = []
        for tp in (m for t in current for m in members(t)):
            if isinstance(tp, type) and issubclass(tp, BaseModel):
                if isinstance(key, str) and key in tp.model_fields:
                    nxt.append(tp.model_fields[key].annotation)
                elif key == tp.__name__:  # a union member's tag
                    nxt.append(tp)
            elif get_origin(tp) is list and isinstance(key, int):
                nxt.append(get_args(tp)[0])
            elif get_origin(tp) is dict:
                nxt.append(get_args(tp)[1])
        current = nxt
    models = [tp for t in current for tp in members(t) if isinstance(tp, type) and issubclass(tp, BaseModel)]
    return sorted({name for m in models for name in m.model_fields})


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
