"""The interview's pages: one topic each (the decision; each defendant's particulars, charges, sentence and
circumstances; victims; harm; history of violence; self-defence), and the fields on each, built from the case model
(:mod:`sentencecheck.casefile.fields`) and the questions behind its fields.

A field asks the rule-level question of its fact where the rules have one (:data:`FACT_OF_FIELD`, worded by
:func:`sentencecheck.rules.questions.question`), otherwise the case-file question
(:func:`sentencecheck.casefile.questions.load_questions`).  Values are labelled as the reports label them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from pydantic import BaseModel

from sentencecheck.casefile.fields import FieldShape
from sentencecheck.casefile.questions import Lang, load_questions
from sentencecheck.interview import fieldpaths
from sentencecheck.interview.labels import label
from sentencecheck.interview.values import Kind, shown
from sentencecheck.io.annotations import members
from sentencecheck.model.case import AgeRange, Case, Defendant, History, Proceeding, SelfDefence
from sentencecheck.rules import questions as fact_questions

SKIP = frozenset({"source", "sources", "expected_findings", "extraction", "illustrative", "offence_date_approximate"})
"""Fields the interview does not ask: sources and the drafting record (kept as the file has them), the project's
own expectations, and the flag an approximate offence date sets by itself."""

DEFENDANT_PAGES: dict[str, tuple[str, ...]] = {
    "particulars": (),  # every field the other pages do not ask
    "charges": ("charges",),
    "sentence": ("outcome", "sentence", "prosecution_request", "victim_request", "earlier"),
    "circumstances": ("mitigating_recognised", "aggravating_recognised", "mitigating_in_facts",
                      "aggravating_in_facts", "exceptional_circumstances_recorded", "affect_examined",
                      "accelerated_or_plea_agreement", "leniency_grounds", "remained_in_contact_with_victims"),
}
CASE_FIELDS = ("id", "title", "record", "summary")

FACT_OF_FIELD: dict[tuple[str, str], str] = {
    ("Proceeding", "instance"): "proceeding.instance",
    ("Proceeding", "review_after_public_outcry"): "proceeding.after_public_outcry",
    ("Defendant", "sex"): "defendant.sex",
    ("Defendant", "public_office"): "defendant.public_office",
    ("Defendant", "used_official_position"): "defendant.used_official_position",
    ("Defendant", "used_uniform_or_documents"): "defendant.used_uniform",
    ("Defendant", "prior_convictions"): "defendant.prior_convictions",
    ("Defendant", "prior_reconciliation_release"): "defendant.prior_reconciliation_release",
    ("Defendant", "intoxicated"): "defendant.intoxicated",
    ("Defendant", "evaded_justice"): "defendant.evaded_justice",
    ("Defendant", "employed"): "defendant.employed",
    ("Defendant", "affect_examined"): "defendant.affect_examined",
    ("Defendant", "exceptional_circumstances_recorded"): "defendant.exceptional_circumstances",
    ("Defendant", "remained_in_contact_with_victims"): "defendant.remained_in_contact",
    ("Defendant", "accelerated_or_plea_agreement"): "defendant.plea_agreement",
    ("Defendant", "prior_conspiracy"): "group.prior_conspiracy",
    ("Outcome", "kind"): "outcome",
    ("Outcome", "dismissal_ground"): "outcome.dismissal_ground",
    ("Charge", "stage"): "charge.stage",
    ("Charge", "group_element"): "charge.group_applied",
    ("Victim", "known_to_offender"): "victim.known_to_offender",
    ("Victim", "penalised_after_complaint"): "victim.penalised_after_complaint",
    ("Harm", "beating"): "harm.beating",
    ("Harm", "special_cruelty_established"): "harm.special_cruelty",
    ("Harm", "sexual_violence"): "harm.sexual_violence",
    ("Harm", "sexual_harassment"): "conduct.sexual_harassment",
    ("Harm", "sexual_coercion"): "conduct.sexual_coercion",
    ("History", "complaint_investigated"): "history.complaint_investigated",
    ("SelfDefence", "claimed"): "defence.claimed",
    ("SelfDefence", "attack_in_progress"): "defence.attack_in_progress",
    ("SelfDefence", "life_threatening"): "defence.life_threatening",
    ("SelfDefence", "sexual"): "defence.sexual",
    ("SelfDefence", "fear_or_confusion"): "defence.fear_or_confusion",
    ("SelfDefence", "court_considered_cc32"): "defence.court_considered_cc32",
    ("SelfDefence", "court_considered_cc102"): "defence.court_considered_cc102",
    ("SelfDefence", "court_considered_cc66"): "defence.court_considered_cc66",
    ("SelfDefence", "court_finding"): "defence.court_finding",
}
"""Fields that hold one fact of the rules as it is: the rules' question for that fact is asked (the per-defendant,
per-charge and self-defence facts; the victim and harm facts that do not gather several entries)."""

REFERENCES: dict[tuple[str, str], str] = {
    ("Harm", "victim"): "victims",
    ("Harm", "caused_by"): "defendants",
    ("Abuse", "by"): "parties",
    ("Abuse", "against"): "parties",
    ("Complaint", "by"): "parties",
    ("Complaint", "against"): "parties",
    ("ProtectiveOrder", "against"): "parties",
    ("AdminPenalty", "against"): "parties",
    ("SelfDefence", "defender"): "defendants",
    ("SelfDefence", "attacker"): "parties",
    ("Defendant", "acted_together_with"): "defendants",
}
"""Fields that name parties by id: a select (or checkboxes) of the case's defendants, victims or both."""

