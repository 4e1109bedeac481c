"""The interview as a Starlette application: pages of questions, the live report, the next question, saving.

Every page posts its answers on each change (htmx, ``hx-trigger="change"``) and gets its form back with the
errors beside the fields; the report box and the next-question box reload after each change.  Without JavaScript
the same form works with its «Apply» button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sentencecheck.api import evaluate
from sentencecheck.interview import fieldpaths
from sentencecheck.interview.forms import Marks, Page, Topic, anchor, build, topic_of, topics, walk
from sentencecheck.interview.labels import label
from sentencecheck.interview.ranking import RankingCache
from sentencecheck.interview.reportview import full_page, summary_fragment
from sentencecheck.interview.security import LOCAL_HOSTS, Guard
from sentencecheck.interview.state import CaseState, save_target

MAX_FORM_FIELDS = 5000


def create_app(state: CaseState, token: str, cwd: Path | None = None,
               hosts: frozenset[str] = LOCAL_HOSTS) -> Starlette:
    """The application serving ``state``; every request must carry ``token`` (see :mod:`.security`)."""
    views = _Views(state, cwd or Path.cwd())
    routes = [
        Route("/", views.home),
        Route("/page/{key}", views.page, methods=["GET", "POST"]),
        Route("/report", views.report),
        Route("/report/full", views.full_report),
        Route("/next", views.next_question),
        Route("/save", views.save, methods=["POST"]),
        Route("/favicon.ico", views.no_icon),
        Mount("/static", StaticFiles(packages=[("sentencecheck.interview", "static")]), name="static"),
    ]
    app = Starlette(routes=routes)
    app.add_middleware(Guard, token=token, lang=state.lang, hosts=hosts)
    return app


class _Views:
    def __init__(self, state: CaseState, cwd: Path) -> None:
        self.state, self.cwd = state, cwd
        self.rankings = RankingCache()
        self.env = Environment(loader=PackageLoader("sentencecheck.interview", "templates"),
                               autoescape=select_autoescape(default=True, default_for_string=True),
                               trim_blocks=True, lstrip_blocks=True)

    # -- rendering -------------------------------------------------------------------------------------------------

    def t(self, key: str) -> str:
        return label(key, self.state.lang)

    def render(self, name: str, status: int = 200, headers: dict[str, str] | None = None,
               **context: Any) -> HTMLResponse:
        template = self.env.get_template(name)
        html = template.render(t=self.t, lang=self.state.lang, state=self.state, anchor=anchor,
                               target=self.shown_target(), **context)
        return HTMLResponse(html, status_code=status, headers=headers)

    def shown_target(self) -> str:
        """The file the case is saved to, relative to the folder the interview was started in when inside it."""
        try:
            return str(self.state.target.relative_to(self.cwd))
        except ValueError:
            return str(self.state.target)

    def topics(self) -> list[Topic]:
        return topics(self.state.data, self.state.lang)

    def marks(self) -> Marks:
        return Marks(errors=self.state.errors, drafts=self.state.drafts(), not_found=self.state.not_found())

    def page_view(self, topic: Topic, all_topics: list[Topic]) -> Page:
        return build(topic, self.state.data, self.state.lang, self.marks(), all_topics)

    def nav(self, all_topics: list[Topic], current: str) -> list[dict[str, Any]]:
        """The pages, each with the number of problems and drafted values still to review on it."""
        problems: dict[str, int] = {}
        for path, messages in self.state.errors.items():
            key = topic_of(path, all_topics).key
            problems[key] = problems.get(key, 0) + len(messages)
        pending: dict[str, int] = {}
        for path, draft in self.state.drafts().items():
            if draft.status == "pending":
                key = topic_of(path, all_topics).key
                pending[key] = pending.get(key, 0) + 1
        return [{"topic": t, "current": t.key == current, "problems": problems.get(t.key, 0),
                 "pending": pending.get(t.key, 0)} for t in all_topics]

    def find(self, key: str) -> tuple[Topic, list[Topic]] | None:
        all_topics = self.topics()
        for t in all_topics:
            if t.key == key:
                return t, all_topics
        return None

    # -- routes ----------------------------------------------------------------------------------------------------

    async def no_icon(self, request: Request) -> Response:
        return Response(status_code=204)

    async def home(self, request: Request) -> Response:
        return RedirectResponse("/page/decision", status_code=303)

    async def page(self, request: Request) -> Response:
        key = request.path_params["key"]
        found = self.find(key)
        if found is None:
            return PlainTextResponse("no such page", status_code=404)
        if request.method == "POST":
            form = await request.form(max_fields=MAX_FORM_FIELDS)
            redirect, redraw = self.answer(form)
            htmx = request.headers.get("HX-Request") == "true"
            if redirect or not htmx:
                target = redirect or f"/page/{key}"
                if htmx:
                    return Response(status_code=204, headers={"HX-Redirect": target})
                return RedirectResponse(target, status_code=303)
            found = self.find(key)
            if found is None:
                return Response(status_code=204, headers={"HX-Redirect": "/page/decision"})
            topic, all_topics = found
            view = self.page_view(topic, all_topics)
            if redraw or "_action" in form:  # entries added or removed, a value accepted: the page is drawn again
                return self.render("page_form.html", headers={"HX-Trigger": "case-changed"}, page=view)
            # an answer: only what is shown beside the answers changes, so the form she is typing in stays
            return self.render("marks_oob.html", headers={"HX-Trigger": "case-changed", "HX-Reswap": "none"},
                               page=view, nodes=walk(view.nodes), nav=self.nav(all_topics, key))
        topic, all_topics = found
        return self.render("page.html", page=self.page_view(topic, all_topics),
                           nav=self.nav(all_topics, key))

    def answer(self, form: FormData) -> tuple[str | None, bool]:
        """Apply a page's answers, then its action (add, remove, accept, a section added or removed): the page to
        go to when the pages themselves changed, and whether the form must be drawn again."""
        answers = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form}
        redraw = self.state.apply(answers)
        action = (answers.get("_action") or [""])[-1]
        verb, _, path = action.partition(" ")
        return self.act(verb, path), redraw

    def act(self, verb: str, path: str) -> str | None:
        """Do one action of a page's buttons; the page to go to when the pages themselves changed."""
        if not path:
            return None
        before = [t.key for t in self.topics()]
        actions: dict[str, Callable[[str], None]] = {
            "add": self.state.add,
            "remove": self.state.remove,
            "accept": self.state.accept,
            "section-add": lambda p: self.state.set_section(p, True),
            "section-remove": lambda p: self.state.set_section(p, False),
        }
        if verb not in actions:
            return None
        try:
            fieldpaths.parse(path)
        except ValueError:
            return None
        actions[verb](path)
        after = [t.key for t in self.topics()]
        if after == before:
            return None
        if verb == "add" and path == "defendants":
            return f"/page/defendant-{len(self.state.data.get('defendants') or []) - 1}-particulars"
        return "/page/decision"

    async def report(self, request: Request) -> Response:
        case = self.state.validate()
        if case is None:
            return self.render("report_box.html", problems=self.problems(), fragment=None)
        report = evaluate(case, engine="python", lang=self.state.lang)
        return self.render("report_box.html", problems=[], fragment=Markup(summary_fragment(report)),
                           findings=len(report.findings))

    def problems(self) -> list[dict[str, str]]:
        """Each validation error with the page and the question it belongs to."""
        all_topics = self.topics()
        pages: dict[str, Page] = {}
        out: list[dict[str, str]] = []
        for path, messages in self.state.errors.items():
            topic = topic_of(path, all_topics)
            if topic.key not in pages:
                pages[topic.key] = build(topic, self.state.data, self.state.lang, Marks(), all_topics)
            holders = [n for n in walk(pages[topic.key].nodes) if fieldpaths.under(path, n.path)]
            holder = max(holders, key=lambda n: len(n.path), default=None)
            where = (f"{topic.group}: " if topic.group else "") + topic.title
            question = holder.label if holder is not None else path
            for message in messages:
                out.append({"page": topic.key, "anchor": holder.anchor if holder else "", "where": where,
                            "question": question, "message": message})
        return out

    async def full_report(self, request: Request) -> Response:
        case = self.state.validate()
        if case is None:
            return PlainTextResponse(self.t("report_invalid"), status_code=409)
        report = await run_in_threadpool(evaluate, case, engine="python", lang=self.state.lang, settle=True)
        page, csp = full_page(report)
        return HTMLResponse(page, headers={"Content-Security-Policy": csp})

    async def next_question(self, request: Request) -> Response:
        state = self.state
        digest, data, lang, version = state.digest, state.snapshot(), state.lang, state.version
        ranking = await run_in_threadpool(self.rankings.get, digest, lang, data, lambda: state.version != version)
        if ranking is None:
            return Response(status_code=204)  # the answers changed meanwhile: the newer request answers
        return self.render("next_box.html", ranking=ranking)

    async def save(self, request: Request) -> Response:
        form = await request.form(max_fields=MAX_FORM_FIELDS)
        typed = form.get("target")
        target = self.state.target
        if isinstance(typed, str) and typed.strip() and typed.strip() not in (str(self.state.target),
                                                                               self.shown_target()):
            chosen = save_target(typed, self.cwd)
            if chosen is None:
                return self.render("save_status.html", ok=False, message=self.t("save_bad_name"))
            target = chosen
        result = self.state.save(target, overwrite=form.get("overwrite") == "yes")
        headers = {"HX-Trigger": "case-saved"}
        if request.headers.get("HX-Request") != "true":
            self.state.notice = result.message  # shown on the page the browser goes back to
            return RedirectResponse("/page/decision", status_code=303)
        self.state.notice = ""
        return self.render("save_status.html", headers=headers, ok=result.ok, message=result.message)
