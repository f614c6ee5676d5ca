"""`verbatims pseudonymize`: find names, decide, write the key; `--check` exported files.

Every command that takes `--pseudonymize` gets its pseudonymiser from
`hide_names()`, which also arms the post-write check (`pseudo.guard`) for the
rest of the command, and hands its writer `shown(project, pz)`: the project as
a pseudonymised export may see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from verbatims.cli.base import Context, cli, pass_ctx
from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.store import Project

KEY_HELP = "Pseudonymisation key file (.csv or .yaml, kept outside the project)."


def hide_names(project: Project, pseudonymize: bool, key: Path | None, output: Path | None
               ) -> Pseudonymizer | None:
    """The pseudonymiser of `--pseudonymize [--key]`, checked before any work; None without.

    From here on, every file the command writes is checked for names before it
    gets its final name.
    """
    if not pseudonymize:
        if key is not None:
            raise UserError(_("--key is only used with --pseudonymize; add --pseudonymize."))
        return None
    from verbatims.pseudo import guard
    from verbatims.pseudo.workflow import pseudonymizer

    pz = pseudonymizer(project, key, output)
    guard.activate(pz)
    return pz


def shown(project: Project, pz: Pseudonymizer | None) -> Project:
    """The project itself, or its pseudonymised view when names are to be hidden."""
    from verbatims.pseudo.view import shown as view_of

    return view_of(project, pz)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", "check", is_flag=True, help=_("Read exported FILES and list every "
              "accepted name still in them (exit 1 if any)."))
@click.option("--review", is_flag=True, help=_("Decide each new candidate, by category: accept, "
              "reject or choose its replacement."))
@click.option("--key", type=click.Path(path_type=Path), help=KEY_HELP + " Default: the key "
              "used last time.")
@click.option("--list", "lists", multiple=True, type=click.Path(path_type=Path),
              help=_("A file of names to hide, one per line, optionally `name ; Label`."))
@click.option("--no-ner", is_flag=True, help=_("Only the names of --list, no automatic search."))
@click.option("--model", type=click.Choice(["sm", "md"]), default="sm", show_default=True,
              help=_("spaCy's French model for names: sm, or md (pip install "
                   "'verbatims[md]'; see the README's figures)."))
@click.option("--label", "label", help=_("How exports name each interview instead of its file "
              "name: {n} its rank, {attribute} an attribute (default \"Entretien {n}\")."))
@pass_ctx
def pseudonymize(ctx: Context, files: tuple[Path, ...], check: bool, review: bool,
                 key: Path | None, lists: tuple[Path, ...], no_ner: bool, model: str,
                 label: str | None) -> None:
    """Find names (people, organisations, places, contacts), decide replacements, write the key.

    With --check FILE..., read exported files instead and list the names still in them.
    """
    if check:
        _check(ctx, files, key)
        return
    if files:
        raise UserError(_("pseudonymize takes files only with --check; add --check to read "
                          "exported files."))
    from verbatims.pseudo import keyfile, workflow
    from verbatims.store import pseudonyms as store
    from verbatims.store.engine import sqlite_path

    project = ctx.project
    path = workflow.key_path(project, key)
    keyfile.check_target(path)
    folder = sqlite_path(project.location)
    if folder is not None and workflow.inside(path, folder.parent):
        click.echo(_("warning: the key {path} is inside the project folder; keep it apart from "
                     "the project and never send it with an export.").format(path=path),
                   err=True)
    info, existing = (workflow.load_key(project, path, deciding=True) if path.exists()
                      else (None, []))
    if label is not None:
        if not label.strip():
            raise UserError(_("--label is empty; give a template such as \"Entretien {n}\"."))
        project.set_meta(store.LABELS, label.strip())
    click.echo(_("Looking for names…"), err=True)
    found = workflow.find(project, lists, ner=not no_ner, model=model)
    decisions = workflow.decide(found, existing, _review if review else None)
    workflow.save(project, path, decisions, info)
    accepted = sum(d.decision == "accepted" for d in decisions)
    new = len(decisions) - len(existing)
    click.echo(_("{found} candidates, {new} new decisions; {accepted} names will be replaced. "
                 "Key written to {path} (keep it outside the project).").format(
                     found=len(found), new=new, accepted=accepted, path=path))


CATEGORY_NAMES = {"PER": "Personnes", "ORG": "Organisations", "LOC": "Lieux",
                  "EMAIL": "Courriels", "PHONE": "Téléphones", "ADDRESS": "Adresses",
                  "URL": "Liens"}


def _review(found: Sequence[object], labels: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Show the new candidates by category with counts and context, and ask for each."""
    from verbatims.pseudo.candidates import Candidate

    cands = [c for c in found if isinstance(c, Candidate)]
    order = list(CATEGORY_NAMES)
    groups: dict[str, list[Candidate]] = {}
    for cand in cands:
        groups.setdefault(cand.kind, []).append(cand)
    answers: dict[str, tuple[str, str]] = {}
    for kind in sorted(groups, key=lambda k: (order.index(k) if k in order else len(order), k)):
        items = groups[kind]
        click.echo("")
        click.echo(ngettext("{category}: {n} candidate", "{category}: {n} candidates",
                            len(items)).format(category=CATEGORY_NAMES.get(kind, kind),
                                               n=len(items)))
        for n, cand in enumerate(items, start=1):
            click.echo(f"  {n:>3}. {cand.name}  ×{cand.count} " + ngettext(
                "in {n} document", "in {n} documents", len(cand.documents)).format(
                    n=len(cand.documents)))
            if cand.context:
                click.echo(f"       « {cand.context.strip()} »")
        rest: str | None = None
        for cand in items:
            label = labels[cand.key]
            if rest is not None:
                answers[cand.key] = ("accepted", label) if rest == "a" else ("rejected", "")
                continue
            click.echo("")
            click.echo(f"{cand.name}  ({CATEGORY_NAMES.get(kind, kind)}, ×{cand.count})")
            if cand.context:
                click.echo(f"   « {cand.context.strip()} »")
            try:
                answer = click.prompt(_("   [a]ccept as {label}, [r]eject, [c]hoose a "
                                        "replacement, [A]ccept or [R]eject the rest of this "
                                        "category, [q]uit").format(label=label), default="a",
                                      show_default=False).strip()
            except click.exceptions.Abort:  # ctrl+c or the end of input: keep what was said
                click.echo("", err=True)
                return answers
            if answer.lower().startswith("q"):
                return answers
            if answer in ("A", "R"):
                rest = answer.lower()
                answers[cand.key] = ("accepted", label) if rest == "a" else ("rejected", "")
            elif answer.lower().startswith("r"):
                answers[cand.key] = ("rejected", "")
            elif answer.lower().startswith("c"):
                try:
                    replacement = click.prompt(_("   replacement"), default=label).strip()
                except click.exceptions.Abort:
                    return answers
                answers[cand.key] = ("accepted", replacement or label)
            else:
                answers[cand.key] = ("accepted", label)
    return answers


def _check(ctx: Context, files: tuple[Path, ...], key: Path | None) -> None:
    from verbatims.pseudo import keyfile, workflow
    from verbatims.pseudo.check import check_file

    if not files:
        raise UserError(_("--check needs the exported files to read, e.g. `verbatims "
                          "pseudonymize --check annexe.docx grille.xlsx`."))
    if key is not None:  # the key alone is enough: files may be checked away from the project
        decisions = keyfile.read(key)
        pz = Pseudonymizer([d.entry() for d in decisions if d.decision == "accepted"])
    else:
        pz = workflow.pseudonymizer(ctx.project, None)
    total = 0
    for path in files:
        findings = check_file(path, pz)
        total += len(findings)
        for f in findings:
            click.echo(f"{f.file}: {f.where}: {f.name} (« {f.found} ») … {f.context} …")
    if total:
        click.echo(ngettext("{n} accepted name found in the files checked.",
                            "{n} accepted names found in the files checked.", total)
                   .format(n=total), err=True)
        click.get_current_context().exit(1)
    click.echo(ngettext("No accepted name in {n} file.", "No accepted name in {n} files.",
                        len(files)).format(n=len(files)))
