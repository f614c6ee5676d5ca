"""Whether the terminal can show a figure itself (Kitty graphics or Sixel).

`textual-image` must ask the terminal before Textual takes it over, so `probe()`
runs once in `run()`, before the app starts. Without a graphics-capable
terminal (tmux, most terminals, tests) the workbench shows the file's path.
"""

from __future__ import annotations

import os
import sys

_capable = False


def probe() -> bool:
    """Ask the terminal once; True when it shows images (set VERBATIMS_IMAGES=0 to refuse)."""
    global _capable
    if os.environ.get("VERBATIMS_IMAGES", "1") in ("0", "no", "off") or not sys.stdout.isatty():
        _capable = False
        return False
    try:
        import textual_image.widget  # noqa: F401 - measures the cell size while it can
        from textual_image.renderable import Image, SixelImage, TGPImage
    except Exception:  # noqa: BLE001 - no graphics: the path is shown instead
        _capable = False
        return False
    _capable = Image in (SixelImage, TGPImage)
    return _capable


def capable() -> bool:
    return _capable
