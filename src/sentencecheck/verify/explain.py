"""The fewest facts to establish: for each possible finding of a case, the smallest set of its unknown facts whose
values confirm it, and the smallest set whose values clear it (z3's optimiser, minimising the facts learnt).

The subjects are derived as :func:`sentencecheck.api.evaluate` derives them, and a finding's confidence is
aggregated as the report does: confirmed when, for some charge, the rule holds under every candidate version and
part; cleared when, for every charge, some part leaves it silent under every version. Learning a fact keeps what is
known and may narrow what is not (a number's interval to a value). A fact learnt under several candidate versions
counts once; its derived value may differ between versions (a ratio to each version's minimum).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import z3

from sentencecheck.derive import Subject, derive_subjects
from sentencecheck.model.case import Case
from sentencecheck.rules import questions
from sentencecheck.rules.conditions import Truth, atoms, gated
from sentencecheck.rules.encoding import BIG, UNKNOWN_TEXT, number_keys
from sentencecheck.rules.model import Rule, RuleSet
from sentencecheck.verify.derivations import Derivation, derivation_constraints, load_derivations
from sentencecheck.verify.encoding import SCALE, World
from sentencecheck.verify.solver import fresh_context

Unit = tuple[str, str | None]
"""A fact to establish: its name, and the item for a set fact."""


@dataclass(frozen=True)
class FactToEstablish:
    fact: str
    item: str | None
    value: Any
    """A value that gives the result (for a number, one such value; an interval as ``[lo, hi]``)."""
    conditions: tuple[str, ...]
    """What the rule reads of this fact."""

    def question(self, lang: str) -> str:
        return questions.question(self.fact, lang, self.item)

    def answer(self, lang: str) -> str:
        if isinstance(self.value, bool):
            return questions.word("yes" if self.value else "no", lang)
        if isinstance(self.value, str):
            return questions.value_label(self.fact, self.value, lang)
        if isinstance(self.value, list):
            return " .. ".join(_num(v) for v in self.value)
        return _num(self.value)


@dataclass(frozen=True)
class MinimalFacts:
    """One possible finding and the fewest facts that would settle it either way (None: no facts can)."""

    rule: str
    direction: str
    defendant: str
    charge: str | None
    confirm: tuple[FactToEstablish, ...] | None
    clear: tuple[FactToEstablish, ...] | None
    versions_disagree: bool = False
    """The rule holds under some candidate versions of the law (or parts of the article) and not others: which one
    applies is a question of dates and of the charge, not of a derived fact."""


def _num(value: Any) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def findings(rule_set: RuleSet, subjects: Sequence[Subject]) -> list[tuple[Rule, str, int | None, list[int], int]]:
    """(rule, defendant id, charge index for a charge rule, subject indexes of its pool, rank 0/1/2) for every rule
    that fires, as the report aggregates them."""
    out: list[tuple[Rule, str, int | None, list[int], int]] = []
    for rule in rule_set.rules:
        keys: dict[tuple[str, int | None], list[int]] = {}
        for i, s in enumerate(subjects):
            keys.setdefault((s.defendant.id, s.charge_index if rule.spec.scope == "charge" else None), []).append(i)
        for (d_id, charge), pool in keys.items():
            values = {i: gated(rule.premise, rule.rest, subjects[i].encoded) for i in pool}
            rank = max(_rank(subjects, members, values) for members in _by_charge(subjects, pool).values())
            if rank:
                out.append((rule, d_id, charge, pool, rank))
    return out


def _by_charge(subjects: Sequence[Subject], pool: list[int]) -> dict[int | None, list[int]]:
    out: dict[int | None, list[int]] = {}
    for i in pool:
        out.setdefault(subjects[i].charge_index, []).append(i)
    return out


def _by_part(subjects: Sequence[Subject], members: list[int]) -> dict[str | None, list[int]]:
    out: dict[str | None, list[int]] = {}
    for i in members:
        out.setdefault(subjects[i].part, []).append(i)
    return out


def _rank(subjects: Sequence[Subject], members: list[int], values: dict[int, Truth]) -> int:
    ranks = [2 if all(values[i] == Truth.TRUE for i in part) else (1 if any(values[i] != Truth.FALSE for i in part)
             else 0) for part in _by_part(subjects, members).values()]
    return min(ranks)


def minimal_facts(case: Case, rule_set: RuleSet, derivations: list[Derivation] | None = None,
                  subjects: Sequence[Subject] | None = None) -> list[MinimalFacts]:
    """For each possible finding of ``case``: the fewest unknown facts whose values confirm it, and clear it.
    ``subjects``: the case's derived facts when the caller has them already."""
    subjects = derive_subjects(case, rule_set) if subjects is None else subjects
    guarantees = load_derivations(rule_set.facts) if derivations is None else derivations
    return [settle(rule_set, subjects, rule, pool, guarantees)
            for rule, _, _, pool, rank in findings(rule_set, subjects) if rank == 1]


