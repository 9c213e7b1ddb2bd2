"""Helpers for the Discord tests: real discord.py fed with payloads shaped as Discord sends them.

Responses are captured at discord.py's own seams, never by mocking the adapter or the core:
interaction responses through the webhook adapter (`discord.webhook.async_.async_context`),
REST calls through `client.http.request`. Private discord.py APIs used here are pinned by the
guard test in tests/test_discord_commands.py (discord.py 2.7).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import re
from collections.abc import Iterator
from typing import Any

import discord
from discord.webhook.async_ import async_context

from adapters.discord.client import PariscallClient
from adapters.discord.render import (
    BUTTONS_PER_ROW,
    CONTENT_MAX,
    CUSTOM_ID_MAX,
    DESCRIPTION_MAX,
    EMBED_TOTAL_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    FOOTER_MAX,
    LABEL_MAX,
    ROWS_MAX,
    TITLE_MAX,
)
from bot.core import Core

APP_ID = 1111111111111111111
BOT_ID = 2222222222222222222
GUILD_ID = 3333333333333333333
CHANNEL_ID = 4444444444444444444
USER_ID = 5555555555555555555
ROLE_ID = 6666666666666666666  # the bot's managed role
OTHER_ROLE_ID = 7777777777777777777
DM_CHANNEL_ID = 8888888888888888888
OTHER_BOT_ID = 9999999999999999999

_ids = itertools.count(1_000_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_ids))


def user(user_id: int = USER_ID, name: str = "ada", *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": None,
        "bot": bot,
    }


# --- interactions --------------------------------------------------------------------------


class Recorder:
    """Stands in for discord.py's webhook adapter: records interaction responses and follow-ups."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []

    @property
    def payloads(self) -> list[dict[str, Any]]:
        return [payload for _, payload in self.calls]

    async def create_interaction_response(
        self, interaction_id: int, token: str, *, session: Any, params: Any, **_: Any
    ) -> dict[str, Any]:
        self.calls.append(("callback", params.payload))
        return {"interaction": {"id": str(interaction_id), "type": params.payload["type"]}}

    async def execute_webhook(
        self, webhook_id: int, token: str, *, session: Any, payload: Any = None, **_: Any
    ) -> dict[str, Any]:
        self.calls.append(("followup", payload))
        return message(payload.get("content") or "", author=user(BOT_ID, "pariscall", bot=True))

    async def edit_original_interaction_response(
        self, application_id: int, token: str, *, session: Any, payload: Any = None, **_: Any
    ) -> dict[str, Any]:
        self.calls.append(("edit", payload))
        return message(payload.get("content") or "", author=user(BOT_ID, "pariscall", bot=True))


@contextlib.contextmanager
def recording() -> Iterator[Recorder]:
    """Capture every interaction response sent inside the block."""
    recorder = Recorder()
    token = async_context.set(recorder)  # type: ignore[arg-type]
    try:
        yield recorder
    finally:
        async_context.reset(token)


def option(name: str, value: Any, *, focused: bool = False) -> dict[str, Any]:
    kind = 4 if isinstance(value, int) else 3
    data: dict[str, Any] = {"type": kind, "name": name, "value": value}
    if focused:
        data["focused"] = True
    return data


def command_interaction(
    client: discord.Client,
    sub: str,
    options: dict[str, Any] | None = None,
    *,
    locale: str = "en-US",
    autocomplete: str | None = None,
    guild: bool = True,
) -> discord.Interaction:
    """`/pariscall <sub> <options>` as Discord sends it (type 2, or 4 with `autocomplete` focused)."""
    opts = [option(k, v, focused=k == autocomplete) for k, v in (options or {}).items()]
    data = {
        "id": snowflake(),
        "application_id": str(APP_ID),
        "token": "interaction-token",
        "version": 1,
        "type": 4 if autocomplete else 2,
        "locale": locale,
        "attachment_size_limit": 10 * 1024 * 1024,  # required since discord.py 2.6
        "app_permissions": "0",
        "data": {
            "id": snowflake(),
            "type": 1,
            "name": "pariscall",
            "options": [{"type": 1, "name": sub, "options": opts}],
        },
        **_where(guild),
    }
    return discord.Interaction(data=data, state=client._connection)  # type: ignore[arg-type]


def _where(guild: bool) -> dict[str, Any]:
    if guild:
        return {
            "guild_id": str(GUILD_ID),
            "guild_locale": "en-US",
            "channel_id": str(CHANNEL_ID),
            "channel": {
                "id": str(CHANNEL_ID),
                "type": 0,
                "name": "general",
                "position": 0,
                "guild_id": str(GUILD_ID),
            },
            "member": {
                "user": user(),
                "roles": [],
                "joined_at": "2024-01-01T00:00:00+00:00",
                "deaf": False,
                "mute": False,
                "permissions": "0",
                "flags": 0,
            },
        }
    return {
        "channel_id": str(DM_CHANNEL_ID),
        "channel": {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [user()]},
        "user": user(),
    }


