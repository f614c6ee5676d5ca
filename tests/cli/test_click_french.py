"""Click's own words (usage, help sections, errors) in French under a French locale."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
        english = run_cli("--lang", "en", "cooc", "--top", "abc")
        assert "Invalid value for '--top'" in english.err
    finally:
        set_language("en")


def test_help_in_a_french_terminal() -> None:
    """As typed: Click builds each command's --help option once per process, in the
    language of the moment, so this runs the installed program."""
    program = Path(sys.executable).parent / "verbatims"
    env = {**os.environ, "LANG": "fr_FR.UTF-8", "LANGUAGE": "", "LC_ALL": "",
           "LC_MESSAGES": ""}
    shown = subprocess.run([str(program), "cooc", "--help"], capture_output=True, text=True,
                           env=env, check=True, timeout=120)
    assert shown.stdout.startswith("Usage : verbatims cooc")
    assert "Afficher cette aide et quitter." in shown.stdout
    assert "Show this message" not in shown.stdout


@pytest.mark.parametrize("lang, word", [("fr", "Commandes"), ("en", "Commands")])
def test_the_command_list_heading(run_cli: CliRunner, lang: str, word: str) -> None:
    try:
        assert f"\n{word}:\n" in run_cli("--lang", lang, "--help").out
    finally:
        set_language("en")
