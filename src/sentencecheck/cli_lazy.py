"""Click groups whose subcommands are imported only when run or listed (click's documented "lazily loading
subcommands" pattern): ``sentencecheck check`` does not pay for the statistics, the extraction or the web app."""

from __future__ import annotations

import importlib
from typing import Any

import click


class LazyGroup(click.Group):
    """A group with ``lazy_subcommands``: command name -> ``"module:attribute"``."""

    def __init__(self, *args: Any, lazy_subcommands: dict[str, str] | None = None,
                 extras: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_subcommands = dict(lazy_subcommands or {})
        self.extras = dict(extras or {})
        """Command name -> the optional extra it needs (``publish``, ``verify`` …)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_subcommands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_subcommands:
            module, _, attribute = self.lazy_subcommands[cmd_name].partition(":")
            try:
                command = getattr(importlib.import_module(module), attribute)
            except ModuleNotFoundError as exc:
                if cmd_name not in self.extras:
                    raise
                return _needs_extra(cmd_name, self.extras[cmd_name], exc.name or str(exc))
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy_subcommands[cmd_name]} is not a click command")
            return command
        return super().get_command(ctx, cmd_name)


def _needs_extra(name: str, extra: str, missing: str) -> click.Command:
    """A stand-in for a command whose optional packages are not installed: it says which extra to install."""
    message = (f"`{name}` needs the optional package {missing!r}: pip install 'sentencecheck[{extra}]'")

    def run() -> None:
        raise click.ClickException(message)

    return click.Command(name, callback=run, help=f"(not installed) {message}. Exit codes: 1 not installed.",
                         context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
