"""``sentencecheck interview [FILE]``: the local browser form, started on 127.0.0.1 with a per-launch token."""

from __future__ import annotations

import secrets
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import click

from sentencecheck.errors import SentencecheckError
from sentencecheck.io.safe import safe_terminal

HOST = "127.0.0.1"
"""The only address the interview listens on: the case never leaves this machine."""


def bind(port: int, host: str = HOST) -> socket.socket:
    """A listening socket on the loopback address (``port`` 0: a free port); any other host is refused."""
    if host != HOST:
        raise ValueError(f"the interview listens only on {HOST}, not {host!r}")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(16)
    sock.set_inheritable(True)
    return sock


def session_url(sock: socket.socket, token: str) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://{host}:{port}/?token={token}"


@click.command("interview")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["en", "ru"]), default="en", show_default=True,
              help="Language of the questions and of the report.")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--no-browser", is_flag=True, help="Print the address without opening a browser.")
def interview(file: Path | None, lang: str, port: int, no_browser: bool) -> None:
    """Answer the questions of a case file in your browser, see the report as you go, and save the file.

    FILE is a case file or a draft written by `sentencecheck extract` (each drafted value is shown beside its
    passage); a FILE that does not exist, or none (case.yaml here), starts a new case.  The server listens on
    127.0.0.1 only and answers only the browser that opens the printed address (it carries a token made for this
    launch).  Nothing is sent over the network.  Stop it with Ctrl+C.

    Exit codes: 0 stopped, 2 FILE cannot be read as a case file, the port cannot be used, or the packages of the
    interview (Starlette, Jinja2, uvicorn: reinstall sentencecheck) are missing.
    """
    from sentencecheck.interview.state import CaseState

    try:
        import uvicorn

        from sentencecheck.interview.app import create_app
    except ImportError as exc:
        click.echo(f"sentencecheck interview needs {exc.name or 'its packages'}: "
                   "reinstall sentencecheck (pip install sentencecheck), which depends on it", err=True)
        sys.exit(2)

    try:
        state = CaseState.open(file, lang, Path.cwd())
    except SentencecheckError as exc:
        click.echo(safe_terminal(str(exc)), err=True)
        sys.exit(2)
    try:
        sock = bind(port)
    except OSError as exc:
        click.echo(f"cannot listen on {HOST}:{port}: {exc.strerror}", err=True)
        sys.exit(2)
    token = secrets.token_urlsafe(32)
    url = session_url(sock, token)
    click.echo(f"sentencecheck interview: open {url}")
    click.echo("(the address carries this session's key: do not share it; Ctrl+C stops the server)", err=True)
    if state.notice:
        click.echo(safe_terminal(state.notice), err=True)
    if not no_browser:
        threading.Timer(0.5, webbrowser.open, [url]).start()
    config = uvicorn.Config(create_app(state, token), log_level="warning", access_log=False, server_header=False,
                            date_header=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
