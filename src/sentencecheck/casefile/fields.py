"""What the case model says about each field: its shape, its choices, and how "not stated" is written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from sentencecheck.io.annotations import members
from sentencecheck.model.case import Case

Container = Literal["list", "dict"] | None


@dataclass(frozen=True)
class FieldShape:
    """One field of a model class, as a case file writes it."""

    owner: type[BaseModel]
    name: str
    nullable: bool
    required: bool
    default: Any
    container: Container
    model: type[BaseModel] | None
    """The model class inside (directly, as list items or as dict values), if any."""
    choices: tuple[str, ...]
    """The allowed values of a choice (directly, or of the list items or dict values)."""
    scalar_or_model: bool
    """A number or a range (``age: 30`` or ``age: {under: 18}``)."""


def shape(owner: type[BaseModel], name: str) -> FieldShape:
    """The shape of ``owner.name``."""
    info = owner.model_fields[name]
    types_ = members(info.annotation)
    nullable = type(None) in types_
    types_ = [m for m in types_ if m is not type(None)]
    container: Container = None
    inner: list[Any] = types_
    if len(types_) == 1 and get_origin(types_[0]) in (list, dict):
        container = "list" if get_origin(types_[0]) is list else "dict"
        inner = members(get_args(types_[0])[-1])
    models = [m for m in inner if isinstance(m, type) and issubclass(m, BaseModel)]
    choices = tuple(str(v) for m in inner if get_origin(m) is Literal for v in get_args(m))
    required = info.is_required()
    default = None if required else info.get_default(call_default_factory=True)
    if default is PydanticUndefined:  # pragma: no cover - pydantic gives a default for every optional field
        default = None
    return FieldShape(
        owner=owner,
        name=name,
        nullable=nullable,
        required=required,
        default=default,
        container=container,
        model=models[0] if models else None,
        choices=choices,
        scalar_or_model=bool(models) and len(inner) > len(models),
    )


def walk(root: type[BaseModel] = Case) -> Iterator[tuple[str, type[BaseModel]]]:
    """Every model class of a case file once, depth first in field order, with the path where it first appears
    (``defendants[].charges[]``)."""
    seen: set[type[BaseModel]] = set()

    def visit(path: str, cls: type[BaseModel]) -> Iterator[tuple[str, type[BaseModel]]]:
        if cls in seen:
            return
        seen.add(cls)
        yield path, cls
        for name in cls.model_fields:
            s = shape(cls, name)
            if s.model is not None:
                suffix = {"list": "[]", "dict": ".<id>"}.get(s.container or "", "")
                yield from visit(f"{path}.{name}{suffix}".lstrip("."), s.model)

    yield from visit("", root)


def owner_of(path: str, root: type[BaseModel] = Case) -> tuple[type[BaseModel], str] | None:
    """The model class and field a dotted case-field path ends in (``defendants[0].charges[0].article`` →
    ``(Charge, "article")``), or ``None`` when the path leaves the model."""
    names = [token.split("[")[0] for token in path.split(".") if token]
    owner: type[BaseModel] = root
    for i, name in enumerate(names):
        if name not in owner.model_fields:
            return None
        if i == len(names) - 1:
            return owner, name
        s = shape(owner, name)
        if s.model is None:  # a mapping of scalars: the last token is its key (``relationship.d1``)
            return (owner, name) if s.container == "dict" and i == len(names) - 2 else None
        owner = s.model
    return None
