"""The check every pseudonymised export runs on its own output before it exists.

A command that pseudonymises says so once (`activate(pseudonymizer)`, or the
block `protecting(pseudonymizer)`); from then on every file written through
`files.atomic_write` (every exporter's one write path) is read back
with `check.check_file` while it still has its temporary name. If a name is
found the temporary file is deleted and the export fails with exit code 2, so
no file that names someone is ever left at the path asked for. A format added
later is checked the same way without doing anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from verbatims import files
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext

if TYPE_CHECKING:
    from verbatims.pseudo.replace import Pseudonymizer

_ACTIVE: ContextVar[Pseudonymizer | None] = ContextVar("pseudonymizer", default=None)


def activate(pz: Pseudonymizer | None) -> None:
    """Check every file written from now on in this context (None: stop checking)."""
    files.register_check(verify)
    _ACTIVE.set(pz)


def active() -> Pseudonymizer | None:
    return _ACTIVE.get()


@contextmanager
def protecting(pz: Pseudonymizer | None) -> Iterator[None]:
    """Check every file written inside the block (None: no check inside it)."""
    files.register_check(verify)
    token = _ACTIVE.set(pz)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def verify(written: Path, final: Path) -> None:
    """Raise (and delete `written`) if it names someone the active key hides."""
    pz = _ACTIVE.get()
    if pz is None:
        return
    from verbatims.pseudo.check import check_file

    findings = check_file(written, pz, shown=str(final), suffix=final.suffix)
    if findings:
        written.unlink(missing_ok=True)
        first = findings[0]
        raise UserError(ngettext(
            "The pseudonymised export {path} still named someone ({n} place, e.g. {where}: "
            "« {context} »), so it was not written; report this, and meanwhile add the form "
            "found to the key's aliases.",
            "The pseudonymised export {path} still named someone ({n} places, e.g. {where}: "
            "« {context} »), so it was not written; report this, and meanwhile add the form "
            "found to the key's aliases.", len(findings)).format(
                path=final, n=len(findings), where=first.where, context=first.context))


def verify_text(text: str, final: str) -> None:
    """The same check for text about to be printed (`segments --pseudonymize` on stdout)."""
    pz = _ACTIVE.get()
    if pz is None or not pz.hits(text):
        return
    raise UserError(_("The pseudonymised output {path} still named someone, so it was not "
                      "printed; report this.").format(path=final))
