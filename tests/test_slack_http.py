"""The Slack adapter over HTTP: signed requests to a real localhost server, a fake Web API."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from urllib.parse import urlencode

import aiohttp
import pytest

from adapters.slack.render import (
    ASK,
    LINK,
    MORE,
    NAV,
    SHARE,
    SOURCES,
    decode_value,
    encode_value,
    render_more,
)
from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import (
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    CHANNEL,
    DM,
    SECRET,
    USER,
    FakeSlackAPI,
    SlackHarness,
    action_payload,
    assert_no_pings,
    check_message,
    check_view,
    dm_event,
    event_payload,
    home_event,
    mention_event,
    settings_for,
    sign,
)

# The `fake_api` and `slack` fixtures (tests/conftest.py is shared, so ours live apart).
pytest_plugins = ["tests.slack_fixtures"]


def buttons(payload: dict) -> dict[str, str]:
    """action_id -> query (or URL) for every button in a message."""
    out = {}
    for block in payload["blocks"]:
        if block["type"] == "actions":
            for e in block["elements"]:
                out[e["action_id"]] = e.get("url") or decode_value(e.get("value"))[0]
    return out


# -- /pariscall ---------------------------------------------------------------------------------


async def test_command_answers_privately_with_a_share_button(slack: SlackHarness) -> None:
    """/pariscall principle 3: the ack carries an ephemeral answer with "Share in channel"."""
    answer = await slack.ask("principle 3")
    assert answer["response_type"] == "ephemeral"
    assert slack.fake.responses() == slack.fake.posts() == []  # the answer was the ack
    check_message(answer)
    assert "Defend electoral processes" in answer["blocks"][0]["text"]["text"]
    assert buttons(answer)[SHARE] == "principle 3"


async def test_command_without_text_explains_the_commands(slack: SlackHarness) -> None:
    """/pariscall alone (or help) answers with the help reply."""
    for text in ("", "help"):
        answer = await slack.ask(text)
        assert answer["blocks"][0]["text"]["text"] == "How to use pariscall"


async def test_command_in_french(slack: SlackHarness) -> None:
    """ "fr principle 3" and "principe 3" are answered in French, with French buttons."""
    for text in ("fr principle 3", "principe 3"):
        answer = await slack.ask(text)
        assert answer["blocks"][0]["text"]["text"].startswith("Principe 3")
        assert "Partager dans le canal" in json.dumps(answer, ensure_ascii=False)


async def test_workspace_default_language(core: Core, fake_api: FakeSlackAPI) -> None:
    """PARISCALL_LANG=fr makes French the default when the question does not say."""
    service = SlackService(settings_for(fake_api, lang="fr"), core)
    await service.open()
    try:
        async with aiohttp.ClientSession() as http:
            answer = await SlackHarness(service, fake_api, http).ask("principle 3")
    finally:
        await service.close()
    assert answer["blocks"][0]["text"]["text"].startswith("Principe 3")


async def test_ack_is_not_held_up_by_a_slow_web_api(slack: SlackHarness) -> None:
    """An event is acked at once; the reply follows when the slow chat.postMessage takes it."""
    slack.fake.delays["chat.postMessage"] = 0.6
    body = json.dumps(event_payload(dm_event("principle 3")))
    headers = {"Content-Type": "application/json", **sign(body)}
    started = time.perf_counter()
    async with slack.http.post(slack.url, data=body, headers=headers) as resp:
        assert resp.status == 200
    assert time.perf_counter() - started < 0.4
    assert slack.fake.posts() == []  # not yet answered when the ack came back
    await slack.bot.drain()
    assert len(slack.fake.posts()) == 1
    assert time.perf_counter() - started >= 0.6


# -- buttons ------------------------------------------------------------------------------------


async def test_share_posts_the_same_answer_in_channel(slack: SlackHarness) -> None:
    """Share: the same answer in_channel (without a share button), then the private copy goes."""
    private = await slack.ask("principle 3")
    status, _ = await slack.action(SHARE, encode_value("principle 3", "en"))
    assert status == 200
    shared, delete = slack.fake.responses()
    assert shared.body["response_type"] == "in_channel"
    assert shared.body["replace_original"] is False
    check_message(shared.body)
    assert shared.body["blocks"][0] == private["blocks"][0]
    assert shared.body["text"] == private["text"]
    assert SHARE not in buttons(shared.body)
    assert delete.body == {"delete_original": True}


async def test_next_turns_the_private_page(slack: SlackHarness) -> None:
    """Next on an ephemeral principle replaces it with the next principle."""
    await slack.action(f"{NAV}_1", encode_value("principle 4", "en"))
    [call] = slack.fake.responses()
    assert call.body["replace_original"] is True
    assert call.body["response_type"] == "ephemeral"
    assert call.body["blocks"][0]["text"]["text"].startswith("Principle 4")
    assert buttons(call.body)[f"{NAV}_0"] == "principle 3"


async def test_previous_in_french_stays_french(slack: SlackHarness) -> None:
    """A button remembers the reply's language."""
    await slack.action(f"{NAV}_0", encode_value("principle 2", "fr"))
    [call] = slack.fake.responses()
    assert call.body["blocks"][0]["text"]["text"].startswith("Principe 2")


