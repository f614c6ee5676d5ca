"""Codebook edits from the code tree: create, rename, recolour, move, merge.

Each edit is one Project call in the app's write worker; afterwards the tree,
the counts and the open transcript are redrawn from the store.
"""

from __future__ import annotations

from typing import Any

from verbatims.model.codetree import descendants
from verbatims.tui.colors import PALETTE, next_color
from verbatims.tui.screens.editors import Prompt


class CodebookActions:
    """Mixed into `VerbatimsApp`."""

    project: Any
    overview: Any
    notify: Any
    push_screen: Any
    write: Any
    commit: Any
    query_one: Any
    action_tab: Any
    _picker: Any

    def _current_code(self) -> Any:
        self.action_tab("codes")
        code = self.query_one("#codes-pane").current
        if code is None:
            self.notify("Highlight a code in the Codes tab first.", severity="warning")
        return code

    def action_new_code(self, child: bool = False) -> None:
        parent = self._current_code() if child else None
        if child and parent is None:
            return
        where = f"under {parent.name!r}" if parent else "at the top level"

        def create(name: str | None) -> None:
            if name and name.strip():
                color = PALETTE[len(self.overview.codes) % len(PALETTE)] if self.overview \
                    else PALETTE[0]
                self.commit(lambda: self.project.add_code(
                    name.strip(), parent_id=parent.id if parent else None, color=color),
                    f"Code {name.strip()!r} created.", None, full=True)

        self.push_screen(Prompt(f"Name of the new code {where}:"), create)

    def action_rename_code(self) -> None:
        code = self._current_code()
        if code is None:
            return

        def rename(name: str | None) -> None:
            if name and name.strip() and name.strip() != code.name:
                self.commit(lambda: self.project.update_code(code.id, name=name.strip()),
                            f"Renamed to {name.strip()!r}.", None, full=True)

        self.push_screen(Prompt(f"New name for {code.name!r}:", code.name), rename)

    def action_recolor_code(self) -> None:
        code = self._current_code()
        if code is None:
            return

        def recolor(value: str | None) -> None:
            if value is None:
                return
            color = value.strip() or next_color(code.color)
            if not (len(color) == 7 and color.startswith("#")
                    and all(ch in "0123456789abcdefABCDEF" for ch in color[1:])):
                self.notify(f"{color!r} is not a colour; type #rrggbb, e.g. #3cb44b.",
                            severity="error")
                return
            self.commit(lambda: self.project.update_code(code.id, color=color),
                        f"{code.name!r} is now {color}.", None, full=True)

        self.push_screen(Prompt(f"Colour of {code.name!r} (#rrggbb; empty for the next "
                                "palette colour):", ""), recolor)

    def action_move_code(self) -> None:
        code = self._current_code()
        if code is None:
            return

        def move(ids: list[int]) -> None:
            parent = None if ids[0] < 0 else ids[0]
            self.commit(lambda: self.project.update_code(code.id, parent_id=parent),
                        f"{code.name!r} moved.", None, full=True)

        self._picker(f"Move {code.name!r} under…", move,
                     exclude=descendants(self.overview.codes, code.id),
                     extra=((-1, "(top level)"),))

    def action_merge_code(self) -> None:
        code = self._current_code()
        if code is None:
            return

        def merge(ids: list[int]) -> None:
            target = ids[0]
            self.write(lambda: (f"Merged {code.name!r}: "
                                f"{self.project.merge_code(code.id, target)} coding(s) moved.",
                                None), full=True)

        self._picker(f"Merge {code.name!r} into…", merge,
                     exclude=descendants(self.overview.codes, code.id))
