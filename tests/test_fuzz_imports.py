"""Property: whatever bytes a file holds, every importer ends in 0 or 2, and a refusal
changes nothing.

For each import format (tests/ingest/samples.py, plus text, Word and OpenDocument
files), for attribute sheets, codebooks (YAML, .qdc) and `import-qdpx` (the tools'
projects of tests/refi/tools.py, and our own export with its verbatims.json):
arbitrary bytes, and a real file mutated (bytes
flipped, cut, repeated, inserted; inside a zip, a member mutated and the archive
rebuilt), are imported by the real command line into a real project. Never a
traceback nor "internal error", never another exit status, and when the answer is
2, every table of the project is as it was.

The default run is short (the Hypothesis profile "quick": 8 examples per case); set
VERBATIMS_FUZZ=fuzz for the long one (300 each; see tests/README.md).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CODEBOOK, CORPUS, copy_project
from tests.hostile import fingerprint
from tests.ingest import samples
from tests.refi.tools import CODEBOOKS, PROJECTS
from verbatims.cli import main

settings.register_profile("quick", max_examples=8, deadline=None)
settings.register_profile("fuzz", max_examples=300, deadline=None)
PROFILE = settings(settings.get_profile(os.environ.get("VERBATIMS_FUZZ", "quick")),
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow],
                   derandomize=os.environ.get("VERBATIMS_FUZZ") is None)


def word() -> bytes:
    import docx

    document = docx.Document()
    for _role, said in samples.EXCHANGE:
        document.add_paragraph(f"Enquêtrice : {said}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def open_document() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for _role, said in samples.EXCHANGE:
        document.text.addElement(P(text=f"Élue : {said}"))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def real_files() -> dict[str, tuple[str, bytes]]:
    """Format → (file name, bytes of a good file)."""
    out = {s().name.rsplit(".", 1)[-1] + ":" + s.__name__: (s().name, s().data)
           for s in samples.SAMPLES}
    out["txt"] = ("entretien.txt", (CORPUS / "04-adjointe-commune-2000-3500.txt").read_bytes())
    out["docx"] = ("entretien.docx", word())
    out["odt"] = ("entretien.odt", open_document())
    return out


REAL = real_files()


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with one to four changes: a byte flipped, a cut, a slice repeated, bytes
    inserted or taken out."""
    out = bytearray(data)
    for op in draw(st.lists(st.sampled_from(["flip", "cut", "repeat", "insert", "drop"]),
                            min_size=1, max_size=4)):
        at = draw(st.integers(0, max(len(out) - 1, 0)))
        if op == "flip" and out:
            out[at] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del out[at:]
        elif op == "repeat":
            size = draw(st.integers(1, 64))
            out[at:at] = out[at:at + size] * draw(st.integers(2, 50))
        elif op == "insert":
            out[at:at] = draw(st.binary(min_size=1, max_size=32))
        else:
            del out[at:at + draw(st.integers(1, 64))]
    return bytes(out)


@st.composite
def mutated_zip(draw: st.DrawFn, data: bytes) -> bytes:
    """A zip (docx, odt, qdpx) rebuilt with one member mutated, or dropped."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    name = draw(st.sampled_from(sorted(members)))
    if draw(st.booleans()) and len(members) > 1:
        del members[name]
    else:
        members[name] = draw(mutated(members[name]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    return buffer.getvalue()


def run(*args: str | Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, err.getvalue()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project with the default codebook and one interview."""
    path = tmp_path_factory.mktemp("fuzz") / "base.sqlite"
    assert run("-p", path, "init", "--codebook", CODEBOOK)[0] == 0
    assert run("-p", path, "import", CORPUS / "01-maire-commune-1000-2000.txt")[0] == 0
    return path


class Trial:
    """One example: a fresh copy of the project, the file written, the command run."""

    def __init__(self, base: Path, folder: Path) -> None:
        self.base, self.folder = base, folder
        self.n = 0

    def __call__(self, name: str, data: bytes, command: Callable[[Path, Path], list[str]]
                 ) -> None:
        self.n += 1
        here = self.folder / str(self.n)
        here.mkdir()
        project = copy_project(self.base, here / "p.sqlite")
        path = here / name
        path.write_bytes(data)
        before = fingerprint(project)
        code, err = run("-p", project, *command(project, path))
        assert code in (0, 2), err
        assert "Traceback" not in err and "internal error" not in err, err
        if code == 2:
            assert err.startswith("verbatims: ") and err.count("\n") == 1, err
            assert fingerprint(project) == before


@pytest.fixture
def trial(base: Path, tmp_path: Path) -> Trial:
    return Trial(base, tmp_path)