def click_payload(
    custom_id: str,
    components: list[dict[str, Any]],
    *,
    ephemeral: bool = False,
    locale: str = "en-US",
) -> dict[str, Any]:
    """A button click (type 3) on a message of the bot carrying `components`."""
    msg = message("", author=user(BOT_ID, "pariscall", bot=True), flags=64 if ephemeral else 0)
    msg["components"] = components
    return {
        "id": snowflake(),
        "application_id": str(APP_ID),
        "token": "interaction-token",
        "version": 1,
        "type": 3,
        "locale": locale,
        "attachment_size_limit": 10 * 1024 * 1024,
        "data": {"custom_id": custom_id, "component_type": 2},
        "message": msg,
        **_where(True),
    }


# --- messages ------------------------------------------------------------------------------


def message(
    content: str,
    *,
    author: dict[str, Any] | None = None,
    channel_id: int = CHANNEL_ID,
    guild: bool = False,
    mentions: list[dict[str, Any]] | None = None,
    mention_roles: list[int] | None = None,
    flags: int = 0,
) -> dict[str, Any]:
    """A MESSAGE_CREATE payload (a DM unless `guild`)."""
    data: dict[str, Any] = {
        "id": snowflake(),
        "channel_id": str(channel_id),
        "author": author or user(),
        "content": content,
        "timestamp": "2025-12-25T12:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": mentions or [],
        "mention_roles": [str(r) for r in mention_roles or []],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "type": 0,
        "flags": flags,
    }
    if guild:
        data["guild_id"] = str(GUILD_ID)
        data["member"] = {
            "roles": [],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
        }
    return data


def guild_create() -> dict[str, Any]:
    """GUILD_CREATE for a server with one text channel and the bot's managed role."""
    everyone = {"id": str(GUILD_ID), "name": "@everyone", "permissions": "0", "position": 0}
    bot_role = {
        "id": str(ROLE_ID),
        "name": "pariscall",
        "permissions": "0",
        "position": 1,
        "managed": True,
        "tags": {"bot_id": str(BOT_ID)},
    }
    other = {"id": str(OTHER_ROLE_ID), "name": "mods", "permissions": "0", "position": 2}
    return {
        "id": str(GUILD_ID),
        "name": "Test server",
        "owner_id": str(USER_ID),
        "preferred_locale": "en-US",
        "roles": [everyone, bot_role, other],
        "emojis": [],
        "stickers": [],
        "features": [],
        "member_count": 2,
        "members": [],
        "channels": [{"id": str(CHANNEL_ID), "type": 0, "name": "general", "position": 0}],
        "threads": [],
        "unavailable": False,
    }


class FakeHTTP:
    """Replaces `client.http.request`: records REST calls and answers as Discord would.

    Posting in `forbidden` channels fails with 403 Missing Permissions.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, Any]] = []
        self.sent: list[dict[str, Any]] = []  # the JSON of every message Discord accepted
        self.forbidden: set[int] = set()

    async def request(self, route: discord.http.Route, **kwargs: Any) -> Any:
        body = kwargs.get("json")
        self.calls.append((route.method, route.path, body))
        channel_id = route.channel_id
        if route.path.endswith("/messages") and route.method == "POST":
            if channel_id in self.forbidden:
                raise discord.Forbidden(
                    _Response(403, "Forbidden"), {"code": 50013, "message": "Missing Permissions"}
                )
            self.sent.append(body)
            reply = message(
                body.get("content") or "",
                author=user(BOT_ID, "pariscall", bot=True),
                channel_id=channel_id,
            )
            reply["embeds"] = body.get("embeds", [])
            return reply
        if route.path.endswith("/commands") and route.method == "PUT":
            return [dict(c, id=snowflake(), application_id=str(APP_ID), version="1") for c in body]
        return {}


class _Response:
    """Enough of an aiohttp response for discord.py's HTTPException."""

    def __init__(self, status: int, reason: str) -> None:
        self.status = status
        self.reason = reason


async def make_client(core: Core) -> tuple[PariscallClient, FakeHTTP]:
    """A client as after login and setup_hook (translator, buttons), without a connection."""
    client = PariscallClient(core)
    await client._async_setup_hook()
    client._connection.user = discord.ClientUser(
        state=client._connection, data=user(BOT_ID, "pariscall", bot=True)
    )
    client._connection.application_id = APP_ID
    fake = FakeHTTP()
    client.http.request = fake.request  # type: ignore[method-assign]
    await client.setup_hook()
    return client, fake


