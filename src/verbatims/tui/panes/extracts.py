"""Retrieval: the coded extracts of a code (sub-codes included), queried, filtered,
previewed.

The line above the list takes the coding queries of `verbatims segments` (`--and
B`, `--not B`, `--overlap`, `--near N`, `--speaker`, `--coder`; see
tui/query_line.py) and the filter (`genre=femme`, words); the same
verbatims.analysis.queries runs on both sides. The table keeps one short line
per passage; the preview below it shows the highlighted one whole, with its
speaker, every code on it, its memos and a line of context on each side, so it
reads at 80×24 as in an annex.
"""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Label, Static

from verbatims import where
from verbatims.analysis.queries import Passage, run_query
from verbatims.errors import UserError
from verbatims.folding import fold
from verbatims.i18n import N_, _, ngettext
from verbatims.model.codetree import paths as paths_of
from verbatims.tui import context, filters, query_line
from verbatims.tui.data import ExtractInfo, extract_details
from verbatims.tui.messages import Jump
from verbatims.tui.pane import Pane

__all__ = ["ExtractsPane", "Jump"]


class ExtractsPane(Pane):
    BINDINGS = [
        Binding("f", "focus_filter", N_("Filter")),
        Binding("e", "app.extracts", N_("Extracts of a code")),
        Binding("ctrl+down", "read(1)", N_("Read on"),
                tooltip=N_("Scroll the preview down (a long extract, its memo)")),
        Binding("ctrl+up", "read(-1)", N_("Read back"), show=False,
                tooltip=N_("Scroll the preview up")),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._passages: list[Passage] = []
        self._details: list[ExtractInfo] = []
        self._shown: list[int] = []  # indexes into _passages
        self._asked = query_line.QueryLine()  # the query part of the line, as loaded
        self._problem = ""  # what is wrong with the query typed, in place of the counts
        self.code_label = ""
        self.code_id: int | None = None
        self._stale = False  # a commit came while another tab was shown

    def compose(self) -> ComposeResult:
        yield Label(_("Choose a code (enter in the Codes tab, or e here) to see its "
                      "extracts."), id="extracts-title")
        yield Input(placeholder=_("filter: genre=femme  word  --and CODE  --not CODE  "
                                  "--near 20  --speaker Maire"), id="extracts-filter")
        yield DataTable(id="extracts-table", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="extract-preview"):
            yield Static("", id="extract-text")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(_("document"), width=DOC_WIDTH)  # narrow: the extract shows at 80
        table.add_column(_("code"), width=CODE_WIDTH)
        self._extract_column = table.add_column(_("extract"), width=self._extract_width())

    def _extract_width(self) -> int:
        """What is left of the table's width for the extract (no sideways scrolling)."""
        table = self.query_one(DataTable)
        width = (table.size.width or self.size.width or 80) - table.styles.scrollbar_size_vertical
        return max(20, width - (DOC_WIDTH + 2) - (CODE_WIDTH + 2) - 2)

    def on_resize(self) -> None:
        width = self._extract_width()
        column = self.query_one(DataTable).columns.get(self._extract_column)
        if column is not None and column.width != width:
            self._refill()
        self._show_title()
        self.call_after_refresh(self._preview)  # wrapped to the preview's new width

    # -- what others may read -----------------------------------------------------------

    @property
    def extracts(self) -> tuple[Passage, ...]:
        """The passages shown (after the query and the filter), in the order shown."""
        return tuple(self._passages[i] for i in self._shown)

    @property
    def highlighted(self) -> Passage | None:
        i = self.query_one(DataTable).cursor_row
        return self._passages[self._shown[i]] if 0 <= i < len(self._shown) else None

    @property
    def title(self) -> str:
        content = self.query_one("#extracts-title", Label).content
        return content.plain if isinstance(content, Text) else str(content)

    @property
    def preview_text(self) -> str:
        """The preview as plain text (what the researcher reads below the list)."""
        content = self.query_one("#extract-text", Static).content
        return content.plain if isinstance(content, Text) else str(content)

    # -- loading ----------------------------------------------------------------------------

    def load(self, code_id: int) -> None:
        self.code_id = code_id
        self._stale = False
        self._load(code_id, self._line())

    def _line(self) -> query_line.QueryLine:
        return query_line.parse(self.query_one("#extracts-filter", Input).value)

    @work(thread=True, group="extracts", exclusive=True)
    def _load(self, code_id: int, line: query_line.QueryLine) -> None:
        asked = replace(line, filter="")

        def load() -> None:
            project = self.bench.project
            label = project.code_path(code_id)
            try:
                codes = project.codes()
                passages = run_query(project, line.query(code_id, codes, paths_of(codes)))
            except UserError as error:  # a query being typed: say what is wrong, in place
                self.bench.call_from_thread(self.show, label, [], [], asked, error.message)
                return
            spans = [(p.document_id, p.start, p.end) for p in passages]
            self.bench.call_from_thread(self.show, label, passages,
                                        extract_details(project, spans), asked, "")

        self.guarded(load)

    def focus_default(self) -> None:
        self.query_one(DataTable).focus()

    def project_changed(self) -> None:
        # Read again where it shows; elsewhere when its tab comes back (a query over
        # the corpus after every coding competed with the redraw of the coded line).
        if self.code_id is None:
            return
        if self.bench.active_tab_name == "extracts":
            self.load(self.code_id)
        else:
            self._stale = True

    def activated(self) -> None:
        if self._stale and self.code_id is not None:
            self.load(self.code_id)

    def show(self, code_label: str, passages: list[Passage], details: list[ExtractInfo],
             asked: query_line.QueryLine | None = None, problem: str = "") -> None:
        self.code_label = code_label
        self._passages = passages
        self._details = details
        self._asked = asked if asked is not None else query_line.QueryLine()
        self._problem = problem
        self._refill()

    def _refill(self) -> None:
        spec = filters.parse(self._line().filter)
        shown = []
        for i, found in enumerate(self._passages):
            if not spec.attributes_hold(found.attributes):
                continue
            values = [where.text_of(v) for v in found.attributes.values()]
            haystack = fold(" ".join([found.text, found.document, found.speaker or "",
                                      *values]))
            if any(w not in haystack for w in spec.words):
                continue
            shown.append(i)
        table = self.query_one(DataTable)
        keep = table.cursor_row
        self._shown = shown
        width = self._extract_width()
        column = table.columns.get(self._extract_column)
        if column is not None:
            column.width = width
        table.clear()
        for row, i in enumerate(shown):
            found = self._passages[i]
            memo = any(c.memo for c in found.codings)
            one_line = " ".join(found.text.split()) + ("  ✎" if memo else "")
            codes = " & ".join(path.rsplit("/", 1)[-1] for path in found.codes)
            table.add_row(Text(context.cut(found.document.rsplit(".", 1)[0], DOC_WIDTH)),
                          Text(context.cut(codes, CODE_WIDTH)),
                          Text(context.cut(one_line, width)), key=str(row))
        if shown:
            table.move_cursor(row=min(max(0, keep), len(shown) - 1))
        self._show_title()
        self._preview()

    def _show_title(self) -> None:
        if not self.code_label:
            return
        width = self.size.width - 2 if self.size.width else 78
        label = self.code_label
        if self._asked.is_query:
            label += " " + describe(self._asked)
        if self._problem:
            text = _("{code}: {counts}").format(code=label, counts=self._problem)
        else:
            text = extracts_title(label, len(self._shown), len(self._passages), width)
        self.query_one("#extracts-title", Label).update(Text(text))

    def _preview(self) -> None:
        box = self.query_one("#extract-text", Static)
        i = self.query_one(DataTable).cursor_row
        if not 0 <= i < len(self._shown):
            box.update(_("No extract to show.") if self.code_label else "")
            return
        found = self._passages[self._shown[i]]
        info = self._details[self._shown[i]] if self._shown[i] < len(self._details) else None
        out = Text()
        out.append(found.document, style="bold")
        if found.speaker:
            out.append(" · " + found.speaker, style="italic")
        out.append(f"  [{found.start}–{found.end}]", style="dim")
        out.append("\n")
        codes = info.codes if info else tuple(found.codes)
        out.append(_("Codes: ") + ", ".join(codes), style="dim")
        out.append("\n")
        for memo in dict.fromkeys(c.memo for c in found.codings if c.memo):
            # before the text: a memo at the end was out of sight at 80×24
            out.append("✎ " + _("Memo: ") + memo + "\n", style="italic")
        if info and info.before:
            out.append("… " + info.before + "\n", style="dim")
        out.append(found.text.strip())
        if info and info.after:
            out.append("\n" + info.after + " …", style="dim")
        width = box.size.width or max(20, self.size.width - 4)
        box.update(context.wrapped(out, width))
        self.query_one("#extract-preview", VerticalScroll).scroll_home(animate=False)

    @on(DataTable.RowHighlighted, "#extracts-table")
    def _highlighted(self) -> None:
        self._preview()

    @on(Input.Changed, "#extracts-filter")
    def _filter(self) -> None:
        """The filter applies at once; a change of the query runs it again."""
        if self.code_id is not None and replace(self._line(), filter="") != self._asked:
            self._load(self.code_id, self._line())
        else:
            self._refill()

    @on(Input.Submitted, "#extracts-filter")
    def _to_table(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#extracts-table")
    def _chosen(self) -> None:
        found = self.highlighted
        if found is not None:
            self.post_message(Jump(found.document_id, found.start, found.end))

    def action_read(self, lines: int) -> None:
        """ctrl+↓ / ctrl+↑: the preview scrolls while the list keeps the keys."""
        box = self.query_one("#extract-preview", VerticalScroll)
        step = max(1, box.size.height - 1) * lines
        box.scroll_to(y=box.scroll_y + step, animate=False)

    def action_focus_filter(self) -> None:
        self.query_one("#extracts-filter", Input).focus()


DOC_WIDTH = 16
CODE_WIDTH = 14


def extracts_title(label: str, shown: int, total: int, width: int) -> str:
    """The line above the extracts, within `width` columns: the code, how many are
    shown, and the hint about enter when there is room. A long code path loses its
    parents ("…/définition et représentations"), never the code's own name."""
    if shown == total:
        counts = ngettext("{n} extract", "{n} extracts", total).format(n=total)
    else:  # the filter left some out
        counts = ngettext("{shown} extract of {total}", "{shown} extracts of {total}",
                          shown).format(shown=shown, total=total)
    hint = _("enter jumps to the transcript")
    full = _("{code}: {counts} ({hint})").format(code=label, counts=counts, hint=hint)
    if shown and len(full) <= width:  # (nothing to jump to: no hint)
        return full
    titled = _("{code}: {counts}")
    parts = label.split("/")
    names = [label] + ["…/" + "/".join(parts[-keep:]) for keep in range(len(parts) - 1, 0, -1)]
    for name in names:  # drop whole parents, from the top
        text = titled.format(code=name, counts=counts)
        if len(text) <= width:
            return text
    room = width - len(titled.format(code="", counts=counts))
    return titled.format(code=context.cut(parts[-1], max(4, room)), counts=counts)


def describe(asked: query_line.QueryLine) -> str:
    """The query's options as typed, for the title ("--and sobriété --near 20")."""
    parts = [f"--and {c}" for c in asked.and_codes] + [f"--not {c}" for c in asked.not_codes]
    if asked.overlap:
        parts.append("--overlap")
    if asked.near is not None:
        parts.append(f"--near {asked.near}")
    parts += [f"--speaker {s}" for s in asked.speakers] + [f"--coder {c}" for c in
                                                           asked.coders]
    return " ".join(parts)
