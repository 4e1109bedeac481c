"""How a report words what the library knows: versions of the law, how they were chosen, fact values and the
answers that support a finding, in English or Russian."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from sentencecheck.law.book import StatuteBook
from sentencecheck.law.lookup import Applicable
from sentencecheck.report.language import cite, day, number
from sentencecheck.rules import questions
from sentencecheck.rules.conditions import Atom

_YEAR = re.compile(r"^[0-9]{4}$")
_DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")

_LIFE = {"en": "life", "ru": "пожизненно"}


class _Words:
    """yes / no / unknown / none in a language (from :mod:`sentencecheck.rules.questions`), and life."""

    def __init__(self) -> None:
        self._words: dict[str, dict[str, str]] = {}

    def __getitem__(self, lang: str) -> dict[str, str]:
        return dict(self._in(lang))

    def word(self, lang: str, key: str) -> str:
        """One word (no copy of the table): ``WORDS.word("ru", "unknown")``."""
        return self._in(lang)[key]

    def _in(self, lang: str) -> dict[str, str]:
        words = self._words.get(lang)
        if words is None:
            words = self._words[lang] = ({k: questions.word(k, lang) for k in ("yes", "no", "unknown", "none")}
                                         | {"life": _LIFE[lang]})
        return words


WORDS = _Words()


def tag_text(tag: str, lang: str) -> str:
    """The text a version tag stands for: «в действующей редакции», "as amended on 16.06.2024"."""
    ru = lang == "ru"
    if tag == "current":
        return "в действующей редакции" if ru else "current text"
    if tag == "c2020":
        return "в редакции около 2020 г." if ru else "text of about 2020"
    if tag == "2015":
        return "в первоначальной редакции (2015 г.)" if ru else "original 2015 text"
    if _YEAR.match(tag):
        return f"в редакции {tag} г." if ru else f"text as amended in {tag}"
    m = _DATE.match(tag)
    if m:
        when = f"{m[3]}.{m[2]}.{m[1]}"
        return f"в редакции от {when}" if ru else f"text as amended on {when}"
    return tag


def _version_places(book: StatuteBook) -> dict[str, str]:
    """Version id -> the citation of its part (remembered by the book)."""
    found: dict[str, str] | None = book.memo.get(("report.version_places",))  # type: ignore[assignment]
    if found is None:
        found = book.memo[("report.version_places",)] = {
            v.id: f"{a.code} {a.article}" + (f"({p.part})" if p.part else "")
            for a in book.articles.values() for p in a.parts for v in p.versions}
    return found


def version_label(book: StatuteBook, version_id: str, lang: str) -> str:
    """``cc-106-3@c2020`` as «ч. 3 ст. 106 УК РК в редакции около 2020 г.» or "CC 106(3), text of about 2020"."""
    place = _version_places(book).get(version_id)
    tag = version_id.rsplit("@", 1)[-1]
    if place is None:
        return version_id
    return f"{cite(place, lang)} {tag_text(tag, lang)}" if lang == "ru" else f"{place}, {tag_text(tag, lang)}"


_REMARKS = {
    "ru": {
        "article": "не проверено: статьи нет в данных о законе",
        "part": "не проверено: этой части нет в данных о законе",
        "none_in_force": "не проверено: в данных о законе нет редакции, действовавшей {}",
        "date_unknown": "дата деяния не указана: рассмотрены все редакции до даты решения",
        "used": "применена норма {}",
        "later_lenient": "применена более мягкая последующая норма {} (ст. 6 УК РК)",
        "in_force_unconfirmed": "что она действовала на дату деяния, не подтверждено",
        "uncertain": "действовавшая редакция не установлена (даты не подтверждены); проверено по каждой: {}",
    },
    "en": {
        "article": "not screened: the article is not in the statute data",
        "part": "not screened: the part is not in the statute data",
        "none_in_force": "not screened: no version in the statute data was in force on {}",
        "date_unknown": "offence date unknown: every version up to the decision was considered",
        "used": "the {} applied",
        "later_lenient": "the {} applied: a later, more lenient law (CC 6)",
        "in_force_unconfirmed": "that it was in force at the offence date is unconfirmed",
        "uncertain": "the version in force is uncertain (unconfirmed dates); screened under each of: {}",
    },
}


def applicable_note(book: StatuteBook, a: Applicable, lang: str) -> str:
    """How the law applied to a charge was chosen, in the report's language. Remembered by the book per label,
    remarks and language where the part is modelled (else the label is the case's and a remark may name a date:
    the memory would grow with the cases)."""
    if not a.modelled:
        return _note(book, a, lang)
    key = ("report.note", a.label, a.remarks, lang)
    found: str | None = book.memo.get(key)  # type: ignore[assignment]
    if found is None:
        found = book.memo[key] = _note(book, a, lang)
    return found


def _note(book: StatuteBook, a: Applicable, lang: str) -> str:
    words = _REMARKS[lang]
    texts: list[str] = []
    for kind, arg in a.remarks:
        if kind == "not_in_data":
            texts.append(words[arg])
        elif kind == "none_in_force":
            texts.append(words[kind].format(day(date.fromisoformat(arg), lang)))
        elif kind in ("used", "later_lenient"):
            texts.append(words[kind].format(tag_text(arg.rsplit("@", 1)[-1], lang)))
        elif kind == "uncertain":
            texts.append(words[kind].format(", ".join(version_label(book, v.strip(), lang) for v in arg.split(","))))
        else:
            texts.append(words[kind])
    return f"{cite(a.label, lang)}: " + "; ".join(texts)


def show(value: Any, lang: str, label: Any = None) -> str:
    """A fact's value for a reader; ``label(value)`` words an enum or set value."""
    if value is None:
        return WORDS.word(lang, "unknown")
    if isinstance(value, bool):
        return WORDS.word(lang, "yes" if value else "no")
    if isinstance(value, float | int):
        return number(float(value), lang) if value < 1e6 else WORDS.word(lang, "life")
    if isinstance(value, tuple):
        return f"{show(value[0], lang)}–{show(value[1], lang)}"
    if isinstance(value, list):
        return ", ".join(label(str(v)) if label else str(v) for v in value) or WORDS.word(lang, "none")
    return label(str(value)) if label else str(value)


_OPS = {
    "en": {"gte": "at least {}", "gt": "more than {}", "lte": "at most {}", "lt": "less than {}", "eq": "{}",
           "ne": "not {}"},
    "ru": {"gte": "не менее {}", "gt": "более {}", "lte": "не более {}", "lt": "менее {}", "eq": "{}",
           "ne": "не {}"},
}


def supports(atom: Atom, lang: str, label: Any) -> str:
    """The answer to an atom's question that supports the finding: «да», «нет», «не менее 1», a value's label."""
    kind = atom.fact.kind
    if kind in ("bool", "set"):
        return WORDS.word(lang, "yes" if atom.value else "no")
    if kind == "number":
        return _OPS[lang][atom.op].format(number(float(atom.value), lang))
    joiner = " или " if lang == "ru" else " or "
    return joiner.join(label(str(v)) for v in atom.value)
