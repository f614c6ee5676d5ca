"""Workbench speed on the 1M-word benchmark project, headless (App.run_test).

Measures, with the aims of the issue:
- first screen: from opening the project to the document list filled (aim < 1.5 s);
- open: a 100,000-word transcript loaded and its first screen rendered (aim < 0.3 s);
- scroll: rendering one full screen of that transcript at random places;
- coding: from the Enter key in the code picker to the first line of the
  transcript drawn with the coding, which is read back from SQLite after the
  commit; median and 95th percentile (aim < 50 ms);
- memory: peak resident size of the process.
- search: on a copy of the lemmatised project (`lemmatised.sqlite` in --out, or
  --lemmatised), the Search tab's query typed key by key, then enter, to the hits
  listed (aim < 1 s), beside `verbatims.search.search` and the same reads without
  the UI. Before both, timed apart: the query's own parse (it loads spaCy once) and a
  first search (it analyses the corpus once); both are kept in the project. A project
  with documents not lemmatised is not searched (it would parse them).
- first screen from a fresh process: what a user waits for after typing
  `verbatims` (the interpreter, Textual and the app imported, the project opened,
  the list filled), beside an empty Textual app started the same way (aim < 1 s).
Side by side, the baselines: the same store reads and the same commit without
the UI, so the ratio is what the interface adds.

    python bench/make_corpus.py --long   # once: bench/out/corpus and bench/out/long
    python bench/tui.py [--codings 40] [--out bench/out]   # --out bench/out/10m: 10M words
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from children import child_env  # noqa: E402
from record import keep  # noqa: E402
from textual import events  # noqa: E402
from textual.strip import Strip  # noqa: E402

from verbatims.codebook import load_yaml  # noqa: E402
from verbatims.ingest import read_all  # noqa: E402
from verbatims.store import Project  # noqa: E402
from verbatims.tui.app import VerbatimsApp  # noqa: E402
from verbatims.tui.panes.documents import DocumentsPane  # noqa: E402
from verbatims.tui.panes.search import SearchPane  # noqa: E402
from verbatims.tui.screens.picker import CodePicker  # noqa: E402

OUT = HERE / "out"
CODEBOOK = HERE.parent / "codebooks" / "numerique-collectivites.yaml"

# A fresh process opening the workbench on a project, as `verbatims -p FILE` does; prints
# the seconds from BENCH_T0 (the parent's clock just before it started the process) to
# the document list filled. With "--empty", an empty Textual app instead: the floor.
FRESH = """\
import asyncio, os, sys, time
t0 = float(os.environ["BENCH_T0"])
if sys.argv[1] == "--empty":
    from textual.app import App
    from textual.widgets import Static

    class Empty(App[None]):
        def compose(self):
            yield Static("verbatims")

    async def go():
        async with Empty().run_test(size=(120, 35)) as pilot:
            await pilot.pause()
            print(time.time() - t0)
else:
    from verbatims.store import Project
    from verbatims.tui.app import VerbatimsApp
    from verbatims.tui.panes.documents import DocumentsPane

    async def go():
        app = VerbatimsApp(Project.open(sys.argv[1]), coder="bench")
        async with app.run_test(size=(120, 35)) as pilot:
            pane = app.query_one(DocumentsPane)
            while pane.data is None or not pane.documents:
                await asyncio.sleep(0.0005)
            await pilot.pause()
            print(time.time() - t0)
