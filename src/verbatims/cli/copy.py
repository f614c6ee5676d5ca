"""`verbatims copy SRC DST`: move a project between SQLite and PostgreSQL, losslessly."""

from __future__ import annotations

import time

import click

from verbatims.cli.base import cli
from verbatims.i18n import _, ngettext
from verbatims.redact import redact


@cli.command("copy")
@click.argument("source")
@click.argument("target")
def copy(source: str, target: str) -> None:
    """Copy the whole project SOURCE into TARGET (a new .sqlite file or an empty
    PostgreSQL database).

    In either direction; a PostgreSQL database is named by a postgresql:// URL.

    Everything comes along with its ids: documents, turns, attributes, codes, codings
    with their coders and times, memos, summaries, the undo history, suggestions,
    pseudonym decisions and the lemma caches. TARGET is never overwritten.
    """
    from verbatims.store.copy import copy_project

    started = time.perf_counter()
    copied = copy_project(source, target)
    seconds = time.perf_counter() - started
    parts = [
        ngettext("{n} document", "{n} documents", copied["documents"]).format(
            n=copied["documents"]),
        ngettext("{n} code", "{n} codes", copied["codes"]).format(n=copied["codes"]),
        ngettext("{n} coding", "{n} codings", copied["codings"]).format(n=copied["codings"]),
        ngettext("{n} memo", "{n} memos", copied["memos"]).format(n=copied["memos"]),
        ngettext("{n} history entry", "{n} history entries", copied["history_steps"]).format(
            n=copied["history_steps"]),
    ]
    click.echo(_("Copied {source} to {target}: {parts} ({rows} rows in {tables} tables, "
                 "{seconds:.1f} s).").format(
        source=redact(source), target=redact(target), parts=", ".join(parts),
        rows=sum(copied.rows.values()), tables=len(copied.rows), seconds=seconds))
