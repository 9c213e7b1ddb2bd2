"""Pytest fixtures for the Slack tests: the real adapter behind a real localhost HTTP server.

`slack` starts `SlackService` exactly as `pariscall slack` does (auth.test, bolt AsyncApp,
aiohttp server on 127.0.0.1) against `fake_api`, the fake Web API of tests/slack_fakes.py.
Test modules load this file with `pytest_plugins = ["tests.slack_fixtures"]` (and never import
it, so pytest can rewrite its asserts); helpers are imported from tests/slack_fakes.py.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator

import aiohttp
import pytest

from adapters.slack.run import SlackService
from bot.core import Core
from tests.slack_fakes import FakeSlackAPI, SlackHarness, settings_for


@pytest.fixture
def fake_api() -> Iterator[FakeSlackAPI]:
    """A fresh fake Slack Web API on 127.0.0.1."""
    fake = FakeSlackAPI().start()
    yield fake
    fake.stop()


@pytest.fixture
async def slack(
    core: Core, fake_api: FakeSlackAPI, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[SlackHarness]:
    """The Slack adapter serving HTTP on 127.0.0.1, talking to the fake Web API.

    Any error the adapter logs fails the test, unless the test sets `expect_errors`."""
    service = SlackService(settings_for(fake_api), core)
    await service.open()
    async with aiohttp.ClientSession() as http:
        harness = SlackHarness(service, fake_api, http)
        yield harness
    await service.close()
    if not harness.expect_errors:
        errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
        assert not errors, [r.getMessage() for r in errors]
