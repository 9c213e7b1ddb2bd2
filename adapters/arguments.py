"""The grammar of the `pariscall` command line (argparse), imported only when a command needs
it: `pariscall ask "principle 3"` is read without it (see `adapters.cli.main`)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from adapters import settings
from bot import __version__

EPILOG = """examples:
  pariscall ask "principle 3"
  pariscall ask --json "did russia sign?"
  echo "who launched it" | pariscall ask --json -
  pariscall chat --lang fr
  pariscall validate content/
  pariscall supporters import https://pariscall.international/supporters.csv
  pariscall supporters import supporters.csv --as-of 2026-03-01
  pariscall serve            # Slack/Discord when their tokens are set, else the terminal chat
  pariscall db upgrade       # create or migrate the database (PARISCALL_DATABASE_URL)
  pariscall report --since 30 --json
"""


class Parser(argparse.ArgumentParser):
    """argparse, with every usage mistake reported in one line (exit 2)."""

    def error(self, message: str) -> NoReturn:
        settings.fail(f"{self.prog}: {message} (see {self.prog} --help)", settings.EXIT_CONFIG)


def _port(value: str) -> str:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (a number from 0 to 65535)")
    return value


def global_options() -> Parser:
    common = Parser(prog="pariscall", add_help=False, allow_abbrev=False)
    common.add_argument("--lang", choices=settings.LANGS, default=None,
                        help="answer language (default: PARISCALL_LANG, else en)")  # fmt: skip
    common.add_argument("--content", metavar="DIR", default=None,
                        help="content folder (default: PARISCALL_CONTENT_DIR, else bundled)")  # fmt: skip
    common.add_argument("--log-level", metavar="LEVEL", default=None, type=str.upper,
                        choices=settings.LEVELS[:4],
                        help="DEBUG, INFO, WARNING or ERROR (default: PARISCALL_LOG_LEVEL, else INFO)")  # fmt: skip
    common.add_argument("--health-port", metavar="PORT", default=None, type=_port,
                        help="serve /healthz and /readyz on this port (PARISCALL_HEALTH_PORT)")  # fmt: skip
    return common


def full_parser(platforms: Iterable[str]) -> argparse.ArgumentParser:
    """Every command and its options; `platforms` parse their own arguments."""
    common = global_options()
    parser = Parser(
        prog="pariscall", parents=[common], epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Answers questions about the Paris Call for Trust and Security in Cyberspace.",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"pariscall {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    ask = sub.add_parser("ask", parents=[common], help="answer one question and exit",
                         description="Answer one question. Use - to read one question per line "
                         "from standard input.")  # fmt: skip
    ask.add_argument("question", nargs="+", help="the question, or - for standard input")
    ask.add_argument("--json", action="store_true", help="print the reply as one JSON object")

    sub.add_parser("chat", parents=[common], help="chat in the terminal",
                   description="An interactive chat; `quit` or Ctrl-D leaves. With piped input, "
                   "answers each line.")  # fmt: skip

    validate = sub.add_parser("validate", parents=[common], help="check the content files",
                              description="Check every content file and report every problem "
                              "with its file and key path. Exit 1 when something is wrong.")  # fmt: skip
    validate.add_argument("directory", nargs="?", help="content folder (default: bundled)")

    supporters = sub.add_parser("supporters", parents=[common], help="manage the supporters list")
    sup = supporters.add_subparsers(dest="action", metavar="ACTION", required=True,
                                    parser_class=Parser)  # fmt: skip
    imp = sup.add_parser("import", parents=[common],
                         help="import the official supporters.csv export",
                         description="Read the official site's CSV export (a file or URL) and use "
                         "it instead of the bundled list. Stored in PARISCALL_DATA_DIR (default "
                         "$XDG_DATA_HOME/pariscall). A broken file never replaces a working list. "
                         "Answers give the list's as-of date: --as-of, else for a URL the day it "
                         "is downloaded, else the file's modification date.")  # fmt: skip
    imp.add_argument("source", metavar="FILE_OR_URL")
    imp.add_argument("--as-of", metavar="DATE", type=_date,
                     help="the date of the list (YYYY-MM-DD), e.g. the day the export was made")  # fmt: skip
    snap = sup.add_parser("snapshot", help="write the bundled copy of the list (for maintainers)",
                          description="Write content/official-list.yaml, the bundled copy of the "
                          "official list, from the site's CSV export (a file or URL). See "
                          "content/README.md, 'The full official list'.")  # fmt: skip
    snap.add_argument("source", metavar="FILE_OR_URL")
    snap.add_argument("--as-of", metavar="DATE", type=_date, required=True,
                      help="the date of the export (YYYY-MM-DD)")  # fmt: skip
    snap.add_argument("--changed", metavar="DATE", type=_date, required=True,
                      help="the date the list itself last changed (YYYY-MM-DD)")  # fmt: skip
    snap.add_argument("--out", metavar="FILE", type=Path,
                      help="where to write it (default: official-list.yaml in the bundled content)")  # fmt: skip

    ev = sub.add_parser("eval", parents=[common], help="measure understanding on labelled questions",
                        description="Answer every labelled question in the given YAML files or "
                        "folders and print accuracy, per-topic precision and recall, confident "
                        "wrong answers and each failure (format: tests/questions/README.md).")  # fmt: skip
    ev.add_argument("paths", nargs="+", metavar="FILE_OR_DIR")
    ev.add_argument("--min", type=float, default=0.0, metavar="RATIO",
                    help="exit 1 when accuracy is below this (e.g. 0.97)")  # fmt: skip
    ev.add_argument("--max-wrong", type=int, default=None, metavar="N",
                    help="exit 1 when there are more confident wrong answers than this")  # fmt: skip
    ev.add_argument("--quiet", action="store_true", help="print the figures only")

    db = sub.add_parser("db", parents=[common], help="manage the database (PARISCALL_DATABASE_URL)",
                        description="The database holds Slack installations, retried event ids "
                        "and the unanswered-questions report: SQLite in PARISCALL_DATA_DIR by "
                        "default, or PARISCALL_DATABASE_URL (postgresql+psycopg://...).")  # fmt: skip
    db_sub = db.add_subparsers(dest="action", metavar="ACTION", required=True,
                               parser_class=Parser)  # fmt: skip
    db_sub.add_parser("upgrade", parents=[common],
                      help="create or migrate the schema (also done at every start)")  # fmt: skip

    report = sub.add_parser("report", parents=[common], help="the questions the bot could not answer",
                            description="The most frequent questions answered \"I don't know\", "
                            "normalised (no names, ids, emails, URLs or numbers), with counts.")  # fmt: skip
    report.add_argument("--since", type=_count, metavar="DAYS",
                        help="only those seen in the last DAYS days")  # fmt: skip
    report.add_argument("--limit", type=_count, default=50, metavar="N",
                        help="how many lines (default 50)")  # fmt: skip
    report.add_argument("--json", action="store_true", help="one JSON array")

    sub.add_parser("serve", parents=[common], help="run every configured platform (default)",
                   description="Run Slack and/or Discord when their tokens are set (environment "
                   "or .env); with none, the terminal chat.")  # fmt: skip
    for name in platforms:
        sub.add_parser(name, add_help=False,
                       help=f"run the {name.title()} adapter (see: pariscall {name} --help)")  # fmt: skip
    return parser


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a number (0 or more)")
    return int(text)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (expected YYYY-MM-DD)") from None
