"""Where the bundled codebook and demo corpus live, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def bundled(name: str) -> Path:
    """Return the bundled folder `name` ("codebooks" or "corpus").

    A wheel carries them under verbatims/bundled; an editable install reads the
    checkout's top-level folders, so edits show at once.
    """
    inside = _PACKAGE / "bundled" / name
    if inside.is_dir():
        return inside
    return _CHECKOUT / name


def default_codebook() -> Path:
    return bundled("codebooks") / "numerique-collectivites.yaml"


def demo_corpus() -> Path:
    return bundled("corpus")
