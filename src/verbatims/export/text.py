"""Wording shared by every extract format, so they all read the same."""

from __future__ import annotations

from verbatims.export.extracts import Extract, Group
from verbatims.i18n import _


def memo_label() -> str:
    return _("Memo: ")


def memo_line(extract: Extract) -> str:
    return memo_label() + " ".join(extract.memos)


def definition(group: Group) -> str:
    """The group's introduction as printed: "Définition : …"."""
    return _("Definition: {text}").format(text=group.intro) if group.intro else ""


def meta_line(extract: Extract) -> str:
    """The line printed with each quote: its reference, the speaker when the interview has
    several, and the passage's other codes."""
    return extract.citation
