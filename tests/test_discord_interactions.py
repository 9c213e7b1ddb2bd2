"""Slash commands and buttons through discord.py's real command tree and connection state.

Interactions are built from payloads shaped as Discord sends them; responses are captured at
discord.py's webhook adapter (the seam every interaction response goes through).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from discord_fixtures import (
    click_payload,
    command_interaction,
    make_client,
    message_problems,
    recording,
    settle,
)

from adapters.discord.client import PariscallClient
from adapters.discord.commands import to_question
from adapters.discord.render import render, render_more
from bot.core import Core

EPHEMERAL = 64


@pytest.fixture
async def client(core: Core) -> AsyncIterator[PariscallClient]:
    """A client as after login and set-up, with no connection to Discord."""
    client, _ = await make_client(core)
    yield client
    await client.close()


async def invoke(
    client: PariscallClient, sub: str, options: dict[str, Any] | None = None, **kw: Any
) -> list:
    """Run `/pariscall sub options` through the tree; return the recorded responses."""
    with recording() as recorder:
        await client.tree._call(command_interaction(client, sub, options, **kw))
    return recorder.calls


def only_message(calls: list) -> dict[str, Any]:
    """The single type-4 response of `calls`, checked against Discord's limits."""
    [(kind, payload)] = calls
    assert kind == "callback" and payload["type"] == 4
    data = payload["data"]
    assert data["allowed_mentions"] == {"parse": []}
    assert message_problems(data) == []
    return data


def expected(core: Core, query: str, lang: str = "en") -> dict[str, Any]:
    """The embed the core's reply to `query` renders to."""
    return render(core.answer(query, lang)).embeds[0].to_dict()


SUBCOMMANDS = [
    ("principle", {"number": 3}),
    ("principles", {}),
    ("supporters", {}),
    ("supporters", {"category": "private-sector"}),
    ("supporter", {"name": "Microsoft"}),
    ("us", {}),
    ("about", {}),
    ("ask", {"question": "did russia sign?"}),
]


@pytest.mark.parametrize(("sub", "options"), SUBCOMMANDS)
async def test_each_subcommand_answers_in_the_channel(client, core: Core, sub: str, options: dict):
    """Each subcommand answers at once (type 4), publicly, with the core's reply to its query."""
    data = only_message(await invoke(client, sub, options))
    assert not data.get("flags", 0) & EPHEMERAL
    assert data["embeds"] == [expected(core, to_question(sub, **options))]


async def test_help_adds_the_discord_ways_to_ask(client, core: Core):
    """/pariscall help is the core's help plus a field on slash commands, mentions and DMs."""
    data = only_message(await invoke(client, "help"))
    embed = data["embeds"][0]
    assert embed["description"] == expected(core, "help")["description"]
    assert embed["fields"][-1]["name"] == "On Discord"
    assert "/pariscall principle" in embed["fields"][-1]["value"]


async def test_principle_3(client):
    """/pariscall principle 3 shows "Defend electoral processes" with Previous/Next buttons."""
    data = only_message(await invoke(client, "principle", {"number": 3}))
    assert "Defend electoral processes" in data["embeds"][0]["title"]
    ids = [b.get("custom_id") for row in data["components"] for b in row["components"]]
    assert "pariscall:q:en:principle 2" in ids and "pariscall:q:en:principle 4" in ids


async def test_supporters_category_is_passed_to_the_core(client, core: Core):
    """The category choice becomes `supporters <category>`."""
    data = only_message(await invoke(client, "supporters", {"category": "state"}))
    assert data["embeds"] == [expected(core, "supporters state")]


async def test_a_french_user_gets_french(client):
    """With Discord in French, principle 3 is "Défendre les processus électoraux"."""
    data = only_message(await invoke(client, "principle", {"number": 3}, locale="fr"))
    assert "Défendre les processus électoraux" in data["embeds"][0]["title"]
    ids = [b.get("custom_id") for row in data["components"] for b in row["components"]]
    assert "pariscall:q:fr:principle 4" in ids


