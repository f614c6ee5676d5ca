"""The code stays typed and linted: mypy --strict on the core, ruff everywhere."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.mark.skipif(not (BIN / "ruff").exists() and not shutil.which("ruff"),
                    reason="ruff not installed")
def test_ruff() -> None:
    ruff = str(BIN / "ruff") if (BIN / "ruff").exists() else "ruff"
    result = subprocess.run([ruff, "check", "src", "tests", "bench"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_core() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr
