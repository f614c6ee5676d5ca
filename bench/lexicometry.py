"""Time specificities, correspondence analysis and Reinert's CHD on the 1M-word corpus, and
measure how well the CHD finds three planted vocabularies (adjusted Rand index).

Timing: each command runs as a user runs it (a fresh `verbatims` process, wall time,
interpreter start included) on the benchmark project, lemmas cached and the corpus
analysed once (its first figure, "cold", pays for that). Beside them, in the same run,
`verbatims cloud` on the same project: a figure that reads the same analysed corpus,
the reference the new commands are measured against. Wall and CPU seconds are both
given: on a shared machine the wall time is mostly waiting. Aims: specificities and CA
under 5 s, CHD under 60 s.

Planted topics: interviews written from three vocabularies (security, ecology,
school), each answer on one theme, with the words all themes share, go through the
whole pipeline (import, spaCy, the term normalisation, segments, CHD). The adjusted
Rand index compares the classes of the classed segments with the planted themes (aim
≥ 0.8); beside it the purity (the share of segments in their class's main theme: a
theme split in two classes lowers the ARI, not the purity) and the share of segments
classed. The same on the algorithm alone (segments built directly, no NLP) says what
the pipeline costs.

    python bench/make_corpus.py     # the 1M-word corpus, once
    python bench/lexicometry.py [--project bench/out/lexico.sqlite] [--no-timing] [--no-ari]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import numpy as np  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from verbatims.cli import main as cli_main  # noqa: E402
from verbatims.nlp.cache import ensure_parsed  # noqa: E402
from verbatims.store import Project  # noqa: E402

VERBATIMS = Path(sys.executable).parent / "verbatims"
CORPUS = HERE / "out" / "corpus"

THEMES = {
    "sécurité": """sauvegarde virus pirate attaque rançon serveur antivirus messagerie
        hameçonnage faille réseau identifiant chiffrement intrusion restauration menace
        audit alerte incident protection pare-feu piratage cybersécurité escroquerie
        sinistre""".split(),
    "écologie": """énergie chauffage recyclage déchet carbone pollution climat électricité
        consommation panneau éclairage sobriété réemploi matériau biodiversité compost
        transition isolation émission planète arbre vélo jardin environnement
        écologie""".split(),
    "école": """école enfant cantine enseignant élève classe garderie parent récréation
        cahier cartable maternelle instituteur directrice goûter lecture sortie crèche
        éducation cours rentrée institutrice préau bibliothèque cour""".split(),
}
COMMON = """mairie commune personne année projet équipe réunion service semaine agent
    habitant travail budget moment exemple élu conseil dossier mois maire territoire
    agglomération président secrétaire quartier bureau""".split()
FRAMES = [
    "On a beaucoup parlé de {a} et de {b}, surtout avec le {c}.",
    "Pour le {c}, la question du {a} revient chaque {d}.",
    "Le {a} et la {b}, c'est un vrai sujet pour notre {c}.",
    "Il faut voir le {a} avec le {d}, et puis la {b}.",
    "Franchement, le {a}, on en discute au {c}, avec la {b}.",
    "Depuis un {d}, le {a} pose des soucis au {c}.",
]


def planted_corpus(folder: Path, interviews: int = 30, answers: int = 30, seed: int = 7
                   ) -> None:
    """Interviews of question and answer turns, each answer on one planted theme."""
    rng = random.Random(seed)
    names = list(THEMES)
    for n in range(1, interviews + 1):
        lines = ["---", f"entretien: E{n:02d}", "---", ""]
        for _ in range(answers):
            theme = rng.choice(names)
            words = THEMES[theme]
            lines.append("Q : Et sur ce point ?")
            lines.append("")
            said = []
            for _s in range(rng.randint(3, 6)):
                pick = [rng.choice(words) if rng.random() < 0.6 else rng.choice(COMMON)
                        for _w in range(4)]
                said.append(rng.choice(FRAMES).format(a=pick[0], b=pick[1], c=pick[2],
                                                      d=pick[3]))
            lines.append(f"R : [{theme}] " + " ".join(said))
            lines.append("")
        (folder / f"E{n:02d}.txt").write_text("\n".join(lines), encoding="utf-8")


def truth_of(project: Project, starts: list[tuple[int, int]]) -> list[str]:
    """The planted theme of each segment: the mark opening its answer."""
    out = []
    texts: dict[int, str] = {}
    for doc, start in starts:
        text = texts.setdefault(doc, project.text(doc))
        mark = text.rfind("[", 0, start + 1)
        out.append(text[mark + 1:text.index("]", mark)])
    return out


def purity(truth: np.ndarray, classes: np.ndarray) -> float:
    """The share of classed segments in their class's main planted theme: 1 when every
    class holds one theme (a theme split in two classes is no error to a researcher,
    the ARI counts it as one)."""
    if not len(classes):
        return 0.0
    main = sum(int(np.bincount(truth[classes == k]).max()) for k in np.unique(classes))
    return main / len(classes)


def ari() -> None:
    from verbatims.analysis.chd import classify, reinert_classes
    from verbatims.analysis.textsegments import Segment
    from verbatims.analysis.units import Term

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        planted_corpus(folder)
        path = Path(tmp) / "planted.sqlite"
        cli_main(["--project", str(path), "init"])
        cli_main(["--project", str(path), "import", str(folder), "-q"])
        project = Project.open(str(path))
        began = time.perf_counter()
        ensure_parsed(project)
        print(f"planted corpus: {sum(d.word_count for d in project.documents()):,} words, "
              f"lemmatised in {time.perf_counter() - began:.0f} s")
        print(f"{'':24}{'ARI':>8}{'purity':>8}{'classed':>10}{'classes':>9}{'time':>8}")
        for method in ("simple", "double"):
            for classes in (6, 10):
                began = time.perf_counter()
                res = reinert_classes(project, classes=classes, method=method)
                spent = time.perf_counter() - began
                truth = truth_of(project, [(s.document_id, s.start) for s in res.segments])
                labels = np.array([["sécurité", "écologie", "école"].index(t)
                                   for t in truth])
                ok = res.classes > 0
                score = adjusted_rand_score(labels[ok], res.classes[ok]) if ok.any() else 0.0
                print(f"{method + ' --classes ' + str(classes):24}{score:8.3f}"
                      f"{purity(labels[ok], res.classes[ok]):8.3f}"
                      f"{ok.mean():10.0%}{res.k:9d}{spent:7.1f}s")
        # the algorithm alone, on segments made of the same vocabularies, no NLP
        rng = np.random.default_rng(1)
        segments, truth2 = [], []
        for d in range(12):
            k = int(rng.integers(3))
            for s in range(60):
                if rng.random() < 0.1:
                    k = int(rng.integers(3))
                vocab = list(THEMES.values())[k]
                words = [vocab[int(rng.integers(len(vocab)))] if rng.random() < 0.5
                         else COMMON[int(rng.integers(len(COMMON)))]
                         for _ in range(int(rng.integers(5, 12)))]
                segments.append(Segment(d, s, s + 1, 40, tuple(Term(w, s, s + 1)
                                                                for w in words)))
                truth2.append(k)
        for method in ("simple", "double"):
            res = classify(segments, {}, classes=6, method=method)
            ok = res.classes > 0
            print(f"{'algorithm alone, ' + method:24}"
                  f"{adjusted_rand_score(np.array(truth2)[ok], res.classes[ok]):8.3f}"
                  f"{purity(np.array(truth2)[ok], res.classes[ok]):8.3f}"
                  f"{ok.mean():10.0%}{res.k:9d}")
        project.close()


def run(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one `verbatims` command: on a
    shared machine the wall time is mostly waiting for a core, the CPU time is the work."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([str(VERBATIMS), *args], capture_output=True, text=True)
    spent = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        print(f"  failed: {' '.join(args)}: {done.stderr.strip()}")
    return spent, cpu


def timing(path: Path) -> None:
    if not path.exists():
        if not CORPUS.is_dir():
            sys.exit(f"{CORPUS} is missing: run `python bench/make_corpus.py` first.")
        cli_main(["--project", str(path), "init", "--codebook", "default"])
        cli_main(["--project", str(path), "import", str(CORPUS), "-q"])
    project = Project.open(str(path))
    began = time.perf_counter()
    parsed = ensure_parsed(project)
    if parsed:
        print(f"lemmatised {parsed} documents in {time.perf_counter() - began:.0f} s")
    words = sum(d.word_count for d in project.documents())
    project.close()
    print(f"{path}: {words:,} words")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        base = ["--project", str(path)]
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'':48}{'wall':>7}  {'CPU':>7}")
        cold, cold_cpu = run([*base, "cloud", "-o", str(out / "cold.png")])
        print(f"{'first figure (analyses the corpus, cold)':48}{cold:6.1f}s {cold_cpu:6.1f}s")
        rows = [
            ("cloud (reference, same run)", ["cloud", "-o", str(out / "c.png")], None),
            ("specificities --by type_collectivite (csv)",
             ["specificities", "--by", "type_collectivite", "-o", str(out / "s.csv")], 5),
            ("specificities --by population (png)",
             ["specificities", "--by", "population", "-o", str(out / "s.png")], 5),
            ("ca --by type_collectivite,role (csv)",
             ["ca", "--by", "type_collectivite,role", "-o", str(out / "a.csv")], 5),
            ("ca --by type_collectivite,role (png)",
             ["ca", "--by", "type_collectivite,role", "-o", str(out / "a.png")], 5),
            ("chd (simple, csv)", ["chd", "-o", str(out / "d.csv")], 60),
            ("chd --method double (png)", ["chd", "--method", "double", "-o",
                                           str(out / "d.png")], 60),
        ]
        for label, args, aim in rows:
            spent, cpu = run([*base, *args])
            shown = f"aim < {aim} s" if aim else ""
            print(f"{label:48}{spent:6.1f}s {cpu:6.1f}s   {shown}")


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--project", type=Path, default=HERE / "out" / "lexico.sqlite")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--no-ari", action="store_true")
    args = parser.parse_args()
    if not args.no_ari:
        ari()
    if not args.no_timing:
        timing(args.project)


if __name__ == "__main__":
    cli()
