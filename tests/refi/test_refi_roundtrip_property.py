"""Property: a project exported as `.qdpx` and `.qdc`, whatever it holds, comes back whole.

Hypothesis builds projects through the store's write paths: documents imported by
the command line from text files (emoji, combining accents, tabs, a leading
U+FEFF, quotes and `<&>`, lines that look like our labels), a code tree with every
field (colours, definitions, inclusion and exclusion notes, keywords holding `;`,
patterns and examples over several lines, folders), codings with memos (line
breaks, CR, trailing spaces), memos of every kind, annotations, attributes of
every type and grid summaries. Then:

- the `.qdpx` imported into the project itself changes nothing (every table's
  fingerprint), nor does the `.qdc` or the YAML codebook;
- the `.qdpx` imported into a new project gives the same project (what a
  researcher compares: texts, turns with their times and roles, codes, codings,
  memos, annotations, attributes, grid summaries);
- the `.qdc` imported into a new project gives the same codebook.

The default run is short (profile "quick", derandomised); VERBATIMS_FUZZ=fuzz
runs 300 random projects (see tests/README.md).
"""

from __future__ import annotations

import io
import os
import re
import sqlite3
from collections.abc import Collection
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.hostile import fingerprint
from tests.refi.test_refi_export import snapshot
from verbatims.cli import main
from verbatims.store import Project

settings.register_profile("quick", max_examples=10, deadline=None)
settings.register_profile("fuzz", max_examples=300, deadline=None)
PROFILE = settings(settings.get_profile(os.environ.get("VERBATIMS_FUZZ", "quick")),
                   suppress_health_check=[HealthCheck.function_scoped_fixture,
                                          HealthCheck.too_slow, HealthCheck.data_too_large],
                   derandomize=os.environ.get("VERBATIMS_FUZZ") is None,
                   # a project is slow to build: report the first failure as found
                   phases=[Phase.explicit, Phase.reuse, Phase.generate])

# What a transcript, a memo or a definition may hold once imported: any character but
# the controls import replaces (tests/ingest/test_hostile_files.py), and the hard ones.
HARD = ["\n", "\t", " ", "\u00a0", "\u202f", "😀", "e\u0301", "’", "«", "»", "<", "&", ">",
        '"', "'", ";", "•", "›", "/", ":", "\ufeff", "Motifs :", "Inclure : ", "• ", "  ",
        "Q : ", "R : ", "Élue : "]
CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn"),
                      blacklist_characters="\ufffe\uffff")
PIECE = st.one_of(st.sampled_from(HARD), st.text(CHARS, min_size=1, max_size=8))


def prose(min_size: int = 0, max_size: int = 12, breaks: bool = True) -> st.SearchStrategy[str]:
    pieces = PIECE if breaks else PIECE.filter(lambda p: "\n" not in p)
    return st.lists(pieces, min_size=min_size, max_size=max_size).map("".join)


def name() -> st.SearchStrategy[str]:
    """A code or document name: one line, something visible."""
    return (st.lists(st.one_of(st.sampled_from(["é", "😀", "’", " ", "&", "<", ";", "-"]),
                               st.text(CHARS, min_size=1, max_size=6)),
                     min_size=1, max_size=4).map("".join)
            .map(lambda s: " ".join(s.split()))
            .filter(lambda s: bool(s.strip()) and "/" not in s and "›" not in s))


def regex(text: str) -> bool:
    try:
        re.compile(text)
    except re.error:
        return False
    return True


COLORS = st.from_regex(r"\A#[0-9A-F]{6}\Z")
PEOPLE = st.sampled_from(["ana", "Éloïse", "b.martin", "Jean-Marc 😀"])


@st.composite
def code_tree(draw: st.DrawFn, depth: int = 0) -> list[dict[str, Any]]:
    names = draw(st.lists(name(), min_size=1, max_size=3 if depth else 4,
                          unique_by=str.casefold))
    nodes = []
    for code_name in names:
        node: dict[str, Any] = {"name": code_name, "color": draw(COLORS)}
        for key in ("definition", "include", "exclude"):
            if draw(st.booleans()):
                node[key] = draw(prose(1))
        for key in ("keywords", "patterns", "examples"):
            if draw(st.booleans()):
                item = prose(1, 4, breaks=key != "keywords")
                if key == "patterns":  # regular expressions, as the store wants them
                    item = item.filter(regex)
                node[key] = draw(st.lists(item, min_size=1, max_size=3))
        if depth < 2 and draw(st.booleans()):
            node["codes"] = draw(code_tree(depth + 1))
            node["codable"] = draw(st.booleans())
        nodes.append(node)
    return nodes


