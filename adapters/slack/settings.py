"""Slack settings from the environment, checked before anything connects.

`.env` files are read into the environment by `adapters.settings.load_env` (the CLI does it).

Every message an operator can see is here, one line each, naming the variable and the fix.
Token values are never printed: the dataclass hides them from `repr`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from adapters.settings import SettingsError

BOT_TOKEN = "SLACK_BOT_TOKEN"
APP_TOKEN = "SLACK_APP_TOKEN"
SIGNING_SECRET = "SLACK_SIGNING_SECRET"
API_URL = "SLACK_API_URL"
PORT = "PORT"
LANG = "PARISCALL_LANG"

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
LANGS = ("en", "fr")

_BOT_TOKEN = re.compile(r"xoxb-[A-Za-z0-9-]+")
_APP_TOKEN = re.compile(r"xapp-[A-Za-z0-9-]+")
_SECRET = re.compile(r"\S+")


class ConfigError(SettingsError):
    """A setting is missing, malformed or refused by Slack. `str()` is the one line to print."""

    def __init__(self, variable: str, message: str) -> None:
        self.variable = variable
        super().__init__(f"{variable} {message}")


def missing_token(variable: str, prefix: str, where: str) -> ConfigError:
    return ConfigError(variable, f"is not set: expected a token starting with {prefix} ({where}).")


def malformed_token(variable: str, prefix: str, where: str) -> ConfigError:
    return ConfigError(
        variable, f"does not look right: expected a token starting with {prefix} ({where})."
    )


def rejected_token(variable: str, prefix: str, error: str, where: str) -> ConfigError:
    return ConfigError(
        variable,
        f"was refused by Slack ({error}): copy the token starting with {prefix} again ({where}).",
    )


BOT_TOKEN_WHERE = "Slack app settings > OAuth & Permissions > Bot User OAuth Token"
APP_TOKEN_WHERE = (
    "Slack app settings > Basic Information > App-Level Tokens, scope connections:write"
)
SECRET_WHERE = "Slack app settings > Basic Information > App Credentials > Signing Secret"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """What the Slack adapter needs to run. Socket Mode when `app_token` is set, else HTTP."""

    bot_token: str = field(repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    api_url: str = DEFAULT_API_URL
    lang: str = "en"

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None


def is_configured(env: Mapping[str, str]) -> bool:
    """True when a Slack bot token is set at all (so `pariscall serve` should start Slack)."""
    return bool(env.get(BOT_TOKEN, "").strip())


def from_env(
    env: Mapping[str, str], *, host: str | None = None, port: int | None = None
) -> SlackSettings:
    """Read and check the settings; raise `ConfigError` naming the first bad variable."""
    bot_token = env.get(BOT_TOKEN, "").strip()
    if not bot_token:
        raise missing_token(BOT_TOKEN, "xoxb-", BOT_TOKEN_WHERE)
    if not _BOT_TOKEN.fullmatch(bot_token):
        raise malformed_token(BOT_TOKEN, "xoxb-", BOT_TOKEN_WHERE)

    app_token = env.get(APP_TOKEN, "").strip() or None
    if app_token is not None and not _APP_TOKEN.fullmatch(app_token):
        raise malformed_token(APP_TOKEN, "xapp-", APP_TOKEN_WHERE)

    secret = env.get(SIGNING_SECRET, "").strip() or None
    if app_token is None and secret is None:
        raise ConfigError(
            SIGNING_SECRET,
            f"is not set: HTTP mode needs the app's signing secret ({SECRET_WHERE}); "
            f"or set {APP_TOKEN} (xapp-...) to use Socket Mode.",
        )
    if secret is not None and not _SECRET.fullmatch(secret):
        raise ConfigError(SIGNING_SECRET, f"contains spaces: copy it again ({SECRET_WHERE}).")

    if port is None:
        raw_port = env.get(PORT, "").strip() or str(DEFAULT_PORT)
        if not raw_port.isdigit() or int(raw_port) > 65535:
            raise ConfigError(PORT, "must be a port number from 0 to 65535.")
        port = int(raw_port)

    api_url = env.get(API_URL, "").strip() or DEFAULT_API_URL
    if not api_url.startswith(("https://", "http://")):
        raise ConfigError(API_URL, "must be a URL such as https://slack.com/api/.")
    if not api_url.endswith("/"):
        api_url += "/"

    lang = (env.get(LANG, "").strip() or "en").lower()
    if lang not in LANGS:
        raise ConfigError(LANG, f"must be one of {', '.join(LANGS)}.")

    return SlackSettings(
        bot_token=bot_token,
        signing_secret=secret,
        app_token=app_token,
        host=host or "0.0.0.0",
        port=port,
        api_url=api_url,
        lang=lang,
    )
