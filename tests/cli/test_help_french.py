"""Every command's own description (its docstring) in French under --lang fr.

Docstrings stay the English source; cli/helptext.py translates them paragraph by
paragraph when shown and `make i18n` extracts them from the command tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from verbatims.cli import helptext
from verbatims.cli.base import cli
from verbatims.i18n import LOCALE_DIR, read_po

CATALOG = LOCALE_DIR / "fr" / "LC_MESSAGES" / "verbatims.po"
ENV = {**os.environ, "LANG": "fr_FR.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}

# One fresh process of the installed package shows every help under --lang fr (Click
# builds each command's --help option once per process, in the language of the moment).
SHOW_ALL = """
import contextlib, io, json, sys
from verbatims.cli import main
shown = {}
for path in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--lang", "fr", *path, "--help"])
    shown[" ".join(path)] = [code, out.getvalue()]
print(json.dumps(shown))
"""


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_help_paragraph_has_a_french_translation() -> None:
    singular, _plural = read_po(CATALOG.read_text(encoding="utf-8"))
    missing = [m for _p, c in helptext.every_command(cli) for m in helptext.messages(c)
               if not singular.get(m)]
    assert not missing, f"{len(missing)} help texts lack French (make i18n), e.g. {missing[:3]}"


def test_paragraphs_keep_click_layout() -> None:
    doc = """Summary on
    two lines.

    \b
    kept  as
    written

    Last."""
    assert helptext.paragraphs(doc) == ["Summary on two lines.", "kept  as\nwritten", "Last."]
    assert helptext.translated(doc) == "Summary on two lines.\n\n\b\nkept  as\nwritten\n\nLast."


def test_every_command_describes_itself_in_french() -> None:
    commands = dict(helptext.every_command(cli))
    paths = [list(path) for path in commands]
    done = subprocess.run([sys.executable, "-c", SHOW_ALL, json.dumps(paths)], env=ENV,
                          capture_output=True, text=True, check=True, timeout=300)
    shown = json.loads(done.stdout)
    singular, _plural = read_po(CATALOG.read_text(encoding="utf-8"))
    assert len(shown) == len(paths) > 40
    english = []
    for path, command in commands.items():
        code, out = shown[" ".join(path)]
        assert code == 0 and out.startswith("Usage : verbatims"), (path, out[:200])
        if not command.help:
            continue
        source = helptext.paragraphs(command.help)
        french = [singular.get(p, p) for p in source]
        assert french != source, path
        description = _flat(out.split("\nOptions:")[0])
        if _flat(source[0]) in description or _flat(french[0]) not in description:
            english.append(" ".join(path))
    assert not english, f"described in English under --lang fr: {english}"


def test_the_installed_program_lists_french_summaries() -> None:
    program = Path(sys.executable).parent / "verbatims"
    top = subprocess.run([str(program), "--help"], env=ENV, capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert "Coder des transcriptions d’entretiens" in top
    assert "Afficher l’arbre des codes" in top and "List the code tree" not in top
    memo = subprocess.run([str(program), "memo", "set", "--help"], env=ENV,
                          capture_output=True, text=True, check=True, timeout=120).stdout
    assert "Écrire le mémo" in memo and "Write the memo" not in memo
    assert "Qui écrit" in memo