def settle(rule_set: RuleSet, subjects: Sequence[Subject], rule: Rule, pool: list[int],
           guarantees: list[Derivation]) -> MinimalFacts:
    """The fewest facts that would confirm and clear one possible finding: ``rule`` on the subjects ``pool`` (one
    defendant's, or one charge's for a charge rule), in a fresh z3 context so that the same finding always gets the
    same answer."""
    with fresh_context():
        return _settle(rule_set, subjects, rule, pool, guarantees)


def _settle(rule_set: RuleSet, subjects: Sequence[Subject], rule: Rule, pool: list[int],
            guarantees: list[Derivation]) -> MinimalFacts:
    worlds = {i: World(rule_set.facts, f"s{i}") for i in pool}
    base: list[z3.BoolRef] = []
    for i, w in worlds.items():
        base += w.wellformed
        base += derivation_constraints(w, guarantees)
        base += [w.at_most(subjects[i].encoded, name) for name in rule_set.facts]
        base += _points_where_unknown(w, subjects[i].encoded)
    groups = _by_charge(subjects, pool)
    confirm = z3.Or([z3.And([worlds[i].confirmed(rule) for i in members]) for members in groups.values()])
    clear = z3.And([z3.Or([z3.And([worlds[i].silent(rule) for i in part])
                           for part in _by_part(subjects, members).values()]) for members in groups.values()])
    learnt = _learnt(worlds, subjects, rule_set)
    first = subjects[pool[0]]
    charge = first.charge_label if rule.spec.scope == "charge" and first.charge_index is not None else None
    values = {gated(rule.premise, rule.rest, subjects[i].encoded) for i in pool}
    return MinimalFacts(
        rule.id, rule.spec.direction, first.defendant.id, charge,
        _optimise(base, confirm, learnt, worlds, rule),
        _optimise(base, clear, learnt, worlds, rule),
        len(values) > 1,
    )


def _learnt(worlds: dict[int, World], subjects: Sequence[Subject], rule_set: RuleSet) -> dict[Unit, z3.BoolRef]:
    """For each fact (and set item): learnt in some subject's world, i.e. not what the case file gave."""
    out: dict[Unit, list[z3.BoolRef]] = {}
    for i, w in worlds.items():
        enc = subjects[i].encoded
        for name, spec in rule_set.facts.items():
            if spec.kind == "bool":
                if enc[spec.key] == 1:
                    pair = w.bools[name]
                    out.setdefault((name, None), []).append(z3.Or(pair.true, pair.false))
            elif spec.kind == "set":
                for item in spec.domain:
                    if enc[spec.item_key(item)] == 1:
                        pair = w.items[(name, item)]
                        out.setdefault((name, item), []).append(z3.Or(pair.true, pair.false))
            elif spec.kind == "enum":
                if enc[spec.key] == UNKNOWN_TEXT:
                    out.setdefault((name, None), []).append(w.enums[name].known)
            else:
                lo_key, hi_key = number_keys(spec)
                if enc[lo_key] != enc[hi_key]:
                    nv = w.numbers[name]
                    lo, hi = _units(enc[lo_key]), _units(enc[hi_key])
                    out.setdefault((name, None), []).append(z3.Or(nv.lo != lo, nv.hi != hi))
    return {unit: z3.Or(flags) for unit, flags in out.items()}


