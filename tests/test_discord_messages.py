"""@mentions and DMs through discord.py's own gateway parsing, with Discord's REST API recorded."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
from discord_fixtures import (
    BOT_ID,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    OTHER_BOT_ID,
    OTHER_ROLE_ID,
    ROLE_ID,
    FakeHTTP,
    guild_create,
    make_client,
    message,
    message_problems,
    pings_no_one,
    settle,
    user,
)

from adapters.discord.client import PariscallClient, to_question
from adapters.discord.render import render
from bot.core import Core

BOT = user(BOT_ID, "pariscall", bot=True)


@pytest.fixture
async def bot(core: Core) -> AsyncIterator[tuple[PariscallClient, FakeHTTP]]:
    """A client in one server (with its managed role), REST calls recorded."""
    client, http = await make_client(core)
    client._connection.parse_guild_create(guild_create())
    yield client, http
    await client.close()


async def deliver(
    bot: tuple[PariscallClient, FakeHTTP], data: dict[str, Any]
) -> list[dict[str, Any]]:
    """Feed a MESSAGE_CREATE to the client; return the messages it posted."""
    client, http = bot
    before = len(http.sent)
    client._connection.parse_message_create(data)
    await settle()
    return http.sent[before:]


def in_server(content: str, **kw: Any) -> dict[str, Any]:
    return message(content, guild=True, **kw)


def only_reply(sent: list[dict[str, Any]], to: dict[str, Any]) -> dict[str, Any]:
    """The single message posted, a reply to `to` that pings no one and fits Discord."""
    [body] = sent
    assert pings_no_one(body["allowed_mentions"])
    assert str(body["message_reference"]["message_id"]) == to["id"]
    assert message_problems(body) == []
    return body


async def test_mention_is_answered_without_the_mention(bot, core: Core):
    """`<@bot> principle 3`: the core sees "principle 3" and the answer is a reply."""
    question = in_server(f"<@{BOT_ID}> principle 3", mentions=[BOT])
    body = only_reply(await deliver(bot, question), question)
    assert "Defend electoral processes" in body["embeds"][0]["title"]
    assert body["embeds"] == [e.to_dict() for e in render(core.answer("principle 3")).embeds]


async def test_nickname_mention(bot):
    """The older `<@!bot>` form works too."""
    question = in_server(f"principle 3 <@!{BOT_ID}>", mentions=[BOT])
    body = only_reply(await deliver(bot, question), question)
    assert "Defend electoral processes" in body["embeds"][0]["title"]


async def test_mention_of_the_bots_role(bot):
    """Picking the bot in Discord's list often mentions its managed role: that counts."""
    question = in_server(f"<@&{ROLE_ID}> principle 3", mention_roles=[ROLE_ID])
    body = only_reply(await deliver(bot, question), question)
    assert "Defend electoral processes" in body["embeds"][0]["title"]


async def test_another_role_is_not_the_bot(bot):
    """Mentioning some other role does not wake the bot."""
    assert (
        await deliver(
            bot, in_server(f"<@&{OTHER_ROLE_ID}> principle 3", mention_roles=[OTHER_ROLE_ID])
        )
        == []
    )


async def test_server_message_without_mention_is_ignored(bot):
    """Ordinary chat in a server is not for the bot."""
    assert await deliver(bot, in_server("principle 3")) == []


async def test_other_bots_are_ignored(bot):
    """Another bot mentioning this one gets no answer (no bot loops)."""
    question = in_server(
        f"<@{BOT_ID}> principle 3", mentions=[BOT], author=user(OTHER_BOT_ID, "b", bot=True)
    )
    assert await deliver(bot, question) == []


async def test_its_own_messages_are_ignored(bot):
    """The bot never answers itself."""
    assert await deliver(bot, message("principle 3", author=BOT, channel_id=DM_CHANNEL_ID)) == []


async def test_direct_message_needs_no_mention(bot, core: Core):
    """Any DM is a question."""
    question = message("did the US sign?", channel_id=DM_CHANNEL_ID)
    body = only_reply(await deliver(bot, question), question)
    assert body["embeds"] == [e.to_dict() for e in render(core.answer("did the US sign?")).embeds]


async def test_bare_mention_gets_the_home_reply(bot, core: Core):
    """`@pariscall` alone: what the Call is and how to ask."""
    question = in_server(f"<@{BOT_ID}>", mentions=[BOT])
    body = only_reply(await deliver(bot, question), question)
    assert body["embeds"][0]["title"] == render(core.home("en")).embeds[0].title


async def test_everyone_in_a_question_never_pings(bot):
    """`@everyone` or a role in the question: the reply allows no mention and echoes none."""
    question = in_server(
        f"<@{BOT_ID}> @everyone supporter <@&{OTHER_ROLE_ID}> @here",
        mentions=[BOT],
        mention_roles=[OTHER_ROLE_ID],
    )
    body = only_reply(await deliver(bot, question), question)
    text = str(body["embeds"])
    assert "@everyone" not in text and "@here" not in text and f"<@&{OTHER_ROLE_ID}>" not in text


async def test_french_question_gets_french(bot):
    """The core detects French from the words."""
    question = message("principe 3", channel_id=DM_CHANNEL_ID)
    body = only_reply(await deliver(bot, question), question)
    assert "Défendre les processus électoraux" in body["embeds"][0]["title"]


async def test_missing_permissions_are_logged_and_the_bot_keeps_serving(bot, caplog):
    """403 in one channel: a warning in the log, and the next question is still answered."""
    client, http = bot
    http.forbidden.add(CHANNEL_ID)
    with caplog.at_level(logging.WARNING, logger="adapters.discord"):
        assert await deliver(bot, in_server(f"<@{BOT_ID}> principle 3", mentions=[BOT])) == []
    assert any("Missing Permissions" in r.getMessage() for r in caplog.records)
    question = message("principle 3", channel_id=DM_CHANNEL_ID)
    only_reply(await deliver(bot, question), question)


async def test_to_question_strips_only_the_bots_mentions(bot):
    """The text the core sees: the bot's mentions removed, spaces tidied, the rest kept."""
    client, _ = bot
    data = in_server(f"<@{BOT_ID}>  what about <@{OTHER_BOT_ID}>?", mentions=[BOT])
    msg = discord.Message(
        state=client._connection, channel=client.get_channel(CHANNEL_ID), data=data
    )
    assert to_question(msg, client.user) == f"what about <@{OTHER_BOT_ID}>?"
