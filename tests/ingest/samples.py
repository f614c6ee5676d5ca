"""One small interview in every import format, written as each tool writes it.

Each sample says which speaker asks: tests check that the file is read (text,
speakers, times) and the bench measures the roles. The files follow the
published formats (Transcriber's trans-14.dtd, TEI-ISO 24624 as CFPP2000 and
TEI-Corpo write it, Praat's long TextGrid, ELAN's EAF 3.0, CHAT, Whisper and
WhisperX JSON, WebVTT, SubRip, RTF 1.x, PDF 1.4); none is copied from a corpus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

ASK, ANSWER = "interviewer", "respondent"

EXCHANGE = [
    (ASK, "Bonjour, merci d'avoir accepté. Depuis quand habitez-vous le quartier ?"),
    (ANSWER, "Depuis vingt ans à peu près. On est arrivés en 2004, avec les enfants."),
    (ASK, "Et qu'est-ce qui a changé depuis ?"),
    (ANSWER, "Les commerces surtout : la boulangerie a fermé, il reste la pharmacie et un "
             "tabac. Ou mieux : il reste le marché, le jeudi, qui est très vivant."),
    (ASK, "Vous allez au marché ?"),
    (ANSWER, "Tous les jeudis, oui, c'est là qu'on voit les voisins. Sinon on ne se croise "
             "plus beaucoup, chacun est chez soi."),
]


@dataclass(frozen=True)
class Sample:
    name: str  # file name
    data: bytes
    roles: dict[str, str]  # speaker as the import names it -> who they are
    words: tuple[str, ...] = ()  # words the stored text must hold
    absent: tuple[str, ...] = ()  # what must not reach the stored text

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.data)
        return path


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def trs() -> Sample:
    """Transcriber 1.5, ISO-8859-1, with its DOCTYPE, Sync, Event, overlapping speech."""
    spk = {ASK: "spk1", ANSWER: "spk2"}
    turns = []
    t = 0.0
    for i, (role, said) in enumerate(EXCHANGE):
        end = t + 4.5
        words = said.split(" ")
        half = len(words) // 2
        body = (f'<Sync time="{t:.3f}"/>\n{_xml_escape(" ".join(words[:half]))}\n'
                f'<Event desc="rire" type="noise" extent="instantaneous"/>\n'
                f'<Sync time="{t + 2:.3f}"/>\n{_xml_escape(" ".join(words[half:]))}\n')
        turns.append(f'<Turn speaker="{spk[role]}" startTime="{t:.3f}" endTime="{end:.3f}">\n'
                     f"{body}</Turn>\n")
        t = end
        if i == 1:  # both talk at once
            turns.append(f'<Turn speaker="spk2 spk1" startTime="{t:.3f}" '
                         f'endTime="{t + 1:.3f}">\n<Sync time="{t:.3f}"/>\n<Who nb="1"/>\n'
                         "oui voilà\n<Who nb=\"2\"/>\nd'accord\n</Turn>\n")
            t += 1
    xml = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n'
           '<!DOCTYPE Trans SYSTEM "trans-14.dtd">\n'
           '<Trans scribe="SB" audio_filename="entretien_07" version="3" '
           'version_date="230314">\n<Speakers>\n'
           '<Speaker id="spk1" name="Enquêtrice" check="no" dialect="native" accent="" '
           'scope="local"/>\n'
           '<Speaker id="spk2" name="Simone Bréhat" check="no" type="female" '
           'dialect="native" accent="" scope="local"/>\n</Speakers>\n<Episode>\n'
           f'<Section type="report" startTime="0" endTime="{t:.3f}">\n'
           + "".join(turns) + "</Section>\n</Episode>\n</Trans>\n")
    return Sample("entretien_07.trs", xml.encode("iso-8859-1"),
                  {"Enquêtrice": ASK, "Simone Bréhat": ANSWER},
                  words=("boulangerie", "jeudis", "oui voilà"), absent=("rire", "Sync"))


def tei() -> Sample:
    """CFPP2000-style TEI: persons in the header, `annotatedU`/`u` with `who`, a timeline,
    the interviewer named as responsible for the recording."""
    people = {ASK: "Sonia_Lefeuvre", ANSWER: "Marcel_Duclos"}
    us = []
    whens = ['<when xml:id="T0" absolute="0"/>']
    for i, (role, said) in enumerate(EXCHANGE):
        whens.append(f'<when xml:id="T{2 * i + 1}" interval="{4 * i + 0.5}" since="#T0"/>')
        whens.append(f'<when xml:id="T{2 * i + 2}" interval="{4 * i + 4}" since="#T0"/>')
        us.append(f'<annotatedU who="#{people[role]}" start="#T{2 * i + 1}" '
                  f'end="#T{2 * i + 2}"><u>{_xml_escape(said)}'
                  '<pause type="short"/></u>'
                  '<spanGrp type="pos"><span>NOM</span></spanGrp></annotatedU>')
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0">'
           "<teiHeader><fileDesc><titleStmt><title>Marcel_Duclos_H_71_18e</title>"
           "<respStmt><resp>Enquêtrice</resp><name>Sonia Lefeuvre</name></respStmt>"
           "</titleStmt><publicationStmt><p>CFPP2000</p></publicationStmt>"
           "<sourceDesc><p>entretien</p></sourceDesc></fileDesc><profileDesc>"
           '<textClass><catRef corresp="type" target="entretien"/></textClass>'
           '<particDesc><listPerson><person xml:id="Sonia_Lefeuvre"><persName>Sonia '
           'Lefeuvre</persName><occupation>enseignante-chercheuse</occupation></person>'
           '<person xml:id="Marcel_Duclos"><persName>Marcel Duclos</persName>'
           "<occupation>retraité</occupation></person></listPerson></particDesc>"
           '</profileDesc></teiHeader><text><timeline unit="s">' + "".join(whens)
           + "</timeline><body>" + "".join(us) + "</body></text></TEI>\n")
    return Sample("Marcel_Duclos_H_71_18e.xml", xml.encode("utf-8"),
                  {"Sonia Lefeuvre": ASK, "Marcel Duclos": ANSWER},
                  words=("boulangerie",), absent=("NOM",))


def textgrid() -> Sample:
    """Praat's long text format: one tier per speaker, a comments tier, derived tiers."""
    tiers = []
    names = {ASK: "Enquêteur", ANSWER: "Joseph Le Du"}
    for role in (ASK, ANSWER):
        intervals = []
        t = 0.0
        for i, (r, said) in enumerate(EXCHANGE):
            label = said if r == role else ""
            intervals.append((4.0 * i, 4.0 * i + 4.0, label))
            t = 4.0 * i + 4.0
        tiers.append((names[role], intervals))
    tiers.append(("Commentaires", [(0.0, t, "bruit de fond")]))
    tiers.append((f"{names[ANSWER]}-phones", [(0.0, t, "d e p")]))
    lines = ['File type = "ooTextFile"', 'Object class = "TextGrid"', "", "xmin = 0",
             f"xmax = {t}", "tiers? <exists>", f"size = {len(tiers)}", "item []:"]
    for k, (name, intervals) in enumerate(tiers, start=1):
        lines += [f"    item [{k}]:", '        class = "IntervalTier"',
                  f'        name = "{name}"', "        xmin = 0", f"        xmax = {t}",
                  f"        intervals: size = {len(intervals)}"]
        for j, (a, b, label) in enumerate(intervals, start=1):
            label = label.replace('"', '""')
            lines += [f"        intervals [{j}]:", f"            xmin = {a}",
                      f"            xmax = {b}", f'            text = "{label}"']
    return Sample("entretien.TextGrid", ("\n".join(lines) + "\n").encode("utf-8"),
                  {"Enquêteur": ASK, "Joseph Le Du": ANSWER}, words=("boulangerie",),
                  absent=("bruit de fond", "d e p"))


