"""Word documents: the paragraphs' text, tables read row by row."""

from __future__ import annotations

import zipfile
from pathlib import Path

from verbatims.errors import UserError


def read(path: Path) -> str:
    import docx  # python-docx; imported here so that plain-text imports stay light
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UserError(
            f"{path} is not a readable .docx file ({exc.__class__.__name__}); open it in "
            "Word or LibreOffice and save it again as .docx."
        ) from None
    lines: list[str] = []
    body = document.element.body
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in block.iter() if _is_text(node)))
        elif tag == "tbl":
            for row in block.iter(f"{block.tag.rsplit('}', 1)[0]}}}tr"):
                cells = []
                for cell in row.iter(f"{block.tag.rsplit('}', 1)[0]}}}tc"):
                    cells.append("".join(n.text or "" for n in cell.iter() if _is_text(n)))
                lines.append(" | ".join(cells))
    return "\n\n".join(line for line in lines if line.strip())


def _is_text(node: object) -> bool:
    tag = getattr(node, "tag", "")
    return isinstance(tag, str) and tag.endswith("}t")
