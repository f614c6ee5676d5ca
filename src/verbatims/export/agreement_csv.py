"""Agreement table as CSV (UTF-8, header row), for scripts."""

from __future__ import annotations

import csv
from pathlib import Path

from verbatims.export.registry import AGREEMENT
from verbatims.export.reliability import AgreementReport, table_cells


@AGREEMENT.register()
def write(report: AgreementReport, path: Path) -> None:
    header, body = table_cells(report)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body)
