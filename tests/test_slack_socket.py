"""Socket Mode: the same listeners fed Socket Mode requests, and one real WebSocket round trip."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator

import pytest
from aiohttp import WSMsgType, web

from adapters.slack.render import SHARE, encode_value
from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    DM,
    FakeSlackAPI,
    SlackHarness,
    action_payload,
    check_message,
    command_payload,
    dm_event,
    event_payload,
    home_event,
    mention_event,
    settings_for,
)

# The `fake_api` and `slack` fixtures (tests/conftest.py is shared, so ours live apart).
pytest_plugins = ["tests.slack_fixtures"]


async def test_socket_command(slack: SlackHarness) -> None:
    """A slash command over Socket Mode: no signature needed, answered in the ack as over HTTP."""
    response = await slack.socket(command_payload("principle 3", slack.fake.response_url()))
    assert response.status == 200
    answer = json.loads(response.body)
    assert answer["response_type"] == "ephemeral"
    check_message(answer)
    assert "Defend electoral processes" in answer["blocks"][0]["text"]["text"]


async def test_socket_mention_dm_and_home(slack: SlackHarness) -> None:
    """Mention, DM and App Home events over Socket Mode reach the same listeners."""
    await slack.socket(event_payload(mention_event(f"<@{BOT_USER_ID}> principle 3")))
    await slack.socket(event_payload(dm_event("principle 4")))
    await slack.socket(event_payload(home_event()))
    mention, dm = slack.fake.posts()
    assert mention.body["thread_ts"] == "1700000100.000100"
    assert dm.body["channel"] == DM
    assert dm.body["blocks"][0]["text"]["text"].startswith("Principle 4")
    assert len(slack.fake.calls_to("views.publish")) == 1


async def test_socket_share_button(slack: SlackHarness) -> None:
    """A button click over Socket Mode shares the answer."""
    payload = action_payload(SHARE, encode_value("principle 3", "en"), slack.fake.response_url())
    await slack.socket(payload)
    shared, delete = slack.fake.responses()
    assert shared.body["response_type"] == "in_channel"
    assert delete.body == {"delete_original": True}


async def test_socket_retried_event_answered_once(slack: SlackHarness) -> None:
    """A redelivered Socket Mode event (same event_id) is not answered twice."""
    body = event_payload(dm_event("principle 3"), event_id="Ev0SOCKET")
    await slack.socket(body)
    await slack.socket(body)
    assert len(slack.fake.posts()) == 1


@pytest.fixture
async def socket_server(fake_api: FakeSlackAPI) -> AsyncIterator[dict]:
    """A stand-in for Slack's Socket Mode endpoint: says hello, sends one envelope, records acks."""
    state: dict = {"acks": [], "acked": asyncio.Event(), "envelope": None}

    async def link(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        await ws.send_str(json.dumps(state["envelope"]))
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                state["acks"].append(json.loads(message.data))
                state["acked"].set()
        return ws

    app = web.Application()
    app.add_routes([web.get("/link", link)])
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    fake_api.wss_url = f"ws://127.0.0.1:{runner.addresses[0][1]}/link"
    yield state
    await runner.cleanup()


async def test_socket_mode_round_trip(
    core: Core,
    fake_api: FakeSlackAPI,
    socket_server: dict,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """SlackService in Socket Mode: one apps.connections.open; the ack carries the answer."""
    socket_server["envelope"] = {
        "envelope_id": "57d6a792-4d35-4d0b-b6aa-3361493e1caf",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": command_payload("principle 3", fake_api.response_url()),
    }
    service = SlackService(settings_for(fake_api, app_token=APP_TOKEN, signing_secret=None), core)
    with caplog.at_level(logging.DEBUG):
        await service.open()
        try:
            await asyncio.wait_for(socket_server["acked"].wait(), timeout=5)
        finally:
            await service.close()
    assert APP_TOKEN not in caplog.text and BOT_TOKEN not in caplog.text
    [ack] = socket_server["acks"]
    assert ack["envelope_id"] == "57d6a792-4d35-4d0b-b6aa-3361493e1caf"
    assert len(fake_api.calls_to("apps.connections.open")) == 1
    assert fake_api.calls_to("apps.connections.open")[0].headers["authorization"] == (
        f"Bearer {APP_TOKEN}"
    )
    check_message(ack["payload"])
    assert "Defend electoral processes" in ack["payload"]["blocks"][0]["text"]["text"]
    assert fake_api.responses() == []
