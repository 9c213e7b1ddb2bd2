"""`pariscall serve`: every configured platform in one process, on one asyncio event loop.

Slack (bolt's AsyncApp) and Discord (discord.py) both run on asyncio, so they share the loop and
the one loaded core. A setting that is wrong stops start-up with one line naming it (exit 2).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Coroutine
from typing import Any

from adapters.db import DatabaseError
from adapters.runtime import Runtime
from adapters.slack.settings import is_oauth
from bot.core import Core

log = logging.getLogger(__name__)
EXIT_CONFIG = 2


def _coroutines(
    core: Core, slack: bool, discord: bool, runtime: Runtime
) -> list[Coroutine[Any, Any, None]]:
    """The start coroutine of each configured platform; raises its ConfigError when misconfigured.

    Every platform's settings are checked before any coroutine is made, so a bad one leaves
    nothing half-started.
    """
    starters = []
    if slack:
        from adapters.slack.run import start as start_slack
        from adapters.slack.settings import from_env

        starters.append((start_slack, from_env(os.environ)))
    if discord:
        from adapters.discord.run import DiscordSettings
        from adapters.discord.run import start as start_discord

        starters.append((start_discord, DiscordSettings.from_env(os.environ)))
    return [start(settings, core, runtime) for start, settings in starters]


async def _run(jobs: list[Coroutine[Any, Any, None]], runtime: Runtime) -> None:
    try:
        await runtime.start()
    except BaseException:
        for job in jobs:
            job.close()  # never started: no "coroutine was never awaited" warning
        raise
    try:
        await _gather(jobs)
    finally:
        await runtime.stop()


async def _gather(jobs: list[Coroutine[Any, Any, None]]) -> None:
    tasks = [asyncio.ensure_future(job) for job in jobs]
    loop = asyncio.get_running_loop()
    for task in tasks:
        with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
            loop.add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        # The first platform to fail stops the others: a half-running bot is hard to notice.
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.gather(*tasks, return_exceptions=True)


def serve(core: Core, *, slack: bool, discord: bool) -> int:
    """Run Slack and/or Discord until interrupted. Returns the exit code."""
    from adapters.discord.run import DiscordConfigError, DiscordUnreachable
    from adapters.slack.run import StartError
    from adapters.slack.settings import ConfigError as SlackConfigError

    names = " and ".join(n for n, on in (("Slack", slack), ("Discord", discord)) if on)
    try:
        runtime = Runtime.from_env(os.environ, oauth=slack and is_oauth(os.environ))
        jobs = _coroutines(core, slack, discord, runtime)
    except (SlackConfigError, DiscordConfigError, DatabaseError) as exc:
        print(f"pariscall: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    log.info("starting %s", names)
    try:
        asyncio.run(_run(jobs, runtime))
    except (SlackConfigError, DiscordConfigError, DatabaseError) as exc:  # refused at start
        print(f"pariscall: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (StartError, DiscordUnreachable) as exc:  # a platform could not be reached
        print(f"pariscall: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    return 0
