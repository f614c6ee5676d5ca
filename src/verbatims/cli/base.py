"""The command group, its shared `--project` context and small output helpers.

Light on purpose: `verbatims --help` and `--version` import this module and
click only. The store is opened (and SQLAlchemy imported) when a command first
asks for `ctx.project`; the command modules are imported when one of their
commands is asked for (see `cli/commands.py`).
"""

from __future__ import annotations

import importlib
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from verbatims import __version__, i18n
from verbatims.i18n import N_, _
from verbatims.redact import redact

if TYPE_CHECKING:
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
            from verbatims.store import Project

            self._project = Project.open(self.location)
            click.get_current_context().call_on_close(self._project.close)
        return self._project


pass_ctx = click.make_pass_decorator(Context)


class Commands(click.Group):
    """The top-level group, whose command modules are imported on first use.

    The modules register their commands on `cli` when imported (`@cli.command()`);
    which module holds which command, and the summary the help lists, are in
    `cli/commands.py`. The language is chosen before any command module is
    imported, so the help texts they translate when imported are in that language.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        from verbatims.cli import commands

        return sorted(set(commands.names()) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            from verbatims.cli import commands

            wanted = commands.modules(cmd_name) or commands.every_module()
            for module in wanted:
                importlib.import_module(f"verbatims.cli.{module}")
        found = self.commands.get(cmd_name)
        if found is not None and found.short_help is None:
            from verbatims.cli import commands

            summary = commands.summary(cmd_name)
            if summary:
                found.short_help = _(summary)
        return found

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        source = self.help
        self.help = _(source) if source else source
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = source

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands with their summaries, without importing their modules."""
        from verbatims.cli import commands

        rows = []
        for name in self.list_commands(ctx):
            summary = commands.summary(name)
            if summary is not None:
                rows.append((name, _(summary)))
                continue
            command = self.get_command(ctx, name)  # not in the table: read its own help
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(200)))
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


class _Option(click.Option):
    """An option whose help is translated when shown (the group outlives a language)."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        source = self.help
        self.help = _(source) if source else source
        try:
            return super().get_help_record(ctx)
        finally:
            self.help = source


# The group's own texts are translated when shown: this module may be imported before
# the language is known (the command modules are imported after it is set).
@click.group(cls=Commands, invoke_without_command=True,
             help=N_("Code interview transcripts: import, code, retrieve, export."))
@click.option("--project", "-p", cls=_Option, envvar="VERBATIMS_PROJECT",
              default=DEFAULT_PROJECT, show_default=True,
              help=N_("Project file (SQLite) or postgresql:// URL."))
@click.option("--lang", cls=_Option, type=click.Choice(i18n.LANGUAGES), envvar="VERBATIMS_LANG",
              help=N_("Language of messages and of the workbench (default: from the locale)."))
@click.version_option(__version__, cls=_Option, prog_name="verbatims",
                      help=N_("Show the version and exit."))
@click.pass_context
def cli(ctx: click.Context, project: str, lang: str | None) -> None:
    i18n.set_language(lang or _kept_language())
    if isinstance(ctx.obj, list):  # the words `main` ran with, for every file written
        from verbatims.export import provenance  # here, not in main: --help writes none

        provenance.set_command(["verbatims", *ctx.obj])
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
    from verbatims.files import write_text
    from verbatims.pseudo import guard

    if output is None:
        guard.verify_text(text, "stdout")
        sys.stdout.write(text)
        return
    write_text(output, text)
    click.echo(_("Wrote {path}.").format(path=output), err=True)


# Every command's docstring translated when shown (cli/helptext.py), this group's too,
# and Click's own words (cli/clicktext.py): once, when the command line is loaded.
from verbatims.cli import clicktext, helptext  # noqa: E402  (after the group it translates)

clicktext.install()
helptext.install()
