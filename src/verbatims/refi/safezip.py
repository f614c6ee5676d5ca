"""Opening a `.qdpx` from somewhere else without trusting it.

Nothing is extracted to disk: members are read into memory by name, so no
member path ("../../etc", "/abs") can escape anywhere. Sizes are checked
before reading (a zip bomb is refused), and names are matched without regard
to case (`Sources/`, `sources/`, `Project.qde`, `<name>.qde`).
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from verbatims.errors import UserError

MAX_MEMBER = 512 * 1024 * 1024
MAX_TOTAL = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 100_000


class SafeZip:
    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise UserError(f"{path} is a folder, not a .qdpx file; give the .qdpx file "
                            "itself.")
        if not path.is_file():
            raise UserError(f"{path} does not exist; check the path.")
        try:
            self.zf = zipfile.ZipFile(path)
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, OSError):
            raise UserError(f"{path} is not a .qdpx file (not a readable zip archive); "
                            "export it again from its tool.") from None
        if len(infos) > MAX_MEMBERS:
            raise UserError(f"{path} holds {len(infos)} files, too many for a project.")
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise UserError(f"{path} would unpack to more than 2 GB; verbatims refuses it.")
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            if info.is_dir():
                continue
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
                continue  # never used: a path that would leave the project
            self.members[info.filename.replace("\\", "/").casefold()] = info

    def qde(self) -> str:
        """The name of the one project file: project.qde, else the single *.qde."""
        if "project.qde" in self.members:
            return "project.qde"
        found = [n for n in self.members if n.endswith(".qde") and "/" not in n]
        found = found or [n for n in self.members if n.endswith(".qde")]
        if len(found) != 1:
            raise UserError(f"{self.path} has {'no' if not found else 'several'} project "
                            "file (.qde) inside; it is not a REFI-QDA project export.")
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
        info = self.members[member]
        if info.file_size > MAX_MEMBER or (
            info.compress_size and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 10 * 1024 * 1024
        ):
            raise UserError(f"{self.path}: {info.filename} would unpack to "
                            f"{info.file_size // (1024 * 1024)} MB; verbatims refuses it.")
        with self.zf.open(info) as fh:
            data = fh.read(MAX_MEMBER + 1)
        if len(data) > MAX_MEMBER:
            raise UserError(f"{self.path}: {info.filename} is larger than its header says.")
        return data

    def close(self) -> None:
        self.zf.close()
