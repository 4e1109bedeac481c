"""Writing case files: the plain-language question behind every field (``questions.yaml``), the commented skeleton
of ``sentencecheck new`` (``skeleton.py``) and the field reference of the guide (``reference.py``)."""

from sentencecheck.casefile.questions import KINDS, load_questions
from sentencecheck.casefile.skeleton import new, skeleton

__all__ = ["KINDS", "load_questions", "new", "skeleton"]