def eaf() -> Sample:
    """ELAN 3.0: a tier per participant, a dependent translation tier, a gesture tier."""
    slots: list[str] = []
    annotations: dict[str, list[str]] = {ASK: [], ANSWER: []}
    for i, (role, said) in enumerate(EXCHANGE):
        slots.append(f'<TIME_SLOT TIME_SLOT_ID="ts{2 * i + 1}" TIME_VALUE="{4000 * i}"/>')
        slots.append(f'<TIME_SLOT TIME_SLOT_ID="ts{2 * i + 2}" TIME_VALUE="{4000 * i + 3500}"/>')
        annotations[role].append(
            f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a{i + 1}" '
            f'TIME_SLOT_REF1="ts{2 * i + 1}" TIME_SLOT_REF2="ts{2 * i + 2}">'
            f"<ANNOTATION_VALUE>{_xml_escape(said)}</ANNOTATION_VALUE>"
            "</ALIGNABLE_ANNOTATION></ANNOTATION>")
    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
           '<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-03-12T10:00:00+01:00" FORMAT="3.0" '
           'VERSION="3.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">'
           '<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>'
           "<TIME_ORDER>" + "".join(slots) + "</TIME_ORDER>"
           '<TIER LINGUISTIC_TYPE_REF="transcription" PARTICIPANT="Enquêtrice" '
           'TIER_ID="Enquêtrice">' + "".join(annotations[ASK]) + "</TIER>"
           '<TIER LINGUISTIC_TYPE_REF="transcription" PARTICIPANT="Rozenn Kerbrat" '
           'TIER_ID="Rozenn Kerbrat">' + "".join(annotations[ANSWER]) + "</TIER>"
           '<TIER LINGUISTIC_TYPE_REF="gestures" PARTICIPANT="Rozenn Kerbrat" '
           'TIER_ID="Rozenn Kerbrat gestes"><ANNOTATION><ALIGNABLE_ANNOTATION '
           'ANNOTATION_ID="g1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">'
           "<ANNOTATION_VALUE>hoche la tête</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION>"
           "</ANNOTATION></TIER>"
           '<LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="transcription" '
           'TIME_ALIGNABLE="true"/>'
           '<LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="gestures" '
           'TIME_ALIGNABLE="true"/>'
           "</ANNOTATION_DOCUMENT>\n")
    return Sample("entretien.eaf", xml.encode("utf-8"),
                  {"Enquêtrice": ASK, "Rozenn Kerbrat": ANSWER}, words=("boulangerie",),
                  absent=("hoche la tête",))


