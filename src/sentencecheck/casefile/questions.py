"""The plain-language questions behind the fields of a case file (``questions.yaml``, package data)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["en", "ru"]
KINDS: tuple[str, ...] = ("general", "domestic-violence", "self-defence", "sexual-violence", "dismissal", "harassment")
"""The skeletons ``sentencecheck new`` writes (``general`` first: the default)."""


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str
    ru: str

    def get(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.ru


class Question(Text):
    """The question one field answers, the skeletons that include it, its values' meanings, an example."""

    kinds: tuple[str, ...] = KINDS
    values: dict[str, Text] = Field(default_factory=dict)
    example: str | dict[str, str] | None = None

    def example_for(self, kind: str) -> str | None:
        if isinstance(self.example, dict):
            return self.example.get(kind, self.example.get("default"))
        return self.example


class Questions(BaseModel):
    """Every question, by model class and field; the skeleton header; the kinds' descriptions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    header: Text
    kinds: dict[str, Text]
    common: dict[str, Question]
    about: dict[str, Text]
    fields: dict[str, dict[str, Question]]

    def field(self, owner: str, name: str) -> Question | None:
        """The question of ``owner.name`` (a class name and a field), or ``None`` if there is none."""
        return self.fields.get(owner, {}).get(name) or self.common.get(name)


def _parse(data: dict[str, Any]) -> Questions:
    classes = {k: v for k, v in data.items() if not k.startswith("_")}
    return Questions(
        header=Text.model_validate(data["_header"]),
        kinds={k: Text.model_validate(v) for k, v in data["_kinds"].items()},
        common={k: Question.model_validate(v) for k, v in data["_common"].items()},
        about={k: Text.model_validate(v["_about"]) for k, v in classes.items()},
        fields={
            owner: {k: Question.model_validate(v) for k, v in entries.items() if k != "_about"}
            for owner, entries in classes.items()
        },
    )


@lru_cache(maxsize=1)
def load_questions() -> Questions:
    """The bundled questions, validated (an unknown kind is an error)."""
    text = files("sentencecheck.casefile").joinpath("questions.yaml").read_text(encoding="utf-8")
    questions = _parse(yaml.safe_load(text))
    if set(questions.kinds) != set(KINDS):
        raise ValueError(f"questions.yaml: _kinds must describe exactly {', '.join(KINDS)}")
    for owner, entries in questions.fields.items():
        for name, q in entries.items():
            unknown = set(q.kinds) - set(KINDS)
            if unknown:
                raise ValueError(f"questions.yaml: {owner}.{name}: unknown kinds {sorted(unknown)}")
    return questions
