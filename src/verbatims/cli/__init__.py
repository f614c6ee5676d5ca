"""The `verbatims` command line. Thin: parse, call the core, print.

Every failure the user can fix arrives as a `UserError` and leaves as one
sentence on stderr with exit code 2; nothing else ever prints a traceback.
Command modules register themselves on `cli` when imported below.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click

from verbatims import i18n
from verbatims.cli import (
    autocode,  # noqa: F401  (auto-coding suggestions)
    corpus,  # noqa: F401  (export iramuteq)
    exports,  # noqa: F401  (annexes and exchange)
    figures,  # noqa: F401  (cooc, cloud, map, saturation, stats)
    foundation,  # noqa: F401  (registers commands)
    history,  # noqa: F401  (undo, redo, history)
    memos,  # noqa: F401  (memo list|show|set|export)
    pseudo,  # noqa: F401  (pseudonymize, --check)
    report,  # noqa: F401  (verbatims report RECIPE.yaml)
    segments,  # noqa: F401  (segments and coding queries)
    speakers,  # noqa: F401  (speakers, turns, remove)
    terms,  # noqa: F401  (terms, kwic, expressions suggest)
    transcripts,  # noqa: F401  (import, documents)
)
from verbatims.cli.base import cli
from verbatims.errors import UserError
from verbatims.export import provenance
from verbatims.pseudo import guard

__all__ = ["cli", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the CLI and turn every error into one sentence."""
    args = list(argv) if argv is not None else sys.argv[1:]
    i18n.set_language(_lang_asked(args))
    provenance.set_command(["verbatims", *args])  # written into every file it makes
    try:
        with guard.protecting(None):  # each run arms its own post-write check
            code = cli.main(args=args, prog_name="verbatims", standalone_mode=False)
        if isinstance(code, int) and not isinstance(code, bool):
            return code
    except UserError as exc:
        click.echo(f"verbatims: {exc.message}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("verbatims: interrupted.", err=True)
        return 130
    except click.ClickException as exc:
        click.echo(f"verbatims: {exc.format_message()}", err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("verbatims: interrupted.", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        log = _crash_log()
        click.echo(f"verbatims: internal error ({exc.__class__.__name__}: {exc}); details in "
                   f"{log}, please report it.", err=True)
        return 1
    return 0


def _lang_asked(args: list[str]) -> str | None:
    """`--lang` read before click parses, so that even errors in parsing are translated."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return os.environ.get("VERBATIMS_LANG") or None


def _crash_log() -> Path:
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "verbatims"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "crash.log"
        with log.open("a", encoding="utf-8") as fh:
            fh.write(traceback.format_exc())
        return log
    except OSError:
        return Path("(unwritable)")


if __name__ == "__main__":
    sys.exit(main())