asyncio.run(go())
"""


def build(out: Path) -> Path:
    """The benchmark project (the corpus in `out` + one 100,000-word transcript), built
    once."""
    corpus, long, cache = out / "corpus", out / "long", out / "tui-bench.sqlite"
    if cache.exists():
        return cache
    if not (corpus.is_dir() and long.is_dir()):
        # Never made here: a 1M-word corpus made into bench/out/10m would replace the 10M one.
        sys.exit(f"{corpus} or {long} is missing: run `python bench/make_corpus.py --long "
                 f"--out {out}` first (with --words 10000000 for the 10M-word corpus).")
    project = Project.create(str(cache))
    project.merge_codebook(load_yaml(CODEBOOK)["codes"])
    files = sorted(corpus.glob("*.txt"))
    for i in range(0, len(files), 500):  # in batches: a 10M-word corpus is 65 MB of text
        docs, _ = read_all(files[i:i + 500])
        project.add_documents(docs)
    docs, _ = read_all([long])
    project.add_documents(docs)
    project.close()
    return cache


def fresh_first_screen(path: Path, runs: int = 3) -> tuple[float, float]:
    """Best of `runs`: the workbench's first screen from a fresh process, and an empty
    Textual app's, alternating so that both see the same load."""
    def once(arg: str) -> float:
        env = child_env(BENCH_T0=repr(time.time()), PYTHONPATH=str(HERE.parent / "src"))
        done = subprocess.run([sys.executable, "-c", FRESH, arg], env=env,
                              capture_output=True, text=True, check=True)
        return float(done.stdout.strip().splitlines()[-1])

    ours, empty = [], []
    for _ in range(runs):
        ours.append(once(str(path)))
        empty.append(once("--empty"))
    return min(ours), min(empty)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def until(check: Callable[[], object], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise TimeoutError("the workbench did not answer")
        await asyncio.sleep(0.0005)


async def measure(path: Path, codings: int) -> dict[str, object]:
    started = time.perf_counter()
    project = Project.open(str(path))
    app = VerbatimsApp(project, coder="bench")
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 35)) as pilot:
        pane = app.query_one(DocumentsPane)
        await until(lambda: pane.data is not None and bool(pane.documents))
        await pilot.pause()
        out["first_screen"] = time.perf_counter() - started
        out["documents"] = len(pane.documents)
        data = pane.data
        assert data is not None
        out["words"] = sum(d.word_count for d in data.documents)

        longest = max(data.documents, key=lambda d: d.word_count)
        out["long_words"] = longest.word_count
        view = app.view
        painted: list[float] = []
        render_line = view.render_line

        def spy(y: int) -> Strip:  # the first line drawn of the new document
            if view.document_id == longest.id and not painted and view._wrapped_text is view.text:
                painted.append(time.perf_counter())
            return render_line(y)

        view.render_line = spy  # type: ignore[method-assign]
        start = time.perf_counter()
        app.post_message(DocumentsPane.Chosen(longest.id))
        await until(lambda: bool(painted))
        out["open"] = painted[0] - start
        view.render_line = render_line  # type: ignore[method-assign]
        await pilot.pause()

        rng = random.Random(7)
        screens = []
        for _ in range(30):
            view.scroll_to(y=rng.randrange(len(view.wrapped)), animate=False)
            await pilot.pause()
            start = time.perf_counter()
            for y in range(view.size.height):
                view.render_line(y)
            screens.append(time.perf_counter() - start)
        out["scroll_screen"] = statistics.median(screens)

        latencies = []
        painted_at: list[float] = []

        drawn = asyncio.Event()  # awaited, not polled: polling would steal the GIL

        def paint_spy(y: int) -> Strip:  # a line drawn once the new coding is known
            if len(view.codings) > coded_before[0] and not painted_at:
                painted_at.append(time.perf_counter())
                drawn.set()
            return render_line(y)

        coded_before = [0]
        view.render_line = paint_spy  # type: ignore[method-assign]
        for _ in range(codings):
            a = rng.randrange(len(view.text) - 400)
            view.select_span(a, a + rng.randrange(20, 300))
            await pilot.pause()
            app.coding.code()
            await until(lambda: isinstance(app.screen, CodePicker) and not app.screen.waiting)
            await pilot.pause()
            coded_before[0] = len(view.codings)
            painted_at.clear()
            drawn.clear()
            start = time.perf_counter()
            key = events.Key("enter", "\r")  # delivered as the terminal driver does
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]
            await asyncio.wait_for(drawn.wait(), 30)
            latencies.append(painted_at[0] - start)
            await until(lambda: not isinstance(app.screen, CodePicker))
            await pilot.pause()
        view.render_line = render_line  # type: ignore[method-assign]
        out["coding_median"] = statistics.median(latencies)
        out["coding_p95"] = percentile(latencies, 0.95)
        out["long_id"] = longest.id
    project.close()
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def baseline(path: Path, document_id: int, codings: int) -> dict[str, float]:
    """The same work without the interface: store reads and commits only."""
    start = time.perf_counter()
    project = Project.open(str(path))
    project.documents()
    project.attributes()
    project.codes()
    project.counts()
    first = time.perf_counter() - start
    start = time.perf_counter()
    project.text(document_id)
    project.turns(document_id)
    project.codings(document_id=document_id)
    opened = time.perf_counter() - start
    code = project.codes()[0].id
    times = []
    for i in range(codings):
        start = time.perf_counter()
        project.add_coding(document_id, i * 10, i * 10 + 50, code, "bench")
        project.codings(document_id=document_id)
        times.append(time.perf_counter() - start)
    project.close()
    return {"first_screen": first, "open": opened, "coding_median": statistics.median(times),
            "coding_p95": percentile(times, 0.95)}


async def measure_search(path: Path, query: str) -> float:
    """Seconds from enter in the Search tab (the query typed key by key) to the hits listed."""
    app = VerbatimsApp(Project.open(str(path)), coder="bench")
    async with app.run_test(size=(120, 35)) as pilot:
        pane = app.query_one(DocumentsPane)
        await until(lambda: pane.data is not None and bool(pane.documents))
        await pilot.pause()
        app.action_tab("search")
        await pilot.pause()
        search = app.query_one(SearchPane)
        search.action_focus_query()
        await pilot.press(*query)
        start = time.perf_counter()
        await pilot.press("enter")
        await until(lambda: bool(search.hits) or search.status.startswith(("0 ", "No ")),
                    timeout=600)
        await pilot.pause()
        took = time.perf_counter() - start
        hits = len(search.hits)
    app.project.close()
    print(f"search {query!r}: {hits} hits shown")
    return took


