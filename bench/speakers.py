"""Speaker roles measured against the truth: how much of what respondents said is
labelled respondent, and of what interviewers said, interviewer.

Three sets, each figure beside the baseline (the detector before issue 10, a
list of known labels; for formats it had no reader of, it read nothing):
- one interview written in every marker convention of tests/ingest/conventions.py;
- one file per import format (tests/ingest/samples.py), and a Transcriber and a TEI
  file laid out as ESLO and CFPP2000 publish theirs (tests/ingest/corpora.py);
- seed 003's interviews (the CNAM study), split into one file each as a new user
  would, when /work/shared or ../shared is there, against the truth read by hand
  line by line (bench/data/seed003_truth.tsv): respondent and interviewer as
  above, the preamble labelled preamble, editorial lines (page continuations,
  ornaments) nobody's speech.

Aims: respondent >= 0.99, interviewer >= 0.95, per convention.

    python bench/speakers.py
"""

from __future__ import annotations

import ast
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import speakers_baseline as baseline  # noqa: E402

from tests.ingest import corpora, samples  # noqa: E402
from tests.ingest.conventions import ANSWER, ASK, conventions, measure  # noqa: E402
from verbatims.ingest import read_file  # noqa: E402
from verbatims.model.entities import Turn  # noqa: E402

AIM_RESPONDENT, AIM_INTERVIEWER = 0.99, 0.95
SEED = "seeds/003_c6aabc1c172778a8.txt"


def _spans(turns: tuple[Turn, ...]) -> list[tuple[int, int, str]]:
    return [(t.speech_start, t.end, t.role) for t in turns]


def _baseline_spans(text: str) -> list[tuple[int, int, str]]:
    return [(t.start, t.end, t.role) for t in baseline.detect(text)]


def _row(name: str, ours: tuple[float, float], base: tuple[float, float] | None) -> bool:
    ok = ours[0] >= AIM_RESPONDENT and ours[1] >= AIM_INTERVIEWER
    base_text = f"{base[0]:>8.3f} {base[1]:>8.3f}" if base else f"{'-':>8} {'-':>8}"
    print(f"{name:<30} {ours[0]:>8.3f} {ours[1]:>8.3f}   {base_text}   {'' if ok else 'BELOW AIM'}")
    return ok


def _header(title: str) -> None:
    print(f"\n{title}")
    print(f"{'':<30} {'respond.':>8} {'interv.':>8}   {'baseline':>8} {'':>8}")


def bench_conventions(tmp: Path) -> list[bool]:
    _header("Marker conventions (one interview, 12 turns, written 29 ways)")
    out = []
    for written in conventions():
        path = tmp / f"{written.name}{written.suffix}"
        path.write_text(written.content, encoding="utf-8")
        doc = read_file(path)
        ours = measure(doc.text, written.truth, _spans(doc.turns))
        base = measure(doc.text, written.truth, _baseline_spans(doc.text))
        out.append(_row(written.name, ours, base))
    return out


def _by_speaker(text: str, turns: tuple[Turn, ...], roles: dict[str, str]
                ) -> tuple[float, float]:
    truth = [(t.speech_start, t.end, roles[t.speaker]) for t in turns
             if t.speaker in roles]
    return measure(text, truth, _spans(turns))


def bench_formats(tmp: Path) -> list[bool]:
    _header("Formats (one interview of 6 turns per format)")
    out = []
    makers = (*samples.SAMPLES, *corpora.CORPORA)  # the last two: ESLO's and CFPP's layout
    cases = [(s.name, s.write(tmp), s.roles) for s in (make() for make in makers)]
    cases.append(("entretien-tableau.docx", samples.docx_table(tmp), samples.DOCX_ROLES))
    for name, path, roles in cases:
        doc = read_file(path)
        ours = _by_speaker(doc.text, doc.turns, roles)
        old = path.suffix.lower() in (".txt", ".md", ".docx", ".odt", ".srt", ".vtt")
        base = None
        if old:
            labelled = [(t.start, t.end, t.role) for t in baseline.detect(doc.text)]
            truth = [(t.speech_start, t.end, roles[t.speaker]) for t in doc.turns
                     if t.speaker in roles]
            base = measure(doc.text, truth, labelled)
        out.append(_row(f"{doc.source_format:<9}{name}", ours, base))
    return out


