"""Logs: one line per event, optional JSON with a request id, and never a secret at any level;
and only the configured platforms' libraries are imported."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from adapters.logs import Redact, request_scope, setup_logging
from adapters.slack.render import SHARE, encode_value
from tests.slack_fakes import ForwardProxy, SlackHarness, action_payload

ROOT = Path(__file__).resolve().parents[1]
pytest_plugins = ["tests.slack_fixtures"]
SECRETS = {
    "slack bot token": "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx",
    "slack app token": "xapp-1-A0123456789-1234567890123-abcdef0123456789",
    "response_url": "https://hooks.slack.com/actions/T111/1234567890/AbCdEfGhIjKlMnOp",
    "encoded response_url": "text=x&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT111%2F1%2FAbCdEfGhIjKlMnOp&trigger_id=1",
    "escaped response_url": '{"response_url":"https:\\/\\/hooks.slack.com\\/actions\\/T111\\/1\\/AbCdEfGhIjKlMnOp"}',
    "interaction url": "https://discord.com/api/v10/interactions/1234567890123456789/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MA",
    "webhook url": "https://discord.com/api/v10/webhooks/1111111111111111111/aW50ZXJhY3Rpb24tdG9rZW4",
    "discord token": "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0123",
    "interaction payload": '{"type": 2, "token": "aW50ZXJhY3Rpb246OTk5OTk5", "id": "1"}',
    "socket ticket": "wss://wss-primary.slack.com/link/?ticket=1234-abcd-5678&app_id=A1",
    "proxy password": "http://user:hunter2@proxy.example:3128",
}  # fmt: skip
HIDDEN = ["AbCdEfGhIjKlMnOpQrStUvWx", "abcdef0123456789", "AbCdEfGhIjKlMnOp",
          "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MA", "aW50ZXJhY3Rpb24tdG9rZW4", "GaBcDe.abcdefgh",
          "1234-abcd-5678", "hunter2", "aW50ZXJhY3Rpb246OTk5OTk5"]  # fmt: skip


@pytest.fixture
def stream() -> Iterator[io.StringIO]:
    """Logging configured as the running bot does it, writing into a string."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    setup_logging("DEBUG", "text", force=True)
    out = io.StringIO()
    root.handlers[0].setStream(out)  # type: ignore[attr-defined]
    yield out
    root.handlers[:], root.level = saved[0], saved[1]


@pytest.mark.parametrize("name", list(SECRETS))
def test_secrets_are_redacted_at_every_level(stream: io.StringIO, name: str) -> None:
    """Tokens, response_urls, interaction URLs, tickets and proxy passwords never reach a log,
    whether in the message, its arguments or a traceback, at DEBUG as at ERROR."""
    secret = SECRETS[name]
    log = logging.getLogger("slack_sdk.web.async_base_client")
    log.debug("Sending a request - url: %s", secret)
    log.error("failed: " + secret)
    try:
        raise ValueError(secret)
    except ValueError:
        log.exception("boom")
    text = stream.getvalue()
    assert "[redacted]" in text
    assert not any(hidden in text for hidden in HIDDEN), text


def test_json_lines_with_a_request_id(stream: io.StringIO) -> None:
    """PARISCALL_LOG_FORMAT=json: one JSON object per line, with the request id when set."""
    setup_logging("INFO", "json", force=True)
    out = io.StringIO()
    logging.getLogger().handlers[0].setStream(out)  # type: ignore[attr-defined]
    log = logging.getLogger("pariscall.slack")
    with request_scope("r42"):
        log.info("answered %s", "principle 3")
    log.warning("no request here")
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first["message"] == "answered principle 3" and first["request_id"] == "r42"
    assert first["level"] == "INFO" and first["logger"] == "pariscall.slack"
    assert "request_id" not in second


def test_redact_filter_keeps_ordinary_messages() -> None:
    """A record without secrets is left as it was (formatted once)."""
    record = logging.LogRecord("x", logging.INFO, "f", 1, "answered %s", ("principle 3",), None)
    assert Redact().filter(record) and record.getMessage() == "answered principle 3"


def _modules_after(argv: list[str], env: dict[str, str]) -> set[str]:
    code = (
        "import sys, json, threading\n"
        "import adapters.serve as serve\n"
        "from adapters.health import Health\n"
        "def fake_serve(core, platforms):\n"
        "    serve._supervisors(core, platforms, Health())  # imports what running would\n"
        "    print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "    return 0\n"
        "serve.serve = fake_serve\n"
        "from adapters.cli import main\n"
        f"raise SystemExit(main({argv!r}))\n"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    environment.update(env)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env=environment, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_slack_only_never_imports_discord() -> None:
    """A Slack-only `serve` imports slack_bolt and not discord; a Discord-only one the reverse."""
    slack = _modules_after(["serve"], {"SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_SIGNING_SECRET": "s"})
    assert "slack_bolt" in slack and "discord" not in slack
    token = "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0"
    discord = _modules_after(["serve"], {"DISCORD_TOKEN": token})
    assert "discord" in discord and "slack_bolt" not in discord and "slack_sdk" not in discord


async def test_debug_logs_of_a_real_share_hide_its_response_url(
    slack: SlackHarness, stream: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the real bolt app and slack_sdk at DEBUG, a response_url never reaches the log.

    Its post goes to a local proxy that refuses to tunnel (no connection leaves the machine)."""
    slack.expect_errors = True  # the post fails, and says so
    proxy = ForwardProxy().start()
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    payload = action_payload(SHARE, encode_value("principle 3", "en"),
                             "https://hooks.slack.com/actions/T111/1234/SeCrEtPaRtOfTheUrl")  # fmt: skip
    try:
        status, _ = await slack.post(urlencode({"payload": json.dumps(payload)}),
                                     "application/x-www-form-urlencoded")  # fmt: skip
    finally:
        proxy.stop()
    assert status == 200
    text = stream.getvalue()
    assert "hooks.slack.com/[redacted]" in text  # slack_sdk logged the post...
    assert "SeCrEtPaRtOfTheUrl" not in text  # ...without its secret part