async def test_suggestion_answers_in_a_new_private_message(slack: SlackHarness) -> None:
    """A suggestion runs its query; the answer is new, ephemeral and shareable."""
    await slack.action(f"{ASK}_2", encode_value("principles", "en"))
    [call] = slack.fake.responses()
    assert call.body["replace_original"] is False
    assert call.body["response_type"] == "ephemeral"
    assert "nine principles" in call.body["blocks"][0]["text"]["text"]
    assert buttons(call.body)[SHARE] == "principles"


async def test_button_on_a_threaded_answer_stays_in_the_thread(slack: SlackHarness) -> None:
    """A click on a public answer in a thread answers the clicker privately, in that thread."""
    value = encode_value("principle 5", "en")
    await slack.action(f"{ASK}_0", value, ephemeral=False, thread_ts="1700000100.000100")
    [call] = slack.fake.responses()
    assert call.body["response_type"] == "ephemeral"
    assert call.body["thread_ts"] == "1700000100.000100"
    assert slack.fake.posts() == []


async def test_button_in_a_dm_posts_in_the_dm(slack: SlackHarness) -> None:
    """In a DM with the bot, a button's answer is a new message in the DM."""
    await slack.action(f"{ASK}_0", encode_value("about", "en"), ephemeral=False, channel=DM)
    [post] = slack.fake.posts()
    assert post.body["channel"] == DM
    check_message(post.body)
    assert slack.fake.responses() == []


async def test_button_on_app_home_answers_in_the_app_dm(slack: SlackHarness) -> None:
    """App Home buttons have no response_url: the answer goes to the app's DM with the user."""
    await slack.action(f"{ASK}_0", encode_value("principle 1", "en"), where="home")
    [post] = slack.fake.posts()
    assert post.body["channel"] == USER
    assert post.body["blocks"][0]["text"]["text"].startswith("Principle 1")


async def test_link_button_is_acked_and_does_nothing_else(slack: SlackHarness) -> None:
    """URL buttons still send a click: it is acked so Slack shows no warning."""
    status, _ = await slack.action(f"{LINK}_0", None)
    assert status == 200
    assert slack.fake.calls_to("response") == [] and slack.fake.posts() == []


async def test_button_without_a_query_is_ignored(slack: SlackHarness) -> None:
    """A button value we did not write is acked and ignored."""
    status, _ = await slack.action(f"{ASK}_0", "garbage")
    assert status == 200
    assert slack.fake.responses() == []


# -- mentions, DMs, App Home --------------------------------------------------------------------


async def test_mention_is_answered_in_its_thread(slack: SlackHarness) -> None:
    """@pariscall principle 3 in a channel: answered in the thread of the mention."""
    status, _ = await slack.event(mention_event(f"<@{BOT_USER_ID}> principle 3"))
    assert status == 200
    [post] = slack.fake.posts()
    assert post.body["channel"] == CHANNEL
    assert post.body["thread_ts"] == "1700000100.000100"
    check_message(post.body)
    assert "Defend electoral processes" in post.body["blocks"][0]["text"]["text"]
    assert BOT_USER_ID not in json.dumps(post.body)  # the mention was stripped
    assert SHARE not in buttons(post.body)  # already public
    assert post.headers["authorization"] == f"Bearer {BOT_TOKEN}"


async def test_mention_inside_a_thread_answers_in_that_thread(slack: SlackHarness) -> None:
    """A mention in an existing thread is answered in that thread, not a new one."""
    event = mention_event(f"principle 8 <@{BOT_USER_ID}>", thread_ts="1699999999.000001")
    await slack.event(event)
    [post] = slack.fake.posts()
    assert post.body["thread_ts"] == "1699999999.000001"
    assert post.body["blocks"][0]["text"]["text"].startswith("Principle 8")