def cha() -> Sample:
    """CHAT: participants with roles, main tiers with media bullets, dependent tiers."""
    code = {ASK: "INV", ANSWER: "ROS"}
    lines = ["@UTF8", "@Begin", "@Languages:\tfra",
             "@Participants:\tINV Yvonne_Le_Floch Investigator, ROS Rose_Tanguy Participant",
             "@ID:\tfra|quartier|INV|||||Investigator|||",
             "@ID:\tfra|quartier|ROS|||||Participant|||", "@Date:\t12-MAR-2024"]
    for i, (role, said) in enumerate(EXCHANGE):
        words = said.replace(",", " ,").replace(".", " .").replace("?", " ?")
        lines.append(f"*{code[role]}:\t{words} [//] \x15{4000 * i}_{4000 * i + 3500}\x15")
        lines.append("%mor:\tpro|je v|habiter")
        if i == 3:
            lines.append("%com:\trires")
    lines.append("@End")
    return Sample("entretien.cha", ("\n".join(lines) + "\n").encode("utf-8"),
                  {"Yvonne Le Floch": ASK, "Rose Tanguy": ANSWER}, words=("boulangerie",),
                  absent=("pro|je", "[//]", "rires"))


def whisperx() -> Sample:
    segments = []
    for i, (role, said) in enumerate(EXCHANGE):
        speaker = "SPEAKER_01" if role == ASK else "SPEAKER_00"
        segments.append({"start": 4.0 * i, "end": 4.0 * i + 3.5, "text": " " + said,
                         "speaker": speaker,
                         "words": [{"word": w, "speaker": speaker} for w in said.split()]})
    data = {"segments": segments, "language": "fr"}
    return Sample("entretien.json", json.dumps(data, ensure_ascii=False).encode("utf-8"),
                  {"SPEAKER_01": ASK, "SPEAKER_00": ANSWER}, words=("boulangerie",))


def whisper_plain() -> Sample:
    segments = [{"id": i, "seek": 0, "start": 4.0 * i, "end": 4.0 * i + 3.5, "text": " " + s,
                 "tokens": [1, 2], "temperature": 0.0} for i, (_r, s) in enumerate(EXCHANGE)]
    data = {"text": " ".join(s for _r, s in EXCHANGE), "segments": segments, "language": "fr"}
    return Sample("dictee.json", json.dumps(data, ensure_ascii=False).encode("utf-8"), {},
                  words=("boulangerie",))


def _clock(ms: int, sep: str) -> str:
    return (f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}"
            f"{sep}{ms % 1000:03d}")


