"""The unanswered-questions report: recorded from Slack and Discord without personal data,
counted, expired, and listed by `pariscall report`; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from discord_fixtures import DM_CHANNEL_ID, make_client, message, settle

from adapters import telemetry
from adapters.db import Database
from adapters.unanswered import UnansweredLog, normalise, report
from bot.core import Core
from bot.reply import Reply
from tests.slack_fakes import SlackHarness

pytest_plugins = ["tests.slack_fixtures", "tests.db_fixtures"]

TODAY = dt.date.today()


def unknown(log: UnansweredLog, question: str, times: int = 1) -> None:
    """Report `question` answered "I don't know" `times` times."""
    for _ in range(times):
        log.answered("slack", question, Reply(topic="unknown", title="", body=""), 0.0)


@pytest.fixture
def log(database: Database) -> Iterator[UnansweredLog]:
    """The unanswered log listening to every adapter, as `pariscall serve` sets it up."""
    sink = UnansweredLog(database)
    telemetry.add_sink(sink)
    yield sink
    telemetry.remove_sink(sink)


@pytest.mark.parametrize(
    ("question", "stored"),
    [
        ("What about Quantum Bananas?", "what about quantum bananas"),
        ("<@U024BE7LH> ask <!here> about <#C123|general>", "ask about"),
        ("mail me: ana.lopez+pc@example.org or see https://ex.com/a?b=1", "mail me: or see"),
        ("call +33 6 12 34 56 78 or (212) 555-0100", "call or"),
        ("ticket 123456 from 2024, principle 3", "ticket from , principle 3"),
        ("@ana @everyone hack back", "hack back"),
        ("#general what is #3?", "what is #3"),
        ("<@123456789012345678> <@&42> www.example.com", ""),
    ],
)
def test_normalise_removes_personal_looking_parts(question: str, stored: str) -> None:
    """Mentions, emails, URLs, phone numbers and 4+ digit runs are removed; text lowercased."""
    assert normalise(question) == stored


async def test_slack_unknown_questions_are_counted_without_personal_data(
    slack: SlackHarness, log: UnansweredLog, database: Database
) -> None:
    """Slack: each "I don't know" counts (cached answers too); answered questions are not kept."""
    await slack.ask("how do quantum bananas taste, bob@example.com?")
    await slack.ask("How do quantum bananas taste")
    await slack.ask("How do quantum bananas taste")  # the cached ack still counts
    await slack.ask("principle 3")
    assert log.flush() == 1
    [row] = report(database)
    assert (row.question, row.count, row.last_day) == (
        "how do quantum bananas taste",
        3,
        TODAY.isoformat(),
    )


async def test_discord_unknown_questions_are_counted(
    core: Core, log: UnansweredLog, database: Database
) -> None:
    """Discord: a DM the bot cannot answer is recorded under the same normalised question."""
    client, _ = await make_client(core)
    try:
        client._connection.parse_message_create(
            message("How do quantum bananas taste? call 0612345678", channel_id=DM_CHANNEL_ID)
        )
        await settle()
    finally:
        await client.close()
    log.flush()
    assert [(r.question, r.count) for r in report(database)] == [
        ("how do quantum bananas taste? call", 1)
    ]


def test_counts_add_up_and_old_rows_expire(database: Database) -> None:
    """Flushes add to the stored count; rows unseen for `days` days are deleted."""
    log = UnansweredLog(database, days=90)
    for day, question in [(TODAY - dt.timedelta(100), "old one"), (TODAY, "new one")]:
        unknown(log, question, times=2)
        log.flush(today=day)
    unknown(log, "New one!")
    log.answered("slack", "new one", Reply(topic="about", title="", body=""), 0.0)  # answered
    log.flush()
    rows = {r.question: r for r in report(database)}
    assert set(rows) == {"new one"} and rows["new one"].count == 3
    assert report(database, since_days=0)[0].question == "new one"


def _report(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "adapters.cli", "report", *args],
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)  # fmt: skip


def test_report_command_lists_the_most_frequent(db_url: str, database: Database) -> None:
    """`pariscall report --json` and the table list the most frequent questions first."""
    log = UnansweredLog(database)
    unknown(log, "What about quantum bananas?", times=5)
    unknown(log, "Who is the CEO", times=2)
    log.flush()
    as_json = _report("--json", PARISCALL_DATABASE_URL=db_url)
    assert as_json.returncode == 0, as_json.stderr
    rows = json.loads(as_json.stdout)
    assert [(r["question"], r["count"]) for r in rows] == [
        ("what about quantum bananas", 5),
        ("who is the ceo", 2),
    ]
    table = _report("--since", "30", PARISCALL_DATABASE_URL=db_url)
    lines = table.stdout.splitlines()
    assert lines[0].split() == ["count", "last", "seen", "question"]
    assert lines[1].split()[0] == "5" and lines[1].endswith("what about quantum bananas")


def test_report_on_an_empty_default_database(tmp_path: Path) -> None:
    """With nothing recorded yet the report says so (and creates the default database)."""
    result = _report(PARISCALL_DATA_DIR=str(tmp_path))
    assert result.returncode == 0 and "No unanswered questions recorded" in result.stderr
    assert (tmp_path / "pariscall.db").is_file()


async def test_recording_off_with_zero_days(tmp_path: Path) -> None:
    """PARISCALL_UNANSWERED_DAYS=0: a serving process records nothing and needs no database."""
    from adapters.runtime import Runtime

    runtime = Runtime.from_env(
        {"PARISCALL_UNANSWERED_DAYS": "0", "PARISCALL_DATA_DIR": str(tmp_path)}
    )
    await runtime.start(metrics=False)
    try:
        assert runtime.database is None and runtime.unanswered is None
    finally:
        await runtime.stop()
    assert not (tmp_path / "pariscall.db").exists()


async def test_serving_runtime_records_and_writes_at_stop(db_url: str) -> None:
    """A serving process records by default (90 days) and writes what is pending when it stops."""
    from adapters.db import open_database
    from adapters.runtime import Runtime

    runtime = Runtime.from_env({"PARISCALL_DATABASE_URL": db_url})
    await runtime.start(metrics=False)
    try:
        assert runtime.unanswered is not None and runtime.unanswered.days == 90
        telemetry.answered(
            "discord", "Quantum bananas?", Reply(topic="unknown", title="", body=""), 0.0
        )
    finally:
        await runtime.stop()
    telemetry.answered("discord", "after stop", Reply(topic="unknown", title="", body=""), 0.0)
    db = open_database({"PARISCALL_DATABASE_URL": db_url})
    try:
        assert [(r.question, r.count) for r in report(db)] == [("quantum bananas", 1)]
    finally:
        db.dispose()
