"""Disputes as CSV: one row per disputed code, numbered by passage, for spreadsheets."""

from __future__ import annotations

import csv
from pathlib import Path

from verbatims.analysis.disagreements import spans_column
from verbatims.export.disputes import pieces
from verbatims.export.registry import DISAGREEMENTS
from verbatims.export.reliability import DisagreementReport
from verbatims.export.rows import safe


@DISAGREEMENTS.register()
def write(report: DisagreementReport, path: Path) -> None:
    header = ["passage", "document", "code", "start", "end", "kind", "text"]
    for coder in report.coders:
        header += [f"coded_{coder}", f"text_{coder}"]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for _index, row in report.disputes.iterrows():
            cells: list[object] = [row["passage"], row["document"], row["code"], row["start"],
                                   row["end"], row["kind"], row["text"]]
            for coder in report.coders:
                spans = row[spans_column(coder)]
                cells += ["; ".join(f"{a}-{b}" for a, b in spans),
                          " […] ".join(t for t, on in pieces(str(row["text"]),
                                                             int(row["start"]), spans) if on)]
            writer.writerow([safe(c) for c in cells])
