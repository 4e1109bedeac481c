"""Derived facts declared once, with the function that computes them and the part of the case file they come from.

Each producer declares the facts it returns::

    @derives("harm", "harm.death", "harm.severity")
    def _harm_facts(case: Case, d: Defendant) -> dict[str, Any]: ...

- at import (load) time a declared name that is not in the vocabulary is an error naming the function and the name,
  and so is a fact declared by two producers; a producer that changes a fact another one computes (per charge, say)
  declares it with ``refines=``;
- once the derive package is imported, :meth:`Registry.check_complete` requires one producer for every fact of the
  vocabulary (``sentencecheck.derive`` calls it);
- at run time a producer that returns a name it did not declare raises.

Stacking ``@derives`` on one function declares facts of several areas. The area of a fact tells the report which
sources of the case file to cite for it (``report/build.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, ParamSpec, get_args

from sentencecheck.rules.vocabulary import FACTS, FactSpec

Area = Literal["proceeding", "defendant", "victims", "harm", "history", "self_defence", "charge", "sentence"]
"""Where in the case file a fact comes from: the proceeding, the defendant (and the outcome), the victims, the harm,
the history before the offence, the self-defence block, the charge (and its law), the sentence (and the requests)."""
AREAS: tuple[Area, ...] = get_args(Area)

P = ParamSpec("P")
Producer = Callable[P, dict[str, Any]]
_DECLARED = "__derives__"


class FactDeclarationError(LookupError):
    """A derived fact declared or returned against the vocabulary or the registry."""


@dataclass(frozen=True)
class Declaration:
    """One fact, the function that computes it, its area, and the functions that refine it afterwards."""

    name: str
    producer: str
    area: Area
    refiners: tuple[str, ...] = ()


def qualified_name(fn: Callable[..., Any]) -> str:
    return f"{fn.__module__}.{fn.__qualname__}"


class Registry:
    """The producers of the facts of one vocabulary."""

    def __init__(self, facts: Mapping[str, FactSpec]) -> None:
        self.facts = facts
        self._declared: dict[str, Declaration] = {}
        self._refiners: dict[str, list[tuple[str, Area]]] = {}

    def derives(self, area: Area, *names: str, refines: tuple[str, ...] = ()) -> Callable[[Producer[P]], Producer[P]]:
        """Declare that the decorated function computes ``names`` (and changes ``refines``), all from ``area``."""
        if area not in AREAS:
            raise FactDeclarationError(f"unknown source area {area!r} (one of {', '.join(AREAS)})")

        def declare(fn: Producer[P]) -> Producer[P]:
            owner = qualified_name(fn)
            for name in (*names, *refines):
                if name not in self.facts:
                    raise FactDeclarationError(f"{owner} declares {name!r}, which is not in the vocabulary")
            for name in names:
                earlier = self._declared.get(name)
                if earlier is not None:
                    raise FactDeclarationError(f"{owner} declares {name!r}, which {earlier.producer} computes "
                                               "(declare a later change with refines=)")
            for name in names:
                self._declared[name] = Declaration(name, owner, area)
            for name in refines:
                self._refiners.setdefault(name, []).append((owner, area))
            allowed: set[str] | None = getattr(fn, _DECLARED, None)
            if allowed is not None:  # a stacked declaration: the function is already checked
                allowed.update(names, refines)
                return fn
            return self._checked(fn, owner, {*names, *refines})

        return declare

    @staticmethod
    def _checked(fn: Producer[P], owner: str, allowed: set[str]) -> Producer[P]:
        @functools.wraps(fn)
        def producer(*args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
            out = fn(*args, **kwargs)
            if not out.keys() <= allowed:
                stray = ", ".join(sorted(set(out) - allowed))
                raise FactDeclarationError(f"{owner} returned {stray}, which it does not declare")
            return out

        setattr(producer, _DECLARED, allowed)
        return producer

    def check_complete(self) -> None:
        """One producer for every fact of the vocabulary; a refiner only of a fact with a producer, in its area."""
        missing = [name for name in self.facts if name not in self._declared]
        if missing:
            raise FactDeclarationError(f"no producer declares {', '.join(missing)}")
        for name, refiners in self._refiners.items():
            for owner, area in refiners:
                if area != self._declared[name].area:
                    raise FactDeclarationError(f"{owner} refines {name!r} from {area!r}, but {name!r} comes from "
                                               f"{self._declared[name].area!r}")

    def declaration(self, name: str) -> Declaration:
        """The producer, area and refiners of a fact (KeyError for a fact no producer declares)."""
        found = self._declared[name]
        refiners = tuple(owner for owner, _ in self._refiners.get(name, ()))
        return Declaration(found.name, found.producer, found.area, refiners) if refiners else found

    def area_of(self, name: str) -> Area:
        return self._declared[name].area


REGISTRY = Registry(FACTS)
"""The producers of the vocabulary's facts: every module of ``sentencecheck.derive`` declares into it."""
derives = REGISTRY.derives
area_of = REGISTRY.area_of

__all__ = ["AREAS", "REGISTRY", "Area", "Declaration", "FactDeclarationError", "Registry", "area_of", "derives"]