ITEM_DOMAINS = {"mitigating_recognised": "cc53_item", "mitigating_in_facts": "cc53_item",
                "aggravating_recognised": "cc54_item", "aggravating_in_facts": "cc54_item"}
LONG_TEXT = frozenset({"summary", "facts_support_reason"})
HINTS = {"date": "hint_date", "age": "hint_age", "count": "hint_count", "numbers": "hint_numbers",
         "article": "hint_article", "part": "hint_part", "offence_date": "hint_offence_date"}
COMPACT = frozenset({"Term"})
"""Sections shown as one row of small inputs."""


@dataclass
class Draft:
    """A value `sentencecheck extract` drafted, with the passage it was read from."""

    path: str
    source: str
    quote: str
    paragraph: str
    status: str = "pending"  # pending | accepted | corrected


@dataclass
class Marks:
    """What the page shows beside its fields: validation errors, drafted values, the paths not found."""

    errors: dict[str, list[str]] = field(default_factory=dict)
    drafts: dict[str, Draft] = field(default_factory=dict)
    not_found: tuple[str, ...] = ()


@dataclass
class Node:
    node_type: ClassVar[str] = "node"
    path: str
    label: str
    errors: list[str] = field(default_factory=list)
    draft: Draft | None = None
    not_found: bool = False

    @property
    def anchor(self) -> str:
        return anchor(self.path)


@dataclass
class Field(Node):
    """One question: its input, its current value, its options."""

    node_type: ClassVar[str] = "field"

    kind: Kind = "text"
    question: str = ""
    fact: str | None = None
    options: list[tuple[str, str]] = field(default_factory=list)
    value: str = ""
    values: list[str] = field(default_factory=list)
    nullable: bool = True
    required: bool = False
    stated: bool = True
    """For a list a case file may leave out (``null``, not stated): whether it is stated."""
    hint: str = ""
    unanswered: bool = False


@dataclass
class Section(Node):
    """A nested part of the case (an outcome, a sentence, a term) or one entry of a list."""

    node_type: ClassVar[str] = "section"

    children: list[Node] = field(default_factory=list)
    removable: bool = False
    compact: bool = False
    optional: bool = False
    """A part the decision may not state (a request, a probation period): folded while empty."""
    empty: bool = False


@dataclass
class Entries(Node):
    """A list of entries (charges, victims, harm, complaints …), each removable, with a button to add one."""

    node_type: ClassVar[str] = "entries"

    entries: list[Section] = field(default_factory=list)
    nullable: bool = False
    stated: bool = True
    add_label: str = ""


@dataclass(frozen=True)
class Topic:
    """One page of the interview."""

    key: str
    title: str
    group: str
    prefixes: tuple[str, ...]


