"""Isolation in `pariscall serve`: supervisors, backoff, refused tokens, /healthz and /readyz."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import discord
import pytest
from aiohttp import web

from adapters.discord.run import DiscordSettings
from adapters.discord.run import start as discord_start
from adapters.health import CONNECTED, RETRYING, STOPPED, Health, HealthServer, PlatformState
from adapters.serve import Platforms, run_platforms
from adapters.slack.run import SlackService
from adapters.supervisor import Refused, Supervisor
from bot.core import Core
from tests.slack_fakes import (
    APP_TOKEN,
    FakeSlackAPI,
    ForwardProxy,
    command_payload,
    settings_for,
    sign,
    start_socket_server,
)

pytest_plugins = ["tests.slack_fixtures"]

TOKEN = "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_backoff_doubles_and_is_capped() -> None:
    """A failing platform restarts after 1, 2, 4 ... pauses, never longer than the cap."""
    supervisor = Supervisor(PlatformState("x"), _never_called, first_delay=1, max_delay=5)
    delays = []
    for failures in range(1, 6):
        supervisor.failures = failures
        delays.append(supervisor.delay())
    assert delays == [1, 2, 4, 5, 5]


async def _never_called(state: PlatformState) -> None:
    raise AssertionError("not run")


async def test_failures_restart_and_refusal_stops(caplog: pytest.LogCaptureFixture) -> None:
    """Two failures are one log line each and restarts; a refusal stops it for good."""
    runs: list[int] = []

    async def flaky(state: PlatformState) -> None:
        runs.append(1)
        if len(runs) < 3:
            raise ConnectionError("network down")
        raise Refused("EXAMPLE_TOKEN was refused: set it again")

    state = PlatformState("example")
    supervisor = Supervisor(state, flaky, first_delay=0.01)
    with caplog.at_level(logging.ERROR):
        await asyncio.wait_for(supervisor.supervise(), 5)
    assert len(runs) == 3
    assert state.state == STOPPED and "EXAMPLE_TOKEN" in state.detail
    failed = [r.getMessage() for r in caplog.records if "failed" in r.getMessage()]
    assert len(failed) == 2 and all("network down" in m and "\n" not in m for m in failed)


async def _get(url: str) -> tuple[int, Any]:
    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        text = await resp.text()
        return resp.status, json.loads(text) if text.startswith("{") else text


async def _wait_for(check: Any, timeout: float = 15) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def _slash_command(port: int, fake: FakeSlackAPI) -> dict[str, Any]:
    from urllib.parse import urlencode

    body = urlencode(command_payload("principle 3", fake.response_url()))
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers) as resp,
    ):
        assert resp.status == 200
        answer: dict[str, Any] = json.loads(await resp.text())
        return answer


async def test_slack_keeps_answering_while_discord_cannot_connect(
    core: Core, fake_api: FakeSlackAPI
) -> None:
    """Slack over HTTP answers while Discord retries; /readyz says which one is not ready."""
    port = free_port()
    discord_settings = DiscordSettings.from_env(
        {"DISCORD_TOKEN": TOKEN, "DISCORD_PROXY": f"http://127.0.0.1:{free_port()}"}
    )  # a proxy that refuses connections: Discord cannot be reached
    platforms = Platforms(slack=settings_for(fake_api, port=port), discord=discord_settings)
    health, stop = Health(), asyncio.Event()
    task = asyncio.ensure_future(run_platforms(core, platforms, stop=stop, health=health))
    await _wait_for(lambda: health.platforms.get("discord", PlatformState("d")).state == RETRYING)
    await _wait_for(lambda: health.platforms["slack"].state == CONNECTED)
    for _ in range(2):  # Slack answers throughout Discord's retries
        answer = await _slash_command(port, fake_api)
        assert "Defend electoral processes" in json.dumps(answer)
        await asyncio.sleep(1.2)
    status, body = await _get(f"http://127.0.0.1:{port}/readyz")
    assert status == 503 and body["ready"] is False
    assert body["platforms"]["slack"] == {"state": "connected"}
    assert body["platforms"]["discord"]["state"] == "retrying"
    assert "could not be reached" in body["platforms"]["discord"]["detail"]
    assert await _get(f"http://127.0.0.1:{port}/healthz") == (200, "ok")
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[dict[str, Any]]:
    """Discord's REST API and gateway on 127.0.0.1; the gateway closes with a chosen code."""
    state: dict[str, Any] = {"close_code": 4004, "identified": asyncio.Event()}

    def json_response(data: dict[str, Any]) -> web.Response:
        # discord.py parses a body as JSON only for exactly "application/json"
        body = json.dumps(data).encode()
        return web.Response(body=body, headers={"Content-Type": "application/json"})

    async def me(request: web.Request) -> web.Response:
        return json_response(
            {
                "id": "2222222222222222222",
                "username": "pariscall",
                "discriminator": "0",
                "avatar": None,
                "bot": True,
            }  # fmt: skip
        )

    async def application(request: web.Request) -> web.Response:
        owner = {
            "id": "5555555555555555555",
            "username": "ada",
            "discriminator": "0",
            "avatar": None,
        }
        return json_response(
            {
                "id": "1111111111111111111",
                "name": "pariscall",
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": owner,
                "verify_key": "0" * 64,
                "flags": 0,
            }  # fmt: skip
        )

    async def gateway_bot(request: web.Request) -> web.Response:
        url = f"ws://127.0.0.1:{state['port']}/gateway"
        limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
        return json_response({"url": url, "shards": 1, "session_start_limit": limit})

    async def gateway(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None})
        async for message in ws:
            if json.loads(message.data).get("op") == 2:  # IDENTIFY with the token
                state["identified"].set()
                await ws.close(code=state["close_code"], message=b"Authentication failed.")
        return ws

    app = web.Application()
    app.add_routes([web.get("/api/v10/users/@me", me), web.get("/api/v10/gateway/bot", gateway_bot),
                    web.get("/api/v10/oauth2/applications/@me", application),
                    web.get("/gateway", gateway)])  # fmt: skip
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    state["port"] = runner.addresses[0][1]
    monkeypatch.setattr(discord.http.Route, "BASE", f"http://127.0.0.1:{state['port']}/api/v10")
    yield state
    await runner.cleanup()


