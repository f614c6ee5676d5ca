"""Keep the French catalog in step with the sources, the way merges like it.

`make i18n` runs this: it extracts the strings wrapped in _(), N_() and ngettext()
from src/verbatims (Babel's extractor), appends the new ones at the end of the .po
with an empty translation to fill in, and lists the entries no source uses any more
(`--prune` removes them). It never reorders what is there nor touches the header, so
two branches that each add strings merge without conflict (the .po merges by union).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "verbatims"
PO = SRC / "locale" / "fr" / "LC_MESSAGES" / "verbatims.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def quote(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\t", "\\t"))
    return f'"{escaped}"'


def extracted() -> dict[str, str | None]:
    """msgid -> msgid_plural (None for a singular message), in source order."""
    found: dict[str, str | None] = {}
    for _file, _line, message, _c, _ctx in extract_from_dir(str(SRC), keywords=KEYWORDS,
                                                           comment_tags=()):
        if isinstance(message, str):
            found.setdefault(message, None)
        elif message[0]:
            found[message[0]] = message[1]
    for message in command_help():
        found.setdefault(message, None)
    return found


def command_help() -> list[str]:
    """The paragraphs of every command's, group's and option's help, from the command
    tree (Babel's extractor does not see docstrings; the figures' commands are built)."""
    sys.path.insert(0, str(SRC.parent))
    from verbatims.cli import helptext
    from verbatims.cli.base import cli

    return [message for _path, command in helptext.every_command(cli)
            for message in helptext.messages(command)]


def known(text: str) -> set[str]:
    out = set()
    for block in text.split("\n\n"):
        head = block.split("msgid_plural")[0].split("msgstr")[0]
        msgid = "".join(re.findall(r'^(?:msgid )?"(.*)"$', head, re.M))
        if msgid:
            out.add(msgid.encode().decode("unicode_escape").encode("latin-1").decode())
    return out


def unglue(text: str) -> str:
    """A blank line before an entry that follows another's translation directly (what a
    union merge leaves when two branches appended at the same place)."""
    text = re.sub(r'^(msgstr ".*")\nmsgstr ".*"$', r"\1", text, flags=re.M)  # two sides' msgstr
    return re.sub(r'^(msgstr(?:\[\d\])? ".*"(?:\n".*")*)\n(?=(?:#|msgid ))', r"\1\n\n", text,
                  flags=re.M)


def dedupe(text: str) -> tuple[str, int]:
    """Drop an entry whose msgid an earlier one has (a union merge keeps both sides of
    an entry two branches translated differently); the first, translated one stays."""
    blocks = text.rstrip("\n").split("\n\n")
    seen: dict[str, int] = {}
    keep: list[str] = []
    dropped = 0
    for block in blocks:
        ids = known(block)
        msgid = next(iter(ids)) if len(ids) == 1 else None
        if msgid is None or msgid not in seen:
            if msgid is not None:
                seen[msgid] = len(keep)
            keep.append(block)
            continue
        dropped += 1
        if re.search(r'^msgstr(\[0\])? ""$', keep[seen[msgid]], re.M) and \
                not re.search(r'^msgstr(\[0\])? ""$', block, re.M):
            keep[seen[msgid]] = block  # the first had no translation: take this one's
    return "\n\n".join(keep) + "\n", dropped


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prune", action="store_true", help="remove unused entries")
    args = parser.parse_args()
    text, doubled = dedupe(unglue(PO.read_text(encoding="utf-8")))
    if doubled:
        print(f"{PO.relative_to(ROOT)}: {doubled} doubled entries removed (the first kept).")
    have = known(text)
    wanted = extracted()
    new = [(m, p) for m, p in wanted.items() if m not in have]
    unused = sorted(have - set(wanted))
    if args.prune and unused:
        blocks = text.rstrip("\n").split("\n\n")
        keep = [b for b in blocks if not (known(b) & set(unused))]
        text = "\n\n".join(keep) + "\n"
    out = text.rstrip("\n") + "\n"
    for msgid, plural in new:
        out += f"\nmsgid {quote(msgid)}\n"
        if plural is None:
            out += 'msgstr ""\n'
        else:
            out += f'msgid_plural {quote(plural)}\nmsgstr[0] ""\nmsgstr[1] ""\n'
    PO.write_text(out, encoding="utf-8")
    print(f"{PO.relative_to(ROOT)}: {len(new)} new entries to translate"
          + (f", {len(unused)} unused" + (" removed" if args.prune else
                                         " (make i18n-prune removes them)")
             if unused else "") + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
