"""Derived facts declared once with their producer and source area (sentencecheck.derive.registry)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from sentencecheck.derive.registry import AREAS, REGISTRY, FactDeclarationError, Registry
from sentencecheck.rules.vocabulary import FACTS, facts_markdown

_SMALL = {name: FACTS[name] for name in ("harm.death", "harm.severity", "harm.grave", "sentence.kind")}


def test_a_misspelt_declared_fact_stops_the_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "misspelt_producer.py").write_text(
        "from typing import Any\n"
        "from sentencecheck.derive.registry import derives\n\n\n"
        "@derives('harm', 'harm.death', 'harm.deth')\n"
        "def harm_facts() -> dict[str, Any]:\n"
        "    return {}\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "misspelt_producer", raising=False)
    with pytest.raises(FactDeclarationError, match=r"misspelt_producer\.harm_facts declares 'harm\.deth'"):
        importlib.import_module("misspelt_producer")
    # nothing of the failed module was registered: harm.death keeps its one producer
    assert REGISTRY.declaration("harm.death").producer == "sentencecheck.derive.party._harm_facts"


def test_a_fact_declared_twice_is_an_error_naming_both_producers() -> None:
    registry = Registry(_SMALL)

    @registry.derives("harm", "harm.death")
    def first() -> dict[str, Any]:
        return {}

    with pytest.raises(FactDeclarationError, match=r"second declares 'harm\.death', which .*first computes"):
        @registry.derives("harm", "harm.death")
        def second() -> dict[str, Any]:
            return {}


def test_an_unknown_area_is_an_error() -> None:
    with pytest.raises(FactDeclarationError, match="unknown source area 'harms'"):
        Registry(_SMALL).derives("harms", "harm.death")  # type: ignore[arg-type]


def test_a_producer_returning_a_fact_it_does_not_declare_raises() -> None:
    registry = Registry(_SMALL)

    @registry.derives("harm", "harm.death", "harm.severity")
    def harm(extra: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"harm.death": True}
        if extra:
            out["harm.grave"] = True
        return out

    assert harm(False) == {"harm.death": True}  # a subset of the declared facts is fine
    with pytest.raises(FactDeclarationError, match=r"harm returned harm\.grave, which it does not declare"):
        harm(True)


def test_stacked_declarations_share_one_check_and_keep_their_areas() -> None:
    registry = Registry(_SMALL)

    @registry.derives("harm", "harm.death", "harm.severity", "harm.grave")
    @registry.derives("sentence", "sentence.kind")
    def both() -> dict[str, Any]:
        return {"harm.death": None, "sentence.kind": "fine"}

    assert both() == {"harm.death": None, "sentence.kind": "fine"}
    assert registry.area_of("harm.death") == "harm" and registry.area_of("sentence.kind") == "sentence"
    registry.check_complete()


def test_a_fact_without_a_producer_is_an_error_once_all_are_declared() -> None:
    registry = Registry(_SMALL)
    registry.derives("harm", "harm.death", "harm.severity")(lambda: {})
    registry.derives("sentence", "sentence.kind")(lambda: {})
    with pytest.raises(FactDeclarationError, match=r"no producer declares harm\.grave"):
        registry.check_complete()


def test_a_refinement_needs_a_producer_in_the_same_area() -> None:
    registry = Registry(_SMALL)
    registry.derives("harm", "harm.death", "harm.severity", "harm.grave")(lambda: {})

    @registry.derives("sentence", "sentence.kind", refines=("harm.grave",))
    def per_charge() -> dict[str, Any]:
        return {"harm.grave": False}

    assert per_charge() == {"harm.grave": False}  # a refined fact may be returned
    with pytest.raises(FactDeclarationError, match=r"per_charge refines 'harm\.grave' from 'sentence'"):
        registry.check_complete()


def test_every_fact_has_one_producer_that_declares_it() -> None:
    REGISTRY.check_complete()
    for name in FACTS:
        found = REGISTRY.declaration(name)
        for owner in (found.producer, *found.refiners):
            module, _, function = owner.rpartition(".")
            assert module.startswith("sentencecheck.derive."), (name, owner)
            declared = getattr(importlib.import_module(module), function).__derives__
            assert name in declared, (name, owner)


_AREA_OF_PREFIX = {
    "proceeding": "proceeding",
    "victim": "victims",
    "harm": "harm",
    "history": "history",
    "defence": "self_defence",
    "charge": "charge",
    "law": "charge",
    "supported": "charge",
    "reconciliation": "charge",
    "sentence": "sentence",
    "request": "sentence",
}
"""What the report cited for a fact before the areas were declared: by the prefix of its name, the defendant's own
sources for every other prefix (record, outcome, dismissal, defendant, group, mitigating, aggravating, leniency,
cc55, conduct, earlier, review, combined, torment, suicide, limitation, ref)."""


def test_the_area_of_every_fact() -> None:
    for name in FACTS:
        assert REGISTRY.area_of(name) == _AREA_OF_PREFIX.get(name.split(".")[0], "defendant"), name
    assert {REGISTRY.area_of(name) for name in FACTS} == set(AREAS)


def test_the_facts_page_names_each_producer_and_area() -> None:
    rows = {line.split(" | ")[0]: line for line in facts_markdown().splitlines() if line.startswith("| `")}
    assert rows["| `harm.death`"].endswith("| `party._harm_facts` | harm |")
    assert rows["| `mitigating.present`"].endswith(
        "| `party._circumstance_facts` then `charge._mitigation` | defendant |")
    assert len(rows) == len(FACTS)
