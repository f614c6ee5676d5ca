"""No password in anything verbatims prints: messages, errors and the crash log."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pg
from tests.conftest import CliRunner
from verbatims.redact import redact

SECRET = "s3cr3t-Pa55"


@pytest.mark.parametrize(("text", "shown"), [
    ("postgresql://alice:s3cr3t@db.lab.fr:5432/etude",
     "postgresql://alice:***@db.lab.fr:5432/etude"),
    ("postgresql+psycopg://alice:p@ss@w0rd@127.0.0.1/etude",
     "postgresql+psycopg://alice:***@127.0.0.1/etude"),
    ("Cannot open 'postgres://bob:x%40y@h/db': refused",
     "Cannot open 'postgres://bob:***@h/db': refused"),
    ("postgresql://alice@db.lab.fr/etude", "postgresql://alice@db.lab.fr/etude"),
    ("postgresql://db.lab.fr:5432/etude", "postgresql://db.lab.fr:5432/etude"),
    ("postgresql:///etude?host=/run/pg&password=hunter2&user=a",
     "postgresql:///etude?host=/run/pg&password=***&user=a"),
    ("host=db user=alice password='top secret' dbname=etude",
     "host=db user=alice password=*** dbname=etude"),
    ("etude.sqlite", "etude.sqlite"),
])
def test_redact(text: str, shown: str) -> None:
    assert redact(text) == shown


def test_an_unreachable_server_is_one_sentence_without_the_password(
        run_cli: CliRunner) -> None:
    url = f"postgresql://alice:{SECRET}@127.0.0.1:9/etude"  # port 9: nothing listens
    for args in (["--project", url, "documents"], ["--project", url, "init"],
                 ["copy", url, "x.sqlite"]):
        done = run_cli(*args)
        assert done.code == 2, done.err
        assert SECRET not in done.out + done.err
        assert "alice:***@127.0.0.1:9/etude" in done.err
        assert "Traceback" not in done.err and len(done.err.strip().splitlines()) == 1


def test_wrong_password_and_success_messages_are_masked(run_cli: CliRunner,
                                                        tmp_path: Path) -> None:
    pg.require()
    url = pg.create_database()
    password = pg.password()
    wrong = url.replace(f":{password}@", f":{SECRET}@")
    try:
        refused = run_cli("--project", wrong, "init")
        assert refused.code == 2 and "password" in refused.err.lower()
        assert SECRET not in refused.err and password not in refused.err
        made = run_cli("--project", url, "init", "--codebook", "default")
        assert made.code == 0, made.err
        assert password not in made.out + made.err and "***" in made.out
        again = run_cli("--project", url, "init")
        assert again.code == 2 and password not in again.err
    finally:
        pg.drop_database(url)


def test_the_crash_log_is_masked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                 run_cli: CliRunner) -> None:
    """An unexpected failure quoting the URL: the message and the log hide the password."""
    import click

    from verbatims.cli.base import cli

    @cli.command("crash-for-test", hidden=True)
    def crash() -> None:
        raise RuntimeError(f"lost postgresql://alice:{SECRET}@db/etude")

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    try:
        done = run_cli("crash-for-test")
    finally:
        cli.commands.pop("crash-for-test")
    assert done.code == 1 and "internal error" in done.err
    log = (tmp_path / "verbatims" / "crash.log").read_text(encoding="utf-8")
    assert "alice:***@db/etude" in log and "alice:***@db/etude" in done.err
    assert SECRET not in log + done.err
    assert isinstance(crash, click.Command)
