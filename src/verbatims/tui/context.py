"""One line of context around a match, as the Search (a concordance) and Review tables
show it.

The match is in reverse video, about a third of the line before it and the
rest after, cut with … where the line ends, so a row never runs past the
screen (no sideways scrolling at 80 columns). The text's own spacing is kept.
"""

from __future__ import annotations

import re

from rich.text import Text

from verbatims.tui import textmodel as tm

_SPACES = re.compile(r"\s+")


def around(before: str, match: str, after: str, width: int) -> Text:
    """`match` with as much of `before` and `after` as fits in `width` columns."""
    hit = " ".join(match.split())
    room = max(0, width - len(hit))
    before = _SPACES.sub(" ", before).lstrip()
    after = _SPACES.sub(" ", after).rstrip()
    left = min(len(before), max(room // 3, room - len(after)))
    right = room - left
    shown_before = before[len(before) - left:] if left else ""
    if left and left < len(before):
        shown_before = "…" + shown_before[1:]
    shown_after = after[:right]
    if right and right < len(after):
        shown_after = shown_after[:-1] + "…"
    line = Text(shown_before)
    line.append(hit[:width], style="bold reverse")
    line.append(shown_after)
    return line


def concordance(text: str, start: int, end: int, left: int, right: int
                ) -> tuple[str, str, str]:
    """The hit and its context each side, whitespace folded, as a concordance prints
    them: the left context ends where the match starts (so matches line up in their
    column), `left` and `right` characters at most."""
    before = " ".join(text[max(0, start - 3 * left):start].split())
    after = " ".join(text[end:end + 3 * right].split())
    return (before[len(before) - left:] if left else "", " ".join(text[start:end].split()),
            after[:right])


def cut(text: str, width: int) -> str:
    """`text` on at most `width` columns, ending in … when cut."""
    return text if len(text) <= width else text[:max(0, width - 1)] + "…"


def wrapped(text: Text, width: int) -> Text:
    """`text` broken into lines of `width` as the transcript breaks them: at spaces,
    never before ? ! : ; » nor after « (Rich alone would leave a "?" on a line)."""
    plain = text.plain
    layout = tm.wrap(plain, width)
    return Text("\n").join(text[a:b] for a, b in zip(layout.starts, layout.ends, strict=True))
