"""Slack over HTTP on localhost: signed `/pariscall principle 3` at 20 concurrent connections.

Three processes, so the server being measured has a core of its own:
- the servers: the real Slack adapter (`SlackService` in HTTP mode: signature check, bolt
  AsyncApp, the core, Block Kit, the answer in the ack body), and beside it, for reference,
  a bolt AsyncApp whose command listener only acks "ok" (bolt's own cost);
- a bare aiohttp handler that only returns 200 (the baseline), and a stand-in for Slack's
  Web API that answers the adapter's auth.test at start;
- this process: the load generator (aiohttp client, 20 connections), one target at a time.

Latency runs from sending the request to receiving the ack, as Slack's 3-second clock does.

    python bench/slack_http.py         (or `make bench`)
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONNECTIONS = 20
REQUESTS = 3_000  # per target, after a warm-up
WARMUP = 300
TIME_CAP = 20.0  # seconds per target
SECRET = "bench-signing-secret"
BOT_TOKEN = "xoxb-0000-bench"


# -- the servers (each in its own process) -------------------------------------------------------


def _serve_bare_and_sink(ports: Any) -> None:
    """The baseline handler, and a stand-in for Slack's Web API (auth.test at start)."""
    from aiohttp import web

    async def bare(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="")

    async def auth_test(request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": True, "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT", "user": "pariscall"}
        )

    async def run() -> None:
        bare_app = web.Application()
        bare_app.add_routes([web.post("/slack/events", bare)])
        sink = web.Application()
        sink.add_routes([web.post("/api/auth.test", auth_test)])
        found = []
        for app in (bare_app, sink):
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", 0).start()
            found.append(runner.addresses[0][1])
        ports.put(found)
        await asyncio.Event().wait()

    asyncio.run(run())


def _serve_slack(sink_port: int, ports: Any) -> None:
    """The real adapter, configured as `pariscall slack` would be."""
    logging.basicConfig(level=logging.WARNING)
    from adapters.slack.run import SlackService
    from adapters.slack.settings import SlackSettings
    from bot.core import load_core

    settings = SlackSettings(
        bot_token=BOT_TOKEN,
        signing_secret=SECRET,
        host="127.0.0.1",
        port=0,
        api_url=f"http://127.0.0.1:{sink_port}/api/",
    )

    async def run() -> None:
        service = SlackService(settings, load_core())
        await service.open()
        floor = await _bolt_floor()
        ports.put((service.port, floor))
        await asyncio.Event().wait()

    asyncio.run(run())


async def _bolt_floor() -> int:
    """A bolt AsyncApp that only acks "ok", behind the same aiohttp server: bolt's own cost."""
    from aiohttp import web
    from slack_bolt.async_app import AsyncApp
    from slack_bolt.authorization import AuthorizeResult
    from slack_sdk.web.async_client import AsyncWebClient

    from adapters.slack.app import create_web_app

    async def authorize() -> AuthorizeResult:
        return AuthorizeResult(enterprise_id=None, team_id="T1", bot_token=BOT_TOKEN)

    app = AsyncApp(
        name="floor",
        client=AsyncWebClient(),
        authorize=authorize,
        signing_secret=SECRET,
        process_before_response=True,
    )

    async def handle_command(ack: Any) -> None:
        await ack("ok")

    app.command("/pariscall")(handle_command)
    runner = web.AppRunner(create_web_app(app), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    return int(runner.addresses[0][1])


# -- the load generator -------------------------------------------------------------------------


def _signed_command(sink_port: int) -> tuple[bytes, dict[str, str]]:
    from slack_sdk.signature import SignatureVerifier

    body = urlencode(
        {
            "token": "legacy",
            "team_id": "T1",
            "team_domain": "bench",
            "channel_id": "C1",
            "channel_name": "general",
            "user_id": "U1",
            "user_name": "ana",
            "command": "/pariscall",
            "text": "principle 3",
            "api_app_id": "A1",
            "response_url": f"http://127.0.0.1:{sink_port}/response",  # used only by "Share"
            "trigger_id": "1.2.3",
        }
    )
    # One timestamp serves the whole run: Slack's replay window is five minutes.
    timestamp = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=timestamp, body=body)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": signature,
    }
    return body.encode(), headers


async def _load(url: str, body: bytes, headers: dict[str, str], total: int) -> dict[str, float]:
    import aiohttp

    latencies: list[float] = []
    errors = 0
    remaining = total
    deadline = time.perf_counter() + TIME_CAP

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal remaining, errors
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            started = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as resp:
                await resp.read()
                if resp.status != 200:
                    errors += 1
            latencies.append(time.perf_counter() - started)

    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    async with aiohttp.ClientSession(connector=connector) as session:
        started = time.perf_counter()
        await asyncio.gather(*(worker(session) for _ in range(CONNECTIONS)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


async def _measure(
    slack_port: int, floor_port: int, bare_port: int, sink_port: int
) -> dict[str, Any]:
    body, headers = _signed_command(sink_port)
    slack_url = f"http://127.0.0.1:{slack_port}/slack/events"
    floor_url = f"http://127.0.0.1:{floor_port}/slack/events"
    bare_url = f"http://127.0.0.1:{bare_port}/slack/events"
    for url in (slack_url, floor_url, bare_url):
        await _load(url, body, headers, WARMUP)
    slack = await _load(slack_url, body, headers, REQUESTS)
    floor = await _load(floor_url, body, headers, REQUESTS)
    bare = await _load(bare_url, body, headers, REQUESTS)
    return {"slack": slack, "bolt_floor": floor, "bare": bare}


def main() -> dict[str, Any]:
    """Run the benchmark, print the figures, and return them (ratio, p99_ms and the details)."""
    ctx = mp.get_context("spawn")
    ports: Any = ctx.Queue()
    helper = ctx.Process(target=_serve_bare_and_sink, args=(ports,), daemon=True)
    helper.start()
    bare_port, sink_port = ports.get(timeout=30)
    server = ctx.Process(target=_serve_slack, args=(sink_port, ports), daemon=True)
    server.start()
    try:
        slack_port, floor_port = ports.get(timeout=60)
        figures = asyncio.run(_measure(slack_port, floor_port, bare_port, sink_port))
    finally:
        for process in (server, helper):
            process.terminate()
            process.join(timeout=5)
    slack, bare = figures["slack"], figures["bare"]
    figures["ratio"] = slack["rps"] / bare["rps"]
    figures["p99_ms"] = slack["p99_ms"]
    figures["floor_ratio"] = figures["bolt_floor"]["rps"] / bare["rps"]
    rows = (
        ("pariscall slack", slack),
        ("bolt ack only", figures["bolt_floor"]),
        ("bare aiohttp", bare),
    )
    for name, f in rows:
        print(
            f"     {name:<16} {f['rps']:>7.0f} req/s   p50 {f['p50_ms']:5.1f} ms   "
            f"p99 {f['p99_ms']:5.1f} ms   ({f['requests']} requests, {f['errors']} errors)"
        )
    print(
        f"     throughput / bare: pariscall {figures['ratio']:.2f}, "
        f"bolt acking only {figures['floor_ratio']:.2f}"
    )
    return figures


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
