"""Running the Slack adapter: settings, the token check, Socket Mode or HTTP, and the CLI.

    pariscall slack [--host H] [--port P]                       run (Socket Mode if SLACK_APP_TOKEN)
    pariscall slack manifest [--socket | --http --url URL]      print the app manifest (YAML)
    pariscall slack manifest --oauth --url URL [--token-rotation]   ... for many workspaces

`pariscall slack` runs through `pariscall serve`'s supervisor (adapters/serve.py): Slack out of
reach is retried with backoff. Exit codes: 0 stopped by SIGTERM/SIGINT; 1 the content is
invalid; 2 a setting is missing, malformed or refused by Slack, or the database
(PARISCALL_DATABASE_URL) cannot be used.
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

from adapters import telemetry
from adapters.arguments import Parser
from adapters.health import CONNECTED, RECONNECTING, Health, PlatformState
from adapters.slack.app import EVENTS_PATH, SlackBot, retry_handlers
from adapters.slack.dedup import DatabaseEventIds, EventIds
from adapters.slack.manifest import bot_scopes, build_manifest, to_yaml
from adapters.slack.server import create_app, create_oauth_app, create_web_app
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
    from adapters.runtime import Runtime
    from adapters.slack.installations import Installations
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
    """One running Slack adapter: the bolt app behind Socket Mode or an aiohttp HTTP server.

    `runtime` (adapters/runtime.py) brings the database (OAuth installs, shared event ids)
    and the metrics served at /metrics; without one the adapter keeps event ids in memory.
    `health` is what /healthz and /readyz report on the HTTP port (default: this app alone)."""

    def __init__(
        self,
        settings: SlackSettings,
        core: Core,
        runtime: Runtime | None = None,
        health: Health | None = None,
    ) -> None:
        self.settings = settings
        self.core = core
        self.runtime = runtime
        self.health = health  # its /healthz and /readyz ride on the HTTP port
        self.installations: Installations | None = None  # OAuth: the workspaces' tokens
        self.app: AsyncApp | None = None
        self.bot: SlackBot | None = None
        self.port: int | None = None
        self.web_app: web.Application | None = None
        self._session: aiohttp.ClientSession | None = None
        self._runner: web.AppRunner | None = None
        self._socket: AsyncSocketModeHandler | None = None

    async def open(self) -> None:
        """Check the tokens, then connect (Socket Mode) or listen (HTTP). Raises ConfigError."""
        settings = self.settings
        # One connection pool for every Web API call and response_url post.
        self._session = aiohttp.ClientSession()
        try:
            if settings.oauth:
                app, self.bot = self._oauth_app()
                who: str | None = "every workspace that installs it"
            else:
                identity = await identify(settings, self._session)
                app, self.bot = create_app(
                    core=self.core,
                    identity=identity,
                    signing_secret=settings.signing_secret or "",
                    api_url=settings.api_url,
                    lang=settings.lang,
                    session=self._session,
                    seen=self._event_ids(),
                )
                who = identity.bot_user_id
            self.app = app
            if settings.socket_mode:
                url = await socket_url(settings, self._session)
                self._socket = AsyncSocketModeHandler(app, settings.app_token, logger=log)
                self._socket.client.wss_uri = url  # already issued: no second Tier-1 call
                # Slack closes Socket Mode connections now and then; the client reconnects.
                self._socket.client.on_close_listeners.append(_count_reconnect)
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
                log.info("Slack: connected in Socket Mode as %s", who)
            else:
                self.web_app = create_web_app(app, health=self.health)
                if self.runtime is not None and self.runtime.metrics is not None:
                    from adapters.metrics import add_metrics_route

                    add_metrics_route(self.web_app, self.runtime.metrics)
                self._runner = web.AppRunner(self.web_app, access_log=None)
                await self._runner.setup()
                site = web.TCPSite(self._runner, settings.host, settings.port)
                await site.start()
                self.port = self._runner.addresses[0][1]
                log.info(
                    "Slack: listening on http://%s:%s%s for %s",
                    settings.host,
                    self.port,
                    EVENTS_PATH,
                    who,
                )
        except BaseException:
            await self.close()
            raise

    def _event_ids(self) -> EventIds | None:
        runtime = self.runtime
        if runtime is not None and runtime.shared_events and runtime.database is not None:
            return DatabaseEventIds(runtime.database)
        return None  # this process's memory

    def _oauth_app(self) -> tuple[AsyncApp, SlackBot]:
        from adapters.slack.installations import Installations, OAuthStates

        settings = self.settings
        database = self.runtime.database if self.runtime is not None else None
        if database is None or settings.client_id is None:
            raise StartError("Slack OAuth needs the database (PARISCALL_DATABASE_URL).")
        self.installations = installations = Installations(database, settings.client_id)
        if self.runtime is not None and self.runtime.metrics is not None:
            metrics = self.runtime.metrics
            metrics.track(metrics.installations.labels("slack"), installations.count)
        return create_oauth_app(
            core=self.core,
            client_id=settings.client_id,
            client_secret=settings.client_secret or "",
            signing_secret=settings.signing_secret or "",
            installations=installations,
            states=OAuthStates(database),
            scopes=bot_scopes(),
            api_url=settings.api_url,
            redirect_uri=settings.redirect_uri,
            lang=settings.lang,
            session=self._session,
            seen=self._event_ids(),
        )

    async def watch(self, state: PlatformState) -> None:
        """Run until cancelled, keeping `state` up to date; raise StartError when Socket Mode
        stays disconnected longer than SOCKET_DOWN_LIMIT (the supervisor then starts again).

        OAuth mode is connected while the installation store (the database) answers: without it
        no workspace's token can be read."""
        await self._check_installations(state)
        down_since: float | None = None
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(SOCKET_CHECK_INTERVAL)
            if self._socket is None:
                # HTTP mode: connected as long as the server listens (and, OAuth, the store).
                await self._check_installations(state)
                continue
            if await self._socket.client.is_connected():
                down_since = None
                state.set(CONNECTED)
                continue
            down_since = down_since or loop.time()
            state.set(RECONNECTING)
            if loop.time() - down_since > SOCKET_DOWN_LIMIT:
                raise StartError(f"Socket Mode stayed disconnected for {SOCKET_DOWN_LIMIT:.0f} s.")

    async def _check_installations(self, state: PlatformState) -> None:
        """OAuth: connected, with the number of workspaces, while the database can be read."""
        if self.installations is None:
            state.set(CONNECTED)
            return
        try:
            count = await asyncio.to_thread(self.installations.count)
        except Exception as e:  # the database is down: no event can be authorized
            state.set(RECONNECTING, f"OAuth: the database cannot be read ({type(e).__name__})")
            return
        state.set(CONNECTED, f"OAuth: {count} workspace(s) installed")

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


