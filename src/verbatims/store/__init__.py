"""The project store: every SQL statement of verbatims lives in this package.

Every module that registers kinds of undoable change (store/history.py) is
imported here, so that undo and redo know them all whichever command runs them.
"""

from verbatims.store import (  # noqa: F401 - they register history kinds
    exchange,
    speakers,
    suggestions,
)
from verbatims.store.project import Project

__all__ = ["Project"]
