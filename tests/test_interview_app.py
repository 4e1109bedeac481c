"""`sentencecheck interview`: the web application through Starlette's test client (no browser, no network)."""

from __future__ import annotations

import html
import json
import re
import shutil
import warnings
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from pydantic import BaseModel
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its test client; httpx works
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

from sentencecheck import evaluate, load_case
from sentencecheck.interview import fieldpaths
from sentencecheck.interview.app import create_app
from sentencecheck.interview.command import bind, interview
from sentencecheck.interview.forms import SKIP, Field, Marks, build, short, topic_of, topics, walk
from sentencecheck.interview.labels import LABELS
from sentencecheck.interview.ranking import finding_key, rank
from sentencecheck.interview.security import COOKIE, cookie_value
from sentencecheck.interview.state import AUTOSAVE_SUFFIX, CaseState
from sentencecheck.interview.values import parsed, shown
from sentencecheck.model.case import Case

pytestmark = pytest.mark.filterwarnings("ignore::starlette.exceptions.StarletteDeprecationWarning")

ROOT = Path(__file__).resolve().parents[1]
SELF_DEFENCE = ROOT / "cases" / "self-defence-abused-wife-8-years.yaml"
TOKEN = "k" * 43
HX = {"HX-Request": "true"}

DRAFT: dict[str, Any] = {
    "id": "draft-verdict",
    "record": "decision",
    "sources": {
        "p3": {"document": "verdict.pdf", "paragraph": "3 (line 12)", "quote": "Приговор от 14.03.2024 года"},
        "p12": {"document": "verdict.pdf", "paragraph": "12 (line 40)", "quote": "подсудимая Иванова А.А."},
    },
    "proceeding": {"instance": "first_instance", "decision_date": "2024-03-14", "source": ["p3"]},
    "defendants": [{"id": "d1", "sex": "female", "charges": [{"code": "CC", "article": "99", "part": "1"}],
                    "outcome": "convicted"}],
    "extraction": {
        "document": "verdict.pdf",
        "tool": "sentencecheck extract 0.1.0",
        "values": {"defendants[0].sex": "p12", "proceeding.decision_date": "p3"},
        "not_found": ["defendants[0].age", "defendants[0].prior_convictions"],
    },
}


def _client(state: CaseState, tmp_path: Path) -> TestClient:
    client = TestClient(create_app(state, TOKEN, cwd=tmp_path), base_url="http://127.0.0.1")
    assert client.get(f"/?token={TOKEN}").status_code == 200
    return client


@pytest.fixture()
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "self-defence.yaml"
    shutil.copy(SELF_DEFENCE, path)
    return path