def anchor(path: str) -> str:
    """An HTML id for a field path."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "_", path)


def topics(data: dict[str, Any], lang: str) -> list[Topic]:
    """The pages of the case, in order."""
    out = [Topic("decision", label("topic_decision", lang), "", ("id", "title", "record", "summary", "proceeding"))]
    for i, d in enumerate(_entries(data, "defendants")):
        who = party_name(d, f"d{i + 1}")
        for page in DEFENDANT_PAGES:
            prefixes = tuple(f"defendants[{i}].{name}" for name in _defendant_fields(page))
            if page == "particulars":
                prefixes = (f"defendants[{i}]", *prefixes)
            out.append(Topic(f"defendant-{i}-{page}", label(f"topic_{page}", lang), who, prefixes))
    out += [
        Topic("victims", label("topic_victims", lang), "", ("victims",)),
        Topic("harm", label("topic_harm", lang), "", ("harm",)),
        Topic("history", label("topic_history", lang), "", ("history",)),
        Topic("self-defence", label("topic_self_defence", lang), "", ("self_defence",)),
    ]
    return out


def topic_of(path: str, all_topics: list[Topic]) -> Topic:
    """The page a field path is asked on (the decision page for what no page asks)."""
    best: tuple[int, Topic] | None = None
    for t in all_topics:
        for prefix in t.prefixes:
            if fieldpaths.under(path, prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), t)
    return best[1] if best else all_topics[0]


def _defendant_fields(page: str) -> tuple[str, ...]:
    if page != "particulars":
        return DEFENDANT_PAGES[page]
    asked_elsewhere = {n for names in DEFENDANT_PAGES.values() for n in names}
    return tuple(n for n in Defendant.model_fields if n not in asked_elsewhere and n not in SKIP)


def _entries(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    value = data.get(name)
    return [x if isinstance(x, dict) else {} for x in value] if isinstance(value, list) else []


def party_name(entry: dict[str, Any], fallback: str) -> str:
    ident = entry.get("id") or fallback
    name = entry.get("name")
    return f"{ident} — {name}" if isinstance(name, str) and name.strip() else str(ident)


@dataclass
class Page:
    """One page as shown: its fields, and what no field of it shows (errors, drafted values, paths not found)."""

    topic: Topic
    nodes: list[Node]
    errors: list[str] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    not_found_fields: list[Field] = field(default_factory=list)
    """Fields the draft did not find: asked first on the page."""
    not_found_other: list[tuple[str, str]] = field(default_factory=list)
    """(label, anchor) of sections and lists the draft did not find; the anchor is empty when the page has no
    place for the path."""


def build(topic: Topic, data: dict[str, Any], lang: str, marks: Marks, all_topics: list[Topic] | None = None) -> Page:
    """The fields of one page, with their values and marks."""
    builder = _Builder(data, lang)
    key = topic.key
    nodes: list[Node]
    if key == "decision":
        nodes = [builder.field(Case, name, name) for name in CASE_FIELDS]
        nodes += builder.fields(Proceeding, "proceeding")
    elif key.startswith("defendant-"):
        _, index, part = key.split("-", 2)
        base = f"defendants[{index}]"
        nodes = [builder.node(Defendant, name, f"{base}.{name}") for name in _defendant_fields(part)]
    elif key in ("victims", "harm"):
        nodes = [builder.node(Case, key, key)]
    elif key == "history":
        nodes = builder.fields(History, "history")
    else:
        nodes = builder.fields(SelfDefence, "self_defence") if isinstance(data.get("self_defence"), dict) else []
    page = Page(topic, nodes)
    _attach(page, marks, all_topics or topics(data, lang))
    return page


class _Builder:
    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.data, self.lang = data, lang
        self.questions = load_questions()
        self.qlang = question_lang(lang)

    def fields(self, owner: type[BaseModel], base: str) -> list[Node]:
        return [self.node(owner, name, fieldpaths.child(base, name)) for name in owner.model_fields
                if name not in SKIP]

    def node(self, owner: type[BaseModel], name: str, path: str) -> Node:
        s = fieldpaths.shape(owner, name)
        if s.model is not None and s.container == "list":
            return self.entries(owner, name, path, s)
        if s.model is not None and not s.scalar_or_model and s.container is None:
            children = self.fields(s.model, path)
            raw = fieldpaths.get(self.data, path)
            return Section(path, self.question(owner, name), children=children,
                           compact=s.model.__name__ in COMPACT, optional=not s.required,
                           empty=raw is None or raw == {})
        if s.container == "dict" and s.model is None:
            return self.relationship(owner, name, path, s)
        return self.field(owner, name, path)

    def question(self, owner: type[BaseModel], name: str) -> str:
        q = self.questions.field(owner.__name__, name)
        return short(q.get(self.qlang)) if q else name

    def field(self, owner: type[BaseModel], name: str, path: str) -> Field:
        s = fieldpaths.shape(owner, name)
        kind = field_kind(owner, name, s)
        q = self.questions.field(owner.__name__, name)
        fact = FACT_OF_FIELD.get((owner.__name__, name))
        text = fact_questions.question(fact, self.lang) if fact else self.question(owner, name)
        raw = fieldpaths.get(self.data, path)
        f = Field(path, text, kind=kind, question=q.get(self.qlang) if q else "", fact=fact,
                  nullable=s.nullable, required=s.required, hint=label(HINTS[kind], self.lang) if kind in HINTS else "")
        if name in HINTS:
            f.hint = label(HINTS[name], self.lang)
        f.options = self.options(owner, name, s, kind, path)
        if kind in ("items", "multi", "refs"):
            f.stated = raw is not None
            f.values = [str(v) for v in raw] if isinstance(raw, list) else []
            f.value = "" if isinstance(raw, list) or raw is None else str(raw)
        else:
            f.value = shown(kind, raw, self.lang)
            if raw is None and not s.nullable and not s.required and s.default is not None:
                f.value = shown(kind, s.default, self.lang)
        f.unanswered = raw is None and s.nullable and kind in ("tri", "choice")
        if kind in ("choice", "ref") and f.value and f.value not in {v for v, _ in f.options}:
            f.options.append((f.value, f.value))  # a value the file holds is never dropped from the select
        return f

    def options(self, owner: type[BaseModel], name: str, s: FieldShape, kind: Kind, path: str) -> list[tuple[str, str]]:
        if kind in ("ref", "refs"):
            return self.parties(REFERENCES[(owner.__name__, name)], exclude=path.rsplit(".", 1)[0])
        if kind == "items":
            top = 11 if ITEM_DOMAINS[name] == "cc53_item" else 16
            return [(str(i), fact_questions.enum_label(ITEM_DOMAINS[name], str(i), self.lang))
                    for i in range(1, top + 1)]
        return [(v, value_label(owner, name, v, self.lang)) for v in s.choices]

    def parties(self, which: str, exclude: str = "") -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for section in ("defendants", "victims"):
            if which in (section, "parties"):
                for i, entry in enumerate(_entries(self.data, section)):
                    if f"{section}[{i}]" == exclude:
                        continue
                    ident = entry.get("id")
                    if isinstance(ident, str) and ident:
                        out.append((ident, party_name(entry, ident)))
        return out

    def relationship(self, owner: type[BaseModel], name: str, path: str, s: FieldShape) -> Section:
        raw = fieldpaths.get(self.data, path)
        known = dict(raw) if isinstance(raw, dict) else {}
        children: list[Node] = []
        idents = [v for v, _ in self.parties("defendants")] + [k for k in known if isinstance(k, str)]
        for ident in dict.fromkeys(idents):
            sub = f"{path}.{ident}"
            value = known.get(ident)
            options = [(v, value_label(owner, name, v, self.lang)) for v in s.choices]
            text = label("relationship_to", self.lang).format(who=ident)
            f = Field(sub, text, kind="choice", options=options, value="" if value is None else str(value),
                      unanswered=value is None)
            if f.value and f.value not in s.choices:
                f.options.append((f.value, f.value))
            children.append(f)
        return Section(path, self.question(owner, name), children=children)

    def entries(self, owner: type[BaseModel], name: str, path: str, s: FieldShape) -> Entries:
        raw = fieldpaths.get(self.data, path)
        items = raw if isinstance(raw, list) else []
        model = s.model
        assert model is not None
        out = Entries(path, self.question(owner, name), nullable=s.nullable, stated=raw is not None,
                      add_label=label(f"add_{name}", self.lang))
        for i, item in enumerate(items):
            entry_path = f"{path}[{i}]"
            title = entry_title(name, i, item if isinstance(item, dict) else {}, self.lang)
            out.entries.append(Section(entry_path, title, children=self.fields(model, entry_path), removable=True))
        return out


def field_kind(owner: type[BaseModel], name: str, s: FieldShape) -> Kind:
    """How the field is asked."""
    if (owner.__name__, name) in REFERENCES:
        return "refs" if s.container == "list" else "ref"
    if s.container == "list":
        if name in ITEM_DOMAINS:
            return "items"
        return "multi" if s.choices else "numbers"
    if s.scalar_or_model:
        return "age" if s.model is AgeRange else "count"
    if s.choices:
        return "choice"
    base = [m for m in members(owner.model_fields[name].annotation) if m is not type(None)]
    kinds: dict[type, Kind] = {bool: "tri" if s.nullable else "bool", int: "integer", float: "number", date: "date"}
    for t in base:
        if t in kinds:
            return kinds[t]
    return "longtext" if name in LONG_TEXT else "text"


def question_lang(lang: str) -> Lang:
    return "ru" if lang == "ru" else "en"


def value_label(owner: type[BaseModel], name: str, value: str, lang: str) -> str:
    """A choice's label as reports write it (the model's domains), else the case-file question's meaning."""
    domain = _domain(owner, name)
    if domain is not None:
        try:
            return fact_questions.enum_label(domain, value, lang)
        except KeyError:
            pass
    q = load_questions().field(owner.__name__, name)
    meaning = q.values.get(value) if q else None
    return meaning.get(question_lang(lang)) if meaning else value


