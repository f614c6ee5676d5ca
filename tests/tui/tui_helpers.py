"""Helpers for the workbench tests: wait for workers, open a document, read the screen."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from verbatims.tui.app import VerbatimsApp

EPCI_AGENT = "07-agent-epci-30000.txt"


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish and every message they posted be handled."""
    for _ in range(4):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # an exclusive worker replaced by a newer one: wait again
            pass
        await pilot.pause()


async def open_document(pilot: Pilot[None], name: str) -> None:
    """As a user: filter the list by the document's name, then enter."""
    await settle(pilot)
    await pilot.press("f", *name[:2], "enter", "enter")  # "07" is enough to find it
    await settle(pilot)


def screen_text(app: VerbatimsApp) -> str:
    """What the transcript shows right now, line by line."""
    view = app.view
    return "\n".join(view.render_line(y).text for y in range(view.size.height))
