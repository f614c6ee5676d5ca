"""The YAML codebook format, read with line numbers so errors can point at them.

A codebook is a mapping with `name`, `description`, `version` and `codes`; each
code has `name` and optionally `color`, `definition`, `include`, `exclude`,
`keywords`, `patterns`, `examples`, `codable` (false for a folder of codes) and
nested `codes`.

YAML anchors and aliases (`&k`, `*k`) are allowed for sharing a list, within the
limits of `verbatims.yamlsafe`: an "alias bomb" (aliases of aliases, a few KB that
expand to billions of values) or an alias inside itself is refused with the limit
it exceeded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from verbatims import controls, yamlsafe
from verbatims.errors import UserError
from verbatims.files import write_text
from verbatims.i18n import _

TOP_KEYS = {"name", "description", "version", "codes"}
CODE_KEYS = {"name", "color", "definition", "include", "exclude", "keywords", "patterns",
             "examples", "codable", "codes"}
MAX_BYTES = 20 * 1024 * 1024
_TRUE, _FALSE = {"true", "yes", "oui", "1"}, {"false", "no", "non", "0"}
TEXT_KEYS = {"name", "color", "definition", "include", "exclude"}
LIST_KEYS = {"keywords", "patterns", "examples"}
_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


class _Where:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.replaced = 0  # control characters replaced

    def fail(self, node: Node, message: str) -> UserError:
        return UserError(f"{self.path}, line {node.start_mark.line + 1}: {message}.")


def load_yaml(path: Path) -> dict[str, Any]:
    """Read and check a YAML codebook; return {"name", "description", "codes": [...]}."""
    if not path.is_file():
        if path.is_dir():
            raise UserError(_("The codebook {path} is a folder, not a file; check the "
                              "path.").format(path=path))
        raise UserError(_("The codebook {path} does not exist; check the path.").format(
            path=path))
    if path.stat().st_size > MAX_BYTES:
        raise UserError(_("The codebook {path} is larger than {n} MB; it is not a "
                          "codebook.").format(path=path, n=MAX_BYTES // (1024 * 1024)))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(_("The codebook {path} is not UTF-8 text; save it as UTF-8.").format(
                            path=path)) from None
    try:
        root = yamlsafe.compose(text, str(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = _(", line {line}").format(line=mark.line + 1) if mark is not None else ""
        raise UserError(
            _("{path}{line}: the codebook is not valid YAML ({problem}); fix that line.")
            .format(path=path, line=line,
                    problem=getattr(exc, "problem", None) or _("syntax error"))
        ) from None
    where = _Where(path)
    if root is None:
        raise UserError(_("The codebook {path} is empty; it needs a `codes:` list.").format(
                            path=path))
    if not isinstance(root, MappingNode):
        raise where.fail(root, "a codebook must be a mapping with a `codes:` list")
    top = _mapping(root, where, TOP_KEYS, "codebook")
    if "codes" not in top:
        raise where.fail(root, "the codebook has no `codes:` list")
    book = {
        "name": _scalar(top["name"], where) if "name" in top else path.stem,
        "description": _scalar(top["description"], where) if "description" in top else "",
        "codes": _codes(top["codes"], where),
        "notes": [],
    }
    if where.replaced:
        book["notes"] = [controls.notice(str(path), where.replaced)]
    return book


def _mapping(node: MappingNode, where: _Where, allowed: set[str], what: str) -> dict[str, Node]:
    out: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in allowed:
            raise where.fail(
                key_node,
                f"unknown key {key!r} in a {what} (allowed: {', '.join(sorted(allowed))})",
            )
        if key in out:
            raise where.fail(key_node, f"the key {key!r} appears twice")
        out[key] = value_node
    return out


def _scalar(node: Node, where: _Where) -> str:
    if not isinstance(node, ScalarNode):
        raise where.fail(node, "expected a single value here")
    text, replaced = controls.replace(str(node.value).strip())
    where.replaced += replaced
    return text


def _flag(node: Node, where: _Where) -> bool:
    value = _scalar(node, where).casefold()
    if value not in _TRUE | _FALSE:
        raise where.fail(node, f"`codable` is true or false, not {value!r}")
    return value in _TRUE


def _codes(node: Node, where: _Where) -> list[dict[str, Any]]:
    if isinstance(node, ScalarNode) and node.value in ("", "~", "null"):
        return []
    if not isinstance(node, SequenceNode):
        raise where.fail(node, "`codes` must be a list of codes, each starting with `- name:`")
    result: list[dict[str, Any]] = []
    names: set[str] = set()
    for item in node.value:
        if not isinstance(item, MappingNode):
            raise where.fail(item, "each code must be a mapping starting with `name:`")
        fields = _mapping(item, where, CODE_KEYS, "code")
        if "name" not in fields or (isinstance(fields["name"], ScalarNode)
                                    and not str(fields["name"].value).strip()):
            raise where.fail(item, "this code has no name")
        code: dict[str, Any] = {}
        for key, value in fields.items():
            if key in TEXT_KEYS:
                code[key] = _scalar(value, where)
            elif key in LIST_KEYS:
                code[key] = _strings(value, where, key)
            elif key == "codable":
                code["codable"] = _flag(value, where)
            elif key == "codes":
                code["codes"] = _codes(value, where)
        name = code["name"]
        if name.casefold() in names:
            raise where.fail(fields["name"], f"two sibling codes are named {name!r}")
        names.add(name.casefold())
        if "color" in code and not _COLOR.match(code["color"]):
            raise where.fail(fields["color"], f"the colour {code['color']!r} is not #RRGGBB")
        for pattern in code.get("patterns", []):
            try:
                re.compile(pattern)
            except re.error as exc:
                raise where.fail(fields["patterns"], f"the pattern {pattern!r} is not a valid "
                                 f"regular expression ({exc})") from None
        result.append(code)
    return result


def _strings(node: Node, where: _Where, key: str) -> list[str]:
    if isinstance(node, ScalarNode):
        return [str(node.value).strip()] if str(node.value).strip() else []
    if not isinstance(node, SequenceNode):
        raise where.fail(node, f"`{key}` must be a list")
    out = []
    for item in node.value:
        out.append(_scalar(item, where))
    return [s for s in out if s]


def dump_yaml(name: str, description: str, tree: list[dict[str, Any]], path: Path) -> None:
    """Write a codebook in the same format `load_yaml` reads."""
    data = {"name": name, "description": description, "version": 1, "codes": tree}
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    write_text(path, text, choose=_("another path for the codebook"))
