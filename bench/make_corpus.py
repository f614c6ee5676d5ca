"""Build the 1M-word benchmark corpus (about 200 interviews) from the demo material.

Interviews are recombined from the demo corpus's speaker turns with a fixed
seed, so every run builds the same corpus: bench/out/corpus/*.txt, with front
matter attributes. `--long` also writes one 100,000-word transcript to
bench/out/long/ for the workbench benchmark.

    python bench/make_corpus.py [--words 1000000] [--long] [--out DIR]

The 10M-word corpus of `make bench-10m`: `--words 10000000 --out bench/out/10m`
(2,000 interviews, each the size of the 1M corpus's).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(REPO / "src"))

from verbatims.ingest import frontmatter  # noqa: E402

TURN = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\] )?([^\n:]{1,40}) : ", re.M)


def demo_turns() -> tuple[list[str], list[str], list[dict[str, object]]]:
    """Interviewer turns, respondent turns and the attribute sets of the demo corpus."""
    questions: list[str] = []
    answers: list[str] = []
    attributes: list[dict[str, object]] = []
    for path in sorted((REPO / "corpus").glob("*.txt")):
        attrs, text = frontmatter.split(path.read_text(encoding="utf-8"), str(path))
        attributes.append(attrs)
        marks = list(TURN.finditer(text))
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
            body = text[mark.end():end].strip()
            label = mark.group(1)
            (questions if label.startswith(("Enqu", "Q")) else answers).append(body)
    return questions, answers, attributes


def interview(rng: random.Random, questions: list[str], answers: list[str], words: int) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        question = rng.choice(questions)
        answer = rng.choice(answers)
        parts.append(f"Enquêtrice : {question}")
        parts.append(f"Interlocuteur 1 : {answer}")
        count += len(question.split()) + len(answer.split())
    return "\n\n".join(parts) + "\n"


def front_matter(attrs: dict[str, object], number: int) -> str:
    lines = ["---"]
    for key, value in attrs.items():
        if key == "collectivite":
            value = f"Collectivité {number:03d}"
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n---\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--interviews", type=int,
                        help="how many (default: one per 5,000 words, so 200 for 1M)")
    parser.add_argument("--long", action="store_true", help="also a 100,000-word transcript")
    parser.add_argument("--out", type=Path, default=OUT, help="folder of corpus/ and long/")
    args = parser.parse_args()
    if args.interviews is None:
        args.interviews = max(1, args.words // 5000)
    rng = random.Random(2023)
    questions, answers, attributes = demo_turns()
    folder = args.out / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    per = args.words // args.interviews
    total = 0
    width = max(3, len(str(args.interviews)))
    for n in range(1, args.interviews + 1):
        size = int(per * rng.uniform(0.75, 1.25)) if n < args.interviews else args.words - total
        text = interview(rng, questions, answers, max(size, 200))
        attrs = attributes[n % len(attributes)]
        (folder / f"entretien-{n:0{width}d}.txt").write_text(front_matter(attrs, n) + text,
                                                       encoding="utf-8")
        total += len(text.split())
    print(f"{args.interviews} interviews, {total} words in {folder}")
    if args.long:
        long_folder = args.out / "long"
        long_folder.mkdir(parents=True, exist_ok=True)
        text = interview(rng, questions, answers, 100_000)
        (long_folder / "entretien-long.txt").write_text(front_matter(attributes[0], 999) + text,
                                                        encoding="utf-8")
        print(f"1 interview, {len(text.split())} words in {long_folder}")


if __name__ == "__main__":
    main()
