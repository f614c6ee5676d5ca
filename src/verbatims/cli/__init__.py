"""The `verbatims` command line. Thin: parse, call the core, print.

Every failure the user can fix arrives as a `UserError` and leaves as one
sentence on stderr with exit code 2; nothing else ever prints a traceback.
Command modules register themselves on `cli` when imported, which happens when
one of their commands is asked for (`cli/commands.py` says which module holds
which command), after the language is set.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from verbatims import i18n
from verbatims.errors import UserError
from verbatims.redact import redact

if TYPE_CHECKING:
    from verbatims.cli.base import cli

__all__ = ["cli", "main"]


def __getattr__(name: str) -> object:
    """`verbatims.cli.cli`, the command group, imported on first use (after `main` has
    set the language, so that the help texts translated at import are in it)."""
    if name == "cli":
        from verbatims.cli.base import cli

        return cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: run the CLI and turn every error into one sentence."""
    args = list(argv) if argv is not None else sys.argv[1:]
    i18n.set_language(_lang_asked(args))
    from verbatims.cli.base import cli
    from verbatims.pseudo import guard

    previous = _stop_on_sigterm()
    try:
        with guard.protecting(None):  # each run arms its own post-write check
            # `obj`: the command line, which the group records for the files it writes
            code = cli.main(args=args, prog_name="verbatims", standalone_mode=False,
                            obj=list(args))
        if isinstance(code, int) and not isinstance(code, bool):
            return code
    except UserError as exc:
        click.echo(f"verbatims: {redact(exc.message)}", err=True)
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("verbatims: interrupted.", err=True)
        return 130
    except click.ClickException as exc:
        click.echo(f"verbatims: {redact(exc.format_message())}", err=True)
        return 2
    except KeyboardInterrupt:
        click.echo("verbatims: interrupted.", err=True)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        log = _crash_log()
        said = " ".join(str(exc).split())  # one line, and never a transcript's worth
        said = said if len(said) <= 200 else said[:200] + "…"
        click.echo(redact(f"verbatims: internal error ({exc.__class__.__name__}: {said}); "
                          f"details in {log}, please report it."), err=True)
        return 1
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _stop_on_sigterm() -> Any:
    """`kill` (SIGTERM) ends a command as Ctrl+C does: its transaction rolls back and its
    temporary files go, instead of the process vanishing mid-write. Returns the
    handler it replaced (None outside the main thread, where none can be set)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, stop)


def _lang_asked(args: list[str]) -> str | None:
    """`--lang` read before click parses, so that even errors in parsing are translated."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    if os.environ.get("VERBATIMS_LANG"):
        return os.environ["VERBATIMS_LANG"]
    from verbatims.settings import load

    return load().language


def _crash_log() -> Path:
    import traceback

    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "verbatims"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "crash.log"
        with log.open("a", encoding="utf-8") as fh:
            fh.write(redact(traceback.format_exc()))
        return log
    except OSError:
        return Path("(unwritable)")


if __name__ == "__main__":
    sys.exit(main())
