"""Reading the case model's field annotations."""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin


def members(annotation: Any) -> list[Any]:
    """The types a field annotation may hold: ``Annotated`` stripped and unions split."""
    if get_origin(annotation) is Annotated:
        return members(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [m for arg in get_args(annotation) for m in members(arg)]
    return [annotation]
