"""Hostile or broken .qdpx files: each ends in one sentence, exit 2, the project untouched.

Every case is imported into a real project (the demo) and into a new one: the
first must be exactly as it was (every table's fingerprint), the second must not
exist afterwards.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliRunner
from tests.hostile import fingerprint, patch_central, refused
from tests.refi.test_refi_import import G_SRC, QUOTES, TEXT, make_qdpx, project_xml

SOURCE = f"sources/{G_SRC.lower()}.txt"


def good(path: Path, xml: str | None = None, extra: dict[str, bytes] | None = None) -> Path:
    """A well-formed ATLAS.ti-like export with one source and two selections."""
    files = {SOURCE: TEXT.encode("utf-8"), **(extra or {})}
    return make_qdpx(path, xml or project_xml("ATLAS.ti 23", QUOTES, False, True), files)


def with_positions(start: str, end: str) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        xml = project_xml("ATLAS.ti 23", QUOTES[:1], False, True)
        first = xml.index("startPosition=")
        head, tail = xml[:first], xml[first:]
        rest = tail.split('endPosition="', 1)[1].split('"', 1)[1]
        xml = head + f'startPosition="{start}" endPosition="{end}"' + rest
        return good(path, xml)
    return make


def symlink(path: Path) -> Path:
    good(path, extra={"sources/lien.txt": b"/etc/passwd"})
    patch_central(path, "sources/lien.txt", system=3, attributes=0o120777 << 16)
    return path


def deep_tree(path: Path) -> Path:
    codes = "".join(f'<Code guid="00000000-0000-4000-8000-{n:012d}" name="c{n}" '
                    'isCodable="true">' for n in range(3000)) + "</Code>" * 3000
    xml = project_xml("x", [], False, False).replace(
        "<CodeBook><Codes>", "<CodeBook><Codes>" + codes, 1)
    return good(path, xml)


def bad_crc(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:  # stored, so that one byte changed is one byte
        xml = project_xml("ATLAS.ti 23", QUOTES, False, True)
        zf.writestr("project.qde", xml.encode("utf-8"))
        zf.writestr(SOURCE, TEXT.encode("utf-8"))
    data = bytearray(path.read_bytes())
    at = data.index(b"garder les postes")
    data[at] ^= 0x20
    path.write_bytes(bytes(data))
    return path


def forged(**fields: int) -> Callable[[Path], Path]:
    def make(path: Path) -> Path:
        good(path)
        patch_central(path, SOURCE, **fields)
        return path
    return make


def duplicate(path: Path) -> Path:
    good(path)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr(SOURCE.upper().replace("SOURCES", "Sources"), b"autre texte")
    return path


def nul_source(path: Path) -> Path:
    return make_qdpx(path, project_xml("ATLAS.ti 23", QUOTES, False, True),
                     {SOURCE: TEXT.replace("Élue :", "Élue\x00:", 1).encode("utf-8")})


CASES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "a member path with ../": (lambda p: good(p, extra={"../../evil.txt": b"x"}),
                               ("../../evil.txt", "out of the archive")),
    "an absolute member path": (lambda p: good(p, extra={"/etc/evil.txt": b"x"}),
                                ("/etc/evil.txt", "out of the archive")),
    "a drive letter": (lambda p: good(p, extra={"C:/Windows/evil.txt": b"x"}),
                       ("C:/Windows/evil.txt",)),
    "a symbolic link": (symlink, ("symbolic link", "sources/lien.txt")),
    "a missing source": (lambda p: make_qdpx(p, project_xml("x", QUOTES, False, True), {}),
                         ("not inside the file", "elue")),
    "a negative position": (with_positions("-4", "10"), ("outside its text", "-4")),
    "a position beyond the text": (with_positions("10", "999"),
                                   ("outside its text", "999", "0 to")),
    "a huge position": (with_positions("0", "1" + "0" * 30), ("outside its text",)),
    "reversed positions": (with_positions("40", "20"), ("ends (20) before it starts (40)",)),
    "a decimal position": (with_positions("12.5", "20"), ("not a whole number", "12.5")),
    "a word for a position": (with_positions("douze", "20"), ("not a whole number",)),
    "a code tree 3000 levels deep": (deep_tree, ("levels deep",)),
    "a bad CRC": (bad_crc, ("damaged", "CRC")),
    "an encrypted member": (forged(flags=0x1), ("encrypted", SOURCE)),
    "an unknown compression": (forged(method=99), ("compressed in a way", "99")),
    "a zip bomb": (forged(size=3_000_000_000), ("would unpack to", "512 MB", "zip bomb")),
    "two members of one name": (duplicate, ("two files named",)),
    "a NUL in a source": (nul_source, ("NUL",)),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_qdpx_is_refused_and_changes_nothing(case: str, demo_path: Path,
                                                     tmp_path: Path,
                                                     run_cli: CliRunner) -> None:
    make, words = CASES[case]
    qdpx = make(tmp_path / "hostile.qdpx")
    before = fingerprint(demo_path)
    refused(run_cli("-p", demo_path, "import-qdpx", qdpx), *words)
    assert fingerprint(demo_path) == before
    new = tmp_path / "nouveau.sqlite"
    refused(run_cli("-p", new, "import-qdpx", qdpx), *words)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.sqlite", "hostile.qdpx"]


def test_the_well_formed_twin_imports(tmp_path: Path, run_cli: CliRunner) -> None:
    """What the hostile cases are made from is a good file: each refusal is its own."""
    result = run_cli("-p", tmp_path / "p.sqlite", "import-qdpx", good(tmp_path / "ok.qdpx"))
    assert result.code == 0, result.err
    assert "1 documents, 2 codings" in result.out
    ok = with_positions("0", str(len(TEXT.replace("\r\n", "\n"))))(tmp_path / "edges.qdpx")
    assert run_cli("-p", tmp_path / "q.sqlite", "import-qdpx", ok).code == 0
