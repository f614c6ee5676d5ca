"""The key: real name → replacement, in a CSV or YAML file the user keeps apart.

The key never enters the project or an export. It carries an id and a
generation that the project also records (see `store/pseudonyms.py`), so an
export can tell this project's current key from another project's or an older
copy, without the project holding a single name or label. A key written before
ids existed has none and still reads.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

import yaml

from verbatims import yamlsafe
from verbatims.errors import UserError
from verbatims.files import write_text
from verbatims.i18n import _
from verbatims.pseudo.replace import KeyEntry

FIELDS = ["name", "replacement", "category", "decision", "aliases"]
SUFFIXES = (".csv", ".yaml", ".yml")
_HEADER = re.compile(r"^\W*#\s*verbatims key\s+(?P<id>[0-9a-f]{8,64})\s+generation\s+"
                     r"(?P<gen>\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class KeyInfo:
    """Which key this is: the same id for the life of a project's key, a generation per run."""

    key_id: str | None
    generation: int

    @staticmethod
    def new() -> KeyInfo:
        return KeyInfo(secrets.token_hex(16), 1)

    def next(self) -> KeyInfo:
        return KeyInfo(self.key_id or secrets.token_hex(16), self.generation + 1)


@dataclass(frozen=True)
class Decision:
    """One name as the key file holds it: accepted (with its label) or rejected."""

    name: str
    replacement: str
    category: str
    decision: str  # "accepted" | "rejected"
    aliases: tuple[str, ...] = ()

    def entry(self) -> KeyEntry:
        return KeyEntry(self.name, self.replacement, self.category, self.aliases)


def check_path(path: Path) -> None:
    if path.suffix.lower() not in SUFFIXES:
        raise UserError(_("The key file {path} must end in .csv or .yaml, so that it can be read "
                          "back.").format(path=path))


def check_target(path: Path) -> None:
    """Before any work: the key can be written where the user asked."""
    check_path(path)
    if path.is_dir():
        raise UserError(_("The key file {path} is a folder; give a file name ending in .csv or "
                          ".yaml with --key.").format(path=path))
    if not path.parent.is_dir():
        raise UserError(_("The folder {folder} of the key file does not exist; create it or choose "
                          "another --key path.").format(folder=path.parent))


def read(path: Path) -> list[Decision]:
    return read_key(path)[1]


def read_key(path: Path) -> tuple[KeyInfo, list[Decision]]:
    """The key's identity and its decisions."""
    check_path(path)
    if not path.is_file():
        raise UserError(_("The key file {path} does not exist; run `verbatims pseudonymize --key "
                          "{path}` first, or give the right --key.").format(path=path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(_("The key file {path} is not UTF-8 text; give the key written by "
                          "`verbatims pseudonymize`.").format(path=path)) from None
    info = KeyInfo(None, 0)
    try:
        if path.suffix.lower() == ".csv":
            first, _sep, rest = text.partition("\n")
            if m := _HEADER.match(first):
                info = KeyInfo(m["id"].lower(), int(m["gen"]))
                text = rest
            elif first.lstrip().startswith("#"):
                text = rest
            reader = csv.DictReader(io.StringIO(text))
            rows = list(reader)
            if text.strip() and "name" not in (reader.fieldnames or []):
                raise UserError(_("The key file {path} has no `name` column, so it is not a "
                                  "pseudonymisation key; give the right --key.").format(path=path))
        else:
            loaded = yamlsafe.load(text, _("The key file {path}").format(path=path)) or []
            if isinstance(loaded, dict) and "names" not in loaded:
                raise UserError(_("The key file {path} has no `names:` list, so it is not a "
                                  "pseudonymisation key; give the right --key.").format(path=path))
            rows = loaded.get("names", []) if isinstance(loaded, dict) else loaded
            head = loaded.get("key") if isinstance(loaded, dict) else None
            if isinstance(head, dict) and re.fullmatch(r"[0-9a-f]{8,64}", str(head.get("id"))):
                gen = head.get("generation")
                info = KeyInfo(str(head["id"]), gen if isinstance(gen, int) else 0)
    except (csv.Error, yaml.YAMLError) as exc:
        raise UserError(_("The key file {path} cannot be read ({error}); fix it or give the right "
                          "--key.").format(path=path, error=_one_line(exc))) from None
    if not isinstance(rows, list):
        raise UserError(_("The key file {path} must hold a list of names.").format(path=path))
    out = []
    for n, row in enumerate(rows, start=2):
        if not isinstance(row, dict) or not str(row.get("name") or "").strip():
            raise UserError(_("The key file {path}, entry {entry}, has no `name`; every entry "
                              "needs name and replacement.").format(path=path, entry=n - 1))
        decision = str(row.get("decision") or "accepted").strip().lower()
        if decision not in ("accepted", "rejected"):
            raise UserError(_("The key file {path}, entry {entry}: the decision {decision!r} "
                              "must be accepted or rejected; correct it.").format(
                                  path=path, entry=n - 1, decision=decision))
        replacement = str(row.get("replacement") or "").strip()
        if decision == "accepted" and not replacement:
            raise UserError(_("The key file {path}: {name!r} is accepted but has no replacement; "
                              "give one or mark it rejected.").format(path=path,
                                                                      name=str(row["name"])))
        raw_aliases = row.get("aliases") or ""
        alias_list = (raw_aliases if isinstance(raw_aliases, list)
                      else re.split(r"\s*\|\s*", str(raw_aliases)))
        out.append(Decision(str(row["name"]).strip(), replacement,
                            str(row.get("category") or "").strip(), decision,
                            tuple(a.strip() for a in alias_list if str(a).strip())))
    return info, out


def _one_line(exc: Exception) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is not None and problem:
        return f"line {mark.line + 1}: {problem}"
    return " ".join(str(exc).split())


def write(path: Path, decisions: list[Decision], info: KeyInfo | None = None) -> None:
    """Write the key atomically, readable only by its owner (mode 0600)."""
    check_target(path)
    info = info or KeyInfo.new()
    rows = [{"name": d.name, "replacement": d.replacement, "category": d.category,
             "decision": d.decision, "aliases": " | ".join(d.aliases)} for d in decisions]
    if path.suffix.lower() == ".csv":
        buffer = io.StringIO()
        buffer.write(f"# verbatims key {info.key_id} generation {info.generation} "
                     "(keep this file apart from the project; never send it)\n")
        writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
    else:
        text = yaml.safe_dump({"key": {"id": info.key_id, "generation": info.generation},
                               "names": rows}, allow_unicode=True, sort_keys=False)
    write_text(path, text, mode=0o600, choose=_("another --key"))  # readable by its owner only


def next_label(base: str, taken: set[str], letters: bool) -> str:
    """"[Personne A]", "[Personne B]"… for people, "[Lieu 1]", "[Lieu 2]"… otherwise."""
    n = 0
    while True:
        mark = _letters(n) if letters else str(n + 1)
        label = f"[{base} {mark}]"
        if label not in taken:
            return label
        n += 1


def _letters(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out
