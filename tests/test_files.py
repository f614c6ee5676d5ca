"""Every file appears whole or not at all, and its extension says its format."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from verbatims.errors import UserError
from verbatims.files import atomic_write, check_suffix, write_text


def test_a_failed_writer_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    target = tmp_path / "annexe.docx"
    target.write_text("version 1", encoding="utf-8")
    with pytest.raises(ZeroDivisionError), atomic_write(target) as tmp:
        tmp.write_text("half of version 2", encoding="utf-8")
        assert tmp.parent == tmp_path and tmp.suffix == ".docx"  # writers read the suffix
        raise ZeroDivisionError
    assert target.read_text(encoding="utf-8") == "version 1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annexe.docx"]


def test_success_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_text(target, "é\n")
    write_text(target, "è\r\n")
    assert target.read_bytes() == "è\r\n".encode()
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_errors_are_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"The folder .*nowhere does not exist; create it or "
                       r"choose another -o path\."):
        write_text(tmp_path / "nowhere" / "a.txt", "x")
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(UserError, match=r"Cannot write .*a folder \(.*\); choose another --key"):
        write_text(folder, "x", choose="another --key")
    assert [p.name for p in tmp_path.iterdir()] == ["a folder"]


def test_mode_and_companions(tmp_path: Path) -> None:
    key = tmp_path / "cle.yaml"
    write_text(key, "names: []\n", mode=0o600)
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    target = tmp_path / "new.sqlite"
    with pytest.raises(RuntimeError), atomic_write(target, companions=("-wal",)) as tmp:
        tmp.write_bytes(b"db")
        Path(f"{tmp}-wal").write_bytes(b"log")
        raise RuntimeError
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cle.yaml"]


def test_check_suffix() -> None:
    assert check_suffix(Path("Map.PNG"), ("png", "svg")) == "png"
    with pytest.raises(UserError, match=r"this command writes \.png, \.svg files"):
        check_suffix(Path("map.pdf"), ("png", "svg"))
    with pytest.raises(UserError, match=r"a\.docx does not end in \.md although --format md "
                       r"was asked; name the file a\.md or change --format"):
        check_suffix(Path("a.docx"), ("md",), option="--format md")


def test_a_registered_check_can_refuse_a_file(tmp_path: Path) -> None:
    from verbatims import files

    seen: list[tuple[str, str]] = []

    def refuse_secrets(written: Path, final: Path) -> None:
        seen.append((written.name, final.name))
        if "secret" in written.read_text(encoding="utf-8"):
            raise UserError(f"{final.name} names someone; it was not written.")

    files.register_check(refuse_secrets)
    files.register_check(refuse_secrets)
    try:
        write_text(tmp_path / "ok.txt", "rien")
        with pytest.raises(UserError, match="names someone"):
            write_text(tmp_path / "ko.txt", "un secret")
    finally:
        files._CHECKS.remove(refuse_secrets)
    assert [final for _tmp, final in seen] == ["ok.txt", "ko.txt"]  # once each
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.txt"]


def test_a_killed_writers_part_file_is_cleared_by_the_next_write(tmp_path: Path) -> None:
    """`kill -9` leaves a hidden .part file; the next write of the same file removes it,
    and leaves alone those of a writer still running."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process that has ended: its pid names no one now
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        stale = tmp_path / f".annexe.md.{gone.pid}-1.part.md"
        live = tmp_path / f".annexe.md.{running.pid}-1.part.md"
        other = tmp_path / f".autre.md.{gone.pid}-1.part.md"
        for path in (stale, live, other):
            path.write_text("à moitié", encoding="utf-8")
        write_text(tmp_path / "annexe.md", "entier")
        assert not stale.exists() and live.exists() and other.exists()
        assert (tmp_path / "annexe.md").read_text(encoding="utf-8") == "entier"
    finally:
        running.kill()
        running.wait()
