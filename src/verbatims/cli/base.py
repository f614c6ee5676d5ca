"""The command group, its shared `--project` context and small output helpers."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click

from verbatims import __version__, i18n
from verbatims.errors import UserError
from verbatims.store import Project

DEFAULT_PROJECT = "verbatims.sqlite"


def default_coder() -> str:
    from verbatims.settings import default_coder as coder

    return coder()


class Context:
    def __init__(self, project: str) -> None:
        self.location = project
        self._project: Project | None = None

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
    if ctx.invoked_subcommand is None:
        from verbatims.cli.foundation import tui

        ctx.invoke(tui)


def _kept_language() -> str | None:
    """The language chosen in the workbench (settings), unless the locale is forced.

    `--lang` and VERBATIMS_LANG come first; then the one kept in the settings; then
    the locale.
    """
    from verbatims.settings import load

    return load().language


def parse_where(values: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for value in values:
        if "=" not in value:
            raise UserError(f"--where {value!r} must read ATTRIBUTE=VALUE, e.g. "
                            "--where type_collectivite=EPCI.")
        key, _, val = value.partition("=")
        out.append((key.strip(), val.strip()))
    return out


def cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    if not output.parent.is_dir():
        raise UserError(f"The folder {output.parent} does not exist; create it or choose "
                        "another -o path.")
    tmp = output.with_name(output.name + ".part")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"Cannot write {output} ({exc.strerror}); choose another "
                        "-o path.") from None
    click.echo(f"Wrote {output}.", err=True)


