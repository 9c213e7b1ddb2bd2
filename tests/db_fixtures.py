"""Pytest fixtures for database tests: each runs on SQLite and on a real PostgreSQL.

`db_url` is parametrized over both; the PostgreSQL cluster (tests/postgres.py) is started once
per session and each test gets a fresh database in it. Without the PostgreSQL binaries the
PostgreSQL cases are skipped with the reason, unless PARISCALL_REQUIRE_POSTGRES=1 (.ci/run sets
it), which makes them fail instead. Load with `pytest_plugins = ["tests.db_fixtures"]`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.db import Database, open_database
from tests.postgres import Cluster, pg_bindir

REQUIRE = "PARISCALL_REQUIRE_POSTGRES"
_names = count(1)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server on 127.0.0.1, for the whole session."""
    bindir = pg_bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found; set PARISCALL_PG_BIN"
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{reason} ({REQUIRE}=1: these tests must run)")
        pytest.skip(reason)
    cluster = Cluster(bindir)
    try:
        cluster.start()
    except Exception as e:
        cluster.stop()
        pytest.fail(f"could not start PostgreSQL from {bindir}: {e}")
    yield cluster
    cluster.stop()


def _fresh_postgres_db(cluster: Cluster) -> str:
    name = f"test_{os.getpid()}_{next(_names)}"
    engine = sa.create_engine(cluster.url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return cluster.url(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL to an empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.db'}"
    return _fresh_postgres_db(request.getfixturevalue("postgres"))


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    """The database at `db_url` with its schema created, as `pariscall db upgrade` does."""
    db = open_database({"PARISCALL_DATABASE_URL": db_url})
    db.upgrade()
    yield db
    db.dispose()
