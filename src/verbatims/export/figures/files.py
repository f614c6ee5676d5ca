"""Output files: the extension decides the format; writes are atomic (temp name, rename)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from verbatims.errors import UserError
from verbatims.pseudo import guard


def check_suffix(output: Path, allowed: tuple[str, ...]) -> str:
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise UserError(f"Cannot write {output.name}: this command writes "
                        f"{', '.join('.' + a for a in allowed)} files; change the -o extension.")
    return suffix


def atomic(output: Path, write: Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename."""
    if not output.parent.exists():
        raise UserError(f"The folder {output.parent} does not exist; create it or choose "
                        "another -o path.")
    tmp = output.with_name(f".{output.name}.part{os.getpid()}{output.suffix}")
    try:
        write(tmp)
        guard.verify(tmp, output)  # a pseudonymised figure that names someone is not kept
        tmp.replace(output)
    except OSError as exc:
        raise UserError(f"Cannot write {output} ({exc.strerror}); choose another "
                        "-o path.") from None
    finally:
        tmp.unlink(missing_ok=True)
