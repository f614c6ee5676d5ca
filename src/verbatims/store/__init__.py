"""The project store: every SQL statement of verbatims lives in this package."""

from verbatims.store import speakers as _speakers  # noqa: F401  (its undoable kinds)
from verbatims.store.project import Project

__all__ = ["Project"]
