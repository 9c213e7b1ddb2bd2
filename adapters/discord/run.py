"""`pariscall discord ...`: configuration, the token, starting the bot, syncing and inviting.

- `pariscall discord`: run the bot (needs DISCORD_TOKEN);
- `pariscall discord sync [--guild ID [--clear]]`: register the slash commands with Discord;
- `pariscall discord commands [--json]`: the command payload, without a token or network;
- `pariscall discord invite --application-id ID`: the URL that adds the bot to a server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import aiohttp
import discord

from adapters.arguments import Parser
from adapters.discord.client import PariscallClient
from adapters.discord.commands import FrenchTranslator, tree_payload
from adapters.health import PlatformState
from adapters.settings import HEALTH_PORT, SettingsError, port

if TYPE_CHECKING:
    from adapters.runtime import Runtime
    from bot.core import Core

_log = logging.getLogger(__name__)

TOKEN_VAR = "DISCORD_TOKEN"
SHARD_COUNT_VAR = "DISCORD_SHARD_COUNT"
SHARD_IDS_VAR = "DISCORD_SHARD_IDS"
APPLICATION_ID_VAR = "DISCORD_APPLICATION_ID"
PROXY_VAR = "DISCORD_PROXY"
LANG_VAR = "PARISCALL_LANG"

# A bot token is three base64url parts joined by dots (the first encodes the bot's user id).
# Checked locally so a pasted client secret or application id fails at once, with no network.
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{6,}")

PORTAL = "https://discord.com/developers/applications"
SCOPES = ("bot", "applications.commands")
# The least the bot needs to read a mention and answer it: see the channel, post in it (and in
# its threads), show embeds, and reply to a message (a reply needs Read Message History).
PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)

# Operator messages, one line each, kept together (bolt-python's logger/messages.py habit).
MISSING_TOKEN = (
    f"{TOKEN_VAR} is not set: copy the bot token from {PORTAL} (your application > Bot > "
    f"Reset Token) and set {TOKEN_VAR}; see docs/discord.md."
)
REJECTED_TOKEN = (
    f"Discord rejected {TOKEN_VAR} (login failed): reset the token at {PORTAL} (Bot > Reset Token) "
    f"and set {TOKEN_VAR} again."
)


MALFORMED_TOKEN = (
    f"{TOKEN_VAR} does not look like a bot token (three parts separated by dots, no spaces, no "
    f"'Bot ' prefix): copy it again from {PORTAL} (your application > Bot > Reset Token)."
)
# Gateway close codes that mean a setting is wrong: restarting cannot help.
REFUSED_CLOSE_CODES = {
    4004: REJECTED_TOKEN,
    4010: f"Discord refused the shard settings (invalid shard): check {SHARD_COUNT_VAR} and "
    f"{SHARD_IDS_VAR}.",
    4011: f"Discord requires sharding for this many servers: set {SHARD_COUNT_VAR} (or unset "
    f"it and {SHARD_IDS_VAR} for automatic sharding).",
    4012: "Discord refused the gateway API version: upgrade pariscall (discord.py).",
    4013: "Discord refused the gateway intents (invalid intents): upgrade pariscall.",
    4014: f"Discord refused a privileged intent this bot did not enable: check the bot's settings "
    f"at {PORTAL} (Bot > Privileged Gateway Intents), or upgrade pariscall.",
}


class DiscordConfigError(SettingsError):
    """The Discord adapter cannot start; `str(err)` is one line for the operator (no secrets)."""


class DiscordUnreachable(Exception):
    """Discord could not be reached at start (network, DNS, outage): worth retrying later."""


async def login(client: discord.Client, token: str) -> None:
    """Log in, turning the expected failures into one-line errors for the operator."""
    try:
        await client.login(token)
    except discord.LoginFailure:
        raise DiscordConfigError(REJECTED_TOKEN) from None
    except (aiohttp.ClientError, OSError) as exc:
        raise DiscordUnreachable(
            f"Discord could not be reached ({exc}): check the network, then start again."
        ) from None


@dataclass(frozen=True)
class DiscordSettings:
    """What the Discord adapter reads from the environment."""

    token: str = field(repr=False)  # never printed, never logged
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    lang: str = "en"
    proxy: str | None = field(default=None, repr=False)  # may carry a password

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> DiscordSettings:
        """Read DISCORD_TOKEN, DISCORD_SHARD_COUNT, DISCORD_SHARD_IDS, DISCORD_PROXY and
        PARISCALL_LANG."""
        token = env.get(TOKEN_VAR, "").strip()
        if not token:
            raise DiscordConfigError(MISSING_TOKEN)
        if not _TOKEN_SHAPE.fullmatch(token):
            raise DiscordConfigError(MALFORMED_TOKEN)
        proxy = env.get(PROXY_VAR, "").strip() or None
        if proxy is not None and not proxy.startswith(("http://", "https://")):
            raise DiscordConfigError(
                f"{PROXY_VAR} must be an http:// proxy URL, like http://proxy.example:3128."
            )
        count = _int(env, SHARD_COUNT_VAR)
        if count is not None and count < 1:
            raise DiscordConfigError(f"{SHARD_COUNT_VAR} must be 1 or more, not {count}.")
        ids = None
        raw_ids = env.get(SHARD_IDS_VAR, "").strip()
        if raw_ids:
            try:
                ids = tuple(int(x) for x in raw_ids.split(",") if x.strip())
            except ValueError:
                raise DiscordConfigError(
                    f"{SHARD_IDS_VAR} must be shard numbers separated by commas, like 0,1,2; "
                    f"found {raw_ids!r}."
                ) from None
            if count is None:
                raise DiscordConfigError(
                    f"{SHARD_IDS_VAR} needs {SHARD_COUNT_VAR}, the total number of shards "
                    "across all processes."
                )
            bad = [i for i in ids if not 0 <= i < count]
            if bad or not ids:
                raise DiscordConfigError(
                    f"{SHARD_IDS_VAR} must list shards from 0 to {count - 1} "
                    f"({SHARD_COUNT_VAR}={count}); found {raw_ids!r}."
                )
        lang = env.get(LANG_VAR, "").strip().lower() or "en"
        if lang not in ("en", "fr"):
            raise DiscordConfigError(f"{LANG_VAR} must be en or fr; found {lang!r}.")
        return cls(token, count, ids, lang, proxy)


def _int(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise DiscordConfigError(f"{name} must be a whole number; found {raw!r}.") from None


def build_client(
    settings: DiscordSettings, core: Core, state: PlatformState | None = None
) -> PariscallClient:
    """The client for `settings` (sharding, language, proxy), answering from `core`."""
    return PariscallClient(
        core,
        lang=settings.lang,
        shard_count=settings.shard_count,
        shard_ids=settings.shard_ids,
        proxy=settings.proxy,
        state=state,
    )


async def start(
    settings: DiscordSettings | Mapping[str, str],
    core: Core,
    state: PlatformState | None = None,
    runtime: Runtime | None = None,
) -> None:
    """Run the bot until it is cancelled: what `pariscall serve` runs beside Slack.

    `settings` is a `DiscordSettings` or an environment mapping. Raises `DiscordConfigError`
    (one line) for a setting Discord refuses, at login or later while connected (close codes
    4004, 4010-4014), and `DiscordUnreachable` when Discord cannot be reached. `runtime` (the
    database for the unanswered report, the metrics) is started by the caller and shared with
    Slack under `serve`; the client reports its answers to it through adapters/telemetry.py.
    """
    if not isinstance(settings, DiscordSettings):
        settings = DiscordSettings.from_env(settings)
    client = build_client(settings, core, state)
    async with client:
        await login(client, settings.token)
        try:
            await client.connect()  # reconnects by itself after a drop
        except discord.PrivilegedIntentsRequired:
            raise DiscordConfigError(REFUSED_CLOSE_CODES[4014]) from None
        except discord.ConnectionClosed as exc:
            if exc.code in REFUSED_CLOSE_CODES:
                raise DiscordConfigError(REFUSED_CLOSE_CODES[exc.code]) from None
            raise DiscordUnreachable(f"Discord closed the connection (code {exc.code}).") from None
        except (
            discord.GatewayNotFound,
            discord.HTTPException,
            aiohttp.ClientError,
            OSError,
        ) as exc:
            raise DiscordUnreachable(
                f"Discord could not be reached ({type(exc).__name__})."
            ) from None
    raise DiscordUnreachable("the Discord connection closed.")


async def sync_commands(
    client: discord.Client, guild_id: int | None = None, *, clear: bool = False
) -> list[Any]:
    """Register the commands with Discord: in one server (instant) or globally (up to an hour).

    With `clear`, remove them from that server instead (a test copy, once they are global).
    Not done at start-up: Discord allows 200 command creations a day per server.
    """
    tree: discord.app_commands.CommandTree[Any] = client.tree  # type: ignore[attr-defined]
    if guild_id is None:
        return await tree.sync()
    guild = discord.Object(id=guild_id)
    if clear:
        tree.clear_commands(guild=guild)
    else:
        tree.copy_global_to(guild=guild)
    return await tree.sync(guild=guild)


async def command_payload(core: Core) -> list[dict[str, Any]]:
    """The JSON `sync` sends (names, options and French localizations), offline."""
    client = PariscallClient(core)
    await client.tree.set_translator(FrenchTranslator(core))
    return await tree_payload(client.tree)


def invite_url(application_id: int) -> str:
    """The URL that adds the bot to a server, with its scopes and the least permissions."""
    return discord.utils.oauth_url(application_id, permissions=PERMISSIONS, scopes=SCOPES)


def run(argv: list[str], env: Mapping[str, str] | None = None) -> int:
    """`pariscall discord ARGS`: returns the exit code (2 for a configuration problem)."""
    env = os.environ if env is None else env
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed by argparse
        return int(exc.code or 0)
    try:
        if args.action == "invite":
            return _invite(args, env)
        if args.action == "commands":
            return _commands(args.json)
        settings = DiscordSettings.from_env(env)
        core = _load_core()
        if args.action == "sync":
            if args.clear and not args.guild:
                raise DiscordConfigError("--clear needs --guild ID (the server to clear).")
            return asyncio.run(_sync(settings, core, args.guild, args.clear))
        from adapters.runtime import Runtime
        from adapters.serve import Platforms, serve
        from adapters.settings import setup_logging

        platforms = Platforms(
            discord=settings, health_port=port(env, HEALTH_PORT), runtime=Runtime.from_env(env)
        )
        setup_logging()  # discord.py logs through it
        return serve(core, platforms)
    except SettingsError as exc:
        print(f"pariscall discord: {exc}", file=sys.stderr)
        return 2
    except DiscordUnreachable as exc:
        print(f"pariscall discord: {exc}", file=sys.stderr)
        return 1
    except SystemExit as exc:  # from the content loader, its message already printed
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="pariscall discord",
        description="Run the Discord bot (with DISCORD_TOKEN), or manage its commands.",
    )
    sub = parser.add_subparsers(dest="action", metavar="{sync,commands,invite}")
    sync = sub.add_parser("sync", help="register the /pariscall commands with Discord")
    sync.add_argument("--guild", type=int, metavar="ID", help="one server only (instant)")
    sync.add_argument(
        "--clear", action="store_true", help="with --guild: remove the commands from that server"
    )
    commands = sub.add_parser("commands", help="print the command payload (no token needed)")
    commands.add_argument("--json", action="store_true", help="the exact JSON sent to Discord")
    invite = sub.add_parser("invite", help="print the URL that adds the bot to a server")
    invite.add_argument(
        "--application-id", type=int, metavar="ID", help="from the Developer Portal"
    )
    return parser


def _load_core() -> Core:
    # The shared loader prints a content problem for the operator and exits 1 (SystemExit).
    from adapters.settings import core_or_exit

    return core_or_exit()


def _invite(args: argparse.Namespace, env: Mapping[str, str]) -> int:
    app_id = args.application_id or _int(env, APPLICATION_ID_VAR)
    if not app_id:
        raise DiscordConfigError(
            f"give --application-id ID (or set {APPLICATION_ID_VAR}): it is on {PORTAL}, "
            "your application > General Information."
        )
    print(invite_url(app_id))
    return 0


def _commands(as_json: bool) -> int:
    payload = asyncio.run(command_payload(_load_core()))
    if as_json:
        print(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True))
        return 0
    for command in payload:
        for sub in command.get("options", []):
            options = " ".join(f"[{o['name']}]" for o in sub.get("options", []))
            print(
                f"/{command['name']} {sub['name']} {options}".rstrip() + f"  {sub['description']}"
            )
    return 0


async def _sync(settings: DiscordSettings, core: Core, guild_id: int | None, clear: bool) -> int:
    client = build_client(settings, core)
    async with client:
        await login(client, settings.token)  # REST only: no gateway connection
        try:
            synced = await sync_commands(client, guild_id, clear=clear)
        except discord.HTTPException as exc:
            print(f"pariscall discord: sync failed: {exc}", file=sys.stderr)
            return 1
    if clear:
        print(f"Removed the commands from server {guild_id}.")
        return 0
    where = f"server {guild_id} (available now)" if guild_id else "all servers (within an hour)"
    names = ", ".join(f"/{c.name}" for c in synced)
    print(f"Synced {names} to {where}.")
    return 0