def _domain(owner: type[BaseModel], name: str) -> str | None:
    choices = set(fieldpaths.shape(owner, name).choices)
    for domain, values in fact_questions.MODEL_DOMAINS.items():
        if set(values) == choices:
            return domain
    return None


_SENTENCE_END = re.compile(r"(?<=[.!])\s+(?=[A-ZА-ЯЁ])")
_ASIDE = re.compile(r"\s*\((?=[^()]*(?:null|\[\]|\{|true|false|\bd1\b|\bv1\b|\bs1\b|\bid\b|also_items|under:))[^()]*\)")


def short(question: str) -> str:
    """The question without the guidance on writing the file that follows it."""
    end = question.find("?")
    text = question[: end + 1] if end > 0 else _SENTENCE_END.split(question, maxsplit=1)[0]
    return _ASIDE.sub("", text).strip()


def entry_title(name: str, index: int, entry: dict[str, Any], lang: str) -> str:
    """The heading of one entry of a list: «Потерпевший v1 — Айгуль», "Charge 2"."""
    base = label(f"entry_{name}", lang)
    if name in ("defendants", "victims"):
        return f"{base} {party_name(entry, str(index + 1))}"
    if name == "harm" and isinstance(entry.get("victim"), str):
        return f"{base} {index + 1} ({entry['victim']})"
    return f"{base} {index + 1}"