ATTRIBUTE = st.one_of(prose(1, 4, breaks=False), st.integers(-10**6, 10**6),
                      st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)),
                      st.dates(date(1900, 1, 1), date(2100, 1, 1)))


def run(*args: str | Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def ok(*args: str | Path) -> str:
    code, out, err = run(*args)
    assert code == 0, (args, out, err)
    return out


def texts(draw: st.DrawFn) -> list[tuple[str, str]]:
    docs = draw(st.lists(name(), min_size=1, max_size=3, unique_by=str.casefold))
    out = []
    for n, doc in enumerate(docs):
        lines = draw(st.lists(st.tuples(st.sampled_from(["Q : ", "R : ", "", "Élue : "]),
                                        prose(1, 10, breaks=False)), min_size=1, max_size=6))
        body = "\n".join(who + said for who, said in lines)
        if not body.strip():
            body += "Bonjour."
        out.append((f"{n:02d} {doc}.txt", body + f" [{n}]"))  # contents differ
    if draw(st.booleans()):  # a timed transcript, speakers from its voices
        cues = draw(st.lists(st.tuples(st.sampled_from(["Enquêtrice", "M. Le Goff", "Élue"]),
                                       prose(1, 6, breaks=False).filter(str.strip)),
                             min_size=1, max_size=4))
        out.append(("visio.vtt", "WEBVTT\n\n" + "".join(
            f"{n + 1}\n00:00:{2 * n:02d}.000 --> 00:00:{2 * n + 1:02d}.500\n<v {who}>{said}\n\n"
            for n, (who, said) in enumerate(cues))))
    return out


@st.composite
def projects(draw: st.DrawFn, folder: Path) -> Path:
    """A project made as a researcher would, then everything it may hold added."""
    location = folder / "p.sqlite"
    ok("-p", location, "init")
    for file_name, body in texts(draw):
        path = folder / file_name
        path.write_bytes(body.encode("utf-8"))
        ok("-p", location, "import", path)
    project = Project.open(str(location))
    try:
        project.merge_codebook(draw(code_tree()), "ana", name=draw(prose(0, 3, False)),
                               description=draw(prose(0, 4)))
        docs = project.documents()
        codes = [c for c in project.codes() if c.codable]
        for _ in range(draw(st.integers(0, 8))):
            doc = draw(st.sampled_from(docs))
            length = len(project.text(doc.id))
            start = draw(st.integers(0, length - 1))
            end = draw(st.integers(start + 1, length))
            memo = draw(st.one_of(st.none(), prose(1, 6),
                                  st.sampled_from(["a\r\nb ", " x\r", " \n "])))  # blank: none
            if codes:
                try:
                    project.add_coding(doc.id, start, end, draw(st.sampled_from(codes)).id,
                                       draw(PEOPLE), memo)
                except Exception as error:  # noqa: BLE001 - the same span twice
                    assert "already" in str(error), error
            start = draw(st.integers(0, length))
            project.add_annotation(doc.id, start, draw(st.integers(start, length)),
                                   draw(prose(1, 6).filter(str.strip)), draw(PEOPLE))
            if draw(st.booleans()):
                project.set_attributes(doc.id, {draw(st.sampled_from(
                    ["fonction", "population", "date d’entretien", "commune"])): draw(ATTRIBUTE)})
            if draw(st.booleans()) and codes:
                project.set_summary(doc.id, draw(st.sampled_from(codes)).id,
                                    draw(prose(1, 6)), draw(PEOPLE))
        project.set_memo("project", None, draw(prose(0, 6)), draw(PEOPLE))
        project.set_memo("document", draw(st.sampled_from(docs)).id, draw(prose(0, 6)),
                         draw(PEOPLE))
        project.set_memo("code", draw(st.sampled_from(project.codes())).id,
                         draw(prose(0, 6)), draw(PEOPLE))
    finally:
        project.close()
    return location


def whole(location: Path) -> dict[str, Collection[object]]:
    """`snapshot` and what it leaves out (summaries, turns' times), the outer spaces of
    memos and annotations aside: an exchange reads them stripped, as other tools
    indent them."""
    out = snapshot(location)
    for key, at in (("memos", 2), ("codings", 6), ("annotations", 3)):
        rows: Collection[tuple[object, ...]] = out[key]  # type: ignore[assignment]
        out[key] = sorted(tuple(v.strip() if i == at and isinstance(v, str) else v
                                for i, v in enumerate(row)) for row in rows)
    project = Project.open(str(location))
    names = {d.id: d.name for d in project.documents()}
    out["summaries"] = sorted((names[d], project.code_path(c), text)
                              for (d, c), text in project.summaries().items())
    out["times"] = [[(t.time_start_ms, t.time_end_ms) for t in project.turns(d.id)]
                    for d in project.documents()]
    project.close()
    return out


def same(location: Path, before: dict[str, str], rows: dict[str, list[str]], what: str
         ) -> None:
    """The project's tables are as they were; if not, the rows that differ."""
    after = fingerprint(location)
    if after != before:
        now = table_rows(location)
        changed = {t: (sorted(set(rows[t]) - set(now[t])), sorted(set(now[t]) - set(rows[t])))
                   for t in now if after[t] != before[t]}
        raise AssertionError(f"{what} changed the project: {changed}")


def table_rows(location: Path) -> dict[str, list[str]]:
    with sqlite3.connect(location) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = "
                                           "'table'")]
        out = {t: [repr(r) for r in db.execute(f'SELECT * FROM "{t}"')] for t in tables}
    db.close()
    return out


