"""Each figure and table in one call: what the command line and the workbench both run.

A function takes the project, the output path (its extension picks the format)
and the options, makes sure lemmas are cached (reporting `progress(done,
total)`), writes the file atomically and returns one line saying what it wrote.
Mistakes the user can fix raise `UserError`, before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from verbatims.errors import UserError
from verbatims.files import check_suffix
from verbatims.i18n import _, ngettext
from verbatims.store import Project
from verbatims.where import known_key, resolve_key

if TYPE_CHECKING:  # pandas is loaded only by the figures that need it
    from verbatims.analysis.cooc import Association
    from verbatims.analysis.terms import Frequencies

Where = Sequence[tuple[str, str]]
Progress = Callable[[int, int], None]
Hide = Callable[[str], str]
FIGURE = ("png", "svg")


def scope(where: Where) -> str:
    """The caption's account of a --where filter."""
    if not where:
        return ""
    return " ; documents où " + " et ".join(f"{k} = {v}" for k, v in where)


def _documents(project: Project, where: Where) -> list[int]:
    from verbatims.analysis.codes import select_documents

    return select_documents(project, where)


def _code_ids(project: Project, name: str) -> tuple[set[int], str]:
    code = project.code(name)
    return project.descendants(code.id), project.code_path(code.id)


def make_cooc(project: Project, output: Path, *, pivot: str | None = None,
              code: str | None = None, top: int = 30, min_freq: int = 3, where: Where = (),
              measure: str = "specificity", window: int = 2, include_interviewer: bool = False,
              title: str | None = None, progress: Progress | None = None,
              hide: Hide | None = None, min_score: float | None = None,
              all_terms: bool = False, keep_script: bool = False) -> str:
    """The association map (PNG, SVG), its table (CSV) or its graph (GEXF, GraphML).

    Only terms at `min_score` or more (p < 0.01 by default) are kept, unless
    `all_terms`. `hide` (a pseudonymiser) replaces the names among the terms and in
    the titles.
    """
    from verbatims.analysis.cooc import CSV_COLUMNS, code_association, pivot_association
    from verbatims.export.figures.tables import write_csv
    from verbatims.nlp.cache import ensure_parsed

    fmt = check_suffix(output, ("png", "svg", "csv", "gexf", "graphml"))
    if (pivot is None) == (code is None):
        raise UserError(_('Give either --pivot "WORDS" or --code NAME (one of the two).'))
    docs = _documents(project, where)
    ensure_parsed(project, progress)
    options = {"document_ids": docs, "measure": measure, "top": top, "min_freq": min_freq,
               "include_interviewer": include_interviewer, "min_score": min_score,
               "all_terms": all_terms, "keep_script": keep_script}
    if pivot is not None:
        assoc = pivot_association(project, pivot, window=window, **options)  # type: ignore[arg-type]
    else:
        assert code is not None
        ids, path = _code_ids(project, code)
        assoc = code_association(project, ids, path, **options)  # type: ignore[arg-type]
    if assoc.table.empty and fmt != "csv":
        raise UserError(_("No term reaches the significance threshold (score {threshold:g}, "
                          "{measure}) in {part}, so there is nothing to draw; --all draws "
                          "the {top} best terms anyway, marked as not significant.")
                        .format(threshold=assoc.threshold, measure=measure,
                                part=assoc.part_label, top=top))
    if hide is not None:
        assoc = _hidden_association(assoc, hide)
        title = hide(title) if title else title
        where = [(k, hide(v)) for k, v in where]
    done = ngettext("Wrote {path} ({n} term, {measure}, {passed} at score {threshold:g} or more"
                    "{hidden}).", "Wrote {path} ({n} terms, {measure}, {passed} at score "
                    "{threshold:g} or more{hidden}).", len(assoc.table)).format(
        path=output, n=len(assoc.table), measure=measure, passed=assoc.passed,
        threshold=assoc.threshold, hidden=_hidden(hide))
    if fmt == "csv":
        write_csv(assoc.table[CSV_COLUMNS], output)
        return done
    from verbatims.export.figures import cooc_map  # matplotlib and networkx: only if drawn

    if fmt in ("gexf", "graphml"):
        cooc_map.write_graph(assoc, output, fmt)
    else:
        cooc_map.draw(assoc, output, title, cooc_map.caption(assoc, scope(where)))
    return done


