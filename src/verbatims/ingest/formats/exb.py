"""EXMARaLDA basic transcription (.exb), as the Hamburg corpora and many French
corpus-linguistics projects (CLAPI exports, theses) distribute them.

Speakers come from `<speakertable>` (abbreviation, else the id); the speech is
each speaker's transcription tier (`type="t"`, category `v` or none); annotation
and description tiers (`type="a"`/`"d"`: comments, translations, gestures) are
left out and said so. Events are put in the common timeline's order, so that a
speaker's consecutive events make one turn and overlapping speech stays in place.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import timed, xmlfile
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_bytes


def read(path: Path, options: Options) -> Read:
    root = xmlfile.parse(read_bytes(path), str(path), "EXMARaLDA")
    if xmlfile.local(root) != "basic-transcription":
        raise UserError(_("{path} is not an EXMARaLDA basic transcription (its root is "
                          "<{root}>, not <basic-transcription>); pass --format to say what "
                          "it is.").format(path=path, root=xmlfile.local(root)))
    names = _speakers(root)
    order, times = _timeline(root)
    segments: list[tuple[int, int, timed.Segment]] = []
    left_out: list[str] = []
    for tier in root.iter("tier"):
        label = tier.get("display-name") or tier.get("id") or "?"
        if (tier.get("type") or "t") != "t" or (tier.get("category") or "v") not in ("v", "sup"):
            left_out.append(label)
            continue
        speaker = names.get(tier.get("speaker") or "", tier.get("speaker"))
        for event in tier.iter("event"):
            said = "".join(event.itertext())
            start, end = event.get("start") or "", event.get("end") or ""
            segments.append((order.get(start, len(order)), order.get(end, len(order)),
                             timed.Segment(speaker, said, times.get(start), times.get(end))))
    if not segments:
        raise UserError(_("{path} has no transcription tier with events; open it in the "
                          "Partitur-Editor and check its tiers' types.").format(path=path))
    segments.sort(key=lambda s: (s[0], s[1]))
    text, turns = timed.render([s for *_, s in segments], options)
    notes = ([_("tiers left out (not speech): {names}").format(
        names=", ".join(left_out[:12]) + (", …" if len(left_out) > 12 else ""))]
        if left_out else [])
    return Read(text, "utf-8", turns, _attributes(root), notes)


def _speakers(root: Element) -> dict[str, str]:
    out = {}
    for speaker in root.iter("speaker"):
        sid = speaker.get("id") or ""
        abbreviation = " ".join((speaker.findtext("abbreviation") or "").split())
        out[sid] = abbreviation or sid
    return out


def _timeline(root: Element) -> tuple[dict[str, int], dict[str, int | None]]:
    """Each timeline item's rank, and its time in ms where the file gives one."""
    order: dict[str, int] = {}
    times: dict[str, int | None] = {}
    for rank, tli in enumerate(root.iter("tli")):
        tid = tli.get("id") or ""
        order[tid] = rank
        try:
            times[tid] = round(float(tli.get("time") or "") * 1000)
        except ValueError:
            times[tid] = None
    return order, times


def _attributes(root: Element) -> dict[str, object]:
    name = " ".join((root.findtext("head/meta-information/transcription-name") or "").split())
    project = " ".join((root.findtext("head/meta-information/project-name") or "").split())
    out: dict[str, object] = {}
    if project:
        out["projet"] = project
    if name:
        out["transcription"] = name
    return out


def _sniff(head: bytes) -> bool:
    return xmlfile.sniff(head, b"<basic-transcription")


FORMAT = READERS.register(suffixes=(".exb", ".xml"), help=N_("EXMARaLDA"))(
    Reader(read, _sniff, priority=1, states_speakers=True))
