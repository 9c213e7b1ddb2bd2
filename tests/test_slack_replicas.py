"""Replicas: two Slack HTTP adapters sharing one database answer each event once, wherever
Slack's retries land; on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
import sqlalchemy as sa

from adapters.db import Database, events
from adapters.runtime import Runtime
from adapters.slack.dedup import DatabaseEventIds, RecentIds
from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import FakeSlackAPI, SlackHarness, dm_event, mention_event, settings_for

pytest_plugins = ["tests.slack_fixtures", "tests.db_fixtures"]


@pytest.fixture
async def replicas(
    core: Core, fake_api: FakeSlackAPI, database: Database
) -> AsyncIterator[tuple[SlackHarness, SlackHarness]]:
    """Two `pariscall slack` HTTP servers (one bolt app each) sharing `database`."""
    runtime = Runtime(database=database, shared_events=True)
    services = [SlackService(settings_for(fake_api), core, runtime) for _ in range(2)]
    for service in services:
        await service.open()
    async with aiohttp.ClientSession() as http:
        yield SlackHarness(services[0], fake_api, http), SlackHarness(services[1], fake_api, http)
    for service in services:
        await service.close()


async def test_retry_on_the_other_replica_is_not_answered_again(
    replicas: tuple[SlackHarness, SlackHarness],
) -> None:
    """The first delivery on A is answered; its retries on B (and A) are acked and dropped."""
    a, b = replicas
    event = mention_event("principle 3")
    assert (await a.event(event, event_id="EvSHARED1"))[0] == 200
    assert (await b.event(event, event_id="EvSHARED1", retry=1))[0] == 200
    assert (await a.event(event, event_id="EvSHARED1", retry=2))[0] == 200
    assert len(a.fake.posts()) == 1
    await b.event(event, event_id="EvSHARED2")  # another event is answered, on either replica
    assert len(a.fake.posts()) == 2


async def test_simultaneous_deliveries_answered_once(
    replicas: tuple[SlackHarness, SlackHarness],
) -> None:
    """Twenty events each delivered to both replicas at the same moment: twenty answers."""
    a, b = replicas
    sends = []
    for n in range(20):
        event = dm_event(f"principle {n % 9 + 1}")
        sends += [
            a.event(event, event_id=f"EvRACE{n}"),
            b.event(event, event_id=f"EvRACE{n}", retry=1),
        ]
    results = await asyncio.gather(*sends)
    assert all(status == 200 for status, _ in results)
    assert len(a.fake.posts()) == 20


async def test_event_ids_expire_after_the_ttl(database: Database) -> None:
    """An id is claimed once; rows older than the TTL are purged and no longer block it."""
    ids = DatabaseEventIds(database, ttl=3600)
    assert await ids.first_time("EvOLD") is True
    assert await ids.first_time("EvOLD") is False
    with database.engine.begin() as conn:
        conn.execute(sa.update(events).values(seen_at=time.time() - 7200))
    assert await ids.first_time("EvOLD") is True  # outlived the hour: treated as new
    with database.engine.begin() as conn:
        conn.execute(sa.insert(events).values(event_id="EvSTALE", seen_at=time.time() - 7200))
    ids._next_purge = 0.0
    assert await ids.first_time("EvNEW") is True
    with database.engine.connect() as conn:
        left = set(conn.execute(sa.select(events.c.event_id)).scalars())
    assert left == {"EvOLD", "EvNEW"}


async def test_unreachable_database_answers_rather_than_drops(
    database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """If the database fails, the event is answered (a rare duplicate beats silence) and logged."""
    ids = DatabaseEventIds(database)
    with database.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE pariscall_events"))
    assert await ids.first_time("EvX") is True
    assert "event de-duplication: the database failed" in caplog.text


async def test_in_memory_ids_have_the_same_interface() -> None:
    """Without a configured database, one process remembers the ids it answered."""
    ids = RecentIds(maxsize=2)
    assert [await ids.first_time(k) for k in ("a", "a", "b", "c", "a")] == [
        True, False, True, True, True,
    ]  # fmt: skip
