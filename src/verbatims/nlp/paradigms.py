"""The conjugations of French's frequent irregular verbs, written out.

spaCy's French rules guess a lemma from a form's ending: "pourrait" can come out
as "pourrir", "ferai" or "viendront" as nouns of their own, "veuilliez" as
"veuillier". Its lookup table knows most of these forms but is only consulted
when the rules' lemma is no word. These verbs are few and their forms are
known: the whole paradigm (present, imperfect, simple past, future, conditional,
subjunctive, imperative, participles) of each is listed here, with the common
verbs built on the same stem (comprendre, permettre, devenir, obtenir…).

A form that is also another word ("vue", "faille", "prise", "mise",
"entreprise", "avions", "été") is a homograph: there the tagger's reading wins
when it says noun or adjective. Forms another verb shares and usually means
("durent": durer, "vit": vivre, "sue": suer) are left out.
"""

from __future__ import annotations

from collections.abc import Iterator

# Every form of each verb, all tenses and persons (the imperfect subjunctive only in
# its third person singular: the others are never spoken).
_VERBS: dict[str, str] = {
    "être": """suis es est sommes êtes sont étais était étions étiez étaient fus fut fûmes
        fûtes furent serai seras sera serons serez seront serais serait serions seriez
        seraient sois soit soyons soyez soient fût étant été""",
    "avoir": """ai as a avons avez ont avais avait avions aviez avaient eus eut eûmes eûtes
        eurent aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient
        aie aies ait ayons ayez aient eût ayant eu eue eues""",
    "pouvoir": """peux peut pouvons pouvez peuvent pouvais pouvait pouvions pouviez
        pouvaient pus put pûmes pûtes purent pourrai pourras pourra pourrons pourrez
        pourront pourrais pourrait pourrions pourriez pourraient puisse puisses puissions
        puissiez puissent pût pouvant pu""",
    "vouloir": """veux veut voulons voulez veulent voulais voulait voulions vouliez
        voulaient voulus voulut voulûmes voulûtes voulurent voudrai voudras voudra
        voudrons voudrez voudront voudrais voudrait voudrions voudriez voudraient veuille
        veuilles veuillions veuilliez veuillent voulût veuillons veuillez voulant voulu
        voulue voulues""",
    "devoir": """dois doit devons devez doivent devais devait devions deviez devaient dus
        dut dûmes dûtes devrai devras devra devrons devrez devront devrais devrait
        devrions devriez devraient doive doives doivent dût devant dû due dues""",
    "savoir": """sais sait savons savez savent savais savait savions saviez savaient sus
        sut sûmes sûtes surent saurai sauras saura saurons saurez sauront saurais saurait
        saurions sauriez sauraient sache saches sachions sachiez sachent sût sachons
        sachez sachant su""",
    "falloir": "faut fallait fallut faudra faudrait faille fallût fallu",
    "valoir": """vaux vaut valons valez valent valais valait valions valiez valaient valus
        valut valûmes valûtes valurent vaudrai vaudras vaudra vaudrons vaudrez vaudront
        vaudrais vaudrait vaudrions vaudriez vaudraient vaille vailles vaillent valût
        valant valu""",
    "aller": """vais vas va allons allez vont allais allait allions alliez allaient allai
        allas alla allâmes allâtes allèrent irai iras ira irons irez iront irais irait
        irions iriez iraient aille ailles aillent allât allant allé allée allés allées""",
    "faire": """fais fait faisons faites font faisais faisait faisions faisiez faisaient
        fis fit fîmes fîtes firent ferai feras fera ferons ferez feront ferais ferait
        ferions feriez feraient fasse fasses fassions fassiez fassent fît faisant faite
        faits""",
    "voir": """vois voit voyons voyez voient voyais voyait voyions voyiez voyaient vîmes
        vîtes verrai verras verra verrons verrez verront verrais verrait verrions verriez
        verraient voie voies vît voyant vu vue vus vues""",
    "dire": """dis dit disons dites disent disais disait disions disiez disaient dîmes
        dirent dirai diras dira dirons direz diront dirais dirait dirions diriez diraient
        dise dises dît disant dite dits""",
    "prendre": """prends prend prenons prenez prennent prenais prenait prenions preniez
        prenaient pris prit prîmes prîtes prirent prendrai prendras prendra prendrons
        prendrez prendront prendrais prendrait prendrions prendriez prendraient prenne
        prennes prît prenant prise prises""",
    "mettre": """mets met mettons mettez mettent mettais mettait mettions mettiez
        mettaient mis mit mîmes mîtes mirent mettrai mettras mettra mettrons mettrez
        mettront mettrais mettrait mettrions mettriez mettraient mette mettes mît mettant
        mise mises""",
    "venir": """viens vient venons venez viennent venais venait venions veniez venaient
        vins vint vînmes vîntes vinrent viendrai viendras viendra viendrons viendrez
        viendront viendrais viendrait viendrions viendriez viendraient vienne viennes
        vînt venant venu venue venus venues""",
    "tenir": """tiens tient tenons tenez tiennent tenais tenait tenions teniez tenaient
        tins tint tînmes tîntes tinrent tiendrai tiendras tiendra tiendrons tiendrez
        tiendront tiendrais tiendrait tiendrions tiendriez tiendraient tienne tiennes
        tînt tenant tenu tenue tenus tenues""",
}

