"""The one exception type the command line turns into a single sentence.

Core code raises `UserError` for anything the user can fix (bad path, bad file,
unknown code...). The message is the whole sentence shown on stderr: what went
wrong, where, and what to do.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, reported as one sentence and exit code 2."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:  # e.g. 1: "not up to date", a state rather than a mistake
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message