def make_similitude(project: Project, output: Path, *, pivot: str | None = None,
                    code: str | None = None, where: Where = (), top: int = 30,
                    index: str = "cooc", min_cooc: int = 1, window: int = 2,
                    values: bool = False, include_interviewer: bool = False,
                    keep_script: bool = False, title: str | None = None,
                    progress: Progress | None = None) -> str:
    """The similitude graph (PNG, SVG), its tree (CSV of edges) or graph (GEXF, GraphML)."""
    from verbatims.analysis.similitude import similitude
    from verbatims.export.figures import similitude as fig
    from verbatims.export.figures.tables import write_csv
    from verbatims.nlp.cache import ensure_parsed

    fmt = check_suffix(output, ("png", "svg", "csv", "gexf", "graphml"))
    if pivot is not None and code is not None:
        raise UserError(_('Give --pivot "WORDS" or --code NAME, not both.'))
    docs = _documents(project, where)
    ensure_parsed(project, progress)
    ids, path = _code_ids(project, code) if code else (None, "")
    sim = similitude(project, pivot=pivot, code_ids=ids, code_label=path,
                     document_ids=docs if where else None, top=top, index=index,
                     min_cooc=min_cooc, window=window, include_interviewer=include_interviewer,
                     keep_script=keep_script)
    done = ngettext("Wrote {path} ({n} term, {k} links, {index}).",
                    "Wrote {path} ({n} terms, {k} links, {index}).", len(sim.nodes)).format(
        path=output, n=len(sim.nodes), k=len(sim.edges), index=index)
    if fmt == "csv":
        write_csv(sim.edges, output)
        return done
    if fmt in ("gexf", "graphml"):
        fig.write_graph(sim, output, fmt)
        return done
    what = _("around « {pivot} »").format(pivot=pivot) if pivot else \
        _("of the code « {code} »").format(code=path) if code else _("of the corpus")
    text = ngettext(
        "The {n} term most present in {part} ({units} segments of about 40 words{scope}).",
        "The {n} terms most present in {part} ({units} segments of about 40 words{scope}).",
        len(sim.nodes)).format(n=len(sim.nodes), part=sim.label, units=sim.units,
                               scope=scope(where))
    text += " " + _("Links: the maximum spanning tree of their {index}; layout "
                    "Fruchterman–Reingold; halos: communities (greedy modularity). Edge width "
                    "follows the index, label size the term's frequency.").format(
        index=_(fig.EDGES[index]))
    if sim.excluded:
        text += " " + _("Left out as the pivot's, the code's or the question's own words: "
                        "{words}.").format(words=", ".join(sim.excluded[:12]))
    fig.draw(sim, output, title or _("Similitude graph {what}").format(what=what), text,
             values)
    return done


