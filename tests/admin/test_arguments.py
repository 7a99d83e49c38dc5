"""Reading admin arguments and document captions; deciding which documents to fetch."""

from __future__ import annotations

from datetime import date

import pytest

from bot.admin.arguments import (
    Unusable,
    after_command,
    parse_add,
    parse_caption,
    parse_correct,
    parse_delete,
    parse_summary_command,
    summary_text,
)
from bot.admin.documents import check_content, check_document, display_name, local_name
from storage.models import NewSnippet

TODAY = date(2024, 10, 24)


def key_of(call: object, *args: object) -> str:
    with pytest.raises(Unusable) as caught:
        call(*args)  # type: ignore[operator]
    return caught.value.key


def test_after_command_keeps_the_text_as_typed() -> None:
    assert after_command("/add@briefbot_test_bot  Kyiv | AFP ") == "Kyiv | AFP"
    assert after_command("/add") == after_command(None) == ""


def test_add_reads_text_source_and_link() -> None:
    assert parse_add("Kyiv\tsous  les drones") == NewSnippet(text="Kyiv sous  les drones")
    assert parse_add("Kyiv | AFP | https://afp.com/x") == NewSnippet(
        text="Kyiv", source="AFP", url="https://afp.com/x"
    )
    assert parse_add("Kyiv | | ") == NewSnippet(text="Kyiv")
    assert key_of(parse_add, " | AFP") == "admin.add.usage"
    assert key_of(parse_add, "a | b | c | d") == "admin.add.usage"
    assert key_of(parse_add, "Kyiv | AFP | javascript:alert(1)") == "admin.bad_url"
    assert key_of(parse_add, "x" * 4001) == "admin.too_long"


def test_ids_dates_and_summaries() -> None:
    assert parse_delete("#12") == parse_delete("12") == 12
    assert key_of(parse_delete, "12 13") == "admin.del.usage"
    assert key_of(parse_delete, "-3") == "admin.bad_id"
    correction = parse_correct("12 Un  texte\u0000 corrigé")
    assert (correction.snippet_id, correction.text) == (12, "Un  texte corrigé")
    assert parse_summary_command("hier", TODAY).day == date(2024, 10, 23)
    request = parse_summary_command("24/10 Un\nrésumé", TODAY)
    assert (request.day, request.text) == (TODAY, "Un résumé")
    assert key_of(parse_summary_command, "", TODAY) == "admin.summary.usage"
    assert key_of(summary_text, " \n ") == "admin.summary.empty"


def test_captions() -> None:
    assert parse_caption(None, TODAY) is None
    assert parse_caption(" Date: 2024-10-20 ", TODAY) == date(2024, 10, 20)
    assert parse_caption("date=24/10/2024", TODAY) == TODAY
    assert key_of(parse_caption, "date:30/02/2024", TODAY) == "admin.bad_date"
    assert key_of(parse_caption, "le jeudi", TODAY) == "admin.upload.bad_caption"


def test_which_documents_are_fetched() -> None:
    def check(name: str, size: int = 10, day: date | None = None, mime: str | None = None) -> str:
        refusal = check_document(name, mime, size, 1000, day, "fr")
        return refusal.key if refusal else "ok"

    assert check("jour-2024-10-24.txt") == check("a.YAML") == check("a.yml") == "ok"
    assert check("jour.txt", day=TODAY) == "ok"
    assert check("jour.txt") == "admin.upload.no_day"
    assert check("a.yaml", day=TODAY) == "admin.upload.yaml_day"
    assert check("a.zip") == check("a.tar.gz") == "admin.upload.archive"
    assert check("a.bin", mime="application/zip") == "admin.upload.archive"
    assert check("a.pdf") == check("README") == "admin.upload.type"
    assert check("a.yaml", size=1001) == "admin.upload.too_big"
    assert check_content("a.yaml", b"PK\x03\x04...", 1000, "fr") is not None
    assert check_content("a.yaml", b"date: 2024-10-24", 1000, "fr") is None


def test_names_are_made_safe_but_keep_their_date() -> None:
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name("C:\\Users\\olena\\jour.txt") == "jour.txt"
    assert display_name(None) == "document"
    assert local_name("jour du 2024-10-24 (v2).txt") == "jour_du_2024-10-24_v2_.txt"
    assert local_name("..") == "document"
