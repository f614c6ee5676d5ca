"""Reading a file's bytes as text, for the formats that are text."""

from __future__ import annotations

from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.ingest.decode import decode


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_("{path} cannot be read ({reason}).").format(
            path=path, reason=exc.strerror)) from None


def read_text(path: Path, encoding: str | None = None) -> tuple[str, str]:
    """(normalised text, encoding used) of a text file."""
    return decode(read_bytes(path), str(path), encoding)
