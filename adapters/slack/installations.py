"""OAuth installs in the database: slack_sdk's SQLAlchemy stores, made async for bolt's AsyncApp.

slack_sdk's `AsyncSQLAlchemy*Store`s need SQLAlchemy's asyncio engine (and an async driver per
database); the sync stores on the one engine the tool already has, run in worker threads, give
the AsyncApp the same interface with no second driver. Tables: adapters/db.py.
"""

from __future__ import annotations

import asyncio
import logging
from logging import Logger
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy.exc import SQLAlchemyError

from adapters import telemetry
from adapters.db import slack_bots

if TYPE_CHECKING:
    from adapters.db import Database

STATE_EXPIRATION = 600  # seconds an "Add to Slack" click has to come back (bolt's default)

log = logging.getLogger("pariscall.slack")


class Installations(AsyncInstallationStore):
    """bolt's installation store: one row per workspace install, one bot row per workspace."""

    def __init__(self, db: Database, client_id: str) -> None:
        self.db = db
        self.store = SQLAlchemyInstallationStore(client_id=client_id, engine=db.engine, logger=log)

    @property
    def logger(self) -> Logger:
        return log

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.store.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.store.save_bot, bot)

    async def async_find_bot(self, **kwargs: Any) -> Bot | None:
        try:
            return await asyncio.to_thread(lambda: self.store.find_bot(**kwargs))
        except SQLAlchemyError as e:
            # bolt logs a failed lookup at INFO and leaves the request unanswered: say it louder.
            log.error("could not read the installation from the database (%s)", type(e).__name__)
            telemetry.error("slack", "database")
            raise

    async def async_find_installation(self, **kwargs: Any) -> Installation | None:
        return await asyncio.to_thread(lambda: self.store.find_installation(**kwargs))

    async def async_delete_bot(self, **kwargs: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_bot(**kwargs))

    async def async_delete_installation(self, **kwargs: Any) -> None:
        await asyncio.to_thread(lambda: self.store.delete_installation(**kwargs))

    def count(self) -> int:
        """Workspaces (and Enterprise Grid orgs) with a bot installed."""
        c = slack_bots.c
        query = sa.select(sa.func.count(sa.distinct(sa.func.coalesce(c.team_id, c.enterprise_id))))
        with self.db.engine.connect() as conn:
            return int(conn.execute(query.where(c.client_id == self.store.client_id)).scalar() or 0)


class OAuthStates(AsyncOAuthStateStore):
    """bolt's OAuth state store: each "Add to Slack" click's state, usable once, on any replica."""

    def __init__(self, db: Database, expiration_seconds: int = STATE_EXPIRATION) -> None:
        self.store = SQLAlchemyOAuthStateStore(
            expiration_seconds=expiration_seconds, engine=db.engine, logger=log
        )

    @property
    def logger(self) -> Logger:
        return log

    async def async_issue(self, *args: Any, **kwargs: Any) -> str:
        return await asyncio.to_thread(self.store.issue, *args, **kwargs)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.store.consume, state)