def _attach(page: Page, marks: Marks, all_topics: list[Topic]) -> None:
    """Give each error, drafted value and not-found mark to the deepest node of the page whose path holds it; keep
    on the page those of its paths that no node shows."""
    flat = walk(page.nodes)

    def mine(path: str) -> bool:
        return topic_of(path, all_topics).key == page.topic.key

    for path, messages in marks.errors.items():
        holder = _deepest(flat, path)
        if holder is not None:
            holder.errors.extend(messages)
        elif mine(path):
            page.errors.extend(f"{path}: {m}" if path else m for m in messages)
    for path, draft in marks.drafts.items():
        holder = _deepest(flat, path)
        if holder is not None and holder.draft is None:
            holder.draft = draft
        elif holder is None and mine(path):
            page.drafts.append(draft)
    for path in marks.not_found:
        holder = _deepest(flat, path)
        if holder is not None and holder.path == path:
            holder.not_found = True
            if isinstance(holder, Field):
                page.not_found_fields.append(holder)
            else:
                page.not_found_other.append((holder.label, holder.anchor))
        elif mine(path):
            page.not_found_other.append((path, ""))
    order = {id(n): i for i, n in enumerate(flat)}
    page.not_found_fields.sort(key=lambda f: order[id(f)])


def _deepest(flat: list[Node], path: str) -> Node | None:
    best: Node | None = None
    for n in flat:
        if fieldpaths.under(path, n.path) and (best is None or len(n.path) > len(best.path)):
            best = n
    return best


def walk(nodes: list[Node]) -> list[Node]:
    """Every node, depth first in page order."""
    out: list[Node] = []
    for n in nodes:
        out.append(n)
        if isinstance(n, Section):
            out += walk(n.children)
        elif isinstance(n, Entries):
            out += walk(list(n.entries))
    return out
