"""Every command of the README runs, as written, on the demo project `make run` builds.

The README's ```sh blocks are read in order, as one shell session would run them: `export
NAME=VALUE` sets the environment of the commands after it, a trailing `\\` continues a
line, `#` starts a comment. Each command is one test, run in a temporary folder laid out
like a checkout after `make run`: `demo.sqlite` (a copy of the session's demo project, the
one `verbatims --project demo.sqlite demo --no-ui` builds, lemmas already cached), the
repository's `corpus/`, and `../shared` when the shared material is here; `~` is a home
folder beside it. Nothing in a command is rewritten: its outputs land
in that folder. `verbatims …` runs in-process through the installed script's entry point
(`verbatims.cli:main`), with the shell's quoting and `~` (the spaCy model is loaded once
for all); any other command runs in bash.

Writing the README: every command in a ```sh block must exit 0 there. One that cannot run
in a test (it opens the workbench, asks questions, installs, runs the suite) ends with a
comment saying why: `# …; not run by tests: it opens the workbench`. One naming
`../shared` is skipped when the shared material is absent.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, CliRunner, copy_project, shared_folder
from verbatims.cli import main

README = REPO / "README.md"
NOT_RUN = "not run by tests"


@dataclass(frozen=True)
class Command:
    line: str  # as written, continuation lines joined
    number: int  # its line in README.md

    @property
    def skip_reason(self) -> str | None:
        comment = self.line.partition(" #")[2]
        if NOT_RUN in comment:
            return f"README.md:{self.number}: {comment.strip()}"
        return None


def commands(text: str) -> list[Command]:
    """The logical lines of the README's ```sh blocks, comments and blank lines left out."""
    out: list[Command] = []
    inside = False
    pending: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip().startswith("```"):
            inside = line.strip() == "```sh" and not inside
            continue
        if not inside:
            continue
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending.append(line.rstrip()[:-1])
            continue
        logical = " ".join(p.strip() for p in [*pending, line])
        pending = []
        if logical and not logical.startswith("#"):
            out.append(Command(logical, start))
    return out


COMMANDS = commands(README.read_text(encoding="utf-8"))


def words(command: Command, home: Path) -> list[str]:
    """The command's words as the shell gives them to the program (quotes, comments, ~)."""
    parts = shlex.split(command.line, comments=True)
    return [str(home) + p[1:] if p == "~" or p.startswith("~/") else p for p in parts]


@dataclass
class Session:
    """The folder the README's commands run in, and what `export` set so far."""

    folder: Path
    home: Path
    env: dict[str, str] = field(default_factory=dict)
    done: int = 0  # commands of COMMANDS already run
    failed: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def session(_parsed_template: Path, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Session]:
    root = tmp_path_factory.mktemp("readme")
    folder = root / "verbatims"  # the checkout
    folder.mkdir()
    copy_project(_parsed_template, folder / "demo.sqlite")
    (folder / "corpus").symlink_to(CORPUS, target_is_directory=True)
    shared = shared_folder()
    if shared is not None:
        (root / "shared").symlink_to(shared, target_is_directory=True)
    home = root / "home"
    home.mkdir()
    yield Session(folder, home)


def run(command: Command, session: Session, monkeypatch: pytest.MonkeyPatch
        ) -> tuple[int, str]:
    """Run one README line in the session; returns (exit code, what it was)."""
    argv = words(command, session.home)
    if argv[0] == "export":
        for assignment in argv[1:]:
            name, _, value = assignment.partition("=")
            session.env[name] = value
        return 0, "export"
    if argv[0] != "verbatims":
        env = {**os.environ, "HOME": str(session.home), **session.env}
        done = subprocess.run(["bash", "-c", command.line], cwd=session.folder, env=env,
                              capture_output=True, text=True)
        print(done.stdout, end="")
        print(done.stderr, end="", file=sys.stderr)
        return done.returncode, "bash"
    with monkeypatch.context() as m:
        m.chdir(session.folder)
        m.setenv("HOME", str(session.home))
        for name in ("VERBATIMS_PROJECT", "VERBATIMS_CODER", "VERBATIMS_LANG"):
            m.delenv(name, raising=False)
        for name, value in session.env.items():
            m.setenv(name, value)
        return main(argv[1:]), "verbatims"


@pytest.mark.parametrize("index", range(len(COMMANDS)),
                         ids=[f"L{c.number}" for c in COMMANDS])
def test_readme_command(index: int, session: Session, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    command = COMMANDS[index]
    while session.done < index:  # run alone (-k): replay what comes before it first
        earlier = COMMANDS[session.done]
        session.done += 1
        if earlier.skip_reason is None and (shared_folder() or "../shared" not in earlier.line):
            run(earlier, session, monkeypatch)
    session.done = index + 1
    if command.skip_reason:
        pytest.skip(command.skip_reason)
    if "../shared" in command.line and shared_folder() is None:
        pytest.skip(f"README.md:{command.number}: needs ../shared, the shared study material")
    capsys.readouterr()
    code, _ = run(command, session, monkeypatch)
    captured = capsys.readouterr()
    assert code == 0, (f"README.md:{command.number}: `{command.line}` exited {code}:\n"
                       f"{captured.err}{captured.out[-2000:]}\n(if it cannot run in a test, "
                       f"end it with `# {NOT_RUN}: <why>`)")


def test_the_readme_reader_understands_the_readme() -> None:
    """The parser itself: blocks found, continuations joined, nothing unmarked left over."""
    sample = ("text\n```sh\nexport A=b\nverbatims x \\\n    --y z   # why\n"
              f"make run   # {NOT_RUN}: it opens the workbench\n```\n```python\nno\n```\n")
    found = commands(sample)
    assert [c.line for c in found] == [
        "export A=b", "verbatims x --y z   # why",
        f"make run   # {NOT_RUN}: it opens the workbench"]
    assert [c.number for c in found] == [3, 4, 6]
    assert found[2].skip_reason == f"README.md:6: {NOT_RUN}: it opens the workbench"
    assert words(found[1], Path("/h")) == ["verbatims", "x", "--y", "z"]
    assert words(Command("verbatims a ~/k.csv '# not a comment'", 1), Path("/h")) == [
        "verbatims", "a", "/h/k.csv", "# not a comment"]
    assert len(COMMANDS) > 20
    assert [c.line for c in COMMANDS if not re.match(r"(verbatims|export|mkdir) ", c.line)
            and not c.skip_reason] == []  # a new kind of command: check it belongs here


def test_the_demo_fixture_is_the_demo_make_run_builds(_demo_template: Path, tmp_path: Path,
                                                      run_cli: CliRunner) -> None:
    """What these tests (and tests/conftest.py's `demo`) run on is what a user opens."""
    built = tmp_path / "demo.sqlite"
    assert run_cli("--project", built, "demo", "--no-ui").code == 0
    for listing in (["documents"], ["codes"], ["turns", "07-agent-epci-30000"]):
        ours = run_cli("--project", _demo_template, *listing)
        theirs = run_cli("--project", built, *listing)
        assert ours.code == theirs.code == 0
        assert ours.out == theirs.out and ours.out.count("\n") > 8
