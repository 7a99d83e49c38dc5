from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config


def test_defaults_without_file_or_environment() -> None:
    config = load_config(None, {})
    assert config.token is None
    assert config.api_url == "https://api.telegram.org/bot"
    assert config.resolved_file_url == "https://api.telegram.org/file/bot"
    assert str(config.timezone) == "Europe/Paris"
    assert config.push_time == time(8, 0)
    assert config.db_path == Path("briefbot.db")
    assert config.admins == frozenset()


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = tmp_path / "briefbot.yaml"
    path.write_text("timezone: Europe/Kyiv\npush_time: '07:30'\nadmins: [1, 2]\n")
    config = load_config(
        path,
        {
            "BRIEFBOT_PUSH_TIME": "06:15",
            "BRIEFBOT_ADMINS": "11, 12",
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/bot",
        },
    )
    assert str(config.timezone) == "Europe/Kyiv"
    assert config.push_time == time(6, 15)
    assert config.admins == frozenset({11, 12})
    assert config.resolved_file_url == "http://127.0.0.1:8081/file/bot"


def test_config_file_named_by_environment(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("db_path: /tmp/x.db\n")
    assert load_config(None, {"BRIEFBOT_CONFIG": str(path)}).db_path == Path("/tmp/x.db")


def test_unquoted_yaml_time_is_read_as_a_time(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("push_time: 08:45\n")  # YAML 1.1 makes this the integer 525
    assert load_config(path, {}).push_time == time(8, 45)


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"BRIEFBOT_PUSH_TIME": "25:00"}, "BRIEFBOT_PUSH_TIME: '25:00' is not a time"),
        ({"BRIEFBOT_TZ": "Mars/Olympus"}, "BRIEFBOT_TZ: unknown time zone 'Mars/Olympus'"),
        ({"BRIEFBOT_ADMINS": "12,bob"}, "BRIEFBOT_ADMINS: 'bob' is not a numeric"),
        ({"TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL: 'ftp://x' is not an http(s) URL"),
    ],
)
def test_invalid_environment_values_name_the_variable(environ: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(None, environ)
    assert named in str(caught.value)
    assert "\n" not in str(caught.value)


def test_unknown_key_in_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("push_tme: '08:00'\n")
    with pytest.raises(ConfigError, match="push_tme: unknown key"):
        load_config(path, {})


def test_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file"):
        load_config(tmp_path / "absent.yaml", {})


def test_token_never_shows_in_repr() -> None:
    config = load_config(None, {"TELEGRAM_BOT_TOKEN": "123456:SECRET-token"})
    assert config.token == "123456:SECRET-token"
    assert "SECRET" not in repr(config)
    assert "SECRET" not in str(config)
