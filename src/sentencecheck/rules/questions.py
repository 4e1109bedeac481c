"""Plain-language questions for the facts rules read, and labels for their values, in English and Russian.

A finding names the facts a lawyer should establish; this module turns each fact into the question whose answer
decides it, so that no rule-language key reaches a reader.  The texts live in ``questions.yaml`` beside this module.

- ``question(fact, lang)``: a yes/no fact asks a question whose *yes* means the fact is true; a number fact asks
  for the quantity; a choice fact asks which value; a set fact asks which members.
  ``question(fact, lang, item)`` (set facts only) asks whether one member is in the set: *yes* means it is.
- ``value_label(fact, value, lang)``: the label of one value of a choice or set fact, from the table of the fact's
  domain (so a value reads the same wherever it appears); the open domains, articles and parts, are written as
  citations («ст. 120 УК РК», «ч. 3»), with a table only for ``other`` and ``none``.
- ``enum_label(domain, value, lang)``: the label of a value of a named domain (``domains()`` lists them): the
  vocabulary's domains and every ``Literal`` of :mod:`sentencecheck.model.case` (:data:`MODEL_DOMAINS`:
  relationship, weapon, police action, record kind …).
- ``word(key, lang)``: ``yes``, ``no``, ``unknown``, ``none``.

Languages are :data:`LANGS`.  An unknown fact, domain, value, item or language raises :class:`KeyError`.  Loading
checks the file against the vocabulary and the model, and fails on any mismatch (:class:`QuestionsError`): a fact
missing or unknown, a domain whose values differ from the vocabulary's or the model's, an unused table, a template
without its ``{item}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args, get_origin

import yaml

from sentencecheck.errors import SentencecheckError
from sentencecheck.model import case as model
from sentencecheck.rules.vocabulary import FACTS, FactSpec

Lang = Literal["en", "ru"]
LANGS: tuple[str, ...] = get_args(Lang)
WORDS = ("yes", "no", "unknown", "none")
QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")

_ARTICLE = re.compile(r"^(CC|CAO) ([0-9]{1,4}(?:-[0-9]{1,2})?)$")
_PART = re.compile(r"^[0-9]{1,2}(?:-[0-9]{1,2})?$")
_CODE_RU = {"CC": "УК РК", "CAO": "КоАП РК"}
_ITEM_MARK = re.compile(r"\{item(?:_acc)?\}")


def _literal(annotation: object) -> tuple[str, ...]:
    """The values of the ``Literal`` inside an annotation such as ``Literal[...] | None``."""
    if get_origin(annotation) is Literal:
        return tuple(str(v) for v in get_args(annotation))
    for arg in get_args(annotation):
        found = _literal(arg)
        if found:
            return found
    return ()


def _field(cls: type[model.Strict], name: str) -> tuple[str, ...]:
    return _literal(cls.model_fields[name].annotation)


MODEL_DOMAINS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "instance": get_args(model.Instance),
    "record_kind": get_args(model.RecordKind),
    "code": get_args(model.Code),
    "sex": get_args(model.Sex),
    "relationship": get_args(model.Relationship),
    "sentence_kind": get_args(model.SentenceKind),
    "outcome": get_args(model.OutcomeKind),
    "dismissal_ground": get_args(model.DismissalGround),
    "leniency_ground": get_args(model.LeniencyGround),
    "harm_level": get_args(model.Severity),
    "weapon": get_args(model.Weapon),
    "police_action": get_args(model.PoliceAction),
    "court_on_defence": get_args(model.CourtOnDefence),
    "charge_stage": _field(model.Charge, "stage"),
    "suicide": _field(model.Harm, "suicide"),
    "defender_means": _field(model.SelfDefence, "defender_means"),
    "finding_direction": _field(model.ExpectedFinding, "direction"),
    "finding_confidence": _field(model.ExpectedFinding, "confidence"),
})
"""Each domain that holds the values of a ``Literal`` of the case model, with those values."""

CITATION_DOMAINS = ("article", "part")
"""Open domains whose values are written as citations; their tables hold only the words (``other``, ``none``)."""


class QuestionsError(SentencecheckError):
    """questions.yaml does not match the vocabulary or the model."""


@dataclass(frozen=True)
class Text:
    """One text in both languages; ``ru_acc`` is the Russian accusative where it differs from ``ru``."""

    en: str
    ru: str
    ru_acc: str | None = None

    def get(self, lang: str, accusative: bool = False) -> str:
        if lang == "ru":
            return (self.ru_acc or self.ru) if accusative else self.ru
        if lang == "en":
            return self.en
        raise KeyError(f"unknown language {lang!r} (expected one of {', '.join(LANGS)})")


@dataclass(frozen=True)
class FactQuestion:
    """The question of one fact, the domain of its values (choice and set facts) and its member question."""

    ask: Text
    domain: str | None = None
    item: Text | None = None
    """For a set fact: the question about one member, with ``{item}`` or ``{item_acc}``."""


@dataclass(frozen=True)
class Questions:
    """The validated contents of a questions file."""

    facts: Mapping[str, FactQuestion]
    domains: Mapping[str, Mapping[str, Text]]
    words: Mapping[str, Text]


def _text(raw: object, where: str, accusative: bool = False) -> Text:
    allowed = {"en", "ru", "ru_acc"} if accusative else {"en", "ru"}
    if not isinstance(raw, dict) or not {"en", "ru"} <= set(raw) or not set(raw) <= allowed:
        raise QuestionsError(f"{where}: expected a mapping with {' and '.join(sorted(allowed))} (en and ru required)")
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise QuestionsError(f"{where}.{key}: expected non-empty text")
        if "{" in value or "}" in value:
            raise QuestionsError(f"{where}.{key}: braces are allowed only in the item questions of set facts")
    return Text(raw["en"], raw["ru"], raw.get("ru_acc"))


def _item_text(raw: object, where: str) -> Text:
    if not isinstance(raw, dict) or set(raw) != {"en", "ru"}:
        raise QuestionsError(f"{where}: expected a mapping with en and ru")
    for key, value in raw.items():
        if not isinstance(value, str) or len(_ITEM_MARK.findall(value)) != 1:
            raise QuestionsError(f"{where}.{key}: expected text with exactly one {{item}} or {{item_acc}}")
        rest = _ITEM_MARK.sub("", value)
        if "{" in rest or "}" in rest:
            raise QuestionsError(f"{where}.{key}: a brace outside {{item}} or {{item_acc}}")
    return Text(raw["en"], raw["ru"])


def _fact(name: str, raw: object, spec: FactSpec, domains: Mapping[str, Mapping[str, Text]]) -> FactQuestion:
    where = f"facts.{name}"
    if not isinstance(raw, dict):
        raise QuestionsError(f"{where}: expected a mapping")
    extra = set(raw) - {"en", "ru", "domain", "item"}
    if extra:
        raise QuestionsError(f"{where}: unknown keys {', '.join(sorted(extra))}")
    ask = _text({k: raw[k] for k in ("en", "ru") if k in raw}, where)
    domain = raw.get("domain")
    if spec.kind in ("enum", "set"):
        if not isinstance(domain, str) or domain not in domains:
            raise QuestionsError(f"{where}: a {spec.kind} fact names its domain (one of the tables under domains)")
        if spec.domain and set(domains[domain]) != set(spec.domain):
            raise QuestionsError(f"{where}: domain {domain} has values {sorted(domains[domain])}, the vocabulary "
                                 f"{sorted(spec.domain)}")
        if not spec.domain and domain not in CITATION_DOMAINS:
            raise QuestionsError(f"{where}: an open domain is one of {', '.join(CITATION_DOMAINS)}")
    elif domain is not None:
        raise QuestionsError(f"{where}: a {spec.kind} fact has no domain")
    if (spec.kind == "set") != ("item" in raw):
        raise QuestionsError(f"{where}: a set fact, and only a set fact, has an item question")
    item = _item_text(raw["item"], f"{where}.item") if "item" in raw else None
    return FactQuestion(ask, domain, item)


def _mapping(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict) or not all(isinstance(k, str) for k in raw):
        raise QuestionsError(f"{where}: expected a mapping with text keys (quote keys such as \"yes\" or \"1\")")
    return raw


def parse(data: object, facts: Mapping[str, FactSpec] = FACTS) -> Questions:
    """Validate the parsed contents of questions.yaml against ``facts`` and the case model."""
    top = _mapping(data, "questions.yaml")
    if set(top) != {"words", "facts", "domains"}:
        raise QuestionsError("questions.yaml: expected exactly the sections words, facts, domains")
    words_raw = _mapping(top["words"], "words")
    if set(words_raw) != set(WORDS):
        raise QuestionsError(f"words: expected exactly {', '.join(WORDS)}")
    words = {k: _text(v, f"words.{k}") for k, v in words_raw.items()}
    domains: dict[str, dict[str, Text]] = {}
    for name, table in _mapping(top["domains"], "domains").items():
        domains[name] = {v: _text(t, f"domains.{name}.{v}", accusative=True)
                         for v, t in _mapping(table, f"domains.{name}").items()}
    for name, values in MODEL_DOMAINS.items():
        if set(domains.get(name, {})) != set(values):
            raise QuestionsError(f"domains.{name}: expected exactly the model's values {', '.join(values)}")
    facts_raw = _mapping(top["facts"], "facts")
    unknown = sorted(set(facts_raw) - set(facts))
    missing = sorted(set(facts) - set(facts_raw))
    if unknown:
        raise QuestionsError(f"facts: not in the vocabulary: {', '.join(unknown)}")
    if missing:
        raise QuestionsError(f"facts: no question for {', '.join(missing)}")
    parsed = {name: _fact(name, facts_raw[name], spec, domains) for name, spec in facts.items()}
    unused = sorted(set(domains) - set(MODEL_DOMAINS) - {q.domain for q in parsed.values()})
    if unused:
        raise QuestionsError(f"domains: no fact or model choice uses {', '.join(unused)}")
    return Questions(MappingProxyType(parsed), MappingProxyType(domains), MappingProxyType(words))


def load(path: Path = QUESTIONS_FILE) -> Questions:
    """Read and validate a questions file (the bundled one by default)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise QuestionsError(f"{path}: cannot read: {exc}") from None
    return parse(data)


