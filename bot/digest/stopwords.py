"""Words that say nothing about what a snippet is about, in folded form (no case, no accents)."""

from __future__ import annotations

from typing import Final

_FRENCH = """
a afin ai aie aient ainsi alors apres assez au aucun aucune aujourd aupres aussi autant autre
autres aux avaient avait avant avec avoir avons ayant c ca car ce ceci cela celle celles celui
cependant certains ces cet cette ceux chacun chaque chez ci comme comment contre d dans de debut
deja depuis des desormais deux devant doit donc dont du elle elles en encore entre environ est
et etaient etait ete etre eu eux fait faire fois font hier ici il ils j jamais je jusqu jusque
l la le les leur leurs lors lorsqu lorsque lui m ma mais malgre me meme memes mes moi moins mon
n ne ni non nos notre nous on ont ou par parmi pas pendant peu peut peuvent plus plusieurs pour
pourquoi pres puis qu quand que quel quelle quelles quels qui quoi s sa sans se selon ses seul
seulement si sien sinon soit son sont sous sur ta tandis te tel telle tes toi ton tous tout
toute toutes tres trop tu un une unes uns vers via voici voila vos votre vous y
lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet
aout septembre octobre novembre decembre matin soir nuit jour jours semaine annee ans an
dit dire selon affirme indique annonce declare estime explique assure ajoute precise rapporte
premier premiere premiers premieres dernier derniere derniers dernieres nouveau nouvelle
nouveaux nouvelles grand grande grands grandes trois quatre cinq dix cent mille milliers
dizaine dizaines centaine centaines egalement toujours notamment ainsi pourtant lequel laquelle
lesquels lesquelles auquel duquel sera seront serait seraient aura auront aurait
pourrait pourraient doivent devrait devraient faut va vont etant cours
article video direct live photos editorial analyse decouvrez lire aussi
"""

_ENGLISH = """
a about after all also an and are as at be been but by can could did do does for from had
has have he her his how i if in into is it its may more most new no not of on or our out over
said says she so some than that the their them then there these they this to up was we were
what when which while who will with would yesterday today monday tuesday wednesday thursday
friday saturday sunday
"""

# Filler in a bot about this war: nearly every snippet names the two countries, their
# capitals and the war itself, whatever the story.
_WAR_SUBJECT = """
ukraine ukrainien ukrainienne ukrainiens ukrainiennes russie russe russes guerre conflit
invasion kiev kyiv moscou
"""
# Their presidents are named in most stories too: as terms they would chain every story that
# quotes them into one. Unlike the countries they still say who a text is about, so they stay
# among its names, which place the items clustering left alone (bot.digest.attach).
_WAR_LEADERS = """
vladimir poutine volodymyr zelensky
"""

FUNCTION_WORDS: Final = frozenset(_FRENCH.split()) | frozenset(_ENGLISH.split())
WAR_SUBJECT: Final = frozenset(_WAR_SUBJECT.split())
WAR_LEADERS: Final = frozenset(_WAR_LEADERS.split())
STOP_WORDS: Final = FUNCTION_WORDS | WAR_SUBJECT | WAR_LEADERS
