"""Where each command is defined, and the line `verbatims --help` shows for it.

The command modules of `verbatims.cli` are imported only when one of their
commands runs (or its own `--help` is asked), so `verbatims --help` and
`--version` load neither the store (SQLAlchemy) nor any command's libraries, and
`verbatims code …` loads only what coding needs. This table is what lets the
top-level help list every command without importing them: its summaries are
translated (`--lang fr --help`), and each becomes its command's short help.

A new command adds one line here (`tests/cli/test_lazy_commands.py` says which is
missing). A figure added to `export/figures/kinds/` works without one (its name
comes from the figure registry and its module is `figures`), but is listed with
its English docstring until it has one.

A leaf of the command line: it imports nothing but the translations.
"""

from __future__ import annotations

from verbatims.i18n import N_

# name: (modules of verbatims.cli that define it or add sub-commands to it, summary)
COMMANDS: dict[str, tuple[tuple[str, ...], str]] = {
    "agreement": (("agreement",), N_("Inter-coder agreement per code: percent agreement, "
                                     "Cohen's kappa, Krippendorff's alpha.")),
    "autocode": (("autocode",), N_("Suggest codings from the codebook's keywords and patterns "
                                   "(lemmas, typos, OCR).")),
    "ca": (("figures",), N_("Correspondence analysis (AFC) of the terms by the values of an "
                            "attribute.")),
    "chd": (("figures",), N_("Reinert's descending hierarchical classification (CHD) of the "
                             "text segments.")),
    "cloud": (("figures",), N_("A lemmatised word cloud of the corpus, a code's extracts, some "
                               "documents or a pivot.")),
    "code": (("foundation",), N_("Code characters START to END of DOCUMENT with CODE.")),
    "codebook": (("foundation",), N_("Import or export the codebook (.qdc, .yaml).")),
    "codes": (("foundation",), N_("List the code tree with counts of codings and documents.")),
    "cooc": (("figures",), N_("Terms significantly associated with a pivot word or locution, "
                              "or with a code.")),
    "copy": (("copy",), N_("Copy the whole project SOURCE into TARGET (a new .sqlite file or an "
                           "empty PostgreSQL database).")),
    "demo": (("foundation",), N_("Build the demo project from the bundled corpus if needed, "
                                 "then open it.")),
    "documents": (("transcripts",), N_("List documents with their size, turns and "
                                       "attributes.")),
    "export": (("corpus", "exports"), N_("Export extracts for an annex, the summary grid, "
                                         "or the project as REFI-QDA.")),
    "expressions": (("figures", "terms"), N_("Multi-word expressions counted as one term "
                                             "(\"impact écologique\").")),
    "history": (("history",), N_("List the last changes, newest first: when, who, what, on "
                                 "which document.")),
    "import": (("transcripts",), N_("Import transcripts, or whole folders (the formats: "
                                    "`import --help`).")),
    "import-qdpx": (("exports",), N_("Import a REFI-QDA project (.qdpx) into --project.")),
    "init": (("foundation",), N_("Create a new project, optionally with a codebook.")),
    "kwic": (("terms",), N_("Every occurrence of TERM in its context (lemmas and OCR variants "
                            "matched).")),
    "lemmatize": (("figures",), N_("Lemmatise every document not cached yet (the figures do it "
                                   "when needed).")),
    "map": (("figures",), N_("The code map: one bubble per code, area by codings, shade by "
                             "share of text.")),
    "memo": (("memos",), N_("Memos of the project, of a document or of a code: list, show, "
                            "set, export.")),
    "pseudonymize": (("pseudo",), N_("Find names (people, organisations, places, contacts), "
                                     "decide replacements, write the key.")),
    "redo": (("history",), N_("Redo the last undone change (or the next STEPS).")),
    "remove": (("speakers",), N_("Delete DOCUMENT with its codings, memos and summaries "
                                 "(undoable).")),
    "report": (("report",), N_("Rebuild every output of a report (figures, tables, annexes) "
                               "from RECIPE.yaml.")),
    "saturation": (("figures",), N_("New codes per interview in the order the interviews were "
                                    "held.")),
    "segments": (("segments",), N_("List coded passages with their text and the document's "
                                   "attributes.")),
    "show": (("foundation",), N_("Print DOCUMENT's stored text (or the part START–END), to find "
                                 "offsets.")),
    "similitude": (("figures",), N_("Similitude graph: the maximum spanning tree of the terms' "
                                    "co-occurrences.")),
    "specificities": (("figures",), N_("Lafon's specificities of the terms by the values of an "
                                       "attribute, as IRaMuTeQ's.")),
    "speakers": (("speakers",), N_("List the speakers found (corpus-wide or in DOC); `speakers "
                                   "set` fixes one.")),
    "stats": (("figures",), N_("Code frequencies and coverage (by attribute), and the code "
                               "co-occurrence matrix.")),
    "stopwords": (("figures",), N_("The project's stop words: spaCy's French list, spoken "
                                   "fillers, your changes.")),
    "suggestions": (("autocode",), N_("List, accept or reject auto-coding suggestions.")),
    "summary": (("exports",), N_("The researcher's summaries: one per document × code (the "
                                 "grid's cells).")),
    "terms": (("terms",), N_("The words of a document (or of a code's extracts) as the figures "
                             "count them, and why.")),
    "tui": (("foundation",), N_("Open the workbench (the terminal UI).")),
    "turns": (("speakers",), N_("Show the speaker turns of DOCUMENT, with their offsets and "
                                "times.")),
    "undo": (("history",), N_("Undo the last change (or the last STEPS changes), wherever it "
                              "was made.")),
}

FIGURES_MODULE = "figures"  # builds one command per figure of the figure registry


FIGURE_KINDS = "verbatims.export.figures.kinds"


def figure_names() -> list[str]:
    """The figures' names: the module names of export/figures/kinds/, as the figure
    registry reads them, without importing the registry (nor `dataclasses`, `inspect`)."""
    import importlib.util
    import pkgutil

    spec = importlib.util.find_spec(FIGURE_KINDS)
    where = list(spec.submodule_search_locations or []) if spec else []
    return sorted(info.name for info in pkgutil.iter_modules(where)
                  if not info.name.startswith("_"))


def names() -> list[str]:
    """Every top-level command, sorted."""
    return sorted(set(COMMANDS) | set(figure_names()))


def modules(name: str) -> tuple[str, ...]:
    """The modules of verbatims.cli to import for the command `name` (none if unknown)."""
    if name in COMMANDS:
        return COMMANDS[name][0]
    return (FIGURES_MODULE,) if name in figure_names() else ()


def every_module() -> list[str]:
    """Every module that defines commands, for an unknown name and for the tests."""
    found = {m for mods, _summary in COMMANDS.values() for m in mods}
    return sorted(found | {FIGURES_MODULE})


def summary(name: str) -> str | None:
    """The untranslated summary of `name`, None for a command without one here."""
    entry = COMMANDS.get(name)
    return entry[1] if entry else None
