"""French and English: one switch for every message, label and help text.

Source strings are English and wrapped in `_()` (or `ngettext()`); the French
catalog is `locale/fr/LC_MESSAGES/verbatims.po`, which `make i18n` (Babel) keeps
in step with the sources. The program reads the `.po` itself (a few milliseconds),
so there is no compiled `.mo` to go stale or to conflict in a merge.

The language comes from `--lang`, else from the locale
(`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`): French when it starts with `fr`,
English otherwise. Set it before importing modules that translate at import time
(the workbench's bindings): the command line does so in its group callback.

This module is a leaf: it imports nothing of verbatims, so every layer may use it.
"""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("fr", "en")
DOMAIN = "verbatims"
# Also read: the French of the libraries whose messages the user sees (Click's usage
# lines and errors); ours win where both have an entry.
LIBRARY_DOMAINS = ("click",)
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_current: str | None = None
_singular: dict[str, str] = {}
_plural: dict[str, list[str]] = {}


def detect() -> str:
    """The language the environment asks for: "fr" or "en"."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            first = value.split(":")[0].strip().lower()
            if first in ("c", "posix") or first.startswith(("c.", "posix.")):
                return "en"
            return "fr" if first.startswith("fr") else "en"
    return "en"


def set_language(lang: str | None = None) -> str:
    """Choose the language (None: from the environment); returns the one in force."""
    global _current, _singular, _plural
    chosen = (lang or detect()).lower()[:2]
    if chosen not in LANGUAGES:
        chosen = "en"
    if chosen == _current:  # the command line sets it twice: read the catalog once
        return chosen
    _current = chosen
    _singular, _plural = {}, {}
    if chosen != "en":
        for domain in (*LIBRARY_DOMAINS, DOMAIN):
            path = LOCALE_DIR / chosen / "LC_MESSAGES" / f"{domain}.po"
            if path.is_file():
                singular, plural = read_po(path.read_text(encoding="utf-8"))
                _singular.update(singular)
                _plural.update(plural)
    return chosen


def read_po(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The translated entries of a .po file: singular ones, and plural ones by msgid.

    Fuzzy and empty entries are left out, as gettext does, so the English shows.
    """
    singular: dict[str, str] = {}
    plural: dict[str, list[str]] = {}
    for block in text.replace("\r\n", "\n").split("\n\n"):
        fields: dict[str, str] = {}
        key = ""
        fuzzy = False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                if key:
                    fields[key] += _unquote(line)
                continue
            key, _, rest = line.partition(" ")
            fields[key] = _unquote(rest.strip())
        msgid = fields.get("msgid", "")
        if not msgid or fuzzy:
            continue
        if "msgid_plural" in fields:
            forms = [fields.get(f"msgstr[{i}]", "") for i in range(2)]
            if all(forms):
                plural[msgid] = forms
        elif fields.get("msgstr"):
            singular[msgid] = fields["msgstr"]
    return singular, plural


def _unquote(quoted: str) -> str:
    """A .po string's value: most hold no escape and are only unquoted (French --help
    reads 4,000 of them); the others are read as the Python literal they also are."""
    if len(quoted) >= 2 and quoted[0] == quoted[-1] == '"' and "\\" not in quoted \
            and '"' not in quoted[1:-1]:
        return quoted[1:-1]
    import ast

    value = ast.literal_eval(quoted)
    if not isinstance(value, str):
        raise ValueError(f"not a .po string: {quoted[:60]}")
    return value


def language() -> str:
    """The language in force ("fr" or "en"), detected on first use."""
    if _current is None:
        set_language(None)
    assert _current is not None
    return _current


def _(message: str) -> str:
    """The message in the current language (the English text when untranslated)."""
    if _current is None:
        set_language(None)
    return _singular.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Singular or plural form of a message for `n`, in the current language."""
    if _current is None:
        set_language(None)
    forms = _plural.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n <= 1 else forms[1]  # French: 0 and 1 are singular


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a string for extraction without translating it now (translate it when shown)."""
    return message
