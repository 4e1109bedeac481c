"""Field paths (``defendants[0].charges[1].sentence.term.years``) into the raw data of a case file: reading, writing
and deleting one value while every other key, unknown ones included, stays as the file wrote it.

A path follows the case model (:func:`sentencecheck.casefile.fields.shape`): list entries are ``[i]``, the keys of a
mapping of scalars (``victims[0].relationship.d1``) are the last token.  New keys are inserted in the model's field
order, so a saved file reads like the project's case files.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from pydantic import BaseModel

from sentencecheck.casefile.fields import FieldShape
from sentencecheck.casefile.fields import shape as model_shape
from sentencecheck.model.case import Case

Token = str | int
_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
SHORTHANDS = {"outcome": "kind"}
"""Fields a case file may write as a bare value of one sub-field (``outcome: convicted``)."""


@cache
def shape(owner: type[BaseModel], name: str) -> FieldShape:
    """The shape of ``owner.name`` (computed once: paths are parsed on every answer)."""
    return model_shape(owner, name)


def parse(path: str, root: type[BaseModel] = Case) -> list[Token]:
    """The tokens of ``path``; the key of a mapping of scalars is one token even if it holds a point."""
    return list(_parse(path, root))


@cache
def _parse(path: str, root: type[BaseModel]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    owner: type[BaseModel] | None = root  # the class the last field name belongs to
    last: str | None = None
    rest = path
    while rest:
        rest = rest.removeprefix(".")
        if last is not None and tokens[-1] == last and owner is not None and _scalar_mapping(owner, last):
            tokens.append(rest)  # a key of a mapping of scalars, whatever it holds
            return tuple(tokens)
        match = _TOKEN.match(rest)
        if match is None:
            raise ValueError(f"not a field path: {path!r}")
        if match.group(2) is not None:
            tokens.append(int(match.group(2)))
        else:
            if last is not None and owner is not None:
                owner = _inner(owner, last)
            last = match.group(1)
            tokens.append(last)
        rest = rest[match.end():]
    return tuple(tokens)


def _scalar_mapping(owner: type[BaseModel], name: str) -> bool:
    if name not in owner.model_fields:
        return False
    s = shape(owner, name)
    return s.container == "dict" and s.model is None


def _inner(owner: type[BaseModel], name: str) -> type[BaseModel] | None:
    if name not in owner.model_fields:
        return None
    return shape(owner, name).model


def join(tokens: list[Token]) -> str:
    """The path of ``tokens`` (the inverse of :func:`parse`)."""
    out = ""
    for token in tokens:
        out += f"[{token}]" if isinstance(token, int) else ("." if out else "") + token
    return out


def child(path: str, name: str | int) -> str:
    """``path`` extended by a field name or a list index."""
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name


def under(path: str, prefix: str) -> bool:
    """Is ``path`` ``prefix`` itself or inside it?"""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def get(data: Any, path: str) -> Any:
    """The value at ``path``, or ``None`` when any step is missing."""
    node = data
    previous: Token = ""
    for token in parse(path):
        if isinstance(token, int):
            if not isinstance(node, list) or token >= len(node):
                return None
            node = node[token]
        elif isinstance(node, str) and isinstance(previous, str) and SHORTHANDS.get(previous) == token:
            pass  # ``outcome: convicted`` read as ``outcome.kind``
        elif not isinstance(node, dict) or token not in node:
            return None
        else:
            node = node[token]
        previous = token
    return node


def order_of(owner: type[BaseModel] | None) -> list[str]:
    return list(owner.model_fields) if owner is not None else []


def put(mapping: dict[str, Any], key: str, value: Any, order: list[str]) -> None:
    """Set ``mapping[key]``; a new key goes before the first existing key that the model orders after it."""
    if key in mapping or key not in order:
        mapping[key] = value
        return
    rank = order.index(key)
    items = list(mapping.items())
    at = next((i for i, (k, _) in enumerate(items) if k in order and order.index(k) > rank), len(items))
    items.insert(at, (key, value))
    mapping.clear()
    mapping.update(items)


def owners(path: str, root: type[BaseModel] = Case) -> list[type[BaseModel] | None]:
    """The model class each token of ``path`` is a field (or entry) of; ``None`` past the model."""
    out: list[type[BaseModel] | None] = []
    owner: type[BaseModel] | None = root
    for token in parse(path, root):
        out.append(owner)
        if isinstance(token, str):
            owner = _inner(owner, token) if owner is not None else None
    return out


def assigned(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` at ``path``: only the mappings and lists on the way are copied, the rest is
    shared with ``data`` (which is left unchanged)."""
    out = dict(data)
    node: Any = out
    for token in parse(path)[:-1]:
        if isinstance(node, list):
            if not isinstance(token, int) or token >= len(node):
                break
            node[token] = _copied(node[token])
            node = node[token]
        elif isinstance(node, dict) and isinstance(token, str) and token in node:
            node[token] = _copied(node[token])
            node = node[token]
        else:
            break
    assign(out, path, value)
    return out


