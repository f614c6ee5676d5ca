"""TEI transcriptions of speech (TEI-ISO 24624, CFPP2000, TEI-Corpo, Orfeo).

Utterances are `<u>` (alone, or inside `<annotatedU>` / `<annotationBlock>`),
their speaker in `who` (or `wh`), "#spk1" or a plain id, named from
`<listPerson>` (`<persName>`, `name`, `n`) when it can be. Times come from
`start`/`end` or `from`/`to` pointing into the `<timeline>` (`absolute`, or
`interval` `since` another point). Annotation tiers (`<spanGrp>`), incidents,
pauses and notes are not speech. A person with `role="interviewer"` (or
enquêteur), or named in the header as responsible for the recording, asks.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

from verbatims.errors import UserError
from verbatims.i18n import N_, _
from verbatims.ingest import labels, timed, xmlfile
from verbatims.ingest.registry import READERS, Options, Read, Reader
from verbatims.ingest.textfile import read_bytes
from verbatims.model.entities import Role

_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NOT_SPEECH = frozenset({"spanGrp", "span", "incident", "vocal", "kinesic", "pause", "note",
                         "desc", "anchor", "gap", "shift", "writing", "event", "fs", "f",
                         "interp", "interpGrp", "certainty", "respons", "label"})
_BLOCKS = ("annotatedU", "annotationBlock")


def read(path: Path, options: Options) -> Read:
    data = read_bytes(path)
    root = xmlfile.parse(data, str(path), "TEI")
    if xmlfile.local(root) not in ("TEI", "teiCorpus"):
        raise UserError(_("{path} is not a TEI file (its root is <{root}>, not <TEI>); "
                          "pass --format to say what it is.").format(
                              path=path, root=xmlfile.local(root)))
    persons, hints = _persons(root)
    times = _timeline(root)
    segments: list[timed.Segment] = []
    for u in _utterances(root):
        who, start, end = u
        said = timed.clean(_speech(who[0]))
        speaker_ref = who[1]
        key = speaker_ref.lstrip("#").split()[0] if speaker_ref else ""
        speaker = persons.get(key, _readable(key)) if key else None
        segments.append(timed.Segment(speaker, said, times.get(start.lstrip("#")) if start
                                      else None, times.get(end.lstrip("#")) if end else None))
    text, turns = timed.render(segments, options, hints)
    notes = []
    if not segments:
        notes.append(_("no <u> utterance found; the file may hold only its header"))
    return Read(text, "utf-8", turns, _attributes(root), notes)


def _utterances(root: Element) -> list[tuple[tuple[Element, str], str, str]]:
    """(the utterance element, its speaker), start and end pointers, in document order."""
    out = []
    inside = {id(u) for block in root.iter() if xmlfile.local(block) in _BLOCKS
              for u in block.iter() if xmlfile.local(u) == "u"}
    for element in root.iter():
        tag = xmlfile.local(element)
        if tag in _BLOCKS:
            who = element.get("who") or element.get("wh") or ""
            inner = [u for u in element.iter() if xmlfile.local(u) == "u"]
            for u in inner or [element]:
                out.append(((u, u.get("who") or u.get("wh") or who),
                            u.get("start") or element.get("start") or element.get("from") or "",
                            u.get("end") or element.get("end") or element.get("to") or ""))
        elif tag == "u" and id(element) not in inside:
            out.append(((element, element.get("who") or element.get("wh") or ""),
                        element.get("start") or element.get("from") or "",
                        element.get("end") or element.get("to") or ""))
    return out


def _speech(element: Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if xmlfile.local(child) not in _NOT_SPEECH:
            parts.append(_speech(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _persons(root: Element) -> tuple[dict[str, str], dict[str, Role]]:
    """Display names by person id, and the roles the header gives."""
    names: dict[str, str] = {}
    hints: dict[str, Role] = {}
    responsible = {labels.fold(_readable(" ".join((n.text or "").split())))
                   for stmt in root.iter() if xmlfile.local(stmt) == "respStmt"
                   for n in stmt.iter() if xmlfile.local(n) in ("name", "persName")}
    for person in root.iter():
        if xmlfile.local(person) != "person":
            continue
        aliases = [a.get("type") or "" for a in person.iter() if xmlfile.local(a) == "alt"]
        pid = (person.get(_XML_ID) or person.get("id") or person.get("n")
               or next((a for a in aliases if a), ""))
        if not pid:
            continue
        name = next((" ".join((c.text or "").split()) for c in person.iter()
                     if xmlfile.local(c) in ("persName", "name") and (c.text or "").strip()), "")
        shown = name or person.get("n") or _readable(pid)
        for key in {pid, *(a for a in aliases if a)}:  # TEI-Corpo names a person by <alt>
            names[key] = shown
        role = (person.get("role") or "").strip()
        named = labels.known_role(role) if role else None
        if named is not None:
            hints[shown] = named
        elif labels.fold(shown) in responsible or labels.fold(_readable(pid)) in responsible:
            hints[shown] = "interviewer"
    return names, hints


def _readable(pid: str) -> str:
    """"Anita_Musso" → "Anita Musso"; codes stay as they are ("spk1", "LOC1")."""
    return pid.replace("_", " ") if re.search(r"[a-zà-ÿ]_[A-ZÀ-Þ]", pid) else pid


def _timeline(root: Element) -> dict[str, int]:
    """Milliseconds of every point of the timeline, by id."""
    points: dict[str, int] = {}
    pending: list[tuple[str, float, str]] = []
    for when in root.iter():
        if xmlfile.local(when) != "when":
            continue
        wid = when.get(_XML_ID) or when.get("id") or ""
        absolute = when.get("absolute")
        if absolute is not None:
            seconds = _seconds(absolute)
            if seconds is not None:
                points[wid] = int(round(seconds * 1000))
        elif when.get("interval") and when.get("since"):
            seconds = _seconds(when.get("interval") or "")
            if seconds is not None:
                pending.append((wid, seconds, (when.get("since") or "").lstrip("#")))
    for _round in range(3):
        for wid, seconds, since in pending:
            if wid not in points and since in points:
                points[wid] = points[since] + int(round(seconds * 1000))
    return points


def _seconds(value: str) -> float | None:
    value = value.strip()
    try:
        if ":" in value:
            total = 0.0
            for part in value.split("T")[-1].split(":"):
                total = total * 60 + float(part)
            return total
        return float(value)
    except ValueError:
        return None


def _attributes(root: Element) -> dict[str, object]:
    out: dict[str, object] = {}
    for cat in root.iter():
        if xmlfile.local(cat) == "catRef" and cat.get("corresp") == "type" and cat.get("target"):
            out["type"] = cat.get("target")
    return out


def _sniff(head: bytes) -> bool:
    return xmlfile.sniff(head, b"<TEI", b"<teiCorpus")


FORMAT = READERS.register(suffixes=(".xml", ".tei"), help=N_("TEI speech transcription"))(
    Reader(read, _sniff, priority=2, states_speakers=True))
