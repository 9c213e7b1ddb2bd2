"""Slack defects found running it as an operator would, each through the real bolt app."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

import adapters.slack.app as slack_app
from adapters.slack.render import ASK, SHARE, decode_value, encode_value
from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import (
    APP_TOKEN,
    DM,
    FakeSlackAPI,
    SlackHarness,
    check_message,
    dm_event,
    settings_for,
    start_socket_server,
)

# The `fake_api` and `slack` fixtures (tests/conftest.py is shared, so ours live apart).
pytest_plugins = ["tests.slack_fixtures"]

OTHER_DM = "D0TWOPEOPLE"  # a DM between two people, where the bot is not a member


async def test_button_on_an_ephemeral_answer_in_any_dm_uses_the_response_url(
    slack: SlackHarness,
) -> None:
    """A button on an ephemeral /pariscall answer in a DM between two people answers through
    its response_url (the bot cannot post there)."""
    await slack.action(f"{ASK}_0", encode_value("principle 2", "en"), channel=OTHER_DM)
    assert slack.fake.posts() == []
    [call] = slack.fake.responses()
    assert call.body["response_type"] == "ephemeral"
    assert "Protect the Internet" in json.dumps(call.body)
    check_message(call.body)


async def test_share_failure_keeps_the_private_answer(slack: SlackHarness) -> None:
    """When the in-channel post is refused (archived channel), the private answer is not deleted
    and the user gets an ephemeral sentence saying why."""
    slack.expect_errors = True  # the refused post is logged for the operator
    slack.fake.script("response", 404, "channel_not_found")
    await slack.action(SHARE, encode_value("principle 3", "en"))
    shared, sorry = slack.fake.responses()
    assert shared.body["response_type"] == "in_channel"
    assert sorry.body["response_type"] == "ephemeral" and "could not post" in sorry.body["text"]
    assert not any(c.body.get("delete_original") for c in slack.fake.responses())


async def test_share_success_deletes_the_private_answer(slack: SlackHarness) -> None:
    """After a successful share the private copy is deleted, as before."""
    await slack.action(SHARE, encode_value("principle 3", "en"))
    shared, delete = slack.fake.responses()
    assert shared.body["response_type"] == "in_channel" and delete.body == {"delete_original": True}


def test_button_value_fits_after_json_escaping() -> None:
    """Control characters become six characters in JSON: the value is cut to Slack's 2,000."""
    value = encode_value("\x01" * 600, "en")
    assert len(value) <= 2000
    query, lang = decode_value(value)
    assert lang == "en" and query and set(query) == {"\x01"}
    assert len(encode_value("é" * 600, "fr")) <= 2000


async def test_unexpected_error_in_a_slash_command_is_an_apology(
    slack: SlackHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug while answering a slash command gives the user the core's apology, not Slack's
    generic failure, and the operator a log line."""
    slack.expect_errors = True
    real_render = slack_app.render

    def broken_render(reply: Any, **kw: Any) -> Any:
        if reply.topic != "error":
            raise KeyError("a bug")
        return real_render(reply, **kw)

    monkeypatch.setattr(slack_app, "render", broken_render)
    answer = await slack.ask("principle 4")
    assert answer["response_type"] == "ephemeral"
    assert answer["text"] == real_render(slack.bot.core.sorry("en")).text
    check_message(answer)


async def test_dm_with_a_file_is_answered_from_its_text(slack: SlackHarness) -> None:
    """A DM carrying a file (subtype file_share) is answered from its text."""
    await slack.event(dm_event("principle 6", subtype="file_share", files=[{"id": "F1"}]))
    [post] = slack.fake.posts()
    assert post.body["channel"] == DM and "Principle 6" in post.body["blocks"][0]["text"]["text"]


async def test_start_logs_no_bolt_warning(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    """Starting the app logs no bolt warning (such as "'token' will be unused")."""
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == []


async def test_socket_mode_start_logs_no_bolt_warning(
    core: Core, fake_api: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """Starting in Socket Mode logs no warning either (no "'token' will be unused")."""

    runner = await start_socket_server(fake_api)
    service = SlackService(settings_for(fake_api, app_token=APP_TOKEN, signing_secret=None), core)
    with caplog.at_level(logging.DEBUG):
        await service.open()
        await service.close()
    await runner.cleanup()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not any("unused" in r.getMessage() for r in caplog.records)