def _copied(value: Any) -> Any:
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return list(value)
    return value


def assign(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at ``path`` (``None`` deletes it), creating mappings on the way and dropping the optional
    sections a deletion leaves empty."""
    tokens = parse(path)
    kinds = owners(path)
    if value is None:
        _delete(data, tokens, kinds)
        return
    node: Any = data
    for i, token in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if isinstance(token, int):
            node = node[token]
            continue
        current = node.get(token)
        name = SHORTHANDS.get(token)
        if isinstance(current, str) and name is not None:
            current = {name: current}
            node[token] = current
        if not isinstance(current, dict | list):
            current = [] if isinstance(nxt, int) else {}
            put(node, token, current, order_of(kinds[i]))
        node = current
    last = tokens[-1]
    if isinstance(last, int):
        node[last] = value
    else:
        put(node, last, value, order_of(kinds[-1]))
    _shorthand(data, tokens)


def _delete(data: dict[str, Any], tokens: list[Token], kinds: list[type[BaseModel] | None]) -> None:
    trail: list[Any] = [data]
    node: Any = data
    for token in tokens[:-1]:
        if isinstance(token, int):
            if not isinstance(node, list) or token >= len(node):
                return
            node = node[token]
        else:
            if isinstance(node.get(token), str) and token in SHORTHANDS:
                node[token] = {SHORTHANDS[token]: node[token]}
            if not isinstance(node, dict) or not isinstance(node.get(token), dict | list):
                return
            node = node[token]
        trail.append(node)
    last = tokens[-1]
    if isinstance(node, dict) and isinstance(last, str):
        node.pop(last, None)
    # drop the sections left empty, up to the first list entry (an entry is removed only on request)
    for depth in range(len(tokens) - 1, 0, -1):
        parent, key = trail[depth - 1], tokens[depth - 1]
        holder = trail[depth]
        if isinstance(key, int) or not isinstance(holder, dict) or holder:
            break
        owner = kinds[depth - 1]
        if owner is not None and key in owner.model_fields and shape(owner, key).required:
            break
        parent.pop(key, None)
    _shorthand(data, tokens)


def _shorthand(data: dict[str, Any], tokens: list[Token]) -> None:
    """Write ``outcome`` back as ``outcome: convicted`` when its kind is all it holds."""
    for i, token in enumerate(tokens):
        if isinstance(token, str) and token in SHORTHANDS:
            parent = get(data, join(tokens[:i])) if i else data
            value = parent.get(token) if isinstance(parent, dict) else None
            if isinstance(value, dict) and list(value) == [SHORTHANDS[token]] and isinstance(
                    value[SHORTHANDS[token]], str):
                parent[token] = value[SHORTHANDS[token]]


def model_at(path: str, root: type[BaseModel] = Case) -> type[BaseModel] | None:
    """The model class of the section or entry at ``path`` (``defendants[0]`` → Defendant)."""
    owner: type[BaseModel] | None = root
    for token in parse(path, root):
        if isinstance(token, str):
            owner = _inner(owner, token) if owner is not None else None
    return owner
