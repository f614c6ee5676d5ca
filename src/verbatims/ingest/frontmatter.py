"""YAML front matter: attributes written at the top of a transcript between --- lines.

Flat values (text, numbers, dates) become attributes. Nested ones (lists,
mappings, as blog and caption files carry: `tags: [a, b]`, `author: {name: …}`)
are left out and named, and the import goes on.
"""

from __future__ import annotations

import re

import yaml

from verbatims import yamlsafe
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext

_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split(text: str, where: str) -> tuple[dict[str, object], str]:
    """Return (attributes, text without the front matter)."""
    attributes, rest, _notes = split_noting(text, where)
    return attributes, rest


def split_noting(text: str, where: str) -> tuple[dict[str, object], str, list[str]]:
    """(attributes, text without the front matter, notes on the keys left out)."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text, []
    try:
        data = yamlsafe.load(match.group(1), _("{where}: the front matter").format(
            where=where))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (_(" at line {line}").format(line=mark.line + 2) if mark is not None else "")
        problem = getattr(exc, "problem", None) or _("syntax error")
        raise UserError(
            _("{where}: the front matter is not valid YAML{line} ({problem}); fix it or "
              "remove the --- block.").format(where=where, line=line, problem=problem)
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError(
            _("{where}: the front matter must be a list of `key: value` lines; fix it or "
              "remove the --- block.").format(where=where)
        )
    attributes: dict[str, object] = {}
    nested: list[str] = []
    for key, value in data.items():
        if isinstance(value, list | dict | set | tuple):
            nested.append(str(key))
        elif value is not None:
            attributes[str(key)] = value
    notes = []
    if nested:
        notes.append(ngettext(
            "front matter: {keys} holds a list or a nested value, left out of the attributes",
            "front matter: {keys} hold lists or nested values, left out of the attributes",
            len(nested)).format(keys=", ".join(nested)))
    return attributes, text[match.end():].lstrip("\n"), notes
