"""Case and accent folding: "Élue", "élue" and "ELUE" compare equal everywhere.

One rule for every comparison a researcher makes by typing (filters, pickers,
`--where`, attribute keys, code names): lower case (Unicode case folding), no
accents or other combining marks, compatibility forms unfolded ("ﬁ" is "fi"),
typographic apostrophes and dashes made plain, every space a plain space.
`fold_char` is the same rule one character at a time, for callers that map
offsets between the folded and the original text (pseudonymisation). The
fuzzy matcher adds OCR look-alikes on top of `fold` (nlp/match.py).

A leaf module: it imports nothing of verbatims.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

APOSTROPHES = "'’ʼ‘`´"
DASHES = "-‐‑‒–—"
_PLAIN = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DASHES, "-")})


def fold(text: str) -> str:
    """Lower case, no accents, plain apostrophes, dashes and spaces (length may change)."""
    # NFKD first too: "𝓐" decomposes to "A", which must then be lowered.
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", text).casefold())
    out = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_PLAIN)
    if not any(ch.isspace() and ch not in " \n" for ch in out):
        return out
    return "".join(" " if ch.isspace() and ch != "\n" else ch for ch in out)


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """`fold` of one character, always one character long (the character itself when its
    folded form would be longer or shorter, as "ß" or "ﬁ")."""
    if char == "\n":
        return char
    folded = fold(char)
    if len(folded) == 1:
        return folded
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


class _SameLength(dict[int, str]):
    """str.translate's table for `fold_same_length`, filled on first sight of a character."""

    def __missing__(self, code: int) -> str:
        value = fold_char(chr(code))
        self[code] = value
        return value


_SAME_LENGTH = _SameLength()


def fold_same_length(text: str) -> str:
    """`fold_char` of every character: offsets in the result are offsets in `text`.

    Through str.translate, so a million words fold in a fraction of a second.
    """
    return text.translate(_SAME_LENGTH)
