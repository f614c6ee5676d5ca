"""Reading every exported file the way an adversary would, to find names still in it.

Every text a file carries is read, not only what a viewer shows: body text
(with Word's runs joined back into words), table cells and sheet names, XML
attributes (titles, alt texts, SVG `<title>`), document properties (DOCX/ODT
core and custom properties, PDF Info and XMP), PNG text chunks, the names of
the members of an archive (`.qdpx`, `.docx`), and the file's own name. Each
place is named in a finding, so the user knows where to look.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from defusedxml import ElementTree as SafeET

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.pseudo.replace import Pseudonymizer

FORMATS = ("docx", "odt", "ods", "odp", "xlsx", "pptx", "html", "htm", "md", "csv", "tsv",
           "txt", "json", "yaml", "svg", "gexf", "graphml", "xml", "qdpx", "qde", "qdc", "pdf",
           "png")
# Elements whose text reads as one run although split into pieces (runs, spans, tspans).
_PARAGRAPHS = {"p", "h", "si", "is", "text", "t", "title", "desc", "c", "r", "v", "span",
               "Description", "PlainTextContent", "Note", "TextSource", "PlainTextSelection",
               "Code", "Case", "attvalue", "node", "edge", "data", "li", "td", "th", "a"}
_XML_SUFFIXES = (".xml", ".rels", ".qde", ".rdf", ".svg", ".gexf", ".graphml", ".qdc")
_TEXT_SUFFIXES = (".txt", ".md", ".csv", ".tsv", ".json", ".yaml", ".yml", ".html", ".htm")
MAX_MEMBER = 200 * 1024 * 1024


@dataclass(frozen=True)
class Finding:
    file: str
    where: str
    name: str  # the accepted name (as in the key)
    found: str  # as written in the file
    context: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def xml_texts(data: bytes, where: str) -> Iterator[tuple[str, str]]:
    """Every text node and attribute value of an XML document, and each paragraph joined."""
    try:
        root = SafeET.fromstring(data)
    except Exception as exc:  # noqa: BLE001 - any parse failure: read it as text instead
        yield f"{where} (not well-formed XML: {exc.__class__.__name__})", \
            data.decode("utf-8", "replace")
        return
    counters: dict[str, int] = {}
    for element in root.iter():
        tag = _local(element.tag)
        counters[tag] = counters.get(tag, 0) + 1
        place = f"{where}, <{tag}> {counters[tag]}"
        for attr, value in element.attrib.items():
            if value and not value.startswith(("#", "http://www.w3.org", "urn:")):
                yield f"{place} @{_local(attr)}", value
        if element.text and element.text.strip():
            yield place, element.text
        if element.tail and element.tail.strip():
            yield place + " (after)", element.tail
        if tag in _PARAGRAPHS and len(element):
            joined = "".join(element.itertext())
            if joined.strip():
                yield place + " (joined)", joined


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []
        self.body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value:
                self.pieces.append((f"<{tag}> @{name}", html.unescape(value)))

    def handle_data(self, data: str) -> None:
        self.body.append(data)

    def handle_comment(self, data: str) -> None:
        self.pieces.append(("comment", data))


def html_texts(text: str, where: str) -> Iterator[tuple[str, str]]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    yield from ((f"{where}, {p}", t) for p, t in parser.pieces)
    yield f"{where}, text", "".join(parser.body)


def png_texts(data: bytes, where: str) -> Iterator[tuple[str, str]]:
    """The tEXt, zTXt and iTXt chunks of a PNG (matplotlib writes its metadata there)."""
    pos = 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        try:
            if kind == b"tEXt":
                key, _sep, value = body.partition(b"\x00")
                yield f"{where}, PNG text {key.decode('latin-1')}", value.decode("latin-1")
            elif kind == b"zTXt":
                key, _sep, rest = body.partition(b"\x00")
                yield (f"{where}, PNG text {key.decode('latin-1')}",
                       zlib.decompress(rest[1:]).decode("latin-1"))
            elif kind == b"iTXt":
                key, _sep, rest = body.partition(b"\x00")
                compressed, rest = rest[0], rest[2:]
                _lang, _sep, rest = rest.partition(b"\x00")
                _tkey, _sep, value = rest.partition(b"\x00")
                if compressed:
                    value = zlib.decompress(value)
                yield f"{where}, PNG text {key.decode('latin-1')}", value.decode("utf-8")
        except (zlib.error, UnicodeDecodeError, IndexError):
            yield f"{where}, PNG chunk {kind.decode('latin-1')}", body.decode("latin-1")
        if kind == b"IEND":
            break


def pdf_texts(path: Path, where: str) -> Iterator[tuple[str, str]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    with path.open("rb") as fh:
        document = PDFDocument(PDFParser(fh))
        for info in document.info:
            for key, value in info.items():
                value = resolve1(value)
                if isinstance(value, bytes):
                    yield f"{where}, property {key}", decode_text(value)
                elif isinstance(value, str):
                    yield f"{where}, property {key}", value
        metadata = resolve1(document.catalog.get("Metadata"))
        if metadata is not None and hasattr(metadata, "get_data"):
            yield from xml_texts(metadata.get_data(), f"{where}, XMP metadata")
    for number, page in enumerate(extract_pages(str(path)), start=1):
        text = "".join(e.get_text() for e in page if isinstance(e, LTTextContainer))
        yield f"{where}, page {number}", text


def member_texts(name: str, data: bytes, where: str) -> Iterator[tuple[str, str]]:
    lower = name.lower()
    if lower.endswith(_XML_SUFFIXES) or data[:5] == b"<?xml":
        yield from xml_texts(data, where)
    elif lower.endswith((".html", ".htm")):
        yield from html_texts(data.decode("utf-8", "replace"), where)
    elif lower.endswith(".png"):
        yield from png_texts(data, where)
    elif lower.endswith(".zip") or data[:4] == b"PK\x03\x04":
        yield from zip_texts(io.BytesIO(data), where)
    else:
        try:
            yield where, data.decode("utf-8-sig")
        except UnicodeDecodeError:
            yield where, data.decode("latin-1")


def zip_texts(source: Path | io.BytesIO, where: str) -> Iterator[tuple[str, str]]:
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            yield f"{where}, member name", info.filename
            if info.comment:
                yield f"{where}, {info.filename} (comment)", info.comment.decode("utf-8",
                                                                                 "replace")
            if info.is_dir() or info.file_size > MAX_MEMBER:
                continue
            yield from member_texts(info.filename, archive.read(info), f"{where}: {info.filename}")
        if archive.comment:
            yield f"{where}, archive comment", archive.comment.decode("utf-8", "replace")


def texts_of(path: Path, shown: str | None = None, suffix: str | None = None
             ) -> Iterator[tuple[str, str]]:
    """(where, text) for every text `path` carries; `suffix` overrides its extension."""
    label = shown or str(path)
    kind = (suffix or path.suffix).lower().lstrip(".")
    yield f"{label} (file name)", Path(label).name
    with path.open("rb") as fh:
        head = fh.read(8)
    if head[:4] == b"PK\x03\x04":
        yield from zip_texts(path, label)
    elif kind == "pdf" or head[:5] == b"%PDF-":
        yield from pdf_texts(path, label)
    elif kind == "png" or head == b"\x89PNG\r\n\x1a\n":
        yield from png_texts(path.read_bytes(), label)
    elif kind in ("svg", "gexf", "graphml", "xml", "qde", "qdc"):
        yield from xml_texts(path.read_bytes(), label)
    elif kind in ("html", "htm"):
        yield from html_texts(path.read_text(encoding="utf-8", errors="replace"), label)
    else:
        data = path.read_bytes()
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise UserError(_("{path} is not a format --check reads; it reads {formats}.")
                            .format(path=label, formats=", ".join(FORMATS)))
        yield from member_texts(path.name, data, label)


def check_file(path: Path, pz: Pseudonymizer, shown: str | None = None,
               suffix: str | None = None) -> list[Finding]:
    """Every accepted name still present in `path`, with where it is."""
    if not path.is_file():
        raise UserError(_("{path} does not exist or is not a file; give exported files to "
                          "--check.").format(path=shown or path))
    findings: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    try:
        for where, text in texts_of(path, shown, suffix):
            for hit in pz.hits(text):
                found = text[hit.start:hit.end]
                key = (hit.entry.name, re.sub(r"\W+", " ", found).strip().casefold() + where)
                if key in seen:
                    continue
                seen.add(key)
                start = max(0, hit.start - 40)
                context = " ".join(text[start:hit.end + 40].split())
                findings.append(Finding(shown or str(path), where, hit.entry.name, found,
                                        context))
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(_("Cannot read {path} ({reason}); is it a complete exported file?")
                        .format(path=shown or path, reason=exc)) from None
    return findings
