"""The line above a code's extracts: a coding query, as `verbatims segments` takes it,
plus the filter the Extracts tab always had.

    --and sobriété --near 20 genre=femme réemploi

`--and CODE`, `--not CODE`, `--overlap`, `--near N`, `--speaker LABEL` and
`--coder NAME` mean what they mean on the command line (verbatims.analysis.queries
runs both); the code whose extracts are shown is the query's `--code`. A code is
named as in the pickers: its name or path, case and accents aside, or a part of
it when only one code has it; quotes hold a name with spaces (`--and "numérique
responsable"`). What is left, `ATTRIBUTE=VALUE` and words, filters the passages
found, as before. Pure, so it is tested without the UI.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from verbatims.analysis.queries import CodingQuery
from verbatims.errors import UserError
from verbatims.folding import fold
from verbatims.i18n import _
from verbatims.model.entities import Code
from verbatims.where import tokens

OPTIONS = ("--and", "--not", "--near", "--speaker", "--coder")  # each takes a value
FLAGS = ("--overlap",)


@dataclass(frozen=True)
class QueryLine:
    """What was typed: the query's options (codes as typed) and the rest, the filter."""

    and_codes: tuple[str, ...] = ()
    not_codes: tuple[str, ...] = ()
    overlap: bool = False
    near: str | None = None  # as typed: checked when the query is built
    speakers: tuple[str, ...] = ()
    coders: tuple[str, ...] = ()
    filter: str = ""
    missing: tuple[str, ...] = field(default=())  # options typed without their value

    @property
    def is_query(self) -> bool:
        """Whether it asks more than the code's own extracts."""
        return bool(self.and_codes or self.not_codes or self.overlap or self.near is not None
                    or self.speakers or self.coders or self.missing)

    def query(self, code_id: int, codes: Sequence[Code], paths: Mapping[int, str]
              ) -> CodingQuery:
        """The CodingQuery of the extracts of `code_id`; a UserError says what is wrong."""
        if self.missing:
            raise UserError(_("{option} needs a value, e.g. {example}.").format(
                option=self.missing[0], example=_EXAMPLES[self.missing[0]]))
        near: int | None = None
        if self.near is not None:
            try:
                near = int(self.near)
            except ValueError:
                raise UserError(_("--near takes a number of words, e.g. --near 20 (got "
                                  "“{value}”).").format(value=self.near)) from None
        return CodingQuery(
            codes=(str(code_id),),
            and_codes=tuple(str(code_ref(r, codes, paths)) for r in self.and_codes),
            not_codes=tuple(str(code_ref(r, codes, paths)) for r in self.not_codes),
            overlap=self.overlap, near=near, speakers=self.speakers, coders=self.coders)


_EXAMPLES = {"--and": "--and sobriété", "--not": "--not RGPD", "--near": "--near 20",
             "--speaker": "--speaker Maire", "--coder": "--coder nolwenn"}


def parse(text: str) -> QueryLine:
    parts: dict[str, list[str]] = {o: [] for o in OPTIONS}
    overlap = False
    missing: list[str] = []
    rest: list[str] = []
    words = tokens(text)
    i = 0
    while i < len(words):
        word = words[i]
        option = word.lower()
        if option in FLAGS:
            overlap = True
        elif option in OPTIONS:
            if i + 1 < len(words) and not words[i + 1].startswith("--"):
                parts[option].append(words[i + 1])
                i += 1
            else:
                missing.append(option)
        else:
            rest.append(_quoted(word))
        i += 1
    nears = parts["--near"]
    return QueryLine(tuple(parts["--and"]), tuple(parts["--not"]), overlap,
                     nears[-1] if nears else None, tuple(parts["--speaker"]),
                     tuple(parts["--coder"]), " ".join(rest), tuple(missing))


def _quoted(token: str) -> str:
    """A token as the filter reads it again (quotes back around what has spaces)."""
    if " " not in token:
        return token
    key, sep, value = token.partition("=")
    return f'{key}="{value}"' if sep else f'"{token}"'


def code_ref(typed: str, codes: Sequence[Code], paths: Mapping[int, str]) -> int:
    """The code named `typed`: its name or path (case, accents aside), else the one code
    whose name holds it."""
    wanted = " ".join(fold(typed).split())
    exact = [c for c in codes if fold(c.name) == wanted or fold(paths.get(c.id, "")) == wanted]
    if len(exact) == 1:
        return exact[0].id
    found = exact or [c for c in codes if wanted and wanted in fold(paths.get(c.id, c.name))]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise UserError(_("No code is named “{name}”; the Codes tab (3) lists them.").format(
            name=typed))
    names = ", ".join(paths.get(c.id, c.name) for c in found[:4])
    raise UserError(_("“{name}” could be {codes}: type more of the name.").format(
        name=typed, codes=names + ("…" if len(found) > 4 else "")))
