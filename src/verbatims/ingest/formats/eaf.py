"""ELAN (.eaf): the top-level tiers that hold speech, one speaker each (pympi-ling).

A tier's speaker is its PARTICIPANT, else its name. Of a participant's tiers,
the one named after them or typed as a transcription is the speech; dependent
tiers (translations, glosses) and annotation tiers (gaze, gestures) are not.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import tiers, timed
from verbatims.ingest.registry import READERS, Options, Read, Reader


def read(path: Path, options: Options) -> Read:
    from pympi import Elan

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            eaf = Elan.Eaf(str(path))
    except Exception as exc:  # noqa: BLE001 - pympi raises many kinds on a bad file
        raise UserError(_("{path} is not a readable ELAN file ({error}); open it in ELAN "
                          "and save it again.").format(path=path,
                                                       error=exc.__class__.__name__)) from None
    chosen = _speech_tiers(eaf)
    segments: list[timed.Segment] = []
    for name, speaker in chosen.items():
        for start, end, value, *_rest in eaf.get_annotation_data_for_tier(name):
            said = tiers.clean_label(str(value))
            if said:
                segments.append(timed.Segment(speaker, said, int(start), int(end)))
    segments.sort(key=lambda s: (s.start_ms or 0, s.end_ms or 0))
    left = [n for n in eaf.get_tier_names() if n not in chosen]
    notes = ([_("tiers left out (not speech): {names}").format(names=", ".join(left[:12])
                                                             + (", …" if len(left) > 12 else ""))]
             if left else [])
    text, turns = timed.render(segments, options)
    return Read(text, "utf-8", turns, {}, notes)


def _speech_tiers(eaf: Any) -> dict[str, str]:
    """Tier name -> speaker, for the tiers that hold speech."""
    top = []
    for name in eaf.get_tier_names():
        aligned, _ref, attrs, _ordinal = eaf.tiers[name]
        if attrs.get("PARENT_REF") or not aligned:
            continue
        if not any(str(v[2]).strip() for v in aligned.values()):
            continue
        top.append((name, (attrs.get("PARTICIPANT") or "").strip() or name.strip(),
                    attrs.get("LINGUISTIC_TYPE_REF") or "", len(aligned)))
    by_speaker: dict[str, list[tuple[str, str, int]]] = {}
    for name, speaker, ltype, count in top:
        by_speaker.setdefault(speaker, []).append((name, ltype, count))
    out: dict[str, str] = {}
    for speaker, found in by_speaker.items():
        named = [f for f in found if f[0].strip() == speaker]
        typed = [f for f in found if tiers.is_speech_name(f[1]) or tiers.is_speech_name(f[0])]
        best = (named or typed or sorted(found, key=lambda f: -f[2]))[0]
        if named or typed or tiers.speaker_tiers([best[0]]):
            out[best[0]] = speaker
    return out


FORMAT = READERS.register(suffixes=(".eaf",), help=N_("ELAN"))(
    Reader(read, states_speakers=True))
