"""Each command's own description (its docstring) in the user's language.

A command's docstring stays its English source. Click shows it as paragraphs
(blank lines apart; a paragraph opened by a line holding only ``\\b`` is kept as
written), so each paragraph is one message of the catalogue: the first is the
summary `verbatims --help` lists, the same msgid as the command's line in the
commands table. `make i18n` (tools/i18n.py) walks the command tree and extracts
them (`paragraphs`); `install` makes every Click command translate its help when
it is shown, whatever module or class built it (the group, a figure's command),
and every option's help likewise (an option's help wrapped in _() at import is
already in the language then; the group's own are translated only when shown).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from verbatims.i18n import _

NO_WRAP = "\b"


def paragraphs(text: str) -> list[str]:
    """The messages of a help text: its paragraphs, a wrapped one on one line
    (Click rewraps it), a ``\\b`` one as written (without the marker)."""
    out: list[str] = []
    for block in inspect.cleandoc(text).partition("\f")[0].split("\n\n"):
        if block.startswith(NO_WRAP):
            body = block[len(NO_WRAP):].lstrip("\n").rstrip()
        else:
            body = " ".join(block.split())
        if body:
            out.append(body)
    return out


def translated(text: str | None) -> str | None:
    """The help text in the language in force, paragraph by paragraph."""
    if not text:
        return text
    out = []
    for block in inspect.cleandoc(text).partition("\f")[0].split("\n\n"):
        if block.startswith(NO_WRAP):
            body = block[len(NO_WRAP):].lstrip("\n").rstrip()
            out.append(f"{NO_WRAP}\n{_(body)}" if body else block)
        else:
            body = " ".join(block.split())
            out.append(_(body) if body else block)
    return "\n\n".join(out)


def _with_help(method: Any) -> Any:
    def shown(self: Any, *args: Any, **kwargs: Any) -> Any:
        source = self.help
        self.help = translated(source)
        try:
            return method(self, *args, **kwargs)
        finally:
            self.help = source

    shown.__wrapped__ = method  # type: ignore[attr-defined]
    shown.__doc__ = method.__doc__
    return shown


def install() -> None:
    """Translate every command's and option's help when shown (once is enough: the
    language is read at each call; the source stays English for extraction)."""
    for cls, name in ((click.Command, "format_help_text"), (click.Command, "get_short_help_str"),
                      (click.Option, "get_help_record")):
        method = getattr(cls, name)
        if not hasattr(method, "__wrapped__"):
            setattr(cls, name, _with_help(method))


def every_command(group: click.Group) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and group under `group` (itself first) with the words that call
    it, once every command module of verbatims.cli is imported (they register their
    commands on the group when imported; the figures' are built there)."""
    for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
        importlib.import_module(f"{__package__}.{info.name}")
    todo: list[tuple[tuple[str, ...], click.Command]] = [((), group)]
    while todo:
        path, command = todo.pop(0)
        yield path, command
        if isinstance(command, click.Group):
            todo.extend(((*path, name), command.commands[name])
                        for name in sorted(command.commands))


def messages(command: click.Command) -> list[str]:
    """The catalogue's messages of a command's help and of its options' help."""
    out = paragraphs(command.help) if command.help and not command.hidden else []
    for param in command.params:
        if isinstance(param, click.Option) and param.help and not param.hidden:
            out.extend(paragraphs(param.help))
    return out
