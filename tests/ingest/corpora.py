"""Files laid out exactly as two public French corpora publish their interviews.

- ESLO (Enquêtes sociolinguistiques à Orléans), Transcriber 1.4 files as Ortolang
  serves them: ISO-8859-1, the `trans-14.dtd` DOCTYPE, a `<Topics>` list, speakers
  named by codes (the interviewee "BA725", the interviewer by initials "OU", other
  voices "001LOC1"), a first `<Turn>` with no speaker, `<Section topic=…>`, many
  `<Sync>` (some with nothing after them), overlapping speech as
  `speaker="spk1 spk2"` with `<Who nb=…>`, `<Event desc="pi" type="pronounce">`
  and laughter, the interviewer's "oui" between the answers, questions ending " ?".
- CFPP2000 as TEI-Corpo converts it (TEI-ISO 24624): the corpus' responsible
  people in `<respStmt>` (the interviewer among them), `<person xml:id=…>` with no
  name but the id, a `<timeline>` of `absolute`/`interval since` points,
  `<annotationBlock who=… from=… to=…>` holding a `<u>` and the Orfeo CoNLL
  `<spanGrp>` (forms, lemmas, POS: not speech), no punctuation at all.

The structure (elements, attributes, their order, the encodings, the codes' shape)
is the corpora's, read from their published files; the speech, codes and names are
ours, so no one's words are copied. `tests/ingest/test_corpora.py` reads them.
"""

from __future__ import annotations

from tests.ingest.samples import ANSWER, ASK, Sample

# (who, what), who: "asks", "answers", "other"; "+" joins two voices at once.
ESLO_TALK: list[tuple[str, str]] = [
    ("answers", "vous savez euh|enfin"),
    ("answers+asks", "tout le monde euh tout le monde|oui"),
    ("asks", "bon alors je vais vous poser des questions d'abord|sur un questionnaire"),
    ("answers", "oui"),
    ("asks", "alors monsieur NPERS depuis quand habitez-vous à Orléans ?"),
    ("answers", "eh bien euh depuis l'âge de sept ans|depuis que mes parents sont venus "
                "pour la filature"),
    ("asks", "oui"),
    ("answers", "avant on était à la campagne du côté de NPERS|mon père était "
                "journalier dans les fermes|alors la ville pour nous c'était autre chose"),
    ("asks", "et vous vous plaisez à Orléans ?"),
    ("answers", "ah oui j'aime ma ville|j'ai un peu voyagé pour le travail|mais je "
                "suis toujours content de revenir au bord de la Loire"),
    ("asks+answers", "pourquoi ?|parce que"),
    ("answers", "parce que c'est calme on se connaît dans le quartier|enfin on se "
                "connaissait surtout"),
    ("other", "tu veux un café ?"),
    ("answers", "non merci ça va"),
    ("asks", "et qu'est-ce qui a changé dans le quartier depuis ?"),
    ("answers", "les commerces surtout|il y avait trois boulangeries et une mercerie|"
                "maintenant il reste une pharmacie et la banque"),
    ("asks", "hum"),
    ("answers", "les jeunes partent travailler à Paris|ils reviennent le dimanche"),
]

