"""`pariscall serve`: every configured platform in one process, each under its own supervisor.

Slack (bolt's AsyncApp) and Discord (discord.py) both run on asyncio, so they share the loop,
the one loaded core and one runtime (adapters/runtime.py: the database, the metrics and the
unanswered-questions log), started before the platforms and closed after them. A platform that
fails is restarted with backoff (adapters/supervisor.py); one whose token is refused stops for
good with one line naming the variable, and the others keep serving. The process exits 2 when
no platform can run or the database cannot be used at start, and 0 on SIGTERM or SIGINT after
letting answers in flight finish (SHUTDOWN_GRACE). Health: adapters/health.py; /metrics rides
beside /healthz and /readyz on the Slack HTTP port and on the health port.

Only the configured platforms' libraries are imported.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp import web

from adapters.db import DatabaseError
from adapters.health import Health, HealthServer, PlatformState
from adapters.runtime import Runtime
from adapters.supervisor import Supervisor

if TYPE_CHECKING:
    from adapters.discord.run import DiscordSettings
    from adapters.slack.settings import SlackSettings
    from bot.core import Core

log = logging.getLogger("pariscall.serve")
EXIT_OK = 0
EXIT_CONFIG = 2
# How long a stop waits for answers in flight before closing connections anyway.
SHUTDOWN_GRACE = 8.0


@dataclass(frozen=True)
class Platforms:
    """What to run: each platform's checked settings (None: not configured), health, and the
    runtime they share (None: metrics only, no database)."""

    slack: SlackSettings | None = None
    discord: DiscordSettings | None = None
    health_port: int | None = None
    health_host: str = "0.0.0.0"
    runtime: Runtime | None = None


def _supervisors(
    core: Core, platforms: Platforms, health: Health, runtime: Runtime | None = None
) -> list[Supervisor]:
    supervisors = []
    if platforms.slack is not None:
        from adapters.slack.run import start as start_slack
        from adapters.slack.settings import ConfigError

        slack = platforms.slack

        def run_slack(state: PlatformState) -> Awaitable[None]:
            return start_slack(slack, core, state, health, runtime)

        supervisors.append(Supervisor(health.platform("slack"), run_slack, refused=(ConfigError,)))
    if platforms.discord is not None:
        from adapters.discord.run import DiscordConfigError
        from adapters.discord.run import start as start_discord

        discord = platforms.discord

        def run_discord(state: PlatformState) -> Awaitable[None]:
            return start_discord(discord, core, state, runtime)

        supervisors.append(
            Supervisor(health.platform("discord"), run_discord, refused=(DiscordConfigError,))
        )
    return supervisors


def _metrics_route(runtime: Runtime) -> Callable[[web.Application], None] | None:
    """/metrics for the health server (Socket Mode and Discord-only deployments too)."""
    metrics = runtime.metrics
    if metrics is None:
        return None
    from adapters.metrics import add_metrics_route

    return lambda app: add_metrics_route(app, metrics)


async def run_platforms(
    core: Core,
    platforms: Platforms,
    *,
    stop: asyncio.Event | None = None,
    health: Health | None = None,
    on_ready: Callable[[HealthServer | None], None] | None = None,
) -> int:
    """Run until `stop` is set (SIGTERM/SIGINT set it too) or no platform can run; the exit code.

    Raises DatabaseError when the runtime's database cannot be used at start."""
    stop = stop or asyncio.Event()
    health = health or Health()
    runtime = platforms.runtime or Runtime()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows; not main thread
            loop.add_signal_handler(sig, stop.set)
    try:
        await runtime.start()  # the schema is created or upgraded here, once for every platform
        try:
            return await _run(core, platforms, stop, health, runtime, on_ready)
        finally:
            await runtime.stop()
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)


async def _run(
    core: Core,
    platforms: Platforms,
    stop: asyncio.Event,
    health: Health,
    runtime: Runtime,
    on_ready: Callable[[HealthServer | None], None] | None,
) -> int:
    routes = _metrics_route(runtime)
    server = None
    if platforms.health_port is not None:
        server = HealthServer(health, platforms.health_host, platforms.health_port, routes=routes)
        await server.open()
    supervisors = _supervisors(core, platforms, health, runtime)
    running = {asyncio.ensure_future(s.supervise()): s for s in supervisors}
    stopping = asyncio.ensure_future(stop.wait())
    if on_ready is not None:
        on_ready(server)
    code = EXIT_OK
    try:
        while running:
            done, _ = await asyncio.wait([*running, stopping], return_when="FIRST_COMPLETED")
            if stopping in done:
                log.info("stopping: finishing the answers in flight")
                break
            for task in [t for t in running if t in done]:
                supervisor = running.pop(task)
                if running:  # the others keep serving
                    log.error("%s stopped: %s", supervisor.name, supervisor.error)
                    slack = platforms.slack
                    if (
                        supervisor.name == "slack"
                        and slack
                        and not slack.socket_mode
                        and not server
                    ):
                        # Health (and /metrics) were on Slack's HTTP port: keep answering there.
                        server = HealthServer(health, slack.host, slack.port, routes=routes)
                        await server.open()
                else:
                    print(f"pariscall: {supervisor.error}", file=sys.stderr)
                    code = EXIT_CONFIG
    finally:
        stopping.cancel()
        for task in running:
            task.cancel()
        if running:
            _, late = await asyncio.wait(running, timeout=SHUTDOWN_GRACE)
            if late:
                log.warning("stopped without waiting for %d platform(s)", len(late))
        if server is not None:
            await server.close()
    return code


def serve(core: Core, platforms: Platforms) -> int:
    """Run the configured platforms until SIGTERM/SIGINT or until none can run; the exit code."""
    names = [n for n, s in (("Slack", platforms.slack), ("Discord", platforms.discord)) if s]
    log.info("starting %s", " and ".join(names))
    try:
        return asyncio.run(run_platforms(core, platforms))
    except DatabaseError as exc:  # the database cannot be reached or used at start
        print(f"pariscall: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:  # a second Ctrl-C during shutdown
        return EXIT_OK
