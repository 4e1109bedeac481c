"""The next question: among the yes/no and choice fields still unanswered, the one whose answer would settle the
most possible findings of the case as it stands, else the one on the shortest way to settling them.

Exact, by trying every answer: each candidate value is set on a copy of the case, which is screened again (the
plain-Python engine); a possible finding is settled by that answer when it becomes confirmed or disappears.  Where
no single answer settles a finding, the fewest facts that would confirm or clear it (an SMT solver's answer,
:mod:`sentencecheck.report.settle`) show the way: a field whose answers change one of those facts is on the
shortest way, and the smaller the set, the nearer.  A candidate scores the best of its values, then its nearness,
then the sum over its values (a question that settles findings whichever way it is answered goes first); remaining
ties go to the field asked first.  The screening is shortened where it cannot change anything (same derived facts,
or the same rules firing: the findings and their confidence depend only on those), never approximated."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from sentencecheck.derive import Subject
from sentencecheck.interview import fieldpaths
from sentencecheck.interview.forms import Field, Marks, build, topic_of, topics, walk
from sentencecheck.interview.labels import label
from sentencecheck.interview.values import parsed
from sentencecheck.model.case import Case
from sentencecheck.report.model import Finding
from sentencecheck.rules.load import default_rule_set
from sentencecheck.rules.model import RuleSet
from sentencecheck.screener import Screener

FindingKey = tuple[str, str, str | None]


@dataclass(frozen=True)
class Outcome:
    """What one answer would do to the possible findings."""

    value: str
    label: str
    confirmed: int
    dropped: int

    @property
    def settled(self) -> int:
        return self.confirmed + self.dropped


@dataclass(frozen=True)
class Candidate:
    path: str
    label: str
    topic: str
    topic_title: str
    order: int
    outcomes: tuple[Outcome, ...]
    nearness: float = 0.0
    """Over the possible findings whose fewest facts (to confirm or to clear) include a fact this field's answers
    change: the sum of one over the size of the smallest such set."""
    on_way: int = 0
    """How many possible findings this field is on the shortest way to settling."""

    @property
    def best(self) -> int:
        return max((o.settled for o in self.outcomes), default=0)

    @property
    def total(self) -> int:
        """Settled over all its answers: a question that settles findings whichever way it is answered first."""
        return sum(o.settled for o in self.outcomes)


@dataclass
class Ranking:
    """The candidates that settle at least one possible finding, best first."""

    valid: bool
    possible: int
    candidates: list[Candidate] = field(default_factory=list)
    tried: int = 0
    """Answers screened (for the measurements in docs/interview.md)."""
    seconds: float = 0.0


def finding_key(f: Any) -> FindingKey:
    return (f.rule, f.defendant_id, f.charge)


class _Screen:
    """Screening of one case and its variants, sharing the rule set, the engine and the baseline."""

    def __init__(self, case: Case, lang: str) -> None:
        self.screener = Screener.of(default_rule_set(), "python")
        self.lang = lang
        self.subjects = self.screener.subjects(case)
        self.encoded = [s.encoded for s in self.subjects]
        self.results = self.screener.results(self.subjects, case.id)
        self.report = self.screener.report(case, self.subjects, self.results, lang=lang, with_facts=False,
                                           settle=True)
        possible = [f for f in self.report.findings if f.confidence == "possible"]
        self.possible = {finding_key(f) for f in possible}
        self.fewest = [_fact_sets(f) for f in possible]
        self.fact_of = _fact_of_key(self.screener.rule_set)

    def outcome(self, case: Case) -> tuple[int, int, frozenset[str]]:
        """(confirmed, dropped, changed): the possible findings of the baseline that ``case`` confirms or drops, and
        the derived facts whose values it changes."""
        subjects = self.screener.subjects(case)
        same_keys = _keys(subjects) == _keys(self.subjects)
        encoded = [s.encoded for s in subjects]
        if encoded == self.encoded and same_keys:
            return 0, 0, frozenset()
        changed = frozenset(self.fact_of[k] for new, old in zip(encoded, self.encoded, strict=False)
                            for k, v in new.items() if old.get(k) != v and k in self.fact_of) if same_keys \
            else frozenset()
        results = self.screener.results(subjects, case.id)
        if results == self.results and same_keys:
            return 0, 0, changed
        report = self.screener.report(case, subjects, results, lang=self.lang, with_facts=False)
        found = {finding_key(f): f.confidence for f in report.findings}
        confirmed = sum(found.get(k) == "confirmed" for k in self.possible)
        dropped = sum(k not in found for k in self.possible)
        return confirmed, dropped, changed

    def nearness(self, changed: frozenset[str]) -> tuple[float, int]:
        """(nearness, findings): how near answers changing ``changed`` come to settling the possible findings."""
        score, count = 0.0, 0
        for sets in self.fewest:
            sizes = [len(s) for s in sets if s & changed]
            if sizes:
                score += 1 / min(sizes)
                count += 1
        return score, count


def _fact_sets(f: Finding) -> list[frozenset[str]]:
    """The fact names of a possible finding's fewest sets (to confirm, to clear)."""
    if f.settle is None:
        return []
    return [frozenset(a.fact.split("[", 1)[0] for a in answers)
            for answers in (f.settle.confirm, f.settle.clear) if answers]


