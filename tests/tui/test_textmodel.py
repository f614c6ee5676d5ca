"""Selection units and wrapping over a real demo transcript."""

from __future__ import annotations

from verbatims.store import Project
from verbatims.tui import textmodel as tm


def test_units_never_include_the_speaker_label(demo: Project) -> None:
    doc = demo.document("07-agent-epci-30000.txt")
    text, turns = demo.text(doc.id), demo.turns(doc.id)
    respondent = turns[1]
    on_label = respondent.start + 2
    start, end = tm.sentence_at(text, on_label, turns)
    assert text[start:end] == "Oui, bien sûr."
    start, end = tm.utterance_at(text, turns, on_label)
    assert text[start:].startswith("Oui, bien sûr.") and end <= respondent.end
    inside = text.index("Je suis rattachée")
    start, end = tm.sentence_at(text, inside + 10, turns)
    assert text[start:end].startswith("Je suis rattachée") and text[end - 1] == "."
    start, end = tm.word_at(text, inside + 1)
    assert text[start:end] == "Je"


def test_wrap_keeps_every_character_and_respects_the_width(demo: Project) -> None:
    doc = demo.document("07-agent-epci-30000.txt")
    text = demo.text(doc.id)
    layout = tm.wrap(text, 50)
    assert all(e - s <= 50 for s, e in zip(layout.starts, layout.ends, strict=True))
    rebuilt = "".join(text[s:e] for s, e in zip(layout.starts, layout.ends, strict=True))
    assert rebuilt.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert layout.line_of(len(text)) == len(layout) - 1


def test_no_line_starts_with_a_french_closing_mark(demo: Project) -> None:
    """French sets a space before ? ! : ; and », after «: the mark stays with its word."""
    text = demo.text(demo.document("07-agent-epci-30000.txt").id)
    for width in range(30, 90, 7):
        layout = tm.wrap(text, width)
        for s, e in zip(layout.starts, layout.ends, strict=True):
            line = text[s:e]
            assert not line.startswith(("?", "!", ":", ";", "»")), (width, line)
            assert not line.endswith("«"), (width, line)
            assert e - s <= width
    small = "de communes ? Oui « bien » sûr"
    layout = tm.wrap(small, 12)
    assert [small[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)] == \
        ["de", "communes ?", "Oui « bien »", "sûr"]


def test_ocr_line_breaks_do_not_end_sentences_or_paragraphs() -> None:
    text = ("Interlocuteur 1 : On pose des questions, moi, je pose des\n"
            "questions idiotes. Quand je dis clown,\nje suis pas un technicien.\n\n"
            "Interlocuteur 2 : Autre chose.")
    inside = text.index("idiotes")
    start, end = tm.sentence_at(text, inside)
    assert text[start:end].endswith("je pose des\nquestions idiotes.")  # across the break
    start, end = tm.paragraph_at(text, inside)
    assert text[start:end].endswith("technicien.") and text[start:].startswith("Interloc")


def _reflow_joins_ocr_lines(project: Project, name: str) -> None:
    doc = project.document(name)
    text, turns = project.text(doc.id), project.turns(doc.id)
    assert tm.hard_wrapped(text)
    flowed = tm.reflow(text, [t.start for t in turns])
    assert len(flowed) == len(text)
    assert flowed.count("\n") < text.count("\n") / 2
    assert all(t.start == 0 or flowed[t.start - 1] == "\n" for t in turns)
    assert not tm.hard_wrapped(project.text(project.document("07-agent-epci-30000.txt").id))


def test_reflow_joins_ocr_lines_but_keeps_turns_and_offsets(ocr: Project) -> None:
    _reflow_joins_ocr_lines(ocr, "01-dsi-ville-15000")


def test_reflow_joins_the_real_annexe2_lines(annexe2: Project) -> None:
    _reflow_joins_ocr_lines(annexe2, "01-dsi-commune-20000")


def test_the_extract_preview_wraps_as_the_transcript_does() -> None:
    """Rich alone breaks before the "?" of "communes ?"; the preview must not."""
    from rich.console import Console
    from rich.text import Text

    from verbatims.tui.context import wrapped

    line = Text("de l'organisation de la communauté de communes ? Chargée de mission : Oui.")
    width = line.plain.index(" ?") + 1  # Rich's own wrap would start a line with "?"
    console = Console(width=width, record=True, color_system=None)
    assert any(row.plain.startswith("?") for row in line.wrap(console, width))
    ours = wrapped(line, width).plain.splitlines()
    assert not any(row.startswith("?") for row in ours)
    assert " ".join(ours).split() == line.plain.split()  # nothing lost