def split_seed(seed: Path, folder: Path) -> list[Path]:
    """One file per interview, cut where each one opens ("A partir de son commentaire",
    "Madame Michèle Pasteur") and where the report moves on ("#7")."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    opens = [i for i, line in enumerate(lines)
             if re.match(r"^[AÀ] partir de son commentaire", line)
             or line.startswith("Madame Michèle Pasteur")]
    end = next(i for i, line in enumerate(lines) if line.strip() == "#7")
    files = []
    for k, start in enumerate(opens):
        stop = opens[k + 1] if k + 1 < len(opens) else end
        name = re.search(r"(?:interrogé \*\*|Madame )([^\W\d_]+ [^\W\d_]+)",
                         "\n".join(lines[start:start + 3]))
        who = name.group(1).split()[-1] if name else f"entretien-{k + 1}"
        slug = re.sub(r"[^a-z]+", "-", who.lower().replace("è", "e").replace("é", "e"))
        path = folder / f"{k + 1:02d}-{slug.strip('-')}.txt"
        path.write_text("\n".join(lines[start:stop]).strip() + "\n", encoding="utf-8")
        files.append(path)
    return files


TRUTH = HERE / "data" / "seed003_truth.tsv"


def seed_truth(path: Path) -> list[tuple[int, int, str]]:
    """Who says each line of one of seed 003's interviews, as read by hand
    (bench/data/seed003_truth.tsv): (speech start, end, role), the line's speaker
    marker left out. Raises when the file does not hold the lines the truth names
    (the seed or the split changed: the truth must be read again)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    truth = []
    named = 0
    for row in TRUTH.read_text(encoding="utf-8").splitlines():
        if row.startswith("#") or row.startswith("file\t") or not row.strip():
            continue
        name, number, role, marker, opening = row.split("\t")
        if name != path.name:
            continue
        k = int(number) - 1
        label = ast.literal_eval(marker)
        if not lines[k].startswith(label + opening):
            raise ValueError(f"{path.name} line {number} is not {label + opening!r}: "
                             "read the truth again")
        truth.append((starts[k] + len(label), starts[k] + len(lines[k].rstrip()), role))
        named += 1
    said = sum(1 for line in lines if line.strip())
    if named != said:
        raise ValueError(f"{path.name}: the truth names {named} lines of {said}")
    return truth


def seed_measure(text: str, truth: list[tuple[int, int, str]],
                 turns: tuple[Turn, ...]) -> dict[str, float]:
    """Per role of the truth, the share of its characters labelled so; an editorial
    line is right when it is nobody's speech (neither interviewer nor respondent)."""
    at = [""] * len(text)
    for t in turns:
        for k in range(t.speech_start, min(t.end, len(text))):
            at[k] = t.role
    hit: dict[str, int] = {}
    total: dict[str, int] = {}
    for start, end, role in truth:
        for k in range(start, end):
            if text[k].isspace():
                continue
            total[role] = total.get(role, 0) + 1
            ok = at[k] not in (ASK, ANSWER) if role == "editorial" else at[k] == role
            hit[role] = hit.get(role, 0) + ok
    return {role: hit[role] / total[role] for role in total}


def bench_seed(tmp: Path) -> list[bool]:
    shared = next((p for p in (Path("/work/shared"), HERE.parent.parent / "shared")
                   if (p / SEED).is_file()), None)
    if shared is None:
        print("\nSeed 003 not found (../shared absent): its measure is skipped.")
        return []
    print("\nSeed 003: the CNAM study's interviews, one file each, against the truth read "
          "by hand\n(bench/data/seed003_truth.tsv)")
    print(f"{'':<30} {'respond.':>8} {'interv.':>8} {'preamb.':>8} {'editor.':>8}   "
          f"{'baseline':>8} {'':>8}")
    out = []
    chars = {ANSWER: [0.0, 0], ASK: [0.0, 0]}
    for path in split_seed(shared / SEED, tmp):
        doc = read_file(path)
        truth = seed_truth(path)
        if doc.text != path.read_text(encoding="utf-8"):
            raise ValueError(f"{path.name}: the stored text differs from the file")
        shares = seed_measure(doc.text, truth, doc.turns)
        pairs = [(s, e, r) for s, e, r in truth if r in (ASK, ANSWER)]
        base = measure(doc.text, pairs, _baseline_spans(doc.text))
        for role in (ANSWER, ASK):
            n = sum(1 for s, e, r in truth if r == role for k in range(s, e)
                    if not doc.text[k].isspace())
            chars[role][0] += shares[role] * n
            chars[role][1] += n
        ok = (shares[ANSWER] >= AIM_RESPONDENT and shares[ASK] >= AIM_INTERVIEWER
              and shares.get("preamble", 1.0) == 1.0)
        print(f"{path.name:<30} {shares[ANSWER]:>8.3f} {shares[ASK]:>8.3f} "
              f"{shares.get('preamble', 1.0):>8.3f} {shares.get('editorial', 1.0):>8.3f}   "
              f"{base[0]:>8.3f} {base[1]:>8.3f}   {'' if ok else 'BELOW AIM'}")
        out.append(ok)
    print(f"{'all eight (characters)':<30} {chars[ANSWER][0] / chars[ANSWER][1]:>8.3f} "
          f"{chars[ASK][0] / chars[ASK][1]:>8.3f}   of {int(chars[ANSWER][1])} respondent "
          f"and {int(chars[ASK][1])} interviewer characters")
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for sub in ("conventions", "formats", "seed"):
            (folder / sub).mkdir()
        results = (bench_conventions(folder / "conventions") + bench_formats(folder / "formats")
                   + bench_seed(folder / "seed"))
    print(f"\n{sum(results)} of {len(results)} at the aim (respondent >= {AIM_RESPONDENT}, "
          f"interviewer >= {AIM_INTERVIEWER}).")


if __name__ == "__main__":
    main()