def _fact_of_key(rule_set: RuleSet) -> dict[str, str]:
    """The fact each flat key of an encoded fact dict belongs to."""
    out: dict[str, str] = {}
    for name, spec in rule_set.facts.items():
        out[spec.key] = name
        out.update((k, name) for k in spec.bound_keys)
        out.update((k, name) for _, k in spec.item_keys)
    return out


def _keys(subjects: list[Subject]) -> list[tuple[str, int | None]]:
    return [(s.defendant.id, s.charge_index) for s in subjects]


def candidates(data: dict[str, Any], lang: str) -> list[tuple[int, Field, str, str]]:
    """Every unanswered yes/no or choice field of the case, in the order the pages ask them, with its page."""
    out: list[tuple[int, Field, str, str]] = []
    all_topics = topics(data, lang)
    for topic in all_topics:
        page = build(topic, data, lang, Marks(), all_topics)
        for node in walk(page.nodes):
            if isinstance(node, Field) and node.unanswered and topic_of(node.path, all_topics).key == topic.key:
                title = f"{topic.group}: {topic.title}" if topic.group else topic.title
                out.append((len(out), node, topic.key, title))
    return out


def rank(data: dict[str, Any], lang: str, limit: int = 5, stop: Callable[[], bool] = lambda: False) -> Ranking | None:
    """The unanswered questions that would settle the most possible findings (at most ``limit``); ``None`` when
    ``stop()`` says the answers changed meanwhile (the ranking would be stale)."""
    start = time.perf_counter()
    try:
        case = Case.model_validate(data)
    except ValidationError:
        return Ranking(valid=False, possible=0)
    screen = _Screen(case, lang)
    ranking = Ranking(valid=True, possible=len(screen.possible))
    if not screen.possible:
        ranking.seconds = time.perf_counter() - start
        return ranking
    scored: list[Candidate] = []
    for order, node, topic, title in candidates(data, lang):
        if stop():
            return None
        values = [(v, label(v, lang)) for v in ("yes", "no")] if node.kind == "tri" else node.options
        outcomes: list[Outcome] = []
        touched: set[str] = set()
        for value, value_label in values:
            variant = fieldpaths.assigned(data, node.path, parsed(node.kind, value))
            try:
                changed = Case.model_validate(variant)
            except ValidationError:
                continue  # an answer the rest of the case does not allow (a dismissal ground of a conviction)
            ranking.tried += 1
            confirmed, dropped, facts = screen.outcome(changed)
            touched |= facts
            outcomes.append(Outcome(value, value_label, confirmed, dropped))
        nearness, on_way = screen.nearness(frozenset(touched))
        candidate = Candidate(node.path, node.label, topic, title, order, tuple(outcomes), nearness, on_way)
        if candidate.best >= 1 or on_way:
            scored.append(candidate)
    scored.sort(key=lambda c: (-c.best, -c.nearness, -c.total, c.order))
    ranking.candidates = scored[:limit]
    ranking.seconds = time.perf_counter() - start
    return ranking


class RankingCache:
    """Rankings by case state and language: the same answers are never ranked twice."""

    def __init__(self, size: int = 16) -> None:
        self._items: OrderedDict[tuple[str, str], Ranking] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, digest: str, lang: str, data: dict[str, Any],
            stop: Callable[[], bool] = lambda: False) -> Ranking | None:
        """The ranking of ``data`` (whose digest is ``digest``), computed once; ``None`` if stopped."""
        key = (digest, lang)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        ranking = rank(data, lang, stop=stop)
        if ranking is None:
            return None
        with self._lock:
            self._items[key] = ranking
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return ranking
