"""GET /metrics on the Slack HTTP port and the health port: Prometheus text, labels without
personal data."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families

from adapters import telemetry
from adapters.metrics import Metrics, add_metrics_route
from adapters.runtime import Runtime
from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import FakeSlackAPI, SlackHarness, mention_event, settings_for

pytest_plugins = ["tests.slack_fixtures"]


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """(name, sorted labels) -> value for every sample in a Prometheus text page."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


@pytest.fixture
async def served(core: Core, fake_api: FakeSlackAPI) -> AsyncIterator[SlackHarness]:
    """The Slack adapter over HTTP with the serving runtime's metrics (no database)."""
    runtime = Runtime()
    await runtime.start()
    service = SlackService(settings_for(fake_api), core, runtime)
    await service.open()
    async with aiohttp.ClientSession() as http:
        yield SlackHarness(service, fake_api, http)
    await service.close()
    await runtime.stop()


async def test_metrics_count_answers_by_topic_and_unknowns(served: SlackHarness) -> None:
    """Questions by platform and topic, "I don't know" answers, latency, errors; nothing personal."""
    await served.ask("principle 3")
    await served.ask("principle 3")
    await served.ask("what about quantum bananas from ana@example.org")
    served.fake.script("chat.postMessage", 200, {"ok": False, "error": "channel_not_found"})
    served.expect_errors = True
    await served.event(mention_event("principle 4"))
    base = served.url.removesuffix("/slack/events")
    async with served.http.get(f"{base}/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=")
        text = await response.text()
    values = samples(text)
    slack = ("platform", "slack")
    assert values[("pariscall_questions_total", (slack, ("topic", "principle:3")))] == 2
    assert values[("pariscall_questions_total", (slack, ("topic", "unknown")))] == 1
    assert values[("pariscall_unknown_answers_total", (slack,))] == 1
    assert values[("pariscall_answer_seconds_count", (slack,))] == 4
    assert values[("pariscall_platform_errors_total", (("kind", "api"), slack))] == 1
    assert "process_resident_memory_bytes" in text
    assert "quantum" not in text and "ana@" not in text and "U0ASKER" not in text


async def test_metrics_route_mounts_on_any_aiohttp_app() -> None:
    """add_metrics_route serves a Metrics' registry on another server (the health port)."""
    metrics = Metrics()
    metrics.reconnected("discord")
    app = web.Application()
    add_metrics_route(app, metrics)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{port}/metrics") as r,
        ):
            text = await r.text()
    finally:
        await runner.cleanup()
    assert samples(text)[("pariscall_reconnects_total", (("platform", "discord"),))] == 1


def test_ask_does_not_load_prometheus_or_sqlalchemy() -> None:
    """`pariscall ask` imports neither prometheus_client nor SQLAlchemy (fast start)."""
    code = (
        "import sys; from adapters.cli import main; main(['ask', 'principle 3']); "
        "print(sorted(m for m in ('prometheus_client', 'sqlalchemy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_a_failing_sink_never_costs_an_answer(core: Core, caplog: pytest.LogCaptureFixture) -> None:
    """A sink that raises is logged; the answer is returned all the same."""

    class Broken(telemetry.Sink):
        def answered(self, *args: object) -> None:
            raise RuntimeError("boom")

    sink = Broken()
    telemetry.add_sink(sink)
    try:
        reply = telemetry.observed(core, "discord").answer("principle 3")
    finally:
        telemetry.remove_sink(sink)
    assert reply.topic == "principle:3" and "telemetry sink" in caplog.text


async def test_reconnects_are_counted(core: Core) -> None:
    """Discord's `resumed` and a closed Slack Socket Mode connection count as reconnects."""
    from discord_fixtures import make_client, settle

    from adapters.slack.run import _count_reconnect

    metrics = Metrics()
    telemetry.add_sink(metrics)
    try:
        client, _ = await make_client(core)
        try:
            client.dispatch("resumed")
            await settle()
        finally:
            await client.close()
        await _count_reconnect(object())
    finally:
        telemetry.remove_sink(metrics)
    values = samples((await metrics.render()).decode())
    assert values[("pariscall_reconnects_total", (("platform", "discord"),))] == 1
    assert values[("pariscall_reconnects_total", (("platform", "slack"),))] == 1


async def test_serve_shares_one_runtime_and_serves_metrics_on_the_health_port(
    core: Core, tmp_path: Path
) -> None:
    """Discord-only `serve` (Discord out of reach here): /metrics answers on the health port
    beside /readyz, from the one runtime the process opened; it is closed at shutdown."""
    from adapters.discord.run import DiscordSettings
    from adapters.health import RETRYING, Health
    from adapters.serve import Platforms, run_platforms
    from tests.test_supervisor import TOKEN, _get, _wait_for, free_port

    runtime = Runtime.from_env({"PARISCALL_DATA_DIR": str(tmp_path)})  # the default SQLite
    discord = DiscordSettings.from_env(
        {"DISCORD_TOKEN": TOKEN, "DISCORD_PROXY": f"http://127.0.0.1:{free_port()}"}
    )
    health_port = free_port()
    platforms = Platforms(discord=discord, health_port=health_port, health_host="127.0.0.1",
                          runtime=runtime)  # fmt: skip
    health, stop = Health(), asyncio.Event()
    task = asyncio.ensure_future(run_platforms(core, platforms, stop=stop, health=health))
    await _wait_for(lambda: health.platform("discord").state == RETRYING)
    assert runtime.metrics is not None and runtime.unanswered is not None
    telemetry.observed(core, "discord").answer("principle 3")  # as the Discord client reports
    status, text = await _get(f"http://127.0.0.1:{health_port}/metrics")
    assert status == 200
    questions = ("pariscall_questions_total", (("platform", "discord"), ("topic", "principle:3")))
    assert samples(text)[questions] == 1
    assert (await _get(f"http://127.0.0.1:{health_port}/readyz"))[0] == 503
    stop.set()
    assert await asyncio.wait_for(task, 15) == 0
    assert runtime.metrics not in telemetry._sinks and runtime.unanswered not in telemetry._sinks
    assert (tmp_path / "pariscall.db").is_file()


async def test_a_gauge_tracked_again_reads_from_the_latest_source() -> None:
    """A platform restarted under the supervisor tracks its gauge again: one reading, the new one."""
    metrics = Metrics()
    metrics.track(metrics.installations.labels("slack"), lambda: 1.0)
    metrics.track(metrics.installations.labels("slack"), lambda: 2.0)
    values = samples((await metrics.render()).decode())
    assert len(metrics.gauges) == 1
    assert values[("pariscall_installations", (("platform", "slack"),))] == 2