async def settle(timeout: float = 5.0) -> None:
    """Wait for the event handlers and button callbacks discord.py scheduled as tasks."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await asyncio.sleep(0)
        pending = [
            t
            for t in asyncio.all_tasks()
            if t is not asyncio.current_task()
            and t.get_name().startswith(("discord.py:", "discord-ui-dynamic-item"))
            and not t.done()
        ]
        if not pending:
            return
        await asyncio.wait(pending, timeout=deadline - loop.time())


# --- Discord's rules -----------------------------------------------------------------------


def pings_no_one(allowed_mentions: dict[str, Any] | None) -> bool:
    """True for `AllowedMentions.none()` as sent: ``{"parse": []}``, perhaps ``replied_user: False``."""
    am = allowed_mentions or {}
    return (
        am.get("parse") == []
        and not am.get("users")
        and not am.get("roles")
        and not am.get("replied_user")
    )


def message_problems(data: dict[str, Any]) -> list[str]:
    """Everything in a message payload (`content`, `embeds`, `components`) over Discord's limits."""
    problems = []
    if len((data.get("content") or "").strip()) > CONTENT_MAX:
        problems.append("content over 2000")
    embeds = data.get("embeds") or []
    if len(embeds) > 10:
        problems.append("more than 10 embeds")
    total = 0
    for e in embeds:
        title, desc = e.get("title") or "", e.get("description") or ""
        footer = (e.get("footer") or {}).get("text") or ""
        fields = e.get("fields") or []
        checks = [
            (len(title) <= TITLE_MAX, "title"),
            (len(desc) <= DESCRIPTION_MAX, "description"),
            (len(footer) <= FOOTER_MAX, "footer"),
            (len(fields) <= FIELDS_MAX, "field count"),
        ]
        for f in fields:
            checks.append(
                (0 < len(f["name"].strip()) <= FIELD_NAME_MAX, f"field name {f['name']!r}")
            )
            checks.append(
                (0 < len(f["value"].strip()) <= FIELD_VALUE_MAX, f"field value of {f['name']!r}")
            )
        problems += [f"embed {what}" for ok, what in checks if not ok]
        total += (
            len(title)
            + len(desc)
            + len(footer)
            + sum(len(f["name"]) + len(f["value"]) for f in fields)
        )
    if total > EMBED_TOTAL_MAX:
        problems.append(f"embeds total {total} over 6000")
    rows = data.get("components") or []
    if len(rows) > ROWS_MAX:
        problems.append("more than 5 rows")
    ids = []
    for row in rows:
        buttons = row.get("components", [])
        if len(buttons) > BUTTONS_PER_ROW:
            problems.append("more than 5 buttons in a row")
        for b in buttons:
            if not 0 < len(b.get("label", "")) <= LABEL_MAX:
                problems.append(f"label {b.get('label')!r}")
            if "custom_id" in b:
                ids.append(b["custom_id"])
                if not (
                    b["custom_id"].startswith("pariscall:") and len(b["custom_id"]) <= CUSTOM_ID_MAX
                ):
                    problems.append(f"custom_id {b['custom_id']!r}")
            elif not (
                b.get("style") == 5
                and re.match(r"https?://", b.get("url", ""))
                and len(b["url"]) <= 512
            ):
                problems.append(f"button without custom_id or valid url: {b}")
    if len(ids) != len(set(ids)):
        problems.append("duplicate custom ids")
    return problems


# Discord: ^[-_'\p{L}\p{N}...]{1,32}$; Python's \w is letters, digits and _ (no apostrophe:
# discord.py 2.7 rejects it).
NAME = re.compile(r"^[-_\w]{1,32}$")


def command_problems(payload: list[dict[str, Any]]) -> list[str]:
    """Discord's rules for command payloads that discord.py does not check before `sync`."""
    problems = []
    for command in payload:
        size = 0

        def walk(item: dict[str, Any], where: str) -> None:
            nonlocal size
            names = [item["name"], *item.get("name_localizations", {}).values()]
            descs = [
                item.get("description", ""),
                *item.get("description_localizations", {}).values(),
            ]
            for name in names:
                if not NAME.match(name) or name != name.lower() or "'" in name:
                    problems.append(f"{where}: bad name {name!r}")
            for desc in descs:
                if not 1 <= len(desc) <= 100 or desc == "…":
                    problems.append(f"{where}: bad description {desc!r}")
            # The size limit counts the longest localization of each field.
            size += max(len(n) for n in names) + max(len(d) for d in descs)
            options = item.get("options", [])
            if len(options) > 25:
                problems.append(f"{where}: more than 25 options")
            choices = item.get("choices") or []
            if len(choices) > 25:
                problems.append(f"{where}: more than 25 choices")
            if choices and item.get("autocomplete"):
                problems.append(f"{where}: choices with autocomplete")
            for c in choices:
                cnames = [c["name"], *c.get("name_localizations", {}).values()]
                if not all(1 <= len(n) <= 100 for n in cnames):
                    problems.append(f"{where}: choice name {c['name']!r}")
                size += max(len(n) for n in cnames) + len(str(c["value"]))
            # Localized option names must be distinct from each other and from the default names.
            locales = {loc for o in options for loc in o.get("name_localizations", {})}
            for loc in locales:
                localized = [o.get("name_localizations", {}).get(loc, o["name"]) for o in options]
                if len(set(localized)) != len(localized):
                    problems.append(f"{where}: {loc} option names collide: {localized}")
                for o in options:
                    name = o.get("name_localizations", {}).get(loc)
                    if name and name in {p["name"] for p in options if p is not o}:
                        problems.append(f"{where}: {loc} {name!r} is another option's name")
            for o in options:
                walk(o, f"{where} {o['name']}")

        walk(command, "/" + command["name"])
        if size > 8000:
            problems.append(f"/{command['name']}: {size} characters, over 8000")
    return problems
