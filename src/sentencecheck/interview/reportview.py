"""The report as the interview shows it, from the library's own HTML renderer (no second renderer): the summary as
a fragment for the live report box, and the full report as a page of its own."""

from __future__ import annotations

import base64
import hashlib
import re

from sentencecheck.report.model import Report
from sentencecheck.report.render import render

_BODY = re.compile(r"<body>(.*)</body>", re.DOTALL)
_NAV = re.compile(r"^\s*<nav>.*?</nav>", re.DOTALL)
_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def summary_fragment(report: Report) -> str:
    """The summary of ``report`` as HTML to put inside a page: the body of the renderer's summary document without
    its table of contents; a finding's link opens it in the full report.  Case data is escaped by the
    renderer."""
    page = render([report], "html", summary=True)
    match = _BODY.search(page)
    body = _NAV.sub("", match.group(1) if match else "").strip()
    return body.replace('<a href="#', '<a target="_blank" rel="noopener noreferrer" href="/report/full#')


def full_page(report: Report) -> tuple[str, str]:
    """The full HTML report and the Content-Security-Policy that lets its own stylesheet (and nothing else) apply:
    the page's one inline style is allowed by its hash."""
    page = render([report], "html")
    styles = _STYLE.findall(page)
    hashes = " ".join("'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
                      for s in styles)
    style = hashes or "'none'"
    csp = (f"default-src 'none'; style-src {style}; img-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
           "form-action 'none'")
    return page, csp
