"""Health: what each platform is doing, and the small HTTP app that reports it.

    GET /healthz   200 "ok" while the process runs (liveness)
    GET /readyz    200 when every configured platform is connected, else 503; JSON body
                   {"ready": bool, "platforms": {"slack": {"state": ..., "detail": ...}, ...}}

The routes are served on the Slack HTTP port when Slack runs over HTTP, and on their own port
(`--health-port`, PARISCALL_HEALTH_PORT) whenever it is set. `build_health_app` builds the
`aiohttp.web.Application`; other routes register beside ours with their own
`add_..._route(app, ...)` function: `pariscall serve` mounts GET /metrics (adapters/metrics.py)
on both, through `HealthServer(..., routes=...)` and the Slack adapter.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"

# A platform's states, in the order a healthy start goes through them.
STARTING = "starting"  # checking its tokens and connecting
CONNECTED = "connected"  # answering
RECONNECTING = "reconnecting"  # the connection dropped; the library is reconnecting by itself
RETRYING = "retrying"  # it failed; the supervisor restarts it after a pause
STOPPED = "stopped"  # a setting was refused: stopped for good until the operator fixes it

log = logging.getLogger("pariscall.health")


@dataclass
class PlatformState:
    """One platform's state, as /readyz shows it. `detail` is one line, never a secret."""

    name: str
    state: str = STARTING
    detail: str = ""
    since: float = field(default_factory=time.monotonic)

    def set(self, state: str, detail: str = "") -> None:
        if state != self.state:
            log.debug("%s: %s -> %s", self.name, self.state, state)
            self.since = time.monotonic()
        self.state, self.detail = state, detail

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"state": self.state}
        if self.detail:
            data["detail"] = self.detail
        return data


class Health:
    """Every configured platform's state (one per platform, made by `platform`)."""

    def __init__(self) -> None:
        self.platforms: dict[str, PlatformState] = {}

    def platform(self, name: str) -> PlatformState:
        return self.platforms.setdefault(name, PlatformState(name))

    @property
    def ready(self) -> bool:
        """True when every configured platform is connected (and at least one is configured)."""
        states = self.platforms.values()
        return bool(self.platforms) and all(p.state == CONNECTED for p in states)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ready": self.ready,
            "platforms": {name: p.to_dict() for name, p in self.platforms.items()},
        }


def add_health_routes(app: web.Application, health: Health) -> None:
    """Register GET /healthz and GET /readyz on `app`."""

    async def handle_healthz(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def handle_readyz(request: web.Request) -> web.Response:
        return web.json_response(health.to_dict(), status=200 if health.ready else 503)

    app.add_routes([web.get(HEALTH_PATH, handle_healthz), web.get(READY_PATH, handle_readyz)])


def build_health_app(health: Health) -> web.Application:
    """The health server's application (its own port; Socket Mode and Discord-only)."""
    app = web.Application()
    add_health_routes(app, health)
    return app


class HealthServer:
    """`build_health_app` served on host:port until `close()`; `routes(app)` adds others
    beside ours (`pariscall serve` mounts /metrics)."""

    def __init__(
        self,
        health: Health,
        host: str,
        port: int,
        *,
        routes: Callable[[web.Application], None] | None = None,
    ) -> None:
        self.health = health
        self.host = host
        self.port = port
        self.routes = routes
        self._runner: web.AppRunner | None = None

    async def open(self) -> None:
        app = build_health_app(self.health)
        if self.routes is not None:
            self.routes(app)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]
        log.info("health: http://%s:%s%s and %s", self.host, self.port, HEALTH_PATH, READY_PATH)

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
