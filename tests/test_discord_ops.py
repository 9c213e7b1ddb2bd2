"""Discord defects found running it as an operator would, through discord.py's own parsing."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest
from discord_fixtures import (
    BOT_ID,
    ROLE_ID,
    FakeHTTP,
    _Response,
    guild_create,
    make_client,
    message,
    settle,
    user,
)

from adapters.discord.client import NO_TEXT_HINT, PariscallClient
from adapters.discord.render import CONTENT_MAX
from bot.core import Core

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0"
BOT = user(BOT_ID, "pariscall", bot=True)
VIEW_AND_SEND = (1 << 10) | (1 << 11)  # View Channel, Send Messages: no Embed Links, no history


class RestrictedHTTP(FakeHTTP):
    """Discord's REST API for a bot without Read Message History or Embed Links: a reply is
    refused (error 160002) and embeds are silently dropped from what it posts."""

    async def request(self, route: discord.http.Route, **kwargs: Any) -> Any:
        body = kwargs.get("json") or {}
        if route.method == "POST" and route.path.endswith("/messages"):
            if body.get("message_reference"):
                self.calls.append((route.method, route.path, body))
                raise discord.Forbidden(
                    _Response(403, "Forbidden"),
                    {"code": 160002, "message": "Cannot reply without permission to read message history"},
                )  # fmt: skip
            kwargs["json"] = {**body, "embeds": []}  # Discord drops them without a word
        return await super().request(route, **kwargs)


@pytest.fixture
async def restricted(core: Core) -> AsyncIterator[tuple[PariscallClient, FakeHTTP]]:
    """A client in one server whose REST API behaves as for a bot without those permissions."""
    client, _ = await make_client(core)
    http = RestrictedHTTP()
    client.http.request = http.request  # type: ignore[method-assign]
    client._connection.parse_guild_create(guild_create())
    yield client, http
    await client.close()


async def deliver(client: PariscallClient, data: dict[str, Any]) -> None:
    client._connection.parse_message_create(data)
    await settle()


async def test_without_history_or_embeds_the_answer_still_arrives(restricted) -> None:
    """A refused reply falls back to a plain message; a dropped embed is replaced by text."""
    client, http = restricted
    await deliver(client, message(f"<@{BOT_ID}> principle 3", guild=True, mentions=[BOT]))
    posted = [body for method, path, body in http.calls if method == "POST"]
    assert posted[0].get("message_reference") and "message_reference" not in posted[1]
    edits = [body for method, path, body in http.calls if method == "PATCH"]
    assert len(edits) == 1 and "Defend electoral processes" in edits[0]["content"]
    assert len(edits[0]["content"]) <= CONTENT_MAX


async def test_known_permissions_choose_text_and_a_plain_send(core: Core) -> None:
    """When the bot's permissions are known, it sends text and no reply from the start."""
    client, http = await make_client(core)
    guild = guild_create()
    guild["roles"][0]["permissions"] = str(VIEW_AND_SEND)
    guild["members"] = [{"user": BOT, "roles": [], "joined_at": "2024-01-01T00:00:00+00:00",
                         "deaf": False, "mute": False, "flags": 0}]  # fmt: skip
    client._connection.parse_guild_create(guild)
    await deliver(client, message(f"<@{BOT_ID}> principle 3", guild=True, mentions=[BOT]))
    [sent] = http.sent
    assert "message_reference" not in sent and not sent.get("embeds")
    assert "Defend electoral processes" in sent["content"]
    await client.close()


async def test_role_mention_without_text_gets_a_hint(core: Core) -> None:
    """A mention of the bot's role arrives with no text: the user is told how to ask."""
    client, http = await make_client(core)
    client._connection.parse_guild_create(guild_create())
    await deliver(client, message("", guild=True, mention_roles=[ROLE_ID]))
    [sent] = http.sent
    assert sent["content"] == NO_TEXT_HINT["en"]
    assert sent["allowed_mentions"]["parse"] == []
    await client.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_sigterm_stops_pariscall_discord(tmp_path: Path) -> None:
    """`pariscall discord` exits 0 soon after SIGTERM (docker stop, systemd), here while it
    retries a Discord it cannot reach (through a proxy that refuses connections)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(DISCORD_TOKEN=TOKEN, DISCORD_PROXY=f"http://127.0.0.1:{_free_port()}",
               PARISCALL_CACHE_DIR=str(tmp_path), PYTHONPATH=str(ROOT))  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "adapters.cli", "discord"], cwd=tmp_path,
                            env=env, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    assert proc.stderr is not None
    deadline = time.monotonic() + 30
    seen = ""
    while "restarting" not in seen and time.monotonic() < deadline:
        seen += proc.stderr.readline()
    assert "discord failed" in seen and TOKEN not in seen
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    _, rest = proc.communicate(timeout=20)
    assert proc.returncode == 0 and time.monotonic() - started < 10
    assert "Traceback" not in seen + rest
