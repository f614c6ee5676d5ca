"""Every user-facing string wrapped in _() has a French translation, and the compiled
catalog the program reads says the same as the .po a translator edits."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import verbatims
from verbatims import i18n

SRC = Path(verbatims.__file__).resolve().parent
PO = SRC / "locale" / "fr" / "LC_MESSAGES" / "verbatims.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _extracted() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(SRC), keywords=KEYWORDS, comment_tags=()):
        found.add(message if isinstance(message, str) else (message[0], message[1]))
    return found


def _catalog(po: Path = PO) -> dict[str, list[str]]:
    with po.open("rb") as fh:
        catalog = read_po(fh)
    out: dict[str, list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = ([message.string] if isinstance(message.string, str)
                   else list(message.string or ()))
        out[key] = strings
    return out


def test_every_wrapped_string_has_a_french_translation() -> None:
    catalog = _catalog()
    missing = []
    for message in _extracted():
        key = message if isinstance(message, str) else message[0]
        strings = catalog.get(key)
        if not strings or not all(s.strip() for s in strings):
            missing.append(key)
    assert not missing, f"{len(missing)} strings lack a French translation, e.g. {missing[:5]}"


def test_translations_keep_their_placeholders() -> None:
    wrong = []
    for msgid, strings in _catalog().items():
        wanted = set(PLACEHOLDER.findall(msgid))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) - wanted:
                wrong.append((msgid, string))
    assert not wrong, f"translations with unknown placeholders: {wrong[:5]}"


# What a translator's .po may hold: wrapped lines, escapes, plurals, fuzzy and empty entries.
SAMPLE_PO = r"""msgid ""
msgstr ""
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Wrote {path}."
msgstr "Écrit : {path}."

msgid ""
"A long message "
"on two lines with \"quotes\"."
msgstr ""
"Un long message sur "
"deux lignes, « guillemets » et \"quotes\".\n"

#, fuzzy
msgid "Old"
msgstr "Vieux"

msgid "Not yet"
msgstr ""

msgid "{n} coding"
msgid_plural "{n} codings"
msgstr[0] "{n} codage"
msgstr[1] "{n} codages"
"""


@pytest.mark.parametrize("which", ["sample", "project"])
def test_the_program_reads_what_babel_reads(which: str, tmp_path: Path) -> None:
    """Our small .po reader agrees with Babel's on every entry, plural ones included."""
    po = PO
    if which == "sample":
        po = tmp_path / "sample.po"
        po.write_text(SAMPLE_PO, encoding="utf-8")
    singular, plural = i18n.read_po(po.read_text(encoding="utf-8"))
    babel_singular = {k: v[0] for k, v in _catalog(po).items() if len(v) == 1 and v[0]}
    babel_plural = {k: v for k, v in _catalog(po).items() if len(v) > 1 and all(v)}
    assert singular == babel_singular
    assert plural == babel_plural
    if which == "sample":  # fuzzy and empty entries left out, as gettext does
        assert sorted(singular) == ["A long message on two lines with \"quotes\".",
                                    "Wrote {path}."]
        assert plural == {"{n} coding": ["{n} codage", "{n} codages"]}


def test_french_is_shown_under_a_french_language(tmp_path: Path) -> None:
    po = tmp_path / "x.po"
    po.write_text('msgid "Wrote {path}."\nmsgstr "Écrit : {path}."\n\n'
                  '#, fuzzy\nmsgid "Old"\nmsgstr "Vieux"\n\n'
                  'msgid "{n} coding"\nmsgid_plural "{n} codings"\n'
                  'msgstr[0] "{n} codage"\nmsgstr[1] "{n} codages"\n', encoding="utf-8")
    singular, plural = i18n.read_po(po.read_text(encoding="utf-8"))
    assert singular == {"Wrote {path}.": "Écrit : {path}."}
    assert plural == {"{n} coding": ["{n} codage", "{n} codages"]}


def test_no_f_string_is_handed_to_the_translator() -> None:
    bad = [str(path.relative_to(SRC)) for path in SRC.rglob("*.py")
           if re.search(r"\b(_|N_|ngettext)\(\s*f[\"']", path.read_text(encoding="utf-8"))]
    assert not bad, f"_() must get a literal and .format() after it: {bad}"


def test_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert i18n.detect() == "fr"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert i18n.detect() == "en"
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert i18n.detect() == "en"


def test_every_entry_stands_apart() -> None:
    """A merge (the .po merges by union) can glue two entries with no blank line between
    them, and then the second is silently lost; or keep one message twice."""
    text = PO.read_text(encoding="utf-8")
    glued = [block.splitlines()[0] for block in text.split("\n\n")
             if len(re.findall(r"^msgid ", block, re.M)) > 1]
    assert not glued, f"entries glued together (add a blank line): {glued[:3]}"
    seen: set[str] = set()
    twice = []
    for block in text.split("\n\n"):
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', block.split("msgstr")[0], re.M))
        if msgid and msgid in seen:
            twice.append(msgid)
        seen.add(msgid)
    assert not twice, f"messages translated twice: {twice[:3]}"
