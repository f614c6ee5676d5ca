"""YAML front matter: attributes written at the top of a transcript between --- lines."""

from __future__ import annotations

import re

import yaml

from verbatims.errors import UserError

_BLOCK = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def split(text: str, where: str) -> tuple[dict[str, object], str]:
    """Return (attributes, text without the front matter)."""
    match = _BLOCK.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "syntax error"
        raise UserError(
            f"{where}: the front matter is not valid YAML{line} ({problem}); fix it or "
            "remove the --- block."
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError(
            f"{where}: the front matter must be a list of `key: value` lines; fix it or "
            "remove the --- block."
        )
    attributes: dict[str, object] = {}
    for key, value in data.items():
        if isinstance(value, list | dict):
            raise UserError(
                f"{where}: the attribute {key!r} in the front matter must be a single value, "
                "not a list."
            )
        attributes[str(key)] = value
    return attributes, text[match.end() :].lstrip("\n")
