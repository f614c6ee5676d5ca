"""An attribute sheet: a CSV with one row per file, keyed by file name.

Read as Excel, LibreOffice and pandas write CSV: fields in double quotes may hold
the separator, line breaks and doubled quotes (`"un ""mot"" cité"`). Only
the separator is guessed (`,`, `;` or tab: the one that splits the first rows
into the same number of columns, the most), or read from Excel's `sep=;` line.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.ingest.decode import decode

KEY_COLUMNS = ("file", "fichier", "document", "name", "nom", "filename")


def read_sheet(path: Path) -> dict[str, dict[str, object]]:
    """Map each file name (and its stem) to its attributes."""
    if not path.is_file():
        raise UserError(_("The attribute sheet {path} does not exist; check the --attributes "
                          "path.").format(path=path))
    text, _encoding = decode(path.read_bytes(), str(path))
    if not text.strip():
        raise UserError(_("The attribute sheet {path} is empty; it needs a header row.").format(
            path=path))
    first, _sep, rest = text.partition("\n")
    if first.strip().lower() in ("sep=,", "sep=;", "sep=\t"):  # Excel's hint line
        delimiter, text = first.strip()[4:], rest
    else:
        delimiter = _delimiter(text)
    reader = csv.DictReader(io.StringIO(text), dialect=csv.excel, delimiter=delimiter)
    fields = [f.strip() for f in reader.fieldnames or []]
    key = next((f for f in fields if f.casefold() in KEY_COLUMNS), None)
    if key is None:
        raise UserError(_("The attribute sheet {path} needs a column naming the file "
                          "({keys}); its columns are {columns}.").format(
                              path=path, keys=", ".join(KEY_COLUMNS[:3]),
                              columns=", ".join(fields)))
    sheet: dict[str, dict[str, object]] = {}
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise UserError(_("The attribute sheet {path} is not readable CSV ({error}); save it "
                          "again as CSV from the spreadsheet.").format(path=path, error=exc)
                        ) from None
    for line, row in enumerate(rows, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        name = row.pop(key, "")
        if not name:
            raise UserError(_("The attribute sheet {path} has no file name at line {line}; "
                              "fill in its `file` column.").format(path=path, line=line))
        values: dict[str, object] = {k: v for k, v in row.items() if v}
        sheet[name] = values
        sheet.setdefault(Path(name).stem, values)
    return sheet


def _delimiter(text: str) -> str:
    """The separator that cuts the first rows into equally many columns, the most."""
    sample = "\n".join(text.split("\n")[:20])
    best, best_score = ",", (-1, 0)
    for delimiter in (",", ";", "\t"):
        try:
            rows = [r for r in csv.reader(io.StringIO(sample), dialect=csv.excel,
                                          delimiter=delimiter) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        width = len(rows[0])
        steady = sum(len(r) == width for r in rows[1:-1] or rows[1:])  # the last may be cut
        score = (int(steady == len(rows[1:-1] or rows[1:])) * width, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best
