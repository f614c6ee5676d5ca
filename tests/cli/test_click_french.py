"""Click's own words (usage, help sections, errors) in French under a French locale."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir

from tests.conftest import CliRunner
from verbatims.i18n import LOCALE_DIR, read_po, set_language

CATALOG = LOCALE_DIR / "fr" / "LC_MESSAGES" / "click.po"
FIELD = re.compile(r"\{(\w*)[^}]*\}|%\((\w+)\)s")


def _click_strings() -> set[str]:
    found: set[str] = set()
    for _f, _l, message, _c, _ctx in extract_from_dir(str(Path(click.__file__).parent),
                                                     keywords={"_": None,
                                                               "ngettext": (1, 2)}):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_entry_is_a_string_click_says_with_its_placeholders() -> None:
    singular, plural = read_po(CATALOG.read_text(encoding="utf-8"))
    assert len(singular) + len(plural) > 50
    unknown = (set(singular) | set(plural)) - _click_strings()
    assert not unknown, f"not in the installed Click (upgraded?): {sorted(unknown)}"
    for msgid, msgstr in singular.items():
        wanted = {m for pair in FIELD.findall(msgid) for m in pair if m}
        got = {m for pair in FIELD.findall(msgstr) for m in pair if m}
        assert got == wanted, (msgid, msgstr)


def test_usage_errors_and_help_are_french(run_cli: CliRunner) -> None:
    try:
        bad = run_cli("--lang", "fr", "cooc", "--top", "abc")
        assert bad.code == 2
        assert "Valeur invalide pour '--top'" in bad.err and "Invalid" not in bad.err
        typo = run_cli("--lang", "fr", "--versio")
        assert "Pas d’option '--versio'. Vouliez-vous dire '--version' ?" in typo.err
        shown = run_cli("--lang", "fr", "cooc", "--help")
        assert shown.out.startswith("Usage : verbatims cooc")
        assert "Afficher cette aide et quitter." in shown.out
        english = run_cli("--lang", "en", "cooc", "--top", "abc")
        assert "Invalid value for '--top'" in english.err
    finally:
        set_language("en")


@pytest.mark.parametrize("lang, word", [("fr", "Commandes"), ("en", "Commands")])
def test_the_command_list_heading(run_cli: CliRunner, lang: str, word: str) -> None:
    try:
        assert f"\n{word}:\n" in run_cli("--lang", lang, "--help").out
    finally:
        set_language("en")
