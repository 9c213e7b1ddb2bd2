"""Test doubles and helpers for the Slack tests; nothing here mocks our code or the core.

- `FakeSlackAPI`: Slack's Web API and a response_url endpoint on 127.0.0.1, recording every call,
  modelled on bolt-python's tests/mock_web_api_server. It knows several workspaces' bot tokens
  (`Workspace`) and answers OAuth's `oauth.v2.access` (code `code-<TEAM>` installs TEAM). A
  stdlib server in a thread, so it serves async tests and `asyncio.run` alike, with scripted
  failures (`script`) and delays (`delays`).
- Payload builders shaped as Slack sends them (Slack's docs, bolt-python's scenario tests), and
  `sign`, which signs a body as Slack does.
- `SlackHarness`: sends signed requests to the running adapter and waits for its replies.
- Block Kit checks: slack_sdk's own validation plus the limits it does not check.

The pytest fixtures using these are in tests/slack_fixtures.py.
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import threading
import time
from dataclasses import dataclass, field
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import count
from typing import Any
from urllib.parse import parse_qsl, urlencode

import aiohttp
from aiohttp import web
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View
from slack_sdk.signature import SignatureVerifier

from adapters.slack.app import SlackBot
from adapters.slack.run import SlackService
from adapters.slack.settings import SlackSettings

BOT_TOKEN = "xoxb-1111-2222-test"
APP_TOKEN = "xapp-1-A111-2222-test"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T111"


@dataclass(frozen=True)
class Workspace:
    """A workspace the fake knows, with its bot's token and ids."""

    team_id: str
    bot_token: str
    bot_user_id: str
    bot_id: str


DEFAULT_WORKSPACE = Workspace(TEAM_ID, BOT_TOKEN, BOT_USER_ID, BOT_ID)
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "client-secret-for-tests"


def workspace(team_id: str) -> Workspace:
    """A second (third, ...) workspace, its token and ids derived from its team id."""
    return Workspace(team_id, f"xoxb-{team_id}-bot", f"U{team_id}BOT", f"B{team_id}BOT")


@dataclass
class Call:
    """One request the fake received."""

    path: str
    body: dict[str, Any]
    headers: dict[str, str]

    @property
    def method(self) -> str:
        return self.path.removeprefix("/api/").lstrip("/")


