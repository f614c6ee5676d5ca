"""IRaMuTeQ's three analyses in one call each: specificities, correspondence analysis, CHD.

Like `make.py`: a function takes the project, the output path (its extension
picks the format) and the options, writes atomically and returns the sentence
saying what it wrote. `chd` may also turn its classes into candidate codes
(`to_codes`), with or without a file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from verbatims.errors import UserError
from verbatims.export.figures.make import Hide, Progress, Where, scope
from verbatims.files import check_suffix
from verbatims.i18n import _, ngettext
from verbatims.store import Project

if TYPE_CHECKING:
    import pandas as pd

    from verbatims.analysis.chd import Classification

SPEC_FORMATS = ("png", "svg", "csv", "xlsx")
CA_FORMATS = ("png", "svg", "csv", "xlsx")
CHD_FORMATS = ("png", "svg", "csv", "xlsx")


def attributes(by: str | None) -> list[str]:
    """`--by type_collectivite` or crossed, `--by type_collectivite,role`."""
    parts = [p.strip() for p in (by or "").replace("×", ",").split(",") if p.strip()]
    if not parts:
        raise UserError(_("Say which attribute defines the parts with --by ATTRIBUTE "
                          "(`verbatims documents` lists them), or --by document."))
    return parts


def _scope(project: Project, where: Where, code: str | None
           ) -> tuple[list[int] | None, set[int] | None, str]:
    from verbatims.analysis.codes import select_documents

    docs = select_documents(project, where) if where else None
    if not code:
        return docs, None, ""
    found = project.code(code)
    return docs, project.descendants(found.id), project.code_path(found.id)


def _hide_terms(table: pd.DataFrame, column: str, hide: Hide | None) -> pd.DataFrame:
    if hide is None:
        return table
    return table.assign(**{column: table[column].astype(str).map(hide)})


def _left_out(missing: Sequence[str]) -> str:
    if not missing:
        return ""
    return " " + ngettext("{n} interview without a value is left out.",
                          "{n} interviews without a value are left out.",
                          len(missing)).format(n=len(missing))


def make_specificities(project: Project, output: Path, *, by: str | None = None,
                       code: str | None = None, where: Where = (), min_freq: int = 3,
                       top: int = 12, under: int = 6, include_interviewer: bool = False,
                       keep_script: bool = False, title: str | None = None,
                       progress: Progress | None = None, hide: Hide | None = None) -> str:
    """Lafon's specificities of the terms by value: bar charts (PNG, SVG) or the table
    (CSV: term,value,frequency,score,expected,p_value,total; XLSX adds the wide tables)."""
    from verbatims.analysis.specificities import COLUMNS, specificities
    from verbatims.export.figures.tables import Sheet, write_csv, write_xlsx
    from verbatims.export.provenance import here as provenance_of
    from verbatims.nlp.cache import ensure_parsed

    fmt = check_suffix(output, SPEC_FORMATS)
    parts = attributes(by)
    docs, code_ids, path = _scope(project, where, code)
    ensure_parsed(project, progress)
    spec = specificities(project, parts, document_ids=docs, code_ids=code_ids, code_label=path,
                         min_freq=min_freq, include_interviewer=include_interviewer,
                         keep_script=keep_script)
    spec.table = _hide_terms(spec.table, "term", hide)
    over = int((spec.table["score"] >= 2).sum())
    done = _("Wrote {path} (specificities of {terms} terms by {by}: {values}; {over} over-uses "
             "at score 2 or more).").format(path=output, terms=len(spec.counts),
                                            by=spec.groups.label,
                                            values=", ".join(spec.groups.values), over=over)
    if fmt == "csv":
        write_csv(spec.table[[*COLUMNS, "total"]], output)
        return done
    if fmt == "xlsx":
        scores = spec.scores()
        counts = spec.counts.copy()
        if hide is not None:
            scores.index = scores.index.map(lambda t: hide(str(t)))
            counts.index = counts.index.map(lambda t: hide(str(t)))
        write_xlsx([Sheet(_("Specificities"), spec.table[[*COLUMNS, "total"]], note=_(
                        "Score: signed log10 of the hypergeometric probability (positive: "
                        "over-used, negative: under-used; ±2 is p = 0.01).")),
                    Sheet(_("Scores"), scores.reset_index()),
                    Sheet(_("Counts"), counts.rename_axis("term").reset_index())],
                   output, title or _("Specificities by {by}").format(by=spec.groups.label),
                   provenance_of(project, hide))
        return done
    from verbatims.export.figures import specbars

    text = _("Lafon's specificity of each term in the interviews of each value of {by}, "
             "counted on {part}{scope}: the signed log10 of the hypergeometric probability of "
             "its count there (positive: over-used, negative: under-used; ±2 is p = 0.01, "
             "dashed). Dark bars reach that threshold. Terms seen {n} times or more; "
             "lemmas, stop words and the interview's own words left out.").format(
                 by=spec.groups.label, part=spec.label, scope=scope(where), n=min_freq)
    text += _left_out(spec.groups.missing)
    specbars.draw(spec, output, title or _("Specificities by {by}").format(
        by=spec.groups.label), text, top, under)
    return done


def make_ca(project: Project, output: Path, *, by: str | None = None, code: str | None = None,
            where: Where = (), top: int = 40, min_freq: int = 5, table: str = "coordinates",
            include_interviewer: bool = False, keep_script: bool = False,
            title: str | None = None, progress: Progress | None = None,
            hide: Hide | None = None) -> str:
    """Correspondence analysis of terms × values: the factor plane (PNG, SVG), the
    coordinates and contributions (CSV: kind,name,dim1,dim2,contrib1,contrib2…; with
    --table inertia the eigenvalues), or both (XLSX)."""
    from verbatims.analysis.ca import terms_ca
    from verbatims.export.figures.tables import Sheet, write_csv, write_xlsx
    from verbatims.export.provenance import here as provenance_of
    from verbatims.nlp.cache import ensure_parsed

    fmt = check_suffix(output, CA_FORMATS)
    parts = attributes(by)
    docs, code_ids, path = _scope(project, where, code)
    ensure_parsed(project, progress)
    found = terms_ca(project, parts, document_ids=docs, code_ids=code_ids, code_label=path,
                     min_freq=min_freq, include_interviewer=include_interviewer,
                     keep_script=keep_script)
    shares = found.ca.shares
    shown = ", ".join(f"{100 * s:.1f} %" for s in shares[:3])
    done = _("Wrote {path} (correspondence analysis of {terms} terms × {n} values of {by}; "
             "inertia of the factors: {shares}).").format(
                 path=output, terms=len(found.counts), n=len(found.groups.values),
                 by=found.groups.label, shares=shown)
    coords = found.table()
    if hide is not None:
        terms = coords["kind"] == "term"
        coords.loc[terms, "name"] = coords.loc[terms, "name"].astype(str).map(hide)
    if fmt == "csv":
        write_csv(found.inertia_table() if table == "inertia" else coords, output)
        return done
    if fmt == "xlsx":
        write_xlsx([Sheet(_("Coordinates"), coords), Sheet(_("Inertia"), found.inertia_table())],
                   output, title or _("Correspondence analysis by {by}").format(
                       by=found.groups.label), provenance_of(project, hide))
        return done
    from verbatims.export.figures import caplane

    if hide is not None:
        found.counts.index = found.counts.index.map(lambda t: hide(str(t)))
        for frame in (found.ca.row_coords, found.ca.row_contrib, found.ca.row_cos2):
            frame.index = found.counts.index
    text = _("Correspondence analysis of the table of {terms} terms (seen {n} times or more) × "
             "the {k} values of {by}, counted on {part}{scope}. Squares: the values; marks: "
             "the {top} terms contributing most to the plane, shaped by the value they lean "
             "to. Total inertia {inertia}.").format(
                 terms=len(found.counts), n=min_freq, k=len(found.groups.values),
                 by=found.groups.label, part=found.label, scope=scope(where),
                 top=min(top, len(found.counts)), inertia=f"{found.ca.inertia:.4f}")
    if len(shares) == 1:
        text += " " + _("With two values there is one factor only: the terms lie along it, "
                        "higher the more frequent; cross two attributes (--by A,B) for a "
                        "plane.")
    text += _left_out(found.groups.missing)
    caplane.draw(found, output, title or _("Correspondence analysis by {by}").format(
        by=found.groups.label), text, top)
    return done


def make_chd(project: Project, output: Path | None = None, *, classes: int = 10,
             segment_size: int = 40, method: str = "simple", min_size: int = 0,
             code: str | None = None, where: Where = (), to_codes: bool = False,
             table: str = "segments", terms: int = 12, include_interviewer: bool = False,
             keep_script: bool = False, title: str | None = None,
             progress: Progress | None = None, hide: Hide | None = None,
             coder: str = "") -> str:
    """Reinert's classification: the dendrogram with each class's terms (PNG, SVG), the
    segments (CSV: document,start,end,class,words,text) or the classes' profiles
    (--table profiles: class,term,chi2,frequency,total,percent,p_value), both (XLSX);
    with `to_codes`, one candidate code per class and its segments to review."""
    from verbatims.analysis.chd import PROFILE_COLUMNS, reinert_classes
    from verbatims.export.figures.tables import Sheet, write_csv, write_xlsx
    from verbatims.export.provenance import here as provenance_of
    from verbatims.nlp.cache import ensure_parsed

    if output is None and not to_codes:
        raise UserError(_("Say where to write the classification with -o FILE (.png, .svg, "
                          ".csv, .xlsx), or turn it into codes with --to-codes."))
    if to_codes and hide is not None:
        raise UserError(_("--to-codes makes codes in the project, where names are not hidden; "
                          "leave --pseudonymize out."))
    fmt = check_suffix(output, CHD_FORMATS) if output is not None else ""
    docs, code_ids, path = _scope(project, where, code)
    ensure_parsed(project, progress)
    res = reinert_classes(project, classes=classes, segment_size=segment_size,
                          document_ids=docs, code_ids=code_ids, code_label=path,
                          min_size=min_size, include_interviewer=include_interviewer,
                          keep_script=keep_script, method=method)
    if res.k == 0:
        raise UserError(_("The two classifications agree on no class of {n} segments or more "
                          "({total} segments); ask for fewer classes, a smaller --min-size, or "
                          "--method simple.").format(n=res.min_size, total=len(res.segments)))
    if hide is not None:
        res.profiles = _hide_terms(res.profiles, "term", hide)
    said = []
    if output is not None:
        names = {d.id: d.name for d in project.documents()}
        texts = {i: project.text(i) for i in {s.document_id for s in res.segments}}
        segments = res.segments_table(names, texts)
        if hide is not None:
            segments = segments.assign(text=segments["text"].map(hide))
        if fmt == "csv":
            write_csv(res.profiles[PROFILE_COLUMNS] if table == "profiles" else segments,
                      output)
        elif fmt == "xlsx":
            write_xlsx([Sheet(_("Segments"), segments),
                        Sheet(_("Profiles"), res.profiles[PROFILE_COLUMNS]),
                        Sheet(_("Classes"), classes_table(res))], output,
                       title or _("Reinert classification (CHD) of {part}").format(
                           part=res.label), provenance_of(project, hide))
        else:
            from verbatims.export.figures import dendrogram

            dendrogram.draw(res, output, title or _("Reinert classification (CHD) of {part}")
                            .format(part=res.label), chd_caption(res, where), terms)
        said.append(_("Wrote {path}").format(path=output))
    if to_codes:
        from verbatims.analysis.chd import candidates
        from verbatims.settings import default_coder
        from verbatims.store.suggestions import propose_codes

        texts = {i: project.text(i) for i in {s.document_id for s in res.segments}}
        found = candidates(res, texts)
        parent, n_codes, n_suggested = propose_codes(project, _("CHD classes"), found,
                                                     coder or default_coder())
        said.append(ngettext(
            "proposed {n} candidate code under « {parent} » with {s} segments to review "
            "(Review tab of the workbench, or `verbatims suggestions list --code "
            "\"{parent}\"`; accept, reject, rename the codes)",
            "proposed {n} candidate codes under « {parent} » with {s} segments to review "
            "(Review tab of the workbench, or `verbatims suggestions list --code "
            "\"{parent}\"`; accept, reject, rename the codes)", n_codes).format(
                n=n_codes, parent=parent, s=n_suggested))
    summary = ngettext("{k} class", "{k} classes", res.k).format(k=res.k)
    return _("{what} ({summary}, {classed} of {n} segments classed).").format(
        what="; ".join(said), summary=summary, classed=res.classed, n=len(res.segments))


def classes_table(res: Classification) -> pd.DataFrame:
    """One row per class: its size, share and top terms."""
    import pandas as pd

    sizes = res.sizes()
    return pd.DataFrame([{"class": k, "segments": n,
                          "percent": round(100 * n / max(res.classed, 1), 2),
                          "terms": ", ".join(res.top_terms(k, 10))} for k, n in sizes.items()])


def chd_caption(res: Classification, where: Where) -> str:
    method = (_("double classification on units of at least {a} and {b} terms (never over a "
                "paragraph), {asked} classes asked of each").format(
                    a=res.unit_sizes[0], b=res.unit_sizes[1], asked=res.asked)
              if res.method == "double"
              else _("simple classification of the segments, {asked} classes asked").format(
                  asked=res.asked))
    return _("Reinert's method on {part}{scope}: {n} segments of about {size} words, {method}, "
             "classes of {mincl} segments or more; {classed} segments classed ({share}), the "
             "others left out. Under each class: its share of the classed segments and its "
             "terms by χ² (largest first, size by χ²).").format(
                 part=res.label, scope=scope(where), n=len(res.segments),
                 size=res.segment_size, method=method, mincl=res.min_size,
                 classed=res.classed,
                 share=f"{100 * res.classed / max(len(res.segments), 1):.0f} %")


Make = Callable[..., str]