ESLO_CODES = {"answers": "spk1", "asks": "spk2", "other": "spk3"}
ESLO_ROLES = {"KM214": ANSWER, "JD": ASK, "014LOC1": ANSWER}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def eslo_trs() -> Sample:
    """An ESLO1 interview as Transcriber writes it (see the module's doc)."""
    topics = "".join(f'<Topic id="to{i}" desc="{d}"/>\n'
                     for i, d in enumerate(("QP1", "QP2", "QP3", "QHQ", "T1"), start=1))
    speakers = ('<Speaker id="spk1" name="KM214" check="no" dialect="native" accent="" '
                'scope="local"/>\n'
                '<Speaker id="spk2" name="JD" check="no" dialect="native" accent="" '
                'scope="local"/>\n'
                '<Speaker id="spk3" name="014LOC1" check="no" dialect="native" accent="" '
                'scope="local"/>\n')
    t = 0.449
    sections: list[list[str]] = [[f'<Turn startTime="0" endTime="{t:.3f}">\n'
                                  '<Sync time="0"/>\n\n</Turn>\n']]
    for k, (who, said) in enumerate(ESLO_TALK):
        if k in (4, 8, 14):  # a new question opens a new topic section
            sections.append([])
        pieces = said.split("|")
        end = t + 1.2 * len(pieces) + 0.3 * len(said.split())
        voices = who.split("+")
        spk = " ".join(ESLO_CODES[v] for v in voices)
        body = [f'<Sync time="{t:.3f}"/>\n']
        if len(voices) == 2:
            body += [f'<Who nb="1"/>\n{_esc(pieces[0])}\n',
                     f'<Who nb="2"/>\n\n<Event desc="pi" type="pronounce" '
                     f'extent="instantaneous"/>\n{_esc(pieces[1])}\n']
        else:
            step = (end - t) / len(pieces)
            for j, piece in enumerate(pieces):
                if j:
                    body.append(f'<Sync time="{t + j * step:.3f}"/>\n\n'
                                f'<Sync time="{t + j * step + 0.2:.3f}"/>\n')
                body.append(f"{_esc(piece)}\n")
            if k == 9:
                body.append('<Event desc="rire" type="noise" extent="instantaneous"/>\n')
        sections[-1].append(f'<Turn speaker="{spk}" startTime="{t:.3f}" '
                            f'endTime="{end:.3f}">\n' + "".join(body) + "</Turn>\n")
        t = end
    xml = ['<?xml version="1.0" encoding="ISO-8859-1"?>\n',
           '<!DOCTYPE Trans SYSTEM "trans-14.dtd">\n',
           '<Trans scribe="Lemaire" audio_filename="214_anon" version="12" '
           'version_date="101215">\n', "<Topics>\n", topics, "</Topics>\n",
           "<Speakers>\n", speakers, "</Speakers>\n", "<Episode>\n"]
    start = 0.0
    for i, turns in enumerate(sections):
        stop = float(turns[-1].split('endTime="')[1].split('"')[0])
        topic = f' topic="to{i}"' if i else ""
        xml += [f'<Section type="report"{topic} startTime="{start:g}" '
                f'endTime="{stop:.3f}">\n', *turns, "</Section>\n"]
        start = stop
    xml += ["</Episode>\n", "</Trans>\n"]
    return Sample("ESLO1_ENT_214_C.trs", "".join(xml).encode("iso-8859-1"), ESLO_ROLES,
                  words=("Orléans", "filature", "boulangeries", "tout le monde"),
                  absent=("pi", "rire", "Sync", "QP1"))


CFPP_TALK: list[tuple[str, str]] = [
    (ANSWER, "bon je reviens sur cette histoire de voiture qui est une vraie histoire euh"),
    (ANSWER, "parce que le marché c'est à deux rues"),
    (ANSWER, "et je prends quand même la voiture voilà"),
    (ASK, "et pourquoi vous la prenez alors"),
    (ANSWER, "par habitude je crois par facilité"),
    (ANSWER, "elle est garée devant la porte je passe devant je monte dedans"),
    (ASK, "mm"),
    (ANSWER, "et après je tourne un quart d'heure pour me garer je le sais"),
    (ASK, "et le quartier lui il a changé depuis que vous êtes arrivée"),
    (ANSWER, "oh oui les ateliers sont partis il y a des bureaux des cafés"),
    (ANSWER, "avant on entendait les machines dans les cours"),
]

CFPP_PEOPLE = {ASK: "Gaëlle_Kerjean", ANSWER: "Odile_Masson"}
CFPP_ROLES = {"Gaëlle Kerjean": ASK, "Odile Masson": ANSWER}


