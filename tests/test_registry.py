"""The plug-in registry: a format is a module, found by its name, loaded when asked for."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from verbatims.errors import UserError
from verbatims.export import registry as exports
from verbatims.export.figures.registry import FIGURES, forms, ordered
from verbatims.registry import Registry

Greeter = Callable[[str], str]


@pytest.fixture
def plugins(tmp_path: Path) -> Iterator[Registry[Greeter]]:
    """A real package `vbt_plugins` on sys.path with two plug-in modules and a helper."""
    package = tmp_path / "vbt_plugins"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent('''
        from verbatims.registry import Registry
        GREETERS = Registry("greeting", __name__, "greet_")
    '''), encoding="utf-8")
    (package / "greet_fr.py").write_text(textwrap.dedent('''
        """French greeting."""
        from vbt_plugins import GREETERS

        @GREETERS.register(suffixes=(".fr", ".be"))
        def greet(name):
            return "Bonjour " + name
    '''), encoding="utf-8")
    (package / "greet_en.py").write_text(textwrap.dedent('''
        from vbt_plugins import GREETERS

        @GREETERS.register()
        def greet(name):
            """English greeting."""
            return "Hello " + name
    '''), encoding="utf-8")
    (package / "helpers.py").write_text("raise ImportError('never imported')\n",
                                        encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import vbt_plugins

        yield vbt_plugins.GREETERS
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m.startswith("vbt_plugins")]:
            del sys.modules[name]


def test_names_come_from_module_names_without_importing(plugins: Registry[Greeter]) -> None:
    assert plugins.names() == ["en", "fr"]
    assert "vbt_plugins.greet_fr" not in sys.modules  # listing imported nothing
    assert plugins.get("fr")("Anne") == "Bonjour Anne"
    assert "vbt_plugins.greet_fr" in sys.modules and "vbt_plugins.greet_en" not in sys.modules
    entry = plugins.entry("FR")
    assert entry.help == "French greeting." and entry.suffixes == (".fr", ".be")
    assert plugins.entry("en").help == "English greeting." and "en" in plugins


def test_lookups_by_suffix_and_mistakes(plugins: Registry[Greeter]) -> None:
    assert plugins.for_path("salut.be").name == "fr"
    assert plugins.for_path(Path("hi.en")).name == "en"
    with pytest.raises(UserError, match="There is no greeting 'de'; choose one of en, fr"):
        plugins.get("de")
    with pytest.raises(UserError, match=r"a\.de: verbatims has no greeting for \.de files; use "
                       r"one of \.be, \.en, \.fr\."):
        plugins.for_path("a.de")


def test_a_module_that_registers_nothing_is_a_bug_said_so(plugins: Registry[Greeter]) -> None:
    folder = Path(sys.path[0]) / "vbt_plugins"
    (folder / "greet_broken.py").write_text("x = 1\n", encoding="utf-8")
    assert "broken" in plugins.names()
    with pytest.raises(LookupError, match="greet_broken registers nothing"):
        plugins.get("broken")


def test_a_module_can_only_register_its_own_name(plugins: Registry[Greeter]) -> None:
    with pytest.raises(LookupError, match="plug-ins are the modules vbt_plugins.greet_<name>"):
        plugins.register()  # called from this test module, not from a plug-in


def test_every_export_format_is_a_module_the_cli_offers(run_cli: Callable[..., object]
                                                       ) -> None:
    assert set(exports.EXTRACTS.names()) >= {"csv", "docx", "html", "md", "odt", "txt", "xlsx"}
    assert exports.GRID.names() == ["docx", "html", "odt", "xlsx"]
    assert exports.PROJECT.names() == ["qdpx"] and exports.CODEBOOK.names() == ["qdc", "yaml"]
    assert exports.CODEBOOK_READERS.for_path("grille.yml").name == "yaml"
    for kind, registry in exports.KINDS.items():
        for entry in registry.entries():
            assert callable(entry.value) and entry.help, (kind, entry.name)


def test_every_figure_has_a_command_and_a_form(run_cli: Callable[..., object]) -> None:
    names = [name for name, _figure in ordered()]
    assert set(names) == {"cooc", "cloud", "map", "saturation", "similitude", "stats",
                          "specificities", "ca", "chd"}
    from verbatims.cli import cli
    from verbatims.tui.figures import KINDS

    for name, figure in ordered():
        assert name in cli.commands and cli.commands[name].help == FIGURES.entry(name).help
        flags = {f for p in cli.commands[name].params for f in getattr(p, "opts", [])}
        assert "-o" in flags and all(set(o.cli_flags) <= flags for o in figure.options)
        assert ("--where" in flags) == figure.takes("where")
    assert list(KINDS) == list(forms()) == ["cooc", "specific", "cloud", "similitude", "map",
                                            "saturation", "stats", "specificities", "ca",
                                            "chd"]
    assert KINDS["stats"].formats == ("xlsx", "csv") and KINDS["map"].stem == "codemap"


def _make(project: object, output: Path, *, top: int = 30, score: float | None = None,
          label: str | None = None, everything: bool = False,
          where: tuple[tuple[str, str], ...] = ()) -> str:
    return "done"


def test_figure_options_read_types_and_defaults_from_the_signature() -> None:
    from verbatims.export.figures.registry import Figure, Option

    options = (Option("top", "How many."), Option("score", "Threshold."),
               Option("label", "A label."), Option("everything", "All of them."))
    figure = Figure(make=_make, formats=("png",), options=options)
    assert [figure.value_type(o) for o in options] == [int, float, str, bool]
    assert figure.default("top") == 30 and figure.default("score") is None
    assert figure.takes("where") and not figure.takes("progress")
    assert options[3].cli_flags == ("--everything",)
