"""Passwords never leave in what verbatims prints: one masking function for every message.

A project can be a URL such as ``postgresql://alice:s3cret@server/etude``. Whatever
shows a location, or text that may quote one (an error from the database driver, a
crash log), passes through `redact`, which keeps the user, host and database (what a
researcher needs to see to tell projects apart) and replaces the password by ``***``.

This module is a leaf: every layer may use it.
"""

from __future__ import annotations

import re

MASK = "***"

# scheme://user:password@host — the password runs to the last "@" before the host part
# (passwords may hold "@" once percent-decoded, but not "/" or whitespace unencoded).
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s'\"]*:)"
                           r"(?P<secret>[^/\s'\"]*)(?P<tail>@)")
# password=... in a libpq keyword string or a URL's query (?password=...&...).
_KEYWORD_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<secret>'[^']*'|[^\s&;,'\"]+)",
                               re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with every password of a database URL or connection string masked."""
    text = _URL_PASSWORD.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", text)
    return _KEYWORD_PASSWORD.sub(lambda m: f"{m['head']}{MASK}", text)
