"""Figures and tables by name: one module of `kinds/` each, read by the CLI and the workbench.

The module `kinds/cloud.py` is the figure "cloud": it registers a `Figure` saying
which function makes it, the formats it writes, the options a user may set (the
command line turns them into `--options`, their defaults read from the
function's signature) and the entries it adds to the workbench's figure form.
The command `verbatims cloud`, its help, its `-o` check and the form's list are
all built from that, so a new figure is one new module in `kinds/`.

A make function takes the project and the output path, then keyword options,
and returns the sentence saying what it wrote. Parameters with these names get
the shared options without declaring them: `where` (--where ATTR=VALUE), `title`
(--title), `hide` (--pseudonymize and --key) and `progress` (a progress bar
while lemmatising).
"""

from __future__ import annotations

import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from verbatims.i18n import N_
from verbatims.registry import Registry

SHARED = ("where", "title", "hide", "progress")


@dataclass(frozen=True)
class Option:
    """One option of a figure: the make function's keyword `name`, shown as `flags`.

    The default comes from the function's signature, the type from `type` or else
    from the signature (a bool is a flag; `int`, `float`, `str`, `X | None`);
    `choices` or `minimum`/`maximum` restrict the values.
    """

    name: str
    help: str
    flags: tuple[str, ...] = ()  # default: --name-with-dashes
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    type: type | None = None

    @property
    def cli_flags(self) -> tuple[str, ...]:
        return self.flags or ("--" + self.name.replace("_", "-"),)


@dataclass(frozen=True)
class Form:
    """One entry of the workbench's figure form (a figure may offer several)."""

    key: str  # unique among all forms: "cooc", "specific"
    label: str
    palette: str  # the command palette's entry
    subject: str = ""  # the field it asks for: "pivot", "code", "code?", "attribute?"
    option: str = ""  # the make function's keyword that receives that field
    stem: str = ""  # how its default file name starts (default: the key)


@dataclass(frozen=True)
class Figure:
    make: Callable[..., str]
    formats: tuple[str, ...]  # without dots, the first one the default
    options: tuple[Option, ...] = ()
    forms: tuple[Form, ...] = ()
    output_help: str = ""  # default: the list of FILE.<format>
    order: int = 100  # place in the workbench's list (and nothing else)
    output_optional: bool = False  # -o may be left out (the make function gets None)

    def __post_init__(self) -> None:
        # Every file a figure writes carries its provenance (export/provenance.py).
        from verbatims.export.provenance import stamped

        object.__setattr__(self, "make", stamped(self.make))

    def parameters(self) -> dict[str, inspect.Parameter]:
        return dict(inspect.signature(self.make).parameters)

    def takes(self, shared: str) -> bool:
        """Whether the make function has the shared parameter `shared` (see SHARED)."""
        return shared in self.parameters()

    def default(self, name: str) -> Any:
        value = self.parameters()[name].default
        return None if value is inspect.Parameter.empty else value

    def value_type(self, option: Option) -> type:
        """bool, int, float or str: the option's declared type, else its parameter's."""
        if option.type is not None:
            return option.type
        default = self.default(option.name)
        if default is not None:
            return type(default)
        hint = typing.get_type_hints(self.make).get(option.name, str)
        args = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
        return next((a for a in args if a in (bool, int, float)), str)


FIGURES: Registry[Figure] = Registry(N_("figure"), "verbatims.export.figures.kinds")


def ordered() -> list[tuple[str, Figure]]:
    """Every figure as (name, figure), in the workbench's order."""
    entries = FIGURES.entries()
    return [(e.name, e.value) for e in sorted(entries, key=lambda e: (e.value.order, e.name))]


def forms() -> dict[str, tuple[Form, str, Figure]]:
    """Every entry of the workbench's form by key: (form, figure name, figure)."""
    out: dict[str, tuple[Form, str, Figure]] = {}
    for name, figure in ordered():
        for form in figure.forms:
            if form.key in out:
                raise LookupError(f"Two figures offer the form {form.key!r}.")
            out[form.key] = (form, name, figure)
    return out
