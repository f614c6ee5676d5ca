"""IRaMuTeQ corpus (also Alceste's, TXM's and rainette's): texts opened by `**** *var_value`.

Read as IRaMuTeQ reads it (corpus.py, BuildFromAlceste): a line that starts with
`****` opens a text, the rest of that line split on spaces gives its starred
variables, each `*name_value` with the name before the first `_`; a line that
starts with `-*` is a thematic mark; other lines are the text, joined. Each text
becomes a document, its variables its attributes. The variable `doc` (which
`verbatims export iramuteq` writes) names the document; otherwise it is named
after the file and its rank ("corpus-003"). Thematic marks are taken out of the
text, the sections they open kept as paragraphs and listed in the attribute
`thematiques` (they are not codes); a variable without a value (`*urgent`)
becomes the attribute `urgent` = "oui". Text before the first `****` line is
refused, as IRaMuTeQ refuses it.
"""

from __future__ import annotations

import re
from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest.registry import READERS, Options, Part, Read, Reader
from verbatims.ingest.textfile import read_text

NAME_VARIABLE = "doc"
THEMES = "thematiques"
_TEXT_MARK = re.compile(r"^\*{4}(?:\s|$)")
_NAME = re.compile(r"[^\w.-]+")


_OTHER = re.compile(r"[^\w]+|_+")
_DATE = re.compile(r"\d{4}_\d{2}_\d{2}")


def variable_name(name: str) -> str:
    """A name IRaMuTeQ reads whole (no `_`, no space): letters and digits, camel-cased
    at the cuts ("type_collectivite" -> "typeCollectivite")."""
    parts = [p for p in _OTHER.split(name) if p]
    if not parts:
        return "var"
    out = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
    return out if out[0].isalpha() else "v" + out


def variable_value(value: str) -> str:
    """A value IRaMuTeQ reads whole (no space): letters and digits, one `_` for any other
    run ("Côtes-d'Armor" -> "Côtes_d_Armor", "80000+" -> "80000plus")."""
    text = value.strip().replace("+", " plus ")
    joined = "_".join(p for p in _OTHER.split(text) if p)
    return re.sub(r"(\d)_plus$", r"\1plus", joined) or "NA"


def restore(attributes: dict[str, object], known: dict[str, set[str]]) -> dict[str, object]:
    """Names and values read back as the project holds them, where IRaMuTeQ's rules made
    them from one of its own: "typeCollectivite" is the attribute type_collectivite,
    "Côtes_d_Armor" its value "Côtes-d'Armor". Others stay as written."""
    keys = {variable_name(k): k for k in known}
    out: dict[str, object] = {}
    for name, value in attributes.items():
        key = keys.get(name, name)
        values = {variable_value(v): v for v in known.get(key, ())}
        text = str(value)
        if text in values:
            out[key] = values[text]
        elif _DATE.fullmatch(text):  # a date IRaMuTeQ's rules wrote 2023_01_12
            out[key] = text.replace("_", "-")
        else:
            out[key] = value
    return out


def variables(line: str) -> dict[str, str]:
    """The starred variables of a `****` line: {name: value}."""
    out: dict[str, str] = {}
    for token in line.split()[1:]:
        if not token.startswith("*") or len(token) < 2:
            continue
        name, sep, value = token[1:].partition("_")
        if not name:
            continue
        out[name] = value if sep and value else _("yes")
    return out


def split(text: str, where: str) -> list[tuple[dict[str, str], list[str], list[str]]]:
    """The texts of a corpus: (variables, paragraphs, themes), in order."""
    texts: list[tuple[dict[str, str], list[str], list[str]]] = []
    lines: list[str] = []

    def flush() -> None:
        if texts and lines:
            texts[-1][1].append(" ".join(" ".join(lines).split()))
        lines.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if _TEXT_MARK.match(line):
            flush()
            texts.append((variables(line), [], []))
        elif line.startswith("-*"):
            if not texts:
                raise UserError(_("{path}, line {n}: a thematic mark (-*) comes before the "
                                  "first text (****); IRaMuTeQ refuses it too.").format(
                                      path=where, n=number))
            flush()
            texts[-1][2].append(line.split()[0][2:])
        elif line:
            if not texts:
                raise UserError(_("{path}, line {n}: text before the first `****` line; an "
                                  "IRaMuTeQ corpus opens each text with `**** *variable_value`"
                                  ".").format(path=where, n=number))
            lines.append(line)
        else:
            flush()  # a blank line ends a paragraph
    flush()
    return [t for t in texts if t[1]]


def read(path: Path, options: Options) -> Read:
    text, used = read_text(path, options.encoding)
    texts = split(text, str(path))
    if not texts:
        raise UserError(_("{path} holds no IRaMuTeQ text: no `****` line followed by text."
                          ).format(path=path))
    parts = []
    taken: set[str] = set()
    width = max(3, len(str(len(texts))))
    for rank, (found, paragraphs, themes) in enumerate(texts, start=1):
        named = _NAME.sub("-", found.pop(NAME_VARIABLE, "")).strip("-")
        name = named if named and named not in taken else f"{path.stem}-{rank:0{width}d}"
        taken.add(name)
        attributes: dict[str, object] = dict(found)
        notes = []
        if themes:
            attributes[THEMES] = ", ".join(dict.fromkeys(themes))
            notes.append(_("{n} thematic marks (-*) read into the attribute {attr}; their "
                           "sections are paragraphs.").format(n=len(themes), attr=THEMES))
        parts.append(Part(name, "\n\n".join(paragraphs) + "\n", attributes, notes,
                          markers=False))
    return Read("\n".join(p.text for p in parts), used, None, {}, [], parts)


def _sniff(head: bytes) -> bool:
    """An IRaMuTeQ corpus: its first non-blank line is a `****` line."""
    start = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return bool(re.match(rb"\*{4}(?:[ \t]|\r?\n|$)", start))


FORMAT = READERS.register(suffixes=(".txt",), help=N_("IRaMuTeQ corpus"))(
    Reader(read, _sniff, priority=1))