@pytest.fixture()
def draft_file(tmp_path: Path) -> Path:
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(DRAFT, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture()
def client(case_file: Path, tmp_path: Path) -> Iterator[TestClient]:
    state = CaseState.open(case_file, "en", tmp_path)
    with _client(state, tmp_path) as c:
        yield c


class _FormValues(HTMLParser):
    """What a browser submits for the page form: inputs, checked radios and boxes, selected options, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.pairs: list[tuple[str, str]] = []
        self._select: str | None = None
        self._first: tuple[str, str] | None = None
        self._textarea: str | None = None
        self._chosen = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name and name != "_action":
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.pairs.append((name, a.get("value", "on")))
            else:
                self.pairs.append((name, a.get("value", "")))
        elif tag == "select":
            self._select, self._first, self._chosen = name, None, False
        elif tag == "option" and self._select is not None:
            if self._first is None:
                self._first = (self._select, a.get("value", ""))
            if "selected" in a:
                self.pairs.append((self._select, a.get("value", "")))
                self._chosen = True
        elif tag == "textarea":
            self._textarea = name
            self.pairs.append((name, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "select" and self._select is not None:
            if not self._chosen and self._first is not None:
                self.pairs.append(self._first)
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.pairs[-1]
            self.pairs[-1] = (name, text + data)


def _post(client: TestClient, page: str, answers: dict[str, Any], action: str | None = None) -> Any:
    """Post a page as the browser does: every field of the page with its current value, the changes replacing
    theirs, and the button pressed."""
    form = client.get(f"/page/{page}").text.split('id="page-form"', 1)[1].split("</form>", 1)[0]
    parser = _FormValues()
    parser.feed(form)
    data: dict[str, list[str]] = {}
    for name, value in parser.pairs:
        data.setdefault(name, []).append(value)
    for name, value in answers.items():
        data[name] = value if isinstance(value, list) else [value]
    if action:
        data["_action"] = [action]
    return client.post(f"/page/{page}", data=data, headers=HX)


# -- the token and the headers ---------------------------------------------------------------------------------------

def test_every_request_needs_the_token(case_file: Path, tmp_path: Path) -> None:
    state = CaseState.open(case_file, "en", tmp_path)
    app = create_app(state, TOKEN, cwd=tmp_path)
    with TestClient(app, base_url="http://127.0.0.1", follow_redirects=False) as anonymous:
        for url in ("/", "/page/decision", "/report", "/next", "/static/htmx.min.js", f"/?token={'x' * 43}"):
            response = anonymous.get(url)
            assert response.status_code == 403, url
            assert "token" in response.text
        assert anonymous.post("/save", data={}).status_code == 403
        first = anonymous.get(f"/page/victims?token={TOKEN}")
        assert first.status_code == 303
        assert first.headers["location"] == "/page/victims"  # the token leaves the address bar
        cookie = first.headers["set-cookie"]
        assert f"{COOKIE}={cookie_value(TOKEN)}" in cookie
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
        assert TOKEN not in cookie
        assert anonymous.get("/page/victims").status_code == 200
    with TestClient(app, base_url="http://evil.example", follow_redirects=False) as rebound:
        assert rebound.get(f"/?token={TOKEN}").status_code == 403


def test_security_headers_and_no_inline_script(client: TestClient) -> None:
    for url in ("/page/decision", "/report", "/static/style.css", "/static/htmx.min.js", "/next"):
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe" not in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["cache-control"] == "no-store"
    html = client.get("/page/self-defence").text
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/htmx.min.js">']
    assert " style=" not in html and "<style" not in html and " on" + "click=" not in html
    assert "http://" not in html and "https://" not in html  # no CDN, no external font
    full = client.get("/report/full")
    assert full.status_code == 200
    assert "script-src" not in full.headers["content-security-policy"]
    assert "'sha256-" in full.headers["content-security-policy"]


def test_the_server_binds_only_the_loopback_address() -> None:
    with pytest.raises(ValueError, match="127.0.0.1"):
        bind(0, "0.0.0.0")
    sock = bind(0)
    try:
        host, port = sock.getsockname()[:2]
        assert host == "127.0.0.1" and port > 0
    finally:
        sock.close()
    help_text = CliRunner().invoke(interview, ["--help"]).output
    assert "--no-browser" in help_text and "--port" in help_text and "127.0.0.1" in help_text
    assert "Exit codes" in help_text


def test_a_file_that_is_not_a_case_exits_2_before_serving(tmp_path: Path) -> None:
    for text, message in (("id: x\n  bad: [\n", "invalid YAML"), ("- a list\n", "must be a mapping")):
        bad = tmp_path / "bad.yaml"
        bad.write_text(text, encoding="utf-8")
        result = CliRunner().invoke(interview, [str(bad), "--no-browser"])
        assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


# -- questions and answers -------------------------------------------------------------------------------------------

def test_a_bundled_case_shows_its_answers(client: TestClient) -> None:
    decision = client.get("/page/decision").text
    assert re.search(r'<option value="press_report" selected>', decision)
    defence = client.get("/page/self-defence").text
    assert re.search(r'name="self_defence.claimed" value="yes" checked', defence)
    assert re.search(r'name="self_defence.armed" value="" checked', defence)  # unknown is «not stated»
    assert "not stated in the verdict" in defence
    particulars = client.get("/page/defendant-0-particulars").text
    assert re.search(r'<option value="female" selected>', particulars)


def test_answers_are_applied_and_a_charge_added(client: TestClient, case_file: Path) -> None:
    response = _post(client, "defendant-0-particulars", {"defendants[0].intoxicated": "no",
                                                          "defendants[0].age": "34"})
    assert response.status_code == 200 and response.headers["hx-trigger"] == "case-changed"
    assert response.headers["hx-reswap"] == "none"  # the form she is typing in is not replaced
    assert 'name="_field"' not in response.text and 'id="e-f-defendants_0__age" hx-swap-oob="true"' in response.text
    page = client.get("/page/defendant-0-particulars").text
    assert re.search(r'name="defendants\[0\].intoxicated" value="no" checked', page)
    _post(client, "defendant-0-charges", {}, action="add defendants[0].charges")
    _post(client, "defendant-0-charges", {"defendants[0].charges[1].article": "109-1",
                                          "defendants[0].charges[1].part": "1"})
    _post(client, "decision", {"proceeding.court": "Суд № 2 г. Астаны"})
    assert client.post("/save", data={"target": str(case_file)}, headers=HX).status_code == 200
    saved = load_case(case_file)
    d = saved.defendants[0]
    assert d.intoxicated is False and d.age == 34
    assert [(c.article, c.part) for c in d.charges] == [(None, None), ("109-1", "1")]
    assert saved.proceeding.court == "Суд № 2 г. Астаны"


def test_a_bad_entry_keeps_the_answer_and_shows_the_error(client: TestClient, case_file: Path) -> None:
    before = case_file.read_bytes()
    response = _post(client, "defendant-0-particulars", {"defendants[0].age": "about forty"})
    assert 'id="e-f-defendants_0__age" hx-swap-oob="true"><p class="error"' in response.text
    page = client.get("/page/defendant-0-particulars").text
    assert 'value="about forty"' in page  # the answer stays in the form
    field = page.split('id="f-defendants_0__age"', 1)[1].split('<div class="draft-slot"', 1)[0]
    assert [html.unescape(e) for e in re.findall(r'<p class="error" role="alert">([^<]*)</p>', field)] == [
        "write a number, or a range such as <18 or >=14 <16"]
    report = client.get("/report").text
    assert "does not validate" in report and "f-defendants_0__age" in report
    saved = client.post("/save", data={"target": str(case_file)}, headers=HX)
    assert "Not saved" in saved.text
    assert case_file.read_bytes() == before  # never overwritten with an invalid case
    autosave = case_file.with_name(case_file.name + AUTOSAVE_SUFFIX)
    assert json.loads(autosave.read_text(encoding="utf-8"))["data"]["defendants"][0]["age"] == "about forty"
    again = CaseState.open(case_file, "en", case_file.parent)  # the next launch restores the answers
    assert again.data["defendants"][0]["age"] == "about forty" and "restored" in again.notice
    assert "defendants[0].age" in again.errors


def test_saved_file_loads_and_its_report_matches(client: TestClient, case_file: Path) -> None:
    original = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    _post(client, "decision", {"proceeding.court": "Court"})
    _post(client, "defendant-0-circumstances", {"defendants[0].affect_examined": "no"})
    result = client.post("/save", data={"target": str(case_file)}, headers=HX)
    assert "Saved" in result.text
    assert not case_file.with_name(case_file.name + AUTOSAVE_SUFFIX).exists()
    text = case_file.read_text(encoding="utf-8")
    assert text.startswith("# A woman who stabbed her husband")  # the file's opening comment is kept
    saved = yaml.safe_load(text)
    assert saved["sources"] == original["sources"] and saved["expected_findings"] == original["expected_findings"]
    assert list(saved) == list(original)
    assert list(saved["proceeding"]) == ["court", "instance", "source"]  # a new key in the model's order
    case = load_case(case_file)
    shown_report = evaluate(case, engine="python", lang="en")
    assert case.defendants[0].affect_examined is False
    assert [(f.rule, f.confidence) for f in shown_report.findings] == [
        (f.rule, f.confidence) for f in evaluate(case, engine="durable", lang="en").findings]
    box = html.unescape(client.get("/report").text)
    assert all(f.title in box for f in shown_report.findings)  # the live report is the saved file's report


def test_ticking_an_item_states_the_list_and_not_stated_clears_it(case_file: Path, tmp_path: Path) -> None:
    state = CaseState.open(case_file, "en", tmp_path)
    page, path = "defendant-0-circumstances", "defendants[0].mitigating_recognised"
    with _client(state, tmp_path) as client:
        ticked = _post(client, page, {f"{path}@stated": "no", path: ["9", "10"]})
        assert fieldpaths.get(state.data, path) == [9, 10]
        assert 'name="_field"' in ticked.text  # drawn again, so that the form shows what was understood
        assert re.search(r'name="defendants\[0\].mitigating_recognised@stated" value="yes" checked', ticked.text)
        cleared = _post(client, page, {f"{path}@stated": "no"})  # «not stated» chosen over the ticks
        assert fieldpaths.get(state.data, path) is None
        assert 'name="_field"' in cleared.text and not re.search(r'value="9" checked', cleared.text)
        none = _post(client, page, {f"{path}@stated": "yes", path: []})
        assert none.headers.get("hx-reswap") == "none"
        assert fieldpaths.get(state.data, path) == []  # stated, none ticked: the court recognised none


def test_the_form_works_without_javascript(case_file: Path, tmp_path: Path) -> None:
    state = CaseState.open(case_file, "en", tmp_path)
    with _client(state, tmp_path) as client:
        response = client.post("/page/decision", data={"_field": ["proceeding.court"], "proceeding.court": "Court"},
                               follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/page/decision"
        assert state.data["proceeding"]["court"] == "Court"
        saved = client.post("/save", data={}, follow_redirects=True)
        assert "Saved" in saved.text and load_case(case_file).proceeding.court == "Court"


# -- an extract draft ------------------------------------------------------------------------------------------------

def test_a_draft_shows_passages_lists_not_found_first_and_is_marked_reviewed(draft_file: Path,
                                                                              tmp_path: Path) -> None:
    state = CaseState.open(draft_file, "ru", tmp_path)
    with _client(state, tmp_path) as client:
        page = client.get("/page/defendant-0-particulars").text
        assert "подсудимая Иванова А.А." in page and "Извлечено из абзаца 12 (line 40)" in page
        not_found = page.index("В тексте решения не найдено")
        assert not_found < page.index('id="f-defendants_0__age"') < page.index('id="f-defendants_0__sex"')
        assert page.index('id="f-defendants_0__prior_convictions"') < page.index('id="f-defendants_0__sex"')
        assert page.count('name="_field" value="defendants[0].age"') == 1
        assert "в решении не указано" in page
        _post(client, "defendant-0-particulars", {}, action="accept defendants[0].sex")
        assert client.post("/save", data={}, headers=HX).status_code == 200
        assert yaml.safe_load(draft_file.read_text(encoding="utf-8"))["extraction"].get("reviewed") is not True
        _post(client, "decision", {"proceeding.decision_date": "15.03.2024"})  # corrected
        assert state.review == {"defendants[0].sex": "accepted", "proceeding.decision_date": "corrected"}
        assert "Сохранено" in client.post("/save", data={}, headers=HX).text
    saved = load_case(draft_file)
    assert saved.extraction is not None and saved.extraction.reviewed is True
    assert saved.extraction.values == DRAFT["extraction"]["values"]
    assert str(saved.proceeding.decision_date) == "2024-03-15"
    assert saved.sources["p12"].quote == "подсудимая Иванова А.А."


def test_removing_an_entry_moves_the_drafted_paths_with_it(tmp_path: Path) -> None:
    data = json.loads(json.dumps(DRAFT))
    data["defendants"].append({"id": "d2", "sex": "male", "outcome": "convicted"})
    data["extraction"]["values"] = {"defendants[0].sex": "p12", "defendants[1].sex": "p12"}
    path = tmp_path / "two.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    state = CaseState.open(path, "en", tmp_path)
    state.accept("defendants[1].sex")
    state.remove("defendants[0]")
    assert state.data["extraction"]["values"] == {"defendants[0].sex": "p12"}
    assert state.review == {"defendants[0].sex": "accepted"}
    assert [d["id"] for d in state.data["defendants"]] == ["d2"]


# -- the next question -----------------------------------------------------------------------------------------------

def test_next_question_settles_the_most_possible_findings_exactly(tmp_path: Path) -> None:
    state = CaseState.open(SELF_DEFENCE, "en", tmp_path)
    ranking = rank(state.data, "en")
    assert ranking is not None and ranking.valid and ranking.possible == 4
    assert ranking.candidates, "the self-defence case has questions that settle possible findings"
    keys = [(c.best, c.nearness) for c in ranking.candidates]
    assert keys == sorted(keys, reverse=True) and all(c.best >= 1 or c.on_way >= 1 for c in ranking.candidates)
    assert ranking.candidates[0].path == "self_defence.court_considered_cc32"  # settles one either way
    before = evaluate(Case.model_validate(state.data), engine="python")
    possible = {finding_key(f) for f in before.findings if f.confidence == "possible"}
    for candidate in ranking.candidates:
        for outcome in candidate.outcomes:  # each count is the real effect of that answer
            variant = fieldpaths.assigned(state.data, candidate.path, parsed("tri", outcome.value)
                                          if outcome.value in ("yes", "no") else outcome.value)
            after = {finding_key(f): f.confidence
                     for f in evaluate(Case.model_validate(variant), engine="python").findings}
            assert outcome.confirmed == sum(after.get(k) == "confirmed" for k in possible)
            assert outcome.dropped == sum(k not in after for k in possible)
    top = ranking.candidates[0]
    all_topics = topics(state.data, "en")
    unanswered = [n.path for t in all_topics for n in walk(build(t, state.data, "en", Marks(), all_topics).nodes)
                  if isinstance(n, Field) and n.unanswered]
    assert top.path in unanswered and fieldpaths.get(state.data, top.path) is None
    with _client(state, tmp_path) as client:
        box = client.get("/next").text
        assert "Next question" in box and f'#f-{re.sub(r"[^A-Za-z0-9_-]", "_", top.path)}"' in box
        assert "settles" in box


def test_next_question_follows_the_fewest_facts_where_no_answer_settles_alone(tmp_path: Path) -> None:
    case = ROOT / "cases" / "boy-abused-by-father-unpunished.yaml"
    state = CaseState.open(case, "en", tmp_path)
    ranking = rank(state.data, "en")
    assert ranking is not None and ranking.possible == 1
    first, second = ranking.candidates[:2]
    assert (first.path, first.best) == ("defendants[0].outcome.dismissal_ground", 1)  # reconciliation settles it
    assert (second.path, second.best, second.on_way) == ("harm[0].special_cruelty_established", 0, 1)
    report = evaluate(Case.model_validate(state.data), engine="python", settle=True)
    (finding,) = [f for f in report.findings if f.confidence == "possible"]
    assert finding.settle is not None and finding.settle.confirm is not None
    fewest = {a.fact for a in finding.settle.confirm}
    assert "torment.elements" in fewest  # what special cruelty changes (the current CC 110(1) text)
    assert second.nearness == pytest.approx(1 / len(fewest))
    # once the ground is answered without settling, the way to the fewest facts is all that is left
    state.data["defendants"][0]["outcome"]["dismissal_ground"] = "no_event"
    again = rank(state.data, "en")
    assert again is not None and [(c.path, c.best, c.on_way) for c in again.candidates] == [
        ("harm[0].special_cruelty_established", 0, 1)]
    with _client(state, tmp_path) as client:
        box = client.get("/next").text
        assert "one of the fewest facts that would settle 1 of 1 possible findings" in box


def test_no_next_question_without_possible_findings(tmp_path: Path) -> None:
    state = CaseState.open(ROOT / "cases" / "control-acquittal.yaml", "en", tmp_path)
    ranking = rank(state.data, "en")
    assert ranking is not None and ranking.possible == 0 and ranking.candidates == []
    broken = {"id": "x", "defendants": [{"id": "d1"}]}  # no outcome: invalid
    invalid = rank(broken, "en")
    assert invalid is not None and not invalid.valid


# -- a new case ------------------------------------------------------------------------------------------------------

def test_a_new_case_is_written_to_the_file_named(tmp_path: Path) -> None:
    state = CaseState.open(None, "ru", tmp_path)
    assert state.target == tmp_path / "case.yaml"
    with _client(state, tmp_path) as client:
        sentence = client.get("/page/defendant-0-sentence").text
        assert "обязательное поле не заполнено" in sentence  # the outcome is required
        assert "в решении не указано" in sentence
        _post(client, "defendant-0-sentence", {"defendants[0].outcome.kind": "convicted"})
        _post(client, "victims", {}, action="add victims")
        _post(client, "victims", {"victims[0].sex": "female", "victims[0].relationship.d1": "spouse"})
        _post(client, "self-defence", {}, action="section-add self_defence")
        defence = client.get("/page/self-defence").text
        assert "обязательное поле не заполнено" in defence  # defender and attacker
        _post(client, "self-defence", {"self_defence.defender": "d1", "self_defence.attacker": "v1",
                                       "self_defence.claimed": "yes"})
        result = client.post("/save", data={"target": "new-verdict.yaml"}, headers=HX).text
        assert "Сохранено" in result, result
    case = load_case(tmp_path / "new-verdict.yaml")
    assert case.defendants[0].outcome.kind == "convicted"
    assert case.victims[0].relationship == {"d1": "spouse"}
    assert case.self_defence is not None and case.self_defence.claimed is True
    text = (tmp_path / "new-verdict.yaml").read_text(encoding="utf-8")
    assert "outcome: convicted" in text  # the shorthand the project's files use
    assert (tmp_path / "new-verdict.yaml").stat().st_mode & 0o077 == 0  # readable by its owner only


def test_an_existing_file_is_not_replaced_without_asking(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text("keep: me\n", encoding="utf-8")
    state = CaseState.open(None, "en", tmp_path)
    state.apply({"_field": ["defendants[0].outcome.kind"], "defendants[0].outcome.kind": ["acquitted"]})
    assert not state.save(other).ok and other.read_text(encoding="utf-8") == "keep: me\n"
    assert state.save(other, overwrite=True).ok and load_case(other).defendants[0].outcome.kind == "acquitted"


# -- the form's completeness and its texts ---------------------------------------------------------------------------

def _full_case() -> dict[str, Any]:
    """A case with one entry in every list and every optional section present (the form's widest shape)."""
    return {
        "id": "all", "defendants": [{"id": "d1", "outcome": "convicted", "charges": [{"article": "99"}],
                                     "earlier": {"charges": [{"article": "99"}]}}],
        "victims": [{"id": "v1"}], "harm": [{"victim": "v1"}],
        "history": {"abuse": [{"by": "d1", "against": "v1"}], "police_complaints": [{"by": "v1", "against": "d1"}],
                    "protective_orders": [{"against": "d1"}], "admin_penalties": [{"against": "d1"}]},
        "self_defence": {"defender": "d1", "attacker": "v1"},
    }


def test_every_field_of_the_model_is_asked_somewhere() -> None:
    data = _full_case()
    all_topics = topics(data, "en")
    asked: set[tuple[str, str]] = set()
    for t in all_topics:
        for n in walk(build(t, data, "en", Marks(), all_topics).nodes):
            tokens, owners = fieldpaths.parse(n.path), fieldpaths.owners(n.path)
            names = [(o, tok) for o, tok in zip(owners, tokens, strict=True) if isinstance(tok, str) and o is not None]
            owner, name = names[-1]
            asked.add((owner.__name__, name))
            assert topic_of(n.path, all_topics) == t, n.path  # each field on the page that asks it

    expected: set[tuple[str, str]] = set()

    def visit(cls: type[BaseModel]) -> None:
        for name in cls.model_fields:
            s = fieldpaths.shape(cls, name)
            if name in SKIP:
                continue
            if s.model is not None and not s.scalar_or_model and s.container is None:
                visit(s.model)  # a section: asked through its fields
                continue
            expected.add((cls.__name__, name))
            if s.model is not None and s.container == "list":
                visit(s.model)

    visit(Case)
    pages = {("Case", "defendants")}  # the defendants are pages of their own
    assert expected - pages <= asked, sorted(expected - pages - asked)


def test_values_round_trip_through_the_form() -> None:
    for kind, text, value in [("tri", "yes", True), ("tri", "no", False), ("tri", "", None), ("number", "1,5", 1.5),
                              ("number", "8", 8), ("age", "<18", {"under": 18}),
                              ("age", ">=14 <16", {"at_least": 14, "under": 16}), ("count", ">=10", {"at_least": 10}),
                              ("numbers", "5, 7", [5, 7]), ("date", "20.09.2023", date(2023, 9, 20))]:
        assert parsed(kind, text) == value, (kind, text)  # type: ignore[arg-type]
        assert parsed(kind, shown(kind, value, "en")) == value  # type: ignore[arg-type]
    assert parsed("number", "1,500") == "1,500"  # ambiguous: kept for the model to explain
    assert fieldpaths.parse("victims[0].relationship.d.1") == ["victims", 0, "relationship", "d.1"]
    assert fieldpaths.parse("defendants[1].charges[0].sentence.term.years") == [
        "defendants", 1, "charges", 0, "sentence", "term", "years"]
    assert parsed("date", "2023") == "2023"  # a year: the model reads it as an approximate date


def test_labels_exist_in_both_languages_and_questions_are_short() -> None:
    assert set(LABELS["en"]) == set(LABELS["ru"])
    assert all(LABELS["ru"][k] and LABELS["ru"][k] != LABELS["en"][k] or k in {"app_title"} for k in LABELS["en"])
    assert short("Which article? In quotes, with a dash (\"99\", \"73-1\"); null = not stated.") == "Which article?"
    assert short("Кто применял насилие (обозначение — d1 или v1)?") == "Кто применял насилие?"
    assert short("Основание — словами решения (например, «п. 2 ч. 1 ст. 35 УПК РК»).").endswith("РК»).")


def test_templates_use_only_the_table_of_texts() -> None:
    folder = ROOT / "src" / "sentencecheck" / "interview" / "templates"
    for template in folder.glob("*.html"):
        text = re.sub(r"\{[{%#].*?[}%#]\}", " ", template.read_text(encoding="utf-8"), flags=re.DOTALL)
        text = re.sub(r"<[^>]+>", " ", text)
        words = re.findall(r"[A-Za-zА-Яа-яЁё]{3,}", text)
        assert words == [], f"{template.name}: text outside the labels table: {words[:5]}"


@pytest.mark.parametrize("text", sorted((ROOT / "tests" / "verdicts").glob("*.txt")), ids=lambda p: p.stem)
def test_every_value_extract_drafts_is_shown_by_a_field_to_accept(text: Path, tmp_path: Path) -> None:
    """From a verdict's text to the interview: each drafted value sits beside the field that asks it."""
    from sentencecheck.extract.draft import draft
    from sentencecheck.extract.output import to_yaml

    file = tmp_path / "draft.yaml"
    file.write_text(to_yaml(draft(text)), encoding="utf-8")
    state = CaseState.open(file, "en", tmp_path)
    all_topics = topics(state.data, "en")
    shown = {n.path for t in all_topics for n in walk(build(t, state.data, "en", Marks(), all_topics).nodes)
             if isinstance(n, Field)}
    drafted = state.drafted_paths()
    assert drafted
    assert [p for p in drafted if p not in shown] == []
