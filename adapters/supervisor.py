"""One supervisor per platform: restart after a failure, stop for good on a refused setting.

    failure          -> one log line, state "retrying", restart after 1, 2, 4 ... 60 s
    Refused (a token the platform rejects, a setting it cannot use)
                     -> state "stopped", never restarted; `supervise` returns and its caller
                        reports `error` (one line naming the variable to fix)
    cancelled        -> the platform closes (finishing answers in flight) and the task ends

A platform is a coroutine function `run(state)` that connects, sets `state` to connected, and
runs until cancelled or until it fails.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable

from adapters.health import RETRYING, STARTING, STOPPED, PlatformState

log = logging.getLogger("pariscall.serve")

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
# A run that lasted this long was healthy: the next failure starts the backoff again.
HEALTHY_AFTER = 120.0

Runner = Callable[[PlatformState], Awaitable[None]]


class Refused(Exception):
    """A setting the platform refuses (a rejected token): restarting cannot help.

    `str()` is the one line for the operator, naming the variable and the fix."""


class Supervisor:
    """Runs one platform, restarting it with capped exponential backoff."""

    def __init__(
        self,
        state: PlatformState,
        run: Runner,
        *,
        refused: tuple[type[BaseException], ...] = (),
        first_delay: float = FIRST_DELAY,
        max_delay: float = MAX_DELAY,
    ) -> None:
        self.state = state
        self.run = run
        self.refused: tuple[type[BaseException], ...] = (Refused, *refused)
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.failures = 0
        self.error: str | None = None  # the refusal that stopped it, if any

    @property
    def name(self) -> str:
        return self.state.name

    def delay(self) -> float:
        """The pause before the next restart: first_delay doubled per failure, at most max_delay."""
        return float(min(self.max_delay, self.first_delay * 2 ** max(0, self.failures - 1)))

    async def supervise(self) -> None:
        """Run the platform until cancelled, or until it is refused (then return)."""
        while True:
            self.state.set(STARTING)
            started = time.monotonic()
            try:
                await self.run(self.state)
                raise RuntimeError("stopped by itself")  # platforms run until cancelled
            except asyncio.CancelledError:
                raise
            except self.refused as e:
                self.error = str(e)
                self.state.set(STOPPED, self.error)
                return  # the caller reports it: a log line, or the exit line if none is left
            except Exception as e:  # anything else: log one line and try again
                if time.monotonic() - started >= HEALTHY_AFTER:
                    self.failures = 0
                self.failures += 1
                wait = self.delay()
                reason = str(e).splitlines()[0] if str(e) else type(e).__name__
                self.state.set(RETRYING, reason)
                log.error("%s failed: %s; restarting in %.0f s", self.name, reason, wait)
                log.debug("%s failure details", self.name, exc_info=True)
                await asyncio.sleep(wait)
