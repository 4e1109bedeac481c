"""``sentencecheck new``: a commented skeleton case file for one kind of case, in English or Russian.

Every field the kind needs is written with the question it answers as a comment above it and "not stated" as its
value (``null``, or the model's default where a field cannot be null), so the file states nothing until the lawyer
writes a fact.  The ids ``d1``, ``v1`` and ``s1`` are filled in.  Fields that cannot be left unstated carry a trailing
``# required`` comment: the file loads once those are filled.  The text is written by hand (PyYAML cannot emit
comments) and is deterministic: same kind, language and file name, same bytes.
"""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import click
from pydantic import BaseModel

from sentencecheck.casefile.fields import FieldShape, shape
from sentencecheck.casefile.questions import KINDS, Lang, Question, Questions, load_questions
from sentencecheck.model.case import Case

WIDTH = 110
SOURCE_ID = "s1"
REQUIRED: dict[str, str] = {"en": "required", "ru": "обязательно"}
EXPAND: frozenset[tuple[str, str]] = frozenset({
    ("Case", "sources"), ("Case", "proceeding"), ("Case", "defendants"), ("Case", "victims"), ("Case", "harm"),
    ("Case", "history"), ("Case", "self_defence"), ("Defendant", "charges"), ("Defendant", "outcome"),
})
"""Sections written out field by field; any other field holding a model is written as ``null`` with its parts
described in the comment."""
PREFILLED: dict[tuple[str, str], str] = {
    ("Defendant", "id"): "d1", ("Victim", "id"): "v1", ("Harm", "victim"): "v1",
    ("SelfDefence", "defender"): "d1", ("SelfDefence", "attacker"): "v1",
}
_UNBREAKABLE = (
    re.compile(r"\b(CC|CAO|CPC|DVL|УК|УПК|КоАП|ст\.|ч\.|пп\.|п\.) (?=[0-9(]|РК)"),
    re.compile(r"([0-9)]) (?=УК|УПК|КоАП|ч\.|ст\.|пп?\.)"),
    re.compile(r"(\S) (?=— )"),
)
"""Spaces a citation keeps when a comment is wrapped ("CC 66", "ч. 1 ст. 53 УК РК")."""
_WORDS: dict[str, dict[str, str]] = {
    "en": {"kind": "Case file, kind {kind}: {about}.", "values": "Values", "example": "e.g."},
    "ru": {"kind": "Файл дела, вид {kind}: {about}.", "values": "Значения", "example": "например:"},
}


def case_id_for(file: str) -> str:
    """A case id from a file name: its stem, with characters an id cannot hold replaced by dashes."""
    stem = Path(file).stem if file != "-" else ""
    return re.sub(r"[^A-Za-z0-9_.\-]+", "-", stem).strip("-.")[:64] or "new-case"


