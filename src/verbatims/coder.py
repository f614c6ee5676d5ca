"""Who is coding: the name recorded with every coding, memo and decision.

A leaf module (it imports nothing of verbatims), so the command line and the
workbench ask the same question the same way without one importing the other.
"""

from __future__ import annotations

import getpass
import os


def default_coder() -> str:
    """`$VERBATIMS_CODER`, else the login name, else "coder"."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        login = ""
    return os.environ.get("VERBATIMS_CODER") or login or "coder"
