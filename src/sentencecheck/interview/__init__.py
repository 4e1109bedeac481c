"""`sentencecheck interview`: a local browser form to complete an `extract` draft or write a case file, with the
report and the next question beside it (Starlette, Jinja2 and a vendored htmx; 127.0.0.1 only, a per-launch
token, no network).  See docs/interview.md."""

from sentencecheck.interview.app import create_app
from sentencecheck.interview.state import CaseState

__all__ = ["CaseState", "create_app"]