def imported(_project: Path, path: Path) -> list[str]:
    return ["import", str(path)]


@pytest.mark.parametrize("kind", sorted(REAL))
@PROFILE
@given(data=st.data())
def test_an_importer_never_breaks(kind: str, trial: Trial, data: st.DataObject) -> None:
    name, good = REAL[kind]
    if data.draw(st.booleans(), label="arbitrary bytes"):
        content = data.draw(st.binary(max_size=4096))
    elif good[:2] == b"PK":
        content = data.draw(mutated_zip(good))
    else:
        content = data.draw(mutated(good))
    trial(name, content, imported)


SHEET = ("fichier;fonction;population\n01-maire-commune-1000-2000.txt;maire;1500\n"
         "autre.txt;\"adjointe; \"\"DSI\"\" à l’urbanisme\";12\n").encode()


@PROFILE
@given(content=st.one_of(st.binary(max_size=2048), mutated(SHEET)))
def test_an_attribute_sheet_never_breaks(trial: Trial, content: bytes) -> None:
    text = CORPUS / "01-maire-commune-1000-2000.txt"
    trial("sheet.csv", content,
          lambda _p, path: ["import", str(text), "--skip-existing", "--attributes", str(path)])


def codebook_import(_project: Path, path: Path) -> list[str]:
    return ["codebook", "import", str(path)]


@pytest.mark.parametrize("kind", ["yaml", *sorted(CODEBOOKS)])
@PROFILE
@given(data=st.data())
def test_a_codebook_import_never_breaks(kind: str, trial: Trial, data: st.DataObject) -> None:
    if kind == "yaml":
        name, good = "grille.yaml", CODEBOOK.read_bytes()[:6000]
    else:
        name, good = f"{kind}.qdc", CODEBOOKS[kind][0].encode("utf-8")
    content = data.draw(st.one_of(st.binary(max_size=2048), mutated(good)))
    trial(name, content, codebook_import)


def qdpx_import(_project: Path, path: Path) -> list[str]:
    return ["import-qdpx", str(path)]


@pytest.mark.parametrize("tool", sorted(PROJECTS))
@PROFILE
@given(data=st.data())
def test_import_qdpx_never_breaks(tool: str, trial: Trial, tmp_path: Path,
                                  data: st.DataObject) -> None:
    sample = PROJECTS[tool]()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for member, content in sample.files.items():
            zf.writestr(member, content)
    good = buffer.getvalue()
    choice = data.draw(st.sampled_from(["bytes", "zip", "member"]))
    if choice == "bytes":
        content = data.draw(st.binary(max_size=4096))
    elif choice == "zip":
        content = data.draw(mutated(good))
    else:
        content = data.draw(mutated_zip(good))
    trial("projet.qdpx", content, qdpx_import)


@pytest.fixture(scope="module")
def our_export(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A .qdpx verbatims wrote: a timed interview, a coding, a summary, so that its
    verbatims.json (turns with times, summaries) is there to be damaged."""
    folder = tmp_path_factory.mktemp("ours")
    path = folder / "p.sqlite"
    vtt = folder / "visio.vtt"
    vtt.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Enquêtrice>Et alors ?\n\n"
                   "2\n00:00:04.000 --> 00:00:09.000\n<v Élue>On a mutualisé avec l’EPCI.\n",
                   encoding="utf-8")
    assert run("-p", path, "init", "--codebook", CODEBOOK)[0] == 0
    assert run("-p", path, "import", vtt)[0] == 0
    assert run("-p", path, "code", "visio.vtt", "40", "60", "mutualisation")[0] == 0
    assert run("-p", path, "summary", "set", "visio.vtt", "mutualisation", "Avec l’EPCI.")[0] == 0
    assert run("-p", path, "export", "qdpx", "-o", folder / "p.qdpx")[0] == 0
    with zipfile.ZipFile(folder / "p.qdpx") as zf:
        assert "verbatims.json" in zf.namelist()
    return (folder / "p.qdpx").read_bytes()


@PROFILE
@given(data=st.data())
def test_import_of_our_own_qdpx_never_breaks(trial: Trial, our_export: bytes,
                                             data: st.DataObject) -> None:
    """Its companion mutated most often: a reader trusts it least."""
    with zipfile.ZipFile(io.BytesIO(our_export)) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    name = data.draw(st.sampled_from(["verbatims.json", "verbatims.json", *sorted(members)]))
    members[name] = data.draw(mutated(members[name]))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, content in members.items():
            zf.writestr(member, content)
    trial("projet.qdpx", buffer.getvalue(), qdpx_import)
