"""The command table (cli/commands.py) says where every command is, and what --help says.

`verbatims --help` lists commands from the table without importing their modules,
so a command missing from it, or named with the wrong module, would not be found
or would be listed with the wrong text: these tests say which line to write.
"""

from __future__ import annotations

import importlib
import pkgutil

import click

import verbatims.cli
from tests.conftest import CliRunner
from verbatims.cli import cli, commands
from verbatims.export.figures.registry import FIGURES


def _modules(command: click.Command) -> set[str]:
    """The modules of verbatims.cli whose code a command (and its sub-commands) runs."""
    found = set()
    if command.callback is not None and command.callback.__module__.startswith("verbatims.cli."):
        found.add(command.callback.__module__.rpartition(".")[2])
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            found |= _modules(sub)
    return found


def _defined() -> dict[str, set[str]]:
    """Every top-level command, with the modules that define it or add to it: every
    module of verbatims.cli is imported, so a new one the table misses is found."""
    for info in pkgutil.iter_modules(verbatims.cli.__path__):
        importlib.import_module(f"verbatims.cli.{info.name}")
    return {name: _modules(command) for name, command in cli.commands.items()}


def test_every_command_is_in_the_table_with_its_modules() -> None:
    defined = _defined()
    missing = sorted(set(defined) - set(commands.COMMANDS))
    assert not missing, (f"add {missing} to COMMANDS in src/verbatims/cli/commands.py, "
                         "with the module that defines each and a one-line summary")
    unknown = sorted(set(commands.COMMANDS) - set(defined))
    assert not unknown, f"COMMANDS names {unknown}, which no module defines"
    for name, modules in defined.items():
        assert set(commands.COMMANDS[name][0]) == modules, (
            f"{name!r} is defined or extended in {sorted(modules)}; say so in COMMANDS")


def test_the_figures_are_listed_without_importing_their_registry() -> None:
    assert commands.figure_names() == FIGURES.names()
    assert set(FIGURES.names()) <= set(commands.COMMANDS), (
        "give each figure a line in COMMANDS (module 'figures') so --help translates it")


def test_every_summary_becomes_its_command_s_short_help() -> None:
    context = click.Context(cli)
    for name in commands.names():
        command = cli.get_command(context, name)
        assert command is not None, name
        assert command.short_help, name


def test_help_lists_every_command_in_the_language_asked(run_cli: CliRunner) -> None:
    english = run_cli("--lang", "en", "--help")
    assert english.code == 0
    assert "Create a new project, optionally with a codebook." in english.out
    for name in commands.names():
        assert f"  {name} " in english.out, name
    french = run_cli("--lang", "fr", "--help")
    assert french.code == 0
    assert "Commandes" in french.out and "Créer un nouveau projet" in french.out
    assert "Coder des transcriptions d’entretiens" in french.out
    run_cli("--lang", "en", "--version")


def test_an_unknown_command_is_one_sentence_with_the_nearest_names(run_cli: CliRunner) -> None:
    result = run_cli("sgments")
    assert result.code == 2
    assert "No such command 'sgments'" in result.err and "'segments'" in result.err
    assert "Traceback" not in result.err
