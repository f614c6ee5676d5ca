"""Codebook edits from the code tree: create, rename, recolour, move, merge.

Each edit is one Project call in the app's write worker; afterwards the tree,
the counts and the open transcript are redrawn from the store.
"""

from __future__ import annotations

from verbatims.i18n import _, ngettext
from verbatims.model.codetree import descendants
from verbatims.model.entities import Code
from verbatims.tui.bench import Bench
from verbatims.tui.colors import PALETTE, next_color
from verbatims.tui.controllers.coding import CodingController
from verbatims.tui.screens.editors import Prompt


class CodebookController:
    """What the Codes tab's keys do; the code they act on is given by the pane."""

    def __init__(self, app: Bench, coding: CodingController) -> None:
        self.app = app
        self.coding = coding  # its code picker

    def _needed(self, code: Code | None) -> Code | None:
        if code is None:
            self.app.notify(_("Highlight a code in the Codes tab first."), severity="warning")
        return code

    def new_code(self, parent: Code | None, child: bool = False) -> None:
        if child and self._needed(parent) is None:
            return
        project, coder = self.app.project, self.app.coder
        where = _("under “{name}”").format(name=parent.name) if parent else _("at the top level")

        def create(name: str | None) -> None:
            if name and name.strip():
                data = self.app.overview
                color = PALETTE[len(data.codes) % len(PALETTE)] if data else PALETTE[0]
                self.app.commit(lambda: project.add_code(
                    name.strip(), parent_id=parent.id if parent else None, color=color,
                    coder=coder),
                    _("Code “{name}” created.").format(name=name.strip()), None, full=True)

        self.app.push_screen(Prompt(_("Name of the new code {where}:").format(where=where)),
                             create)

    def rename(self, code: Code | None) -> None:
        if self._needed(code) is None:
            return
        assert code is not None
        project, coder = self.app.project, self.app.coder

        def rename(name: str | None) -> None:
            if name and name.strip() and name.strip() != code.name:
                self.app.commit(
                    lambda: project.update_code(code.id, coder, name=name.strip()),
                    _("Renamed to “{name}”.").format(name=name.strip()), None, full=True)

        self.app.push_screen(Prompt(_("New name for “{name}”:").format(name=code.name),
                                    code.name), rename)

    def recolor(self, code: Code | None) -> None:
        if self._needed(code) is None:
            return
        assert code is not None
        project, coder = self.app.project, self.app.coder

        def recolor(value: str | None) -> None:
            if value is None:
                return
            color = value.strip() or next_color(code.color)
            if not (len(color) == 7 and color.startswith("#")
                    and all(ch in "0123456789abcdefABCDEF" for ch in color[1:])):
                self.app.notify(_("“{value}” is not a colour; type #rrggbb, e.g. #3cb44b.")
                                .format(value=color), severity="error")
                return
            self.app.commit(lambda: project.update_code(code.id, coder, color=color),
                            _("“{name}” is now {color}.").format(name=code.name, color=color),
                            None, full=True)

        self.app.push_screen(Prompt(_("Colour of “{name}” (#rrggbb; empty for the next "
                                      "palette colour):").format(name=code.name), ""), recolor)

    def move(self, code: Code | None) -> None:
        if self._needed(code) is None or self.app.overview is None:
            return
        assert code is not None
        project, coder = self.app.project, self.app.coder

        def move(target: int) -> None:
            parent = None if target < 0 else target
            self.app.commit(lambda: project.update_code(code.id, coder, parent_id=parent),
                            _("“{name}” moved.").format(name=code.name), None, full=True)

        self.coding.pick_one(_("Move “{name}” under…").format(name=code.name), move,
                             exclude=descendants(self.app.overview.codes, code.id),
                             extra=((-1, _("(top level)")),))

    def merge(self, code: Code | None) -> None:
        if self._needed(code) is None or self.app.overview is None:
            return
        assert code is not None
        project = self.app.project

        def merge(target: int) -> None:
            def change() -> tuple[str | None, int | None]:
                moved = project.merge_code(code.id, target)
                return ngettext("Merged “{name}”: {n} coding moved.",
                                "Merged “{name}”: {n} codings moved.", moved).format(
                    name=code.name, n=moved), None

            self.app.write(change, full=True)

        self.coding.pick_one(_("Merge “{name}” into…").format(name=code.name), merge,
                             exclude=descendants(self.app.overview.codes, code.id))