def codebook(location: Path) -> list[object]:
    full = snapshot(location)
    return [full["codes"], full["codebook"]]


@PROFILE
@given(data=st.data())
def test_a_project_whatever_it_holds_comes_back_whole(tmp_path_factory: Any,
                                                      data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("roundtrip")
    location = data.draw(projects(folder), label="project")
    qdpx, qdc, yaml = folder / "p.qdpx", folder / "c.qdc", folder / "c.yaml"
    ok("-p", location, "export", "qdpx", "-o", qdpx)
    ok("-p", location, "codebook", "export", qdc)
    ok("-p", location, "codebook", "export", yaml)
    before, rows, held = fingerprint(location), table_rows(location), whole(location)

    ok("-p", location, "import-qdpx", qdpx)
    same(location, before, rows, "import-qdpx of its own export")
    for book in (qdc, yaml):
        ok("-p", location, "codebook", "import", book)
        same(location, before, rows, f"codebook import of its own {book.suffix}")

    again = folder / "nouveau.sqlite"
    ok("-p", again, "import-qdpx", qdpx)
    assert whole(again) == held

    fresh = folder / "grille.sqlite"
    ok("-p", fresh, "init")
    ok("-p", fresh, "codebook", "import", qdc)
    assert codebook(fresh) == codebook(location)


# What the long run found, kept as cases: a code's Description read back as written.
FOUND: list[dict[str, Any]] = [
    {"definition": "Inclure : é", "include": "é"},  # a definition that starts like a label
    {"include": "a\nMotifs : b", "keywords": ["Motifs :x", "Inclure :"]},
    {"keywords": ["• a", "• >«", "b"]},  # keywords that start like a bullet
    {"keywords": ["a; b", "• c"], "definition": "\\Mots-clés : déjà échappé"},
    {"patterns": ["\\bsobri", "  deux espaces"], "examples": ["ligne 1\n• ligne 2\n"]},
    {"include": ";Q : \nĹ»«›"},  # a space ending the first line of a labelled block
]


@pytest.mark.parametrize("fields", FOUND, ids=range(len(FOUND)))
def test_a_description_reads_back_as_written(fields: dict[str, Any]) -> None:
    from verbatims.refi.codes import description, parse_description

    assert parse_description(description({"name": "n", **fields})) == fields
