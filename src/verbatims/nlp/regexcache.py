"""spaCy's French tokenizer regex, compiled once per machine instead of once per process.

Importing `spacy.lang.fr` compiles one regular expression of 1.4 million
characters (`TOKEN_MATCH`, the hyphenated and elided words the tokenizer keeps
whole): three of the five seconds a process spends loading the French model.
Python cannot keep a compiled pattern between processes, but the compiled form
is a list of integers that `_sre.compile` turns back into the same pattern in
milliseconds. While `load()` loads the model, `compiled_once()` keeps that list
in the user's cache folder for each very large pattern, keyed by a digest of the
pattern, its flags and the interpreter's regex engine version, and reads it back
the next time. Anything unexpected (another Python, a damaged file, an unwritable
folder) falls back to compiling as usual: the result is always the pattern
`re.compile` would have made.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

LARGE = 100_000  # characters: only patterns this long are worth a file
_FORMAT = 1
_LOCK = threading.Lock()
_ENGINES = {(3, 11), (3, 12), (3, 13)}  # `_sre.compile` as re._compiler.compile calls it


def folder() -> Path | None:
    """Where the compiled patterns are kept ($VERBATIMS_CACHE_DIR, else the user's cache)."""
    named = os.environ.get("VERBATIMS_CACHE_DIR")
    if named:
        return Path(named)
    try:
        from platformdirs import user_cache_dir
    except ImportError:  # pragma: no cover - a dependency
        return None
    return Path(user_cache_dir("verbatims"))


def _key(pattern: str, flags: int) -> str:
    import _sre

    h = hashlib.sha256()
    h.update(f"{_FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{flags}\n".encode())
    h.update(pattern.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:40]


def _path(pattern: str, flags: int) -> Path | None:
    where = folder()
    return None if where is None else where / f"regex-{_key(pattern, flags)}.bin"


def compile_cached(pattern: str, flags: int = 0,
                   fallback: Callable[[str, int], Any] | None = None) -> Any:
    """`re._compiler.compile(pattern, flags)`, its code read from or kept in the cache."""
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    fallback = fallback or _compiler.compile
    if sys.version_info[:2] not in _ENGINES:
        return fallback(pattern, flags)
    path = _path(pattern, flags)
    if path is not None:
        kept = _read(path, pattern)
        if kept is not None:
            return kept
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    final = flags | parsed.state.flags
    compiled = _sre.compile(pattern, final, code, parsed.state.groups - 1, groupindex,
                            tuple(indexgroup))
    if path is not None:
        _write(path, final, code, parsed.state.groups - 1, groupindex, indexgroup)
    return compiled


def _read(path: Path, pattern: str) -> Any:
    import _sre

    try:
        data = path.read_bytes()
        head, _nl, body = data.partition(b"\n")
        meta = json.loads(head)
        if hashlib.sha256(body).hexdigest() != meta["digest"]:
            return None
        code = array("I")
        code.frombytes(body)
        indexgroup = tuple(meta["indexgroup"])
        return _sre.compile(pattern, int(meta["flags"]), code.tolist(), int(meta["groups"]),
                            dict(meta["groupindex"]), indexgroup)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, OverflowError):
        return None


def _write(path: Path, flags: int, code: list[int], groups: int,
           groupindex: dict[str, int], indexgroup: list[str | None]) -> None:
    try:
        body = array("I", code).tobytes()
        meta = {"flags": flags, "groups": groups, "groupindex": groupindex,
                "indexgroup": indexgroup, "digest": hashlib.sha256(body).hexdigest()}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(json.dumps(meta).encode() + b"\n" + body)
        tmp.replace(path)
    except (OSError, OverflowError, TypeError, ValueError):
        pass


@contextmanager
def compiled_once() -> Iterator[None]:
    """Inside the block, very large patterns compiled by `re` go through the cache."""
    if sys.version_info[:2] not in _ENGINES:
        yield
        return
    from re import _compiler  # type: ignore[attr-defined]

    with _LOCK:
        original = _compiler.compile

        def compile(p: Any, flags: int = 0) -> Any:
            if isinstance(p, str) and len(p) >= LARGE:
                return compile_cached(p, flags, original)
            return original(p, flags)

        _compiler.compile = compile
        try:
            yield
        finally:
            _compiler.compile = original

