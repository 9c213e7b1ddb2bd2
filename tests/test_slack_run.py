"""Running Slack: settings and tokens at start, `.env`, the manifest, and `start()` for serve."""

from __future__ import annotations

import asyncio
import json
import re
import socket
from pathlib import Path

import aiohttp
import pytest
import yaml

import adapters.slack.run as slack_run
from adapters.cli import main
from adapters.slack.app import EVENTS, METHODS
from adapters.slack.manifest import EVENT_SCOPES, bot_scopes
from adapters.slack.render import SHARE, encode_value
from adapters.slack.run import start
from adapters.slack.settings import ConfigError, from_env
from bot.core import Core
from tests.slack_fakes import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    SECRET,
    FakeSlackAPI,
    SlackHarness,
    dm_event,
    event_payload,
    home_event,
    mention_event,
    settings_for,
)

ENV_NAMES = ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "PORT",
             "PARISCALL_LANG", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")  # fmt: skip

# The `fake_api` and `slack` fixtures (tests/conftest.py is shared, so ours live apart).
pytest_plugins = ["tests.slack_fixtures"]


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No Slack variables, and a working folder without a .env file."""
    for name in ENV_NAMES:
        monkeypatch.setenv(name, "")  # recorded, so teardown also undoes what .env files set
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


# -- tokens and settings ------------------------------------------------------------------------


def test_missing_bot_token_exits_2(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No SLACK_BOT_TOKEN: one line naming it and its prefix, exit code 2."""
    assert slack_run.run([]) == 2
    line = one_line(capsys.readouterr().err)
    assert "SLACK_BOT_TOKEN" in line and "xoxb-" in line


@pytest.mark.parametrize(
    ("env", "variable", "expected"),
    [
        ({"SLACK_BOT_TOKEN": "xoxp-1234-user-token"}, "SLACK_BOT_TOKEN", "xoxb-"),
        ({"SLACK_BOT_TOKEN": "xoxb-1 2"}, "SLACK_BOT_TOKEN", "xoxb-"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-not-an-app-token"},
            "SLACK_APP_TOKEN",
            "xapp-",
        ),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "PORT": "http"},
            "PORT",
            "0 to 65535",
        ),
        (
            {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "PARISCALL_LANG": "de"},
            "PARISCALL_LANG",
            "en, fr",
        ),
        (
            {
                "SLACK_BOT_TOKEN": BOT_TOKEN,
                "SLACK_SIGNING_SECRET": SECRET,
                "SLACK_API_URL": "slack.com",
            },
            "SLACK_API_URL",
            "https://",
        ),
    ],  # fmt: skip
)
def test_bad_settings_exit_2_naming_the_variable(
    clean_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    variable: str,
    expected: str,
) -> None:
    """Malformed or missing settings: one line naming the variable and what is expected."""
    for name, value in env.items():
        clean_env.setenv(name, value)
    assert slack_run.run([]) == 2
    line = one_line(capsys.readouterr().err)
    assert variable in line and expected in line
    for value in env.values():  # never echo a token back
        if value.startswith(("xox", "xapp")):
            assert value not in line


