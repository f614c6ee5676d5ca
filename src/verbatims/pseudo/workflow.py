"""Finding, deciding and applying pseudonyms for a whole project.

`find()` gathers candidates, `decide()` merges them with the decisions already
in the key file (a name keeps its label across runs, so every export agrees),
and `pseudonymizer()` loads the key for an export after checking that it
covers every name the project records as accepted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from verbatims.errors import UserError
from verbatims.pseudo import candidates as cands
from verbatims.pseudo import keyfile
from verbatims.pseudo.keyfile import Decision
from verbatims.pseudo.replace import Pseudonymizer
from verbatims.store import Project
from verbatims.store import pseudonyms as store

Review = Callable[[cands.Candidate, str], tuple[str, str] | None]
"""Given a candidate and its proposed label: (decision, replacement), or None to stop."""


def corpus(project: Project) -> dict[str, str]:
    return {d.name: project.text(d.id) for d in project.documents()}


def find(project: Project, lists: Sequence[Path] = (), ner: bool = True) -> list[
        cands.Candidate]:
    listed = [c for path in lists for c in cands.read_list(path)]  # a bad path fails at once
    texts = corpus(project)
    speakers = {t.speaker for d in project.documents() for t in project.turns(d.id)
                if t.speaker}
    themes = [t for c in project.codes() for t in (c.name, *c.keywords)]
    found = cands.from_ner(texts, speakers, themes) if ner else []
    cands.count(listed, texts)
    by_key = {c.key: c for c in found}
    for cand in listed:  # a user list wins over the model's guess of the kind
        by_key[cand.key] = cand
    return sorted(by_key.values(), key=lambda c: (-c.count, c.name.casefold()))


def _label_base(kind: str) -> tuple[str, bool]:
    if kind in cands.KINDS:
        return cands.KINDS[kind], kind == "PER"
    return kind, False


def decide(found: Sequence[cands.Candidate], existing: Sequence[Decision],
           review: Review | None = None) -> list[Decision]:
    """Existing decisions kept; each new candidate accepted (or reviewed) with a fresh label."""
    known = {cands.normal(d.name) for d in existing}
    decisions = list(existing)
    taken = {d.replacement for d in existing if d.replacement}
    for cand in found:
        if cand.key in known:
            continue
        base, letters = _label_base(cand.kind)
        label = keyfile.next_label(base, taken, letters)
        answer: tuple[str, str] | None = ("accepted", label)
        if review is not None:
            answer = review(cand, label)
        if answer is None:
            break
        decision, replacement = answer
        if decision == "accepted":
            taken.add(replacement)
        decisions.append(Decision(cand.name, replacement if decision == "accepted" else "",
                                  cand.kind, decision, cand.aliases))
        known.add(cand.key)
    return decisions


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def save(project: Project, key_path: Path, decisions: Sequence[Decision]) -> None:
    """Write the key file, then the project's digests of it (never the names)."""
    keyfile.write(key_path, list(decisions))
    store.record(project, [(cands.normal(d.name), d.decision, d.replacement, d.category)
                           for d in decisions])
    project.set_meta(store.KEY_PATH, str(key_path.resolve()))


def key_path(project: Project, given: Path | None) -> Path:
    if given is not None:
        return given
    remembered = project.get_meta(store.KEY_PATH)
    if not remembered:
        raise UserError("This project has no pseudonymisation key yet; run `verbatims "
                        "pseudonymize --key FILE.csv` (FILE outside the project folder), "
                        "or give --key.")
    return Path(remembered)


def pseudonymizer(project: Project, given: Path | None, output: Path | None = None
                  ) -> Pseudonymizer:
    """The key's replacements, refused if the key misses accepted names or is the output."""
    path = key_path(project, given)
    if output is not None and path.resolve() == output.resolve():
        raise UserError(f"The export {output} would overwrite the key file; the key must never "
                        "be inside an export, choose another -o.")
    decisions = keyfile.read(path)
    lost = store.missing(project, [cands.normal(d.name) for d in decisions
                                   if d.decision == "accepted"])
    if lost:
        raise UserError(f"The key file {path} lacks {len(lost)} accepted name(s) of this "
                        f"project (e.g. {lost[0]}); give the right --key or run "
                        "`verbatims pseudonymize` again.")
    entries = [d.entry() for d in decisions if d.decision == "accepted"]
    return Pseudonymizer(entries)
