"""The general part of the law as dated data: what CC 32(3), 53(3), 55(2), 55(8), 56, 58, 68, 71, 110(1) and
CPC 32(3) say, read from the ``parameters`` of their versions under ``rules/law`` (OpenFisca's parameters).

No number of the general part lives in Python.  Every look-up takes the window of dates in which the law is read
(the offence date, or from the offence to the decision where a later, more lenient text applies under CC 6) and
answers from every version that may have been in force then: ``sure`` what every candidate version says,
``possible`` what at least one says.  Callers turn a difference between the two into "unknown".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

from sentencecheck.errors import InputError, Problem
from sentencecheck.law.schema import ParamValue, Version

FAR_PAST = date(1900, 1, 1)
SINGLE_READING: dict[tuple[str, str, str], tuple[str, ...]] = {
    ("CC", "55", "8"): ("no_cc55_articles", "no_cc55_articles_contestable", "no_cc55_sexual_crimes_against_minors",
                        "no_parts_2_3_violence_against_minors", "no_parts_2_3_violence_against_minors_from"),
    ("CC", "58", "2"): ("misdemeanours_only_limits",),
}
"""Parameters read from the first version in force only (:meth:`GeneralPart.no_cc55`, :meth:`GeneralPart.set_limits`):
the data holds one version of each today; a second one with other values is refused at load rather than half read."""
T = TypeVar("T")
_MISSING = object()
Provision = tuple[str, str, str | None]

CAP_TIERS = (
    "criminal_misdemeanour", "small", "medium", "grave", "grave_life_or_health", "especially_grave",
    "especially_grave_life_or_health",
)
CATEGORIES = ("criminal_misdemeanour", "small", "medium", "grave", "especially_grave")
CC68_PERSONS = (
    "minor", "pregnant_woman", "woman_with_young_child", "man_raising_young_child_alone", "woman_58_or_older",
    "man_63_or_older",
)
CC68_EXCLUSIONS = (
    "torture", "sexual_crimes_against_minors", "sexual_crimes_against_minors_except_minor_offender",
    "violence_against_minors", "negligent_death", "negligent_death_except_road_relatives", "corruption", "terrorism",
    "extremism", "criminal_group", "repeat_after_reconciliation", "repeat_108_1_or_109_1_after_reconciliation",
    "human_trafficking",
)
CC63_EXCLUDED = (
    "recidivism", "especially_grave", "corruption", "terrorism", "extremism", "torture", "criminal_group",
    "sexual_crimes_against_minors_except_minor_offender",
)
NEVER_EXCESS = ("attack_on_life", "armed", "life_threatening", "dwelling_intrusion", "arson", "sudden_unassessable")
TORMENT_BY = ("systematic_violence", "special_cruelty", "mockery", "aim_of_tormenting")
NO_LIMITATION = ("torture", "sexual_crimes_against_minors", "especially_grave_against_the_person")
AGES: dict[str, tuple[str, str, str | None]] = {
    "minor_under": ("CC", "53", "1"),
    "young_child_under": ("CC", "53", "1"),
    "woman_at_least": ("CC", "68", "2"),
    "man_at_least": ("CC", "68", "2"),
    "victim_under": ("CC", "121-1", None),
}
"""Where each age the rules use is stated."""


@dataclass(frozen=True)
class NoCc55:
    """CC 55(8) as in force at the offence date."""

    in_force: bool | None
    articles: frozenset[str]
    contestable: frozenset[str]
    sexual_against_minors: bool
    violence_against_minors: bool | None


@dataclass(frozen=True)
class Span:
    """What the candidate versions of a provision say: the same in all (``sure``) or in some (``possible``)."""

    sure: frozenset[str]
    possible: frozenset[str]
    versions: tuple[str, ...]

    def has(self, item: str) -> bool | None:
        """True if every candidate version has ``item``, False if none does, None if they differ."""
        if item in self.sure:
            return True
        return None if item in self.possible else False


def fraction(text: ParamValue) -> Fraction:
    if isinstance(text, bool) or not isinstance(text, str | int):
        raise ValueError(f"expected a fraction such as 3/4, found {text!r}")
    return Fraction(str(text))


def in_force(versions: Iterable[Version], start: date, end: date) -> tuple[list[Version], list[Version]]:
    """(versions certainly in force at some moment of [start, end], versions possibly in force then)."""
    from sentencecheck.law.lookup import possibly_in_force, surely_in_force

    possible = [v for v in versions if possibly_in_force(v, start, end)]
    return [v for v in possible if surely_in_force(v, start, end)], possible


class GeneralPart:
    """Typed views of the general-part parameters of one statute book; checked when the book is loaded."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self._check()
        self._ages = {name: self._age(name) for name in AGES}

    # ---- raw access ---------------------------------------------------------------------------------

    def _versions(self, code: str, article: str, part: str | None) -> list[Version]:
        versions: list[Version] = self.book.versions(code, article, part)
        return versions

    def _candidates(self, code: str, article: str, part: str | None, start: date, end: date) -> list[Version]:
        from sentencecheck.law.lookup import boundary_dates, place

        bounds = boundary_dates(self.book, code, article, part)
        key = ("general", code, article, part, place(bounds, start), place(bounds, end), start <= end)
        known: list[Version] | None = self.book.memo.get(key)
        if known is None:
            _sure, known = in_force(self._versions(code, article, part), start, end)
            self.book.memo[key] = known
        return list(known)

    def _dated(self, what: tuple[object, ...], provisions: tuple[Provision, ...], start: date, end: date,
               compute: Callable[[], T], extra: tuple[date, ...] = ()) -> T:
        """An answer that depends on the window only through the versions of ``provisions`` in force in it (and its
        place among the ``extra`` dates the answer compares it with): the book remembers it by where the window
        falls among those versions' boundary dates. The answer is shared: callers read it, never change it."""
        from sentencecheck.law.lookup import dates_place, place

        key = ("general", *what, *dates_place(self.book, provisions, start, end))
        if extra:
            key += (place(extra, start), place(extra, end))
        known: Any = self.book.memo.get(key, _MISSING)
        if known is _MISSING:
            known = self.book.memo[key] = compute()
        return known  # type: ignore[no-any-return]

    def _remembered(self, what: tuple[object, ...], compute: Callable[[], T]) -> T:
        """An answer that depends on the statute data alone, remembered by the book (shared: read it only)."""
        key = ("general", *what)
        known: Any = self.book.memo.get(key, _MISSING)
        if known is _MISSING:
            known = self.book.memo[key] = compute()
        return known  # type: ignore[no-any-return]

    def _span(self, code: str, article: str, part: str | None, key: str, start: date, end: date) -> Span:
        return self._dated(("span", code, article, part, key), ((code, article, part),), start, end,
                           lambda: self._fresh_span(code, article, part, key, start, end))

    def _fresh_span(self, code: str, article: str, part: str | None, key: str, start: date, end: date) -> Span:
        versions = self._candidates(code, article, part, start, end)
        sets = [frozenset(str(x) for x in _list(v.parameters.get(key))) for v in versions]
        if not sets:
            return Span(frozenset(), frozenset(), ())
        return Span(frozenset.intersection(*sets), frozenset.union(*sets), tuple(v.id for v in versions))

    # ---- CC 55 ----------------------------------------------------------------------------------------

    def cap_shares(self, start: date, end: date) -> list[tuple[str, dict[str, Fraction]]]:
        """CC 55(2): for each candidate version, the share of the maximum by tier."""
        return self._dated(("cap_shares",), (("CC", "55", "2"),), start, end, lambda: [
            (v.id, {t: fraction(s) for t, s in _table(v.parameters["cap_share"]).items()})
            for v in self._candidates("CC", "55", "2", start, end)
        ])

    def no_cc55(self, start: date, end: date) -> NoCc55:
        """CC 55(8) at the offence date: whether it was in force (None where its date is unconfirmed), the articles it
        bars from CC 55 (and those where that reading is contestable), whether it bars sexual crimes against minors,
        and whether its bar on parts 2-3 for violence against minors was in force (dated on its own)."""
        since = self._remembered(("no_cc55 since",), lambda: tuple(sorted(
            {date.fromisoformat(str(day)) for v in self._versions("CC", "55", "8")
             if (day := v.parameters.get("no_parts_2_3_violence_against_minors_from")) is not None})))
        return self._dated(("no_cc55",), (("CC", "55", "8"),), start, end, lambda: self._no_cc55(start, end), since)

    def _no_cc55(self, start: date, end: date) -> NoCc55:
        sure, possible = in_force(self._versions("CC", "55", "8"), start, end)
        if not possible:
            return NoCc55(False, frozenset(), frozenset(), False, False)
        v = possible[0]
        state: bool | None = True if sure and _throughout(sure[0], start, end) else None
        violence: bool | None = bool(v.parameters["no_parts_2_3_violence_against_minors"])
        since = v.parameters.get("no_parts_2_3_violence_against_minors_from")
        if violence and since is not None:
            day = date.fromisoformat(str(since))
            violence = True if start >= day else (False if end < day else None)
        return NoCc55(state, frozenset(str(x) for x in _list(v.parameters["no_cc55_articles"])),
                      frozenset(str(x) for x in _list(v.parameters.get("no_cc55_articles_contestable"))),
                      bool(v.parameters["no_cc55_sexual_crimes_against_minors"]), violence)

    def intentional_killing_articles(self) -> frozenset[str]:
        """The articles CC 55(8) reads as crimes connected with intentional killing (our reading, see the data)."""
        return self._remembered(("killing",), lambda: frozenset(
            str(a) for v in self._versions("CC", "55", "8") for a in _list(v.parameters["no_cc55_articles"])))

    # ---- CC 56, 58 -----------------------------------------------------------------------------------

    def unfinished_share(self, stage: str, start: date, end: date) -> tuple[Fraction, Fraction] | None:
        """CC 56: the share of the maximum for an attempt or preparation (lowest, highest across versions)."""
        key = {"attempt": "attempt_share", "preparation": "preparation_share"}[stage]

        def compute() -> tuple[Fraction, Fraction] | None:
            shares = [fraction(v.parameters[key]) for v in self._candidates("CC", "56", None, start, end)]
            return (min(shares), max(shares)) if shares else None

        return self._dated(("unfinished", key), (("CC", "56", None),), start, end, compute)

    def set_limits(self, start: date, end: date) -> dict[str, Any]:
        """CC 58: the final imprisonment limit with a grave / an especially grave crime, the limits for a set of
        misdemeanours, and what a set of misdemeanours and small or medium crimes allows."""
        return self._dated(("set_limits",), (("CC", "58", "2"), ("CC", "58", "3"), ("CC", "58", "4")), start, end,
                           lambda: self._set_limits(start, end))

    def _set_limits(self, start: date, end: date) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for part, key in (("3", "grave_max_years"), ("4", "especially_grave_max_years")):
            values = {float(v.parameters["max_years"]) for v in self._candidates("CC", "58", part, start, end)}  # type: ignore[arg-type]
            out[key] = (min(values), max(values)) if values else None
        two = self._candidates("CC", "58", "2", start, end)
        out["misdemeanours_only_limits"] = _table(two[0].parameters["misdemeanours_only_limits"]) if two else None
        out["small_or_medium_set"] = {str(v.parameters["small_or_medium_set"]) for v in two}
        return out

    # ---- CC 68 ----------------------------------------------------------------------------------------

    def reconciliation(self, start: date, end: date) -> dict[str, Any]:
        """CC 68(1), (2) and (4) as in force at the offence date: the categories of each part, the persons of
        part 2 (and whether the recorded list is complete), and the exclusions of part 4."""
        return self._dated(("reconciliation",), (("CC", "68", "1"), ("CC", "68", "2"), ("CC", "68", "4")), start, end,
                           lambda: self._reconciliation(start, end))

    def cc68_persons(self, start: date, end: date) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        """CC 68(2)'s persons as in force at the offence date: those every candidate text lists, those only some
        list (each sorted), and whether the recorded list is complete (from :meth:`reconciliation`)."""
        def compute() -> tuple[tuple[str, ...], tuple[str, ...], bool]:
            rec = self.reconciliation(start, end)
            return (tuple(sorted(rec["persons_sure"])), tuple(sorted(rec["persons_possible"] - rec["persons_sure"])),
                    rec["persons_complete"])

        return self._dated(("cc68_persons",), (("CC", "68", "1"), ("CC", "68", "2"), ("CC", "68", "4")), start, end,
                           compute)

    def _reconciliation(self, start: date, end: date) -> dict[str, Any]:
        one = self._candidates("CC", "68", "1", start, end)
        two = self._candidates("CC", "68", "2", start, end)
        persons = [frozenset(str(x) for x in _list(v.parameters["persons"])) for v in two]
        complete = [bool(v.parameters["persons_complete"]) for v in two]
        return {
            "mandatory_categories": _span_of(one, "categories"),
            "discretionary_categories": _span_of(two, "categories"),
            "persons_sure": frozenset.intersection(*persons) if persons else frozenset(),
            "persons_possible": frozenset.union(*persons) if persons else frozenset(),
            "persons_complete": all(complete) if complete else False,
            "exclusions": self._span("CC", "68", "4", "exclusions", start, end),
        }

    # ---- CC 63 ----------------------------------------------------------------------------------------

    def conditional_excluded(self, start: date, end: date) -> Span:
        """CC 63(6): the offences and offenders for which a conditional sentence is not allowed."""
        return self._span("CC", "63", "6", "excluded", start, end)

    # ---- CC 71 ----------------------------------------------------------------------------------------

    def limitation_years(self, category: str, start: date, end: date) -> float | None:
        """CC 71(1): the limitation period of a category, in years (None if the versions disagree)."""
        def compute() -> float | None:
            values = {float(_table(v.parameters["years"])[category])
                      for v in self._candidates("CC", "71", "1", start, end)
                      if category in _table(v.parameters["years"])}
            return values.pop() if len(values) == 1 else None

        return self._dated(("limitation", category), (("CC", "71", "1"),), start, end, compute)

    def no_limitation(self, start: date, end: date) -> Span:
        return self._span("CC", "71", "6", "no_limitation", start, end)

    # ---- CC 32, 53, 110; CPC 32 ----------------------------------------------------------------------

    def never_excess(self, start: date, end: date) -> Span:
        """CC 32(3), second paragraph: the attacks against which harm is never an excess."""
        return self._span("CC", "32", "3", "never_excess", start, end)

    def elements(self) -> dict[str, frozenset[str]]:
        """CC 53(3): for each CC 53(1) item, the articles of which it is an element (our reading, see the data)."""
        return self._remembered(("elements",), self._elements)

    def _elements(self) -> dict[str, frozenset[str]]:
        out: dict[str, frozenset[str]] = {}
        for v in self._versions("CC", "53", "3"):
            for item, arts in _table(v.parameters["elements"]).items():
                out[item] = out.get(item, frozenset()) | frozenset(str(a) for a in _list(arts))
        return out

    def torment_by(self, start: date, end: date) -> Span:
        """CC 110(1): what makes violence torment under the text(s) in force."""
        return self._span("CC", "110", "1", "torment_by", start, end)

    def age(self, name: str) -> int:
        """An age the law uses: ``minor_under`` and ``young_child_under`` (CC 53(1)), ``woman_at_least`` and
        ``man_at_least`` (CC 68(2)), ``victim_under`` (CC 121-1); the same in every version that states it."""
        return self._ages[name]  # read when the book is loaded: the check found each stated one way

    def _age(self, name: str) -> int:
        code, article, part = AGES[name]
        values = {_int(v.parameters[name]) for v in self._versions(code, article, part) if name in v.parameters}
        if len(values) != 1:
            raise ValueError(f"{code} {article}: the age {name!r} is stated {len(values)} ways")
        return values.pop()

    def codes_in_force(self) -> date:
        """The day the 2014 Criminal Code came into force: the earliest confirmed start of any of its versions."""
        known: date | None = self.book.memo.get(("codes_in_force",))
        if known is None:
            known = self.book.memo[("codes_in_force",)] = self._codes_in_force()
        return known

    def _codes_in_force(self) -> date:
        starts: list[date] = [v.effective_from.earliest for art in self.book.articles.values() if art.code == "CC"
                              for p in art.parts for v in p.versions
                              if v.effective_from.confirmed and v.effective_from.earliest is not None]
        return min(starts)

    def torment_texts(self, start: date, end: date) -> list[frozenset[str]]:
        """CC 110(1): for each text that may apply, what makes violence torment under it."""
        return self._dated(("torment_texts",), (("CC", "110", "1"),), start, end, lambda: [
            frozenset(str(x) for x in _list(v.parameters["torment_by"]))
            for v in self._candidates("CC", "110", "1", start, end)])

    def private_public(self, citations: Iterable[str]) -> bool | None:
        """CPC 32(3): True if one of ``citations`` is a private-public case the data names in a text that applied
        to it; None otherwise (the list is partial and read in the current text only, so an article it does not
        name, or an older article, may or may not have been one at the offence date)."""
        listed = self._remembered(("private_public",), self._private_public)
        if listed is None:
            return None
        current, complete = listed
        if any(c in current for c in citations):
            return True
        return False if complete else None

    def _private_public(self) -> tuple[frozenset[str], bool] | None:
        """CPC 32(3)'s list of private-public articles in the current text, and whether the data says it is complete
        (None: the data has no CPC 32(3))."""
        auth = self.book.authorities.get("CPC 32(3)")
        if auth is None:
            return None
        current = frozenset(str(x) for x in _list(auth.parameters.get("private_public_current_articles")))
        return current, bool(auth.parameters.get("private_public_list_complete"))

    # ---- checks -------------------------------------------------------------------------------------

    def _check(self) -> None:
        """Every version of the provisions above carries its parameters, with known names and values."""
        wanted: list[tuple[str, str, str | None, dict[str, tuple[str, ...] | None]]] = [
            ("CC", "55", "2", {"cap_share": CAP_TIERS}),
            ("CC", "55", "8", {"no_cc55_articles": None, "no_cc55_sexual_crimes_against_minors": None,
                               "no_parts_2_3_violence_against_minors": None}),
            ("CC", "56", None, {"preparation_share": None, "attempt_share": None}),
            ("CC", "58", "2", {"misdemeanours_only_limits": None, "small_or_medium_set": None}),
            ("CC", "58", "3", {"max_years": None}),
            ("CC", "58", "4", {"max_years": None}),
            ("CC", "68", "1", {"categories": CATEGORIES, "not_connected_with_death": None}),
            ("CC", "68", "2", {"categories": CATEGORIES, "persons": CC68_PERSONS, "persons_complete": None,
                               "first_time": None, "no_death_or_grave_harm": None}),
            ("CC", "68", "4", {"exclusions": CC68_EXCLUSIONS}),
            ("CC", "63", "6", {"excluded": CC63_EXCLUDED}),
            ("CC", "71", "1", {"years": CATEGORIES}),
            ("CC", "71", "6", {"no_limitation": NO_LIMITATION}),
            ("CC", "32", "3", {"never_excess": NEVER_EXCESS}),
            ("CC", "53", "3", {"elements": None}),
            ("CC", "110", "1", {"torment_by": TORMENT_BY}),
        ]
        problems: list[Problem] = []
        for code, article, part, keys in wanted:
            versions = self._versions(code, article, part)
            label = f"{code} {article}" + (f"({part})" if part else "")
            if not versions:
                problems.append(Problem(label, "the general part needs this provision in the statute data"))
            for v in versions:
                for key, domain in keys.items():
                    if key not in v.parameters:
                        problems.append(Problem(f"{label} {v.id}", f"missing parameter {key!r}"))
                        continue
                    value = v.parameters[key]
                    names = list(_table(value)) if isinstance(value, dict) else [str(x) for x in _list(value)]
                    bad = [n for n in names if domain is not None and n not in domain]
                    if bad:
                        problems.append(Problem(f"{label} {v.id}", f"parameter {key}: unknown {bad}; known: "
                                                f"{', '.join(domain or ())}"))
                if "cap_share" in v.parameters:
                    try:
                        [fraction(x) for x in _table(v.parameters["cap_share"]).values()]
                    except (ValueError, ZeroDivisionError) as exc:
                        problems.append(Problem(f"{label} {v.id}", f"cap_share: {exc}"))
        for (code, article, part), read_once in SINGLE_READING.items():
            readings = {repr([v.parameters.get(k) for k in read_once]) for v in self._versions(code, article, part)}
            if len(readings) > 1:
                problems.append(Problem(f"{code} {article}({part})",
                                        f"versions differ in {', '.join(read_once)}, which the general part reads "
                                        "from one version only: it must learn to read them per version before "
                                        "such data is used"))
        for name in AGES:
            try:
                self._age(name)
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(Problem(" ".join(x for x in AGES[name] if x), f"age {name!r}: {exc}"))
        if problems:
            raise InputError("the general-part data is incomplete", "rules/law", problems)


def _int(value: ParamValue) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a whole number, found {value!r}")
    return value


def _list(value: ParamValue | None) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _table(value: ParamValue) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"expected a table, found {value!r}")
    return {str(k): v for k, v in value.items()}


def _span_of(versions: list[Version], key: str) -> Span:
    sets = [frozenset(str(x) for x in _list(v.parameters.get(key))) for v in versions]
    if not sets:
        return Span(frozenset(), frozenset(), ())
    return Span(frozenset.intersection(*sets), frozenset.union(*sets), tuple(v.id for v in versions))


def _throughout(v: Version, start: date, end: date) -> bool:
    """``v`` was certainly in force on every day of [start, end]."""
    from sentencecheck.law.lookup import surely_in_force

    return surely_in_force(v, start, start) and surely_in_force(v, end, end)
