"""PDF: its text layer (pdfminer.six). A scanned PDF has none, and is refused with
a sentence that says so, rather than imported empty.

Page breaks become paragraph breaks; a line holding only a page number is
dropped. A word split by a hyphen at a line end stays split ("numé-" / "rique"
and "peut-" / "être" cannot be told apart here); the analyses rejoin them.
"""

from __future__ import annotations

import re
from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import frontmatter
from verbatims.ingest.decode import normalise
from verbatims.ingest.registry import READERS, Options, Read, Reader

_PAGE_NUMBER = re.compile(r"^[ \t]*(?:-[ \t]*)?(?:page[ \t]+)?\d{1,4}(?:[ \t]*/[ \t]*\d{1,4})?"
                          r"(?:[ \t]*-)?[ \t]*$", re.IGNORECASE | re.MULTILINE)


def read(path: Path, options: Options) -> Read:
    from pdfminer.high_level import extract_text
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        raw = extract_text(str(path))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise UserError(_("{path} is not a readable PDF ({error}); open it and export it "
                          "again as PDF, or as .docx.").format(
                              path=path, error=exc.__class__.__name__)) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a bad file
        if exc.__class__.__name__.startswith("PDF"):
            raise UserError(_("{path} is not a readable PDF ({error}); open it and export "
                              "it again as PDF, or as .docx.").format(
                                  path=path, error=exc.__class__.__name__)) from None
        raise
    if not raw.replace("\f", "").strip():
        raise UserError(_("{path} has no text layer (a scanned PDF?); run OCR on it first "
                          "(for instance `ocrmypdf`) and import the result.").format(path=path))
    text = raw.replace("\f", "\n\n")
    text = _PAGE_NUMBER.sub("", text)
    text = re.sub(r"\n{3,}", "\n\n", normalise(text))
    attrs, text, notes = frontmatter.split_noting(text, str(path))
    return Read(normalise(text), "pdf", None, attrs, notes)


FORMAT = READERS.register(suffixes=(".pdf",), help=N_("PDF (text layer)"))(
    Reader(read))
