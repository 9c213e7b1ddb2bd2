"""Slack OAuth (a distributed app): installs through the redirect into the database, each
workspace answered with its own token, uninstalls, token rotation; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
import sqlalchemy as sa

from adapters import telemetry
from adapters.db import Database, slack_bots, slack_installations
from adapters.metrics import Metrics
from adapters.runtime import Runtime
from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import (
    CLIENT_ID,
    CLIENT_SECRET,
    FakeSlackAPI,
    SlackHarness,
    Workspace,
    mention_event,
    settings_for,
    workspace,
)

pytest_plugins = ["tests.slack_fixtures", "tests.db_fixtures"]

COOKIE = "slack-app-oauth-state"


@dataclass
class OAuthApp:
    service: SlackService
    harness: SlackHarness
    http: aiohttp.ClientSession
    fake: FakeSlackAPI
    database: Database
    metrics: Metrics

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.service.port}"

    async def install(self, team_id: str) -> tuple[int, str]:
        """An admin of `team_id` clicks "Add to Slack", approves, and comes back to the redirect."""
        async with self.http.get(f"{self.base}/slack/install") as page:
            assert page.status == 200
            html = await page.text()
            state = page.cookies[COOKIE].value
        assert f"client_id={CLIENT_ID}" in html and f"state={state}" in html
        url = f"{self.base}/slack/oauth_redirect?code=code-{team_id}&state={state}"
        async with self.http.get(url, headers={"Cookie": f"{COOKIE}={state}"}) as back:
            return back.status, await back.text()

    async def mention(self, ws: Workspace, text: str = "principle 3") -> None:
        await self.harness.event(mention_event(text, channel=f"C{ws.team_id}"), ws=ws)

    def posts_by_token(self) -> list[tuple[str, str]]:
        """(channel, bearer token) of every chat.postMessage."""
        return [
            (c.body["channel"], c.headers["authorization"].removeprefix("Bearer "))
            for c in self.fake.posts()
        ]


@pytest.fixture
async def oauth(core: Core, fake_api: FakeSlackAPI, database: Database) -> AsyncIterator[OAuthApp]:
    """`pariscall slack` in OAuth mode on HTTP, its installations in `database`."""
    metrics = Metrics()
    runtime = Runtime(database=database, metrics=metrics)
    settings = settings_for(
        fake_api, bot_token="", client_id=CLIENT_ID, client_secret=CLIENT_SECRET
    )
    service = SlackService(settings, core, runtime)
    await service.open()
    telemetry.add_sink(metrics)
    try:
        async with aiohttp.ClientSession() as http:
            yield OAuthApp(
                service, SlackHarness(service, fake_api, http), http, fake_api, database, metrics
            )
    finally:
        telemetry.remove_sink(metrics)
        await service.close()


async def test_two_workspaces_installed_each_answered_with_its_own_token(oauth: OAuthApp) -> None:
    """Two installs through the redirect; each workspace's mention is answered with its token."""
    t1, t2 = workspace("T1"), workspace("T2")
    for team in ("T1", "T2"):
        status, page = await oauth.install(team)
        assert status == 200, page
        assert "Thank you" in page
    access = oauth.fake.calls_to("oauth.v2.access")
    assert [c.body["code"] for c in access] == ["code-T1", "code-T2"]
    with oauth.database.engine.connect() as conn:
        teams = conn.execute(sa.select(slack_bots.c.team_id, slack_bots.c.bot_token)).all()
    assert sorted(teams) == [("T1", t1.bot_token), ("T2", t2.bot_token)]

    await oauth.mention(t1)
    await oauth.mention(t2)
    assert oauth.posts_by_token() == [("CT1", t1.bot_token), ("CT2", t2.bot_token)]
    assert (
        'pariscall_installations{platform="slack"} 2.0' in (await oauth.metrics.render()).decode()
    )


async def test_install_page_and_bad_state(oauth: OAuthApp) -> None:
    """The install page links to Slack's authorize URL; a redirect with a forged state fails."""
    async with oauth.http.get(f"{oauth.base}/slack/install") as page:
        html = await page.text()
    assert re.search(r"https://slack.com/oauth/v2/authorize\?state=[\w-]+&amp;client_id=", html)
    assert "scope=app_mentions:read,chat:write,commands,im:history&amp;" in html
    url = f"{oauth.base}/slack/oauth_redirect?code=code-T9&state=forged"
    async with oauth.http.get(url, headers={"Cookie": f"{COOKIE}=forged"}) as back:
        assert back.status == 401
    assert oauth.fake.calls_to("oauth.v2.access") == []


