"""Runs verbatims commands in a loop, in one process, for tests/test_crash.py to kill.

    python tests/crash_driver.py KIND PROJECT FOLDER

Starts verbatims once, prints READY, then runs the commands of KIND one after the
other and prints `ACK …` after each that succeeded (what the command line would
have told the user), until killed or done. KIND is code, import, qdpx, export,
init or accept. Each command is `verbatims.cli.main`, as `verbatims ARGS…` runs it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from verbatims.cli import main


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def done(code: int) -> bool:
    """Whether the command succeeded; interrupted (SIGTERM, Ctrl+C), the driver ends as
    `verbatims` itself would, with the command's status."""
    if code == 130:
        sys.exit(130)
    return code == 0


def run(kind: str, project: str, folder: Path) -> None:
    say("READY")
    for i in range(10_000):
        if kind == "code":
            start = 10 + 7 * i
            if done(main(["-p", project, "code", "01-maire-commune-1000-2000.txt",
                          str(start), str(start + 30), "sobriété", "--coder", f"crash{i}"])):
                say(f"ACK {i} {start}")
        elif kind == "import":
            batch = folder / f"lot{i}"
            batch.mkdir()
            for n in range(3):
                (batch / f"e{i}-{n}.txt").write_text(
                    f"Enquêtrice : Question {i}.{n} ?\nÉlue : Réponse {i}.{n}, "
                    "numérique responsable.\n" * 40, encoding="utf-8")
            if done(main(["-p", project, "import", str(batch)])):
                say(f"ACK {i}")
        elif kind == "qdpx":
            source = folder / f"p{i}.qdpx"
            if not source.exists():
                return
            if done(main(["-p", project, "import-qdpx", str(source)])):
                say(f"ACK {i}")
        elif kind == "export":
            out = folder / f"annexe{i % 3}.docx"
            if done(main(["-p", project, "export", "extracts", "-o", str(out)])):
                say(f"ACK {i} {out.name}")
        elif kind == "init":  # PROJECT is a folder: a new project in it each time
            target = Path(project) / f"etude{i}.sqlite"
            if done(main(["-p", str(target), "init", "--codebook", "default"])):
                say(f"ACK {i} {target.name}")
        elif kind == "accept":
            if done(main(["-p", project, "autocode", "--accept", "--code", "sobriété"])):
                say("ACK 0")
            return
    say("DONE")


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], Path(sys.argv[3]))
