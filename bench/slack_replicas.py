"""Two `pariscall slack` HTTP replicas sharing PostgreSQL: each event answered once, and the cost.

- a throwaway PostgreSQL cluster (tests/postgres.py) and the fake Slack Web API of the tests
  (tests/slack_fakes.py), which records every chat.postMessage;
- replicas: `pariscall slack` processes, exactly as an operator runs them, with
  PARISCALL_DATABASE_URL pointing at that cluster;
- this process: the load generator and the round-robin (20 keep-alive connections): 3,000
  signed `app_mention` deliveries, of which 20% are Slack retries (X-Slack-Retry-Num) of an
  event sent at the same moment to the *other* replica.

Duplicates are answers posted twice for one event (same thread ts); missing are events never
answered. The same load against a single replica gives the reference figures.

    python bench/slack_replicas.py         (or `make bench`)
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DELIVERIES = 3_000
RETRY_SHARE = 0.2
CONNECTIONS = 20
SECRET = "bench-signing-secret"
QUESTIONS = ["principle 3", "did russia sign?", "supporters", "what is the paris call?", "us"]


def _start_replica(port: int, env: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "adapters.cli", "slack", "--host", "127.0.0.1", "--port", str(port)],
        cwd=folder,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / f"replica-{port}.log", "wb"),  # noqa: SIM115 (closed with the process)
    )


def _wait_healthy(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"replica on port {port} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"replica on port {port} did not start")


def _deliveries(run: str) -> list[tuple[str, list[tuple[int, int]]]]:
    """(body, [(replica index, retry number), ...]) per event: 20% go to both replicas at once."""
    from tests.slack_fakes import event_payload, mention_event

    retried = round(DELIVERIES * RETRY_SHARE)
    events = DELIVERIES - retried
    every = events // retried
    out = []
    for i in range(events):
        event = mention_event(QUESTIONS[i % len(QUESTIONS)], ts=f"1700000000.{i:06d}")
        body = json.dumps(event_payload(event, event_id=f"Ev{run}{i:06d}"))
        first = i % 2
        targets = [(first, 0)]
        if i % every == 0:
            targets.append((1 - first, 1))  # Slack's retry, landing on the other replica
        out.append((body, targets))
    return out


async def _load(ports: list[int], run: str) -> dict[str, float]:
    """Send every delivery; returns throughput (deliveries/s) and ack latency p50/p99 (ms)."""
    import aiohttp
    from slack_sdk.signature import SignatureVerifier

    verifier = SignatureVerifier(SECRET)
    work = _deliveries(run)
    queue: asyncio.Queue[tuple[str, list[tuple[int, int]]]] = asyncio.Queue()
    for item in work:
        queue.put_nowait(item)
    times: list[float] = []
    errors = 0

    async def send(http: aiohttp.ClientSession, body: str, port: int, retry: int) -> None:
        nonlocal errors
        ts = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body),
        }
        if retry:
            headers.update(
                {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
            )
        start = time.perf_counter()
        async with http.post(
            f"http://127.0.0.1:{port}/slack/events", data=body, headers=headers
        ) as r:
            await r.read()
            if r.status != 200:
                errors += 1
        times.append(time.perf_counter() - start)

    async def worker(http: aiohttp.ClientSession) -> None:
        while not queue.empty():
            body, targets = queue.get_nowait()
            await asyncio.gather(
                *(send(http, body, ports[i % len(ports)], retry) for i, retry in targets)
            )

    connector = aiohttp.TCPConnector(limit=CONNECTIONS * 2)
    async with aiohttp.ClientSession(connector=connector) as http:
        start = time.perf_counter()
        await asyncio.gather(*(worker(http) for _ in range(CONNECTIONS)))
        elapsed = time.perf_counter() - start
    ordered = sorted(times)
    return {
        "deliveries": len(times),
        "events": len(work),
        "per_second": len(times) / elapsed,
        "p50_ms": ordered[len(ordered) // 2] * 1000,
        "p99_ms": ordered[int(len(ordered) * 0.99)] * 1000,
        "errors": errors,
    }


def _answers(fake: Any, expected: int, run: str) -> tuple[int, int]:
    """(duplicates, missing): posts per event thread, once every background post has landed."""
    deadline = time.monotonic() + 60
    last = -1
    while time.monotonic() < deadline:
        count = len(fake.posts())
        if count >= expected and count == last:
            break
        last = count
        time.sleep(0.5)
    per_event = Counter(c.body.get("thread_ts") for c in fake.posts())
    fake.reset()
    duplicates = sum(n - 1 for n in per_event.values() if n > 1)
    return duplicates, expected - len(per_event)


def _run(ports: list[int], fake: Any, run: str) -> dict[str, float]:
    figures = asyncio.run(_load(ports, run))
    duplicates, missing = _answers(fake, int(figures["events"]), run)
    return {**figures, "duplicates": duplicates, "missing": missing}


def main() -> dict[str, Any]:
    """Run both set-ups, print the figures, and return them."""
    from tests.postgres import Cluster, free_port, pg_bindir
    from tests.slack_fakes import BOT_TOKEN, FakeSlackAPI

    bindir = pg_bindir()
    if bindir is None:
        print("     skipped: PostgreSQL server binaries (initdb, pg_ctl) not found")
        return {}
    cluster = Cluster(bindir).start()
    fake = FakeSlackAPI().start()
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with tempfile.TemporaryDirectory() as home:
            folder = Path(home)
            env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
            env.update(
                SLACK_BOT_TOKEN=BOT_TOKEN,
                SLACK_SIGNING_SECRET=SECRET,
                SLACK_API_URL=fake.url,
                PARISCALL_DATABASE_URL=cluster.url(),
                PARISCALL_UNANSWERED_DAYS="0",
                PARISCALL_DATA_DIR=str(folder / "data"),
                PARISCALL_CACHE_DIR=str(folder / "cache"),
                PARISCALL_LOG_LEVEL="WARNING",
            )
            ports = [free_port(), free_port(), free_port()]
            memory = {k: v for k, v in env.items() if k != "PARISCALL_DATABASE_URL"}
            procs = [
                _start_replica(p, e, folder) for p, e in zip(ports, [env, env, memory], strict=True)
            ]
            for port, proc in zip(ports, procs, strict=True):
                _wait_healthy(port, proc)
            fake.reset()  # auth.test at start
            for warm in (ports[:2], ports[2:]):  # warm the replicas and the database
                asyncio.run(_load(warm, "warm"))
                _answers(fake, DELIVERIES - round(DELIVERIES * RETRY_SHARE), "warm")
            alone = _run(ports[2:], fake, "mem")
            one = _run(ports[:1], fake, "one")
            two = _run(ports[:2], fake, "two")
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
        fake.stop()
        cluster.stop()
    print(f"     {DELIVERIES} signed deliveries: {alone['events']:.0f} app_mention events, "
          f"{DELIVERIES - alone['events']:.0f} of them also retried at once on the other replica")  # fmt: skip
    for name, f in (
        ("1 replica, ids in memory     ", alone),
        ("1 replica, ids in PostgreSQL ", one),
        ("2 replicas, ids in PostgreSQL", two),
    ):
        print(
            f"     {name}: {f['per_second']:4.0f} deliveries/s, ack p50 {f['p50_ms']:5.1f} ms "
            f"p99 {f['p99_ms']:5.1f} ms; {f['duplicates']:.0f} duplicate, {f['missing']:.0f} "
            f"missing answers, {f['errors']:.0f} HTTP errors"
        )
    return {"memory": alone, "one": one, "two": two}


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
