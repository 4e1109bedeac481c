"""Errors a user sees: where the problem is, what was found, what was expected."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: its field path, line (where the format has lines), message."""

    path: str
    message: str
    line: int | None = None
    expected: str | None = None

    def render(self, file: str | None = None) -> str:
        where = file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        text = f"{where}: {self.path or '(document)'}: {self.message}"
        if self.expected:
            text += f" (expected {self.expected})"
        return text

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "message": self.message, "expected": self.expected}


@dataclass
class SentencecheckError(Exception):
    """Base class: an error with a message fit for the user, never a traceback."""

    message: str

    def __str__(self) -> str:
        return self.message


@dataclass
class InputError(SentencecheckError):
    """A case file, rule file or statute file that cannot be used, with every problem found."""

    file: str | None = None
    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.problems:
            return f"{self.file or '<input>'}: {self.message}"
        return "\n".join(p.render(self.file) for p in self.problems)


@dataclass
class RuleError(SentencecheckError):
    """A rule set that does not validate: names the file and the rule."""


@dataclass
class EngineError(SentencecheckError):
    """The rule engine failed on a case: names the rule set, the rule (if known) and the case."""


@dataclass
class AuditError(SentencecheckError):
    """An audit that cannot start or go on: its inputs, options, mapping, rules or output folder (one line: what is
    wrong and what to do)."""
