"""The field reference of ``docs/case-files.md`` and ``docs/case-files.ru.md``, generated from ``questions.yaml``.

``python -m sentencecheck.casefile.reference`` rewrites the part of each guide between the reference markers;
``--check`` exits 1 when a guide is stale.  The output depends only on the model and the questions.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sentencecheck.casefile.fields import FieldShape, shape, walk
from sentencecheck.casefile.questions import Lang, Question, load_questions

DOCS = Path(__file__).resolve().parents[3] / "docs"
GUIDES: dict[Lang, Path] = {"en": DOCS / "case-files.md", "ru": DOCS / "case-files.ru.md"}
START, END = "<!-- reference:start (generated from questions.yaml; do not edit) -->", "<!-- reference:end -->"
_WORDS: dict[str, dict[str, str]] = {
    "en": {"field": "Field", "question": "The question", "values": "Values", "unstated": "Not stated",
           "required": "**required**", "omit": "leave out", "top": "The top level"},
    "ru": {"field": "Поле", "question": "Вопрос", "values": "Значения", "unstated": "Если не указано",
           "required": "**обязательно**", "omit": "не заполнять", "top": "Верхний уровень"},
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _unstated(s: FieldShape, lang: Lang) -> str:
    """How a case file says "not stated" for this field."""
    w = _WORDS[lang]
    if s.required:
        return w["required"]
    if s.nullable:
        return f"{w['omit']} (`null`)"
    if isinstance(s.default, bool):
        return f"{w['omit']} (`{str(s.default).lower()}`)"
    if isinstance(s.default, list):
        return f"{w['omit']} (`[]`)"
    if isinstance(s.default, dict):
        return f"{w['omit']} (`{{}}`)"
    if isinstance(s.default, str):
        return f"{w['omit']} (`{s.default}`)"
    return w["omit"]


def _values(s: FieldShape, question: Question, lang: Lang) -> str:
    parts = []
    for v in s.choices:
        gloss = question.values[v].get(lang) if v in question.values else v
        parts.append(f"`{v}`" if gloss.lower() == v else f"`{v}` — {gloss}")
    return "; ".join(parts)


def reference(lang: Lang) -> str:
    """The reference: one table per section of a case file, in the order a file is written."""
    q, w = load_questions(), _WORDS[lang]
    out: list[str] = []
    for path, cls in walk():
        out += [f"### `{path}`" if path else f"### {w['top']}", "", q.about[cls.__name__].get(lang), ""]
        out += [f"| {w['field']} | {w['question']} | {w['values']} | {w['unstated']} |", "|---|---|---|---|"]
        for name in cls.model_fields:
            question = q.field(cls.__name__, name)
            if question is None:
                raise ValueError(f"questions.yaml has no question for {cls.__name__}.{name}")
            s = shape(cls, name)
            cells = [f"`{name}`", question.get(lang), _values(s, question, lang), _unstated(s, lang)]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def updated(text: str, lang: Lang) -> str:
    """``text`` (a guide) with its reference block regenerated."""
    head, sep, rest = text.partition(START)
    _, sep2, tail = rest.partition(END)
    if not sep or not sep2:
        raise ValueError(f"the guide has no {START} … {END} block")
    return f"{head}{START}\n\n{reference(lang)}\n{END}{tail}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if a guide is stale, write nothing")
    args = parser.parse_args(argv)
    stale = []
    for lang, path in GUIDES.items():
        text = path.read_text(encoding="utf-8")
        new = updated(text, lang)
        if new != text:
            stale.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8", newline="\n")
    for path in stale:
        print(f"{path}: {'stale' if args.check else 'updated'}", file=sys.stderr)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
