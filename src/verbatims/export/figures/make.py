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
    from verbatims.analysis.similitude import Similitude
    from verbatims.analysis.terms import Frequencies
    from verbatims.model.entities import Coding

Where = Sequence[tuple[str, str]]
Progress = Callable[[int, int], None]
Hide = Callable[[str], str]
FIGURE = ("png", "svg")


def scope(where: Where) -> str:
    """The caption's account of a --where filter."""
    if not where:
        return ""
    return _("; documents where {conditions}").format(
        conditions=_(" and ").join(f"{k} = {v}" for k, v in where))


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
                    progress: Progress | None = None, hide: Hide | None = None) -> str:
    """The similitude graph (PNG, SVG), its tree (CSV of edges) or graph (GEXF, GraphML).

    `hide` (a pseudonymiser) replaces the names among the terms and in the titles.
    """
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
    if hide is not None:
        sim = _hidden_similitude(sim, hide)
        pivot, path = (hide(pivot) if pivot else pivot), hide(path)
        title, where = (hide(title) if title else title), [(k, hide(v)) for k, v in where]
    done = ngettext("Wrote {path} ({n} term, {k} links, {index}{hidden}).",
                    "Wrote {path} ({n} terms, {k} links, {index}{hidden}).",
                    len(sim.nodes)).format(path=output, n=len(sim.nodes), k=len(sim.edges),
                                           index=index, hidden=_hidden(hide))
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
        raise UserError(_("No term left to draw in the selected text; widen the selection."))
    if hide is not None:
        freqs = _hidden_frequencies(freqs, hide)
        pivot, title = (hide(pivot) if pivot else pivot), (hide(title) if title else title)
        path, where = hide(path), [(k, hide(v)) for k, v in where]
    colours = None
    if colour_by_code:
        colours = {c.name: c.color for c in project.codes() if c.parent_id is None}
    from verbatims.export.extracts import quoted

    what = (_("code {code}").format(code=quoted(path)) if code else quoted(pivot) if pivot
            else _("corpus"))
    if where:
        what += " (" + ", ".join(f"{k} = {v}" for k, v in where) + ")"
    caption = _("{n} most frequent terms (lemmas; stop words and transcription marks left out, "
                "expressions merged); size: frequency. Counted on {part}: {units} sentences of "
                "{documents}{scope}.").format(
        n=len(freqs.table), part=freqs.label, units=freqs.units,
        documents=ngettext("{n} interview", "{n} interviews", freqs.documents).format(
            n=freqs.documents), scope=scope(where))
    if colour_by_code:
        caption += " " + _("Colour: the theme whose extracts use the term most.")
    if freqs.excluded:
        caption += " " + _("Left out as the pivot's, the code's or the question's own words: "
                           "{words}.").format(words=", ".join(freqs.excluded[:12]))
    cloud_fig.draw(freqs, output, title or _("Word cloud: {what}").format(what=what), caption,
                   colours)
    return ngettext("Wrote {path} ({n} term{hidden}).", "Wrote {path} ({n} terms{hidden}).",
                    len(freqs.table)).format(path=output, n=len(freqs.table),
                                             hidden=_hidden(hide))


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