def make_cloud(project: Project, output: Path, *, code: str | None = None, where: Where = (),
               pivot: str | None = None, window: int = 2, top: int = 120,
               colour_by_code: bool = False, include_interviewer: bool = False,
               title: str | None = None, progress: Progress | None = None,
               hide: Hide | None = None) -> str:
    """A lemmatised word cloud (PNG, SVG) of the corpus, a code, documents or a pivot.

    `hide` (a pseudonymiser) replaces the names among the terms and in the title.
    """
    from verbatims.analysis.terms import term_frequencies
    from verbatims.export.figures import cloud as cloud_fig
    from verbatims.nlp.cache import ensure_parsed

    check_suffix(output, FIGURE)
    docs = _documents(project, where)
    ids, path = _code_ids(project, code) if code else (None, "")
    ensure_parsed(project, progress)
    freqs = term_frequencies(project, document_ids=docs, code_ids=ids, code_label=path,
                             pivot=pivot, window=window, include_interviewer=include_interviewer,
                             top=top, colour_by_code=colour_by_code)
    if freqs.table.empty:
        raise UserError("No term left to draw in the selected text; widen the selection.")
    if hide is not None:
        freqs = _hidden_frequencies(freqs, hide)
        pivot, title = (hide(pivot) if pivot else pivot), (hide(title) if title else title)
        path, where = hide(path), [(k, hide(v)) for k, v in where]
    colours = None
    if colour_by_code:
        colours = {c.name: c.color for c in project.codes() if c.parent_id is None}
    what = f"code « {path} »" if code else f"« {pivot} »" if pivot else "corpus"
    if where:
        what += " (" + ", ".join(f"{k} = {v}" for k, v in where) + ")"
    cloud_fig.draw(freqs, output, title or f"Nuage de mots : {what}",
                   f"{len(freqs.table)} termes les plus fréquents (lemmes, mots vides et "
                   f"marques de transcription retirés, expressions fusionnées) ; taille : "
                   f"fréquence. Compté sur {freqs.label} : {freqs.units} phrases de "
                   f"{freqs.documents} entretiens{scope(where)}."
                   + (" Couleur : thème dont les extraits emploient le plus le terme."
                      if colour_by_code else "")
                   + (" " + _("Left out as the pivot's, the code's or the question's own words: "
                              "{words}.").format(words=", ".join(freqs.excluded[:12]))
                      if freqs.excluded else ""), colours)
    return f"Wrote {output} ({len(freqs.table)} terms{_hidden(hide)})."


def _hidden(hide: Hide | None) -> str:
    return _(", pseudonymised") if hide is not None else ""


def _hidden_association(assoc: Association, hide: Hide) -> Association:
    """The same association with every name among the terms (and lemmas) replaced."""
    from verbatims.pseudo.view import hide_frame

    terms = getattr(hide, "term", hide)  # a term is a fragment: pieces of names go too
    return replace(assoc, table=hide_frame(assoc.table, terms),
                   edges=hide_frame(assoc.edges, terms), pivot=hide(assoc.pivot),
                   part_label=hide(assoc.part_label),
                   excluded=tuple(terms(x) for x in assoc.excluded))


def _hidden_frequencies(freqs: Frequencies, hide: Hide) -> Frequencies:
    """The same frequencies with every name among the terms replaced; terms that become
    the same replacement are added up."""
    from verbatims.pseudo.view import hide_frame

    terms = getattr(hide, "term", hide)  # a term is a fragment: pieces of names go too
    table = (hide_frame(freqs.table, terms)
             .groupby("term", sort=False, as_index=False)
             .agg({"key": "first", "frequency": "sum"})
             .sort_values("frequency", ascending=False, kind="stable")
             .reset_index(drop=True))
    by_code = {terms(term): code for term, code in freqs.by_code.items()}
    return replace(freqs, table=table, by_code=by_code, label=hide(freqs.label),
                   excluded=tuple(terms(x) for x in freqs.excluded))


def make_map(project: Project, output: Path, *, where: Where = (),
             title: str | None = None, hide: Hide | None = None) -> str:
    """The code map (PNG, SVG): a bubble per code, area by codings, shade by coverage.

    `hide` (a pseudonymised view) replaces names in code names and titles.
    """
    from verbatims.analysis.codes import code_summary
    from verbatims.export.figures import codemap

    check_suffix(output, FIGURE)
    docs = _documents(project, where)
    summary = code_summary(project, docs)
    used = summary[summary["codings"] > 0]
    if used.empty:
        raise UserError("No code has a coding in the selected documents, so the map would be "
                        "empty; code some extracts first (verbatims code, autocode or the "
                        "workbench) or loosen --where.")
    left = len(summary) - len(used)
    if hide is not None:
        from verbatims.pseudo.view import hide_frame

        summary, where = hide_frame(summary, hide), [(k, hide(v)) for k, v in where]
        title = hide(title) if title else title
    codemap.draw(summary, output, title or "Carte des codes",
                 f"{int(used['codings'].sum())} codages de {len(used)} codes dans {len(docs)} "
                 f"documents{scope(where)}. Aire des bulles : nombre de codages du code "
                 "(sans ses sous-codes) ; teinte : part du texte des documents couverte par le "
                 "code." + ("" if not left else " 1 code sans codage n'est pas dessiné."
                            if left == 1 else f" {left} codes sans codage ne sont pas dessinés."))
    return f"Wrote {output} ({len(used)} codes)."


