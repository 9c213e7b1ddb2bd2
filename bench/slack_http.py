"""Slack over HTTP on localhost: signed `/pariscall principle 3` at 20 concurrent connections.

Three processes, so the server being measured has a core of its own:
- the servers: the real Slack adapter (`SlackService` in HTTP mode: signature check, bolt
  AsyncApp, the core, Block Kit, the answer in the ack body), and beside it, for reference,
  a bolt AsyncApp whose command listener only acks "ok" (bolt's own cost);
- a bare aiohttp handler that only returns 200 (the baseline), and a stand-in for Slack's
  Web API that answers the adapter's auth.test at start;
- this process: the load generator (aiohttp client, 20 keep-alive connections), one target at
  a time; the targets take turns in ROUNDS slices, so a busy spell hits all three alike.

The verdicts use medians over the rounds (each round's throughput beside bare aiohttp's in the
same round, each round's p99), so that one busy spell on a shared 2-core machine does not turn a
verdict.

Latency runs from sending the request to receiving the ack, as Slack's 3-second clock does.

    python bench/slack_http.py         (or `make bench`)
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import multiprocessing as mp
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CONNECTIONS = 20
REQUESTS = 3_600  # per target, after a warm-up
ROUNDS = 9  # the targets alternate, REQUESTS // ROUNDS at a time
WARMUP = 300
TIME_CAP = 20.0  # seconds per target and round
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

    from adapters.slack.server import create_web_app

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


def _varied_questions(count: int) -> list[str]:
    """`count` distinct questions (so none is answered from the ack cache): the content's
    examples, supporter lookups and principle commands, with varied trailing punctuation."""
    from bot.core import load_core

    core = load_core()
    base = [q for p in core.content.principles for q in p.examples]
    base += [q for t in core.content.topics.values() for q in t.examples]
    base += [f"is {s.name} a supporter" for s in core.content.supporters]
    base += [f"principle {n}" for n in range(1, 10)] + ["supporters", "principles", "us"]
    return [f"{base[i % len(base)]}{'?' * (i // len(base))}" for i in range(count)]


def _signed_command(sink_port: int, text: str = "principle 3") -> tuple[bytes, dict[str, str]]:
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
            "text": text,
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


async def _load(
    session: Any,
    url: str,
    requests: list[tuple[bytes, dict[str, str]]],
    cursor: Iterator[int],
    total: int,
) -> dict[str, Any]:
    """`total` requests over the session's keep-alive connections: latencies, errors, elapsed.

    Each request takes the next of `requests` by `cursor`, kept across calls, so a list as long
    as the whole run never repeats a request."""
    latencies: list[float] = []
    errors = 0
    remaining = total
    deadline = time.perf_counter() + TIME_CAP

    async def worker() -> None:
        nonlocal remaining, errors
        while remaining > 0 and time.perf_counter() < deadline:
            remaining -= 1
            body, headers = requests[next(cursor) % len(requests)]
            started = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as resp:
                await resp.read()
                if resp.status != 200:
                    errors += 1
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONNECTIONS)))
    elapsed = time.perf_counter() - started
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def _p99(latencies: list[float]) -> float:
    ordered = sorted(latencies)
    return ordered[max(0, int(len(ordered) * 0.99) - 1)]


def _figures(runs: list[dict[str, Any]]) -> dict[str, float]:
    latencies = sorted(t for run in runs for t in run["latencies"])
    return {
        "requests": len(latencies),
        "errors": sum(run["errors"] for run in runs),
        "rps": len(latencies) / sum(run["elapsed"] for run in runs),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": _p99(latencies) * 1000,
        # The same per round, for medians: busy spells on a shared machine come and go.
        "round_rps": [len(run["latencies"]) / run["elapsed"] for run in runs],
        "round_p99_ms": [_p99(run["latencies"]) * 1000 for run in runs],
    }


async def _measure(
    slack_port: int, floor_port: int, bare_port: int, sink_port: int
) -> dict[str, Any]:
    import aiohttp

    same = [_signed_command(sink_port)]
    varied = [_signed_command(sink_port, q) for q in _varied_questions(REQUESTS + WARMUP)]
    targets = {
        "slack": f"http://127.0.0.1:{slack_port}/slack/events",
        "slack_varied": f"http://127.0.0.1:{slack_port}/slack/events",
        "bolt_floor": f"http://127.0.0.1:{floor_port}/slack/events",
        "bare": f"http://127.0.0.1:{bare_port}/slack/events",
    }
    bodies = {name: varied if name == "slack_varied" else same for name in targets}
    cursors = {name: itertools.count() for name in targets}
    # One session (CONNECTIONS keep-alive connections) per target for the whole run, opened
    # by the warm-up: no round pays for connecting.
    sessions = {
        name: aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONNECTIONS))
        for name in targets
    }
    try:
        for name, url in targets.items():
            await _load(sessions[name], url, bodies[name], cursors[name], WARMUP)
        # The targets take turns, a slice at a time, so that a busy spell on the machine (other
        # processes share its cores) falls on all three rather than on whichever ran then.
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in targets}
        for _ in range(ROUNDS):
            for name, url in targets.items():
                load = await _load(
                    sessions[name], url, bodies[name], cursors[name], REQUESTS // ROUNDS
                )
                runs[name].append(load)
    finally:
        for session in sessions.values():
            await session.close()
    return {name: _figures(done) for name, done in runs.items()}


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
    bare = figures["bare"]

    def ratio(name: str) -> float:
        """The median over the rounds of `name`'s throughput over bare aiohttp's that round."""
        pairs = zip(figures[name]["round_rps"], bare["round_rps"], strict=True)
        return statistics.median(rps / base for rps, base in pairs)

    figures["ratio"] = ratio("slack")
    figures["p99_ms"] = statistics.median(figures["slack"]["round_p99_ms"])
    figures["floor_ratio"] = ratio("bolt_floor")
    figures["varied_ratio"] = ratio("slack_varied")
    figures["varied_p99_ms"] = statistics.median(figures["slack_varied"]["round_p99_ms"])
    rows = (
        ("pariscall slack", figures["slack"]),
        ("  varied, uncached", figures["slack_varied"]),
        ("bolt ack only", figures["bolt_floor"]),
        ("bare aiohttp", bare),
    )
    for name, f in rows:
        print(
            f"     {name:<16} {f['rps']:>7.0f} req/s   p50 {f['p50_ms']:5.1f} ms   "
            f"p99 {f['p99_ms']:5.1f} ms   ({f['requests']} requests, {f['errors']} errors)"
        )
    print(
        f"     throughput / bare, median of {ROUNDS} rounds: pariscall {figures['ratio']:.2f} (one "
        f"question, from the ack cache), {figures['varied_ratio']:.2f} (every question new); "
        f"bolt acking only {figures['floor_ratio']:.2f}"
    )
    return figures


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
