"""spaCy imported without its command line still works whole: the pipeline parses,
`spacy.info()` answers, and `import spacy.cli` brings the real commands."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from verbatims.nlp.pipeline import load
nlp = load()
assert "spacy.cli" not in sys.modules and "typer" not in sys.modules, "spaCy's CLI loaded"
assert [t.lemma_ for t in nlp("Les élus mutualisaient leurs serveurs.")] == [
    "le", "élu", "mutualiser", "leur", "serveur", "."]
import spacy
assert spacy.info()["spacy_version"] == spacy.__version__
import spacy.cli
assert callable(spacy.cli.download) and "typer" in sys.modules
print("ok")
"""


def test_the_pipeline_loads_without_spacys_command_line_which_stays_importable() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


def test_spacy_imported_first_is_left_as_it_is() -> None:
    code = ("import spacy, sys\nfrom verbatims.nlp.spacyimport import imported\n"
            "assert imported() is spacy and 'spacy.cli' in sys.modules\nprint('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"