def test_refused_bot_token_exits_2(
    clean_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_api: FakeSlackAPI,
) -> None:
    """auth.test says invalid_auth: the same one-line report, exit code 2."""
    clean_env.setenv("SLACK_BOT_TOKEN", "xoxb-9999-revoked")
    clean_env.setenv("SLACK_SIGNING_SECRET", SECRET)
    clean_env.setenv("SLACK_API_URL", fake_api.url)
    assert slack_run.run(["--port", "0", "--host", "127.0.0.1"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "SLACK_BOT_TOKEN" in line and "invalid_auth" in line and "xoxb-" in line
    assert "9999-revoked" not in line
    assert [c.method for c in fake_api.calls] == ["auth.test"]


def test_refused_app_token_exits_2(
    clean_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fake_api: FakeSlackAPI,
) -> None:
    """apps.connections.open refuses the app-level token: one line naming SLACK_APP_TOKEN."""
    clean_env.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    clean_env.setenv("SLACK_APP_TOKEN", "xapp-1-A111-revoked")
    clean_env.setenv("SLACK_API_URL", fake_api.url)
    assert slack_run.run([]) == 2
    line = one_line(capsys.readouterr().err)
    assert "SLACK_APP_TOKEN" in line and "invalid_auth" in line and "xapp-" in line


async def test_socket_mode_start_has_a_timeout(
    core: Core, fake_api: FakeSlackAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Socket Mode WebSocket that never connects: StartError after the timeout, not a hang."""
    monkeypatch.setattr(slack_run, "SOCKET_CONNECT_TIMEOUT", 0.5)
    fake_api.wss_url = f"ws://127.0.0.1:{free_port()}/link"  # nothing listens there
    service = slack_run.SlackService(settings_for(fake_api, app_token=APP_TOKEN), core)
    with pytest.raises(slack_run.StartError, match="Socket Mode could not connect"):
        await asyncio.wait_for(service.open(), 10)


def test_dotenv_is_read_and_environment_wins(
    clean_env: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fake_api: FakeSlackAPI,
) -> None:
    """`pariscall slack` reads .env in the current folder; real environment variables win."""
    (tmp_path / ".env").write_text(
        f"# Slack\nSLACK_BOT_TOKEN=xoxb-from-dotenv\nSLACK_SIGNING_SECRET='s3cret'\n"
        f"SLACK_API_URL={fake_api.url}\nPARISCALL_LANG=fr\n",
        encoding="utf-8",
    )
    clean_env.setenv("PARISCALL_LANG", "xx")  # the environment wins, and this one is bad
    with pytest.raises(SystemExit) as exit_info:
        main(["slack"])
    assert exit_info.value.code == 2
    assert "PARISCALL_LANG" in one_line(capsys.readouterr().err)
    clean_env.setenv("PARISCALL_LANG", "fr")
    assert main(["slack"]) == 2  # read from .env: the token reached auth.test, which refused it
    assert "invalid_auth" in one_line(capsys.readouterr().err)
    [call] = fake_api.calls_to("auth.test")
    assert call.headers["authorization"] == "Bearer xoxb-from-dotenv"


def test_settings_choose_the_mode_and_hide_tokens() -> None:
    """An app token means Socket Mode; repr() shows no token or secret."""
    settings = from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": APP_TOKEN,
                         "SLACK_API_URL": "https://slack.example.gov/api"})  # fmt: skip
    assert settings.socket_mode and settings.api_url == "https://slack.example.gov/api/"
    assert BOT_TOKEN not in repr(settings) and APP_TOKEN not in repr(settings)
    with pytest.raises(ConfigError) as info:
        from_env({})
    assert info.value.variable == "SLACK_BOT_TOKEN"


# -- start() for `pariscall serve` --------------------------------------------------------------


async def test_start_serves_until_cancelled(core: Core, fake_api: FakeSlackAPI) -> None:
    """start(settings, core) runs on the caller's loop, serves /healthz, and stops when cancelled."""
    port = free_port()
    task = asyncio.ensure_future(start(settings_for(fake_api, port=port), core))
    async with aiohttp.ClientSession() as http:
        for _ in range(100):
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                    if resp.status == 200:
                        break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.02)
        else:
            pytest.fail("the Slack adapter did not start")
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [c.method for c in fake_api.calls] == ["auth.test"]


# -- the manifest -------------------------------------------------------------------------------


def test_manifest_socket_mode(capsys: pytest.CaptureFixture[str]) -> None:
    """`pariscall slack manifest` prints a Socket Mode manifest without request URLs."""
    assert slack_run.run(["manifest"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in json.dumps(manifest)
    assert "url" not in manifest["features"]["slash_commands"][0]
    check_manifest(manifest)


def test_manifest_http_mode(capsys: pytest.CaptureFixture[str]) -> None:
    """--http --url: every request URL is https://HOST/slack/events and Socket Mode is off."""
    assert slack_run.run(["manifest", "--http", "--url", "https://bot.example.org/"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    url = "https://bot.example.org/slack/events"
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["features"]["slash_commands"][0]["url"] == url
    assert manifest["settings"]["event_subscriptions"]["request_url"] == url
    assert manifest["settings"]["interactivity"]["request_url"] == url
    check_manifest(manifest)


@pytest.mark.parametrize(
    "argv",
    [
        ["manifest", "--http"],
        ["manifest", "--http", "--url", "http://bot.example.org"],
        ["manifest", "--url", "https://bot.example.org"],
    ],  # fmt: skip
)
def test_manifest_bad_arguments_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """--http needs an https:// --url, and --url needs --http."""
    assert slack_run.run(argv) == 2
    assert "--url" in one_line(capsys.readouterr().err)


def check_manifest(manifest: dict) -> None:
    """The parts of Slack's manifest schema (v1) this manifest uses, and our own needs."""
    assert manifest["_metadata"]["major_version"] == 1
    assert 1 <= len(manifest["display_information"]["name"]) <= 35
    home = manifest["features"]["app_home"]
    assert home == {"home_tab_enabled": True, "messages_tab_enabled": True,
                    "messages_tab_read_only_enabled": False}  # fmt: skip
    assert 1 <= len(manifest["features"]["bot_user"]["display_name"]) <= 80
    [command] = manifest["features"]["slash_commands"]
    assert (
        re.fullmatch(r"/[a-z0-9_-]{1,31}", command["command"])
        and command["command"] == "/pariscall"
    )
    assert 1 <= len(command["description"]) <= 2000 and 1 <= len(command["usage_hint"]) <= 1000
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["event_subscriptions"]["bot_events"] == list(EVENTS)
    assert manifest["oauth_config"]["scopes"]["bot"] == bot_scopes()
    assert set(bot_scopes()) == {"app_mentions:read", "chat:write", "commands", "im:history"}


async def test_manifest_matches_what_the_code_uses(slack: SlackHarness) -> None:
    """Every subscribed event has a listener, and the scopes are exactly those the calls need."""
    for event in EVENTS:
        sample = {"app_mention": mention_event(f"<@{BOT_USER_ID}> principle 3"),
                  "message.im": dm_event("principle 3"), "app_home_opened": home_event()}[event]  # fmt: skip
        response = await slack.socket(event_payload(sample))
        assert response.status == 200, event
    await slack.command("principle 3")
    await slack.action(SHARE, encode_value("principle 3", "en"))
    used = {c.method for c in slack.fake.calls if not c.path.startswith("/response/")}
    assert used <= set(METHODS), used
    needed = {"commands"} | {EVENT_SCOPES[e] for e in EVENTS} | {METHODS[m] for m in used}
    assert set(bot_scopes()) == needed - {None}


def test_bolt_private_api_guard() -> None:
    """The adapter overrides bolt's private AsyncApp._init_context: a bolt upgrade must fail here."""
    import inspect

    from slack_bolt.async_app import AsyncApp
    from slack_bolt.version import __version__

    assert __version__.startswith("1.30."), "re-check SingleWorkspaceApp against this bolt"
    assert list(inspect.signature(AsyncApp._init_context).parameters) == ["self", "req"]
