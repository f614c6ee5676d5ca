"""Finding, deciding and applying pseudonyms for a whole project.

`find()` gathers candidates, `decide()` merges them with the decisions already
in the key file (a name keeps its label across runs, so every export agrees),
`save()` writes the key and tells the project only the key's identity, and
`pseudonymizer()` loads the key for an export after checking that it is this
project's current key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import _, ngettext
from verbatims.pseudo import candidates as cands
from verbatims.pseudo import keyfile
from verbatims.pseudo.keyfile import Decision, KeyInfo
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.store import Project
from verbatims.store import pseudonyms as store

Review = Callable[[Sequence[cands.Candidate], dict[str, str]], dict[str, tuple[str, str]] | None]
"""Given the new candidates and their proposed labels (by key): the decisions made,
key → (decision, replacement); candidates left out stay undecided."""


def corpus(project: Project) -> dict[str, str]:
    return {d.name: project.text(d.id) for d in project.documents()}


def find(project: Project, lists: Sequence[Path] = (), ner: bool = True,
         model: str = "sm") -> list[cands.Candidate]:
    """Every candidate of the project, most frequent first (user lists win)."""
    listed = [c for path in lists for c in cands.read_list(path)]  # a bad path fails at once
    docs = project.documents()
    texts = {d.name: project.text(d.id) for d in docs}
    speakers = {t.speaker for d in docs for t in project.turns(d.id) if t.speaker}
    themes = [t for c in project.codes() for t in (c.name, *c.keywords)]
    names = [d.name for d in docs] + [Path(d.source_path).name for d in docs if d.source_path]
    values = [(k, v) for attrs in project.attributes().values() for k, v in attrs.items()
              if isinstance(v, str)]
    found = cands.from_ner(texts, speakers, themes, document_names=names, attributes=values,
                           model=model) if ner else []  # --no-ner: the user's lists alone
    cands.count(listed, texts, names)
    by_key = {c.key: c for c in found}
    for cand in listed:  # a user list wins over the model's guess of the kind
        by_key[cand.key] = cand
    rejected = store.rejected(project)
    listed_keys = {c.key for c in listed}
    return sorted((c for c in by_key.values() if c.key not in rejected or c.key in listed_keys),
                  key=lambda c: (-c.count, c.name.casefold()))


def label_base(kind: str) -> tuple[str, bool]:
    """The label's word and whether it counts in letters ("[Personne A]", "[Lieu 1]")."""
    if kind in cands.KINDS:
        return cands.KINDS[kind], kind == "PER"
    return kind, False


def proposals(found: Sequence[cands.Candidate], existing: Sequence[Decision]
              ) -> tuple[list[cands.Candidate], dict[str, str]]:
    """The candidates not decided yet, and the fresh label each would get."""
    known = {cands.normal(d.name) for d in existing}
    taken = {d.replacement for d in existing if d.replacement}
    new, labels = [], {}
    for cand in found:
        if cand.key in known:
            continue
        base, letters = label_base(cand.kind)
        label = keyfile.next_label(base, taken, letters)
        taken.add(label)
        labels[cand.key] = label
        new.append(cand)
        known.add(cand.key)
    return new, labels


def decide(found: Sequence[cands.Candidate], existing: Sequence[Decision],
           review: Review | None = None) -> list[Decision]:
    """Existing decisions kept; each new candidate accepted (or reviewed) with a fresh label."""
    new, labels = proposals(found, existing)
    answers: dict[str, tuple[str, str]] | None
    if review is None:
        answers = {c.key: ("accepted", labels[c.key]) for c in new}
    else:
        answers = review(new, labels) if new else {}
    decisions = list(existing)
    for cand in new:
        decision, replacement = (answers or {}).get(cand.key, ("", ""))
        if not decision:
            continue
        decisions.append(Decision(cand.name, replacement if decision == "accepted" else "",
                                  cand.kind, decision, cand.aliases))
    return decisions


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def save(project: Project, key_path: Path, decisions: Sequence[Decision],
         previous: KeyInfo | None = None) -> KeyInfo:
    """Write the key file, then the project's record of it (never a name it accepts)."""
    held = store.state(project)
    if previous is not None and previous.key_id:
        info = previous.next()
    elif held.key_id:
        info = KeyInfo(held.key_id, held.generation).next()
    else:
        info = KeyInfo.new()
    if held.generation >= info.generation:
        info = KeyInfo(info.key_id, held.generation + 1)
    keyfile.write(key_path, list(decisions), info)
    store.record(project, str(info.key_id), info.generation,
                 sum(d.decision == "accepted" for d in decisions),
                 [(cands.normal(d.name), d.category) for d in decisions
                  if d.decision == "rejected"])
    project.set_meta(store.KEY_PATH, str(key_path.resolve()))
    return info


def key_path(project: Project, given: Path | None) -> Path:
    if given is not None:
        return given
    remembered = project.get_meta(store.KEY_PATH)
    if not remembered:
        raise UserError(_("This project has no pseudonymisation key yet; run `verbatims "
                          "pseudonymize --key FILE.csv` (FILE outside the project folder), "
                          "or give --key."))
    return Path(remembered)


def load_key(project: Project, path: Path, deciding: bool = False
             ) -> tuple[KeyInfo, list[Decision]]:
    """The key's decisions, refused if the key is another project's or an older copy.

    For an export, a key that accepts fewer names than the project recorded is
    refused too; `deciding` (a `pseudonymize` run, which rewrites the record)
    takes the key as it is, hand edits included.
    """
    info, decisions = keyfile.read_key(path)
    held = store.state(project)
    accepted = sum(d.decision == "accepted" for d in decisions)
    if held.key_id and info.key_id and info.key_id != held.key_id:
        raise UserError(_("The key file {path} belongs to another project; give this "
                          "project's key with --key.").format(path=path))
    if held.key_id and not info.key_id and not held.legacy:
        raise UserError(_("The key file {path} has no verbatims key line, so it cannot be "
                          "this project's key; give the key written by `verbatims "
                          "pseudonymize`.").format(path=path))
    if held.key_id and info.key_id and info.generation < held.generation:
        raise UserError(_("The key file {path} is an older copy (generation {old}; the project "
                          "was last pseudonymised with generation {new}); give the current "
                          "key.").format(path=path, old=info.generation, new=held.generation))
    if accepted < held.accepted and not deciding:
        lost = held.accepted - accepted
        raise UserError(ngettext(
            "The key file {path} lacks {n} accepted name of this project; give the right "
            "--key or run `verbatims pseudonymize` again.",
            "The key file {path} lacks {n} accepted names of this project; give the right "
            "--key or run `verbatims pseudonymize` again.", lost).format(path=path, n=lost))
    return info, decisions


def pseudonymizer(project: Project, given: Path | None, output: Path | None = None
                  ) -> Pseudonymizer:
    """The key's replacements, refused if the key is not this project's or is the output."""
    path = key_path(project, given)
    if output is not None and path.resolve() == output.resolve():
        raise UserError(_("The export {output} would overwrite the key file; the key must "
                          "never be inside an export, choose another -o.").format(output=output))
    _info, decisions = load_key(project, path)
    entries = [d.entry() for d in decisions if d.decision == "accepted"]
    return Pseudonymizer(entries)
