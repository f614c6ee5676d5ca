"""Settings kept per user, not per project; so far the coder's name.

A leaf module (it imports nothing of verbatims), so the command line and the
workbench ask the same question the same way without one importing the other.
"""

from __future__ import annotations

import getpass
import os


def default_coder() -> str:
    """`$VERBATIMS_CODER`, else the login name, else "coder"."""
    return os.environ.get("VERBATIMS_CODER") or _login() or "coder"


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return ""