async def test_discord_token_refused_while_running_stops_only_discord(
    core: Core,
    fake_api: FakeSlackAPI,
    fake_discord: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Gateway close 4004 (token reset): Discord stops with one line naming DISCORD_TOKEN;
    Slack keeps answering and /readyz shows Discord stopped."""
    port, health_port = free_port(), free_port()
    discord_settings = DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN})
    platforms = Platforms(slack=settings_for(fake_api, port=port), discord=discord_settings,
                          health_port=health_port, health_host="127.0.0.1")  # fmt: skip
    health, stop = Health(), asyncio.Event()
    task = asyncio.ensure_future(run_platforms(core, platforms, stop=stop, health=health))
    await _wait_for(lambda: health.platforms.get("discord", PlatformState("d")).state == STOPPED)
    assert fake_discord["identified"].is_set()
    answer = await _slash_command(port, fake_api)
    assert "Defend electoral processes" in json.dumps(answer)
    status, body = await _get(f"http://127.0.0.1:{health_port}/readyz")
    assert status == 503 and body["platforms"]["discord"]["state"] == "stopped"
    assert "DISCORD_TOKEN" in body["platforms"]["discord"]["detail"]
    stopped = [r.getMessage() for r in caplog.records if "discord stopped" in r.getMessage()]
    assert len(stopped) == 1 and "DISCORD_TOKEN" in stopped[0] and TOKEN not in caplog.text
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0


@pytest.mark.parametrize(
    ("code", "variable"), [(4011, "DISCORD_SHARD_COUNT"), (4014, "Privileged")]
)
async def test_other_refusing_close_codes(
    core: Core, fake_discord: dict[str, Any], code: int, variable: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    """Close codes 4010-4014 stop Discord; with no other platform, exit 2 and one line."""
    fake_discord["close_code"] = code
    discord_settings = DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN})
    code_ = await asyncio.wait_for(run_platforms(core, Platforms(discord=discord_settings)), 15)
    assert code_ == 2
    err = capsys.readouterr().err
    assert variable in err and err.count("\n") == 1 and "Traceback" not in err


async def test_health_port_alone_reports_ready() -> None:
    """The separate health server: /readyz is 200 only when every platform is connected."""
    health = Health()
    server = HealthServer(health, "127.0.0.1", 0)
    await server.open()
    try:
        url = f"http://127.0.0.1:{server.port}/readyz"
        health.platform("discord").set(CONNECTED)
        health.platform("slack")
        assert (await _get(url))[0] == 503
        health.platform("slack").set(CONNECTED)
        assert await _get(url) == (200, {"ready": True, "platforms": {
            "discord": {"state": "connected"}, "slack": {"state": "connected"}}})  # fmt: skip
    finally:
        await server.close()


@pytest.fixture
def proxy() -> Iterator[ForwardProxy]:
    """A local HTTP forward proxy recording what goes through it."""
    forward = ForwardProxy().start()
    yield forward
    forward.stop()


async def test_slack_start_goes_through_https_proxy(
    core: Core, fake_api: FakeSlackAPI, proxy: ForwardProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With HTTPS_PROXY set, Slack's Web API calls at start go through the proxy."""
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    service = SlackService(settings_for(fake_api), core)
    await service.open()
    await service.close()
    assert proxy.urls == [f"{fake_api.url}auth.test"]


async def test_discord_start_goes_through_discord_proxy(
    core: Core, fake_discord: dict[str, Any], proxy: ForwardProxy
) -> None:
    """With DISCORD_PROXY set, Discord's login goes through the proxy."""
    settings = DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN, "DISCORD_PROXY": proxy.url})
    task = asyncio.ensure_future(discord_start(settings, core))
    await _wait_for(lambda: any(u.endswith("/users/@me") for u in proxy.urls))
    task.cancel()
    # Bounded: once, under load, the cancelled client never finished closing (its gateway
    # connection through this proxy, which cannot carry a websocket, was being retried).
    await asyncio.wait({task}, timeout=10)
    with contextlib.suppress(asyncio.CancelledError, Exception):
        if task.done():
            task.result()
    assert proxy.urls[0] == f"http://127.0.0.1:{fake_discord['port']}/api/v10/users/@me"