async def test_direct_message_is_answered_in_the_dm(slack: SlackHarness) -> None:
    """A DM to the app is answered in the DM."""
    await slack.event(dm_event("principle 3"))
    [post] = slack.fake.posts()
    assert post.body["channel"] == DM
    assert "thread_ts" not in post.body
    assert "Defend electoral processes" in post.body["blocks"][0]["text"]["text"]


@pytest.mark.parametrize(
    "event",
    [
        dm_event("principle 3", subtype="message_changed"),
        dm_event("joined", subtype="channel_join"),
        dm_event("principle 3", subtype="bot_message", bot_id="BOTHER"),
        dm_event("principle 3", bot_id="BOTHER"),
        dm_event("principle 3", user=BOT_USER_ID),
        dm_event("principle 3", user=BOT_USER_ID, bot_id=BOT_ID),
        dm_event("principle 3", channel_type="channel", channel=CHANNEL),
        mention_event(f"<@{BOT_USER_ID}> principle 3", bot_id="BOTHER"),
        mention_event(f"<@{BOT_USER_ID}> principle 3", user=BOT_USER_ID),
    ],
    ids=[
        "edit",
        "join",
        "bot-message",
        "other-bot",
        "self",
        "self-bot",
        "channel",
        "bot-mention",
        "self-mention",
    ],  # fmt: skip
)
async def test_ignored_messages(slack: SlackHarness, event: dict) -> None:
    """Edits, joins, other bots' and our own messages, and non-DM messages get no reply."""
    status, _ = await slack.event(event)
    assert status == 200
    assert slack.fake.posts() == []


async def test_app_home_is_published(slack: SlackHarness) -> None:
    """Opening the Home tab publishes core.home() for that user; the Messages tab does not."""
    await slack.event(home_event("messages"))
    assert slack.fake.calls_to("views.publish") == []
    await slack.event(home_event("home"))
    [call] = slack.fake.calls_to("views.publish")
    assert call.body["user_id"] == USER
    check_view(call.body["view"])
    text = json.dumps(call.body["view"], ensure_ascii=False)
    assert "Defend electoral processes" in text


# -- signatures and Slack's own requests --------------------------------------------------------


async def test_bad_signature_is_refused(slack: SlackHarness) -> None:
    """A request signed with another secret: 401 and nothing is posted."""
    body = json.dumps({"type": "event_callback", "event": mention_event("principle 3")})
    status, text = await slack.post(body, "application/json", secret="not-the-secret")
    assert status == 401 and json.loads(text) == {"error": "invalid request"}
    assert slack.fake.posts() == []


async def test_missing_signature_is_refused(slack: SlackHarness) -> None:
    """A request without Slack's headers: 401."""
    status, _ = await slack.post(
        "command=/pariscall&text=help", "application/x-www-form-urlencoded", {}
    )
    assert status == 401
    assert slack.fake.calls_to("response") == []


async def test_stale_signature_is_refused(slack: SlackHarness) -> None:
    """A correctly signed request older than five minutes (a replay): 401."""
    status, _ = await slack.post(
        "command=/pariscall&text=help",
        "application/x-www-form-urlencoded",
        timestamp=int(time.time()) - 301,
    )
    assert status == 401


async def test_url_verification_challenge(slack: SlackHarness) -> None:
    """Slack's url_verification handshake gets its challenge back."""
    body = json.dumps(
        {
            "token": "t",
            "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
            "type": "url_verification",
        }
    )  # noqa: E501
    status, text = await slack.post(body, "application/json")
    assert status == 200
    assert json.loads(text)["challenge"].startswith("3eZbrw1a")


async def test_healthz(slack: SlackHarness) -> None:
    """GET /healthz answers 200 for load balancers, without a signature."""
    async with slack.http.get(slack.url.replace("/slack/events", "/healthz")) as resp:
        assert resp.status == 200 and await resp.text() == "ok"


async def test_unsubscribed_event_is_unhandled(slack: SlackHarness) -> None:
    """An event type the app does not subscribe to finds no listener (404), so no scope is used."""
    status, _ = await slack.event({"type": "reaction_added", "user": USER, "reaction": "+1"})
    assert status == 404


# -- faults -------------------------------------------------------------------------------------


