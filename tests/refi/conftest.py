"""A coded demo project with memos, and helpers to build .qdpx files as other tools do."""

from __future__ import annotations

from pathlib import Path

import pytest

from verbatims.store import Project


@pytest.fixture
def coded(demo_path: Path) -> Path:
    """The demo project with codings by two coders, a coding memo and memos of each kind."""
    project = Project.open(str(demo_path))
    docs = project.documents()
    codes = [c for c in project.codes() if c.parent_id is not None]
    for i, doc in enumerate(docs[:6]):
        text = project.text(doc.id)
        for j, turn in enumerate(t for t in project.turns(doc.id) if t.role == "respondent"):
            if j >= 4:
                break
            code = codes[(i * 5 + j) % len(codes)]
            project.add_coding(doc.id, turn.start, min(turn.end, turn.start + 300), code.id,
                               "alice" if j % 2 else "bob",
                               "à relire" if j == 1 else None)
        assert text
    project.set_memo("project", None, "Mémo du projet : saturation atteinte ?", "alice")
    project.set_memo("document", docs[0].id, "Entretien interrompu deux fois.", "bob")
    project.set_memo("code", codes[0].id, "Code à scinder.", "alice")
    project.close()
    return demo_path