@dataclass
class Scripted:
    status: int
    body: dict[str, Any] | str
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlackAPI:
    """Slack's Web API at `url` (…/api/) and a response_url at `response_url(n)`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.scripts: dict[str, list[Scripted]] = {}
        self.delays: dict[str, float] = {}
        self.wss_url = "ws://127.0.0.1:9/link"
        self.workspaces: dict[str, Workspace] = {BOT_TOKEN: DEFAULT_WORKSPACE}
        # Token rotation: oauth.v2.access returns tokens expiring in this many seconds.
        self.token_expires_in: int | None = None
        self._lock = threading.Lock()
        self._stopped = False
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "1") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def start(self) -> FakeSlackAPI:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (idempotent): afterwards connections are refused, as when Slack is down."""
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    # -- scripting and inspection ----------------------------------------------------------------

    def script(self, method: str, status: int, body: dict[str, Any] | str, **headers: str) -> None:
        """Answer the next call to `method` (e.g. "chat.postMessage", "response") this way."""
        self.scripts.setdefault(method, []).append(Scripted(status, body, headers))

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method or c.path.startswith(f"/{method}")]

    def posts(self) -> list[Call]:
        """chat.postMessage calls."""
        return self.calls_to("chat.postMessage")

    def responses(self) -> list[Call]:
        """response_url posts."""
        return self.calls_to("response")

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()

    # -- serving -------------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length).decode("utf-8") if length else ""
        content_type = request.headers.get("Content-Type", "")
        body = json.loads(raw) if raw and "json" in content_type else dict(parse_qsl(raw))
        call = Call(request.path, body, {k.lower(): v for k, v in request.headers.items()})
        with self._lock:
            self.calls.append(call)
        key = "response" if request.path.startswith("/response/") else call.method
        delay = self.delays.get(key, 0.0)
        if delay:
            time.sleep(delay)
        scripted = None
        with self._lock:
            if self.scripts.get(key):
                scripted = self.scripts[key].pop(0)
        if scripted is None:
            scripted = self._answer(key, call)
        payload = scripted.body if isinstance(scripted.body, str) else json.dumps(scripted.body)
        data = payload.encode("utf-8")
        request.send_response(scripted.status)
        is_json = not isinstance(scripted.body, str)
        request.send_header("Content-Type", "application/json" if is_json else "text/plain")
        request.send_header("Content-Length", str(len(data)))
        for name, value in scripted.headers.items():
            request.send_header(name.replace("_", "-"), value)
        request.end_headers()
        request.wfile.write(data)

    def _answer(self, key: str, call: Call) -> Scripted:
        auth = call.headers.get("authorization", "")
        if key == "response":
            return Scripted(200, "ok")
        if key == "apps.connections.open":
            if auth != f"Bearer {APP_TOKEN}":
                return Scripted(200, {"ok": False, "error": "invalid_auth"})
            return Scripted(200, {"ok": True, "url": self.wss_url})
        if key == "oauth.v2.access":
            return self._oauth(call)
        ws = self.workspaces.get(auth.removeprefix("Bearer "))
        if ws is None:
            return Scripted(200, {"ok": False, "error": "invalid_auth"})
        if key == "auth.test":
            return Scripted(
                200,
                {
                    "ok": True,
                    "url": f"https://{ws.team_id.lower()}.slack.com/",
                    "team": ws.team_id,
                    "user": "pariscall",
                    "team_id": ws.team_id,
                    "user_id": ws.bot_user_id,
                    "bot_id": ws.bot_id,
                    "is_enterprise_install": False,
                },
            )
        if key == "chat.postMessage":
            channel = call.body.get("channel", "")
            message = {"text": call.body.get("text", ""), "ts": "1700000000.000200"}
            return Scripted(
                200, {"ok": True, "channel": channel, "ts": message["ts"], "message": message}
            )
        if key == "views.publish":
            return Scripted(200, {"ok": True, "view": {"id": "V1", **call.body.get("view", {})}})
        return Scripted(200, {"ok": True})

    def _oauth(self, call: Call) -> Scripted:
        """oauth.v2.access: code `code-<TEAM>` installs the app in TEAM (a new bot token)."""
        basic = call.headers.get("authorization", "").removeprefix("Basic ")
        expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if basic != expected:
            return Scripted(200, {"ok": False, "error": "invalid_client_id"})
        code = call.body.get("code", "")
        refresh = call.body.get("refresh_token", "")
        if refresh.startswith("xoxe-1-"):  # token rotation: a fresh bot token for that team
            team = refresh.removeprefix("xoxe-1-")
            old = workspace(team)
            ws = Workspace(team, f"{old.bot_token}-refreshed", old.bot_user_id, old.bot_id)
        elif code.startswith("code-"):
            ws = workspace(code.removeprefix("code-"))
        else:
            return Scripted(200, {"ok": False, "error": "invalid_code"})
        self.workspaces[ws.bot_token] = ws
        body: dict[str, Any] = {
            "ok": True,
            "app_id": "A0PARISCALL",
            "authed_user": {"id": f"U{ws.team_id}ADMIN"},
            "scope": "app_mentions:read,chat:write,commands,im:history",
            "token_type": "bot",
            "access_token": ws.bot_token,
            "bot_user_id": ws.bot_user_id,
            "team": {"id": ws.team_id, "name": ws.team_id},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if self.token_expires_in is not None:
            body.update(
                {"refresh_token": f"xoxe-1-{ws.team_id}", "expires_in": self.token_expires_in}
            )
        return Scripted(200, body)


# -- settings, signing and payloads -------------------------------------------------------------

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
USER = "U0ASKER"
CHANNEL = "C0GENERAL"
DM = "D0DIRECT"
_ids = count(1)


def settings_for(fake: FakeSlackAPI, **changes: Any) -> SlackSettings:
    values: dict[str, Any] = {
        "bot_token": BOT_TOKEN,
        "signing_secret": SECRET,
        "host": "127.0.0.1",
        "port": 0,
        "api_url": fake.url,
        "lang": "en",
    }
    values.update(changes)
    return SlackSettings(**values)


def sign(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """The two headers Slack adds to every HTTP request."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature}


# -- payloads as Slack sends them --------------------------------------------------------------


def command_payload(
    text: str, response_url: str, channel: str = CHANNEL, team_id: str = TEAM_ID
) -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "team_domain": "pariscall-test",
        "channel_id": channel,
        "channel_name": "general",
        "user_id": USER,
        "user_name": "ana",
        "command": "/pariscall",
        "text": text,
        "api_app_id": "A0PARISCALL",
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": "13345224609.738474920.8088930838d88f008e0",
    }


def event_payload(
    event: dict[str, Any], event_id: str | None = None, ws: Workspace = DEFAULT_WORKSPACE
) -> dict[str, Any]:
    return {
        "token": "legacy-verification-token",
        "team_id": ws.team_id,
        "api_app_id": "A0PARISCALL",
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": ws.team_id,
                "user_id": ws.bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def mention_event(text: str, thread_ts: str | None = None, **extra: Any) -> dict[str, Any]:
    event = {
        "client_msg_id": "c1",
        "type": "app_mention",
        "text": text,
        "user": USER,
        "ts": "1700000100.000100",
        "team": TEAM_ID,
        "channel": CHANNEL,
        "event_ts": "1700000100.000100",
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    event.update(extra)
    return event


def dm_event(text: str, **extra: Any) -> dict[str, Any]:
    event = {
        "client_msg_id": "c2",
        "type": "message",
        "text": text,
        "user": USER,
        "ts": "1700000200.000100",
        "team": TEAM_ID,
        "channel": DM,
        "event_ts": "1700000200.000100",
        "channel_type": "im",
    }
    event.update(extra)
    return event


def home_event(tab: str = "home") -> dict[str, Any]:
    return {"type": "app_home_opened", "user": USER, "channel": DM, "tab": tab, "event_ts": "1.2"}


def action_payload(
    action_id: str,
    value: str | None,
    response_url: str | None,
    *,
    ephemeral: bool = True,
    channel: str = CHANNEL,
    where: str = "message",
    thread_ts: str | None = None,
) -> dict[str, Any]:
    action: dict[str, Any] = {
        "action_id": action_id,
        "block_id": "b1",
        "text": {"type": "plain_text", "text": "button", "emoji": True},
        "type": "button",
        "action_ts": "1700000300.000100",
    }
    if value is not None:
        action["value"] = value
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": USER, "username": "ana", "name": "ana", "team_id": TEAM_ID},
        "api_app_id": "A0PARISCALL",
        "token": "legacy-verification-token",
        "trigger_id": "1.2.3",
        "team": {"id": TEAM_ID, "domain": "pariscall-test"},
        "enterprise": None,
        "is_enterprise_install": False,
        "state": {"values": {}},
        "actions": [action],
    }
    if where == "home":
        payload["container"] = {"type": "view", "view_id": "V1"}
        payload["view"] = {"id": "V1", "type": "home", "blocks": []}
        return payload
    payload["container"] = {
        "type": "message",
        "message_ts": "1700000250.000100",
        "channel_id": channel,
        "is_ephemeral": ephemeral,
    }
    payload["channel"] = {"id": channel, "name": "general"}
    payload["response_url"] = response_url
    if not ephemeral:
        message: dict[str, Any] = {"type": "message", "ts": "1700000250.000100", "text": "x"}
        if thread_ts:
            message["thread_ts"] = thread_ts
        payload["message"] = message
    return payload


# -- the harness -------------------------------------------------------------------------------


class SlackHarness:
    """Sends signed requests to the running adapter and waits for its background work."""

    def __init__(self, service: SlackService, fake: FakeSlackAPI, http: aiohttp.ClientSession):
        self.service = service
        self.fake = fake
        self.http = http
        assert service.port is not None
        self.url = f"http://127.0.0.1:{service.port}/slack/events"
        self.expect_errors = False

    @property
    def bot(self) -> SlackBot:
        assert self.service.bot is not None
        return self.service.bot

    async def post(
        self, body: str, content_type: str, headers: dict[str, str] | None = None, **sign_kw: Any
    ) -> tuple[int, str]:
        """POST a raw body to /slack/events, signed unless `headers` are given; then wait."""
        all_headers = {"Content-Type": content_type}
        all_headers.update(sign(body, **sign_kw) if headers is None else headers)
        async with self.http.post(self.url, data=body.encode(), headers=all_headers) as resp:
            text = await resp.text()
        await self.bot.drain()
        return resp.status, text

    async def command(self, text: str, **kw: Any) -> tuple[int, str]:
        body = urlencode(command_payload(text, self.fake.response_url(), **kw))
        return await self.post(body, "application/x-www-form-urlencoded")

    async def ask(self, text: str) -> dict[str, Any]:
        """/pariscall `text`: the answer Slack shows, which is the ack's JSON body."""
        status, body = await self.command(text)
        assert status == 200, body
        answer: dict[str, Any] = json.loads(body)
        return answer

    async def event(
        self,
        event: dict[str, Any],
        event_id: str | None = None,
        retry: int | None = None,
        ws: Workspace = DEFAULT_WORKSPACE,
    ) -> tuple[int, str]:
        body = json.dumps(event_payload(event, event_id, ws))
        extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        headers = {**sign(body), **extra} if retry else None
        return await self.post(body, "application/json", headers)

    async def action(self, action_id: str, value: str | None, **kw: Any) -> tuple[int, str]:
        payload = action_payload(action_id, value, self.fake.response_url("action"), **kw)
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def socket(self, body: dict[str, Any]) -> BoltResponse:
        """Dispatch a Socket Mode envelope's payload, as AsyncSocketModeHandler does."""
        assert self.service.app is not None
        response = await self.service.app.async_dispatch(
            AsyncBoltRequest(mode="socket_mode", body=body)
        )
        await self.bot.drain()
        return response


# -- Block Kit checks (slack_sdk validates what it models; the rest is asserted here) ---------

MENTION_OR_BROADCAST = re.compile(r"<[!@#]|@(?:channel|here|everyone)\b", re.I)


def check_blocks(blocks: list[dict[str, Any]], max_blocks: int) -> None:
    """Every block parses and validates with slack_sdk, and Slack's limits hold."""
    assert 1 <= len(blocks) <= max_blocks
    for block in blocks:
        parsed = Block.parse(block)
        assert parsed is not None, block
        assert parsed.to_dict() == block  # validates: raises SlackObjectFormationError
        kind = block["type"]
        if kind == "header":
            assert len(block["text"]["text"]) <= 150
        elif kind == "section":
            assert "text" in block or "fields" in block
            if "text" in block:
                assert 1 <= len(block["text"]["text"]) <= 3000
            assert len(block.get("fields", [])) <= 10
            assert all(len(f["text"]) <= 2000 for f in block.get("fields", []))
        elif kind == "context":
            assert 1 <= len(block["elements"]) <= 10
            assert all(len(e["text"]) <= 3000 for e in block["elements"])
        elif kind == "actions":
            assert 1 <= len(block["elements"]) <= 25
            ids = [e["action_id"] for e in block["elements"]]
            assert len(ids) == len(set(ids))
            for e in block["elements"]:
                assert e["type"] == "button"
                assert len(e["text"]["text"]) <= 75
                assert len(e["action_id"]) <= 255
                assert len(e.get("value", "")) <= 2000
                assert len(e.get("url", "")) <= 3000
        else:
            raise AssertionError(f"unexpected block type {kind}")


def check_message(payload: dict[str, Any]) -> None:
    """A message payload (chat.postMessage or response_url) within every Block Kit limit."""
    assert payload["text"].strip(), "a plain text fallback is always sent"
    assert len(payload["text"]) <= 3000
    check_blocks(payload["blocks"], 50)
    assert len(json.dumps(payload["blocks"], ensure_ascii=False)) <= 12_000


def check_view(view: dict[str, Any]) -> None:
    """An App Home view: slack_sdk's View validation plus the per-block checks."""
    assert view["type"] == "home"
    View(**view).to_dict()  # raises on more than 100 blocks
    check_blocks(view["blocks"], 100)


def shown_text(payload: dict[str, Any]) -> str:
    """Every string Slack will display or parse in a payload, including our own links."""
    out: list[str] = []

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("text", "title"):
            out.append(node)

    walk(payload)
    return "\n".join(out)


def assert_no_pings(payload: dict[str, Any]) -> None:
    """No mention, broadcast or channel link survives anywhere in what Slack will render."""
    text = shown_text(payload)
    assert not MENTION_OR_BROADCAST.search(text.replace("@\u2060", "@-")), text
    # The only raw "<" we emit opens one of our own https links.
    assert all(part.startswith("http") for part in text.split("<")[1:]), text


# -- a forward proxy -----------------------------------------------------------------------------


class ForwardProxy:
    """A plain HTTP forward proxy on 127.0.0.1 that records the absolute URLs it forwards."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                import urllib.error
                import urllib.request

                proxy.urls.append(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "proxy-connection", "connection")}  # fmt: skip
                request = urllib.request.Request(self.path, data=body, headers=headers,
                                                 method=self.command)  # fmt: skip
                opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
                try:
                    response = opener.open(request, timeout=10)
                    status, data, rheaders = response.status, response.read(), response.headers
                except urllib.error.HTTPError as e:
                    status, data, rheaders = e.code, e.read(), e.headers
                except (urllib.error.URLError, OSError) as e:
                    # What it cannot forward (a websocket's ws:// URL, a reset): 502, as a real
                    # proxy answers, rather than a dropped connection the client must time out.
                    status, data, rheaders = 502, str(e).encode(), Message()
                self.send_response(status)
                for name in ("Content-Type",):
                    if rheaders.get(name):
                        self.send_header(name, rheaders[name])
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _forward

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> ForwardProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


async def start_socket_server(
    fake: FakeSlackAPI, drop: asyncio.Event | None = None
) -> web.AppRunner:
    """Slack's Socket Mode endpoint on 127.0.0.1 (and `fake` pointing at it): says hello, then
    holds the connection until the client leaves or `drop` is set. Clean up with `.cleanup()`."""

    async def link(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        if drop is not None:
            await drop.wait()
            await ws.close()
        async for _ in ws:
            pass
        return ws

    app = web.Application()
    app.add_routes([web.get("/link", link)])
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    fake.wss_url = f"ws://127.0.0.1:{runner.addresses[0][1]}/link"
    return runner
