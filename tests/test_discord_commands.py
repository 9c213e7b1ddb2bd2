"""The /pariscall command definitions: Discord's rules, French names, the snapshot, and syncing.

The snapshot tests/data/discord_commands.json is the exact payload `sync` sends. After changing a
command (or a principle title in the content), regenerate it and review the diff:

    .venv/bin/pariscall discord commands --json > tests/data/discord_commands.json
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import discord
import pytest
from discord import app_commands
from discord.webhook.async_ import async_context
from discord_fixtures import APP_ID, GUILD_ID, FakeHTTP, command_problems, make_client

from adapters.discord.client import PariscallClient
from adapters.discord.commands import FRENCH, tree_payload
from adapters.discord.run import PERMISSIONS, command_payload, invite_url, run, sync_commands
from bot.core import Core

SNAPSHOT = Path(__file__).parent / "data" / "discord_commands.json"


@pytest.fixture
async def client(core: Core) -> AsyncIterator[tuple[PariscallClient, FakeHTTP]]:
    """A set-up client with Discord's REST API replaced by a recorder."""
    client, http = await make_client(core)
    yield client, http
    await client.close()


@pytest.fixture
async def payload(core: Core) -> list[dict[str, Any]]:
    """The JSON `sync` would send."""
    return await command_payload(core)


