"""SVG snapshots of the main screens (pytest-textual-snapshot).

After a deliberate change of the look: pytest tests/tui --snapshot-update, then
look at the SVGs before accepting them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol

from textual.pilot import Pilot

from tests.tui.tui_helpers import EPCI_AGENT, settle
from verbatims.tui.app import VerbatimsApp


class SnapCompare(Protocol):
    """pytest-textual-snapshot's `snap_compare` fixture (its own annotation is too narrow)."""

    def __call__(self, app: VerbatimsApp, press: Iterable[str] = (),
                 terminal_size: tuple[int, int] = (80, 24),
                 run_before: Callable[[Pilot[None]], Awaitable[None] | None] | None = None
                 ) -> bool: ...


def _code_some(app: VerbatimsApp) -> None:
    project = app.project
    doc = project.document(EPCI_AGENT)
    text = project.text(doc.id)
    start = text.index("Je suis rattachée")
    end = text.index(".", start) + 1
    project.add_coding(doc.id, start, end, project.code("mutualisation").id, "t")
    project.add_coding(doc.id, start + 8, end + 120,
                       project.code("sensibilisation").id, "t")


async def _open(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("f", "0", "7", "enter", "enter")
    await settle(pilot)


def test_documents_80x24(app: VerbatimsApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_transcript_with_overlapping_codes(app: VerbatimsApp, snap_compare: SnapCompare) -> None:
    _code_some(app)
    assert snap_compare(app, terminal_size=(120, 35), run_before=_open)


def test_transcript_light_theme_80x24(app: VerbatimsApp, snap_compare: SnapCompare) -> None:
    _code_some(app)
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(80, 24), run_before=_open)


def test_code_tree_with_counts(app: VerbatimsApp, snap_compare: SnapCompare) -> None:
    _code_some(app)

    async def codes(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("3", "i")

    assert snap_compare(app, terminal_size=(100, 30), run_before=codes)


def test_help_screen(app: VerbatimsApp, snap_compare: SnapCompare) -> None:
    assert snap_compare(app, terminal_size=(80, 24), press=["f1"], run_before=settle)