def search_baseline(path: Path, query: str) -> tuple[float, float, float]:
    """The query's parse (spaCy loaded once, kept in the project), a first search (its
    concordance analyses the corpus once, kept in the project too), then the same
    search and reads as the Search tab's worker without the UI: the baseline."""
    from verbatims.nlp.autocode import parse_phrases
    from verbatims.search import search

    project = Project.open(str(path))
    start = time.perf_counter()
    parse_phrases([query], project)
    parsed = time.perf_counter() - start
    start = time.perf_counter()
    search(project, query)
    first = time.perf_counter() - start
    start = time.perf_counter()
    hits = search(project, query)
    names = {d.id: d.name for d in project.documents()}
    for doc_id in {h.document_id for h in hits}:
        project.text(doc_id), project.turns(doc_id), names[doc_id]
    took = time.perf_counter() - start
    project.close()
    return parsed, first, took


def lemmatised_copy(source: Path, folder: Path) -> Path | None:
    """A copy of the lemmatised project, or None (said why) when searching it would parse."""
    from verbatims.nlp.cache import stale

    if not source.exists():
        print(f"search: not measured, no lemmatised project at {source}")
        return None
    work = folder / "lemmatised.sqlite"
    shutil.copy(source, work)
    project = Project.open(str(work))
    todo = stale(project, None)
    project.close()
    if todo:
        print(f"search: not measured, {len(todo)} documents of {source} are not lemmatised "
              "(searching would parse them)")
        return None
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codings", type=int, default=40)
    parser.add_argument("--out", type=Path, default=OUT,
                        help="folder of corpus/ and long/ (bench/out/10m: the 10M words)")
    parser.add_argument("--lemmatised", type=Path, default=None,
                        help="project with every lemma cached, searched on a copy "
                             "(default: lemmatised.sqlite in --out)")
    parser.add_argument("--query", default="mutualisation", help="the search measured")
    parser.add_argument("--no-search", action="store_true", help="skip the search")
    args = parser.parse_args()
    source = build(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "bench.sqlite"
        shutil.copy(source, work)
        fresh, empty = fresh_first_screen(work)
        ui = asyncio.run(measure(work, args.codings))
        base = baseline(work, int(str(ui["long_id"])), args.codings)
        searched = None
        lemmatised = None if args.no_search else lemmatised_copy(
            args.lemmatised or args.out / "lemmatised.sqlite", Path(tmp))
        if lemmatised is not None:
            parsed, first, base_search = search_baseline(lemmatised, args.query)
            searched = (asyncio.run(measure_search(lemmatised, args.query)), base_search,
                        parsed, first)
    print(f"project: {ui['documents']} documents, {ui['words']:,} words; "
          f"long transcript {ui['long_words']:,} words")
    print(f"{'measure':<28}{'workbench':>12}{'baseline':>12}{'ratio':>8}{'aim':>10}")
    rows = [("first screen", "first_screen", 1.0), ("open long transcript", "open", 0.2),
            ("coding, median", "coding_median", None), ("coding, 95th percentile",
                                                        "coding_p95", 0.05)]
    for label, key, aim in rows:
        value = float(str(ui[key]))
        ref = base[key]
        aim_text = f"< {aim * 1000:.0f} ms" if aim else ""
        print(f"{label:<28}{value * 1000:>10.1f}ms{ref * 1000:>10.1f}ms"
              f"{value / ref if ref else 0:>8.1f}{aim_text:>10}")
    print(f"{'first screen, fresh process':<28}{fresh * 1000:>10.1f}ms{empty * 1000:>10.1f}ms"
          f"{fresh / empty if empty else 0:>8.1f}{'< 1000 ms':>10}  (baseline: an empty "
          "Textual app)")
    print(f"{'one screen of scrolling':<28}{float(str(ui['scroll_screen'])) * 1000:>10.1f}ms")
    if searched is not None:
        took, ref, parsed, first = searched
        print(f"{'search, enter to hits':<28}{took * 1000:>10.1f}ms{ref * 1000:>10.1f}ms"
              f"{took / ref if ref else 0:>8.1f}{'< 1000 ms':>10}  (baseline: "
              "verbatims.search.search)")
        print(f"{'  before it, untimed above':<28}query parsed {parsed:.1f} s (spaCy loaded); "
              f"first search {first:.1f} s (the corpus analysed once, kept)")
    print(f"{'peak memory (RSS)':<28}{float(str(ui['rss_mb'])):>10.0f}MB")
    measures = {"workbench": {"mb": float(str(ui["rss_mb"])),
                              "s": float(str(ui["first_screen"]))}}
    if searched is not None:
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'  with the search':<28}{after:>10.0f}MB")
        measures["workbench with the search"] = {"mb": after, "s": searched[0]}
    keep("tui", int(str(ui["words"])), measures)


if __name__ == "__main__":
    main()
