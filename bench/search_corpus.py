"""The search bench's corpus and queries: synthetic French war-news snippets whose words follow
a Zipf law, and the kinds of query bench/search.py times on them.

A few words ("de", "ukraine", "russie") are in well over 10% of the snippets, with a long tail
of rare ones, inflected forms and names in several spellings; each day's briefing has a title
and a summary drawn the same way. The corpus is loaded through the code path of `briefbot load`
(storage.briefings.save_all: search forms, FTS5 triggers).
"""

from __future__ import annotations

import itertools
import random
import time
from datetime import UTC, date, datetime, timedelta

from storage import briefings
from storage.db import Database
from storage.models import NewBriefing, NewSnippet

FIRST_DAY = date(2022, 2, 24)
PER_DAY = 1_000
BATCH = 20_000
# The head of the Zipf law, most frequent first: function words, then the war's constants.
_HEAD_WORDS = (
    "de la le les des et en à du un une dans pour sur par que qui au avec est a ukraine "
    "russie russe armée guerre soldats ukrainienne ukrainien front frappes drones kyiv "
    "moscou région selon président forces militaires attaque missiles défense"
)
HEAD = _HEAD_WORDS.split()
# Inflected words, so that stems matter, and names in the spellings sources use.
_FORMS_WORDS = (
    "soldat ukrainiens ukrainiennes russes frappe drone missile attaques offensive "
    "offensives combats combat blessés blessé civils civil village villages négociations "
    "sanctions Koursk Kursk Курск Kharkiv Kharkov Харків Kiev Київ Zaporijjia "
    "Zaporizhzhia Pokrovsk Donbass Donbas Poutine Putin Путин Zelensky Zelenskyy OTAN "
    "NATO ONU Pyongyang Kazan nord-coréens Corée Nord Bakhmout Bakhmut Avdiïvka Kherson "
    "Odessa Crimée Sébastopol"
)
FORMS = _FORMS_WORDS.split()
# Fixed expressions, drawn as units like words: what people put in quotes.
COLLOCATIONS = (
    "corée du nord",
    "paix juste",
    "défense aérienne",
    "centrale nucléaire",
    "cessez-le-feu",
    "mer noire",
    "ligne de front",
    "état-major",
    "aide militaire",
    "droits de l'homme",
    "conseil de sécurité",
    "union européenne",
    "missiles balistiques",
    "infrastructure énergétique",
    "chars lourds",
    "prisonniers de guerre",
    "crimes de guerre",
    "sommet des brics",
    "porte-parole du kremlin",
    "zone tampon",
)
VARIANT_QUERIES = ("Kursk", "Курск", "Kiev", "Київ", "Kharkov", "Путин", "NATO", "Zelenskyy")
_SYLLABLES_WORDS = "ka ro mi ne tu sa li po dre vo gu ber an on es ti cha que mon ri lo ve"
SYLLABLES = _SYLLABLES_WORDS.split()
TAIL_SIZE = 120_000
ZIPF_EXPONENT = 1.0


def vocabulary_list(rng: random.Random) -> list[str]:
    words = list(dict.fromkeys([*HEAD, *COLLOCATIONS, *FORMS]))
    seen = set(words)
    while len(words) < TAIL_SIZE:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 5)))
        if word not in seen:
            seen.add(word)
            words.append(word + rng.choice(("", "", "s", "e", "es")))
    return words


def corpus(total: int, seed: int = 7) -> itertools.chain[NewBriefing]:
    """The snippets, a day at a time: 15-35 Zipf-drawn words each, published through the day,
    under a title of 6-12 words and a summary of two paragraphs of 40-80 words."""
    rng = random.Random(seed)
    words = vocabulary_list(rng)
    weights = list(
        itertools.accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words)))
    )

    # Titles and summaries draw from their own generator: the snippets stay those of earlier
    # runs of this benchmark, so that figures compare.
    headlines = random.Random(seed + 1)

    def sentence(low: int, high: int) -> str:
        drawn = headlines.choices(words, cum_weights=weights, k=headlines.randint(low, high))
        return " ".join(drawn).capitalize()

    def day(number: int) -> NewBriefing:
        start = datetime.combine(FIRST_DAY + timedelta(days=number), datetime.min.time(), UTC)
        count = min(PER_DAY, total - number * PER_DAY)
        snippets = []
        for index in range(count):
            drawn = rng.choices(words, cum_weights=weights, k=rng.randint(15, 35))
            text = " ".join(drawn).capitalize() + "."
            when = start + timedelta(seconds=index * 86_400 // PER_DAY)
            snippets.append(NewSnippet(text=text, source="Agence", published_at=when))
        title = sentence(6, 12)
        summary = "\n\n".join(sentence(40, 80) + "." for _ in range(2))
        return NewBriefing(start.date(), title, summary, tuple(snippets))

    return itertools.chain(day(n) for n in range(-(-total // PER_DAY)))


async def build(db: Database, total: int) -> float:
    started = time.perf_counter()
    days = corpus(total)
    while batch := list(itertools.islice(days, BATCH // PER_DAY)):
        await briefings.save_all(db, batch)
    return time.perf_counter() - started


def queries(
    words: dict[str, int], documents: int, bigrams: list[str], per_class: int, seed: int = 11
) -> dict[str, list[str]]:
    rng = random.Random(seed)
    plain = [w for w in words if w.isascii() and w.isalpha() and len(w) >= 4]
    rare = [w for w in plain if 1 <= words[w] <= max(2, documents // 10_000)]
    common = [w for w in words if words[w] > documents // 10]
    middle = [w for w in plain if documents // 2_000 <= words[w] <= documents // 50]

    def typo(word: str) -> str:
        while True:
            at = rng.randrange(1, len(word))
            changed = word[:at] + rng.choice("aeiouklmnrst") + word[at + 1 :]
            if changed not in words:
                return changed

    def prefix(word: str) -> str:
        return word[: rng.randint(3, 5)] + "*"

    def sample(pool: list[str], count: int) -> list[str]:
        return [rng.choice(pool) for _ in range(count)]

    long_words = [w for w in middle if len(w) >= 6]
    return {
        "rare": sample(rare, per_class),
        "common": sample(common, per_class),
        "two common": [f"{rng.choice(common)} {rng.choice(common)}" for _ in range(per_class)],
        "phrase": [f'"{c}"' for c in sample(list(COLLOCATIONS), per_class)],
        "any bigram": [f'"{pair}"' for pair in sample(bigrams, per_class)],
        "prefix": [prefix(w) for w in sample(middle, per_class)],
        "typo": [typo(w) for w in sample(long_words, per_class)],
        "variant": sample(list(VARIANT_QUERIES), per_class),
    }


async def bigrams(db: Database, count: int = 1_000) -> list[str]:
    """Two words that follow each other in some snippet: phrases in the worst case, made of
    words that often meet without forming the phrase."""
    rng = random.Random(5)
    rows = await db.conn.execute_fetchall(
        "SELECT text FROM snippets WHERE id % 997 = 0 LIMIT ?", (count,)
    )
    pairs = []
    for (text,) in rows:
        words = str(text).rstrip(".").split()
        at = rng.randrange(len(words) - 1)
        pairs.append(f"{words[at]} {words[at + 1]}")
    return pairs
