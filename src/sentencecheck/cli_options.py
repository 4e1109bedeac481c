"""What every ``sentencecheck`` command shares: ``-o/--output``, writing to it, and exit code 2 for bad input."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

STDOUT = "-"
OUTPUT_HELP = "Write to FILE instead of standard output; '-' (the default) is standard output."
EXIT_BAD_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


class BadInput(click.ClickException):
    """Bad input, options or output path: one message on standard error, exit code 2, no traceback."""

    exit_code = EXIT_BAD_INPUT


def output_option(f: F) -> F:
    """The ``-o/--output FILE`` option, the same on every command that writes a result."""
    option = click.option("--output", "-o", "output", type=click.Path(dir_okay=False, allow_dash=True),
                          default=STDOUT, metavar="FILE", help=OUTPUT_HELP)
    return option(f)


def write_output(data: str | bytes, output: str) -> None:
    """Write text (UTF-8, ``\\n`` line ends) or bytes to ``output``; ``-`` is standard output.

    Bytes (an xlsx workbook) are not written to a terminal.
    """
    if output == STDOUT:
        if isinstance(data, str):
            click.echo(data, nl=False)
            return
        stream = sys.stdout.buffer
        if stream.isatty():
            raise BadInput("binary output is not written to a terminal: give -o FILE or redirect standard output")
        stream.write(data)
        stream.flush()
        return
    try:
        if isinstance(data, str):
            Path(output).write_text(data, encoding="utf-8", newline="")
        else:
            Path(output).write_bytes(data)
    except OSError as exc:
        raise BadInput(f"{output}: cannot write: {exc.strerror or exc}") from exc


DATES = click.DateTime(["%Y-%m-%d", "%d.%m.%Y"])
RULES_HELP = "Use another rules folder (with its law/ data) instead of the bundled one."
KEY_HELP = "The secret key file pseudonyms are made with{where} (implies --redact) [default: " \
           "~/.config/sentencecheck/redact.key, created on first use]."


def rules_option(f: F) -> F:
    """``--rules DIR``: another rules folder instead of the bundled one."""
    return click.option("--rules", "rules_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help=RULES_HELP)(f)


def as_of_option(extra: str = "") -> Callable[[F], F]:
    """``--as-of DATE``: the date deadlines are measured against (default today)."""
    return click.option("--as-of", "as_of", type=DATES, default=None,
                        help="Measure appeal and cassation deadlines against this date (YYYY-MM-DD or DD.MM.YYYY) "
                             f"instead of today{extra}.")


def redact_key_option(where: str = "") -> Callable[[F], F]:
    """``--redact-key FILE``: the key pseudonyms are made with."""
    return click.option("--redact-key", "redact_key", type=click.Path(path_type=Path, dir_okay=False),
                        default=None, help=KEY_HELP.format(where=where))
