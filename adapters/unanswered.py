"""What people ask that the bot cannot answer, kept without personal data, and its report.

An "I don't know" answer (topic `unknown`) records its question normalised: lowercased, with
mentions, #channel names, emails, URLs, phone numbers and runs of 4+ digits removed, and
nothing else about who asked or where (no user, channel or workspace id). Each question keeps a
count and the
first and last day it was seen; rows unseen for `PARISCALL_UNANSWERED_DAYS` days (90; 0 turns
recording off) are deleted. Recording is a dict increment on the answer's path; a background
task writes the counts to the database every few seconds.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
import threading
from collections import Counter
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from adapters import settings
from adapters.db import unanswered
from adapters.telemetry import Sink

if TYPE_CHECKING:
    from adapters.db import Database
    from bot.reply import Reply

FLUSH_EVERY = 5.0  # seconds between writes
MAX_LENGTH = 300

log = logging.getLogger("pariscall.unanswered")

_REMOVE = [
    re.compile(p, re.I)
    for p in (
        r"<[@#!][^>]*>",  # Slack and Discord mentions, channels, roles, broadcasts
        r"<(?:https?|mailto|tel):[^>]*>",  # Slack's wrapped links
        r"\b(?:https?://|www\.)\S+",  # URLs
        r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",  # emails
        r"@[\w.-]+",  # @name mentions as typed
        r"#[a-z][\w-]*",  # #channel names (but "#3", a principle, stays)
        r"\+?\(?\d[\d\s().-]{6,}\d",  # phone numbers: 8+ digits with separators
        r"\d{4,}",  # ids, years and other long digit runs
    )
]
_SPACE = re.compile(r"\s+")


def normalise(question: str) -> str:
    """The question as stored: lowercased, personal-looking parts removed, spaces collapsed."""
    text = question.lower()
    for pattern in _REMOVE:
        text = pattern.sub(" ", text)
    text = _SPACE.sub(" ", text).strip(" \t.,;:!?-'\"")
    return text[:MAX_LENGTH].strip()


@dataclass(frozen=True)
class Unanswered:
    """One line of the report."""

    question: str
    count: int
    first_day: str
    last_day: str


class UnansweredLog(Sink):
    """A telemetry sink counting "I don't know" questions, written to the database in batches."""

    def __init__(self, db: Database, days: int = settings.DEFAULT_UNANSWERED_DAYS) -> None:
        self.db = db
        self.days = days
        self._pending: Counter[str] = Counter()
        self._lock = threading.Lock()  # Discord answers in worker threads
        dialect = postgresql if db.is_postgresql else sqlite
        insert = dialect.insert(unanswered)
        self._upsert = insert.on_conflict_do_update(
            index_elements=["question"],
            set_={
                "count": unanswered.c.count + insert.excluded.count,
                "last_day": sa.func.max(unanswered.c.last_day, insert.excluded.last_day)
                if not db.is_postgresql
                else sa.func.greatest(unanswered.c.last_day, insert.excluded.last_day),
            },
        )

    def answered(self, platform: str, question: str, reply: Reply, seconds: float) -> None:
        if reply.topic != "unknown":
            return
        text = normalise(question)
        if text:
            with self._lock:
                self._pending[text] += 1

    def flush(self, today: dt.date | None = None) -> int:
        """Write the pending counts (one transaction) and delete expired rows; returns rows."""
        with self._lock:
            pending, self._pending = self._pending, Counter()
        day = today or dt.date.today()
        with self.db.engine.begin() as conn:
            if pending:
                conn.execute(
                    self._upsert,
                    [
                        {"question": q, "count": n, "first_day": day, "last_day": day}
                        for q, n in pending.items()
                    ],
                )
            conn.execute(
                unanswered.delete().where(
                    unanswered.c.last_day < day - dt.timedelta(days=self.days)
                )
            )
        return len(pending)

    async def run(self, every: float = FLUSH_EVERY) -> None:
        """Flush every `every` seconds until cancelled (the owner flushes once more at stop)."""
        while True:
            await asyncio.sleep(every)
            await self.save()

    async def save(self) -> None:
        """Flush in a worker thread; a database failure is logged, never raised."""
        try:
            await asyncio.to_thread(self.flush)
        except SQLAlchemyError as e:
            log.error("could not save unanswered questions: %s", type(e).__name__)


def report(db: Database, since_days: int | None = None, limit: int = 50) -> list[Unanswered]:
    """The most frequent unanswered questions (seen within `since_days` days, if given)."""
    query = sa.select(unanswered).order_by(
        unanswered.c.count.desc(), unanswered.c.last_day.desc(), unanswered.c.question
    )
    if since_days is not None:
        query = query.where(unanswered.c.last_day >= dt.date.today() - dt.timedelta(since_days))
    with db.engine.connect() as conn:
        rows = conn.execute(query.limit(limit)).mappings().all()
    return [
        Unanswered(r["question"], r["count"], r["first_day"].isoformat(), r["last_day"].isoformat())
        for r in rows
    ]


def to_json(rows: list[Unanswered]) -> list[dict[str, object]]:
    return [asdict(r) for r in rows]
