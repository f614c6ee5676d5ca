"""The demo corpus coded by hand (bench/data/demo_codings.yaml), read into spans.

Shared by bench/autocode.py and the learning tests: each entry names a respondent
paragraph and, optionally, the sentences of it that the passage covers (see the
file's header). Pure functions over the stored text; the caller writes the codings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from verbatims.model.entities import Turn
from verbatims.model.units import TextUnits

CODINGS = Path(__file__).resolve().parent / "data" / "demo_codings.yaml"


@dataclass(frozen=True)
class HandCoding:
    document: str  # the file-name prefix ("01")
    code: str
    start: int
    end: int


def load(path: Path = CODINGS) -> tuple[str, dict[str, list[dict[str, object]]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return str(data["coder"]), {str(k): v for k, v in data["documents"].items()}


def spans(prefix: str, entries: list[dict[str, object]], text: str,
          turns: list[Turn]) -> list[HandCoding]:
    """The coded spans of one document; ValueError when an entry does not resolve."""
    units = TextUnits(text, turns)
    paragraphs = units.paragraphs()
    out = []
    for entry in entries:
        index = int(entry["p"])  # type: ignore[call-overload]
        a, b = paragraphs[index]
        if units.role(a) == "interviewer":
            raise ValueError(f"{prefix} paragraph {index} is the interviewer's")
        start, end = a, b
        first = entry.get("from")
        if first is not None:
            at = _find(text, str(first), a, b, prefix, index)
            start, end = units.sentence(at)
            last = entry.get("to")
            if last is not None:
                to = _find(text, str(last), at, b, prefix, index)
                end = units.sentence(to + len(str(last)) - 1)[1]
        for code in entry["codes"]:  # type: ignore[attr-defined]
            out.append(HandCoding(prefix, str(code), start, end))
    return out


def _find(text: str, phrase: str, a: int, b: int, prefix: str, index: int) -> int:
    at = text.find(phrase, a, b)
    if at < 0:
        raise ValueError(f"{prefix} paragraph {index}: {phrase!r} not found")
    if text.find(phrase, at + 1, b) >= 0:
        raise ValueError(f"{prefix} paragraph {index}: {phrase!r} found twice")
    return at
