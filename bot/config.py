"""The bot's configuration: an optional YAML file, overridden by the environment."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

DEFAULT_API_URL = "https://api.telegram.org/bot"
DEFAULT_TIMEZONE = ZoneInfo("Europe/Paris")


class ConfigError(Exception):
    """A configuration value is missing or wrong; the message names the key."""


@dataclass(frozen=True)
class Config:
    token: str | None = None
    api_url: str = DEFAULT_API_URL
    file_url: str | None = None
    db_path: Path = Path("briefbot.db")
    admins: frozenset[int] = frozenset()
    timezone: ZoneInfo = DEFAULT_TIMEZONE
    push_time: time = time(8, 0)
    war_start: date = date(2022, 2, 24)
    max_file_bytes: int = 20_000_000
    max_upload_bytes: int = 5_000_000  # largest document an admin may send the bot
    page_size: int = 5
    key_stories: int = 6  # stories under "À retenir" in the daily briefing
    push_grace_hours: float = 6.0
    open_channel_subscriptions: bool = False
    allow_paid_broadcast: bool = False
    push_timeout: float = 10.0
    max_follows: int = 20  # queries one chat may /follow

    @property
    def push_grace(self) -> timedelta:
        """How late a missed push may still go out (at start-up after downtime)."""
        return timedelta(hours=self.push_grace_hours)

    @property
    def resolved_file_url(self) -> str:
        """Where files are downloaded from: given, or derived from the API URL as PTB expects."""
        if self.file_url:
            return self.file_url
        base = self.api_url.rstrip("/")
        root, _, last = base.rpartition("/")
        return f"{root}/file/{last}" if root else f"{base}/file"

    def __repr__(self) -> str:
        # The token must never reach a log line or a traceback through repr().
        shown = "<set>" if self.token else None
        return f"Config(token={shown!r}, api_url={self.api_url!r}, db_path={str(self.db_path)!r})"


ENVIRONMENT = {
    "TELEGRAM_BOT_TOKEN": "token",
    "TELEGRAM_API_URL": "api_url",
    "TELEGRAM_FILE_URL": "file_url",
    "BRIEFBOT_DB": "db_path",
    "BRIEFBOT_ADMINS": "admins",
    "BRIEFBOT_TZ": "timezone",
    "BRIEFBOT_PUSH_TIME": "push_time",
}


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ConfigError(f"{key}: expected text, got {type(value).__name__}")
    return str(value).strip()


def _url(key: str, value: Any) -> str:
    url = _text(key, value)
    if not re.match(r"^https?://[^\s/]+", url):
        raise ConfigError(f"{key}: {url!r} is not an http(s) URL")
    return url


def _admins(key: str, value: Any) -> frozenset[int]:
    items = value if isinstance(value, list) else _text(key, value).split(",")
    ids = set()
    for item in items:
        raw = str(item).strip()
        if not raw:
            continue
        if not re.fullmatch(r"-?\d+", raw):
            raise ConfigError(f"{key}: {raw!r} is not a numeric Telegram user id")
        ids.add(int(raw))
    return frozenset(ids)


def _zone(key: str, value: Any) -> ZoneInfo:
    name = _text(key, value)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{key}: unknown time zone {name!r} (e.g. Europe/Paris)") from None


def _push_time(key: str, value: Any) -> time:
    if isinstance(value, int) and not isinstance(value, bool):
        # YAML 1.1 reads an unquoted 08:00 as the sexagesimal number 480.
        value = f"{value // 60:02d}:{value % 60:02d}"
    raw = _text(key, value)
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", raw)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ConfigError(f"{key}: {raw!r} is not a time of day as HH:MM (e.g. 08:00)")
    return time(int(match[1]), int(match[2]))


def _date(key: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(_text(key, value))
    except ValueError:
        raise ConfigError(f"{key}: {value!r} is not a date as YYYY-MM-DD") from None


def _positive_int(key: str, value: Any) -> int:
    try:
        number = int(_text(key, value))
    except ValueError:
        number = 0
    if number <= 0:
        raise ConfigError(f"{key}: {value!r} is not a positive whole number")
    return number


def _number(key: str, value: Any, *, allow_zero: bool) -> float:
    try:
        plain = isinstance(value, int | float) and not isinstance(value, bool)
        number = float(value if plain else _text(key, value))
    except ValueError:
        number = -1.0
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        kind = "a number, 0 or more" if allow_zero else "a number above 0"
        raise ConfigError(f"{key}: {value!r} is not {kind}")
    return number


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = _text(key, value).lower()
    if raw in ("true", "yes", "on", "1"):
        return True
    if raw in ("false", "no", "off", "0"):
        return False
    raise ConfigError(f"{key}: {value!r} is not true or false")


# More stories than this would push the briefing past one Telegram message on a busy day.
MAX_KEY_STORIES = 20


def _key_stories(key: str, value: Any) -> int:
    number = _positive_int(key, value)
    if number > MAX_KEY_STORIES:
        raise ConfigError(f"{key}: {value!r} is more than {MAX_KEY_STORIES} stories")
    return number


PARSERS: dict[str, Callable[[str, Any], Any]] = {
    "token": _text,
    "api_url": _url,
    "file_url": _url,
    "db_path": lambda key, value: Path(_text(key, value)),
    "admins": _admins,
    "timezone": _zone,
    "push_time": _push_time,
    "war_start": _date,
    "max_file_bytes": _positive_int,
    "max_upload_bytes": _positive_int,
    "page_size": _positive_int,
    "key_stories": _key_stories,
    "push_grace_hours": lambda key, value: _number(key, value, allow_zero=True),
    "open_channel_subscriptions": _bool,
    "allow_paid_broadcast": _bool,
    "push_timeout": lambda key, value: _number(key, value, allow_zero=False),
    "max_follows": _positive_int,
}


def _read_file(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"config file {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise ConfigError(f"config file {path}: not valid YAML ({error})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path}: expected a mapping of keys to values")
    known = {f.name for f in fields(Config)}
    for key in data:
        if key not in known:
            raise ConfigError(f"{key}: unknown key in {path} (known: {', '.join(sorted(known))})")
    return data


def load_config(path: Path | str | None, environ: Mapping[str, str]) -> Config:
    """Build the config from the YAML file (if any) and the environment, validating every value."""
    path = path or environ.get("BRIEFBOT_CONFIG")
    raw: dict[str, tuple[str, Any]] = {}
    if path:
        raw = {key: (key, value) for key, value in _read_file(Path(path)).items()}
    for variable, key in ENVIRONMENT.items():
        if environ.get(variable, "").strip():
            raw[key] = (variable, environ[variable])
    values = {key: PARSERS[key](name, value) for key, (name, value) in raw.items()}
    return Config(**values)
