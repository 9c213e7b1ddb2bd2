"""`pariscall db upgrade` and `pariscall report`: the database from the command line.

Both are handlers of `pariscall`'s COMMANDS table (adapters/cli.py): the settings have been read
and checked once (`shared`), so a malformed PARISCALL_DATABASE_URL never reaches here.
"""

from __future__ import annotations

import argparse
import json
import sys

from adapters.db import DatabaseError, open_database
from adapters.settings import EXIT_CONFIG, Settings, fail
from adapters.unanswered import report, to_json


def db_upgrade(args: argparse.Namespace, shared: Settings) -> int:
    """Create the schema, or migrate it to this version; print what was done."""
    try:
        db = open_database()
        before, after = db.upgrade()
    except DatabaseError as e:
        fail(f"pariscall db upgrade: {e}", EXIT_CONFIG)
    where = db.where
    db.dispose()
    if before is None:
        print(f"Created the schema (version {after}) in {where}.")
    elif before == after:
        print(f"The schema in {where} is up to date (version {after}).")
    else:
        print(f"Upgraded the schema in {where} from version {before} to {after}.")
    return 0


def show_report(args: argparse.Namespace, shared: Settings) -> int:
    """The most frequent unanswered questions, as a table or JSON."""
    try:
        db = open_database()
        db.ensure_schema()
        rows = report(db, args.since, max(1, args.limit))
    except DatabaseError as e:
        fail(f"pariscall report: {e}", EXIT_CONFIG)
    db.dispose()
    if args.json:
        print(json.dumps(to_json(rows), ensure_ascii=False, indent=2))
        return 0
    if not rows:
        off = (
            " (PARISCALL_UNANSWERED_DAYS=0: recording is off)" if not shared.unanswered_days else ""
        )
        print(f"No unanswered questions recorded{off}.", file=sys.stderr)
        return 0
    width = max(len(str(r.count)) for r in rows)
    print(f"{'count':>{width}}  last seen   question")
    for r in rows:
        print(f"{r.count:>{width}}  {r.last_day}  {r.question}")
    return 0
