"""The project store: every SQL statement of verbatims lives in this package."""

from verbatims.store.project import Project

__all__ = ["Project"]
