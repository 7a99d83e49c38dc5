from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.importers import parse_yaml

WRAPPED = """\
date: 2024-11-05
summary: |
  Les combats se poursuivent dans la région russe de
  Koursk, selon l'état-major.

  Deuxième paragraphe,
  sur deux lignes.
snippets: []
"""


def test_a_wrapped_yaml_summary_reads_as_paragraphs() -> None:
    [briefing] = parse_yaml(WRAPPED, filename="day.yaml", tz=ZoneInfo("Europe/Paris"))
    assert briefing.summary == (
        "Les combats se poursuivent dans la région russe de Koursk, selon l'état-major.\n\n"
        "Deuxième paragraphe, sur deux lignes."
    )
