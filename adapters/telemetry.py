"""What the serving adapters report (answers, errors, reconnects), fanned out to sinks.

The adapters call `answered`, `error` and `reconnected`; with no sink added (`pariscall ask`,
`chat`, tests) these do nothing. `pariscall slack|discord|serve` add the Prometheus metrics
(adapters/metrics.py) and the unanswered-questions log (adapters/unanswered.py). A sink must be
quick and thread-safe: Discord answers in worker threads. This module imports nothing heavy.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.core import Core
    from bot.reply import Reply

log = logging.getLogger("pariscall.telemetry")


class Sink:
    """Receives what the adapters report; override what you need."""

    def answered(self, platform: str, question: str, reply: Reply, seconds: float) -> None:
        """A question was answered (`reply.topic == "unknown"`: the bot did not know)."""

    def error(self, platform: str, kind: str) -> None:
        """A platform call failed (`kind`: api, unreachable, database, ...)."""

    def reconnected(self, platform: str) -> None:
        """The platform connection was re-established after a drop."""


_sinks: list[Sink] = []


def add_sink(sink: Sink) -> None:
    if sink not in _sinks:
        _sinks.append(sink)


def remove_sink(sink: Sink) -> None:
    if sink in _sinks:
        _sinks.remove(sink)


def answered(platform: str, question: str, reply: Reply, seconds: float) -> None:
    for sink in _sinks:
        try:
            sink.answered(platform, question, reply, seconds)
        except Exception:  # a metrics problem must never cost a user their answer
            log.exception("telemetry sink %r failed", sink)


def error(platform: str, kind: str) -> None:
    for sink in _sinks:
        try:
            sink.error(platform, kind)
        except Exception:
            log.exception("telemetry sink %r failed", sink)


def reconnected(platform: str) -> None:
    for sink in _sinks:
        try:
            sink.reconnected(platform)
        except Exception:
            log.exception("telemetry sink %r failed", sink)


class Observed:
    """A core whose `answer` is timed and reported for `platform`; everything else delegates.

    It holds the core (never subclasses it), so adapters that take a `Core` take this as is.
    """

    def __init__(self, core: Core, platform: str) -> None:
        self.core = core
        self.platform = platform

    def answer(self, text: str, lang: str | None = None) -> Reply:
        start = time.perf_counter()
        reply = self.core.answer(text, lang=lang)
        answered(self.platform, text, reply, time.perf_counter() - start)
        return reply

    def __getattr__(self, name: str) -> Any:
        return getattr(self.core, name)


def observed(core: Core, platform: str) -> Core:
    """`core` reporting its answers for `platform` (typed as a Core for the adapters)."""
    if isinstance(core, Observed):
        return core
    return Observed(core, platform)  # type: ignore[return-value]