@cache
def bundled() -> Questions:
    """The bundled questions, loaded once."""
    return load()


def _entry(fact: str) -> FactQuestion:
    try:
        return bundled().facts[fact]
    except KeyError:
        raise KeyError(f"unknown fact {fact!r}") from None


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r} (expected one of {', '.join(LANGS)})")


def _citation(domain: str, value: str, lang: str) -> str | None:
    """An article ('CC 120') or a part ('3-1') written as a citation, or None for a word of the table."""
    if domain == "article" and (m := _ARTICLE.match(value)):
        return value if lang == "en" else f"ст. {m.group(2)} {_CODE_RU[m.group(1)]}"
    if domain == "part" and _PART.match(value):
        return f"part {value}" if lang == "en" else f"ч. {value}"
    return None


def _label(domain: str, value: str, lang: str, accusative: bool = False) -> str:
    _check_lang(lang)
    tables = bundled().domains
    if domain not in tables:
        raise KeyError(f"unknown domain {domain!r}")
    cited = _citation(domain, value, lang)
    if cited is not None:
        return cited
    try:
        return tables[domain][value].get(lang, accusative)
    except KeyError:
        raise KeyError(f"{value!r} is not a value of domain {domain!r}") from None


def enum_label(domain: str, value: str, lang: str) -> str:
    """The label of ``value`` in ``domain`` (one of ``domains()``)."""
    return _label(domain, value, lang)


