"""Serving the bolt app: one workspace's identity, the AsyncApp, and its aiohttp web app.

`create_app` builds the bolt AsyncApp around `register`'s listeners (app.py) for one workspace;
`create_oauth_app` builds it for many, installed through bolt's OAuth flow into the database.
`create_web_app` serves either over HTTP at /slack/events, with GET /healthz and /readyz
(adapters/health.py) and, with OAuth, GET /slack/install and /slack/oauth_redirect.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize, AsyncInstallationStoreAuthorize
from slack_bolt.logger import get_bolt_app_logger
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.health import CONNECTED, Health, add_health_routes
from adapters.logs import request_scope
from adapters.slack.app import EVENTS_PATH, SlackBot, log, register, retry_handlers

if TYPE_CHECKING:
    from adapters.slack.dedup import EventIds
    from adapters.slack.installations import Installations, OAuthStates
    from bot.core import Core

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


class FixedIdentity(AsyncAuthorize):
    """One workspace's bot, checked once with auth.test at start (no call per request)."""

    def __init__(self, identity: AuthorizeResult) -> None:
        self.identity = identity

    async def __call__(
        self,
        *,
        context: Any,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        **_: Any,
    ) -> AuthorizeResult:
        return AuthorizeResult(
            enterprise_id=enterprise_id or self.identity.enterprise_id,
            team_id=team_id or self.identity.team_id,
            bot_user_id=self.identity.bot_user_id,
            bot_id=self.identity.bot_id,
            bot_token=self.identity.bot_token,
            user_id=user_id,
        )


class SingleWorkspaceApp(AsyncApp):
    """An AsyncApp whose requests all share the app's Web API client.

    Bolt builds a fresh AsyncWebClient for every request (reading the proxy environment and
    the user agent each time) so that apps serving many workspaces can set a token per request.
    Here there is one bot token, checked at start, which the authorize step sets on the shared
    client on every request, so that copy is pure cost. Everything else bolt puts in the context is kept.
    """

    def _init_context(self, req: AsyncBoltRequest) -> None:
        req.context["logger"] = self._context_logger
        req.context["token"] = self._token
        req.context["client"] = self._async_client
        req.context["listener_runner"] = self.listener_runner

    @property
    def _context_logger(self) -> logging.Logger:
        logger = self.__dict__.get("_pariscall_logger")
        if logger is None:  # bolt's get_bolt_app_logger, once rather than per request
            logger = get_bolt_app_logger(app_name=self.name, base_logger=self._base_logger)
            self.__dict__["_pariscall_logger"] = logger
        return logger


APP_OPTIONS: dict[str, Any] = {
    "name": "pariscall",
    "attaching_function_token_enabled": False,  # no custom workflow steps here
    # Listeners only ack and schedule; running them before the response avoids bolt's
    # 10 ms ack-polling loop, and in Socket Mode the envelope is acked just as fast.
    "process_before_response": True,
    "logger": log,
}


def _web_client(api_url: str, session: aiohttp.ClientSession | None) -> AsyncWebClient:
    return AsyncWebClient(
        base_url=api_url, session=session, retry_handlers=retry_handlers(), logger=log
    )


def create_app(
    *,
    core: Core,
    identity: AuthorizeResult,
    signing_secret: str,
    api_url: str,
    lang: str = "en",
    session: aiohttp.ClientSession | None = None,
    seen: EventIds | None = None,
) -> tuple[AsyncApp, SlackBot]:
    """A bolt AsyncApp for one workspace whose bot `identity` was checked with auth.test."""
    # No token here: bolt's authorize step sets the bot's on it for every request.
    client = _web_client(api_url, session)
    app = SingleWorkspaceApp(
        client=client,
        authorize=FixedIdentity(identity),
        signing_secret=signing_secret,
        **APP_OPTIONS,
    )
    bot = register(app, core, lang=lang, session=session, seen=seen)
    return app, bot


def create_oauth_app(
    *,
    core: Core,
    client_id: str,
    client_secret: str,
    signing_secret: str,
    installations: Installations,
    states: OAuthStates,
    scopes: list[str],
    api_url: str,
    redirect_uri: str | None = None,
    lang: str = "en",
    session: aiohttp.ClientSession | None = None,
    seen: EventIds | None = None,
) -> tuple[AsyncApp, SlackBot]:
    """A bolt AsyncApp for every workspace that installs it through /slack/install.

    Each request's bot token comes from the installation store; tokens that expire (token
    rotation enabled in the app settings) are refreshed by bolt through the store, and
    app_uninstalled / tokens_revoked delete the workspace's installation.
    """
    client = _web_client(api_url, session)
    settings = AsyncOAuthSettings(
        client_id=client_id,
        client_secret=client_secret,
        scopes=scopes,
        user_scopes=[],
        redirect_uri=redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installations,
        installation_store_bot_only=True,
        state_store=states,
        state_expiration_seconds=states.store.expiration_seconds,
        logger=log,
    )
    # bolt's own authorize, with two changes: its Web API calls (auth.test, token refresh) go
    # through our client, and auth.test runs once per token rather than on every request.
    authorize = AsyncInstallationStoreAuthorize(
        logger=log,
        installation_store=installations,
        client_id=client_id,
        client_secret=client_secret,
        token_rotation_expiration_minutes=settings.token_rotation_expiration_minutes,
        bot_only=True,
        cache_enabled=True,
        client=client,
    )
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        oauth_settings=settings,
        authorize=authorize,  # type: ignore[arg-type]  # bolt accepts any AsyncAuthorize
        installation_store_bot_only=True,
        **APP_OPTIONS,
    )
    app.enable_token_revocation_listeners()
    bot = register(app, core, lang=lang, session=session, seen=seen)
    return app, bot


def create_web_app(
    app: AsyncApp, path: str = EVENTS_PATH, health: Health | None = None
) -> web.Application:
    """The HTTP side: commands, events and interactivity at `path`, /healthz and /readyz."""

    async def handle_events(request: web.Request) -> web.Response:
        # slack_bolt.adapter.aiohttp's to_bolt_request/to_aiohttp_response, minus a regex and
        # a few copies per request; responses with cookies (OAuth flows) still go through bolt's.
        bolt_request = _bolt(request, await request.text())
        with request_scope():
            response = await app.async_dispatch(bolt_request)
        if "set-cookie" in response.headers:
            return await to_aiohttp_response(response)
        return web.Response(
            status=response.status,
            body=response.body.encode(),
            headers={name: values[0] for name, values in response.headers.items()},
        )

    web_app = web.Application()
    web_app.add_routes([web.post(path, handle_events)])
    if health is None:  # `pariscall slack` alone, or a test: report this app's own state
        health = Health()
        health.platform("slack").set(CONNECTED)
    add_health_routes(web_app, health)
    flow = app.oauth_flow
    if flow is not None:

        async def handle_install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_installation(_bolt(request, "")))

        async def handle_redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_callback(_bolt(request, "")))

        web_app.add_routes(
            [
                web.get(flow.install_path, handle_install),
                web.get(flow.redirect_uri_path, handle_redirect),
            ]
        )
    return web_app


def _bolt(request: web.Request, body: str) -> AsyncBoltRequest:
    return AsyncBoltRequest(body=body, query=request.query_string, headers=request.headers)  # type: ignore[arg-type]