def skeleton(kind: str = "general", lang: Lang = "en", case_id: str = "new-case") -> str:
    """The commented skeleton case file for ``kind`` with questions in ``lang``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; one of {', '.join(KINDS)}")
    return _Writer(load_questions(), kind, lang, case_id).render()


class _Writer:
    def __init__(self, questions: Questions, kind: str, lang: Lang, case_id: str) -> None:
        self.q, self.kind, self.lang, self.case_id = questions, kind, lang, case_id
        self.words = _WORDS[lang]

    def render(self) -> str:
        about = self.q.kinds[self.kind].get(self.lang)
        lines = self._comment(self.words["kind"].format(kind=self.kind, about=about), 0)
        lines += self._comment(self.q.header.get(self.lang), 0)
        lines += self._model(Case, 0)
        return "\n".join(lines) + "\n"

    def _model(self, cls: type[BaseModel], indent: int) -> list[str]:
        out: list[str] = []
        for name in cls.model_fields:
            question = self.q.field(cls.__name__, name)
            if question is None:
                raise ValueError(f"questions.yaml has no question for {cls.__name__}.{name}")
            if self.kind not in question.kinds:
                continue
            if cls is Case:
                out.append("")
            out += self._field(shape(cls, name), question, indent)
        return out

    def _field(self, s: FieldShape, question: Question, indent: int) -> list[str]:
        pad = " " * indent
        lines = self._comment(question.get(self.lang), indent)
        lines += self._values(s, question, indent)
        key = (s.owner.__name__, s.name)
        if key in EXPAND and s.model is not None:
            body = self._model(s.model, indent + 4 if s.container else indent + 2)
            if s.container == "dict":
                return [*lines, f"{pad}{s.name}:", f"{pad}  {SOURCE_ID}:", *body]
            if s.container == "list":
                return [*lines, f"{pad}{s.name}:", *_as_item(body, indent + 4)]
            return [*lines, f"{pad}{s.name}:", *body]
        if s.model is not None and not s.scalar_or_model:
            lines += self._parts(s.model, indent)
        example = question.example_for(self.kind)
        if example is not None:
            lines += self._comment(f"{self.words['example']} {s.name}: {example}", indent)
        value, required = self._value(s, key)
        suffix = f"  # {REQUIRED[self.lang]}" if required else ""
        return [*lines, f"{pad}{s.name}: {value}{suffix}"]

    def _value(self, s: FieldShape, key: tuple[str, str]) -> tuple[str, bool]:
        """The field's "not stated" value, and whether the lawyer must replace it."""
        if key in PREFILLED:
            return PREFILLED[key], False
        if key == ("Case", "id"):
            return self.case_id, False
        if s.name == "source":
            return f"[{SOURCE_ID}]", False
        if s.required:
            return "null", True
        if s.nullable or s.default is None:
            return "null", False
        if isinstance(s.default, bool):
            return str(s.default).lower(), False
        if isinstance(s.default, list):
            return "[]", False
        if isinstance(s.default, dict):
            return "{}", False
        return str(s.default), False

    def _values(self, s: FieldShape, question: Question, indent: int) -> list[str]:
        if not s.choices:
            return []
        glossed = [(v, question.values[v].get(self.lang) if v in question.values else v) for v in s.choices]
        sep = "; " if any(v != gloss.lower() for v, gloss in glossed) else ", "
        text = sep.join(v if v == gloss.lower() else f"{v} — {gloss}" for v, gloss in glossed)
        return self._comment(f"{self.words['values']}: {text}.", indent)

    def _parts(self, model: type[BaseModel], indent: int) -> list[str]:
        """One comment line per part of a model written as ``null``: its question and its values."""
        out: list[str] = []
        for name in model.model_fields:
            part = self.q.field(model.__name__, name)
            if name == "source" or part is None:
                continue
            choices = shape(model, name).choices
            text = f"{name}: {part.get(self.lang)}" + (f" ({', '.join(choices)})" if choices else "")
            out += self._comment(text, indent, lead="  ")
        return out

    def _comment(self, text: str, indent: int, lead: str = "") -> list[str]:
        prefix = " " * indent + "# " + lead
        lines = textwrap.wrap(_keep_citations(text), width=WIDTH, initial_indent=prefix,
                              subsequent_indent=prefix + "  " * bool(lead), break_long_words=False,
                              break_on_hyphens=False)
        return [line.replace("\u00a0", " ") for line in lines]


def _keep_citations(text: str) -> str:
    """Non-breaking spaces inside citations, before a dash that glosses a value, and inside ``{…}`` and ``[…]``."""
    for pattern in _UNBREAKABLE:
        text = pattern.sub("\\1\u00a0", text)
    out, depth = [], 0
    for char in text:
        depth += (char in "{[") - (char in "}]")
        out.append("\u00a0" if char == " " and depth > 0 else char)
    return "".join(out)


def _as_item(body: list[str], indent: int) -> list[str]:
    """Lines of a mapping at ``indent`` as one list item: the first key gets the ``- ``."""
    out = list(body)
    for i, line in enumerate(out):
        if not line.lstrip().startswith("#"):
            out[i] = line[: indent - 2] + "- " + line[indent:]
            break
    return out


@click.command("new")
@click.argument("file", type=click.Path(path_type=str, dir_okay=False, allow_dash=True))
@click.option("--kind", type=click.Choice(KINDS), default="general", show_default=True,
              help="Which kind of case: decides the sections and fields the skeleton asks about.")
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en", show_default=True,
              help="Language of the questions written as comments.")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
def new(file: str, kind: str, lang: str, force: bool) -> None:
    """Write a commented skeleton case file to FILE ('-' for standard output).

    Each field is preceded by the question it answers; fill in what your source states, leave the rest null,
    then run `sentencecheck check FILE`.

    Exit codes: 0 written, 2 FILE exists (use --force) or cannot be written.
    """
    text = skeleton(kind, "ru" if lang == "ru" else "en", case_id_for(file))
    if file == "-":
        click.echo(text, nl=False)
        return
    try:
        with open(file, "w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        click.echo(f"{file} exists; use --force to overwrite it", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"{file}: cannot write: {exc.strerror}", err=True)
        sys.exit(2)
    click.echo(f"wrote {file}; fill in the fields marked 'required', then: sentencecheck check {file}", err=True)
