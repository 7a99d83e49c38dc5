from __future__ import annotations

import logging

import pytest

from bot.logs import RedactSecrets

TOKEN = "123456:SECRET-abc"


def test_token_is_redacted_from_messages_arguments_and_tracebacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactSecrets([TOKEN]))
    log = logging.getLogger("test.redact")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
        except RuntimeError:
            log.exception("send failed")
    finally:
        log.removeHandler(handler)
    err = capsys.readouterr().err
    assert "SECRET" not in err
    assert "https://api.telegram.org/bot<token>/getMe" in err
    assert "failed at /bot<token>/sendMessage" in err
