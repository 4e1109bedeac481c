"""Case facts."""

from sentencecheck.model.case import Case
from sentencecheck.model.load import case_from_data, case_schema, load_case

__all__ = ["Case", "case_from_data", "case_schema", "load_case"]
