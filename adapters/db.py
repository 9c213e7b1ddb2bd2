"""The database: one URL (`PARISCALL_DATABASE_URL`), its schema, and `pariscall db upgrade`.

SQLite in the data folder by default (zero set-up); PostgreSQL (`postgresql+psycopg://...`) when
several replicas share it. SQLAlchemy Core only, on a synchronous engine: the serving adapters
call it through `asyncio.to_thread`, the CLI directly. The core (`bot/`) never imports this.

Schema: SQLAlchemy metadata (`create_all`, which only adds what is missing) plus a one-row
version table; a change that `create_all` cannot make goes in `MIGRATIONS`, keyed by the version
it leads to. `upgrade()` runs both and is what `pariscall db upgrade` and every start run.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from adapters import settings

DATABASE_URL = settings.DATABASE_URL
DATA_DIR = settings.DATA_DIR
DATABASE_FILE = "pariscall.db"
URL_HINT = settings.DATABASE_HINT

SCHEMA_VERSION = 1
# version -> the change from version-1 that create_all cannot make (altered columns, data).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {}
# Any constant: PostgreSQL replicas starting together take turns creating the schema.
_UPGRADE_LOCK = 4_242_001

log = logging.getLogger("pariscall.db")

metadata = sa.MetaData()

schema = sa.Table(
    "pariscall_schema",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
)

# Slack event ids already answered (any replica); rows older than an hour are purged.
events = sa.Table(
    "pariscall_events",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("seen_at", sa.Float, nullable=False, index=True),
)

# Questions answered "I don't know", normalised (no names, ids, emails, URLs, numbers).
unanswered = sa.Table(
    "pariscall_unanswered",
    metadata,
    sa.Column("question", sa.String(300), primary_key=True),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("first_day", sa.Date, nullable=False),
    sa.Column("last_day", sa.Date, nullable=False, index=True),
)

# bolt's OAuth tables (slack_installations, slack_bots, slack_oauth_states), defined by
# slack_sdk's own SQLAlchemy stores, in the same schema. Added to `metadata` on first use (every
# schema upgrade, the OAuth stores), so a Discord-only process does not import slack_sdk to start.
SLACK_TABLES = ("slack_installations", "slack_bots", "slack_oauth_states")
_slack_tables_lock = threading.Lock()


def slack_tables() -> dict[str, sa.Table]:
    """bolt's OAuth tables by name, added to `metadata` the first time."""
    with _slack_tables_lock:  # schema upgrades run in worker threads
        if not all(name in metadata.tables for name in SLACK_TABLES):
            _define_slack_tables()
    return {name: metadata.tables[name] for name in SLACK_TABLES}


def _define_slack_tables() -> None:
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    installs, states = SQLAlchemyInstallationStore, SQLAlchemyOAuthStateStore
    installs.build_installations_table(metadata, installs.default_installations_table_name)
    installs.build_bots_table(metadata, installs.default_bots_table_name)
    states.build_oauth_states_table(metadata, states.default_table_name)


def __getattr__(name: str) -> sa.Table:
    """`from adapters.db import slack_bots` (and the other OAuth tables) defines them."""
    if name in SLACK_TABLES:
        return slack_tables()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DatabaseError(settings.SettingsError):
    """The database URL is wrong, or the database cannot be reached. `str()` is one line."""


def default_url(env: Mapping[str, str] = os.environ) -> str:
    """SQLite in the data folder: PARISCALL_DATA_DIR, else $XDG_DATA_HOME/pariscall."""
    data = Path(env[DATA_DIR]) if env.get(DATA_DIR) else settings.Paths.from_env().data
    return f"sqlite:///{data / DATABASE_FILE}"


def is_configured(env: Mapping[str, str] = os.environ) -> bool:
    """True when an operator chose a database (replicas de-duplicate events through it)."""
    return bool(env.get(DATABASE_URL, "").strip())


