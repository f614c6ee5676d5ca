"""The one exception type the command line turns into a single sentence.

Core code raises `UserError` for anything the user can fix (bad path, bad file,
unknown code...). The message is the whole sentence shown on stderr: what went
wrong, where, and what to do.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, reported as one sentence and exit code 2."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
