"""A DataTable for long lists of one-line cells (2,000 interviews in the document list).

Textual's DataTable measures every new cell through the console, which asks the
terminal for its size three times a cell: on a list of 2,000 documents with a
dozen attribute columns (28,000 cells) that was half a second before the first
screen. A one-line `Text` is as wide as its cell length, which is what that
measure returns for it; this table counts it directly and leaves any other cell
to Textual's measure.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.text import Text
from textual.render import measure
from textual.widgets import DataTable, _data_table
from textual.widgets._data_table import RowKey

_measure = measure  # the function DataTable calls, as `_data_table.measure`


def one_line_width(console: Console, renderable: RenderableType, default: int, *,
                   container_width: int | None = None) -> int:
    """Textual's `measure`, without the console for a `Text` of one line."""
    if isinstance(renderable, Text):
        lines = renderable.plain.splitlines()
        if len(lines) <= 1:
            return cell_len(lines[0]) if lines else 0
    return _measure(console, renderable, default, container_width=container_width)


class ListTable(DataTable[Any]):
    """A DataTable whose new rows are measured without asking the terminal each cell."""

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        _data_table.measure = one_line_width  # type: ignore[attr-defined]
        try:
            super()._update_dimensions(new_rows)
        finally:
            _data_table.measure = _measure  # type: ignore[attr-defined]
