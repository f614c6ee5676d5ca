"""The code tree with counts (codings / documents); definitions on demand."""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from verbatims.i18n import N_, _
from verbatims.model.entities import Code
from verbatims.tui.data import Overview
from verbatims.tui.messages import CodebookAsked
from verbatims.tui.pane import MemoTarget, Pane


class CodeTreePane(Pane):
    """The codebook controller performs the edits; this pane says which code is meant."""

    BINDINGS = [
        Binding("i", "toggle_definition", N_("Definition")),
        Binding("a", "new_code", N_("New code")),
        Binding("A", "new_code(True)", N_("New sub-code")),
        Binding("R,f2", "rename_code", N_("Rename")),
        Binding("k", "recolor_code", N_("Colour")),
        Binding("o", "move_code", N_("Move")),
        Binding("g", "merge_code", N_("Merge into…")),
    ]

    class Chosen(Message):
        """Enter on a code: show its extracts."""

        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.data: Overview | None = None
        self.show_definition = False
        self._code_nodes: dict[int, TreeNode[int]] = {}

    def compose(self) -> ComposeResult:
        tree: Tree[int] = Tree(_("Codebook"), id="code-tree")
        tree.show_root = False
        tree.auto_expand = False
        yield tree
        yield Static("", id="code-definition")

    @property
    def code_tree(self) -> Tree[int]:
        return self.query_one("#code-tree", Tree)

    @property
    def current(self) -> Code | None:
        node = self.code_tree.cursor_node
        if node is None or node.data is None or self.data is None:
            return None
        return next((c for c in self.data.codes if c.id == node.data), None)

    # -- pane hooks -----------------------------------------------------------------------

    def focus_default(self) -> None:
        self.code_tree.focus()

    def overview_changed(self, data: Overview) -> None:
        self.show(data)

    def memo_target(self) -> MemoTarget | None:
        code = self.current
        if code is None:
            return None
        return MemoTarget("code", code.id, _("Memo on the code “{name}”").format(name=code.name))

    # -- codebook edits (the controller does them) ---------------------------------------------

    def action_new_code(self, child: bool = False) -> None:
        self.post_message(CodebookAsked("new_child" if child else "new_code", self.current))

    def action_rename_code(self) -> None:
        self.post_message(CodebookAsked("rename", self.current))

    def action_recolor_code(self) -> None:
        self.post_message(CodebookAsked("recolor", self.current))

    def action_move_code(self) -> None:
        self.post_message(CodebookAsked("move", self.current))

    def action_merge_code(self) -> None:
        self.post_message(CodebookAsked("merge", self.current))

    # -- drawing ---------------------------------------------------------------------------

    def show(self, data: Overview) -> None:
        keep = self.current.id if self.current else None
        self.data = data
        tree = self.code_tree
        tree.clear()
        nodes: dict[int, TreeNode[int]] = {}
        for code in data.codes:
            parent = nodes.get(code.parent_id) if code.parent_id else tree.root
            if parent is None:
                parent = tree.root
            label = self._label(code)
            children = any(c.parent_id == code.id for c in data.codes)
            if children:
                nodes[code.id] = parent.add(label, data=code.id, expand=True)
            else:
                nodes[code.id] = parent.add_leaf(label, data=code.id)
        self._code_nodes = nodes
        if keep in nodes:  # lines exist only after the next refresh
            tree.call_after_refresh(tree.move_cursor, nodes[keep], animate=False)
        self._describe()

    def update_counts(self, data: Overview) -> None:
        """New counts on the same tree: relabel the nodes in place."""
        self.data = data
        for code in data.codes:
            node = self._code_nodes.get(code.id)
            if node is not None:
                node.set_label(self._label(code))

    def _label(self, code: Code) -> Text:
        assert self.data is not None
        n, docs = self.data.counts.get(code.id, (0, 0))
        label = Text()
        label.append("■ ", style=code.color)
        label.append(code.name)
        label.append(f"  {n}/{docs}", style="dim" if not n else "bold")
        total = self._total(code.id)
        if total > n:
            label.append(f"  Σ {total}", style="italic")
        return label

    def _total(self, code_id: int) -> int:
        """Codings of a code and all its sub-codes (the tree's second figure)."""
        assert self.data is not None
        total = self.data.counts.get(code_id, (0, 0))[0]
        for child in self.data.codes:
            if child.parent_id == code_id:
                total += self._total(child.id)
        return total

    def _describe(self) -> None:
        box = self.query_one("#code-definition", Static)
        code = self.current
        box.display = self.show_definition and code is not None
        if code is None or not self.show_definition:
            return
        assert self.data is not None
        parts = [f"[b]{escape(self.data.paths[code.id])}[/b]  {code.color}",
                 escape(code.definition or _("(no definition)"))]
        include, exclude, keywords = _("Include:"), _("Exclude:"), _("Keywords:")
        if code.include:
            parts.append(f"[i]{escape(include)}[/i] {escape(code.include)}")
        if code.exclude:
            parts.append(f"[i]{escape(exclude)}[/i] {escape(code.exclude)}")
        if code.keywords:
            parts.append(f"[i]{escape(keywords)}[/i] {escape(', '.join(code.keywords))}")
        box.update("\n".join(parts))
        node = self.code_tree.cursor_node
        if node is not None:  # the panel took room: keep the highlighted code in view
            self.code_tree.call_after_refresh(self.code_tree.scroll_to_node, node, False)

    @on(Tree.NodeHighlighted, "#code-tree")
    def _highlighted(self) -> None:
        self._describe()

    @on(Tree.NodeSelected, "#code-tree")
    def _selected(self, event: Tree.NodeSelected[int]) -> None:
        if event.node.data is not None:
            self.post_message(self.Chosen(event.node.data))

    def action_toggle_definition(self) -> None:
        self.show_definition = not self.show_definition
        self._describe()
