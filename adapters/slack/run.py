"""Running the Slack adapter: settings, the token check, Socket Mode or HTTP, and the CLI.

    pariscall slack [--host H] [--port P]                       run (Socket Mode if SLACK_APP_TOKEN)
    pariscall slack manifest [--socket | --http --url URL]      print the app manifest (YAML)

`pariscall slack` runs through `pariscall serve`'s supervisor (adapters/serve.py): Slack out of
reach is retried with backoff. Exit codes: 0 stopped by SIGTERM/SIGINT; 1 the content is
invalid; 2 a setting is missing, malformed or refused by Slack.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.health import CONNECTED, RECONNECTING, Health, PlatformState
from adapters.settings import Parser
from adapters.slack.app import EVENTS_PATH, SlackBot, retry_handlers
from adapters.slack.manifest import build_manifest, to_yaml
from adapters.slack.server import create_app, create_web_app
from adapters.slack.settings import (
    API_URL,
    APP_TOKEN,
    APP_TOKEN_WHERE,
    BOT_TOKEN,
    BOT_TOKEN_WHERE,
    ConfigError,
    SlackSettings,
    from_env,
    rejected_token,
)

if TYPE_CHECKING:
    from bot.core import Core

log = logging.getLogger("pariscall.slack")

# auth.test / apps.connections.open errors that mean "this token is wrong", not "Slack is down".
_REFUSED = {
    "invalid_auth",
    "not_authed",
    "account_inactive",
    "token_revoked",
    "token_expired",
    "not_allowed_token_type",
}


# Socket Mode: how long the first WebSocket connection may take, how often the connection is
# checked, and how long it may stay down while slack_sdk reconnects before the supervisor
# restarts the adapter (which checks both tokens again, so a revoked token stops it).
SOCKET_CONNECT_TIMEOUT = 30.0
SOCKET_CHECK_INTERVAL = 5.0
SOCKET_DOWN_LIMIT = 120.0


class StartError(Exception):
    """Slack could not be reached at start (network, SLACK_API_URL): worth retrying later."""


async def identify(settings: SlackSettings, session: aiohttp.ClientSession) -> AuthorizeResult:
    """Check the bot token with auth.test; the result is the bot's identity for every request."""
    client = AsyncWebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        session=session,
        retry_handlers=retry_handlers(),
        logger=log,
    )
    try:
        response = await client.auth_test()
    except SlackApiError as e:
        raise _refused(BOT_TOKEN, "xoxb-", e, BOT_TOKEN_WHERE) from None
    except (aiohttp.ClientError, OSError) as e:
        raise _unreachable(settings, e) from None
    return AuthorizeResult.from_auth_test_response(
        bot_token=settings.bot_token, auth_test_response=response
    )


async def socket_url(settings: SlackSettings, session: aiohttp.ClientSession) -> str:
    """Check the app-level token by opening a Socket Mode URL (the handler then uses it)."""
    client = AsyncWebClient(base_url=settings.api_url, session=session, logger=log)
    try:
        response = await client.apps_connections_open(app_token=settings.app_token or "")
    except SlackApiError as e:
        raise _refused(APP_TOKEN, "xapp-", e, APP_TOKEN_WHERE) from None
    except (aiohttp.ClientError, OSError) as e:
        raise _unreachable(settings, e) from None
    return str(response["url"])


def _refused(variable: str, prefix: str, e: SlackApiError, where: str) -> Exception:
    error = str(e.response.get("error", "unknown_error"))
    if error in _REFUSED:
        return rejected_token(variable, prefix, error, where)
    return StartError(f"Slack refused to start the app ({error}).")


def _unreachable(settings: SlackSettings, e: BaseException) -> StartError:
    return StartError(
        f"could not reach Slack at {settings.api_url} ({type(e).__name__}); "
        f"check the network, or {API_URL} if you set it."
    )


