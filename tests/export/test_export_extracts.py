"""Extract exports in all six formats, compared with golden files after reading them back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner

FORMATS = ["docx", "odt", "html", "md", "csv", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_extracts_by_code_match_golden(fmt: str, annex: Path, tmp_path: Path, run_cli: CliRunner,
                                       golden: Callable[[str, str], None],
                                       read_back: Callable[[Path], str]) -> None:
    out = tmp_path / f"extracts.{fmt}"
    result = run_cli("--lang", "fr", "-p", annex, "export", "extracts", "--format", fmt, "-o", out)
    assert result.code == 0, result.err
    assert "6 extraits en 4 groupes écrits" in result.out
    golden(f"extracts_by_code.{fmt}.txt", read_back(out))
