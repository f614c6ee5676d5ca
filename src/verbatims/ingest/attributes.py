"""An attribute sheet: a CSV with one row per file, keyed by file name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from verbatims.errors import UserError
from verbatims.ingest.decode import decode

KEY_COLUMNS = ("file", "fichier", "document", "name", "nom", "filename")


def read_sheet(path: Path) -> dict[str, dict[str, object]]:
    """Map each file name (and its stem) to its attributes."""
    if not path.is_file():
        raise UserError(f"The attribute sheet {path} does not exist; check the --attributes path.")
    text, _ = decode(path.read_bytes(), str(path))
    if not text.strip():
        raise UserError(f"The attribute sheet {path} is empty; it needs a header row.")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = [f.strip() for f in reader.fieldnames or []]
    key = next((f for f in fields if f.casefold() in KEY_COLUMNS), None)
    if key is None:
        raise UserError(
            f"The attribute sheet {path} needs a column naming the file "
            f"({', '.join(KEY_COLUMNS[:3])}); its columns are {', '.join(fields)}."
        )
    sheet: dict[str, dict[str, object]] = {}
    for line, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k}
        name = row.pop(key, "")
        if not name:
            raise UserError(f"The attribute sheet {path} has no file name at line {line}.")
        values: dict[str, object] = {k: v for k, v in row.items() if v}
        sheet[name] = values
        sheet.setdefault(Path(name).stem, values)
    return sheet