def vtt() -> Sample:
    cues = ["WEBVTT", "", "NOTE exported from the visio tool", ""]
    for i, (role, said) in enumerate(EXCHANGE):
        name = "Anne-Sophie Riou" if role == ASK else "Pierre Quéméner"
        text = said.replace("'", "&apos;").replace(" et ", " &amp; ", 1)
        cues += [f"{i + 1}", f"{_clock(4000 * i, '.')} --> {_clock(4000 * i + 3500, '.')}",
                 f"<v {name}>{text}</v>", ""]
    return Sample("visio.vtt", "\n".join(cues).encode("utf-8"),
                  {"Anne-Sophie Riou": ASK, "Pierre Quéméner": ANSWER},
                  words=("d'avoir", "pharmacie & un", "boulangerie"),
                  absent=("&apos;", "&amp;", "<v"))


def srt() -> Sample:
    cues = []
    for i, (role, said) in enumerate(EXCHANGE):
        speaker = "SPEAKER_00" if role == ASK else "SPEAKER_01"
        cues += [f"{i + 1}", f"{_clock(4000 * i, ',')} --> {_clock(4000 * i + 3500, ',')}",
                 f"{speaker}: {said}", ""]
    return Sample("visio.srt", "\n".join(cues).encode("utf-8"),
                  {"SPEAKER_00": ASK, "SPEAKER_01": ANSWER}, words=("boulangerie",),
                  absent=("-->",))


def rtf() -> Sample:
    def esc(text: str) -> str:
        out = []
        for ch in text:
            code = ord(ch)
            if ch in "\\{}":
                out.append("\\" + ch)
            elif code < 128:
                out.append(ch)
            else:
                out.append(f"\\'{ch.encode('cp1252')[0]:02x}")
        return "".join(out)

    body = "".join(f"{esc('Enquêtrice' if r == ASK else 'Hervé Le Meur')} : {esc(s)}\\par\\par\n"
                   for r, s in EXCHANGE)
    data = ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}"
            "\\f0\\fs24\n" + body + "}")
    return Sample("entretien.rtf", data.encode("ascii"),
                  {"Enquêtrice": ASK, "Hervé Le Meur": ANSWER}, words=("boulangerie",),
                  absent=("\\par", "fonttbl"))


def pdf() -> Sample:
    lines = ["Entretien n° 4 - quartier de la gare", ""]
    for role, said in EXCHANGE:
        label = "Enquêteur" if role == ASK else "Nathalie Guyader"
        text = f"{label} : {said}"
        while len(text) > 80:
            cut = text.rfind(" ", 0, 80)
            lines.append(text[:cut])
            text = text[cut + 1:]
        lines += [text, ""]
    return Sample("entretien.pdf", make_pdf(lines), {"Enquêteur": ASK,
                                                     "Nathalie Guyader": ANSWER},
                  words=("boulangerie",))


def make_pdf(lines: list[str], text: bool = True) -> bytes:
    """A one-page PDF 1.4 with `lines` in Helvetica (WinAnsi), or with no text layer."""
    def esc(s: str) -> bytes:
        return s.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(
            b")", b"\\)")

    if text:
        ops = [b"BT /F1 10 Tf 14 TL 50 800 Td"]
        for line in lines:
            ops.append(b"(" + esc(line) + b") Tj T*")
        ops.append(b"ET")
    else:
        ops = [b"0.8 g 50 500 300 200 re f"]  # a grey box: what a scan without OCR shows
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)


def docx_table(folder: Path) -> Path:
    """A Word transcript laid out as a table: time | speaker | text, with a header row."""
    import docx

    document = docx.Document()
    document.add_paragraph("Entretien avec une conseillère municipale, 12 mars 2024")
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(table.rows[0].cells, ("Temps", "Locuteur", "Transcription"),
                           strict=True):
        cell.text = title
    for i, (role, said) in enumerate(EXCHANGE):
        row = table.add_row().cells
        row[0].text = f"00:{i // 2:02d}:{i * 9 % 60:02d}"
        row[1].text = "Enquêtrice" if role == ASK else "Conseillère"
        row[2].text = said
    path = folder / "entretien-tableau.docx"
    document.save(str(path))
    return path


DOCX_ROLES = {"Enquêtrice": ASK, "Conseillère": ANSWER}


