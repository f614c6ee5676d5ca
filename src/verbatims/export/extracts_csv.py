"""Extracts as CSV (UTF-8, header row), safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from pathlib import Path

from verbatims.export.extracts import ExtractSet
from verbatims.export.registry import EXTRACTS
from verbatims.export.rows import headers, rows, safe


@EXTRACTS.register()
def write(data: ExtractSet, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([safe(h) for h in headers()])
        writer.writerows(rows(data))