async def test_uninstall_removes_the_installation(oauth: OAuthApp) -> None:
    """app_uninstalled deletes the workspace's rows; it is no longer answered, others still are."""
    t1, t2 = workspace("T1"), workspace("T2")
    await oauth.install("T1")
    await oauth.install("T2")
    await oauth.harness.event({"type": "app_uninstalled", "event_ts": "1.2"}, ws=t1)
    with oauth.database.engine.connect() as conn:
        left = conn.execute(sa.select(slack_installations.c.team_id)).scalars().all()
        bots = conn.execute(sa.select(slack_bots.c.team_id)).scalars().all()
    assert left == ["T2"] and bots == ["T2"]
    oauth.harness.expect_errors = True  # bolt logs the event from an uninstalled workspace
    oauth.fake.reset()
    await oauth.mention(t1)
    await oauth.mention(t2)
    assert oauth.posts_by_token() == [("CT2", t2.bot_token)]


async def test_tokens_revoked_removes_the_bot(oauth: OAuthApp) -> None:
    """tokens_revoked for the bot deletes that workspace's bot token."""
    t1 = workspace("T1")
    await oauth.install("T1")
    event = {"type": "tokens_revoked", "tokens": {"bot": [t1.bot_user_id]}, "event_ts": "1.3"}
    await oauth.harness.event(event, ws=t1)
    with oauth.database.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(slack_bots)).scalar() == 0


async def test_expiring_token_is_rotated_and_saved(oauth: OAuthApp) -> None:
    """With token rotation an expiring bot token is refreshed before use, and stored."""
    oauth.fake.token_expires_in = 60  # expires within bolt's 120-minute refresh window
    await oauth.install("T3")
    await oauth.mention(workspace("T3"))
    refreshed = f"{workspace('T3').bot_token}-refreshed"
    grants = [c.body.get("grant_type") for c in oauth.fake.calls_to("oauth.v2.access")]
    assert grants == [None, "refresh_token"]
    assert oauth.posts_by_token() == [("CT3", refreshed)]
    with oauth.database.engine.connect() as conn:
        assert conn.execute(sa.select(slack_bots.c.bot_token)).scalar() == refreshed


# -- settings and manifest ----------------------------------------------------------------------


def test_oauth_settings_choose_http_without_a_token() -> None:
    """SLACK_CLIENT_ID + SECRET + signing secret: OAuth over HTTP, secrets hidden from repr."""
    from adapters.slack.settings import from_env

    env = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET,
           "SLACK_SIGNING_SECRET": "s3cret"}  # fmt: skip
    settings = from_env(env)
    assert settings.oauth and not settings.socket_mode and settings.client_id == CLIENT_ID
    assert CLIENT_SECRET not in repr(settings) and "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("extra", "variable"),
    [
        ({"SLACK_CLIENT_SECRET": ""}, "SLACK_CLIENT_SECRET"),
        ({"SLACK_SIGNING_SECRET": ""}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1-2"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_APP_TOKEN": "xapp-1-2"}, "SLACK_APP_TOKEN"),
        ({"SLACK_REDIRECT_URI": "http://x/slack/oauth_redirect"}, "SLACK_REDIRECT_URI"),
    ],
)
def test_oauth_settings_errors_name_the_variable(extra: dict[str, str], variable: str) -> None:
    """Each wrong OAuth setting is one sentence naming its variable."""
    from adapters.slack.settings import ConfigError, from_env

    env = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET,
           "SLACK_SIGNING_SECRET": "s3cret", **extra}  # fmt: skip
    with pytest.raises(ConfigError) as info:
        from_env(env)
    assert info.value.variable == variable and str(info.value).startswith(variable)


