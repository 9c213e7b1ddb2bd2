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
CLIENT_ID = "SLACK_CLIENT_ID"
CLIENT_SECRET = "SLACK_CLIENT_SECRET"
REDIRECT_URI = "SLACK_REDIRECT_URI"
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
CLIENT_WHERE = "Slack app settings > Basic Information > App Credentials"


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """What the Slack adapter needs to run. Socket Mode when `app_token` is set, else HTTP.

    With `client_id` (OAuth, many workspaces) there is no bot token: each workspace's comes
    from the installation store, and the app runs over HTTP."""

    bot_token: str = field(repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    app_token: str | None = field(default=None, repr=False)
    host: str = "0.0.0.0"
    port: int = DEFAULT_PORT
    api_url: str = DEFAULT_API_URL
    lang: str = "en"
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)
    redirect_uri: str | None = None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    @property
    def oauth(self) -> bool:
        return self.client_id is not None


def is_oauth(env: Mapping[str, str]) -> bool:
    """True when the OAuth client id is set: many workspaces, tokens in the database."""
    return bool(env.get(CLIENT_ID, "").strip())


def from_env(
    env: Mapping[str, str], *, host: str | None = None, port: int | None = None
) -> SlackSettings:
    """Read and check the settings; raise `ConfigError` naming the first bad variable."""
    if is_oauth(env):
        return _oauth_from_env(env, host=host, port=port)
    if env.get(CLIENT_SECRET, "").strip() and not env.get(BOT_TOKEN, "").strip():
        raise ConfigError(
            CLIENT_ID, f"is not set: OAuth needs it beside {CLIENT_SECRET} ({CLIENT_WHERE})."
        )
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

    return SlackSettings(
        bot_token=bot_token,
        signing_secret=secret,
        app_token=app_token,
        host=host or "0.0.0.0",
        port=_port(env, port),
        api_url=_api_url(env),
        lang=_lang(env),
    )


def _oauth_from_env(
    env: Mapping[str, str], *, host: str | None = None, port: int | None = None
) -> SlackSettings:
    """OAuth (distributed app): client id and secret, the signing secret, HTTP mode."""
    client_id = env.get(CLIENT_ID, "").strip()
    client_secret = env.get(CLIENT_SECRET, "").strip()
    if not client_secret:
        raise ConfigError(
            CLIENT_SECRET, f"is not set: OAuth needs it beside {CLIENT_ID} ({CLIENT_WHERE})."
        )
    for variable in (BOT_TOKEN, APP_TOKEN):
        if env.get(variable, "").strip():
            raise ConfigError(
                variable,
                f"cannot be used with {CLIENT_ID}: OAuth takes each workspace's token from "
                "its installation, over HTTP; unset one of them.",
            )
    secret = env.get(SIGNING_SECRET, "").strip()
    if not secret:
        raise ConfigError(SIGNING_SECRET, f"is not set: OAuth runs over HTTP ({SECRET_WHERE}).")
    if not _SECRET.fullmatch(secret) or not _SECRET.fullmatch(client_secret):
        raise ConfigError(
            SIGNING_SECRET if not _SECRET.fullmatch(secret) else CLIENT_SECRET,
            f"contains spaces: copy it again ({CLIENT_WHERE}).",
        )
    redirect_uri = env.get(REDIRECT_URI, "").strip() or None
    if redirect_uri is not None and not redirect_uri.startswith("https://"):
        raise ConfigError(
            REDIRECT_URI, "must be https://HOST/slack/oauth_redirect, as in the app settings."
        )
    return SlackSettings(
        bot_token="",
        signing_secret=secret,
        host=host or "0.0.0.0",
        port=_port(env, port),
        api_url=_api_url(env),
        lang=_lang(env),
        client_id=client_id,
        client_secret=client_secret,
        redirect_uri=redirect_uri,
    )


def _port(env: Mapping[str, str], port: int | None) -> int:
    if port is not None:
        return port
    raw_port = env.get(PORT, "").strip() or str(DEFAULT_PORT)
    if not raw_port.isdigit() or int(raw_port) > 65535:
        raise ConfigError(PORT, "must be a port number from 0 to 65535.")
    return int(raw_port)


def _api_url(env: Mapping[str, str]) -> str:
    api_url = env.get(API_URL, "").strip() or DEFAULT_API_URL
    if not api_url.startswith(("https://", "http://")):
        raise ConfigError(API_URL, "must be a URL such as https://slack.com/api/.")
    return api_url if api_url.endswith("/") else api_url + "/"


def _lang(env: Mapping[str, str]) -> str:
    lang = (env.get(LANG, "").strip() or "en").lower()
    if lang not in LANGS:
        raise ConfigError(LANG, f"must be one of {', '.join(LANGS)}.")
    return lang
