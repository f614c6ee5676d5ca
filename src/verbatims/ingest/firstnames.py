"""First names, to tell a speaker named once ("Virginie Steiner :") from a heading
of two capitalised words ("Mégalis Bretagne :") in the middle of an answer.

The given names most borne in France across the generations that sit on
councils and in services today (INSEE's lists), with Breton, Occitan, Basque,
Corsican, Alsatian, Maghrebi, Portuguese and other names common in France.
Compared without accents and case. A name not listed is still a speaker when
its surname is written in capitals, when a title precedes it, or when it recurs.
"""

from __future__ import annotations

import unicodedata

_NAMES = """
aaron abdel abdallah abdelkader abderrahmane abdou abdoulaye abel adam adel adele adeline
adrien adrienne agathe agnes ahmed aicha aida aimee alain alan alban albane albert alberte
alexandra alexandre alexia alexis alfred alice alicia aline alix allan alois amandine amaury
ambre amelie amine amir anais anatole andre andrea andree angela angele angelique anissa anita
anna annabelle anne anne-laure anne-marie anne-sophie annick annie anouk anthony antoine
antoinette antonin antonio apolline ariane arlette armand armelle arnaud arthur astrid audrey
augustin aurelie aurelien aurore axel axelle aymeric aziz baptiste barbara bastien beatrice
benedicte benjamin benoit bernadette bernard bertrand blanche blandine bonnie bouchra brice
brigitte bruno camille capucine carine carla carlos carole caroline catherine cecile cedric
celia celine cesar chantal charlene charles charlotte chloe christel christelle christian
christiane christine christophe claire clara clarisse claude claudette claudine clement
clementine clotilde colette coline colin coralie corentin corinne cyril cyrille daniel
danielle danièle david delphine denis denise didier dimitri djamel dominique dorian doriane
dorothee driss edith edmond edouard elena eliane elie elisa elisabeth elise ella elodie eloise
elsa emeline emile emilie emma emmanuel emmanuelle enzo eric erica erika ernest estelle
esther ethan etienne eugene eugenie eva eve evelyne fabien fabienne fabrice fanny farid
fatima fatou fernand fernande florence florent florian francine francis francisco franck
francois francoise frederic frederique gabriel gabrielle gael gaelle gaetan gaspard gauthier
genevieve georges georgette gerald geraldine gerard gerome ghislain ghislaine gilbert gilberte
gilles ginette gisele gregoire gregory guillaume gustave guy guylaine gwenael gwenaelle
gwendal gwendoline gwenn gwenola hakim halima hamid hana hassan hector helene henri henriette
herve hicham honore hortense hubert hugo hugues ines irene iris isabelle jacqueline jacques
jade jean jean-baptiste jean-charles jean-claude jean-francois jean-jacques jean-louis
jean-luc jean-marc jean-marie jean-michel jean-paul jean-philippe jean-pierre jeanne
jeannine jeremie jeremy jerome joel joelle johan johanna jonathan jordan jose josee joseph
josephine josette josiane jules julia julie julien juliette justin justine karim karima
karine katia kevin khadija killian laetitia lara laura laure laurence laurent lea leila lena
leo leon leonard leonie lilian liliane lina lionel lisa loane loic lola lou louis louise
luc luca lucas lucie lucien lucienne lucile ludovic lydie lydia madeleine mael maelle
magali malik manon manuel marc marceau marcel marcelle margaux margot marguerite maria
marianne marie marie-christine marie-claire marie-france marie-helene marie-josee
marie-laure marie-paule marie-pierre marie-therese marielle marina marine marion marius
marthe martin martine marylene mathias mathieu mathilde matteo matthieu maud maurice max
maxime maximilien mehdi melanie melissa mia michel michele micheline mickael mila mireille
mohamed mohammed monique morgan morgane murielle myriam nadia nadine nais nancy naomi
natacha nathalie nathan nicolas nicole nina noah noe noel noemie nolwenn norbert oceane
octave odette odile olivia olivier pascal pascale patrice patricia patrick paul paule
paulette pauline perrine philippe pierre pierre-yves quentin rachel rachid rafael raphael
raphaelle raymond raymonde regine regis remi remy renaud rene renee richard robert roger
roland romain romane ronan rose rosine roxane ruben sabine sabrina salima salome samia
samir samuel sandra sandrine sarah serge severine sebastien simon simone solange solene
sonia sophie stephane stephanie suzanne sylvain sylvette sylvia sylvie tanguy tatiana
theo theophile therese thibault thibaut thierry thomas timothee tiphaine tom tristan
valentin valentine valerie vanessa veronique victor victoire victoria vincent violette
virginie viviane vivien xavier yann yannick yasmine yassine yohan youssef yves yvette
yvonne zacharie zoe
anaelle annaig armel brieuc corentine erwan erwann gaud goulven gurvan hoel jakez katell
klervi lenaig loeiz mael maiwenn malo marzhin morvan nolwen rozenn soazig soizic tangi
tifenn tudal yannig yoann youenn gwen enora elouan aziliz riwanon
ander aitor amaia ainhoa beñat battittu iker maialen xabi
ange antoine-marie dumenicu ghjuvan letizia paoli orsu santu
cedrine fabio giovanni giuseppe lorenzo marco mario massimo paolo sergio stefano
ana antonio carlos fernando joao jorge luis manuel maria miguel pedro rui sofia
abdelaziz abdelhak ali amel aminata amina aziza bilal djamila fadila farida hafida ibrahim
ilyes ismael kamel kheira lakhdar latifa leila lounes malika mourad nabil nacer nadir
naima nassim nordine omar rachida rania redouane sami sofiane souad yacine yamina yanis
zahia zineb zohra moussa ousmane mamadou seydou awa binta coumba
"""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FIRST_NAMES = frozenset(_fold(n) for n in _NAMES.split())


def is_first_name(word: str) -> bool:
    """Whether `word` is a given name ("Jean-Pierre" counts, so does "Jean")."""
    folded = _fold(word.strip(".,"))
    if folded in FIRST_NAMES:
        return True
    parts = folded.split("-")
    return len(parts) > 1 and all(p in FIRST_NAMES for p in parts if p)
