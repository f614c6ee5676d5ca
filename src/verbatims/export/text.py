"""Wording shared by every extract format, so they all read the same."""

from __future__ import annotations

from verbatims.export.extracts import Extract, ExtractSet

GROUPING = {"code": "par code", "document": "par entretien", "attribute": "par attribut"}


def intro(data: ExtractSet) -> str:
    n = len(data)
    line = (f"{n} extrait{'s' if n != 1 else ''}, regroupés {GROUPING[data.group_by]}, "
            "dans l'ordre des entretiens.")
    if data.pseudonymized:
        line += " Noms pseudonymisés."
    return line


def meta_line(extract: Extract) -> str:
    parts = [extract.speaker or "", extract.code_path, extract.reference]
    return " · ".join(p for p in parts if p)