def _hidden_similitude(sim: Similitude, hide: Hide) -> Similitude:
    """The same graph with every name among the terms replaced; terms that become the
    same replacement are one vertex (the first, most present), their links joined."""
    import pandas as pd

    terms = getattr(hide, "term", hide)  # a term is a fragment: pieces of names go too
    shown = {str(t): terms(str(t)) for t in sim.nodes["term"]}
    nodes = sim.nodes.assign(term=sim.nodes["term"].map(shown))
    nodes = nodes.assign(key=nodes["term"]).drop_duplicates("term").reset_index(drop=True)
    edges = sim.edges.assign(source=sim.edges["source"].map(shown),
                             target=sim.edges["target"].map(shown))
    edges = edges[edges["source"] != edges["target"]]
    pairs = [tuple(sorted(p)) for p in zip(edges["source"], edges["target"], strict=True)]
    edges = edges.loc[~pd.Series(pairs, index=edges.index, dtype=object).duplicated()]
    positions: dict[str, tuple[float, float]] = {}
    for term, at in sim.positions.items():
        positions.setdefault(shown.get(term, terms(term)), at)
    return replace(sim, nodes=nodes, edges=edges.reset_index(drop=True), positions=positions,
                   label=hide(sim.label), excluded=tuple(terms(x) for x in sim.excluded))


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
    every = project.codings()  # read once for the map and its caption
    summary = code_summary(project, docs, every)
    used = summary[summary["codings"] > 0]
    if used.empty:
        raise UserError(_("No code has a coding in the selected documents, so the map would be "
                          "empty; code some extracts first (verbatims code, autocode or the "
                          "workbench) or loosen --where."))
    left = len(summary) - len(used)
    if hide is not None:
        from verbatims.pseudo.view import hide_frame

        summary, where = hide_frame(summary, hide), [(k, hide(v)) for k, v in where]
        title = hide(title) if title else title
    codings = int(used["codings"].sum())
    caption = _("{codings} of {codes} in {documents}{scope}. Bubble area: the code's codings "
                "(not its sub-codes'); shade: share of the documents' text the code covers; "
                "grey frames: a sub-theme with its codes.").format(
        codings=ngettext("{n} coding", "{n} codings", codings).format(n=codings),
        codes=ngettext("{n} code", "{n} codes", len(used)).format(n=len(used)),
        documents=ngettext("{n} document", "{n} documents", len(docs)).format(n=len(docs)),
        scope=scope(where))
    if left:
        caption += " " + ngettext("{n} code without codings is not drawn.",
                                  "{n} codes without codings are not drawn.", left).format(n=left)
    codemap.draw(summary, output, title or _("Code map"),
                 caption + _autocoding_note(project, docs, every))
    return ngettext("Wrote {path} ({n} code).", "Wrote {path} ({n} codes).",
                    len(used)).format(path=output, n=len(used))


def _autocoding_note(project: Project, docs: list[int],
                     every: Sequence[Coding] | None = None) -> str:
    """The caption's sentence on auto-coding, when some codings came from it."""
    from verbatims.analysis.codes import autocoded

    auto, total = autocoded(project, docs, every)
    if not auto:
        return ""
    share = 100 * auto // max(total, 1)  # floored: 415 of 416 is not "100 %"
    return " " + _("{auto} of the {total} codings ({share} %) are auto-coding suggestions "
                   "accepted as they were.").format(auto=auto, total=total, share=share)


def make_saturation(project: Project, output: Path, *, order_by: str = "date",
                    label: str | None = None, where: Where = (),
                    title: str | None = None, hide: Hide | None = None) -> str:
    """The saturation curve (PNG, SVG) or its table (CSV).

    Interviews are named E1…En after their number in the project (the annexes'
    references), or by the attribute `label`. `hide` (a pseudonymised view) names
    each interview by its label.
    """
    from verbatims.analysis.codes import saturation as table_of
    from verbatims.export.figures import saturation as fig
    from verbatims.export.figures.tables import write_csv

    fmt = check_suffix(output, ("png", "svg", "csv"))
    keys = project.attribute_keys()
    found = resolve_key(order_by, keys)  # "Date" is date
    if found is None and order_by != "date":  # "date", the default, may be absent
        raise UserError(_("No attribute {name!r} in this project to order the interviews by; "
                          "known attributes: {known}.").format(
            name=order_by, known=", ".join(keys) or _("none")))
    order_by = found or order_by
    if label is not None:
        label = known_key(label, keys)
    docs = _documents(project, where)
    every = project.codings()  # read once for the curve and its caption
    table = table_of(project, docs, order_by, every)
    everyone = project.documents()
    numbers = {d.name: n for n, d in enumerate(everyone, start=1)}
    every_value = project.attributes()  # once: per document it read them all 2,000 times
    attrs = {d.name: every_value.get(d.id, {}) for d in everyone}
    labels = []
    for name in table["document"]:
        value = attrs.get(str(name), {}).get(label) if label else None
        labels.append(str(value) if value not in (None, "") else
                      _("I{n}").format(n=numbers.get(str(name), 0)))
    table.insert(2, "label", labels)
    if hide is not None:
        from verbatims.pseudo.view import hide_frame

        table, where = hide_frame(table, hide), [(k, hide(v)) for k, v in where]
        title = hide(title) if title else title
    if fmt == "csv":
        write_csv(table, output)
    else:
        dated = int((table[order_by] != "").sum())
        if dated == len(table):
            axis = _("Interviews, in the order they were held (attribute {name})").format(
                name=order_by)
        elif dated:
            axis = _("Interviews, in the order of {name} ({dated} of {n}), then of import"
                     ).format(name=order_by, dated=dated, n=len(table))
        else:
            axis = _("Interviews, in the order they were imported")
        names = "" if label or not labels else " " + _(
            "{first}…{last}: the interviews' numbers in the project, as the annexes cite "
            "them.").format(first=labels[0], last=labels[-1])
        fig.draw(table, output, title or _("Saturation: new codes per interview"),
                 ngettext("{n} interview", "{n} interviews", len(table)).format(n=len(table))
                 + scope(where) + ". " + _(
                     "Bars: codes used for the first time in that interview; line: distinct "
                     "codes so far (one scale for both). A line that flattens out suggests "
                     "saturation.") + names + _autocoding_note(project, docs, every), axis)
    return ngettext("Wrote {path} ({n} interview).", "Wrote {path} ({n} interviews).",
                    len(table)).format(path=output, n=len(table))


