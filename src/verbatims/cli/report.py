"""`verbatims report RECIPE.yaml`: every figure, table and annex of a report, rebuilt at once.

A recipe names each output file and the command that makes it, as a user would
type it without `-o`:

    project: ../demo.sqlite        # optional, relative to the recipe (else --project)
    folder: ../rapport             # optional, relative to the recipe (default: its name)
    lang: fr                       # optional: the language of the outputs
    outputs:
      annexe2.docx: export extracts --code "numérique responsable" --group-by document
      codes.png: map

Everything is built in a staging folder first; if any command fails, nothing in
the report's folder changes and the message names the output. Then each file
that differs from the one in place replaces it, and the command says which
outputs are new, changed, unchanged, or show the same content with a new
provenance (every file carries the digests of the whole project, so a new
coding elsewhere changes its bytes, not what it shows). Outputs carry no clock reading (see
`export.provenance`), so an unchanged project rebuilds identical bytes. A
manifest, `verbatims-report.json`, records each output's command and digest and
the project's digests, so the next run also says what changed in the project.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from verbatims import __version__, i18n
from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.export.provenance import content_digest
from verbatims.files import write_text
from verbatims.i18n import N_, _, ngettext

MANIFEST = "verbatims-report.json"
STAGING = ".verbatims-report-staging"
KEYS = ("project", "folder", "lang", "outputs")
_REFUSED = {"--project", "-p", "-o", "--output", "--lang"}


@dataclass(frozen=True)
class Output:
    name: str
    words: list[str]  # the command's words, without -o

    @property
    def command(self) -> str:
        return shlex.join(["verbatims", *self.words, "-o", self.name])


@dataclass(frozen=True)
class Recipe:
    path: Path
    project: str | None
    folder: Path
    lang: str | None
    outputs: list[Output]


def _where(recipe: Path, key: str) -> str:
    return _("{path}, key {key!r}").format(path=recipe, key=key)


def load(path: Path) -> Recipe:
    """The recipe at `path`, checked: one sentence per mistake, before anything runs."""
    import yaml

    if not path.is_file():
        raise UserError(_("No recipe at {path}; give the path of a .yaml file (see "
                          "docs/report.md).").format(path=path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise UserError(_("{path}{line} is not valid YAML; check its indentation and quotes "
                          "(a command holding \" : \", as French titles do, goes on the next "
                          "line after `>-`).").format(path=path, line=line)) from None
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), dict) or not data[
            "outputs"]:
        raise UserError(_("{path} has no `outputs:`; list each file and the command that makes "
                          "it, e.g. `codes.png: map`.").format(path=path))
    unknown = [k for k in data if k not in KEYS]
    if unknown:
        raise UserError(_("{path} has an unknown key {key!r}; a recipe has {keys}.").format(
            path=path, key=unknown[0], keys=", ".join(KEYS)))
    base = Path(os.path.abspath(path)).parent  # symbolic links kept: paths read as written
    outputs = []
    for name, command in data["outputs"].items():
        name = str(name)
        if not name or Path(name).name != name or name in (MANIFEST, STAGING) or name.startswith(
                "."):
            raise UserError(_("{where}: an output is a plain file name in the report's folder "
                              "(e.g. annexe2.docx), not {name!r}.").format(
                where=_where(path, "outputs"), name=name))
        if isinstance(command, list):
            words = [str(w) for w in command]
        elif isinstance(command, str):
            try:
                words = shlex.split(command)
            except ValueError as error:
                raise UserError(_("{where}: the command of {name} cannot be read ({reason}); "
                                  "check its quotes.").format(
                    where=_where(path, "outputs"), name=name, reason=error)) from None
        else:
            words = []
        if not words:
            raise UserError(_("{where}: {name} has no command; write the command that makes it, "
                              "without `verbatims` and `-o`.").format(
                where=_where(path, "outputs"), name=name))
        if words[0] == "verbatims":
            words = words[1:]
        refused = [w for w in words if w.partition("=")[0] in _REFUSED]
        if refused:
            raise UserError(_("{where}: the command of {name} gives {option}; the recipe names the "
                              "output, the project and the language itself.").format(
                where=_where(path, "outputs"), name=name, option=refused[0]))
        outputs.append(Output(name, [os.path.expanduser(w) if w.startswith("~") else w
                                     for w in words]))
    folder = Path(str(data.get("folder") or path.stem))
    project = data.get("project")
    lang = data.get("lang")
    if lang is not None and str(lang) not in i18n.LANGUAGES:
        raise UserError(_("{where}: the language is one of {languages}, not {lang!r}.").format(
            where=_where(path, "lang"), languages=", ".join(i18n.LANGUAGES), lang=lang))
    return Recipe(path, os.path.normpath(base / str(project)) if project else None,
                  folder if folder.is_absolute() else Path(os.path.normpath(base / folder)),
                  str(lang) if lang is not None else None, outputs)


def _check_command(output: Output) -> None:
    """The command exists and writes a file (it takes -o)."""
    ctx = click.Context(cli)
    command: click.Command | None = cli
    words = list(output.words)
    while isinstance(command, click.Group) and words:
        command = command.get_command(ctx, words[0])
        words = words[1:]
    if command is None or isinstance(command, click.Group):
        raise UserError(_("{name}: `verbatims {command}` is not a command that makes a file; "
                          "see `verbatims --help`.").format(name=output.name,
                                                           command=" ".join(output.words)))
    if command.name == "report" or not any("-o" in p.opts for p in command.params
                                            if isinstance(p, click.Option)):
        raise UserError(_("{name}: `verbatims {command}` writes no file (it takes no -o); a "
                          "recipe lists figures, tables and annexes.").format(
            name=output.name, command=" ".join(output.words)))


def _digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Run with `folder` as the current directory (a recipe's paths are relative to it)."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _run(output: Output, project: str, lang: str, target: Path) -> None:
    """Make one output at `target` with the command line itself, in this process."""
    from verbatims.export import provenance
    from verbatims.pseudo import guard

    provenance.set_command(["verbatims", *output.words, "-o", output.name])
    args = ["--project", project, "--lang", lang, *output.words, "-o", str(target)]
    sink = io.StringIO()
    try:
        # Each output arms its own post-write check (a pseudonymised one checks its file).
        with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink), \
                guard.protecting(None):
            cli.main(args=args, prog_name="verbatims", standalone_mode=False)
    except UserError as error:
        raise UserError(_("{name} (`{command}`): {message}").format(
            name=output.name, command=output.command, message=error.message)) from None
    except click.ClickException as error:
        raise UserError(_("{name} (`{command}`): {message}").format(
            name=output.name, command=output.command, message=error.format_message())) from None
    finally:
        i18n.set_language(lang)
    if not target.is_file():
        raise UserError(_("{name} (`{command}`) wrote no file; check that the command "
                          "makes one.").format(name=output.name, command=output.command))


def _manifest(recipe: Recipe, outputs: dict[str, str], shown: dict[str, str], project: str
              ) -> dict[str, Any]:
    from verbatims.export.provenance import of
    from verbatims.store import Project

    opened = Project.open(project)
    try:
        prov = of(opened)
    finally:
        opened.close()
    return {"verbatims": __version__, "recipe": recipe.path.name,
            "corpus": prov.corpus, "codings": prov.codings, "lexicon": prov.lexicon,
            "outputs": {o.name: {"command": o.command, "sha256": outputs[o.name],
                                 "content": shown[o.name]} for o in recipe.outputs}}


def _previous(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@cli.command("report")
@click.argument("recipe", type=click.Path(path_type=Path))
@click.option("--folder", type=click.Path(path_type=Path),
              help=_("Build into this folder instead of the recipe's."))
@click.option("--check", is_flag=True, help=_("Build and compare, replace nothing; exit 1 if "
                                             "any output would change."))
@pass_ctx
def report(ctx: Context, recipe: Path, folder: Path | None, check: bool) -> None:
    """Rebuild every output of a report (figures, tables, annexes) from RECIPE.yaml."""
    found = load(recipe)
    for output in found.outputs:
        _check_command(output)
    project = found.project or (os.path.abspath(ctx.location) if "://" not in ctx.location
                                else ctx.location)
    target = Path(os.path.abspath(folder)) if folder is not None else found.folder
    lang = found.lang or i18n.language()
    if not target.exists():
        if check:
            raise UserError(_("The report's folder {folder} does not exist yet; build it once "
                              "without --check.").format(folder=target))
        target.mkdir(parents=True)
    staging = target / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    built: dict[str, str] = {}
    shown: dict[str, str] = {}
    try:
        with _inside(Path(os.path.abspath(found.path)).parent):
            for n, output in enumerate(found.outputs, start=1):
                click.echo(_("[{n}/{total}] {name}").format(n=n, total=len(found.outputs),
                                                            name=output.name), err=True)
                _run(output, project, lang, staging / output.name)
                built[output.name] = _digest(staging / output.name) or ""
                shown[output.name] = content_digest(staging / output.name)
        previous = _previous(target)
        manifest = _manifest(found, built, shown, project)
        states: dict[str, str] = {}
        for output in found.outputs:
            old = target / output.name
            before = _digest(old)
            if before is None:
                states[output.name] = "new"
            elif before == built[output.name]:
                states[output.name] = "unchanged"
            elif content_digest(old) == shown[output.name]:
                states[output.name] = "restamped"  # same content, new provenance
            else:
                states[output.name] = "changed"
        if not check:
            for output in found.outputs:
                if states[output.name] != "unchanged":
                    os.replace(staging / output.name, target / output.name)
            text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
            if _digest(target / MANIFEST) != hashlib.sha256(text.encode("utf-8")).hexdigest():
                write_text(target / MANIFEST, text)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _say(found, target, states, previous, manifest, check)
    changed = sum(s in ("new", "changed") for s in states.values())
    if check and changed:  # for scripts and CI: the report is not up to date
        raise UserError(ngettext("{n} output would change; rebuild the report.",
                                 "{n} outputs would change; rebuild the report.",
                                 changed).format(n=changed), exit_code=1)


STATES = {"new": N_("new"), "changed": N_("changed"), "unchanged": N_("unchanged"),
          "restamped": N_("same content (provenance updated)")}


def _say(recipe: Recipe, folder: Path, states: dict[str, str], previous: dict[str, Any],
         manifest: dict[str, Any], check: bool) -> None:
    width = max(len(name) for name in states)
    for name, state in states.items():
        click.echo(f"  {name.ljust(width)}  {_(STATES[state])}")
    changed = [n for n, s in states.items() if s in ("new", "changed")]
    if previous:
        what = [label for key, label in (("corpus", _("the corpus")),
                                         ("codings", _("the codings")),
                                         ("lexicon", _("the stop words and expressions")))
                if previous.get(key) and previous.get(key) != manifest.get(key)]
        if what:
            click.echo(_("Since the last build, {what} changed.").format(what=_(" and ").join(
                what)))
        gone = [n for n in previous.get("outputs", {}) if n not in states]
        for name in gone:
            click.echo(_("  {name}  no longer in the recipe (left in place)").format(name=name))
    if not changed:
        click.echo(ngettext("{n} output in {folder}, unchanged.",
                            "{n} outputs in {folder}, all unchanged.", len(states)).format(
            n=len(states), folder=folder))
    elif check:
        click.echo(ngettext("{k} of {n} outputs in {folder} would change.",
                            "{k} of {n} outputs in {folder} would change.", len(changed)).format(
            k=len(changed), n=len(states), folder=folder))
    else:
        click.echo(ngettext("{k} of {n} outputs in {folder} new or changed.",
                            "{k} of {n} outputs in {folder} new or changed.",
                            len(changed)).format(k=len(changed), n=len(states), folder=folder))