def markdown() -> Sample:
    """A podcast page's Markdown: nested front matter, an iframe, template tags, <br>."""
    lines = ["---", "title: Entretien avec un élu", "date: 2024-03-12", "commune: Lannion",
             "tags: [numérique, mairie]", "author:", "  name: Redaction", "---", "",
             "{{< toc >}}", "",
             '<iframe src="https://player.example/episode/12" width="100%"></iframe>', "",
             "## Transcription", ""]
    for role, said in EXCHANGE:
        label = "Journaliste" if role == ASK else "Gaël Le Roux"
        lines += [f"**{label} :** {said}<br>", ""]
    lines += ["{% include footer.html %}", ""]
    return Sample("episode-12.md", "\n".join(lines).encode("utf-8"),
                  {"Journaliste": ASK, "Gaël Le Roux": ANSWER}, words=("boulangerie",),
                  absent=("iframe", "{{", "{%", "<br>", "**", "toc"))


def html() -> Sample:
    parts = ["<!DOCTYPE html><html><head><title>Entretien</title><style>p{color:red}"
             "</style></head><body>", "{% block content %}", "<h1>Entretien</h1>",
             '<iframe src="https://video.example/embed/3"></iframe>']
    for role, said in EXCHANGE:
        label = "Enquêteur" if role == ASK else "Nadia Belkacem"
        parts.append(f"<p><strong>{label}&nbsp;:</strong> {said.replace(chr(39), '&#39;')}"
                     "<br/></p>")
    parts += ["<script>track();</script>", "{% endblock %}", "</body></html>"]
    return Sample("entretien.html", "\n".join(parts).encode("utf-8"),
                  {"Enquêteur": ASK, "Nadia Belkacem": ANSWER}, words=("d'avoir",),
                  absent=("<p>", "track", "color:red", "{%", "&nbsp;", "&#39;"))


def noscribe_html() -> Sample:
    """noScribe's HTML (the local Whisper + pyannote tool made for qualitative research):
    a title and a grey header, "S00: [00:00:00] …" opening each speaker's paragraph,
    one <a name="ts_…"> per segment, overlapping speech as "//S00: …//" inside the
    other's paragraph, HTML entities."""
    spk = {ASK: "S00", ANSWER: "S01"}
    paragraphs = []
    for i, (role, said) in enumerate(EXCHANGE):
        ms = 4000 * i
        stamp = _clock(ms, ".")[:8]
        first, _sep, rest = said.partition(". ")
        anchors = [f'<a name="ts_{ms}_{ms + 2000}_{spk[role]}" >{spk[role]}: <span style='
                   f'"color: #78909C" >[{stamp}]</span> {first.replace(chr(39), "&#x27;")}'
                   f'{"." if rest else ""}</a>']
        if role == ANSWER and i == 3:
            anchors.append(f'<a name="ts_{ms + 2000}_{ms + 2500}_//S00" > //S00: Ah oui.//</a>')
        if rest:
            anchors.append(f'<a name="ts_{ms + 2500}_{ms + 3900}_{spk[role]}" > '
                           f'{rest.replace(chr(39), "&#x27;")}</a>')
        paragraphs.append("<p>" + "".join(anchors) + "</p>")
    page = ('<!DOCTYPE html>\n<html><head><meta charset="UTF-8"><meta name="audio_source" '
            'content="/home/anne/entretien_04.mp3"><style>p { line-height: 1.8em; }</style>'
            '</head><body><div class="WordSection1"><p style="font-weight: 600;">entretien_04'
            '</p><p><span style="color: #909090; font-size: 0.8em;">Transcrit avec noScribe '
            "vers. 0.6.2<br />Fichier audio : /home/anne/entretien_04.mp3<br />(Langue : "
            "French (fr) | Identification des locuteurs : auto | Chevauchement : True | "
            "Horodatage : True | Disfluences : True | Pause : 1sec+)</span></p><p></p>"
            + "".join(paragraphs) + "</div></body></html>\n")
    return Sample("entretien_04.html", page.encode("utf-8"), {"S00": ASK, "S01": ANSWER},
                  words=("d'avoir", "Ah oui."), absent=("ts_", "78909C", "&#x27;", "<a"))


SAMPLES = (trs, tei, textgrid, eaf, cha, whisperx, vtt, srt, rtf, pdf, markdown, html,
           noscribe_html)
