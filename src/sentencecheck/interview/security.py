"""Who may talk to the interview: the browser that opened the address with this launch's token.

Every request needs the token: in the query string on the first load, which sets an HttpOnly, SameSite=Strict
cookie bound to the token and redirects to the same page without it; after that, the cookie.  Anything else gets
403, so another local user (or a web page in the lawyer's own browser: the cookie is never sent cross-site) cannot
read or change the case.  The Host header must be 127.0.0.1 or localhost (a rebound DNS name gets 403).  Every
response carries a Content-Security-Policy allowing only this origin, no caching, and no framing."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlencode

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sentencecheck.interview.labels import label

COOKIE = "sentencecheck_interview"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def cookie_value(token: str) -> str:
    """The cookie a token grants: derived from it, so the cookie is not the token itself."""
    return hmac.new(token.encode(), b"sentencecheck-interview-cookie", hashlib.sha256).hexdigest()


class Guard:
    """ASGI middleware: the token check and the security headers."""

    def __init__(self, app: ASGIApp, token: str, lang: str = "en", hosts: frozenset[str] = LOCAL_HOSTS) -> None:
        if len(token) < 32:
            raise ValueError("the session token must be long and random (secrets.token_urlsafe(32))")
        self.app, self.token, self.lang, self.hosts = app, token, lang, hosts
        self.cookie = cookie_value(token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        response = self.refusal(request)
        if response is not None:
            await secured(response)(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    headers[key] = value
                if "content-security-policy" not in headers:
                    headers["Content-Security-Policy"] = CSP
            await send(message)

        await self.app(scope, receive, send_secured)

    def refusal(self, request: Request) -> Response | None:
        """The response that ends the request here (403, or the redirect that drops the token), or ``None``."""
        host = (request.headers.get("host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if host not in self.hosts:
            return PlainTextResponse(label("bad_host", self.lang), status_code=403)
        has_cookie = hmac.compare_digest(request.cookies.get(COOKIE, ""), self.cookie)
        given = request.query_params.get("token")
        if given is not None and hmac.compare_digest(given, self.token):
            query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "token"])
            target = request.url.path + (f"?{query}" if query else "")
            redirect = RedirectResponse(target, status_code=303)
            redirect.set_cookie(COOKIE, self.cookie, httponly=True, samesite="strict", path="/")
            return redirect
        if not has_cookie:
            return PlainTextResponse(label("forbidden", self.lang), status_code=403)
        return None


def secured(response: Response) -> Response:
    """``response`` with the security headers (for the responses the guard itself sends)."""
    for key, value in HEADERS.items():
        response.headers[key] = value
    response.headers.setdefault("Content-Security-Policy", CSP)
    return response
