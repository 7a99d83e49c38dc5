from __future__ import annotations

from datetime import time, timedelta
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


def test_key_stories_defaults_to_six_and_is_read_from_the_file(tmp_path: Path) -> None:
    assert load_config(None, {}).key_stories == 6
    path = tmp_path / "c.yaml"
    path.write_text("key_stories: 4\n")
    assert load_config(path, {}).key_stories == 4


@pytest.mark.parametrize("value", ["0", "-2", "many", "21"])
def test_key_stories_must_be_a_small_positive_count(tmp_path: Path, value: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(f"key_stories: {value}\n")
    with pytest.raises(ConfigError, match="key_stories: "):
        load_config(path, {})


def test_push_keys_default_and_read_from_the_file(tmp_path: Path) -> None:
    defaults = load_config(None, {})
    assert defaults.push_grace == timedelta(hours=6)
    assert (defaults.open_channel_subscriptions, defaults.allow_paid_broadcast) == (False, False)
    assert defaults.push_timeout == 10.0
    path = tmp_path / "c.yaml"
    path.write_text(
        "push_grace_hours: 1.5\nopen_channel_subscriptions: yes\n"
        "allow_paid_broadcast: 'true'\npush_timeout: 3\n"
    )
    config = load_config(path, {})
    assert config.push_grace == timedelta(minutes=90)
    assert (config.open_channel_subscriptions, config.allow_paid_broadcast) == (True, True)
    assert config.push_timeout == 3.0
    path.write_text("push_grace_hours: 0\n")
    assert load_config(path, {}).push_grace == timedelta(0)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("push_grace_hours: -1", "push_grace_hours: -1 is not a number, 0 or more"),
        ("push_grace_hours: soon", "push_grace_hours: 'soon' is not a number, 0 or more"),
        ("push_timeout: 0", "push_timeout: 0 is not a number above 0"),
        ("allow_paid_broadcast: maybe", "allow_paid_broadcast: 'maybe' is not true or false"),
        ("open_channel_subscriptions: 2", "open_channel_subscriptions: 2 is not true or false"),
    ],
)
def test_bad_push_values_name_the_key(tmp_path: Path, line: str, named: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(line + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path, {})
    assert named in str(caught.value)


def test_max_upload_bytes_defaults_to_5_mb_and_must_be_positive(tmp_path: Path) -> None:
    assert load_config(None, {}).max_upload_bytes == 5_000_000
    path = tmp_path / "c.yaml"
    path.write_text("max_upload_bytes: 1000000\n")
    assert load_config(path, {}).max_upload_bytes == 1_000_000
    path.write_text("max_upload_bytes: 0\n")
    with pytest.raises(ConfigError, match="max_upload_bytes: 0 is not a positive whole number"):
        load_config(path, {})
