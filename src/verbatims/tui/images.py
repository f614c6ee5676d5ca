"""Whether the terminal can show a figure itself (Kitty graphics or Sixel).

`textual-image` must ask the terminal before Textual takes it over, so `probe()`
runs once in `run()`, before the app starts. Without a graphics-capable
terminal (tmux, most terminals, tests) the workbench shows the file's path.

Asking means writing a query and reading the answer from the keyboard's input.
A key typed meanwhile (the researcher starts typing while the workbench opens)
spoils the reading, and the answer, left behind, would then reach Textual as
keys: "\\x1b[?62;4c" is read as `?`, which opens the help. So the input is
emptied before the questions and again once late answers had time to come;
a key typed in that fraction of a second is dropped rather than misread. In a
terminal multiplexer (tmux, screen), which does not pass the pictures through,
nothing is asked at all.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping

_capable = False
LATE_ANSWER = 0.15  # seconds a terminal may take to answer after the probe gave up


def probe() -> bool:
    """Ask the terminal once; True when it shows images.

    VERBATIMS_IMAGES=0 never asks; VERBATIMS_IMAGES=1 asks even in tmux or screen.
    """
    global _capable
    _capable = False
    wanted = os.environ.get("VERBATIMS_IMAGES", "").lower()
    if wanted in ("0", "no", "off") or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return False
    if wanted not in ("1", "yes", "on") and not worth_asking(os.environ):
        return False
    fd = sys.stdin.fileno()
    discard_input(fd)  # keys typed during start-up would be read as the answer
    try:
        import textual_image.widget  # noqa: F401 - measures the cell size while it can
        from textual_image.renderable import Image, SixelImage, TGPImage
    except Exception:  # noqa: BLE001 - no graphics: the path is shown instead
        return False
    finally:
        time.sleep(LATE_ANSWER)
        discard_input(fd)  # an answer left behind must not become keys
    _capable = Image in (SixelImage, TGPImage)
    return _capable


def worth_asking(env: Mapping[str, str]) -> bool:
    """False where no picture can show: a multiplexer, a dumb or Linux console."""
    term = env.get("TERM", "")
    if env.get("TMUX") or env.get("STY") or term.startswith(("screen", "tmux")):
        return False
    return term not in ("", "dumb", "linux")


def discard_input(fd: int) -> None:
    """Drop what the terminal has sent that nobody read yet (keys, answers)."""
    try:
        import termios
    except ImportError:  # Windows: textual-image reads the console differently
        return
    try:
        termios.tcflush(fd, termios.TCIFLUSH)
    except (OSError, termios.error):
        pass


def capable() -> bool:
    return _capable