class SlackService:
    """One running Slack adapter: the bolt app behind Socket Mode or an aiohttp HTTP server."""

    def __init__(self, settings: SlackSettings, core: Core, health: Health | None = None) -> None:
        self.settings = settings
        self.core = core
        self.health = health  # its /healthz and /readyz ride on the HTTP port
        self.app: AsyncApp | None = None
        self.bot: SlackBot | None = None
        self.port: int | None = None
        self._session: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None

    async def open(self) -> None:
        """Check the tokens, then connect (Socket Mode) or listen (HTTP). Raises ConfigError."""
        settings = self.settings
        # One connection pool for every Web API call and response_url post.
        self._session = aiohttp.ClientSession()
        try:
            identity = await identify(settings, self._session)
            app, self.bot = create_app(
                core=self.core,
                identity=identity,
                signing_secret=settings.signing_secret or "",
                api_url=settings.api_url,
                lang=settings.lang,
                session=self._session,
            )
            self.app = app
            if settings.socket_mode:
                url = await socket_url(settings, self._session)
                self._socket = AsyncSocketModeHandler(app, settings.app_token, logger=log)
                self._socket.client.wss_uri = url  # already issued: no second Tier-1 call
                try:
                    # slack_sdk retries a failed WebSocket connection forever: bound the wait.
                    await asyncio.wait_for(
                        self._socket.connect_async(),  # type: ignore[no-untyped-call]
                        SOCKET_CONNECT_TIMEOUT,
                    )
                except TimeoutError:
                    raise StartError(
                        f"Socket Mode could not connect to Slack's WebSocket within "
                        f"{SOCKET_CONNECT_TIMEOUT:.0f} s; check the network (or HTTPS_PROXY)."
                    ) from None
                log.info("Slack: connected in Socket Mode as %s", identity.bot_user_id)
            else:
                web_app = create_web_app(app, health=self.health)
                self._runner = web.AppRunner(web_app, access_log=None)
                await self._runner.setup()
                site = web.TCPSite(self._runner, settings.host, settings.port)
                await site.start()
                self.port = self._runner.addresses[0][1]
                log.info(
                    "Slack: listening on http://%s:%s%s as %s",
                    settings.host,
                    self.port,
                    EVENTS_PATH,
                    identity.bot_user_id,
                )
        except BaseException:
            await self.close()
            raise

    async def watch(self, state: PlatformState) -> None:
        """Run until cancelled, keeping `state` up to date; raise StartError when Socket Mode
        stays disconnected longer than SOCKET_DOWN_LIMIT (the supervisor then starts again)."""
        state.set(CONNECTED)
        down_since: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(SOCKET_CHECK_INTERVAL)
            if self._socket is None:
                continue  # HTTP mode: connected as long as the server listens
            if await self._socket.client.is_connected():
                down_since = None
                state.set(CONNECTED)
                continue
            down_since = down_since or loop.time()
            state.set(RECONNECTING)
            if loop.time() - down_since > SOCKET_DOWN_LIMIT:
                raise StartError(f"Socket Mode stayed disconnected for {SOCKET_DOWN_LIMIT:.0f} s.")

    async def close(self) -> None:
        """Stop taking requests, finish the answers in flight, release connections."""
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.bot is not None:
            await self.bot.drain()
        if self._session is not None:
            await self._session.close()
            self._session = None


async def start(
    settings: SlackSettings,
    core: Core,
    state: PlatformState | None = None,
    health: Health | None = None,
) -> None:
    """Run the Slack adapter until cancelled (for `pariscall serve`, beside other platforms).

    Raises ConfigError for a token Slack refuses, StartError when Slack cannot be reached."""
    service = SlackService(settings, core, health)
    await service.open()
    try:
        await service.watch(state or PlatformState("slack"))
    finally:
        await service.close()


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pariscall slack",
        description="Run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP), "
        "or print its manifest with `pariscall slack manifest`.",
    )
    parser.add_argument("--host", default=None, help="HTTP mode: address to listen on (0.0.0.0)")
    parser.add_argument("--port", type=int, default=None, help="HTTP mode: port (env PORT, 3000)")
    return parser


def build_manifest_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pariscall slack manifest",
        description="Print the Slack app manifest (YAML) to paste at api.slack.com/apps.",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--socket", action="store_true", help="Socket Mode (the default)")
    mode.add_argument("--http", action="store_true", help="HTTP mode: Slack calls --url")
    parser.add_argument("--url", help="HTTP mode: the app's public base URL, https://HOST")
    return parser


def run(argv: list[str] | None = None) -> int:
    """`pariscall slack ...`: returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["manifest"]:
        return _manifest(argv[1:])
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as e:  # argparse already printed the usage
        return int(e.code or 0)
    if args.port is not None and not 0 <= args.port <= 65535:
        return _fail(ConfigError("--port", "must be a port number from 0 to 65535."))
    from adapters.serve import Platforms, serve
    from adapters.settings import HEALTH_PORT, SettingsError, core_or_exit, port, setup_logging

    try:  # `pariscall` has read .env and applied the global options to the environment
        settings = from_env(os.environ, host=args.host, port=args.port)
        health_port = port(os.environ, HEALTH_PORT)
    except SettingsError as e:
        print(f"pariscall slack: {e}", file=sys.stderr)
        return 2
    setup_logging()
    try:
        core = core_or_exit()  # content, imported supporters and cache folders from the env
    except SystemExit as e:  # it printed the content report
        return int(e.code or 1)
    return serve(core, Platforms(slack=settings, health_port=health_port))


def _manifest(argv: list[str]) -> int:
    try:
        args = build_manifest_parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    if args.http and not args.url:
        return _fail(ConfigError("--url", "is needed with --http: the app's https:// base URL."))
    if args.url and not args.http:
        return _fail(ConfigError("--url", "only applies to --http (Socket Mode needs no URL)."))
    if args.url and not args.url.startswith("https://"):
        return _fail(ConfigError("--url", "must start with https:// (Slack only calls HTTPS)."))
    print(to_yaml(build_manifest(socket_mode=not args.http, url=args.url)), end="")
    return 0


def _fail(error: ConfigError) -> int:
    print(f"pariscall slack: {error}", file=sys.stderr)
    return 2
