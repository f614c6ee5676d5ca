"""Praat TextGrid: one interval tier per speaker (read with praatio).

Annotation tiers (phones, syllables, POS, comments, tiers derived from a
speaker's, see `tiers`) are left out. A file with one orthographic tier and a
"spk" tier takes each interval's speaker from the spk tier.
"""

from __future__ import annotations

from pathlib import Path

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import tiers, timed
from verbatims.ingest.registry import READERS, Options, Read, Reader


def read(path: Path, options: Options) -> Read:
    from praatio import textgrid

    try:
        grid = textgrid.openTextgrid(str(path), includeEmptyIntervals=False,
                                     duplicateNamesMode="rename")
    except Exception as exc:  # noqa: BLE001 - praatio raises many kinds on a bad file
        raise UserError(_("{path} is not a readable Praat TextGrid ({error}); open it in "
                          "Praat and save it again as a text file.").format(
                              path=path, error=exc.__class__.__name__)) from None
    interval = [n for n in grid.tierNames if grid.getTier(n).tierType == "IntervalTier"]
    chosen = tiers.speaker_tiers(interval)
    who = tiers.speaker_tier(interval)
    segments: list[timed.Segment] = []
    for name in chosen:
        single = who is not None and len(chosen) == 1
        for entry in grid.getTier(name).entries:
            said = tiers.clean_label(entry.label)
            if not said:
                continue
            speaker = _at(grid, who, (entry.start + entry.end) / 2) if single else name
            segments.append(timed.Segment(speaker, said, int(round(entry.start * 1000)),
                                          int(round(entry.end * 1000))))
    segments.sort(key=lambda s: (s.start_ms or 0, s.end_ms or 0))
    left = [n for n in grid.tierNames if n not in chosen]
    notes = [_("tiers left out (not speech): {names}").format(names=", ".join(left))] if left \
        else []
    text, turns = timed.render(segments, options)
    return Read(text, "utf-8", turns, {}, notes)


def _at(grid: object, tier: str | None, when: float) -> str | None:
    if tier is None:
        return None
    for entry in grid.getTier(tier).entries:  # type: ignore[attr-defined]
        if entry.start <= when < entry.end:
            label = entry.label.strip(" _")
            return label or None
    return None


FORMAT = READERS.register(suffixes=(".textgrid",), help=N_("Praat TextGrid"))(
    Reader(read, states_speakers=True))
