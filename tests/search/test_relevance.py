"""The relevance set: what people type, and the snippets a good search must put in the top 5.

Over the seed day plus fixtures/relevance.yaml (French and English, names in four spellings).
Each case names snippets (by a piece of their text) that must all be in the first five results
(recall@5 = 1.0), and, where one spelling is the one typed, what the first result must say
(the exact form ranks above stems and other spellings).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.search import service
from storage.db import Database


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    expected: tuple[str, ...]
    first: str | None = None  # a word the first result must contain as typed


CASES = [
    # Case, accents, apostrophes and hyphens
    Case("fold", "koursk", ("région russe de Koursk", "région de Koursk"), "Koursk"),
    Case("fold", "KOURSK", ("région russe de Koursk",), "Koursk"),
    Case("fold", "coreens", ("Le gouvernement japonais suit",), "coréens"),
    Case("fold", "nord-coréens", ("ÉDITORIAL. L'arrivée de milliers",), "nord-coréens"),
    Case("fold", "L'Ukraine", ("L'Ukraine affirme que des soldats",), "Ukraine"),
    Case("fold", "etats-unis", ("Les États-Unis et l'Otan ont confirmé",), "États-Unis"),
    Case("fold", "sud coréen", ("Le président sud-coréen Yoon",), "sud-coréen"),
    Case("fold", "VIDÉO", ("[VIDÉO] ▶️",), "VIDÉO"),
    # Stems, by the snippet's language
    Case("stem", "soldat", ("Le soldat ukrainien", "Des soldats russes encerclés"), "soldat "),
    Case("stem", "ukrainien", ("Un pompier ukrainien",), "ukrainien "),
    Case("stem", "ukrainiens", ("Un pompier ukrainien", "Le soldat ukrainien")),
    Case("stem", "pompiers", ("Un pompier ukrainien",)),
    Case("stem", "drone", ("Ukrainian drones hit", "une frappe de drones"), "drone "),
    Case("stem", "soldier", ("The soldiers were redeployed",)),
    Case("stem", "condamnés", ("Un pompier ukrainien a été condamné",)),
    Case("stem", "militaire", ("rapprochement diplomatique et militaire",), "militaire "),
    Case("stem", "troupe", ("épauler les troupes russes",)),
    # Name variants across French, English, Ukrainian and Russian
    Case("variant", "Kursk", ("The soldiers were redeployed", "région russe de Koursk"), "Kursk"),
    Case("variant", "Курск", ("Курск: эвакуация", "région russe de Koursk"), "Курск"),
    Case("variant", "Kiev", ("À Kiev, les habitants", "Kyiv under massive", "Київ:"), "Kiev"),
    Case("variant", "Kyiv", ("Kyiv under massive", "À Kiev", "Київ:"), "Kyiv"),
    Case("variant", "Київ", ("Київ:", "À Kiev", "Kyiv under massive"), "Київ"),
    Case("variant", "Kharkov", ("Kharkov region", "Kharkiv : une frappe"), "Kharkov"),
    Case("variant", "Poutine", ("Vladimir Poutine a prévenu", "Putin hosts BRICS"), "Poutine"),
    Case("variant", "Putin", ("Putin hosts BRICS", "Vladimir Poutine a prévenu"), "Putin"),
    Case(
        "variant",
        "Zelenskyy",
        ("Zelenskyy addressed", "Zelensky réclame", "Зеленський"),
        "Zelenskyy",
    ),
    Case("variant", "Зеленський", ("Зеленський заявив", "Zelensky réclame"), "Зеленський"),
    Case("variant", "NATO", ("NATO allies pledge", "L'OTAN renforce"), "NATO"),
    Case("variant", "OTAN", ("L'OTAN renforce", "NATO allies pledge"), "OTAN"),
    Case(
        "variant", "ONU", ("Le secrétaire général de l'ONU", "Les Nations unies appellent"), "ONU"
    ),
    Case(
        "variant", "North Korea", ("North Korea sends", "La Corée du Nord fournit"), "North Korea"
    ),
    Case(
        "variant",
        "Corée du Nord",
        ("La Corée du Nord fournit", "North Korea sends"),
        "Corée du Nord",
    ),
    Case("variant", "КНДР", ("La Corée du Nord fournit", "North Korea sends")),
    Case(
        "variant",
        "Zaporizhzhia",
        ("Zaporizhzhia nuclear", "La centrale de Zaporijjia"),
        "Zaporizhzhia",
    ),
    Case(
        "variant", "Zaporijjia", ("La centrale de Zaporijjia", "Zaporizhzhia nuclear"), "Zaporijjia"
    ),
    Case("variant", "Donbass", ("Donbass : l'armée russe", "Le Donbas reste"), "Donbass"),
    Case("variant", "Donbas", ("Le Donbas reste", "Donbass : l'armée russe"), "Donbas "),
    Case("variant", "Shoigu", ("Shoigu was replaced", "Choïgou limogé"), "Shoigu"),
    Case("variant", "Belousov", ("Shoigu was replaced", "Choïgou limogé"), "Belousov"),
    Case("variant", "Sevastopol", ("Black Sea Fleet", "Sébastopol : la flotte"), "Sevastopol"),
    Case("variant", "mer Noire", ("Sébastopol : la flotte", "Black Sea Fleet"), "mer Noire"),
    Case("variant", "Kazan", ("sommet des Brics à Kazan", "Putin hosts BRICS"), "Kazan"),
    Case("variant", "Pyongyang", ("Pyongyang s'apprêterait", "Pyongyang dément"), "Pyongyang"),
    Case("variant", "Pokrovsk", ("Le soldat ukrainien blessé", "Des soldats russes encerclés")),
    # Transliteration of names the gazetteer lacks
    Case("translit", "volnovakha", ("Волноваха: новые удары",)),
    Case("translit", "Bakhmut", ("Bakhmout, deux ans après",)),
    # Typos, corrected against the index's own words
    Case("typo", "pokrovk", ("Le soldat ukrainien blessé", "Des soldats russes encerclés")),
    Case("typo", "kourks", ("région russe de Koursk", "région de Koursk")),
    Case("typo", "zelenksy", ("Zelensky réclame",)),
    Case("typo", "Pyongyng", ("Pyongyang s'apprêterait", "Pyongyang dément")),
    # Syntax: phrases, exclusions, prefixes, OR, AND
    Case("phrase", '"paix juste"', ("«paix juste»", "La paix juste selon Kyiv")),
    Case("phrase", '"soldats nord-coréens"', ("L'Ukraine affirme que des soldats",)),
    Case("exclude", "Poutine -Brics", ("L'événement diplomatique fut",)),
    Case("prefix", "pokr*", ("Le soldat ukrainien blessé", "Des soldats russes encerclés")),
    Case("prefix", "zapor*", ("La centrale de Zaporijjia", "Zaporizhzhia nuclear")),
    Case("or", "Kazan OR Sahel", ("sommet des Brics à Kazan", "Après le Sahel")),
    Case("and", "Poutine Kazan", ("sommet des Brics à Kazan",), "Kazan"),
]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.kind}:{c.query}" for c in CASES])
async def test_expected_snippets_are_in_the_top_five(corpus: Database, case: Case) -> None:
    found = await service.find(corpus, case.query, offset=0, limit=5)
    top = [hit.text for hit in found.page.hits]
    for expected in case.expected:
        assert any(expected in text for text in top), (case.query, expected, top)
    if case.first is not None:
        assert case.first in top[0], (case.query, case.first, top)


def test_the_set_covers_every_kind_with_forty_queries_or_more() -> None:
    assert len(CASES) >= 40
    kinds = {case.kind for case in CASES}
    assert {"fold", "stem", "variant", "translit", "typo", "phrase", "exclude", "prefix"} <= kinds


async def test_excluded_words_are_absent(corpus: Database) -> None:
    found = await service.find(corpus, "Poutine -Brics", offset=0, limit=50)
    assert found.page.hits and not any("Brics" in hit.text for hit in found.page.hits)


async def test_typos_say_what_was_searched_instead(corpus: Database) -> None:
    found = await service.find(corpus, "pokrovk", offset=0, limit=5)
    assert found.corrected == "pokrovsk"
    assert (await service.find(corpus, "koursk", offset=0, limit=5)).corrected is None