async def test_revoked_app_token_stops_socket_mode_instead_of_reconnecting_forever(
    core: Core, fake_api: FakeSlackAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Socket Mode connected, then the app token is revoked and the socket drops: after the
    down limit the adapter restarts, Slack refuses the token, and Slack stops naming
    SLACK_APP_TOKEN (the process exits 2: no other platform)."""
    import adapters.slack.run as slack_run

    monkeypatch.setattr(slack_run, "SOCKET_CHECK_INTERVAL", 0.1)
    monkeypatch.setattr(slack_run, "SOCKET_DOWN_LIMIT", 0.5)
    drop = asyncio.Event()
    runner = await start_socket_server(fake_api, drop)
    health = Health()
    settings = settings_for(fake_api, app_token=APP_TOKEN, signing_secret=None)
    task = asyncio.ensure_future(run_platforms(core, Platforms(slack=settings), health=health))
    try:
        await _wait_for(lambda: health.platform("slack").state == CONNECTED)
        for _ in range(50):  # from now on Slack refuses the app token
            fake_api.script("apps.connections.open", 200, {"ok": False, "error": "token_revoked"})
        drop.set()
        assert await asyncio.wait_for(task, 30) == 2
        assert health.platforms["slack"].state == STOPPED
        assert "SLACK_APP_TOKEN" in health.platforms["slack"].detail
        assert "token_revoked" in health.platforms["slack"].detail
    finally:
        task.cancel()
        await runner.cleanup()


async def test_health_stays_on_the_slack_port_when_slack_is_refused(
    core: Core, fake_api: FakeSlackAPI
) -> None:
    """Slack over HTTP refused (invalid_auth) while Discord still tries: /readyz keeps answering
    on the Slack port, naming SLACK_BOT_TOKEN."""
    port = free_port()
    discord_settings = DiscordSettings.from_env(
        {"DISCORD_TOKEN": TOKEN, "DISCORD_PROXY": f"http://127.0.0.1:{free_port()}"}
    )
    slack = settings_for(fake_api, port=port, bot_token="xoxb-9999-revoked")
    health, stop = Health(), asyncio.Event()
    platforms = Platforms(slack=slack, discord=discord_settings)
    task = asyncio.ensure_future(run_platforms(core, platforms, stop=stop, health=health))
    await _wait_for(lambda: health.platform("slack").state == STOPPED)
    for _ in range(100):  # serve reopens the port just after Slack stops
        with contextlib.suppress(aiohttp.ClientConnectionError):
            status, body = await _get(f"http://127.0.0.1:{port}/readyz")
            break
        await asyncio.sleep(0.05)
    assert status == 503 and "SLACK_BOT_TOKEN" in body["platforms"]["slack"]["detail"]
    assert await _get(f"http://127.0.0.1:{port}/healthz") == (200, "ok")
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0