def test_manifest_oauth_variant(capsys: pytest.CaptureFixture[str]) -> None:
    """`slack manifest --oauth --url`: HTTP URLs, the redirect URL, the uninstall events."""
    import yaml

    from adapters.slack import run as slack_run

    url = "https://bot.example.org"
    assert slack_run.run(["manifest", "--oauth", "--url", url, "--token-rotation"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    assert manifest["oauth_config"]["redirect_urls"] == [f"{url}/slack/oauth_redirect"]
    assert manifest["settings"]["socket_mode_enabled"] is False
    assert manifest["settings"]["token_rotation_enabled"] is True
    assert manifest["settings"]["event_subscriptions"]["request_url"] == f"{url}/slack/events"
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert {"app_uninstalled", "tokens_revoked"} <= set(events)
    assert slack_run.run(["manifest", "--oauth"]) == 2
    assert slack_run.run(["manifest", "--http", "--url", url, "--token-rotation"]) == 2


def test_serve_in_oauth_mode_as_an_operator_runs_it(fake_api: FakeSlackAPI, tmp_path) -> None:
    """`pariscall serve` with OAuth settings: the default SQLite is created, /slack/install and
    /metrics answer, a workspace installs, and SIGTERM stops it cleanly."""
    import json
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    from tests.test_serve import _clean_env, _free_port, _wait_healthy

    port = _free_port()
    env = _clean_env(SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET=CLIENT_SECRET,
                     SLACK_SIGNING_SECRET="s3cret", PORT=str(port), SLACK_API_URL=fake_api.url,
                     PARISCALL_DATA_DIR=str(tmp_path / "data"),
                     PARISCALL_CACHE_DIR=str(tmp_path / "cache"))  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "adapters.cli", "serve"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(f"{base}/healthz", proc)
        with urllib.request.urlopen(f"{base}/slack/install", timeout=5) as page:
            state = page.headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
        request = urllib.request.Request(
            f"{base}/slack/oauth_redirect?code=code-T7&state={state}",
            headers={"Cookie": f"{COOKIE}={state}"},
        )
        with urllib.request.urlopen(request, timeout=5) as back:
            assert back.status == 200
        with urllib.request.urlopen(f"{base}/metrics", timeout=5) as metrics:
            assert 'pariscall_installations{platform="slack"} 1.0' in metrics.read().decode()
        with urllib.request.urlopen(f"{base}/readyz", timeout=5) as ready:
            slack = json.loads(ready.read())["platforms"]["slack"]
            assert slack["state"] == "connected" and "workspace(s) installed" in slack["detail"]
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert (tmp_path / "data" / "pariscall.db").is_file()
    assert CLIENT_SECRET not in stderr and "Traceback" not in stderr
    assert os.path.getsize(tmp_path / "data" / "pariscall.db") > 0


async def test_database_failure_is_logged_and_counted(
    oauth: OAuthApp, caplog: pytest.LogCaptureFixture
) -> None:
    """If the installation cannot be read, the operator sees an error and a metric, not silence."""
    await oauth.install("T1")
    with oauth.database.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE slack_bots"))
    oauth.harness.expect_errors = True
    await oauth.mention(workspace("T1"))
    assert oauth.fake.posts() == []
    assert "could not read the installation from the database" in caplog.text
    text = (await oauth.metrics.render()).decode()
    assert 'pariscall_platform_errors_total{kind="database",platform="slack"} 1.0' in text


async def test_oauth_readiness_follows_the_installation_store(
    oauth: OAuthApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/readyz in OAuth mode: connected with the number of workspaces while the database can be
    read; when it cannot, Slack is not ready (no workspace's token can be found)."""
    import asyncio

    from adapters.health import CONNECTED, RECONNECTING, PlatformState
    from adapters.slack import run as slack_run

    monkeypatch.setattr(slack_run, "SOCKET_CHECK_INTERVAL", 0.05)
    await oauth.install("T1")
    state = PlatformState("slack")
    watch = asyncio.ensure_future(oauth.service.watch(state))
    try:
        for _ in range(100):
            await asyncio.sleep(0.05)
            if state.state == CONNECTED:
                break
        assert state.to_dict() == {"state": CONNECTED, "detail": "OAuth: 1 workspace(s) installed"}
        with oauth.database.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE slack_bots"))
        for _ in range(100):
            await asyncio.sleep(0.05)
            if state.state == RECONNECTING:
                break
        assert state.state == RECONNECTING and "database cannot be read" in state.detail
    finally:
        watch.cancel()