async def test_english_locales_get_english(client):
    """en-GB (and any non-French locale) gets English."""
    data = only_message(await invoke(client, "principle", {"number": 3}, locale="en-GB"))
    assert "Defend electoral processes" in data["embeds"][0]["title"]


@pytest.mark.parametrize("number", [42, 0, -1, 2**53])
async def test_out_of_range_number_gets_a_friendly_private_reply(client, core: Core, number: int):
    """Discord does not enforce the choices for us: 42 gets a private explanation, not a crash."""
    data = only_message(await invoke(client, "principle", {"number": number}))
    assert data["flags"] & EPHEMERAL
    assert data["embeds"] == [expected(core, f"principle {number}")]


async def test_autocomplete_offers_at_most_25_names(client, core: Core):
    """Typing a supporter name gets Discord an autocomplete result (type 8) of at most 25."""
    calls = await invoke(client, "supporter", {"name": ""}, autocomplete="name")
    [(kind, payload)] = calls
    assert payload["type"] == 8
    choices = payload["data"]["choices"]
    assert 0 < len(choices) <= 25
    assert [c["value"] for c in choices] == core.complete_supporters("", 25)[:25]


async def test_autocomplete_follows_what_is_typed(client, core: Core):
    """The choices are the core's completions for the text typed so far."""
    calls = await invoke(client, "supporter", {"name": "micro"}, autocomplete="name")
    names = [c["value"] for c in calls[0][1]["data"]["choices"]]
    assert names == core.complete_supporters("micro", 25)
    assert any("Microsoft" in n for n in names)


async def test_a_bad_option_gets_a_short_private_message_and_a_log_line(client, core: Core, caplog):
    """An unexpected error: the user sees the core's apology privately; the log has the details."""
    with caplog.at_level(logging.ERROR, logger="adapters.discord"):
        data = only_message(await invoke(client, "principle", {"bogus": "x"}))
    assert data["flags"] & EPHEMERAL
    assert data["embeds"] == [render(core.sorry("en")).embeds[0].to_dict()]
    [record] = [r for r in caplog.records if r.name.startswith("adapters.discord")]
    assert "/pariscall principle" in record.getMessage() and record.exc_info


async def test_the_apology_follows_the_locale(client, core: Core):
    """A French user's error message is French."""
    data = only_message(await invoke(client, "principle", {"bogus": "x"}, locale="fr"))
    assert data["embeds"] == [render(core.sorry("fr")).embeds[0].to_dict()]


async def test_a_slow_answer_is_deferred_then_followed_up(client, core: Core):
    """Past the time budget the bot defers (type 5) and sends the answer as a follow-up."""
    client.slow_after = 0  # treat every answer as slow
    calls = await invoke(client, "principle", {"number": 3})
    assert [(kind, p.get("type")) for kind, p in calls] == [("callback", 5), ("followup", None)]
    followup = calls[1][1]
    assert followup["allowed_mentions"] == {"parse": []}
    assert followup["embeds"] == [expected(core, "principle 3")]


async def test_commands_work_in_dms(client, core: Core):
    """In a DM with the bot the command answers the same way."""
    data = only_message(await invoke(client, "about", guild=False))
    assert data["embeds"] == [expected(core, "about")]


async def test_hostile_question_never_pings(client):
    """`ask @everyone <@&role>`: no mention is allowed and the text echoes nothing that pings."""
    question = "@everyone <@&123456789012345678> <@123456789012345678> who signed?"
    data = only_message(await invoke(client, "ask", {"question": question}))
    text = str(data)
    assert "@everyone" not in text and "<@&123456789012345678>" not in text


async def test_a_very_long_question_is_answered(client):
    """A 6,000-character question (more than Discord allows) still gets a reply within limits."""
    only_message(await invoke(client, "ask", {"question": "principle " * 600}))


