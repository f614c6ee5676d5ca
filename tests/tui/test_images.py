"""The terminal probe for images, driven in a real pseudo-terminal.

Issue 16: a key typed while the workbench opened made the help appear. The
probe asks the terminal "can you show Sixel?" and reads the answer from the
keyboard's input; the key spoilt the reading and the answer ("\\x1b[?62;4c")
was left for Textual, which read its `?` as the help key. Here the test plays
the terminal: it answers the questions, with a key typed just before.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time

import pytest

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("POSIX pseudo-terminals", allow_module_level=True)

CHILD = r"""
import os, select, sys, termios, tty
from verbatims.tui import images
images.probe()
tty.setraw(0, termios.TCSANOW)  # TCSANOW: keep what is pending, to see it
ready, _, _ = select.select([0], [], [], 0.5)
sys.stderr.write(repr(os.read(0, 200) if ready else b""))
"""


def _as_terminal(env_extra: dict[str, str]) -> tuple[bytes, bytes]:
    """Run the probe on a pty whose other end answers like a Sixel terminal would, with
    a key typed before each answer. Returns (what the probe wrote, what it left unread)."""
    master, slave = os.openpty()
    env = {k: v for k, v in os.environ.items()
           if k not in ("TMUX", "STY", "VERBATIMS_IMAGES")}
    env.update({"TERM": "xterm-256color", **env_extra})
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdin=slave, stdout=slave,
                             stderr=subprocess.PIPE, env=env, close_fds=True)
    os.close(slave)
    written = b""
    answered: set[bytes] = set()
    deadline = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        if not ready:
            continue
        try:
            written += os.read(master, 4096)
        except OSError:
            break
        for query, answer in ((b"\x1b[c", b"\x1b[?62;4;22c"), (b"\x1b[16t", b"\x1b[6;20;10t")):
            if query in written and query not in answered:
                answered.add(query)
                os.write(master, b"3" + answer)  # the researcher typed 3 meanwhile
    _out, err = child.communicate(timeout=60)
    os.close(master)
    assert child.returncode == 0, err.decode()
    return written, eval(err.decode())  # noqa: S307 - the repr of bytes we wrote


def test_a_key_typed_during_the_probe_leaves_no_answer_to_be_read_as_keys() -> None:
    written, left = _as_terminal({})
    assert b"\x1b[c" in written  # the terminal was asked
    assert left == b"", f"{left!r} would reach the workbench as keys"


def test_nothing_is_asked_inside_tmux() -> None:
    written, left = _as_terminal({"TMUX": "/tmp/tmux-0/default,1,0"})
    assert b"\x1b[" not in written and left == b""
