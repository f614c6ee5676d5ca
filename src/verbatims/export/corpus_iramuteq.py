"""IRaMuTeQ's corpus format (also read by TXM's Alceste import and rainette).

IRaMuTeQ's reader (corpus.py, BuildFromAlceste) opens a text at each line that
starts with `****`, and takes the rest of that line, split on spaces, as the
text's variables `*name_value`; the name is what comes before the first `_`
(`make_etoiles_dict`), so a name holds no `_`, and neither holds a space. A line
that starts with `-*` is a thematic mark; any other non-empty line is text. So:

- names keep their letters and digits, the rest taken out and the next letter
  capitalised ("type_collectivite" becomes "typeCollectivite");
- values keep letters (accents included) and digits, every other run of
  characters becomes one `_` ("Côtes-d'Armor" becomes "Côtes_d_Armor",
  "80000+" "80000plus");
- the texts lose their asterisks, so no line of speech can open a text or a theme;
- UTF-8 without a byte-order mark: IRaMuTeQ does not strip one, and the first
  `****` would not be seen.
"""

from __future__ import annotations

from pathlib import Path

from verbatims.export.corpus import Corpus
from verbatims.export.registry import CORPUS
from verbatims.ingest.formats.iramuteq import variable_name, variable_value


def star_line(variables: tuple[tuple[str, str], ...]) -> str:
    return " ".join(["****", *(f"*{variable_name(k)}_{variable_value(v)}" for k, v in variables)])


def text_line(paragraph: str) -> str:
    return " ".join(paragraph.replace("*", " ").split())


def render(data: Corpus) -> str:
    blocks = []
    for text in data.texts:
        lines = [star_line(text.variables)]
        lines += [line for line in (text_line(p) for p in text.paragraphs) if line]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


@CORPUS.register(suffixes=(".txt",))
def write(data: Corpus, path: Path) -> None:
    path.write_text(render(data), encoding="utf-8", newline="\n")