# Verbs conjugated as their base, by prefix ("prévoir" and "interdire" are not: they
# conjugate apart in some tenses and are left to the lookup table).
_FAMILIES: dict[str, tuple[str, ...]] = {
    "prendre": ("ap", "com", "entre", "re", "sur"),
    "mettre": ("ad", "com", "compro", "é", "o", "per", "pro", "re", "sou", "trans"),
    "venir": ("de", "re", "par", "pré", "inter", "sur", "con", "sou", "pro", "rede"),
    "tenir": ("appar", "con", "dé", "entre", "main", "ob", "re", "sou", "abs"),
    "faire": ("re", "dé", "satis"),
    "voir": ("re",),
    "dire": ("re",),
}

# Forms that are also a noun or an adjective (or a preposition) of their own: the
# tagger's noun or adjective reading is kept there. Derived verbs' forms built on one
# of these are homographs too ("entreprise", "contenu", "revenu", "remise").
_HOMOGRAPHS = frozenset("""
    est été sommes as avions eu eus fut fût
    pus dû dus due dues
    faille fait faits faite faites
    vue vues vu voie voies voyant vis
    dit dite dits dites
    pris prise prises mis mise mises mets
    venue venues venu venus vins
    tenu tenue tenus tenues tenant tiens
    allée allées
    """.split())

_DERIVED_HOMOGRAPHS = frozenset({"tenant", "venant", "mettant", "prenant"})


def _table() -> tuple[dict[str, str], frozenset[str]]:
    forms: dict[str, str] = {}
    homographs: set[str] = set(_HOMOGRAPHS)
    for verb, text in _VERBS.items():
        for form in text.split():
            forms.setdefault(form, verb)
    for base, prefixes in _FAMILIES.items():
        for prefix in prefixes:
            for form in _VERBS[base].split():
                derived = prefix + form
                forms.setdefault(derived, prefix + base)
                if form in _HOMOGRAPHS or form in _DERIVED_HOMOGRAPHS:
                    homographs.add(derived)
    return forms, frozenset(homographs)


FORMS, HOMOGRAPHS = _table()
"""Inflected form (lower case) -> infinitive; forms that are also another word."""


def verb_of(form: str) -> str | None:
    """The infinitive a conjugated form of these verbs belongs to, None for any other."""
    return FORMS.get(form)


def forms_of(verb: str) -> Iterator[str]:
    """Every listed form of a verb (for tests and for `verbatims terms`)."""
    return (f for f, v in FORMS.items() if v == verb)
