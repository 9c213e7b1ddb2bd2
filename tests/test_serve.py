"""`pariscall serve` as an operator runs it: a real process, Slack over HTTP, a fake Web API."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.slack_fakes import BOT_TOKEN, SECRET, FakeSlackAPI, command_payload, sign

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    env.update(extra)
    return env


@pytest.fixture
def fake_api() -> Iterator[FakeSlackAPI]:
    fake = FakeSlackAPI().start()
    yield fake
    fake.stop()


def _wait_healthy(url: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited early: {proc.communicate()}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("serve did not become healthy")


def _slash_command(port: int, fake_api: FakeSlackAPI) -> dict[str, object]:
    """POST a signed `/pariscall principle 3` to the running server; its JSON answer."""
    body = urlencode(command_payload("principle 3", fake_api.response_url()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events", data=body.encode(), method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=5) as response:
        answer: dict[str, object] = json.loads(response.read())
    return answer


def test_serve_runs_slack_over_http(fake_api: FakeSlackAPI, tmp_path: Path) -> None:
    """With Slack HTTP settings, serve answers a signed slash command and stops on SIGTERM."""
    port = _free_port()
    env = _clean_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET, PORT=str(port),
                     SLACK_API_URL=fake_api.url, PARISCALL_CACHE_DIR=str(tmp_path))  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "adapters.cli", "serve"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        answer = _slash_command(port, fake_api)
        assert answer["response_type"] == "ephemeral"
        assert "Defend electoral processes" in json.dumps(answer)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert BOT_TOKEN not in stderr and SECRET not in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"SLACK_BOT_TOKEN": "not-a-token", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
    ],
)
def test_serve_bad_settings_exit_2(env: dict[str, str], variable: str, tmp_path: Path) -> None:
    """A malformed or missing setting is one line naming the variable, exit 2, no traceback."""
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "serve"], cwd=tmp_path,
                            env=_clean_env(**env), capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    assert result.returncode == 2
    assert variable in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_serve_reads_dotenv(tmp_path: Path) -> None:
    """Settings in a .env file in the current folder are used (here: a bad Discord token)."""
    (tmp_path / ".env").write_text("DISCORD_TOKEN=\nSLACK_BOT_TOKEN=oops\n")
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "serve"], cwd=tmp_path,
                            env=_clean_env(PYTHONPATH=str(ROOT)), capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL)  # fmt: skip
    assert result.returncode == 2 and "SLACK_BOT_TOKEN" in result.stderr


def test_serve_keeps_slack_answering_while_discord_cannot_connect(
    fake_api: FakeSlackAPI, tmp_path: Path
) -> None:
    """The issue's acceptance run: Slack over HTTP plus a Discord that cannot connect; Slack
    answers for as long as it runs, /readyz shows Discord's state, SIGTERM exits 0."""
    port = _free_port()
    token = "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0"
    env = _clean_env(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SECRET, PORT=str(port),
                     SLACK_API_URL=fake_api.url, PARISCALL_CACHE_DIR=str(tmp_path),
                     DISCORD_TOKEN=token, DISCORD_PROXY=f"http://127.0.0.1:{_free_port()}",
                     PYTHONPATH=str(ROOT))  # fmt: skip
    proc = subprocess.Popen([sys.executable, "-m", "adapters.cli", "serve"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/healthz", proc)
        for _ in range(3):  # across Discord's restarts (1 s, then 2 s)
            assert "Defend electoral processes" in json.dumps(_slash_command(port, fake_api))
            time.sleep(1)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5)
            raise AssertionError("/readyz should say not ready")
        except urllib.error.HTTPError as e:
            assert e.code == 503
            ready = json.loads(e.read())
        assert ready["platforms"]["slack"]["state"] == "connected"
        assert ready["platforms"]["discord"]["state"] in ("retrying", "starting")
    finally:
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=20)
    assert proc.returncode == 0, stderr
    assert "discord failed" in stderr and "Traceback" not in stderr and token not in stderr
