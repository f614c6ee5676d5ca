"""The speaker table `verbatims speakers` prints (and a workbench view can show)."""

from __future__ import annotations

from pathlib import Path

from tests.ingest import corpora
from verbatims.analysis.speakers import COLUMNS, speaker_table
from verbatims.ingest import read_batch
from verbatims.store import Project


def test_speakers_per_label_and_role_interviewers_first(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    corpora.eslo_trs().write(folder)
    (folder / "a.txt").write_text("Q : Vos outils ?\n\nR : Des portables, et des fixes.\n\n"
                                  "Q : Et ?\n\nR : Rien de plus.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Entretien du 3 mars.\n\nQ : Depuis quand ?\n\n"
                                  "R : Depuis 2019.\n", encoding="utf-8")
    project = Project.create(str(tmp_path / "p.sqlite"))
    try:
        project.add_documents(read_batch([folder]).documents, coder="moi")
        table = speaker_table(project)
        assert list(table.columns) == COLUMNS
        assert list(table["role"]) == sorted(table["role"], key=lambda r: r != "interviewer")
        r = table[table["speaker"] == "R"].iloc[0]
        assert (r["role"], r["documents"], r["turns"], r["words"]) == ("respondent", 2, 3, 10)
        assert list(r["documents_named"]) == ["a.txt", "b.txt"]
        assert None not in set(table["speaker"])  # the preamble is no speaker
        doc = project.document("b.txt")
        one = speaker_table(project, [doc.id])
        assert set(zip(one["speaker"], one["role"], strict=True)) == {
            ("Q", "interviewer"), ("R", "respondent")}
        assert "JD" in set(table["speaker"]) and "JD" not in set(one["speaker"])
    finally:
        project.close()