def database_url(env: Mapping[str, str] = os.environ) -> URL:
    """The URL to use, checked: SQLite or PostgreSQL through psycopg 3."""
    try:
        raw = settings.database_url(env) or default_url(env)  # the scheme is checked there
        url = make_url(raw)
    except settings.SettingsError as e:
        raise DatabaseError(str(e)) from None
    except ArgumentError:
        raise DatabaseError(f"{DATABASE_URL} is not a database URL: use {URL_HINT}.") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship
    return url


@dataclass
class Database:
    """An engine on the configured database and what the tool needs from it."""

    engine: Engine

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @property
    def where(self) -> str:
        """The URL without its password, for operators."""
        return self.engine.url.render_as_string(hide_password=True)

    def version(self) -> int | None:
        """The schema version, or None when the schema was never created."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(sa.select(schema.c.version)).scalar()
        except sa.exc.OperationalError as e:
            if not self.is_postgresql and "no such table" in str(e):
                return None
            raise
        except sa.exc.ProgrammingError:  # PostgreSQL: relation does not exist
            return None

    def upgrade(self) -> tuple[int | None, int]:
        """Create what is missing and migrate to SCHEMA_VERSION; returns (before, after)."""
        for attempt in range(1, 6):
            try:
                return self._upgrade()
            except (sa.exc.OperationalError, sa.exc.IntegrityError):
                # SQLite runs DDL outside the transaction, so processes starting together can
                # race ("already exists", "locked"); the next try sees the winner's schema.
                # PostgreSQL takes turns through the advisory lock instead.
                if self.is_postgresql or attempt == 5:
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    def _upgrade(self) -> tuple[int | None, int]:
        with self.engine.begin() as conn:
            if self.is_postgresql:
                conn.execute(sa.text(f"SELECT pg_advisory_xact_lock({_UPGRADE_LOCK})"))
            slack_tables()  # bolt's OAuth tables, for a Slack OAuth process on this database
            metadata.create_all(conn)
            before = conn.execute(sa.select(schema.c.version)).scalar()
            if before is not None and before > SCHEMA_VERSION:
                raise DatabaseError(
                    f"the database at {self.where} has schema version {before}, newer than "
                    f"this pariscall ({SCHEMA_VERSION}): upgrade pariscall."
                )
            for version in range((before or 0) + 1, SCHEMA_VERSION + 1):
                if version in MIGRATIONS:
                    MIGRATIONS[version](conn)
            if before is None:
                conn.execute(schema.insert().values(id=1, version=SCHEMA_VERSION))
            elif before < SCHEMA_VERSION:
                conn.execute(schema.update().values(version=SCHEMA_VERSION))
        return before, SCHEMA_VERSION

    def ensure_schema(self) -> None:
        """Upgrade when the schema is missing or older (run at every start)."""
        current = self.version()
        if current == SCHEMA_VERSION:
            return
        before, after = self.upgrade()
        log.info("database schema at %s: version %s -> %s", self.where, before, after)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(env: Mapping[str, str] = os.environ, *, check: bool = True) -> Database:
    """An engine on the configured URL; with `check`, one connection proves it works."""
    url = database_url(env)
    kwargs: dict[str, object] = {}
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise DatabaseError(
                    f"cannot create the folder of the database {database} ({e.strerror}): "
                    f"set {DATA_DIR} to a writable folder, or {DATABASE_URL}."
                ) from None
        kwargs["connect_args"] = {"timeout": 15}  # wait for another writer, not fail at once
    else:
        kwargs["pool_pre_ping"] = True  # a replica survives a database restart
        kwargs["connect_args"] = {"connect_timeout": 10}
    try:
        engine = sa.create_engine(url, **kwargs)
    except (ArgumentError, NoSuchModuleError, ImportError) as e:
        raise DatabaseError(f"{DATABASE_URL} cannot be used ({e}): use {URL_HINT}.") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    db = Database(engine)
    if check:
        try:
            with engine.connect():
                pass
        except SQLAlchemyError as e:
            engine.dispose()
            reason = str(getattr(e, "orig", None) or e).strip().splitlines()[0]
            raise DatabaseError(
                f"cannot connect to the database {db.where} ({reason}): check {DATABASE_URL}."
            ) from None
    return db


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # WAL lets readers and one writer work at once (several processes on one host).
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
