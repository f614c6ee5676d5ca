"""The transcript: a virtualised view that renders only the visible lines.

A 100,000-word document is wrapped once per width (a few milliseconds) into a
list of line offsets; `render_line` then styles one visual line on demand, with
the coding stripes in a left margin, coded spans in their code's colour
(underlined where codes overlap), interviewer turns dimmed and speaker labels
in bold. The cursor and the selection are code points over the stored text.

Several coders may code one document: `C` shows one coder's codings at a time
(everyone, then each coder in turn), `D` two coders' stripes side by side in the
margin, left and right, with `≠` on the lines where their codes differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from verbatims.i18n import N_, _
from verbatims.model import units
from verbatims.model.entities import Code, Coding, Turn
from verbatims.tui import textmodel as tm
from verbatims.tui.colors import contrast

# Tabs, form feeds and other control characters take one cell, as a space.
_CONTROLS = {i: " " for i in range(32)} | {127: " "}


@dataclass(frozen=True)
class Selection:
    start: int
    end: int


class TranscriptView(ScrollView, can_focus=True):
    """Read, move and select in one document."""

    BINDINGS = [
        Binding("left", "move(-1)", N_("Left"), show=False),
        Binding("right", "move(1)", N_("Right"), show=False),
        Binding("shift+left", "move(-1, True)", N_("Extend left"), show=False),
        Binding("shift+right", "move(1, True)", N_("Extend right"), show=False),
        Binding("ctrl+left", "word(-1)", N_("Previous word"), show=False),
        Binding("ctrl+right", "word(1)", N_("Next word"), show=False),
        Binding("ctrl+shift+left", "word(-1, True)", N_("Extend by word left"), show=False),
        Binding("ctrl+shift+right", "word(1, True)", N_("Extend by word right"), show=False),
        Binding("up", "line(-1)", N_("Up"), show=False),
        Binding("down", "line(1)", N_("Down"), show=False),
        Binding("shift+up", "line(-1, True)", N_("Extend up"), show=False),
        Binding("shift+down", "line(1, True)", N_("Extend down"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        Binding("home", "bound(0)", N_("Line start"), show=False),
        Binding("end", "bound(1)", N_("Line end"), show=False),
        Binding("ctrl+home", "edge(0)", N_("Top"), show=False),
        Binding("ctrl+end", "edge(1)", N_("Bottom"), show=False),
        Binding("w", "select('word')", N_("Word")),
        Binding("s", "select('sentence')", N_("Sentence")),
        Binding("t", "select('turn')", N_("Turn")),
        Binding("p", "select('paragraph')", N_("Paragraph")),
        Binding("right_square_bracket", "grow", N_("+word"),
                tooltip=N_("Grow the selection by a word")),
        Binding("escape", "clear", N_("Clear selection"), show=False),
        Binding("n", "next_coding(1)", N_("Next"), tooltip=N_("Next coding")),
        Binding("N", "next_coding(-1)", N_("Previous coding"), show=False),
        Binding("z", "reflow", N_("Join broken lines (on/off)"), show=False),
        Binding("C", "cycle_coder", N_("Codings by: everyone, then each coder"), show=False),
        Binding("D", "cycle_compare", N_("Compare two coders' stripes side by side"),
                show=False),
    ]

    class SelectionChanged(Message):
        """The cursor or the selection moved (the app updates the status bar)."""

        def __init__(self, view: TranscriptView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.document_id: int | None = None
        self.text = ""
        self.turns: list[Turn] = []
        self.codings: list[Coding] = []  # those shown: every coder's, or the chosen ones'
        self.all_codings: list[Coding] = []
        self.you = ""  # the workbench's coder, first in the cycles of C and D
        self.only_coder: str | None = None
        self.compared: tuple[str, str] | None = None
        self.codes: dict[int, Code] = {}
        self.cursor = 0
        self.sel_anchor: int | None = None
        self.wrapped = tm.wrap("", 80)
        self._line_codings: dict[int, list[Coding]] = {}
        self._wrapped_text = ""
        self.reflowed = False
        self._turn_starts: list[int] = []
        self._dragging = False

    # -- data in (called by the app) ---------------------------------------------------

    def show_document(self, document_id: int, text: str, turns: Sequence[Turn],
                      codings: Sequence[Coding], codes: Sequence[Code]) -> None:
        self.document_id = document_id
        self.text = text
        self.turns = list(turns)
        self._turn_starts = [t.start for t in self.turns]
        self.codes = {c.id: c for c in codes}
        self._set_codings(codings)
        self.cursor = 0
        self.sel_anchor = None
        self.reflowed = tm.hard_wrapped(text)
        self._relayout()
        self.scroll_to(0, 0, animate=False)
        self._changed()

    def update_codings(self, codings: Sequence[Coding], codes: Sequence[Code]) -> None:
        self.codes = {c.id: c for c in codes}
        self._set_codings(codings)
        self._index_codings()
        self.refresh()
        self._changed()

    def _set_codings(self, codings: Sequence[Coding]) -> None:
        self.all_codings = sorted(codings, key=lambda c: (c.start, c.end, c.id))
        if self.compared is not None:
            shown: set[str] | None = set(self.compared)
        elif self.only_coder is not None:
            shown = {self.only_coder}
        else:
            shown = None
        self.codings = [c for c in self.all_codings if shown is None or c.coder in shown]

    # -- coders ---------------------------------------------------------------------------

    def coders(self) -> list[str]:
        """The coders of this document, you first (you even before your first coding)."""
        others = sorted({c.coder for c in self.all_codings} - {self.you})
        return [self.you, *others] if self.you else others

    def action_cycle_coder(self) -> None:
        """Everyone's codings, then each coder's alone, in turn."""
        cycle: list[str | None] = [None, *self.coders()]
        at = cycle.index(self.only_coder) if self.only_coder in cycle else 0
        self.compared = None
        self.only_coder = cycle[(at + 1) % len(cycle)]
        self._refilter()

    def action_cycle_compare(self) -> None:
        """Each pair of coders side by side in turn (you and each colleague first), then off."""
        pairs: list[tuple[str, str] | None] = [None, *combinations(self.coders(), 2)]
        if len(pairs) == 1:
            self.notify(_("Only one coder has coded this document: nothing to compare."),
                        severity="warning")
            return
        at = pairs.index(self.compared) if self.compared in pairs else 0
        self.only_coder = None
        self.compared = pairs[(at + 1) % len(pairs)]
        self._refilter()

    def refresh_status(self) -> None:
        """Have the status line said again (the coder's name changed)."""
        self.post_message(self.SelectionChanged(self))

    def _refilter(self) -> None:
        self._set_codings(self.all_codings)
        self._index_codings()
        self.refresh()
        self._changed()

    def update_turns(self, turns: Sequence[Turn]) -> None:
        """The same text with its turns read again (a speaker's role or name changed)."""
        self.turns = list(turns)
        starts = [t.start for t in self.turns]
        if starts != self._turn_starts:
            self._turn_starts = starts
            self._relayout()
        self.refresh()
        self._changed()

    # -- queries (called by the app) -------------------------------------------------------

    @property
    def selection(self) -> Selection | None:
        if self.sel_anchor is None or self.sel_anchor == self.cursor:
            return None
        return Selection(min(self.sel_anchor, self.cursor), max(self.sel_anchor, self.cursor))

    def codings_at(self, offset: int | None = None) -> list[Coding]:
        """Codings covering the cursor (or the selection's start), innermost first."""
        sel = self.selection
        where = offset if offset is not None else (sel.start if sel else self.cursor)
        found = [c for c in self.codings if c.start <= where < c.end]
        return sorted(found, key=lambda c: (c.end - c.start, c.id))

    def select_span(self, start: int, end: int) -> None:
        """Select [start, end) and bring it into view (jumps from extracts and search)."""
        self.sel_anchor = max(0, min(start, len(self.text)))
        self.cursor = max(0, min(end, len(self.text)))
        self.call_after_refresh(self._follow, self.wrapped.line_of(self.sel_anchor), True)
        self._changed()

    def collapse_selection(self) -> None:
        """Put the cursor at the selection's start and drop the selection."""
        sel = self.selection
        if sel is not None:
            self.cursor = sel.start
        self.sel_anchor = None
        self._changed()

    def selected_words(self, limit: int = 60) -> str:
        """The selected words on one line (a short selection only; else "")."""
        sel = self.selection
        if sel is None or not 0 < sel.end - sel.start <= limit:
            return ""
        return " ".join(self.text[sel.start:sel.end].split())

    # -- layout --------------------------------------------------------------------------

    @property
    def margin(self) -> int:
        width = self.size.width
        return 28 if width >= 110 else 22 if width >= 90 else 20

    def _relayout(self, force: bool = True) -> None:
        region = self.scrollable_content_region.width
        if region <= 0:  # not shown yet: wrap when the first resize gives a width
            return
        width = max(20, region - self.margin - 1)
        if not force and width == self.wrapped.width and self._wrapped_text is self.text:
            return
        shown = tm.reflow(self.text, self._turn_starts) if self.reflowed else self.text
        self.wrapped = tm.wrap(shown, width)
        self._wrapped_text = self.text
        self._index_codings()
        self.virtual_size = Size(width + self.margin, len(self.wrapped))
        self.refresh()

    def _index_codings(self) -> None:
        """Which codings touch each visual line (only lines with codings are kept)."""
        lines: dict[int, list[Coding]] = {}
        for coding in self.codings:
            first = self.wrapped.line_of(coding.start)
            last = self.wrapped.line_of(max(coding.start, coding.end - 1))
            for i in range(first, last + 1):
                lines.setdefault(i, []).append(coding)
        self._line_codings = lines

    def on_resize(self, _event: events.Resize) -> None:
        self._relayout(force=False)
        # After the refresh: only then does the new virtual size allow the scroll.
        self.call_after_refresh(self._follow, self.wrapped.line_of(self.cursor), True)

    # -- rendering ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.wrapped) or not self.text:
            return Strip.blank(width, base)
        segments = self._margin(index, base) + self._text(index, base)
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)

    def _margin(self, index: int, base: Style) -> list[Segment]:
        if self.compared is not None:
            return self._compare_margin(index, base, self.compared)
        width = self.margin
        seen: list[int] = []
        for coding in self._line_codings.get(index, ()):
            if coding.code_id not in seen and coding.code_id in self.codes:
                seen.append(coding.code_id)
        out: list[Segment] = []
        used = 0
        for code_id in seen[:3]:
            out.append(Segment("▌", base + Style(color=self.codes[code_id].color)))
            used += 1
        out.append(Segment(" " * (4 - used), base))
        room = width - 6
        memo = any(c.memo for c in self._line_codings.get(index, ()))
        label, named = self._label_for(index, seen, room - 2 * memo)
        if memo:
            label = label.ljust(room - 2) + " ✎"
        color = self.codes[named].color if named is not None else None
        out.append(Segment(label.ljust(room), base + Style(color=color, dim=False)))
        out.append(Segment("│ ", base + Style(dim=True)))
        return out

    def _compare_margin(self, index: int, base: Style, pair: tuple[str, str]
                        ) -> list[Segment]:
        """Left coder's stripes │ right coder's stripes, then the codes: those only one of
        them put on this line after `≠`, else the codes both put."""
        sides: list[list[int]] = [[], []]
        for coding in self._line_codings.get(index, ()):
            if coding.code_id in self.codes:
                side = sides[pair.index(coding.coder)]
                if coding.code_id not in side:
                    side.append(coding.code_id)
        out: list[Segment] = []
        for i, side in enumerate(sides):
            for code_id in side[:3]:
                out.append(Segment("▌", base + Style(color=self.codes[code_id].color)))
            out.append(Segment(" " * (3 - len(side[:3])), base))
            out.append(Segment("┆" if i == 0 else " ", base + Style(dim=True)))
        differ = [c for c in sides[0] + sides[1] if (c in sides[0]) != (c in sides[1])]
        shown = differ or sides[0]
        room = self.margin - 10
        label = _margin_label([self.codes[c].name for c in shown], room - 2 * bool(differ))
        if differ:
            label = "≠ " + label
        color = self.codes[shown[0]].color if shown else None
        out.append(Segment(label.ljust(room)[:room], base + Style(color=color, bold=bool(differ))))
        out.append(Segment("│ ", base + Style(dim=True)))
        return out

    def _codes_on(self, index: int) -> list[int]:
        seen: list[int] = []
        for coding in self._line_codings.get(index, ()):
            if coding.code_id not in seen and coding.code_id in self.codes:
                seen.append(coding.code_id)
        return seen

    def _label_for(self, index: int, seen: list[int], room: int) -> tuple[str, int | None]:
        """The margin's label on a line: one code per line where codes stack up.

        Over a run of lines coded with the same codes, the first line names the
        first code, the next line the second, and so on, each in full (cut only
        if it is longer than the margin), so codes sharing a prefix ("numérique
        responsable", "numérique inclusion") stay apart. A one-line run shows
        them all, each shortened to what tells it apart.
        """
        if not seen:
            return "", None
        names = [self.codes[c].name for c in seen]
        if len(seen) == 1:
            return _fit(names[0], room), seen[0]
        # Lines above with the same codes, in this run and on screen (the names show
        # again at the top of the view when the run started above it).
        top = round(self.scroll_offset.y)
        run = 0
        while (run < min(index - top, len(seen))
               and self._codes_on(index - run - 1) == seen):
            run += 1
        below = 0
        while below < len(seen) and self._codes_on(index + below + 1) == seen:
            below += 1
        if run + below + 1 >= len(seen):
            return (_fit(names[run], room), seen[run]) if run < len(seen) else ("", None)
        return _margin_label(names, room), seen[0]

    def _text(self, index: int, base: Style) -> list[Segment]:
        start, end = self.wrapped.starts[index], self.wrapped.ends[index]
        turn = self._turn(start)
        dim = turn is not None and turn.role == "interviewer"
        label_end = self._label_end(turn) if turn is not None else -1
        sel = self.selection
        codings = self._line_codings.get(index, [])
        cuts = {start, end}
        for c in codings:
            cuts.update((max(start, c.start), min(end, c.end)))
        if sel is not None:
            cuts.update((max(start, min(end, sel.start)), max(start, min(end, sel.end))))
        if start <= self.cursor < end:
            cuts.update((self.cursor, self.cursor + 1))
        if start < label_end:
            cuts.add(min(end, label_end))
        points = sorted(p for p in cuts if start <= p <= end)
        out: list[Segment] = []
        focused = self.has_focus
        for a, b in zip(points, points[1:], strict=False):
            if a >= b:
                continue
            style = base + Style(dim=dim, bold=a < label_end)
            covering = [c for c in codings if c.start <= a < c.end]
            if covering:
                inner = min(covering, key=lambda c: c.end - c.start)
                color = self.codes[inner.code_id].color if inner.code_id in self.codes else None
                if color:
                    style += Style(bgcolor=color, color=contrast(color),
                                   underline=len({c.code_id for c in covering}) > 1)
            if sel is not None and sel.start <= a < sel.end:
                style += Style(reverse=True)
            if a == self.cursor and focused:
                style += Style(reverse=True, underline=True)
            out.append(Segment(self.text[a:b].translate(_CONTROLS), style))
        if start == end == self.cursor and focused:
            out.append(Segment(" ", base + Style(reverse=True)))
        return out

    def _turn(self, offset: int) -> Turn | None:
        return units.turn_at(self.turns, offset)

    def _label_end(self, turn: Turn) -> int:
        end = units.marker_end(self.text, turn)
        return end if end > turn.start else -1

    # -- movement and selection -----------------------------------------------------------------

    def _place(self, offset: int, extend: bool = False) -> None:
        offset = max(0, min(len(self.text), offset))
        if extend and self.sel_anchor is None:
            self.sel_anchor = self.cursor
        elif not extend:
            self.sel_anchor = None
        self.cursor = offset
        self._follow(self.wrapped.line_of(offset))
        self._changed()

    def _follow(self, line: int, centre: bool = False) -> None:
        top = round(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if centre and not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)
        elif line < top:
            self.scroll_to(y=line, animate=False)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False)

    def _changed(self) -> None:
        self.refresh()
        self.post_message(self.SelectionChanged(self))

    def action_move(self, delta: int, extend: bool = False) -> None:
        self._place(self.cursor + delta, extend)

    def action_word(self, direction: int, extend: bool = False) -> None:
        if direction > 0:
            self._place(tm.next_word(self.text, self.cursor), extend)
        else:
            self._place(tm.previous_word(self.text, self.cursor), extend)

    def action_line(self, delta: int, extend: bool = False) -> None:
        line = self.wrapped.line_of(self.cursor)
        column = self.cursor - self.wrapped.starts[line]
        target = max(0, min(len(self.wrapped) - 1, line + delta))
        if target == line:
            return
        self._place(min(self.wrapped.starts[target] + column, self.wrapped.ends[target]),
                    extend)

    def action_page(self, direction: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + direction * height, animate=False)
        self.action_line(direction * height)

    def action_bound(self, which: int) -> None:
        line = self.wrapped.line_of(self.cursor)
        self._place(self.wrapped.ends[line] if which else self.wrapped.starts[line])

    def action_edge(self, which: int) -> None:
        self._place(len(self.text) if which else 0)

    def action_select(self, unit: str) -> None:
        sel = self.selection
        where = sel.start if sel else self.cursor
        if unit == "word":
            span = tm.word_at(self.text, where)
        elif unit == "sentence":
            span = tm.sentence_at(self.text, where, self.turns)
        elif unit == "turn":
            span = tm.utterance_at(self.text, self.turns, where)
        else:
            span = tm.paragraph_at(self.text, where, self.turns)
        if sel is not None and unit == "word" and sel.end <= span[0] + 1:
            span = (sel.start, span[1])
        self.sel_anchor, self.cursor = span
        self._follow(self.wrapped.line_of(self.cursor))
        self._changed()

    def action_grow(self) -> None:
        """Extend the selection to the end of the next word."""
        sel = self.selection
        if sel is None:
            self.action_select("word")
            return
        end = tm.word_at(self.text, tm.next_word(self.text, sel.end))[1]
        self.sel_anchor, self.cursor = sel.start, max(end, sel.end)
        self._changed()

    def action_clear(self) -> None:
        self.sel_anchor = None
        self._changed()

    def action_reflow(self) -> None:
        """Show OCR'd or e-mailed text with its short lines joined (offsets unchanged)."""
        self.reflowed = not self.reflowed
        self._relayout()
        self._follow(self.wrapped.line_of(self.cursor), centre=True)

    def action_next_coding(self, direction: int) -> None:
        if direction > 0:
            later = [c.start for c in self.codings if c.start > self.cursor]
            if later:
                self._place(min(later))
        else:
            earlier = [c.start for c in self.codings if c.start < self.cursor]
            if earlier:
                self._place(max(earlier))

    # -- mouse ---------------------------------------------------------------------------------

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        if not self.text:
            return None
        line = int(event.y + self.scroll_offset.y)
        line = max(0, min(len(self.wrapped) - 1, line))
        column = int(event.x + self.scroll_offset.x) - self.margin
        return max(self.wrapped.starts[line],
                   min(self.wrapped.starts[line] + max(0, column), self.wrapped.ends[line]))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event)
        if offset is None:
            return
        self.focus()
        self.capture_mouse()
        self._dragging = True
        self.sel_anchor = offset
        self.cursor = offset
        self._changed()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            offset = self._offset_at(event)
            if offset is not None and offset != self.cursor:
                self.cursor = offset
                self._follow(self.wrapped.line_of(offset))
                self._changed()

    def on_mouse_up(self, _event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.sel_anchor == self.cursor:
                self.sel_anchor = None
            self._changed()


def _fit(name: str, room: int) -> str:
    """One name in `room` cells, cut word by word so its every word still shows."""
    return _abbreviation(name, room)


def _abbreviation(name: str, share: int) -> str:
    """A name in `share` cells that keeps each word's start: "num.resp." for two words."""
    words = name.split()
    if len(name) <= share:
        return name
    if len(words) > 1:
        each = max(1, (share - (len(words) - 1)) // len(words))
        short = " ".join(w[:each] for w in words)
        if len(short) <= share:
            return short
    return name[: max(1, share - 1)] + "…"


def _margin_label(names: list[str], room: int) -> str:
    """Code names that fit in `room` cells on one line: in full, else each abbreviated.

    Each name is cut word by word ("numér respo", "numér inclu"), not at the
    same first letters, so two codes sharing a first word stay apart.
    """
    label = ", ".join(names)
    if len(label) <= room or not names:
        return label
    share = max(3, (room + 1) // len(names) - 1)
    label = "·".join(_abbreviation(name, share) for name in names)
    return label if len(label) <= room else label[: room - 1] + "…"