def make_saturation(project: Project, output: Path, *, order_by: str = "date",
                    where: Where = (), title: str | None = None,
                    hide: Hide | None = None) -> str:
    """The saturation curve (PNG, SVG) or its table (CSV).

    `hide` (a pseudonymised view) names each interview by its label.
    """
    from verbatims.analysis.codes import saturation as table_of
    from verbatims.export.figures import saturation as fig
    from verbatims.export.figures.tables import write_csv

    fmt = check_suffix(output, ("png", "svg", "csv"))
    keys = project.attribute_keys()
    found = resolve_key(order_by, keys)  # "Date" is date
    if found is None and order_by != "date":  # "date", the default, may be absent
        raise UserError(f"No attribute {order_by!r} in this project to order the interviews "
                        f"by; known attributes: {', '.join(keys) or 'none'}.")
    order_by = found or order_by
    docs = _documents(project, where)
    table = table_of(project, docs, order_by)
    if hide is not None:
        from verbatims.pseudo.view import hide_frame

        table, where = hide_frame(table, hide), [(k, hide(v)) for k, v in where]
        title = hide(title) if title else title
    if fmt == "csv":
        write_csv(table, output)
    else:
        dated = int((table[order_by] != "").sum())
        order = (f"ordre de l'attribut « {order_by} »" if dated == len(table) else
                 f"ordre de « {order_by} » ({dated} sur {len(table)}), puis ordre d'import"
                 if dated else "ordre d'import")
        fig.draw(table, output, title or "Saturation : nouveaux codes par entretien",
                 f"{len(table)} entretiens dans l'{order}{scope(where)} ; barres : codes "
                 "employés pour la première fois dans l'entretien ; courbe : nombre cumulé de "
                 "codes distincts. Une courbe qui s'aplatit signale la saturation.")
    return f"Wrote {output} ({len(table)} interviews)."


def make_stats(project: Project, output: Path, *, by: str | None = None, where: Where = (),
               table: str = "frequencies", hide: Hide | None = None) -> str:
    """Frequencies, coverage (by attribute) and code co-occurrence as XLSX, or one as CSV.

    `hide` (a pseudonymised view) replaces names in code names and attribute values.
    """
    from verbatims.analysis.codes import by_attribute, code_summary, cooccurrence
    from verbatims.export.figures.tables import write_csv, write_xlsx

    fmt = check_suffix(output, ("csv", "xlsx"))
    if by:
        by = known_key(by, project.attribute_keys())  # "Genre" is the attribute genre
    docs = _documents(project, where)
    summary = code_summary(project, docs).drop(columns=["name", "color"])
    split = by_attribute(project, by, docs) if by else summary
    matrix = cooccurrence(project, docs)
    if hide is not None:
        from verbatims.pseudo.view import hide_frame

        summary, split, matrix = (hide_frame(summary, hide), hide_frame(split, hide),
                                  hide_frame(matrix, hide))
    if fmt == "csv":
        if table == "cooccurrence":
            write_csv(matrix, output, index=True)
        else:
            write_csv(split, output)
    else:
        sheets = {"frequencies": summary}
        if by:
            sheets[f"by {by}"] = split
        sheets["cooccurrence"] = matrix
        write_xlsx(sheets, output)
    return f"Wrote {output}."
