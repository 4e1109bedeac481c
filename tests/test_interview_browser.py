"""`sentencecheck interview` in a real browser: the system's Chromium driven by Playwright (never a downloaded browser),
the server on a free port of 127.0.0.1 in a thread.

Skips, saying why, when Chromium (``/usr/bin/chromium`` or ``$SENTENCECHECK_CHROMIUM``) or Playwright is missing,
unless ``SENTENCECHECK_REQUIRE_BROWSER=1`` (CI), when it fails instead.  ``SENTENCECHECK_SCREENSHOTS=1`` also saves
the screenshots of docs/interview.md (``docs/interview-*.png``); without it the tests write nothing outside their
temporary folder."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from sentencecheck import load_case
from sentencecheck.interview.app import create_app
from sentencecheck.interview.command import bind, session_url
from sentencecheck.interview.state import CaseState

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("SENTENCECHECK_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
REQUIRED = os.environ.get("SENTENCECHECK_REQUIRE_BROWSER") == "1"
SCREENSHOTS = os.environ.get("SENTENCECHECK_SCREENSHOTS") == "1"
TIMEOUT = 30_000  # ms: the next question of a case is computed exactly, which takes a moment on a slow machine


def _unavailable() -> str | None:
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (install Debian's chromium, or set SENTENCECHECK_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"SENTENCECHECK_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class _Server:
    """The interview served by uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, state: CaseState, cwd: Path) -> None:
        import uvicorn

        token = "b" * 43
        self.sock = bind(0)
        self.url = session_url(self.sock, token)
        config = uvicorn.Config(create_app(state, token, cwd=cwd), log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the interview server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.sock.close()

    def page_url(self, key: str) -> str:
        return self.url.split("/?", 1)[0] + f"/page/{key}"


def _shot(page: Any, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(ROOT / "docs" / f"interview-{name}.png"), full_page=False)


def _changed(page: Any, action: Any) -> None:
    """Do ``action`` and wait for the form's answer to reach the server."""
    with page.expect_response(lambda r: "/page/" in r.url and r.request.method == "POST"):
        action()
    # the answer's swap must be in place before the next action, or that action may hit a replaced element
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")


def test_a_lawyer_writes_a_case_and_saves_it(browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    state = CaseState.open(None, "en", tmp_path)
    with _Server(state, tmp_path) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.on("dialog", lambda dialog: dialog.accept())
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server.url)
        expect(page.locator("h1")).to_have_text("Decision")
        assert "token=" not in page.url
        _changed(page, lambda: page.select_option("#i-f-record", "decision"))
        _changed(page, lambda: page.select_option("#i-f-proceeding_instance", "first_instance"))
        page.fill("#i-f-proceeding_decision_date", "14.03.2024")
        _changed(page, lambda: page.press("#i-f-proceeding_decision_date", "Tab"))
        page.fill("#i-f-proceeding_offence_date", "01.02.2024")
        _changed(page, lambda: page.press("#i-f-proceeding_offence_date", "Tab"))

        page.click("nav.topics a[href='/page/defendant-0-particulars']")
        expect(page.locator("h1")).to_contain_text("Particulars")
        _changed(page, lambda: page.select_option("#i-f-defendants_0__sex", "female"))
        _changed(page, lambda: page.check("#i-f-defendants_0__prior_convictions-no"))
        page.fill("#i-f-defendants_0__age", "forty")  # a bad entry: kept, with the error beside it
        _changed(page, lambda: page.press("#i-f-defendants_0__age", "Tab"))
        expect(page.locator("#f-defendants_0__age .error")).to_be_visible()
        expect(page.locator("#i-f-defendants_0__age")).to_have_value("forty")
        page.fill("#i-f-defendants_0__age", "40")
        _changed(page, lambda: page.press("#i-f-defendants_0__age", "Tab"))
        expect(page.locator("#f-defendants_0__age .error")).to_have_count(0)

        page.goto(server.page_url("defendant-0-charges"))
        _changed(page, lambda: page.click("button[value='add defendants[0].charges']"))
        page.fill("#i-f-defendants_0__charges_0__article", "99")
        _changed(page, lambda: page.press("#i-f-defendants_0__charges_0__article", "Tab"))
        page.fill("#i-f-defendants_0__charges_0__part", "1")
        _changed(page, lambda: page.press("#i-f-defendants_0__charges_0__part", "Tab"))

        page.goto(server.page_url("defendant-0-sentence"))
        _changed(page, lambda: page.select_option("#i-f-defendants_0__outcome_kind", "convicted"))
        page.click("#f-defendants_0__sentence > summary")
        _changed(page, lambda: page.select_option("#i-f-defendants_0__sentence_kind", "imprisonment"))
        page.fill("#i-f-defendants_0__sentence_term_years", "3")
        _changed(page, lambda: page.press("#i-f-defendants_0__sentence_term_years", "Tab"))
        report = page.locator("#report-box")
        expect(report).to_contain_text("Penalty below the statutory minimum", timeout=TIMEOUT)
        expect(report.locator("li.confirmed")).to_have_count(1)
        expect(page.locator("#next-box")).to_contain_text("Next question", timeout=TIMEOUT)
        _shot(page, "sentence")

        page.click("#save-form button[type=submit]")
        expect(page.locator("#save-status")).to_contain_text("Saved", timeout=TIMEOUT)
        page.goto(server.page_url("decision"))
        _shot(page, "decision")
        page.close()
    assert all(url.startswith(server.url.split("/?", 1)[0]) for url in requests)  # nothing leaves 127.0.0.1
    case = load_case(tmp_path / "case.yaml")
    d = case.defendants[0]
    assert (case.record, case.proceeding.instance, str(case.proceeding.decision_date)) == (
        "decision", "first_instance", "2024-03-14")
    assert (d.sex, d.prior_convictions, d.age, d.outcome.kind) == ("female", False, 40, "convicted")
    assert [(c.code, c.article, c.part) for c in d.charges] == [("CC", "99", "1")]
    assert d.sentence is not None and d.sentence.kind == "imprisonment" and d.sentence.term.years == 3


def test_a_lawyer_reviews_an_extract_draft(browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    draft = {
        "id": "draft-verdict", "record": "decision",
        "sources": {
            "p2": {"document": "verdict.pdf", "paragraph": "2 (line 7)",
                   "quote": "Суд № 2 района Байконыр г. Астаны, 14 марта 2024 года"},
            "p4": {"document": "verdict.pdf", "paragraph": "4 (line 15)",
                   "quote": "подсудимой Ивановой Айгуль Маратовны, 12.05.1990 года рождения"},
            "p9": {"document": "verdict.pdf", "paragraph": "9 (line 31)",
                   "quote": "признать виновной в совершении преступления, предусмотренного ч. 1 ст. 99 УК РК"},
            "p14": {"document": "verdict.pdf", "paragraph": "14 (line 52)",
                    "quote": "ранее не судима, на иждивении двое малолетних детей"},
        },
        "proceeding": {"instance": "first_instance", "decision_date": "2024-03-14", "source": ["p2"]},
        "defendants": [{"id": "d1", "sex": "female", "prior_convictions": False, "has_young_children": True,
                        "charges": [{"code": "CC", "article": "99", "part": "1", "source": ["p9"]}],
                        "outcome": "convicted", "source": ["p14"]}],
        "extraction": {"document": "verdict.pdf", "tool": "sentencecheck extract",
                       "values": {"proceeding.decision_date": "p2", "defendants[0].sex": "p4",
                                  "defendants[0].prior_convictions": "p14",
                                  "defendants[0].has_young_children": "p14",
                                  "defendants[0].charges[0].article": "p9"},
                       "not_found": ["defendants[0].age", "defendants[0].intoxicated"]},
    }
    file = tmp_path / "draft.yaml"
    file.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    state = CaseState.open(file, "ru", tmp_path)
    with _Server(state, tmp_path) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 1100})
        page.goto(server.url)
        page.goto(server.page_url("defendant-0-particulars"))
        top = page.locator(".not-found-first")
        expect(top).to_contain_text("В тексте решения не найдено")
        expect(top.locator("#f-defendants_0__age")).to_have_count(1)
        draft_box = page.locator("#f-defendants_0__prior_convictions .draft")
        expect(draft_box).to_contain_text("ранее не судима")
        expect(draft_box).to_contain_text("14 (line 52)")
        expect(page.locator("#f-defendants_0__sex .draft")).to_contain_text("подсудимой Ивановой")
        _shot(page, "draft")
        _changed(page, lambda: page.click("#f-defendants_0__sex button.accept"))
        _changed(page, lambda: page.click("#f-defendants_0__prior_convictions button.accept"))
        expect(page.locator("#f-defendants_0__prior_convictions .badge")).to_have_text("принято")
        _changed(page, lambda: page.click("#f-defendants_0__has_young_children button.accept"))
        _changed(page, lambda: page.check("#i-f-defendants_0__intoxicated-no"))
        page.goto(server.page_url("decision"))
        _changed(page, lambda: page.click("#f-proceeding_decision_date button.accept"))
        page.goto(server.page_url("defendant-0-charges"))
        _changed(page, lambda: page.click("#f-defendants_0__charges_0__article button.accept"))
        expect(page.locator(".drafts-summary")).to_contain_text("Все извлечённые значения проверены")
        page.click("#save-form button[type=submit]")
        expect(page.locator("#save-status")).to_contain_text("Сохранено", timeout=TIMEOUT)
        page.close()
    saved = load_case(file)
    assert saved.extraction is not None and saved.extraction.reviewed is True
    assert saved.defendants[0].intoxicated is False
    assert saved.sources["p14"].quote == "ранее не судима, на иждивении двое малолетних детей"


def test_the_next_question_leads_to_its_field(browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    file = tmp_path / "self-defence.yaml"
    shutil.copy(ROOT / "cases" / "self-defence-abused-wife-8-years.yaml", file)
    state = CaseState.open(file, "en", tmp_path)
    with _Server(state, tmp_path) as server:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})
        page.goto(server.url)
        page.goto(server.page_url("self-defence"))
        box = page.locator("#next-box")
        expect(box.locator(".next-question a")).to_be_visible(timeout=TIMEOUT)
        expect(box).to_contain_text("settles 1 of 4 possible findings")
        _shot(page, "next")
        target = box.locator(".next-question a").get_attribute("href") or ""
        page.click("#next-box .next-question a")
        field_id = target.split("#", 1)[1]
        expect(page.locator(f"#{field_id}")).to_be_visible()
        assert page.url.endswith(target)
        before = box.inner_text()
        _changed(page, lambda: page.check(f"#i-{field_id}-yes"))
        expect(box).not_to_have_text(before, timeout=TIMEOUT)  # the box follows the answer
        page.close()
