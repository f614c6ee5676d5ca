"""Kinds of undoable action that other store modules add to the history's log.

The history (store/history.py) knows coding actions; a module that logs actions
of its own kind (store/speakers.py: speakers, turns, removing a document)
registers here how to apply them in either direction and how to name them.
A leaf of the store, so that neither side imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Connection

# (connection, payload, backwards) -> whether it could be done
Apply = Callable[[Connection, dict[str, Any], bool], bool]

HANDLERS: dict[str, Apply] = {}
DESCRIPTIONS: dict[str, str] = {}  # N_()-marked names, translated when shown


def register(kind: str, apply: Apply, description: str) -> None:
    HANDLERS[kind] = apply
    DESCRIPTIONS[kind] = description