async def test_retried_event_is_answered_once(slack: SlackHarness) -> None:
    """Slack's retries of an event (same event_id, X-Slack-Retry-Num) never give a second reply."""
    event = mention_event(f"<@{BOT_USER_ID}> principle 3")
    await slack.event(event, event_id="Ev0RETRY1")
    for attempt in (1, 2, 3):
        status, _ = await slack.event(event, event_id="Ev0RETRY1", retry=attempt)
        assert status == 200
    assert len(slack.fake.posts()) == 1


async def test_retry_of_a_lost_delivery_is_answered(slack: SlackHarness) -> None:
    """If the first delivery never arrived, its retry is answered (dedupe is by event_id)."""
    await slack.event(dm_event("principle 1"), event_id="Ev0LOST", retry=1)
    assert len(slack.fake.posts()) == 1


async def test_rate_limited_post_is_retried_after_retry_after(slack: SlackHarness) -> None:
    """A 429 from chat.postMessage is retried after Retry-After, then succeeds."""
    slack.fake.script(
        "chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, Retry_After="0"
    )
    await slack.event(dm_event("principle 3"))
    first, second = slack.fake.posts()
    assert first.body == second.body


async def test_rate_limited_response_url_is_retried(slack: SlackHarness) -> None:
    """A 429 on the response_url (sharing an answer) is retried too."""
    slack.fake.script("response", 429, "rate limited", Retry_After="0")
    await slack.action(SHARE, encode_value("principle 3", "en"))
    first, second, delete = slack.fake.responses()
    assert first.body == second.body and delete.body == {"delete_original": True}


