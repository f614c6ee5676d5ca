"""The plain-text annex: readable as it is, grouped and ordered like the other formats."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

Run = Callable[..., Any]


def _unwrapped(text: str) -> str:
    return " ".join(text.split())


def test_txt_annex_reads_like_the_others(annex: Path, tmp_path: Path, run_cli: Run) -> None:
    out, md = tmp_path / "annexe.txt", tmp_path / "annexe.md"
    result = run_cli("--lang", "fr", "-p", annex, "export", "extracts", "-o", out)  # by name
    assert result.code == 0, result.err
    assert "6 extraits en 4 groupes écrits" in result.out
    assert run_cli("--lang", "fr", "-p", annex, "export", "extracts", "--format", "md", "-o",
                   md).code == 0
    text = out.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[:2] == ["Extraits d’entretiens", "=" * len("Extraits d’entretiens")]
    # The same groups, in the same order, as the Markdown annex.
    groups = [lines[i - 1] for i, line in enumerate(lines) if re.fullmatch(r"-{3,}", line)]
    md_groups = re.findall(r"^## (.+)$", md.read_text(encoding="utf-8"), re.MULTILINE)
    assert groups == [g.replace("\\", "") for g in md_groups] and len(groups) >= 3
    flat = _unwrapped(text)
    # Quotes whole, nothing escaped: the formula, the HTML and the stars stay as said.
    assert "On garde les postes plus longtemps." in flat
    assert "=SOMME(A1:A3) c'est ce que disait Guillou en riant, et <b>Madame Kerhervé</b>" in flat
    assert "On a *vraiment* réduit" not in flat  # not coded: only extracts are exported
    assert "Mémo : Exemple type de <sobriété> & d'allongement" in flat
    # Quotes are indented and wrapped without cutting a word or a reference.
    body = [line for line in lines if line.startswith("    ")]
    assert body and all(len(line) <= 78 for line in body)
    assert not any(line.rstrip().endswith(("car.", "«")) for line in lines)


def test_txt_groups_by_inclusive_attribute_values_and_breaks_pages(
        annex: Path, tmp_path: Path, run_cli: Run) -> None:
    out = tmp_path / "par-role.txt"
    result = run_cli("-p", annex, "export", "extracts", "--format", "txt", "-o", out,
                     "--group-by", "attribute", "--attribute", "role", "--page-breaks")
    assert result.code == 0, result.err
    text = out.read_text(encoding="utf-8")
    headings = re.findall(r"^\f?(.+)\n-{3,}$", text, re.MULTILINE)
    assert any("agent·e" in h for h in headings) and any("élu·e" in h for h in headings)
    assert text.count("\f") == len(headings) - 1  # each group after the first on a new page


def test_txt_is_among_the_formats_offered(run_cli: Run) -> None:
    result = run_cli("export", "extracts", "--help")
    assert result.code == 0
    assert "txt" in result.out and "FILE.txt" in result.out