def value_label(fact: str, value: str, lang: str) -> str:
    """The label of a value of a choice or set fact."""
    entry = _entry(fact)
    if entry.domain is None:
        raise KeyError(f"fact {fact!r} has no values to label: it is a {FACTS[fact].kind} fact")
    return _label(entry.domain, value, lang)


def question(fact: str, lang: str, item: str | None = None) -> str:
    """The question whose answer decides ``fact``; for a set fact with ``item``, whether that member is in the set."""
    entry = _entry(fact)
    _check_lang(lang)
    if item is None:
        return entry.ask.get(lang)
    if entry.item is None or entry.domain is None:
        raise KeyError(f"fact {fact!r} is not a set fact: it takes no item")
    text = entry.item.get(lang)
    return (text.replace("{item_acc}", _label(entry.domain, item, lang, accusative=True))
            .replace("{item}", _label(entry.domain, item, lang)))


def word(key: str, lang: str) -> str:
    """``yes``, ``no``, ``unknown`` or ``none`` in ``lang``."""
    _check_lang(lang)
    try:
        return bundled().words[key].get(lang)
    except KeyError:
        raise KeyError(f"unknown word {key!r} (expected one of {', '.join(WORDS)})") from None


def domains() -> tuple[str, ...]:
    """The names of every labelled domain, sorted."""
    return tuple(sorted(bundled().domains))


__all__ = [
    "CITATION_DOMAINS",
    "LANGS",
    "MODEL_DOMAINS",
    "QUESTIONS_FILE",
    "WORDS",
    "FactQuestion",
    "Questions",
    "QuestionsError",
    "Text",
    "bundled",
    "domains",
    "enum_label",
    "load",
    "parse",
    "question",
    "value_label",
    "word",
]
