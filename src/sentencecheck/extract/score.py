"""How well `extract` reads a set of decisions whose case files a lawyer wrote: per-field agreement, and whether the
drafted file gives the same findings as the lawyer's (``extract --score``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sentencecheck.api import evaluate
from sentencecheck.errors import SentencecheckError
from sentencecheck.extract.draft import draft
from sentencecheck.model.case import Case, Defendant, Harm, Sentence, Victim
from sentencecheck.model.load import case_from_data, load_case

EXPECTED_SUFFIX = ".expected.yaml"
TEXT_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


def _norm(text: str | None) -> str | None:
    return None if text is None else " ".join(text.lower().replace("ё", "е").split())


def _sentence(s: Sentence | None) -> tuple[Any, ...] | None:
    if s is None:
        return None
    t, p = s.term, s.probation
    return (s.kind, t.years, t.months, t.days, t.hours, t.mci, p.years if p else None, p.months if p else None)


def _charges(d: Defendant) -> frozenset[tuple[Any, ...]] | None:
    if not d.charges:
        return None
    return frozenset((c.code, c.article, c.part, c.paragraph, tuple(c.also_items), c.letter, c.stage)
                     for c in d.charges)


def _age(d: Defendant) -> object:
    return d.age if isinstance(d.age, int) or d.age is None else d.age.model_dump()


DEFENDANT_FIELDS: dict[str, Callable[[Defendant], object]] = {
    "name": lambda d: _norm(d.name),
    "sex": lambda d: d.sex,
    "age": _age,
    "prior_convictions": lambda d: d.prior_convictions,
    "employed": lambda d: d.employed,
    "law_enforcement_officer": lambda d: d.law_enforcement_officer,
    "has_young_children": lambda d: d.has_young_children,
    "charges": _charges,
    "sentence": lambda d: _sentence(d.sentence),
    "charge sentences": lambda d: tuple(_sentence(c.sentence) for c in d.charges) if any(
        c.sentence for c in d.charges) else None,
    "prosecution_request": lambda d: _sentence(d.prosecution_request),
    "victim_request": lambda d: _sentence(d.victim_request),
    "outcome.kind": lambda d: d.outcome.kind,
    "outcome.dismissal_ground": lambda d: d.outcome.dismissal_ground,
    "mitigating_recognised": lambda d: None if d.mitigating_recognised is None else sorted(d.mitigating_recognised),
    "aggravating_recognised": lambda d: None if d.aggravating_recognised is None else sorted(d.aggravating_recognised),
    "exceptional_circumstances_recorded": lambda d: d.exceptional_circumstances_recorded,
}
CASE_FIELDS: dict[str, Callable[[Case], object]] = {
    "record": lambda c: c.record,
    "proceeding.court": lambda c: _norm(c.proceeding.court),
    "proceeding.instance": lambda c: c.proceeding.instance,
    "proceeding.decision_date": lambda c: c.proceeding.decision_date,
    "proceeding.offence_date": lambda c: c.proceeding.offence_date,
    "victims (count)": lambda c: len(c.victims) or None,
    "harm (count)": lambda c: len(c.harm) or None,
    "history.police_complaints": lambda c: None if c.history.police_complaints is None else tuple(
        sorted(str(x.date) for x in c.history.police_complaints)),
    "history.abuse": lambda c: None if c.history.abuse is None else len(c.history.abuse),
    "self_defence.claimed": lambda c: c.self_defence.claimed if c.self_defence else None,
}


VICTIM_FIELDS: dict[str, Callable[[Victim], object]] = {
    "name": lambda v: _norm(v.name),
    "sex": lambda v: v.sex,
    "relationship": lambda v: tuple(sorted(set(v.relationship.values()))) or None,
    "deceased": lambda v: v.deceased,
}
HARM_FIELDS: dict[str, Callable[[Harm], object]] = {
    "death": lambda h: h.death,
    "severity": lambda h: h.severity,
    "beating": lambda h: h.beating,
    "wounds": lambda h: None if h.wounds is None else str(h.wounds),
    "weapon": lambda h: h.weapon,
}


@dataclass
class Tally:
    """One field over the set: the expected file states it (``expected``); the draft has the same value
    (``correct``), another (``wrong``) or none (``missing``); ``extra``: the draft states what the expected file
    does not."""

    expected: int = 0
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    extra: int = 0

    def add(self, want: object, got: object) -> str:
        if want is None:
            if got is not None:
                self.extra += 1
                return "extra"
            return "none"
        self.expected += 1
        if got is None:
            self.missing += 1
            return "missing"
        if got == want:
            self.correct += 1
            return "correct"
        self.wrong += 1
        return "wrong"


@dataclass
class TextScore:
    name: str
    valid: bool
    findings_match: bool
    expected_findings: list[str] = field(default_factory=list)
    drafted_findings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


@dataclass
class Score:
    fields: dict[str, Tally] = field(default_factory=dict)
    texts: list[TextScore] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        expected = sum(t.expected for t in self.fields.values())
        return sum(t.correct for t in self.fields.values()) / expected if expected else 0.0


def pairs(folder: Path) -> Iterator[tuple[Path, Path]]:
    """Each decision text in ``folder`` with its expected case file (``NAME.expected.yaml``)."""
    for expected in sorted(folder.glob(f"*{EXPECTED_SUFFIX}")):
        stem = expected.name.removesuffix(EXPECTED_SUFFIX)
        texts = [folder / f"{stem}{s}" for s in TEXT_SUFFIXES if (folder / f"{stem}{s}").is_file()]
        if texts:
            yield texts[0], expected


def _findings(case: Case) -> list[str]:
    index = {d.id: i for i, d in enumerate(case.defendants)}
    report = evaluate(case, engine="python")
    return sorted({f"{f.rule} {f.confidence} d{index.get(f.defendant_id, 0) + 1}" for f in report.findings})


def _compare(tallies: dict[str, Tally], want: Case, got: Case | None, ts: TextScore) -> None:
    def note(name: str, w: object, g: object) -> None:
        if tallies.setdefault(name, Tally()).add(w, g) == "wrong":
            ts.wrong.append(f"{name}: expected {w!r}, drafted {g!r}")

    for name, read in CASE_FIELDS.items():
        note(name, read(want), read(got) if got else None)
    for i, d in enumerate(want.defendants):
        other = got.defendants[i] if got and i < len(got.defendants) else None
        for name, read_d in DEFENDANT_FIELDS.items():
            note(f"defendant.{name}", read_d(d), read_d(other) if other else None)
    for i, v in enumerate(want.victims):  # victims and harm in the order the text names them
        v_got = got.victims[i] if got and i < len(got.victims) else None
        for name, read_v in VICTIM_FIELDS.items():
            note(f"victim.{name}", read_v(v), read_v(v_got) if v_got else None)
    for i, h in enumerate(want.harm):
        h_got = got.harm[i] if got and i < len(got.harm) else None
        for name, read_h in HARM_FIELDS.items():
            note(f"harm.{name}", read_h(h), read_h(h_got) if h_got else None)


def score(folder: Path) -> Score:
    """Draft each decision in ``folder`` and compare it with its expected case file."""
    result = Score()
    for text, expected in pairs(folder):
        want = load_case(expected)
        ts = TextScore(text.name, valid=False, findings_match=False)
        got: Case | None = None
        try:
            d = draft(text)
            got = case_from_data(d.data, str(text))
            ts.valid = True
        except SentencecheckError as exc:
            ts.errors.append(str(exc))
        _compare(result.fields, want, got, ts)
        ts.expected_findings = _findings(want)
        ts.drafted_findings = _findings(got) if got else []
        ts.findings_match = ts.valid and ts.expected_findings == ts.drafted_findings
        result.texts.append(ts)
    return result


def score_text(result: Score) -> str:
    """The score as a plain-text table."""
    lines = [f"{'field':<40} {'stated':>6} {'right':>6} {'wrong':>6} {'missed':>6} {'extra':>6}"]
    for name, tally in result.fields.items():
        lines.append(f"{name:<40} {tally.expected:>6} {tally.correct:>6} {tally.wrong:>6} {tally.missing:>6} "
                     f"{tally.extra:>6}")
    total = Tally(*(sum(getattr(t, k) for t in result.fields.values())
                    for k in ("expected", "correct", "wrong", "missing", "extra")))
    lines.append(f"{'all fields':<40} {total.expected:>6} {total.correct:>6} {total.wrong:>6} {total.missing:>6} "
                 f"{total.extra:>6}")
    lines.append("")
    lines.append(f"per-field accuracy: {result.accuracy:.1%} of the values the expected files state "
                 f"({total.correct}/{total.expected}); wrong values: {total.wrong}")
    matched = sum(t.findings_match for t in result.texts)
    lines.append(f"drafts that validate: {sum(t.valid for t in result.texts)}/{len(result.texts)}; "
                 f"same findings as the expected file: {matched}/{len(result.texts)}")
    lines.append("")
    for t in result.texts:
        mark = "same findings" if t.findings_match else "DIFFERENT findings"
        lines.append(f"{t.name}: {'valid' if t.valid else 'INVALID'}, {mark}")
        for e in t.errors:
            lines.append(f"  error: {e}")
        if not t.findings_match:
            lines.append(f"  expected: {', '.join(t.expected_findings) or 'none'}")
            lines.append(f"  drafted:  {', '.join(t.drafted_findings) or 'none'}")
        for w in t.wrong:
            lines.append(f"  wrong: {w}")
    return "\n".join(lines) + "\n"
