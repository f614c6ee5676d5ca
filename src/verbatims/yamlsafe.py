"""YAML from elsewhere, read with bounds: every YAML file verbatims reads goes through here.

PyYAML's safe loader builds no objects from tags, but it does follow anchors
and aliases (`&a`, `*a`) as shared references: a 3 KB "alias bomb" (lists of
aliases of lists of aliases…) is a few hundred nodes when composed and billions
once walked, printed or stored, and `&a [*a]` is a list inside itself. So the
composed graph is measured before anything uses it: more than `MAX_ALIASES`
aliases, more than `MAX_NODES` values once aliases are followed, or an alias
inside its own anchor refuse the file with the limit named. Codebooks, the YAML
front matter of transcripts and pseudonymisation keys are read this way.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from verbatims.errors import UserError
from verbatims.i18n import _

MAX_ALIASES = 1_000  # `*name` references in one file
MAX_NODES = 200_000  # values once aliases are followed (the default codebook: ~1,500)
MAX_DEPTH = 200  # nesting of lists and mappings


class _TooManyAliases(Exception):
    pass


# libyaml's safe loader where PyYAML was built with it (ten times faster: the front
# matter of 2,000 transcripts), for a short text that cannot hold an alias (no `&`, no
# `*`) nor nest deeply (few brackets; indentation needs quadratic length): nothing for
# `_Loader` to count, and libyaml's recursive composer stays far from the C stack's end.
_FAST = getattr(yaml, "CSafeLoader", None)
_FAST_CHARS = 65_536


class _Loader(yaml.SafeLoader):
    """The safe loader, counting aliases as it composes (a bomb is refused early)."""

    aliases = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _TooManyAliases
        node: Node | None = super().compose_node(parent, index)
        return node


def compose(text: str, where: str) -> Node | None:
    """The composed node graph of `text`, checked (see the module docstring).

    YAML syntax errors propagate as `yaml.YAMLError`, for the caller's sentence."""
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
    except _TooManyAliases:
        raise UserError(_("{where} uses more than {n} YAML aliases (*name); verbatims "
                          "refuses it (an alias bomb); write the values out "
                          "instead.").format(where=where, n=f"{MAX_ALIASES:,}")) from None
    except RecursionError:
        raise UserError(_("{where} nests YAML values more than {n} levels deep; verbatims "
                          "refuses it.").format(where=where, n=MAX_DEPTH)) from None
    finally:
        loader.dispose()
    if node is not None:
        _measure(node, where)
    return node


def _fast(text: str) -> bool:
    return (_FAST is not None and len(text) <= _FAST_CHARS and "&" not in text
            and "*" not in text and text.count("[") + text.count("{") <= MAX_DEPTH)


def load(text: str, where: str) -> Any:
    """`yaml.safe_load` of a checked graph."""
    if _fast(text):
        try:
            return _load(_FAST(text), where)  # type: ignore[misc]  # _fast: not None
        except yaml.YAMLError:
            pass  # read again by the pure-Python parser, whose messages users are shown
    return _load(_Loader(text), where)


def _load(loader: Any, where: str) -> Any:
    try:
        try:
            node: Node | None = loader.get_single_node()
        except _TooManyAliases:
            raise UserError(_("{where} uses more than {n} YAML aliases (*name); verbatims "
                              "refuses it (an alias bomb); write the values out "
                              "instead.").format(where=where, n=f"{MAX_ALIASES:,}")) from None
        except RecursionError:
            raise UserError(_("{where} nests YAML values more than {n} levels deep; "
                              "verbatims refuses it.").format(where=where, n=MAX_DEPTH)
                            ) from None
        if node is None:
            return None
        _measure(node, where)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _measure(root: Node, where: str) -> None:
    """Values reachable once aliases are followed, without following them (memoised by
    node); an alias inside its own anchor, or nesting beyond `MAX_DEPTH`, refused."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            open_.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if sizes[key] > MAX_NODES:
                raise UserError(_("{where} expands to more than {n} values once its YAML "
                                  "aliases are followed; verbatims refuses it (an alias "
                                  "bomb); write the values out instead.").format(
                                      where=where, n=f"{MAX_NODES:,}"))
            continue
        if key in sizes:
            continue
        if key in open_:
            raise UserError(_("{where}, line {line}: a YAML alias refers to a value that "
                              "holds it, so it would never end; verbatims refuses "
                              "it.").format(where=where, line=node.start_mark.line + 1))
        if depth > MAX_DEPTH:
            raise UserError(_("{where} nests YAML values more than {n} levels deep; "
                              "verbatims refuses it.").format(where=where, n=MAX_DEPTH))
        open_.add(key)
        stack.append((node, depth, True))
        for child in _children(node):
            if id(child) in open_:
                raise UserError(_("{where}, line {line}: a YAML alias refers to a value "
                                  "that holds it, so it would never end; verbatims refuses "
                                  "it.").format(where=where, line=child.start_mark.line + 1))
            if id(child) not in sizes:
                stack.append((child, depth + 1, False))


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []
