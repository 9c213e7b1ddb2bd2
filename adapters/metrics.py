"""Prometheus metrics (prometheus-client) and the `GET /metrics` route that serves them.

Labels are the platform, the reply's topic id (a bounded set from the content) and an error
kind: never question text, user, channel or workspace ids. Imported only when serving, so
`pariscall ask` and `chat` do not load prometheus-client.

    metrics = Metrics(); telemetry.add_sink(metrics)
    add_metrics_route(web_app, metrics)      # on the Slack HTTP port, or any aiohttp app
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.gc_collector import GCCollector
from prometheus_client.process_collector import ProcessCollector

from adapters.telemetry import Sink

if TYPE_CHECKING:
    from bot.reply import Reply

METRICS_PATH = "/metrics"
# The core answers from memory in well under a millisecond; buckets reach a second for outliers.
LATENCY_BUCKETS = (0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1, 0.25, 1.0)

log = logging.getLogger("pariscall.metrics")


class Metrics(Sink):
    """The bot's metrics in their own registry (several in one process stay apart in tests)."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        ProcessCollector(registry=self.registry)
        GCCollector(registry=self.registry)
        self.questions = Counter(
            "pariscall_questions",
            "Questions answered, by platform and reply topic",
            ["platform", "topic"],
            registry=self.registry,
        )
        self.unknown = Counter(
            "pariscall_unknown_answers",
            'Questions answered "I don\'t know" (topic unknown), by platform',
            ["platform"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "pariscall_answer_seconds",
            "Time to answer a question (the core's work), by platform",
            ["platform"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.errors = Counter(
            "pariscall_platform_errors",
            "Failed platform calls, by platform and kind (api, unreachable, database, ...)",
            ["platform", "kind"],
            registry=self.registry,
        )
        self.reconnects = Counter(
            "pariscall_reconnects",
            "Platform connections re-established after a drop",
            ["platform"],
            registry=self.registry,
        )
        self.installations = Gauge(
            "pariscall_installations",
            "Workspaces with the app installed (Slack OAuth), by platform",
            ["platform"],
            registry=self.registry,
        )
        # Read at each scrape (in a worker thread): e.g. the installation count in the database.
        self.gauges: list[tuple[Gauge, Callable[[], float]]] = []

    def answered(self, platform: str, question: str, reply: Reply, seconds: float) -> None:
        self.questions.labels(platform, reply.topic).inc()
        if reply.topic == "unknown":
            self.unknown.labels(platform).inc()
        self.latency.labels(platform).observe(seconds)

    def error(self, platform: str, kind: str) -> None:
        self.errors.labels(platform, kind).inc()

    def reconnected(self, platform: str) -> None:
        self.reconnects.labels(platform).inc()

    def track(self, gauge: Gauge, read: Callable[[], float]) -> None:
        """Set `gauge` from `read()` at every scrape (replacing an earlier `read` for it: a
        platform restarted by its supervisor tracks the same gauge again)."""
        self.gauges = [(g, r) for g, r in self.gauges if g is not gauge]
        self.gauges.append((gauge, read))

    async def render(self) -> bytes:
        for gauge, read in self.gauges:
            try:
                gauge.set(await asyncio.to_thread(read))
            except Exception as e:  # a scrape still answers; the gauge keeps its last value
                log.warning("metrics: could not read %s (%s)", gauge, type(e).__name__)
        return generate_latest(self.registry)


def add_metrics_route(app: web.Application, metrics: Metrics, path: str = METRICS_PATH) -> None:
    """Serve `metrics` at GET `path` on an aiohttp application (Prometheus text format)."""

    async def handle_metrics(request: web.Request) -> web.Response:
        response = web.Response(body=await metrics.render())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response

    app.router.add_get(path, handle_metrics)
