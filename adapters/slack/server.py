"""Serving the bolt app: one workspace's identity, the AsyncApp, and its aiohttp web app.

`create_app` builds the bolt AsyncApp around `register`'s listeners (app.py); `create_web_app`
serves it over HTTP at /slack/events, with GET /healthz and /readyz (adapters/health.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.async_authorize import AsyncAuthorize
from slack_bolt.logger import get_bolt_app_logger
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.health import CONNECTED, Health, add_health_routes
from adapters.logs import request_scope
from adapters.slack.app import EVENTS_PATH, SlackBot, log, register, retry_handlers

if TYPE_CHECKING:
    from bot.core import Core


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


def create_app(
    *,
    core: Core,
    identity: AuthorizeResult,
    signing_secret: str,
    api_url: str,
    lang: str = "en",
    session: aiohttp.ClientSession | None = None,
) -> tuple[AsyncApp, SlackBot]:
    """A bolt AsyncApp for one workspace whose bot `identity` was checked with auth.test."""
    # No token here: bolt's authorize step sets the bot's on it for every request.
    client = AsyncWebClient(
        base_url=api_url, session=session, retry_handlers=retry_handlers(), logger=log
    )

    app = SingleWorkspaceApp(
        name="pariscall",
        client=client,
        authorize=FixedIdentity(identity),
        signing_secret=signing_secret,
        attaching_function_token_enabled=False,  # no custom workflow steps here
        # Listeners only ack and schedule; running them before the response avoids bolt's
        # 10 ms ack-polling loop, and in Socket Mode the envelope is acked just as fast.
        process_before_response=True,
        logger=log,
    )
    bot = register(app, core, lang=lang, session=session)
    return app, bot


def create_web_app(
    app: AsyncApp, path: str = EVENTS_PATH, health: Health | None = None
) -> web.Application:
    """The HTTP side: commands, events and interactivity at `path`, /healthz and /readyz."""

    async def handle_events(request: web.Request) -> web.Response:
        # slack_bolt.adapter.aiohttp's to_bolt_request/to_aiohttp_response, minus a regex and
        # a few copies per request; responses with cookies (OAuth flows) still go through bolt's.
        bolt_request = AsyncBoltRequest(
            body=await request.text(),
            query=request.query_string,
            headers=request.headers,  # type: ignore[arg-type]
        )
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
    return web_app
