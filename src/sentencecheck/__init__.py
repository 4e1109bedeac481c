"""sentencecheck: screen verdicts for likely leniency or over-punishment.

>>> from sentencecheck import load_case, evaluate, render
>>> report = evaluate(load_case("cases/some-verdict.yaml"))  # doctest: +SKIP
>>> print(render([report], "markdown"))  # doctest: +SKIP

The case model classes (:class:`Case`, :class:`Defendant`, :class:`Charge` …) build a case from Python.
"""

from typing import TYPE_CHECKING

from sentencecheck.api import evaluate, evaluate_many, get_engine  # noqa: E402
from sentencecheck.errors import AuditError, EngineError, InputError, RuleError, SentencecheckError  # noqa: E402
from sentencecheck.model import case_from_data, case_schema, load_case  # noqa: E402
from sentencecheck.model.case import (  # noqa: E402
    Abuse,
    AdminPenalty,
    AgeRange,
    ArticleRef,
    Case,
    Charge,
    Complaint,
    CountRange,
    Defendant,
    EarlierDecision,
    ExpectedFinding,
    Extraction,
    Harm,
    History,
    Outcome,
    Proceeding,
    ProtectiveOrder,
    SelfDefence,
    Sentence,
    Source,
    Term,
    Victim,
)
from sentencecheck.report.model import Finding, Report  # noqa: E402
from sentencecheck.report.render import render  # noqa: E402
from sentencecheck.rules.load import default_rule_set, load_rule_set  # noqa: E402
from sentencecheck.screener import Screener  # noqa: E402
from sentencecheck.version import __version__

if TYPE_CHECKING:  # imported on first use (``__getattr__``): ``import sentencecheck`` stays light
    from sentencecheck.batch.library import audit, resume_audit
    from sentencecheck.batch.library import audit as run_audit
    from sentencecheck.batch.result import AuditResult

__all__ = [
    "Abuse",
    "AuditError",
    "AuditResult",
    "AdminPenalty",
    "AgeRange",
    "ArticleRef",
    "Case",
    "Charge",
    "Complaint",
    "CountRange",
    "Defendant",
    "EarlierDecision",
    "EngineError",
    "ExpectedFinding",
    "Extraction",
    "Finding",
    "Harm",
    "History",
    "InputError",
    "Outcome",
    "Proceeding",
    "ProtectiveOrder",
    "Report",
    "RuleError",
    "SelfDefence",
    "SentencecheckError",
    "Sentence",
    "Source",
    "Term",
    "Victim",
    "__version__",
    "audit",
    "case_from_data",
    "case_schema",
    "default_rule_set",
    "evaluate",
    "evaluate_many",
    "get_engine",
    "load_case",
    "load_rule_set",
    "render",
    "resume_audit",
    "run_audit",
    "Screener",
]


_LAZY = {
    "audit": ("sentencecheck.batch.library", "audit"),
    "run_audit": ("sentencecheck.batch.library", "audit"),  # the former name, kept as an alias
    "resume_audit": ("sentencecheck.batch.library", "resume_audit"),
    "AuditResult": ("sentencecheck.batch.result", "AuditResult"),
}


def __getattr__(name: str) -> object:
    """The audit's names, imported on first use (an audit loads the summary's plotting; ``check`` does not)."""
    if name in _LAZY:
        import importlib

        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'sentencecheck' has no attribute {name!r}")
