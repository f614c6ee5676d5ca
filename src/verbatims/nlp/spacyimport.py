"""`import spacy` without spaCy's own command line (a fifth of a second, 360 modules).

`spacy/__init__.py` imports `spacy.cli.info` for its `spacy.info()` helper, and
with it the whole `spacy` command (typer, weasel, httpx, the training, packaging
and download commands): a quarter of `import spacy`, which the first analysis of
a fresh project pays before lemmatising anything. Nothing the pipeline loads or
runs uses them. `imported()` lets that one import find a stand-in whose `info`
imports the real one when called, then takes the stand-ins away: a later
`import spacy.cli` (spaCy's commands, `spacy.cli.download`) imports the real
package as usual.
"""

from __future__ import annotations

import sys
import threading
import types
from typing import Any

_LOCK = threading.Lock()
_NAMES = ("spacy.cli", "spacy.cli.info")


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, its module imported on first use."""
    from importlib import import_module

    return import_module("spacy.cli.info").info(*args, **kwargs)


def imported() -> types.ModuleType:
    """The `spacy` module, imported without `spacy.cli` if it is not imported yet."""
    with _LOCK:
        if "spacy" in sys.modules or any(name in sys.modules for name in _NAMES):
            import spacy

            return spacy
        package = types.ModuleType("spacy.cli")
        package.__path__ = []  # a package with no submodule of its own but `info`
        info = types.ModuleType("spacy.cli.info")
        info.info = _info  # type: ignore[attr-defined]
        stand_ins = {"spacy.cli": package, "spacy.cli.info": info}
        sys.modules.update(stand_ins)
        try:
            import spacy
        finally:
            for name, module in stand_ins.items():
                if sys.modules.get(name) is module:
                    del sys.modules[name]
        if getattr(spacy, "cli", None) is package:  # pragma: no cover - not bound so far
            delattr(spacy, "cli")
        return spacy
