"""The database: one URL setting, the schema and `pariscall db upgrade`, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.db import SCHEMA_VERSION, Database, DatabaseError, database_url, open_database
from adapters.runtime import Runtime

pytest_plugins = ["tests.db_fixtures"]


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "adapters.cli", *args],
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)  # fmt: skip


def test_upgrade_creates_every_table_once(database: Database) -> None:
    """upgrade creates our tables and bolt's OAuth tables; a second run changes nothing."""
    names = set(sa.inspect(database.engine).get_table_names())
    assert {"pariscall_schema", "pariscall_events", "pariscall_unanswered"} <= names
    assert {"slack_installations", "slack_bots", "slack_oauth_states"} <= names
    assert database.version() == SCHEMA_VERSION
    assert database.upgrade() == (SCHEMA_VERSION, SCHEMA_VERSION)
    database.ensure_schema()
    with database.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM pariscall_schema")).scalar() == 1


def test_a_newer_schema_is_refused(database: Database) -> None:
    """A database migrated by a newer pariscall is not touched: the operator upgrades the tool."""
    with database.engine.begin() as conn:
        conn.execute(sa.text("UPDATE pariscall_schema SET version = 99"))
    with pytest.raises(DatabaseError, match="newer than this pariscall"):
        database.upgrade()


def test_empty_database_has_no_version(db_url: str) -> None:
    """Before any upgrade the version is None, and ensure_schema (run at start) creates it."""
    db = open_database({"PARISCALL_DATABASE_URL": db_url})
    try:
        assert db.version() is None
        db.ensure_schema()
        assert db.version() == SCHEMA_VERSION
    finally:
        db.dispose()


async def test_runtime_start_upgrades_the_configured_database(db_url: str) -> None:
    """A serving process creates the schema at start when PARISCALL_DATABASE_URL is new."""
    runtime = Runtime.from_env({"PARISCALL_DATABASE_URL": db_url, "PARISCALL_UNANSWERED_DAYS": "0"})
    assert runtime.shared_events
    await runtime.start(metrics=False)
    try:
        assert runtime.database is not None and runtime.database.version() == SCHEMA_VERSION
    finally:
        await runtime.stop()


def test_default_is_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    """With no URL the database is pariscall.db in PARISCALL_DATA_DIR."""
    url = database_url({"PARISCALL_DATA_DIR": str(tmp_path)})
    assert url.drivername == "sqlite" and url.database == str(tmp_path / "pariscall.db")
    assert database_url({"PARISCALL_DATABASE_URL": "postgresql://u@h/db"}).drivername == (
        "postgresql+psycopg"
    )


def test_runtime_needs_no_database_when_nothing_uses_it() -> None:
    """Single-token Slack with the report off opens no database and keeps event ids in memory."""
    runtime = Runtime.from_env({"PARISCALL_UNANSWERED_DAYS": "0"})
    assert runtime.env is None and not runtime.shared_events


def test_db_upgrade_command_on_the_default_sqlite(tmp_path: Path) -> None:
    """`pariscall db upgrade` creates the default SQLite file, then reports it up to date."""
    first = _cli("db", "upgrade", PARISCALL_DATA_DIR=str(tmp_path / "data"))
    assert first.returncode == 0, first.stderr
    assert f"Created the schema (version {SCHEMA_VERSION})" in first.stdout
    assert (tmp_path / "data" / "pariscall.db").is_file()
    second = _cli("db", "upgrade", PARISCALL_DATA_DIR=str(tmp_path / "data"))
    assert "up to date" in second.stdout


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u:p@localhost/db", "which pariscall does not support"),
        ("postgresql+psycopg://u:secret@127.0.0.1:1/db", "cannot connect to the database"),
    ],
)
def test_bad_database_url_is_one_line(url: str, expected: str) -> None:
    """A bad PARISCALL_DATABASE_URL: one line naming it and the fix, exit 2, no password shown."""
    result = _cli("db", "upgrade", PARISCALL_DATABASE_URL=url)
    assert result.returncode == 2
    assert expected in result.stderr and "PARISCALL_DATABASE_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and "secret" not in result.stderr


def test_bad_unanswered_days_is_one_line() -> None:
    """PARISCALL_UNANSWERED_DAYS must be a whole number of days."""
    with pytest.raises(DatabaseError, match="PARISCALL_UNANSWERED_DAYS must be a number"):
        Runtime.from_env({"PARISCALL_UNANSWERED_DAYS": "ninety"})


@pytest.mark.parametrize("required", [False, True])
def test_postgres_cases_skip_without_binaries_but_fail_in_ci(required: bool) -> None:
    """No initdb/pg_ctl: the PostgreSQL cases are skipped with the reason, or fail under CI."""
    env = {
        "PARISCALL_PG_BIN": "/nonexistent",
        "PARISCALL_REQUIRE_POSTGRES": "1" if required else "",
    }
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs",
                             "tests/test_db.py::test_empty_database_has_no_version"],
                            env={**os.environ, **env}, capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)  # fmt: skip
    if required:
        assert result.returncode == 1 and "must run" in result.stdout
        assert "1 passed, 1 error" in result.stdout
    else:
        assert result.returncode == 0 and "1 passed, 1 skipped" in result.stdout
        assert "PostgreSQL server binaries (initdb, pg_ctl) not found" in result.stdout


def test_replicas_starting_together_create_the_schema_once(db_url: str) -> None:
    """Four processes' worth of upgrades at the same moment: no error, one version row."""
    from concurrent.futures import ThreadPoolExecutor

    dbs = [open_database({"PARISCALL_DATABASE_URL": db_url}) for _ in range(4)]
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(lambda db: db.ensure_schema(), dbs))
        with dbs[0].engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM pariscall_schema")).scalar() == 1
    finally:
        for db in dbs:
            db.dispose()


@pytest.mark.parametrize("command", ["slack", "serve"])
def test_unreachable_database_at_start_is_one_line(command: str) -> None:
    """`pariscall slack|serve` with a database that cannot be reached: one line, exit 2."""
    result = _cli(command, SLACK_BOT_TOKEN="xoxb-1-2", SLACK_SIGNING_SECRET="s",
                  PARISCALL_DATABASE_URL="postgresql+psycopg://u:secret@127.0.0.1:1/db")  # fmt: skip
    assert result.returncode == 2, result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("pariscall")]
    assert "cannot connect to the database" in line and "PARISCALL_DATABASE_URL" in line
    assert "secret" not in result.stderr and "Traceback" not in result.stderr
