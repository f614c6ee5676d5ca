"""Output files: the extension names the format, and a file appears whole or not at all.

Every file verbatims writes (annexes, figures, tables, codebooks, keys, a new
project made from a .qdpx) goes through `atomic_write`: the writer fills a
temporary file beside the target, which is renamed over it only when the writer
succeeded. An interrupted export therefore leaves the previous file, never half
of a new one; a writer killed outright (`kill -9`) leaves a hidden `.part` file,
which the next write of the same file removes (`clear_stale`). A leaf module: it
imports nothing of verbatims but the error type and the translations, so every
layer may use it.
"""

from __future__ import annotations

import errno
import glob
import itertools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import _

_serial = itertools.count(1)

Check = Callable[[Path, Path], None]  # (the written temporary file, the final path)
_CHECKS: list[Check] = []


def register_check(check: Check) -> None:
    """Run `check(temporary, final)` on every file `atomic_write` completes, before it
    takes its final name; a check that raises keeps the file from appearing (the
    pseudonymisation guard reads a pseudonymised export back this way). Registering
    the same check twice runs it once."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def check_suffix(path: Path, allowed: Sequence[str], *, option: str = "") -> str:
    """The format named by `path`'s extension (lower case, no dot), if it is `allowed`.

    `allowed` holds formats without their dot ("docx", "png"). `option` names the
    command-line option that chose the format ("--format docx"), for the message.
    """
    fmt = path.suffix.lower().lstrip(".")
    if fmt in allowed:
        return fmt
    if option and len(allowed) == 1:
        raise UserError(_("{path} does not end in .{fmt} although {option} was asked; name "
                          "the file {name} or change {flag}.").format(
            path=path, fmt=allowed[0], option=option, name=path.with_suffix(
                "." + allowed[0]).name, flag=option.split()[0]))
    raise UserError(_("Cannot write {name}: this command writes {suffixes} files; change the "
                      "-o extension.").format(name=path.name,
                                              suffixes=", ".join("." + a for a in allowed)))


@contextmanager
def atomic_write(path: Path, *, mode: int | None = None, choose: str = "",
                 companions: Sequence[str] = ()) -> Iterator[Path]:
    """A temporary path beside `path`, renamed over `path` if the block succeeds.

    The temporary name keeps the extension, for writers that read the format from
    it (matplotlib, pandas). `mode` creates the file first with those permissions
    (0o600 for a pseudonymisation key). `choose` ends the sentence of an error
    ("another -o path" by default). `companions` are suffixes of files the writer
    may leave beside its own (SQLite's "-wal", "-shm"), removed with it on failure.
    Any `OSError` becomes one sentence; on any failure the temporary file goes.
    """
    choose = choose or _("another -o path")
    folder = path.parent
    if not folder.is_dir():
        raise UserError(_("The folder {folder} does not exist; create it or choose "
                          "{choose}.").format(folder=folder, choose=choose))
    clear_stale(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{next(_serial)}.part{path.suffix}")
    leftovers = [tmp, *(Path(f"{tmp}{suffix}") for suffix in companions)]
    try:
        if mode is not None:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode))
        yield tmp
        for check in tuple(_CHECKS):
            check(tmp, path)
        tmp.replace(path)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise UserError(_("The disk is full: {path} was not written and nothing else "
                              "was changed; free some space and try again.").format(
                                  path=path)) from None
        raise UserError(_("Cannot write {path} ({reason}); choose {choose}.").format(
            path=path, reason=exc.strerror or exc, choose=choose)) from None
    finally:
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)


_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-\d+\.part")


def clear_stale(path: Path) -> list[Path]:
    """Remove the temporary files a killed writer of `path` left beside it (`kill -9`
    leaves no time to clean up): those whose process is gone. Returns what went."""
    removed: list[Path] = []
    try:
        candidates = list(path.parent.glob(f".{glob.escape(path.name)}.*.part*"))
    except OSError:
        return removed
    for candidate in candidates:
        found = _PART.match(candidate.name)
        if found is None or found["name"] != path.name:
            continue
        pid = int(found["pid"])
        if pid == os.getpid() or _alive(pid):
            continue
        try:
            candidate.unlink()
            removed.append(candidate)
        except OSError:
            pass
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: not ours to judge
    return True


def write_text(path: Path, text: str, *, mode: int | None = None, choose: str = "") -> None:
    """`text` as UTF-8 in `path`, atomically (see `atomic_write`)."""
    with atomic_write(path, mode=mode, choose=choose) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
