"""The core never imports Textual: only verbatims.tui may.

Every module outside verbatims.tui is imported in a fresh interpreter (so
nothing loaded by other tests can hide a leak); then Textual must be absent
from sys.modules. The first module that pulls it in is named. A module that
fails to import is reported on stderr and left to its own tests.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import verbatims

CHECK = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as error:  # a broken module is its own tests' business
        print(f"cannot import {name}: {error}", file=sys.stderr)
    if "textual" in sys.modules:
        print(name)
        break
"""


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(verbatims.__path__, "verbatims."):
        if info.name == "verbatims.tui" or info.name.startswith("verbatims.tui."):
            continue
        names.append(info.name)
    return sorted(names)


def test_no_core_module_pulls_textual() -> None:
    modules = core_modules()
    assert "verbatims.store.project" in modules and "verbatims.cli" in modules
    result = subprocess.run([sys.executable, "-c", CHECK, *modules], capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", (
        f"{result.stdout.strip()} imports Textual; only verbatims.tui may.")


def test_the_workbench_does_use_textual() -> None:
    """The check above would pass vacuously if the probe were wrong."""
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "verbatims.store.project", "verbatims.tui.app"],
        capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "verbatims.tui.app"
