"""Where an output comes from, written into it, and the same bytes for the same project.

Every figure, table and annex carries the command that made it, verbatims'
version and digests of what it was made from: the corpus (texts, attributes,
speaker turns), the codings (codes, codings, summaries, memos) and the lexicon
(stop words, expressions) that figures count with. A reader of the file can
tell which state of the project it shows; `verbatims report` compares them.

Rebuilding an unchanged project must give identical bytes, so nothing here
reads the clock: the one date written into a file is the project's last
change, and zip-based files (DOCX, ODT, XLSX, .qdpx) are rewritten by
`normalize_zip` with that date on every member and in their core properties.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shlex
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from verbatims import __version__
from verbatims.i18n import _, language

if TYPE_CHECKING:  # `set_command` runs before every command, --help too: no store
    from verbatims.store import Project

EPOCH = datetime(1980, 1, 1, tzinfo=UTC)  # the earliest date a zip member may carry
_command: list[str] = []
# Options whose value is a path on this machine (or a key): not part of what made the file.
_LOCAL = {"--project", "-p", "--key"}
_OUTPUT = {"-o", "--output"}


def set_command(words: Sequence[str]) -> None:
    """Record the command line being run (`verbatims` then its arguments).

    The project's location and the key's path are left out (they say where, not
    what), and an output path keeps only its file name, so the same command gives
    the same record on any machine.
    """
    kept: list[str] = []
    skip = False
    after_output = False
    for word in words:
        if skip:
            skip = False
            continue
        if after_output:
            kept.append(Path(word).name)
            after_output = False
            continue
        name, eq, value = word.partition("=")
        if name in _LOCAL:
            skip = not eq
            continue
        if name in _OUTPUT:
            if eq:
                kept.append(f"{name}={Path(value).name}")
            else:
                kept.append(word)
                after_output = True
            continue
        kept.append(word)
    _command[:] = kept


def command() -> str:
    """The command being run, as a shell would read it back ("" outside the command line)."""
    return shlex.join(_command) if _command else ""


@dataclass(frozen=True)
class Provenance:
    command: str
    version: str
    corpus: str  # sha256 of the texts, their attributes and speaker turns
    codings: str  # sha256 of the codes, codings, summaries and memos
    lexicon: str  # sha256 of the project's stop-word changes and expressions
    date: datetime  # the project's last change: every date the file carries
    language: str

    @property
    def short(self) -> str:
        """The digests in one line: `corpus:1a2b3c4d5e6f codings:… lexicon:…`."""
        return (f"corpus:{self.corpus[:12]} codings:{self.codings[:12]} "
                f"lexicon:{self.lexicon[:12]}")

    def lines(self) -> list[str]:
        return [
            _("Made by verbatims {version}").format(version=self.version),
            _("Command: {command}").format(command=self.command or "verbatims"),
            _("Corpus digest: {digest}").format(digest=self.corpus),
            _("Codings digest: {digest}").format(digest=self.codings),
            _("Lexicon digest: {digest}").format(digest=self.lexicon),
        ]

    def text(self) -> str:
        return "\n".join(self.lines())

    def fields(self) -> dict[str, str]:
        """Name → value, for formats with named properties (PNG text chunks, ODF user fields)."""
        return {"verbatims-version": self.version, "verbatims-command": self.command,
                "verbatims-corpus": self.corpus, "verbatims-codings": self.codings,
                "verbatims-lexicon": self.lexicon}

    @property
    def iso_date(self) -> str:
        return self.date.strftime("%Y-%m-%dT%H:%M:%SZ")

    def png_metadata(self, title: str) -> dict[str, str]:
        """PNG text chunks (matplotlib's `metadata=`): the standard keys, then ours."""
        return {"Title": title, "Software": f"verbatims {self.version}",
                "Description": self.text(), "Source": self.command or "verbatims",
                "Creation Time": self.iso_date, **self.fields()}

    def svg_metadata(self, title: str) -> dict[str, str]:
        """SVG Dublin Core metadata (matplotlib's `metadata=`)."""
        return {"Title": title, "Creator": f"verbatims {self.version}",
                "Description": self.text(), "Source": self.command or "verbatims",
                "Identifier": self.short, "Language": self.language, "Date": self.iso_date}


def _digest(parts: Sequence[object]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _value(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _when(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        found = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)


def of(project: Project, hide: Callable[[str], str] | None = None) -> Provenance:
    """The provenance of an output made now from `project`.

    `hide` (a pseudonymiser) is applied to the recorded command, which may name
    someone (`--where collectivite=…`). Handed a pseudonymised view, the digests
    are those of what the view shows.
    """
    from verbatims.store import nlpcache

    docs = project.documents()
    attrs = project.attributes()
    corpus: list[object] = []
    dates: list[datetime] = []
    every_turn = project.turns_of([d.id for d in docs])
    for doc in docs:
        digest = doc.sha256 or hashlib.sha256(project.text(doc.id).encode("utf-8")).hexdigest()
        values = sorted((k, _value(v)) for k, v in attrs.get(doc.id, {}).items())
        turns = [(t.start, t.end, t.speaker, t.role) for t in every_turn[doc.id]]
        corpus.append((doc.name, digest, values, turns))
        dates.append(_when(doc.imported_at) or EPOCH)
    position = {d.id: d.position for d in docs}
    codes = project.codes()
    codings = project.codings()
    codings_parts: list[object] = [
        [(c.id, c.parent_id, c.name, c.color, c.definition, c.include, c.exclude, c.keywords)
         for c in codes],
        sorted((position.get(c.document_id, -1), c.start, c.end, c.code_id, c.coder,
                c.memo or "") for c in codings),
        sorted((position.get(d, -1), code, text) for (d, code), text in
               project.summaries().items()),
        sorted((m.kind, m.target_id or 0, m.text) for m in project.memos()),
    ]
    dates += [_when(c.created_at) or EPOCH for c in codings]
    dates += [_when(m.updated_at) or EPOCH for m in project.memos()]
    added, removed = nlpcache.stopword_changes(project)
    lexicon = [sorted(added), sorted(removed), sorted(nlpcache.expressions(project))]
    words = command()
    if hide is not None and words:
        words = hide(words)
    last = max(dates, default=EPOCH).replace(microsecond=0)
    return Provenance(command=words, version=__version__, corpus=_digest(corpus),
                      codings=_digest(codings_parts), lexicon=_digest(lexicon),
                      date=max(last, EPOCH), language=language())


# -- figures: the provenance of the figure being made ----------------------------

_CURRENT: ContextVar[Provenance | None] = ContextVar("verbatims_provenance", default=None)


def current() -> Provenance | None:
    """The provenance of the figure or table being made (see `stamped`), if any."""
    return _CURRENT.get()


def here(project: Project, hide: Callable[[str], str] | None = None) -> Provenance:
    """The provenance of the figure being made, or of an output made now: computed once
    per figure (it reads every coding and every turn of the project)."""
    return current() or of(project, hide)


@contextmanager
def stamping(project: Project, hide: Callable[[str], str] | None = None) -> Iterator[None]:
    token = _CURRENT.set(of(project, hide))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def stamped(make: Callable[..., str]) -> Callable[..., str]:
    """A figure's make function that records, while it runs, the provenance its files carry.

    The figure registry wraps every make function with it, so a new figure is
    stamped without a line of its own.
    """
    if getattr(make, "__verbatims_stamped__", False):
        return make

    @functools.wraps(make)
    def run(project: Project, output: Path, *args: object, **options: object) -> str:
        hide = options.get("hide")
        with stamping(project, hide if callable(hide) else None):
            return make(project, output, *args, **options)

    run.__verbatims_stamped__ = True  # type: ignore[attr-defined]
    return run


# -- zip-based formats -------------------------------------------------------------

_CORE_DATES = re.compile(
    r"(<(dcterms:created|dcterms:modified|meta:creation-date|dc:date|meta:print-date)"
    r"\b[^>]*>)([^<]*)(</\2>)")


def is_zip(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def normalize_zip(path: Path, when: datetime | None = None) -> None:
    """Rewrite a zip with fixed member dates and fixed dates in its core properties.

    Members keep their order and compression (ODF's `mimetype` stays first and
    stored); every member gets the date `when` (default 1980-01-01), and the
    creation and modification dates of `docProps/core.xml` (OOXML) and
    `meta.xml` (ODF) are set to it, so the same content gives the same bytes.
    """
    stamp = max(when or EPOCH, EPOCH).astimezone(UTC)
    date_time = stamp.timetuple()[:6]
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = path.with_name(path.name + ".zip-normal")
    try:
        with zipfile.ZipFile(tmp, "w") as out:
            for info, data in members:
                if info.filename in ("docProps/core.xml", "meta.xml"):
                    text = data.decode("utf-8")
                    text = _CORE_DATES.sub(lambda m: f"{m[1]}{iso}{m[4]}", text)
                    data = text.encode("utf-8")
                fixed = zipfile.ZipInfo(info.filename, date_time=date_time)
                fixed.compress_type = info.compress_type
                fixed.external_attr = 0o644 << 16
                fixed.create_system = 3
                out.writestr(fixed, data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


# -- what a reader sees: a file's digest with its provenance left out -----------------

_SVG_METADATA = re.compile(rb"<metadata>.*?</metadata>", re.DOTALL)
_HTML_META = re.compile(rb'<meta name="(?:verbatims-[a-z]+|generator)" content="[^"]*">\n?')
_STAMPED_MEMBERS = {"docProps/core.xml", "meta.xml"}


def content_digest(path: Path) -> str:
    """sha256 of what `path` shows, its provenance and dates left out.

    Every output carries the digests of the whole project, so any new coding
    changes every file's bytes; this digest changes only when the figure, table
    or annex itself does: zip members but the core properties, PNG chunks but
    the text ones, SVG and HTML without their metadata.
    """
    data = path.read_bytes()
    h = hashlib.sha256()
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename not in _STAMPED_MEMBERS:
                    h.update(info.filename.encode("utf-8") + b"\x00")
                    h.update(archive.read(info.filename))
        return h.hexdigest()
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        pos = 8
        while pos + 8 <= len(data):
            length = int.from_bytes(data[pos:pos + 4], "big")
            kind = data[pos + 4:pos + 8]
            if kind not in (b"tEXt", b"iTXt", b"zTXt"):
                h.update(data[pos:pos + 12 + length])
            pos += 12 + length
        return h.hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".svg":
        data = _SVG_METADATA.sub(b"", data)
    elif suffix in (".html", ".htm"):
        data = _HTML_META.sub(b"", data)
    h.update(data)
    return h.hexdigest()
