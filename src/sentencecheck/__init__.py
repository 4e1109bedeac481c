"""sentencecheck: screen verdicts for likely leniency or over-punishment.

>>> from sentencecheck import load_case, evaluate
>>> report = evaluate(load_case("cases/some-verdict.yaml"))  # doctest: +SKIP
"""

__version__ = "0.1.0"

from sentencecheck.api import evaluate, evaluate_many, get_engine  # noqa: E402
from sentencecheck.errors import EngineError, InputError, RuleError, SentencecheckError  # noqa: E402
from sentencecheck.model import Case, case_from_data, case_schema, load_case  # noqa: E402
from sentencecheck.report.model import Finding, Report  # noqa: E402
from sentencecheck.rules.load import default_rule_set, load_rule_set  # noqa: E402

__all__ = [
    "Case",
    "EngineError",
    "Finding",
    "InputError",
    "Report",
    "RuleError",
    "SentencecheckError",
    "__version__",
    "case_from_data",
    "case_schema",
    "default_rule_set",
    "evaluate",
    "evaluate_many",
    "get_engine",
    "load_case",
    "load_rule_set",
]
