"""Running the Discord adapter: the token, sharding settings and clean failures."""

from __future__ import annotations

import logging

import discord
import pytest

from adapters.discord.run import DiscordConfigError, DiscordSettings, build_client, run, start
from bot.core import Core

TOKEN = "MTExMTExMTExMTExMTExMTEx.secret.tokenvalue"


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch) -> None:
    """Keep the core loader away from the user's data and cache folders."""
    monkeypatch.setenv("PARISCALL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PARISCALL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PARISCALL_CONTENT_DIR", raising=False)


def test_missing_token_is_one_line_naming_the_variable(capsys):
    """No DISCORD_TOKEN: exit 2 and one line that names it, no traceback."""
    assert run([], env={}) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN" in err and err.count("\n") == 1 and "Traceback" not in err


def test_blank_token_is_missing(capsys):
    """A token of spaces counts as missing."""
    assert run(["sync"], env={"DISCORD_TOKEN": "  "}) == 2
    assert "DISCORD_TOKEN" in capsys.readouterr().err


def test_rejected_token_is_one_line_and_never_shown(capsys, caplog, monkeypatch):
    """Discord refusing the token: exit 2, one line, and the token appears nowhere."""

    async def refuse(self, token: str) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", refuse)
    with caplog.at_level(logging.DEBUG):
        assert run([], env={"DISCORD_TOKEN": TOKEN}) == 2
    out = capsys.readouterr()
    assert "DISCORD_TOKEN" in out.err and out.err.count("\n") == 1 and "Traceback" not in out.err
    assert TOKEN not in out.out + out.err + caplog.text
    assert "secret" not in caplog.text


async def test_start_raises_a_config_error_for_a_rejected_token(core: Core, monkeypatch):
    """`start` (used by `pariscall serve`) turns a login failure into DiscordConfigError."""

    async def refuse(self, token: str) -> None:
        raise discord.LoginFailure("Improper token has been passed.")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", refuse)
    with pytest.raises(DiscordConfigError, match="DISCORD_TOKEN"):
        await start({"DISCORD_TOKEN": TOKEN}, core)


async def test_start_without_a_token(core: Core):
    """`start` with no token raises the same one-line error, before any connection."""
    with pytest.raises(DiscordConfigError, match="DISCORD_TOKEN is not set"):
        await start({}, core)


def test_settings_never_show_the_token():
    """The token stays out of the settings' repr (and so out of logs)."""
    settings = DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN})
    assert TOKEN not in repr(settings) and settings.token == TOKEN


def test_shards_from_the_environment(core: Core):
    """DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS choose this process's shards."""
    env = {"DISCORD_TOKEN": TOKEN, "DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0, 2"}
    settings = DiscordSettings.from_env(env)
    assert (settings.shard_count, settings.shard_ids) == (4, (0, 2))
    client = build_client(settings, core)
    assert isinstance(client, discord.AutoShardedClient)
    assert client.shard_count == 4 and client.shard_ids == [0, 2]


def test_automatic_sharding_by_default(core: Core):
    """Without the variables discord.py asks Discord for the shard count."""
    client = build_client(DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN}), core)
    assert client.shard_count is None and client.shard_ids is None
    assert client.allowed_mentions.to_dict() == {"parse": []}


def test_minimal_intents(core: Core):
    """Only servers, server messages and DMs: no typing, presence, voice or reactions (4609)."""
    client = build_client(DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN}), core)
    assert client.intents.value == 4609
    assert client.intents.guilds and client.intents.guild_messages and client.intents.dm_messages
    assert not client.intents.message_content and not client.intents.typing
    assert discord.Intents.default().value == 53575421  # what the bot used to subscribe to


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"DISCORD_SHARD_IDS": "0,1"}, "needs DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "0,2"}, "from 0 to 1"),
        ({"DISCORD_SHARD_COUNT": "two"}, "whole number"),
        ({"DISCORD_SHARD_COUNT": "0"}, "1 or more"),
        ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "a,b"}, "separated by commas"),
    ],
)
def test_bad_shard_settings_are_one_clear_line(env: dict[str, str], says: str, capsys):
    """Each sharding mistake: exit 2 with a sentence saying what is expected."""
    assert run([], env={"DISCORD_TOKEN": TOKEN, **env}) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_default_language_from_pariscall_lang(capsys):
    """PARISCALL_LANG=fr makes French the default; an unknown language is refused, exit 2."""
    assert DiscordSettings.from_env({"DISCORD_TOKEN": TOKEN, "PARISCALL_LANG": "fr"}).lang == "fr"
    assert run([], env={"DISCORD_TOKEN": TOKEN, "PARISCALL_LANG": "de"}) == 2
    err = capsys.readouterr().err
    assert "PARISCALL_LANG" in err and err.count("\n") == 1


@pytest.mark.parametrize(
    "token",
    ["Bot " + TOKEN, "xoxb-1111-2222-test", "1111111111111111111", "a" * 32, TOKEN + " x"],
)
def test_token_shape_is_checked_locally(token: str, capsys, monkeypatch):
    """A value that cannot be a bot token is refused before any network call, exit 2."""

    async def no_network(self, token: str) -> None:
        raise AssertionError("no login should be attempted")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", no_network)
    assert run([], env={"DISCORD_TOKEN": token}) == 2
    err = capsys.readouterr().err
    assert "DISCORD_TOKEN does not look like a bot token" in err and err.count("\n") == 1
    assert token not in err


def test_clear_needs_a_guild(capsys):
    """`sync --clear` without --guild is refused before any connection."""
    assert run(["sync", "--clear"], env={"DISCORD_TOKEN": TOKEN}) == 2
    assert "--guild" in capsys.readouterr().err


def test_help_exits_cleanly(capsys):
    """`pariscall discord --help` lists the subcommands."""
    assert run(["--help"], env={}) == 0
    out = capsys.readouterr().out
    assert "sync" in out and "invite" in out and "commands" in out


async def test_unreachable_discord_is_worth_retrying(core: Core, monkeypatch):
    """Discord unreachable at start (no network): `start` raises DiscordUnreachable (retried)."""
    import aiohttp

    from adapters.discord.run import DiscordUnreachable

    async def unreachable(self, token: str) -> None:
        raise aiohttp.ClientConnectionError("Cannot connect to host discord.com:443")

    monkeypatch.setattr(discord.http.HTTPClient, "static_login", unreachable)
    with pytest.raises(DiscordUnreachable, match="could not be reached"):
        await start({"DISCORD_TOKEN": TOKEN}, core)
