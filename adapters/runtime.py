"""What one serving process shares across its platforms: the database, metrics, unanswered log.

`pariscall slack`, `discord` and `serve` check it from the environment (`Runtime.from_env`, no
connection yet) beside the platforms' settings; `adapters/serve.py` starts it once before the
supervised platforms (the schema is created or upgraded when needed), hands it to each, and
stops it after they stop:

- the database when one is needed: Slack OAuth installs, the unanswered report (on unless
  PARISCALL_UNANSWERED_DAYS=0), or an explicit PARISCALL_DATABASE_URL, which also makes Slack
  de-duplicate retried events in it, so replicas answer each event once;
- the Prometheus metrics, served at /metrics on the Slack HTTP port and on the health port
  (`metrics.add_metrics_route` mounts them on any aiohttp app).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from adapters import db as database_module
from adapters import settings, telemetry
from adapters.db import Database, DatabaseError

if TYPE_CHECKING:
    from adapters.metrics import Metrics
    from adapters.unanswered import UnansweredLog

log = logging.getLogger("pariscall")


@dataclass
class Runtime:
    """The shared pieces; `start()` before use, `stop()` at the end."""

    database: Database | None = None
    shared_events: bool = False  # de-duplicate Slack events in the database
    unanswered_days: int = 0
    # The environment to open the database from at start (None: `database` is handed in).
    env: dict[str, str] | None = None
    metrics: Metrics | None = None
    unanswered: UnansweredLog | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ, *, oauth: bool = False) -> Runtime:
        """Check the settings (no connection yet); raises DatabaseError naming the variable."""
        try:
            days = settings.unanswered_days(env)
        except settings.SettingsError as e:
            raise DatabaseError(str(e)) from None
        shared = database_module.is_configured(env)
        if shared or oauth or days > 0:
            database_module.database_url(env)  # a malformed URL fails now, before any platform
            return cls(shared_events=shared, unanswered_days=days, env=dict(env))
        return cls()

    async def start(self, *, metrics: bool = True) -> None:
        """Connect, create or upgrade the schema, add the metrics and unanswered sinks."""
        if self.env is not None and self.database is None:
            self.database = await asyncio.to_thread(database_module.open_database, self.env)
        if self.database is not None:
            await asyncio.to_thread(self.database.ensure_schema)
            log.info("database: %s", self.database.where)
            if self.unanswered_days > 0:
                from adapters.unanswered import UnansweredLog

                self.unanswered = UnansweredLog(self.database, self.unanswered_days)
                telemetry.add_sink(self.unanswered)
                self._tasks.append(asyncio.ensure_future(self.unanswered.run()))
        if metrics and self.metrics is None:
            from adapters.metrics import Metrics

            self.metrics = Metrics()
        if self.metrics is not None:
            telemetry.add_sink(self.metrics)

    async def stop(self) -> None:
        """Write what is pending, remove the sinks, close the connections."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        for sink in (self.unanswered, self.metrics):
            if sink is not None:
                telemetry.remove_sink(sink)
        if self.unanswered is not None:
            await self.unanswered.save()  # what was counted since the last write
        if self.database is not None and self.env is not None:
            self.database.dispose()  # ours to close; a database handed in stays open