def walk(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The item, its options and their options, and every choice."""
    found = [item]
    for choice in item.get("choices") or []:
        found.append(choice)
    for option in item.get("options", []):
        found += walk(option)
    return found


def test_private_discord_apis_used_by_the_tests_still_exist():
    """Guard: the harness uses discord.py 2.7 internals; an upgrade must fail here, loudly."""
    assert discord.__version__.startswith("2.7"), "re-check the test harness, then update this pin"
    assert hasattr(app_commands.CommandTree, "_call")
    assert async_context.get() is not None
    state = discord.state.ConnectionState
    assert hasattr(state, "parse_message_create") and hasattr(state, "parse_interaction_create")
    assert hasattr(discord.Client, "_async_setup_hook")
    assert hasattr(discord.http.HTTPClient, "request")


async def test_one_group_with_eight_subcommands(payload: list[dict[str, Any]]):
    """One global command, /pariscall, with the eight subcommands of the issue."""
    assert [c["name"] for c in payload] == ["pariscall"]
    names = [o["name"] for o in payload[0]["options"]]
    assert names == [
        "principle",
        "principles",
        "supporters",
        "supporter",
        "us",
        "about",
        "ask",
        "help",
    ]
    assert payload[0]["contexts"] == [0, 1]  # servers and DMs with the bot


async def test_payload_follows_discords_rules(payload: list[dict[str, Any]]):
    """Names, descriptions, option and choice counts, and the 8,000-character total."""
    assert command_problems(payload) == []


async def test_every_name_and_description_has_a_french_localization(payload: list[dict[str, Any]]):
    """French for the group, every subcommand, option and choice."""
    for item in walk(payload[0]):
        assert item.get("name_localizations", {}).get("fr"), item["name"]
        if "description" in item:
            assert item.get("description_localizations", {}).get("fr"), item["name"]


async def test_french_option_names_differ_from_english(payload: list[dict[str, Any]]):
    """Localized option names exist and are distinct (checked in detail by command_problems)."""
    options = {
        o["name"]: o["name_localizations"]["fr"]
        for sub in payload[0]["options"]
        for o in sub["options"]
    }
    assert options == {
        "number": "numéro",
        "category": "catégorie",
        "name": "nom",
        "question": "question",
    }


async def test_principle_choices_show_titles_in_both_languages(
    payload: list[dict[str, Any]], core: Core
):
    """Choice 3 reads "3. Defend electoral processes", in French "3. Défendre les processus…"."""
    principle = next(o for o in payload[0]["options"] if o["name"] == "principle")
    choices = principle["options"][0]["choices"]
    assert [c["value"] for c in choices] == list(range(1, 10))
    third = choices[2]
    assert third["name"] == "3. Defend electoral processes"
    assert third["name_localizations"]["fr"] == "3. Défendre les processus électoraux"


async def test_supporter_name_has_autocomplete(payload: list[dict[str, Any]]):
    """`supporter` completes names as you type; `supporters` offers the four categories."""
    subs = {o["name"]: o for o in payload[0]["options"]}
    assert subs["supporter"]["options"][0]["autocomplete"] is True
    categories = [c["value"] for c in subs["supporters"]["options"][0]["choices"]]
    assert categories == ["state", "public-authority", "private-sector", "civil-society"]
    assert subs["supporters"]["options"][0]["required"] is False


async def test_descriptions_are_the_callbacks_docstrings(client):
    """Each subcommand's description is its callback's docstring (the discord.py idiom)."""
    group = client[0].tree.get_command("pariscall")
    for command in group.commands:
        assert command.description == command.callback.__doc__.strip()
        assert command.description in FRENCH


async def test_payload_is_to_dict_plus_localizations(client, payload: list[dict[str, Any]]):
    """Without the *_localizations keys the payload is exactly `[c.to_dict(tree) ...]`."""
    tree = client[0].tree

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if not k.endswith("_localizations")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    assert strip(payload) == [c.to_dict(tree) for c in tree.get_commands()]


async def test_payload_matches_the_snapshot(payload: list[dict[str, Any]]):
    """The checked-in snapshot is current (regenerate as the module docstring says)."""
    assert json.loads(SNAPSHOT.read_text(encoding="utf-8")) == payload


@pytest.fixture
def no_user_data(tmp_path, monkeypatch) -> None:
    """`run` loads the core as `pariscall` does: keep it away from the user's data and cache."""
    monkeypatch.setenv("PARISCALL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PARISCALL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("PARISCALL_CONTENT_DIR", raising=False)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)


@pytest.mark.usefixtures("no_user_data")
def test_commands_json_prints_the_payload_without_a_token(capsys):
    """`pariscall discord commands --json` needs no token and no network."""
    assert run(["commands", "--json"], env={}) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


@pytest.mark.usefixtures("no_user_data")
def test_commands_lists_them_for_people(capsys):
    """Without --json, one line per subcommand."""
    assert run(["commands"], env={}) == 0
    out = capsys.readouterr().out
    assert "/pariscall principle [number]" in out and out.count("\n") == 8


async def test_start_up_syncs_nothing(client):
    """Setting up the client makes no REST call: commands are synced on demand only."""
    assert client[1].calls == []


async def test_global_sync_sends_the_payload(client, payload: list[dict[str, Any]]):
    """`sync` PUTs the translated payload to the application's global commands, offline."""
    bot, http = client
    synced = await sync_commands(bot)
    assert [c.name for c in synced] == ["pariscall"]
    [(method, path, body)] = http.calls
    assert (method, path) == ("PUT", "/applications/{application_id}/commands")
    assert body == payload


async def test_guild_sync_copies_the_commands_to_one_server(client, payload: list[dict[str, Any]]):
    """`sync --guild ID` PUTs them to that server only, where they appear at once."""
    bot, http = client
    await sync_commands(bot, GUILD_ID)
    [(method, path, body)] = http.calls
    assert (method, path) == ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands")
    assert body == payload


async def test_guild_sync_clear_removes_the_test_copy(client):
    """`sync --guild ID --clear` empties that server's commands (the global ones remain)."""
    bot, http = client
    await sync_commands(bot, GUILD_ID, clear=True)
    [(method, path, body)] = http.calls
    assert (method, path, body) == (
        "PUT",
        "/applications/{application_id}/guilds/{guild_id}/commands",
        [],
    )
    assert bot.tree.get_commands()  # the global commands are untouched


async def test_tree_payload_without_a_translator_is_to_dict(client):
    """Before set-up (no translator), the payload is plain `to_dict`."""
    bot, _ = client
    fresh = PariscallClient(bot.core)
    assert await tree_payload(fresh.tree) == [
        c.to_dict(fresh.tree) for c in fresh.tree.get_commands()
    ]


def test_invite_url_has_both_scopes_and_the_least_permissions(capsys):
    """The invite asks for bot + applications.commands and five permissions only."""
    assert run(["invite", "--application-id", str(APP_ID)], env={}) == 0
    url = capsys.readouterr().out.strip()
    assert url == invite_url(APP_ID)
    assert f"client_id={APP_ID}" in url and "scope=bot+applications.commands" in url
    assert f"permissions={PERMISSIONS.value}" in url
    assert (
        PERMISSIONS.value
        == discord.Permissions(
            view_channel=True,
            send_messages=True,
            send_messages_in_threads=True,
            embed_links=True,
            read_message_history=True,
        ).value
    )
    assert PERMISSIONS.value == 274877991936


def test_invite_without_an_application_id_says_where_to_find_it(capsys):
    """No --application-id (and no DISCORD_APPLICATION_ID): one line, exit 2."""
    assert run(["invite"], env={}) == 2
    err = capsys.readouterr().err
    assert "--application-id" in err and err.count("\n") == 1