def make_stats(project: Project, output: Path, *, by: str | None = None, where: Where = (),
               table: str = "frequencies", title: str | None = None,
               hide: Hide | None = None) -> str:
    """Frequencies, coverage and a codes × values cross-table (by attribute), and the code
    co-occurrence matrix, as XLSX sheets, or one of them as CSV.

    `hide` (a pseudonymised view) replaces names in code names and attribute values.
    """
    from verbatims.analysis.codes import by_attribute, code_summary, cooccurrence, crosstab
    from verbatims.export.figures.tables import Sheet, write_csv, write_xlsx
    from verbatims.export.provenance import here as provenance_of

    fmt = check_suffix(output, ("csv", "xlsx"))
    if by:
        by = known_key(by, project.attribute_keys())  # "Genre" is the attribute genre
    elif table in ("by", "crosstab"):
        raise UserError(_("--table {table} needs --by ATTRIBUTE, e.g. --by "
                          "type_collectivite.").format(table=table))
    docs = _documents(project, where)
    every = project.codings()
    summary = code_summary(project, docs, every).drop(columns=["name", "color"])
    split = by_attribute(project, by, docs, every) if by else summary
    cross = crosstab(project, by, docs, every) if by else None
    matrix = cooccurrence(project, docs, every)
    if hide is not None:
        from verbatims.pseudo.view import hide_frame

        summary, split, matrix = (hide_frame(summary, hide), hide_frame(split, hide),
                                  hide_frame(matrix, hide))
        if cross is not None:
            sizes = cross.attrs.get("sizes", {})
            cross = hide_frame(cross, hide)
            cross.attrs["sizes"] = {hide(k): v for k, v in sizes.items()}
        title = hide(title) if title else title
    if fmt == "csv":
        if table == "cooccurrence":
            write_csv(matrix, output, index=True)
        elif table == "crosstab" and cross is not None:
            write_csv(cross, output, index=True)
        elif table == "frequencies" and not by:
            write_csv(summary, output)
        else:
            write_csv(split, output)
        return _("Wrote {path}.").format(path=output)
    n = len(docs)
    sheets = [Sheet(_("Frequencies"), summary, note=_(
        "Codings: extracts coded with the code (not its sub-codes); documents: interviews "
        "with at least one; coverage: share of the text of {n} interviews the code covers, "
        "overlapping extracts counted once.").format(n=n))]
    if by and cross is not None:
        sheets.append(Sheet(_("By {attribute}").format(attribute=by), split,
                            headers={by: by}, note=_(
            "Coverage: share of the text of that value's interviews.")))
        sizes = cross.attrs.get("sizes", {})
        heads = {str(c): f"{c} (n = {sizes.get(c, '')})" for c in cross.columns}
        heads["total"] = _("total (n = {n})").format(n=sizes.get("total", n))
        sheets.append(Sheet(_("Codes × {attribute}").format(attribute=by), cross, index=True,
                            headers=heads, note=_(
            "Number of interviews of each value where the code is used at least once.")))
    sheets.append(Sheet(_("Co-occurrences"), matrix, index=True, note=_(
        "How many extracts of the row's code overlap an extract of the column's code; the "
        "diagonal holds each code's number of codings.")))
    write_xlsx(sheets, output, title or _("Code statistics"), provenance_of(project, hide))
    return _("Wrote {path}.").format(path=output)