def cfpp_tei() -> Sample:
    """A CFPP2000 interview as TEI-Corpo converts it (see the module's doc)."""
    whens = ['<when absolute="0" xml:id="T0"/>']
    blocks = []
    at = 0.04
    n = 1
    for k, (role, said) in enumerate(CFPP_TALK, start=1):
        words = said.split()
        first = n
        whens.append(f'<when interval="{at:.6f}" since="#T0" xml:id="T{n}"/>')
        end = at + 0.35 * len(words)
        whens.append(f'<when interval="{end:.6f}" since="#T0" xml:id="T{n + 1}"/>')
        n += 2
        spans = []
        for i, word in enumerate(words, start=1):
            whens.append(f'<when interval="{at + 0.35 * (i - 1):.6f}" since="#T0" '
                         f'xml:id="T{n}"/>')
            spans.append(
                f'<span from="#T{n}" to="#T{n}">{i}<spanGrp type="FORM"><span>{word}</span>'
                f'</spanGrp><spanGrp type="LEMMA"><span>{word}</span></spanGrp>'
                '<spanGrp type="POSTAG"><span>NOMCOM</span></spanGrp>'
                '<spanGrp type="DEPREL"><span>dep</span></spanGrp></span>')
            n += 1
        blocks.append(
            f'<annotationBlock from="#T{first}" id="cefc-cfpp-Odile_MASSON_F_52_20e-{k}" '
            f'to="#T{first + 1}" who="{CFPP_PEOPLE[role]}">\n<u>{said}</u>\n'
            '<spanGrp inst="ORFEO" type="conll">' + "".join(spans)
            + "</spanGrp>\n</annotationBlock>")
        at = end + 0.3
    people = []
    for pid, age, sex, job in (("Gaëlle_Kerjean", "61+", "F", "enseignant-chercheur"),
                               ("Odile_Masson", "52", "F", "infirmière")):
        people.append(
            f'<person age="{age}" xml:id="{pid}">\n<sex> {sex} </sex>\n<age> {age} </age>\n'
            f"<occupation> {job} </occupation>\n<langKnowledge>\n<langKnown "
            'level="langue_maternelle"> français </langKnown>\n</langKnowledge>\n'
            "</person>")
    xml = ('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
           '<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<teiHeader>\n<fileDesc>\n'
           "<titleStmt>\n<title> Odile_MASSON_F_52_20e </title>\n<respStmt>\n"
           "<resp> Responsables du corpus </resp>\n<name> Gaëlle Kerjean </name>\n"
           "<name> Hervé Guillou </name>\n<name> Maëlle Riou </name>\n</respStmt>\n"
           "<publicationStmt>\n<distributor>tei_corpo</distributor>\n"
           "</publicationStmt>\n</titleStmt>\n<extent>\n"
           '<measure unit="word"> 120 </measure>\n</extent>\n<publicationStmt>\n'
           "<publisher> projet Orfeo </publisher>\n<pubPlace> http://projet-orfeo.fr "
           '</pubPlace>\n<availability status="restricted">\n<licence '
           'target="https://creativecommons.org/licenses/by-nc-sa/3.0"/>\n'
           "</availability>\n</publicationStmt>\n<notesStmt>\n"
           '<note type="commentaireDate"/>\n<note type="TEMPLATE_DESC">\n<note>'
           '<note type="type">-</note><note type="parent">-</note>'
           '<note type="code">Gaëlle_Kerjean</note></note>\n<note>'
           '<note type="code">conll</note><note type="type">Time_Subdivision</note>'
           '<note type="parent">annotationBlock</note></note>\n</note>\n</notesStmt>\n'
           "<sourceDesc>\n<bibl> fichier <name> Odile_MASSON_F_52_20e </name> du "
           "corpus/projet <name> CFPP </name>\n</bibl>\n</sourceDesc>\n</fileDesc>\n"
           "<profileDesc>\n<abstract>\n<p> interview sur la vie dans le quartier </p>\n"
           "</abstract>\n<langUsage>\n<language ident=\"fr\"> Français </language>\n"
           "</langUsage>\n<textClass>\n"
           '<catRef corresp="type" target="entretien"/>\n'
           '<catRef corresp="nbLocuteurs" target="2"/>\n</textClass>\n'
           "<particDesc>\n<listPerson>\n" + "\n".join(people)
           + "\n</listPerson>\n</particDesc>\n</profileDesc>\n</teiHeader>\n<text>\n"
           '<timeline unit="s">\n' + "\n".join(whens) + "\n</timeline>\n<body>\n<div>\n"
           "<head/>\n" + "\n".join(blocks) + "\n</div>\n</body>\n</text>\n</TEI>\n")
    return Sample("Odile_MASSON_F_52_20e.tei_corpo.xml", xml.encode("utf-8"), CFPP_ROLES,
                  words=("voiture", "ateliers"),
                  absent=("NOMCOM", "Time_Subdivision", "Responsables", "conll"))


CORPORA = (eslo_trs, cfpp_tei)
