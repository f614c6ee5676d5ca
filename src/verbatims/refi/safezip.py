"""Opening a `.qdpx` from somewhere else without trusting it.

Nothing is extracted to disk: members are read into memory by name. The archive
is checked first, with the limits every reader shares (`ingest.limits`): a
member whose path would leave the project ("../../etc", "/abs", "C:"), a
symbolic link, an encrypted or unreadably compressed member, too many members
or too many bytes once unpacked refuse the whole file, with the reason; a
damaged member (a bad CRC) refuses it when read. Names are matched without
regard to case (`Sources/`, `sources/`, `Project.qde`, `<name>.qde`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from verbatims.errors import UserError
from verbatims.i18n import _
from verbatims.ingest import limits


class SafeZip:
    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise UserError(_("{path} is a folder, not a .qdpx file; give the .qdpx file "
                              "itself.").format(path=path))
        if not path.is_file():
            raise UserError(_("{path} does not exist; check the path.").format(path=path))
        self.zf = limits.open_archive(path, ".qdpx")
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in self.zf.infolist():
            if info.is_dir():
                continue
            key = info.filename.replace("\\", "/").casefold()
            if key in self.members:
                self.zf.close()
                raise UserError(_("{path} holds two files named {name!r}; verbatims cannot "
                                  "tell which to read, export it again.").format(
                                      path=path, name=info.filename))
            self.members[key] = info

    def qde(self) -> str:
        """The name of the one project file: project.qde, else the single *.qde."""
        if "project.qde" in self.members:
            return "project.qde"
        found = [n for n in self.members if n.endswith(".qde") and "/" not in n]
        found = found or [n for n in self.members if n.endswith(".qde")]
        if len(found) != 1:
            if not found:
                raise UserError(_("{path} has no project file (.qde) inside; it is not a "
                                  "REFI-QDA project export.").format(path=self.path))
            raise UserError(_("{path} has several project files (.qde) inside; it is not a "
                              "REFI-QDA project export.").format(path=self.path))
        return found[0]

    def find_source(self, name: str) -> str | None:
        """A source file by its internal name, in `sources/`, `Sources/` or the root."""
        name = name.replace("\\", "/").lstrip("/").casefold()
        for candidate in (f"sources/{name}", name):
            if candidate in self.members:
                return candidate
        base = PurePosixPath(name).name
        for member in self.members:
            if PurePosixPath(member).name == base:
                return member
        return None

    def read(self, member: str) -> bytes:
        """A member's bytes; a text source may be as large as any file verbatims reads."""
        return limits.read_member(self.zf, self.members[member], str(self.path),
                                  limit=limits.MAX_FILE)

    def close(self) -> None:
        self.zf.close()