def _points_where_unknown(world: World, encoded: dict[str, Any]) -> list[z3.BoolRef]:
    """A number the case file leaves unknown is learnt as a single value (a range stays narrowable)."""
    out: list[z3.BoolRef] = []
    for name, nv in world.numbers.items():
        lo_key, _ = number_keys(world.facts[name])
        if encoded[lo_key] <= -BIG:
            out.append(z3.Or(nv.lo == nv.hi, z3.And(nv.lo == -BIG * SCALE, nv.hi == BIG * SCALE)))
    return out


def _units(value: float) -> int:
    if abs(value) >= BIG:
        return int(value) * SCALE
    return round(value * SCALE)


def _optimise(base: list[z3.BoolRef], goal: z3.BoolRef, learnt: dict[Unit, z3.BoolRef], worlds: dict[int, World],
              rule: Rule) -> tuple[FactToEstablish, ...] | None:
    opt = z3.Optimize()
    opt.add(*base)
    opt.add(goal)
    for flag in learnt.values():
        opt.add_soft(z3.Not(flag), 1)
    if opt.check() != z3.sat:
        return None
    model = opt.model()
    read: dict[str, list[str]] = {a.fact.name: [] for a in atoms(rule.condition)}
    for a in atoms(rule.condition):
        read[a.fact.name].append(a.describe())
    chosen: list[FactToEstablish] = []
    for (name, item), flag in sorted(learnt.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if not z3.is_true(model.eval(flag, model_completion=True)):
            continue
        value = _value(worlds, model, name, item)
        conditions = tuple(c for c in read.get(name, []) if item is None or c.endswith(f" {item}"))
        chosen.append(FactToEstablish(name, item, value, conditions))
    return tuple(chosen)


def _value(worlds: dict[int, World], model: z3.ModelRef, name: str, item: str | None) -> Any:
    """The fact's learnt value in the first subject's world that learnt it."""
    for w in worlds.values():
        values = w.values(model, [name])
        if name not in values:
            continue
        v = values[name]
        if item is not None:
            if isinstance(v, list):
                return item in v
            if isinstance(v, dict) and item in v:
                return bool(v[item])
            continue
        return v
    return None


def render_text(case_id: str, found: Sequence[MinimalFacts], lang: str = "en") -> str:
    """The questions to ask, per possible finding."""
    words = _WORDS[lang]
    lines = [f"{case_id}:"]
    if not found:
        lines.append(f"  {words['none']}")
    for f in found:
        where = f"{f.defendant}" + (f", {f.charge}" if f.charge else "")
        lines.append(f"  {f.rule} ({f.direction}; {where})")
        for label, facts in ((words["confirm"], f.confirm), (words["clear"], f.clear)):
            if facts is None:
                lines.append(f"    {label}: {words['versions'] if f.versions_disagree else words['cannot']}")
                continue
            lines.append(f"    {label} ({len(facts)}):")
            for x in facts:
                lines.append(f"      - {x.question(lang)} {x.answer(lang)}")
    return "\n".join(lines) + "\n"


_WORDS = {
    "en": {"confirm": "to confirm", "clear": "to clear", "cannot": "no facts would", "none": "no possible finding",
           "versions": "no fact would: the finding holds under some candidate versions of the law (or parts of the "
           "article) and not others; the offence date and the part charged decide"},
    "ru": {"confirm": "чтобы подтвердить", "clear": "чтобы снять", "cannot": "никакие факты не позволят",
           "none": "возможных выводов нет",
           "versions": "никакие факты не позволят: вывод верен по одним возможным редакциям закона (или частям "
           "статьи) и неверен по другим; это решают дата деяния и вменённая часть статьи"},
}


def as_json(found: Sequence[MinimalFacts]) -> list[dict[str, Any]]:
    def facts(xs: tuple[FactToEstablish, ...] | None) -> list[dict[str, Any]] | None:
        if xs is None:
            return None
        return [{"fact": x.fact, "item": x.item, "value": x.value, "conditions": list(x.conditions),
                 "question": {lang: x.question(lang) for lang in questions.LANGS}} for x in xs]

    return [{"rule": f.rule, "direction": f.direction, "defendant": f.defendant, "charge": f.charge,
             "confirm": facts(f.confirm), "clear": facts(f.clear), "versions_disagree": f.versions_disagree}
            for f in found]
