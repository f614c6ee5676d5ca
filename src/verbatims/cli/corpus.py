"""`verbatims export iramuteq`: the corpus for IRaMuTeQ, TXM and rainette (and back).

The import side is the format `iramuteq` of `verbatims import` (ingest/formats/).
"""

from __future__ import annotations

from pathlib import Path

import click

from verbatims.cli.base import Context, pass_ctx
from verbatims.cli.exports import export
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.export import registry as formats
from verbatims.files import check_suffix
from verbatims.i18n import _, ngettext
from verbatims.where import parse_where


@export.command("iramuteq")
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help=_("FILE.txt, in IRaMuTeQ's corpus format (UTF-8)."))
@click.option("--by-code", is_flag=True, help=_("One text per coded extract, its code as a "
                                                "variable, instead of one per interview."))
@click.option("--code", "codes", multiple=True, help=_("With --by-code: only this code (and "
                                                       "its sub-codes); repeatable."))
@click.option("--where", multiple=True, help=_("ATTRIBUTE=VALUE filter; repeatable."))
@click.option("--include-interviewer", is_flag=True, help=_("Keep the interviewer's turns."))
@click.option("--pseudonymize", is_flag=True, help=_("Replace the accepted names (see "
                                                     "`verbatims pseudonymize`)."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@pass_ctx
def export_iramuteq(ctx: Context, output: Path, by_code: bool, codes: tuple[str, ...],
                    where: tuple[str, ...], include_interviewer: bool, pseudonymize: bool,
                    key: Path | None) -> None:
    """The corpus in IRaMuTeQ's format: `**** *variable_value` per interview or extract."""
    from verbatims.export.corpus import build

    check_suffix(output, ["txt"])
    project = ctx.project
    hide = hide_names(project, pseudonymize, key, output)
    data = build(shown(project, hide), by_code=by_code, codes=codes, where=parse_where(where),
                 include_interviewer=include_interviewer)
    formats.export("corpus", "iramuteq", data, output)
    texts = ngettext("{n} text", "{n} texts", len(data.texts)).format(n=len(data.texts))
    click.echo(_("Wrote {texts} from {docs} interviews to {path}{hidden}.").format(
        texts=texts, docs=data.documents, path=output,
        hidden=_(" (pseudonymised)") if hide else ""))