async def _count_reconnect(message: object) -> None:
    telemetry.reconnected("slack")


async def start(
    settings: SlackSettings,
    core: Core,
    state: PlatformState | None = None,
    health: Health | None = None,
    runtime: Runtime | None = None,
) -> None:
    """Run the Slack adapter until cancelled (for `pariscall serve`, beside other platforms).

    Raises ConfigError for a token Slack refuses, StartError when Slack cannot be reached.
    `runtime` (the database and metrics, started by the caller) is optional for one workspace:
    without it event ids stay in memory and nothing is measured."""
    service = SlackService(settings, core, runtime, health)
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
    mode.add_argument(
        "--oauth",
        action="store_true",
        help="distributed app (many workspaces): HTTP mode plus the OAuth redirect URL",
    )
    parser.add_argument("--url", help="HTTP/OAuth: the app's public base URL, https://HOST")
    parser.add_argument(
        "--token-rotation",
        action="store_true",
        help="OAuth: turn on token rotation (bot tokens expire and are refreshed)",
    )
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
    from adapters.runtime import Runtime
    from adapters.serve import Platforms, serve
    from adapters.settings import HEALTH_PORT, SettingsError, core_or_exit, port, setup_logging

    try:  # `pariscall` has read .env and applied the global options to the environment
        settings = from_env(os.environ, host=args.host, port=args.port)
        health_port = port(os.environ, HEALTH_PORT)
        runtime = Runtime.from_env(os.environ, oauth=settings.oauth)
    except SettingsError as e:
        print(f"pariscall slack: {e}", file=sys.stderr)
        return 2
    setup_logging()
    try:
        core = core_or_exit()  # content, imported supporters and cache folders from the env
    except SystemExit as e:  # it printed the content report
        return int(e.code or 1)
    return serve(core, Platforms(slack=settings, health_port=health_port, runtime=runtime))


def _manifest(argv: list[str]) -> int:
    try:
        args = build_manifest_parser().parse_args(argv)
    except SystemExit as e:
        return int(e.code or 0)
    http = args.http or args.oauth
    flag = "--oauth" if args.oauth else "--http"
    if http and not args.url:
        return _fail(ConfigError("--url", f"is needed with {flag}: the app's https:// base URL."))
    if args.url and not http:
        return _fail(
            ConfigError("--url", "only applies to --http or --oauth (Socket Mode needs no URL).")
        )
    if args.url and not args.url.startswith("https://"):
        return _fail(ConfigError("--url", "must start with https:// (Slack only calls HTTPS)."))
    if args.token_rotation and not args.oauth:
        return _fail(ConfigError("--token-rotation", "only applies to --oauth."))
    manifest = build_manifest(
        socket_mode=not http, url=args.url, oauth=args.oauth, token_rotation=args.token_rotation
    )
    print(to_yaml(manifest), end="")
    return 0


def _fail(error: ConfigError) -> int:
    print(f"pariscall slack: {error}", file=sys.stderr)
    return 2
