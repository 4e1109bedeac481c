"""Loading and validating rule files: every fact, operator, citation and template variable checked."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sentencecheck.errors import InputError, RuleError
from sentencecheck.io.documents import read_document, validation_problems
from sentencecheck.law.book import StatuteBook, load_statute_book
from sentencecheck.paths import bundled_rules_dir
from sentencecheck.rules.conditions import ConditionError, Truth, parse, truth
from sentencecheck.rules.encoding import BIG, encode
from sentencecheck.rules.model import (
    CHARGE_CITATION,
    CONTEXT_VARS,
    TEMPLATE_UNITS,
    TEMPLATE_VAR,
    Example,
    Rule,
    RuleFile,
    RuleSet,
    RuleSpec,
    stray_braces,
)
from sentencecheck.rules.vocabulary import FactSpec, with_open_domains


def _check_template(text: str, facts: Mapping[str, FactSpec], where: str) -> None:
    """Every ``{name}`` is a fact or a context variable, a ``|unit`` follows a number, no brace is left over."""
    for m in TEMPLATE_VAR.finditer(text):
        var, unit = m.group(1), m.group(2)
        if var not in facts and var not in CONTEXT_VARS:
            raise RuleError(f"{where}: unknown template variable {{{var}}}")
        if unit and (var not in facts or facts[var].kind != "number"):
            raise RuleError(f"{where}: {{{var}|{unit}}}: a unit follows a number fact only")
    if stray_braces(text):
        raise RuleError(f"{where}: a brace outside the markup {{name}}, {{name|unit}} ({', '.join(TEMPLATE_UNITS)}) "
                        "or {g:masculine|feminine}")


def _domains(book: StatuteBook) -> dict[str, FactSpec]:
    articles = tuple(f"{code} {art}" for code, art in book.articles)
    parts = tuple(p.part for a in book.articles.values() for p in a.parts if p.part)
    return with_open_domains(articles, parts)


def load_rule_set(rules_dir: Path | None = None) -> RuleSet:
    """Load the statute data (``rules/law``) and every rule file (``rules/*.yaml``) under ``rules_dir``."""
    root = rules_dir or bundled_rules_dir()
    if not root.is_dir():
        raise RuleError(f"rules folder not found: {root}")
    book = load_statute_book(root / "law")
    facts = _domains(book)
    sha = hashlib.sha256(book.digest.encode())
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(p for p in root.glob("*.yaml") if p.is_file())
    for path in files:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
        data, node = read_document(path)
        try:
            rule_file = RuleFile.model_validate(data)
        except ValidationError as exc:
            raise InputError("invalid rule file", str(path), validation_problems(exc, node)) from None
        for spec in rule_file.rules:
            if spec.id in seen:
                raise RuleError(f"{path}: rule {spec.id}: id already used in {seen[spec.id]}")
            seen[spec.id] = str(path)
            rules.append(compile_rule(spec, facts, book, str(path), len(rules)))
    for rule in rules:
        for other in rule.spec.compatible_with:
            if other not in seen:
                raise RuleError(f"{rule.file}: rule {rule.id}: compatible_with names unknown rule {other!r}")
    check_premises(rules, facts, book)
    return RuleSet(rules, facts, book, sha.hexdigest(), [str(p) for p in files])


def check_premises(rules: list[Rule], facts: Mapping[str, FactSpec], book: StatuteBook) -> None:
    """Refuse a premise that holds on a case file stating nothing but an outcome: a finding needs known facts of
    its own pattern."""
    from sentencecheck.derive.blank import blank_values

    blanks = [(label, encode(values, facts)) for label, values in blank_values(book)]
    for rule in rules:
        for label, encoded in blanks:
            if truth(rule.premise, encoded) == Truth.TRUE:
                raise RuleError(
                    f"{rule.file}: rule {rule.id}: its premise holds on a case file that states nothing ({label}); "
                    "a premise must name known facts of the rule's own pattern"
                )


@lru_cache(maxsize=4)
def default_rule_set() -> RuleSet:
    """The bundled rule set, loaded once per process."""
    return load_rule_set()


def compile_rule(spec: RuleSpec, facts: Mapping[str, FactSpec], book: StatuteBook, file: str, order: int) -> Rule:
    """Validate one rule against the fact vocabulary and the statute data."""
    where = f"{file}: rule {spec.id}"
    try:
        premise = parse(spec.premise, facts, "premise")
        rest = None if spec.when is None else parse(spec.when, facts, "when")
    except ConditionError as exc:
        raise RuleError(f"{where}: {exc}") from None
    for citation in spec.legal_basis + spec.appeal_grounds + spec.pre_trial_remedy:
        problem = None if citation == CHARGE_CITATION else book.check_citation(citation)
        if problem:
            raise RuleError(f"{where}: legal basis {citation!r}: {problem}")
    for field_name in ("title", "explanation", "argument", "counterfactual"):
        text = getattr(spec, field_name)
        if text is None:
            continue
        for lang in ("en", "ru"):
            _check_template(getattr(text, lang), facts, f"{where}: {field_name}.{lang}")
    for kind in ("positive", "negative"):
        for i, ex in enumerate(getattr(spec.examples, kind)):
            try:
                check_example_facts(ex, facts)
            except ValueError as exc:
                raise RuleError(f"{where}: examples.{kind}[{i}] ({ex.name}): {exc}") from None
            if kind == "positive" and ex.expect == "no":
                raise RuleError(f"{where}: examples.positive[{i}] ({ex.name}) must expect holds or possible")
            if kind == "negative" and ex.expect != "no":
                raise RuleError(f"{where}: examples.negative[{i}] ({ex.name}) must expect no")
    return Rule(spec, premise, rest, file, order)


def check_example_facts(ex: Example, facts: Mapping[str, FactSpec]) -> None:
    for name, value in ex.facts.items():
        spec = facts.get(name)
        if spec is None:
            raise ValueError(f"unknown fact {name!r}")
        if value is None:
            continue
        if spec.kind == "bool" and not isinstance(value, bool):
            raise ValueError(f"{name} must be true, false or null")
        if spec.kind == "number":
            # size first: math.isfinite() raises OverflowError on a huge int
            ok = isinstance(value, int | float) and not isinstance(value, bool) and abs(value) < BIG
            if not ok or not math.isfinite(value):
                raise ValueError(f"{name} must be a number")
        if spec.kind == "enum" and value not in spec.domain:
            raise ValueError(f"{name} cannot be {value!r}")
        if spec.kind == "set":
            items = value if isinstance(value, list) else list(value) if isinstance(value, dict) else None
            if items is None or any(str(i) not in spec.domain for i in items):
                raise ValueError(f"{name} must be a list (or mapping) of items from {', '.join(spec.domain)}")


def example_values(ex: Example, facts: Mapping[str, FactSpec]) -> dict[str, Any]:
    """The derived-fact values an example describes (everything it does not name is unknown)."""
    out: dict[str, Any] = {}
    for name, value in ex.facts.items():
        spec = facts[name]
        if spec.kind == "set" and isinstance(value, list):
            out[name] = frozenset(str(i) for i in value)
        elif spec.kind == "set" and isinstance(value, dict):
            out[name] = {str(k): v for k, v in value.items()}
        else:
            out[name] = value
    return out
