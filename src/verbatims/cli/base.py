"""The command group, its shared `--project` context and small output helpers."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from verbatims import __version__, i18n
from verbatims.files import write_text
from verbatims.i18n import _
from verbatims.redact import redact
from verbatims.store import Project

DEFAULT_PROJECT = "verbatims.sqlite"


class Context:
    def __init__(self, project: str) -> None:
        self.location = project
        self._project: Project | None = None

    @property
    def shown(self) -> str:
        """The location as messages show it (a URL's password masked)."""
        return redact(self.location)

    @property
    def project(self) -> Project:
        if self._project is None:
            self._project = Project.open(self.location)
            click.get_current_context().call_on_close(self._project.close)
        return self._project


pass_ctx = click.make_pass_decorator(Context)


@click.group(invoke_without_command=True)
@click.option("--project", "-p", envvar="VERBATIMS_PROJECT", default=DEFAULT_PROJECT,
              show_default=True, help="Project file (SQLite) or postgresql:// URL.")
@click.option("--lang", type=click.Choice(i18n.LANGUAGES), envvar="VERBATIMS_LANG",
              help="Language of messages and of the workbench (default: from the locale).")
@click.version_option(__version__, prog_name="verbatims")
@click.pass_context
def cli(ctx: click.Context, project: str, lang: str | None) -> None:
    """Code interview transcripts: import, code, retrieve, export."""
    i18n.set_language(lang or _kept_language())
    ctx.obj = Context(project)
    if ctx.invoked_subcommand is None:  # `verbatims` alone opens the workbench
        assert isinstance(ctx.command, click.Group)
        workbench = ctx.command.get_command(ctx, "tui")
        assert workbench is not None, "cli/foundation.py registers `tui`"
        ctx.invoke(workbench)


def _kept_language() -> str | None:
    """The language chosen in the workbench (settings), unless the locale is forced.

    `--lang` and VERBATIMS_LANG come first; then the one kept in the settings; then
    the locale.
    """
    from verbatims.settings import load

    return load().language


def cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def emit(text: str, output: Path | None) -> None:
    from verbatims.pseudo import guard

    if output is None:
        guard.verify_text(text, "stdout")
        sys.stdout.write(text)
        return
    write_text(output, text)
    click.echo(_("Wrote {path}.").format(path=output), err=True)


# Every command's docstring translated when shown (cli/helptext.py), this group's too.
from verbatims.cli import helptext  # noqa: E402  (after the group it translates)

helptext.install()
