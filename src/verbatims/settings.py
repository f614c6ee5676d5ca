"""Settings kept per user, not per project: theme, language, coder name.

One small JSON file in the platform's configuration folder (platformdirs:
~/.config/verbatims/settings.json on Linux), or in `VERBATIMS_CONFIG_DIR`
when set (tests, portable installs). A missing or unreadable file means the
defaults; writing is atomic, so a crash never leaves half a file. Nothing of
the project goes there.

A leaf module (it imports nothing of verbatims), so the command line and the
workbench ask the same question the same way without one importing the other.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from dataclasses import asdict, dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    theme: str | None = None
    language: str | None = None  # "fr", "en", or None: from the locale
    coder: str | None = None


def folder() -> Path:
    explicit = os.environ.get("VERBATIMS_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "linux":  # platformdirs' answer, without importing it (--help)
        xdg = os.environ.get("XDG_CONFIG_HOME", "").strip()
        return Path(xdg or os.path.expanduser("~/.config")) / "verbatims"
    from platformdirs import user_config_dir

    return Path(user_config_dir("verbatims", appauthor=False))


def path() -> Path:
    return folder() / "settings.json"


def load() -> Settings:
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    known = {k: v for k, v in data.items()
             if k in Settings.__dataclass_fields__ and (v is None or isinstance(v, str))}
    return Settings(**known)


def save(settings: Settings) -> None:
    """Write the settings; a read-only home is not an error (they last this session)."""
    target = path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
        tmp.replace(target)
    except OSError:
        pass


def update(**changes: str | None) -> Settings:
    """Change some settings and keep them; returns the settings now in force."""
    new = replace(load(), **changes)
    save(new)
    return new


def default_coder() -> str:
    """VERBATIMS_CODER, else the coder name kept in the settings, else the login name."""
    return os.environ.get("VERBATIMS_CODER") or load().coder or _login() or "coder"


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a container without a passwd entry)
        return ""
