"""Words the OCR split at a line end ("numé-⏎rique") are counted once, whole; OCR'd
stop words ("trés") are no terms."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import CliRunner
from verbatims.analysis.terms import term_frequencies
from verbatims.store import Project

TEXT = (
    "Pour moi, le numé-\nrique responsable, c'est d'abord la sobriété du matériel.\n"
    "Le numérique responsable demande du matériel durable et réparé. Peut-\n"
    "étre que le vice-président suivra, avec quelques-\nuns des agents.\n"
    "Le numé rique responsable, c'est aussi garder le matériel longtemps.\n"
    "On équipe, on sur-équipe les écoles, et le matériel vieillit. Le vice-\n"
    "président le sait, c'est-à-\ndire qu'il le dit. C'est trés utile, méme aux agents.\n"
)


def _project(tmp_path: Path, run_cli: CliRunner) -> Path:
    source = tmp_path / "ocr-extrait.txt"
    source.write_text(TEXT, encoding="utf-8")
    path = tmp_path / "split.sqlite"
    assert run_cli("-p", path, "init").code == 0
    assert run_cli("-p", path, "import", source).code == 0
    return path


def test_split_words_are_counted_whole(tmp_path: Path, run_cli: CliRunner) -> None:
    path = _project(tmp_path, run_cli)
    project = Project.open(str(path))
    try:
        table = term_frequencies(project, top=None).table
        counts = dict(zip(table["key"], table["frequency"], strict=True))
    finally:
        project.close()
    # three "numérique": one whole, one split at a line end, one split by a space
    assert counts.get("numérique responsable", 0) + counts.get("numérique", 0) == 3
    for fragment in ("numé", "rique", "riqu", "étre", "uns", "vice", "président", "dire"):
        assert fragment not in counts, fragment
    # OCR'd stop words ("trés" for "très", lemmatised as a verb "trer") are stop words too
    assert not counts.keys() & {"trés", "trer", "méme"}
    assert "quelques-uns" not in counts  # joined back, still a pronoun
    assert counts["vice-président"] == 2  # a real hyphen stays, at a line end too
    assert counts["sur-équipe"] == 1
    assert counts["matériel"] == 4


def test_cooc_table_has_no_fragments(parsed_path: Path, tmp_path: Path,
                                     run_cli: CliRunner) -> None:
    """The demo corpus (with its own "numé rique" and "Peut-⏎étre") plus the extract."""
    source = tmp_path / "ocr-extrait.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert run_cli("-p", parsed_path, "import", source).code == 0
    out = tmp_path / "map.csv"
    result = run_cli("-p", parsed_path, "cooc", "--pivot", "numérique responsable",
                     "--min-freq", "1", "--top", "500", "-o", out)
    assert result.code == 0, result.err
    with out.open(encoding="utf-8") as handle:
        terms = {row["term"] for row in csv.DictReader(handle)}
    assert "matériel" in terms
    assert not terms & {"numé", "rique", "riqu", "étre"}