# --- buttons -------------------------------------------------------------------------------


async def components_of_principle_3(core: Core, **kw: Any) -> list[dict[str, Any]]:
    """The buttons a first client sent with /pariscall principle 3; that client is then closed."""
    first, _ = await make_client(core)
    try:
        calls = await invoke(first, "principle", {"number": 3}, **kw)
    finally:
        await first.close()
    return calls[0][1]["data"]["components"]


async def test_buttons_work_after_a_restart(client, core: Core):
    """A new client, set up as at start-up, answers "Next" on a message sent before it started."""
    components = await components_of_principle_3(core)
    with recording() as recorder:
        client._connection.parse_interaction_create(
            click_payload("pariscall:q:en:principle 4", components)
        )
        await settle()
    data = only_message(recorder.calls)
    assert data["flags"] & EPHEMERAL  # the click answers only the person who clicked
    assert data["embeds"] == [expected(core, "principle 4")]


async def test_suggestion_buttons_keep_their_language(client, core: Core):
    """A button on a French reply answers in French, whoever clicks it."""
    components = await components_of_principle_3(core, locale="fr")
    with recording() as recorder:
        client._connection.parse_interaction_create(
            click_payload("pariscall:q:fr:principle 4", components)
        )
        await settle()
    data = only_message(recorder.calls)
    assert data["embeds"] == [expected(core, "principle 4", "fr")]


async def test_next_on_a_private_reply_replaces_it(client, core: Core):
    """On a private (ephemeral) reply, Previous/Next update the message in place (type 7)."""
    components = await components_of_principle_3(core)
    with recording() as recorder:
        click = click_payload("pariscall:q:en:principle 4", components, ephemeral=True)
        client._connection.parse_interaction_create(click)
        await settle()
    [(kind, payload)] = recorder.calls
    assert payload["type"] == 7
    assert payload["data"]["embeds"] == [expected(core, "principle 4")]
    assert payload["data"]["allowed_mentions"] == {"parse": []}


async def test_buttons_of_other_apps_are_ignored(client):
    """A custom id without the `pariscall:` prefix is not ours: no response."""
    components = [
        {"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": "other:1"}]}
    ]
    with recording() as recorder:
        client._connection.parse_interaction_create(click_payload("other:1", components))
        await settle()
    assert recorder.calls == []


# --- More / Sources ------------------------------------------------------------------------


async def test_more_sends_the_details_privately_after_a_restart(client, core: Core):
    """ "More" (a persistent button) sends the details of the answer, privately, to whoever
    clicks, even from a client started after the message was sent."""
    components = await components_of_principle_3(core)
    ids = [c.get("custom_id") for row in components for c in row["components"]]
    assert "pariscall:m:en:principle 3" in ids and "pariscall:s:en:principle 3" in ids
    with recording() as recorder:
        client._connection.parse_interaction_create(
            click_payload("pariscall:m:en:principle 3", components)
        )
        await settle()
    data = only_message(recorder.calls)
    assert data["flags"] & EPHEMERAL
    [embed] = data["embeds"]
    assert "Alliance for Securing Democracy" in embed["description"]
    assert embed == render_more(core.answer("principle 3")).embeds[0].to_dict()


async def test_sources_in_french(client, core: Core):
    """ "Sources" on a French answer lists every source, in French."""
    components = await components_of_principle_3(core, locale="fr")
    labels = [c.get("label") for row in components for c in row["components"]]
    assert "Plus de détails" in labels
    with recording() as recorder:
        client._connection.parse_interaction_create(
            click_payload("pariscall:s:fr:principle 3", components, locale="fr")
        )
        await settle()
    [embed] = only_message(recorder.calls)["embeds"]
    assert embed["description"].startswith("**Toutes les sources**")
    assert all(s.url in embed["description"] for s in core.answer("principe 3").sources)
