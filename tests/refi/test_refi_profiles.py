"""`export qdpx --for TOOL`: what each tool reads, positions counted its way.

The project is the NVivo sample of tests/refi/tools.py once imported: emoji (two
UTF-16 units each), a selection across a line break, annotations, a case coding.
Each export is read back as that tool counts (UTF-16 units or code points, a
CRLF as one position or two) and must land every selection on its quoted text;
and verbatims reads each back into the same project.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import xmlschema

from tests.conftest import CliRunner
from tests.refi.test_refi_export import SCHEMAS, snapshot
from tests.refi.tools import PROJECTS, position

# tool: (folder, BOM, CRLF written, positions in UTF-16 units, a CRLF counted as one)
EXPECTED = {
    None: ("sources/", False, False, False, False),
    "nvivo": ("Sources/", True, True, True, False),
    "atlas": ("sources/", False, True, False, True),
    "maxqda": ("sources/", False, True, False, True),
    "qualcoder": ("sources/", False, False, False, False),
}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd"))


@pytest.mark.parametrize("tool", list(EXPECTED), ids=lambda t: t or "standard")
def test_each_tool_gets_positions_it_counts(tool: str | None, tmp_path: Path,
                                            run_cli: CliRunner,
                                            schema: xmlschema.XMLSchema) -> None:
    source = tmp_path / "source.sqlite"
    assert run_cli("-p", source, "import-qdpx", PROJECTS["nvivo"]().write(tmp_path)).code == 0
    out = tmp_path / "export.qdpx"
    result = run_cli("-p", source, "export", "qdpx", "-o", out, *(["--for", tool] if tool
                                                                  else []))
    assert result.code == 0, result.err
    folder, bom, crlf, utf16, crlf_as_one = EXPECTED[tool]
    with zipfile.ZipFile(out) as zf:
        qde = zf.read("project.qde").decode("utf-8")
        (member,) = [n for n in zf.namelist() if n not in ("project.qde", "verbatims.json")]
        assert ("verbatims.json" in zf.namelist()) == (tool is None)  # ours only
        data = zf.read(member)
    schema.validate(qde)
    assert member.startswith(folder)
    assert data.startswith(b"\xef\xbb\xbf") == bom
    raw = data.decode("utf-8-sig")
    assert ("\r\n" in raw) == crlf
    assert "\n" not in raw.replace("\r\n", "") if crlf else "\r" not in raw
    selections = re.findall(r'<PlainTextSelection [^>]*name="([^"]*)" startPosition="(\d+)" '
                            r'endPosition="(\d+)"', qde)
    assert len(selections) == 7  # 5 codings, 2 annotations
    for name, start, end in selections:
        quote = name.replace("&#10;", "\n")
        assert (int(start), int(end)) == position(raw, quote, utf16, crlf_as_one), quote
    back = tmp_path / "back.sqlite"  # and verbatims reads every variant back the same
    result = run_cli("-p", back, "import-qdpx", out)
    assert result.code == 0, result.err
    assert snapshot(back) == snapshot(source)
