from pathlib import Path

from tests.conftest import CliRunner
from verbatims.store import Project


def test_demo_project_has_the_corpus(demo: Project) -> None:
    names = [d.name for d in demo.documents()]
    assert "01-maire-commune-1000-2000.txt" in names
    assert len(demo.codes()) > 10


def test_cli_segments_header(run_cli: CliRunner, demo_path: Path) -> None:
    result = run_cli("--project", demo_path, "segments")
    assert result.code == 0
    assert result.out.startswith("document,start,end,code,coder,text")