async def test_web_api_error_is_logged_and_next_request_served(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """chat.postMessage failing (e.g. not_in_channel) is logged; the app goes on serving."""
    slack.expect_errors = True
    slack.fake.script("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})
    with caplog.at_level(logging.ERROR, logger="pariscall.slack"):
        await slack.event(mention_event(f"<@{BOT_USER_ID}> principle 3"))
    assert "not_in_channel" in caplog.text
    await slack.event(mention_event(f"<@{BOT_USER_ID}> principle 4"))
    assert len(slack.fake.posts()) == 2


async def test_web_api_down_is_logged_and_next_request_served(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """With the Web API down, replies fail with a log line; commands, sharing and /healthz work."""
    slack.expect_errors = True
    slack.fake.stop()
    with caplog.at_level(logging.ERROR, logger="pariscall.slack"):
        status, _ = await slack.event(dm_event("principle 3"))
    assert status == 200
    assert "could not be reached" in caplog.text
    assert "Traceback" not in caplog.text
    answer = await slack.ask("principle 3")
    assert "Defend electoral processes" in answer["blocks"][0]["text"]["text"]
    hooks = FakeSlackAPI().start()  # response_urls live on another host than the Web API
    try:
        payload = action_payload(SHARE, encode_value("principle 3", "en"), hooks.response_url())
        body = urlencode({"payload": json.dumps(payload)})
        status, _ = await slack.post(body, "application/x-www-form-urlencoded")
        assert status == 200
        assert len(hooks.responses()) == 2
    finally:
        hooks.stop()
    async with slack.http.get(slack.url.replace("/slack/events", "/healthz")) as resp:
        assert resp.status == 200


# -- injection ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "is <!channel> a supporter?",
        "supporter <@U123>",
        "supporter <@U123|ana> &lt;!here&gt;",
        "did <!subteam^S0123|@admins> sign? <!everyone>",
        "supporter @here and @channel",
        "supporter &amp;lt;!channel&amp;gt; <#C1|general>",
    ],
)
async def test_mention_injection_never_pings(slack: SlackHarness, text: str) -> None:
    """Mentions and broadcasts in a question stay inert in every echoed field, on every path."""
    answer = await slack.ask(text)
    await slack.event(mention_event(f"<@{BOT_USER_ID}> {text}"))
    await slack.event(dm_event(text))
    await slack.action(SHARE, encode_value(text, "en"))
    posted = slack.fake.responses() + slack.fake.posts()
    payloads = [answer] + [c.body for c in posted if "blocks" in c.body]
    assert len(payloads) == 4
    for payload in payloads:
        check_message(payload)
        assert_no_pings(payload)


async def test_long_hostile_input_gets_a_normal_reply(slack: SlackHarness) -> None:
    """A 40,000-character question is answered within the limits like any other."""
    answer = await slack.ask("<!channel> " * 4000)
    check_message(answer)
    assert_no_pings(answer)


async def test_tokens_never_logged(
    core: Core,
    fake_api: FakeSlackAPI,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Even at DEBUG level, no token or secret appears in any log line."""
    with caplog.at_level(logging.DEBUG):
        service = SlackService(settings_for(fake_api), core)
        await service.open()
        try:
            async with aiohttp.ClientSession() as http:
                harness = SlackHarness(service, fake_api, http)
                await harness.ask("principle 3")
                await harness.event(mention_event(f"<@{BOT_USER_ID}> principle 3"))
                await harness.action(SHARE, encode_value("principle 3", "en"))
        finally:
            await service.close()
    assert len(fake_api.posts()) == 1 and len(fake_api.responses()) == 2
    assert BOT_TOKEN not in caplog.text and SECRET not in caplog.text
    assert "xoxb-" not in caplog.text


async def test_shutdown_finishes_answers_in_flight(core: Core, fake_api: FakeSlackAPI) -> None:
    """Closing the service waits for replies already acked, then stops listening."""
    fake_api.delays["chat.postMessage"] = 0.3
    service = SlackService(settings_for(fake_api), core)
    await service.open()
    body = json.dumps(
        {
            "type": "event_callback",
            "event_id": "Ev0CLOSE",
            "team_id": "T111",
            "event": dm_event("principle 3"),
        }
    )
    async with aiohttp.ClientSession() as http:
        url = f"http://127.0.0.1:{service.port}/slack/events"
        headers = {"Content-Type": "application/json", **sign(body)}
        async with http.post(url, data=body, headers=headers) as resp:
            assert resp.status == 200
        await service.close()
        assert len(fake_api.posts()) == 1
        with pytest.raises(aiohttp.ClientConnectionError):
            async with http.get(url.replace("/slack/events", "/healthz")):
                pass
    await asyncio.sleep(0)


# -- More / Sources ------------------------------------------------------------------------------


def blocks_text(payload: dict) -> str:
    """All the text of a message's blocks, as one string."""
    return json.dumps(payload["blocks"], ensure_ascii=False)


async def test_more_posts_the_details_in_the_answers_thread(
    slack: SlackHarness, core: Core
) -> None:
    """A mention's answer has "More"; clicking it posts the details in that answer's thread."""
    await slack.event(mention_event(f"<@{BOT_USER_ID}> principle 3"))
    [answer] = slack.fake.posts()
    assert buttons(answer.body)[MORE] == "principle 3"
    slack.fake.reset()
    status, _ = await slack.action(MORE, encode_value("principle 3", "en"), ephemeral=False)
    assert status == 200
    [post] = slack.fake.posts()
    assert post.body["channel"] == CHANNEL
    assert post.body["thread_ts"] == "1700000250.000100"  # the answer's own message
    check_message(post.body)
    assert "Alliance for Securing Democracy" in blocks_text(post.body)
    assert post.body["blocks"] == list(render_more(core.answer("principle 3")).blocks)


async def test_more_on_a_private_answer_stays_private(slack: SlackHarness) -> None:
    """On the ephemeral answer to /pariscall, "More" answers privately below it."""
    answer = await slack.ask("us")
    assert buttons(answer)[MORE] == "us" and buttons(answer)[SOURCES] == "us"
    await slack.action(MORE, encode_value("us", "en"), ephemeral=True)
    [call] = slack.fake.responses()
    assert call.body["response_type"] == "ephemeral"
    assert call.body["replace_original"] is False
    check_message(call.body)
    assert "10 Nov 2021" in blocks_text(call.body)
    assert slack.fake.posts() == []


async def test_sources_lists_every_source(slack: SlackHarness, core: Core) -> None:
    """ "Sources" posts every source of the answer, each a link."""
    await slack.action(SOURCES, encode_value("us", "en"), ephemeral=False)
    [post] = slack.fake.posts()
    check_message(post.body)
    text = blocks_text(post.body)
    assert all(s.url.replace("&", "&amp;") in text for s in core.answer("us").sources[:6])


async def test_more_in_french(slack: SlackHarness) -> None:
    """A French answer's button says "Plus de détails" and brings the French details."""
    answer = await slack.ask("principe 3")
    more = [e for b in answer["blocks"] if b["type"] == "actions" for e in b["elements"]
            if e["action_id"] == MORE]  # fmt: skip
    assert more[0]["text"]["text"] == "Plus de détails"
    await slack.action(MORE, more[0]["value"], ephemeral=True)
    [call] = slack.fake.responses()
    assert "Toutes les sources" in blocks_text(call.body)


async def test_more_without_details_is_not_offered(slack: SlackHarness) -> None:
    """Help has no details, so no "More" button."""
    assert MORE not in buttons(await slack.ask("help"))
