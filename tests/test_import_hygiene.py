"""Run-time guards for the import hygiene the static contracts cannot see.

The import-linter contracts in pyproject.toml (`make lint`) read the import graph:
layers from cli down to model, no cycle, the core never importing tui or cli.
They cannot tell an import at module scope from one deferred into the function
that needs it, nor see a third-party package pulling in another. These tests run
the real thing in a fresh interpreter and look at `sys.modules`:

- no core module loads Textual (only verbatims.tui may);
- building the command line (`verbatims --help`) loads no format, figure or
  heavy library: the registries list formats by module name;
- `--help` and `--version` load neither SQLAlchemy nor any command module;
- commands that need no parsing (lemmas and keywords cached) never load spaCy;
- an export loads its own format's module and library, not every format's.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

import verbatims

REPO = Path(__file__).resolve().parents[1]

CHECK = """
import importlib, sys
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as error:  # a broken module is its own tests' business
        print(f"cannot import {name}: {error}", file=sys.stderr)
    if "textual" in sys.modules:
        print(name)
        break
"""

HEAVY = ("textual", "docx", "openpyxl", "odf", "matplotlib", "pandas", "spacy", "networkx",
         "sklearn", "wordcloud")


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO)


def loaded_after(statements: str, watched: tuple[str, ...]) -> list[str]:
    """Which of `watched` (packages or module prefixes) `statements` leave in sys.modules."""
    proc = run_python(statements + "\nimport sys\nprint('loaded:' + ','.join(sorted({m for m in "
                      f"sys.modules for w in {watched!r} if m == w or m.startswith(w + '.')}})))")
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("loaded:"), proc.stdout[-2000:]
    return [m for m in last.removeprefix("loaded:").split(",") if m]


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(verbatims.__path__, "verbatims."):
        if info.name == "verbatims.tui" or info.name.startswith("verbatims.tui."):
            continue
        names.append(info.name)
    return sorted(names)


def test_no_core_module_pulls_textual() -> None:
    modules = core_modules()
    assert "verbatims.store.project" in modules and "verbatims.cli" in modules
    assert "verbatims.export.extracts_txt" in modules  # plug-ins are walked too
    result = run_python(CHECK, *modules)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "", (
        f"{result.stdout.strip()} imports Textual; only verbatims.tui may.")


def test_the_workbench_does_use_textual() -> None:
    """The check above would pass vacuously if the probe were wrong."""
    result = run_python(CHECK, "verbatims.store.project", "verbatims.tui.app")
    assert result.stdout.strip() == "verbatims.tui.app"


@pytest.mark.parametrize("argv", [["--help"], ["export", "extracts", "--help"], ["cooc", "--help"],
                                  ["codebook", "--help"]])
def test_building_the_command_line_loads_no_format_nor_heavy_library(argv: list[str]) -> None:
    """Formats and figures are listed from module names, so `--help` stays fast."""
    code = ("import contextlib, io\nfrom verbatims.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0")
    formats = ("verbatims.export.extracts_docx", "verbatims.export.grid_xlsx",
               "verbatims.export.codebook_qdc", "verbatims.export.figures.cloud")
    assert loaded_after(code, HEAVY + formats) == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["--lang", "fr", "--help"]])
def test_help_and_version_load_neither_the_store_nor_any_command(argv: list[str]) -> None:
    """The fixed cost every user pays: click and the command table, nothing else
    (SQLAlchemy alone took 0.3 s; cli/commands.py lists the commands instead)."""
    code = ("import contextlib, io\nfrom verbatims.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    assert main({argv!r}) == 0")
    commands = tuple(f"verbatims.cli.{m}" for m in ("foundation", "figures", "transcripts",
                                                    "exports", "autocode", "terms", "pseudo"))
    watched = ("sqlalchemy", "verbatims.store", "verbatims.export.figures.registry",
               "numpy", "yaml", *HEAVY, *commands)
    assert loaded_after(code, watched) == []


def test_commands_with_lemmas_cached_never_load_spacy(parsed_path: Path) -> None:
    """Once the corpus and the codebook's keywords are parsed, the commands that read
    them (auto-coding, figures, lexicometry, concordance, terms, a `lemmatize` with
    nothing stale) do not load spaCy (seconds)."""
    from verbatims.cli import main

    project = ["--project", str(parsed_path)]
    assert main([*project, "autocode", "--unit", "sentence"]) == 0  # parses the keywords
    runs = [["autocode", "--unit", "sentence"],
            ["cooc", "--pivot", "numérique responsable", "-o", str(parsed_path.parent / "c.csv")],
            ["kwic", "réemploi", "-o", str(parsed_path.parent / "k.csv")],
            ["cloud", "-o", str(parsed_path.parent / "cloud.png")],
            ["similitude", "-o", str(parsed_path.parent / "sim.png")],
            ["terms", "04-adjointe-commune-2000-3500"],
            ["specificities", "--by", "type_collectivite", "-o",
             str(parsed_path.parent / "spec.csv")],
            ["stats", "--by", "type_collectivite", "-o", str(parsed_path.parent / "s.csv")],
            ["lemmatize"]]  # nothing stale: nothing to load
    for argv in runs:
        code = ("import contextlib, io\nfrom verbatims.cli import main\n"
                "with contextlib.redirect_stdout(io.StringIO()), "
                "contextlib.redirect_stderr(io.StringIO()):\n"
                f"    assert main({[*project, *argv]!r}) == 0")
        assert loaded_after(code, ("spacy", "thinc")) == [], argv
    probe = ("from verbatims.nlp.autocode import parse_phrases\n"
             "from verbatims.store import Project\n"
             f"parse_phrases(['une phrase jamais vue'], Project.open({str(parsed_path)!r}))")
    assert "spacy" in loaded_after(probe, ("spacy",))  # the probe is live


def test_an_export_loads_only_its_own_format(tmp_path: Path) -> None:
    """The probe is live: the asked-for format is loaded, its siblings are not."""
    code = ("from pathlib import Path\n"
            "from verbatims.export.registry import EXTRACTS\n"
            "EXTRACTS.get('txt')\n"
            "assert EXTRACTS.for_path(Path('a.csv')).name == 'csv'\n")
    loaded = loaded_after(code, ("verbatims.export", "docx", "openpyxl", "odf"))
    formats = [m for m in loaded if m.startswith("verbatims.export.extracts_")]
    assert formats == ["verbatims.export.extracts_csv", "verbatims.export.extracts_txt"]
    assert not {"docx", "openpyxl", "odf"} & set(loaded)
    docx = loaded_after("from verbatims.export.registry import EXTRACTS\nEXTRACTS.get('docx')",
                        ("docx",))
    assert "docx" in docx


def test_the_contracts_say_what_the_architecture_says() -> None:
    """`make lint` runs them; here, that nobody weakened them."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    by_type: dict[str, list[dict[str, Any]]] = {}
    for contract in contracts:
        by_type.setdefault(str(contract["type"]), []).append(contract)
    forbidden = {(tuple(c["source_modules"]), tuple(c["forbidden_modules"]))
                 for c in by_type["forbidden"]}
    core: tuple[str, ...] = next(src for src, banned in forbidden
                                 if set(banned) == {"verbatims.tui", "verbatims.cli"})
    core_names = {m.removeprefix("verbatims.") for m in core}
    assert core_names >= {"model", "store", "ingest", "nlp", "analysis", "export", "refi",
                          "pseudo", "codebook", "search", "files", "registry", "where"}
    assert not core_names & {"tui", "cli"}
    assert (("verbatims.tui",), ("verbatims.cli",)) in forbidden
    (layers,) = by_type["layers"]
    assert layers["exhaustive"] is True
    order = [str(layer) for layer in layers["layers"]]
    assert order[0] == "cli" and order[1] == "tui" and order.index("model") == len(order) - 3
    (acyclic,) = by_type["acyclic_siblings"]
    assert acyclic["ancestors"] == ["verbatims"]
    ignored = [*layers.get("ignore_imports", []), *acyclic.get("ignore_imports", [])]
    assert len(ignored) <= 4, "each ignored import is a known debt, named with its owner"
