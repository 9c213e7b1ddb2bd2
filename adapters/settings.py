"""Settings for every command: command-line options over the environment over `.env` over
defaults, each checked once, each mistake one line naming the variable and the fix (exit 2).

The core never reads the environment; adapters read it here and pass plain values in. The
platforms' own settings (tokens, ports) are read from the same environment by
adapters/slack/settings.py and adapters/discord/run.py.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from bot.core import Core, load_core
from bot.errors import ContentError
from bot.lazy import lazy
from bot.records import Record

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import NoReturn

# Accepted values of PARISCALL_LOG_LEVEL and PARISCALL_LOG_FORMAT (adapters.logs uses them; they
# live here so that checking settings does not import logging).
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
FORMATS = ("text", "json")

EXIT_CONTENT = 1
EXIT_CONFIG = 2

LANG = "PARISCALL_LANG"
CONTENT_DIR = "PARISCALL_CONTENT_DIR"
DATA_DIR = "PARISCALL_DATA_DIR"
CACHE_DIR = "PARISCALL_CACHE_DIR"
LOG_LEVEL = "PARISCALL_LOG_LEVEL"
LOG_FORMAT = "PARISCALL_LOG_FORMAT"
HEALTH_PORT = "PARISCALL_HEALTH_PORT"
DATABASE_URL = "PARISCALL_DATABASE_URL"
UNANSWERED_DAYS = "PARISCALL_UNANSWERED_DAYS"
LANGS = ("en", "fr")
DEFAULT_UNANSWERED_DAYS = 90
# What PARISCALL_DATABASE_URL may start with: SQLite, or PostgreSQL through psycopg 3. Checked
# here without SQLAlchemy (`ask` stays fast); adapters/db.py parses the rest.
DATABASE_SCHEMES = ("sqlite", "sqlite+pysqlite", "postgresql", "postgres", "postgresql+psycopg")
DATABASE_HINT = "sqlite:///PATH or postgresql+psycopg://USER:PASSWORD@HOST:5432/DBNAME"
_SCHEME = lazy(r"([A-Za-z][A-Za-z0-9+.-]*)://")

# Variables that mean "the operator meant to run Slack" (the bot token, or the OAuth client id
# for many workspaces, is the one that decides).
SLACK_VARIABLES = (
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "SLACK_CLIENT_ID",
    "SLACK_CLIENT_SECRET",
)


class SettingsError(Exception):
    """A setting is wrong. `str()` is the one line for the operator: variable, value, fix."""


def load_env(path: Path | None = None, env: MutableMapping[str, str] | None = None) -> None:
    """Read KEY=VALUE lines from `.env` (current folder) without overriding the real environment."""
    env_file = path or Path.cwd() / ".env"
    if not env_file.is_file():
        return
    from dotenv import dotenv_values

    target = os.environ if env is None else env
    for key, value in dotenv_values(env_file).items():
        if value is not None and key not in target:
            target[key] = value


def _xdg(env: Mapping[str, str], variable: str, fallback: str) -> Path:
    base = env.get(variable) or str(Path.home() / fallback)
    return Path(base) / "pariscall"


class Paths(Record):
    __slots__ = ("content", "data", "cache")

    def __init__(self, content: Path | None, data: Path, cache: Path) -> None:
        self.content = content
        self.data = data
        self.cache = cache

    @classmethod
    def from_env(cls, content: str | None = None, env: Mapping[str, str] | None = None) -> Paths:
        env = os.environ if env is None else env
        chosen = content or env.get(CONTENT_DIR)
        return cls(
            content=Path(chosen) if chosen else None,
            data=Path(env[DATA_DIR]) if env.get(DATA_DIR) else _xdg(env, "XDG_DATA_HOME", ".local/share"),
            cache=Path(env[CACHE_DIR]) if env.get(CACHE_DIR) else _xdg(env, "XDG_CACHE_HOME", ".cache"),
        )  # fmt: skip


class Settings(Record):
    """The settings every command shares (the platforms' own are read where they are used)."""

    __slots__ = ("lang", "log_level", "log_format", "health_port", "paths", "database_url",
                 "unanswered_days")  # fmt: skip

    def __init__(
        self, lang: str, log_level: str, log_format: str, health_port: int | None, paths: Paths,
        database_url: str | None, unanswered_days: int,
    ) -> None:  # fmt: skip
        self.lang = lang
        self.log_level = log_level
        self.log_format = log_format
        self.health_port = health_port
        self.paths = paths
        self.database_url = database_url  # as set (None: SQLite in the data folder); see db.py
        self.unanswered_days = unanswered_days  # 0: the unanswered-questions log is off

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Check every shared setting in `env`; raise SettingsError naming the first bad one."""
        lang = env.get(LANG, "").strip().lower() or "en"
        if lang not in LANGS:
            raise SettingsError(f"{LANG}={lang!r} is not a language the bot speaks: use en or fr.")
        level = env.get(LOG_LEVEL, "").strip().upper() or "INFO"
        if level not in LEVELS:
            raise SettingsError(
                f"{LOG_LEVEL}={level!r} is not a log level: use {', '.join(LEVELS[:4])}."
            )
        fmt = env.get(LOG_FORMAT, "").strip().lower() or "text"
        if fmt not in FORMATS:
            raise SettingsError(f"{LOG_FORMAT}={fmt!r} is not a log format: use text or json.")
        paths = Paths.from_env(env=env)
        if paths.content is not None and not paths.content.is_dir():
            raise SettingsError(
                f"content folder {paths.content} does not exist (check --content or {CONTENT_DIR})."
            )
        health = port(env, HEALTH_PORT)
        return cls(lang, level, fmt, health, paths, database_url(env), unanswered_days(env))


def port(env: Mapping[str, str], variable: str) -> int | None:
    """A port number from `env[variable]` (None when unset), or SettingsError."""
    raw = env.get(variable, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > 65535:
        raise SettingsError(f"{variable}={raw!r} is not a port: use a number from 0 to 65535.")
    return int(raw)


def database_url(env: Mapping[str, str]) -> str | None:
    """PARISCALL_DATABASE_URL as set, its scheme checked (None: the default SQLite file)."""
    raw = env.get(DATABASE_URL, "").strip()
    if not raw:
        return None
    scheme = _SCHEME.match(raw)
    if scheme is None:
        raise SettingsError(f"{DATABASE_URL} is not a database URL: use {DATABASE_HINT}.")
    if scheme.group(1).lower() not in DATABASE_SCHEMES:
        raise SettingsError(
            f"{DATABASE_URL} uses {scheme.group(1)!r}, which pariscall does not support: "
            f"use {DATABASE_HINT}."
        )
    return raw


def unanswered_days(env: Mapping[str, str]) -> int:
    """PARISCALL_UNANSWERED_DAYS: how long unanswered questions are kept (90; 0 = not kept)."""
    raw = env.get(UNANSWERED_DAYS, "").strip()
    if not raw:
        return DEFAULT_UNANSWERED_DAYS
    if not raw.isdigit():
        raise SettingsError(
            f"{UNANSWERED_DAYS} must be a number of days (0 turns the report off); found {raw!r}."
        )
    return int(raw)


def slack_configured(env: Mapping[str, str]) -> bool:
    """True when any Slack setting is present: Slack must then start (or say what is missing)."""
    return any(env.get(name, "").strip() for name in SLACK_VARIABLES)


def discord_configured(env: Mapping[str, str]) -> bool:
    return bool(env.get("DISCORD_TOKEN", "").strip())


def setup_logging(settings: Settings | None = None) -> None:
    """Log lines for operators of the long-running bot (PARISCALL_LOG_LEVEL, _LOG_FORMAT)."""
    from adapters.logs import setup_logging as setup

    settings = settings or Settings.from_env(os.environ)
    setup(settings.log_level, settings.log_format)


def core_or_exit(content: str | None = None) -> Core:
    """Load the core, or print the content report for the operator and exit 1 (no traceback)."""
    paths = Paths.from_env(content)
    if paths.content is not None and not paths.content.is_dir():
        fail(f"pariscall: content folder {paths.content} does not exist (check --content or "
             f"{CONTENT_DIR})", EXIT_CONFIG)  # fmt: skip
    try:
        return load_core(paths.content, paths.data, paths.cache)
    except ContentError as exc:
        fail(f"pariscall: the bot cannot start with invalid content.\n{exc.report()}", EXIT_CONTENT)


def fail(message: str, code: int) -> NoReturn:
    """Print one message for the operator and exit with `code`: no traceback."""
    print(message, file=sys.stderr)
    raise SystemExit(code)
