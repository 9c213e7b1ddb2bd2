"""The `pariscall` command: ask, chat, validate, supporters, eval, db, report, serve, slack,
discord.

Slack and Discord libraries, SQLAlchemy and prometheus-client are imported only by the
subcommands that use them, so `ask`, `chat` and `validate` start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from adapters import settings, terminal
from adapters.settings import LEVELS
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
CONNECT_HINT = (
    "pariscall: no Slack or Discord tokens are set, so this is the terminal chat.\n"
    "  Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP),\n"
    "  or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (OAuth, many workspaces).\n"
    "  Discord: set DISCORD_TOKEN. See README.md, 'Connecting Slack and Discord'."
)


Parser = settings.Parser


def _port(value: str) -> str:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (a number from 0 to 65535)")
    return value


# Options accepted before or after any subcommand, and the variable each one sets.
GLOBAL_OPTIONS = {
    "lang": settings.LANG,
    "content": settings.CONTENT_DIR,
    "log_level": settings.LOG_LEVEL,
    "health_port": settings.HEALTH_PORT,
}


def _global_options() -> Parser:
    common = Parser(prog="pariscall", add_help=False, allow_abbrev=False)
    common.add_argument("--lang", choices=settings.LANGS, default=None,
                        help="answer language (default: PARISCALL_LANG, else en)")  # fmt: skip
    common.add_argument("--content", metavar="DIR", default=None,
                        help="content folder (default: PARISCALL_CONTENT_DIR, else bundled)")  # fmt: skip
    common.add_argument("--log-level", metavar="LEVEL", default=None, type=str.upper,
                        choices=LEVELS[:4],
                        help="DEBUG, INFO, WARNING or ERROR (default: PARISCALL_LOG_LEVEL, else INFO)")  # fmt: skip
    common.add_argument("--health-port", metavar="PORT", default=None, type=_port,
                        help="serve /healthz and /readyz on this port (PARISCALL_HEALTH_PORT)")  # fmt: skip
    return common


def _parser() -> argparse.ArgumentParser:
    common = _global_options()
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
    for name in PLATFORMS:  # they parse their own arguments
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Global options may come anywhere: take them out first, then read every setting once
    # (options over the environment over .env over defaults).
    options, rest = _global_options().parse_known_args(argv)
    settings.load_env()
    for name, variable in GLOBAL_OPTIONS.items():
        value = getattr(options, name)
        if value is not None:
            os.environ[variable] = str(value)
    try:
        shared = settings.Settings.from_env(os.environ)
    except settings.SettingsError as exc:
        settings.fail(f"pariscall: {exc}", settings.EXIT_CONFIG)
    try:
        if rest and rest[0] in PLATFORMS:  # they own their arguments: hand them over untouched
            return PLATFORMS[rest[0]](rest[1:], shared)
        args = _parser().parse_args(rest)
        return COMMANDS[args.command or "serve"](args, shared)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _ask(args: argparse.Namespace, shared: settings.Settings) -> int:
    core = settings.core_or_exit()
    if args.question == ["-"]:
        terminal.ask_lines(core, sys.stdin, shared.lang, args.json)
    else:
        terminal.ask(core, " ".join(args.question), shared.lang, args.json)
    return 0


def _chat(args: argparse.Namespace, shared: settings.Settings) -> int:
    return terminal.chat(settings.core_or_exit(), shared.lang)


def _validate(args: argparse.Namespace, shared: settings.Settings) -> int:
    from bot.core import Core, bundled_content_dir
    from bot.errors import ContentError
    from bot.schema import build_content

    directory = args.directory or shared.paths.content
    folder = Path(directory) if directory else bundled_content_dir()
    if not folder.is_dir():
        settings.fail(f"pariscall validate: {folder} is not a folder", settings.EXIT_CONFIG)
    try:
        core = Core(build_content(folder))
    except ContentError as exc:
        print(exc.report(), file=sys.stderr)
        return settings.EXIT_CONTENT
    wrong = core.check_examples()
    if wrong:
        print(
            f"{len(wrong)} example question(s) in {folder} reach the wrong topic:", file=sys.stderr
        )
        for line in wrong:
            print(f"  {line}", file=sys.stderr)
        print("Reword the example, or add keywords to its topic.", file=sys.stderr)
        return settings.EXIT_CONTENT
    c = core.content
    print(f"{folder}: OK ({len(c.principles)} principles, {len(c.topics)} topics, "
          f"{len(c.supporters)} supporters and non-supporters, {len(c.counts)} dated counts)")  # fmt: skip
    return 0


def _supporters(args: argparse.Namespace, shared: settings.Settings) -> int:
    if args.action == "snapshot":
        return _snapshot(args.source, args.as_of, args.changed, args.out)
    from bot.errors import SupportersImportError
    from bot.importer import import_supporters

    data = shared.paths.data
    try:
        report = import_supporters(args.source, data, as_of=args.as_of)
    except SupportersImportError as exc:
        settings.fail(f"pariscall supporters import: {exc}\nThe current list was kept.", 1)
    for line in report.lines():
        print(line)
    settings.core_or_exit()  # prepared now, so the bot's next start does not pay for it
    print(f"Saved {report.kept} supporters to {data}; the bot now uses this list.")
    return 0


def _snapshot(source: str, as_of: dt.date, changed: dt.date, out: Path | None) -> int:
    from bot.core import bundled_content_dir
    from bot.errors import SupportersImportError
    from bot.importer import SNAPSHOT_FILE, write_snapshot

    target = out or bundled_content_dir() / SNAPSHOT_FILE
    try:
        report = write_snapshot(source, target, as_of, changed)
    except SupportersImportError as exc:
        settings.fail(f"pariscall supporters snapshot: {exc}", 1)
    for line in report.lines():
        print(line)
    print(f"Wrote {report.kept} entries to {target}. Next: `pariscall validate`, which checks the "
          "snapshot against the counts and the hand-written entries.")  # fmt: skip
    return 0


def _eval(args: argparse.Namespace, shared: settings.Settings) -> int:
    from bot.errors import ContentError
    from bot.evaluation import evaluate, format_report, load_cases

    core = settings.core_or_exit()
    try:
        cases = load_cases([Path(p) for p in args.paths])
    except ContentError as exc:
        settings.fail(f"pariscall eval: {exc}", settings.EXIT_CONFIG)
    report = evaluate(core, cases)
    print(format_report(report, show=0 if args.quiet else 1000))
    failed = report.accuracy < args.min or (
        args.max_wrong is not None and report.wrong > args.max_wrong
    )
    if failed:
        print(f"pariscall eval: below the limits (--min {args.min}, --max-wrong {args.max_wrong})",
              file=sys.stderr)  # fmt: skip
    return 1 if failed else 0


def _db(args: argparse.Namespace, shared: settings.Settings) -> int:
    from adapters.db_commands import db_upgrade

    return db_upgrade(args, shared)


def _report(args: argparse.Namespace, shared: settings.Settings) -> int:
    from adapters.db_commands import show_report

    return show_report(args, shared)


def _slack(argv: list[str], shared: settings.Settings) -> int:
    from adapters.slack.run import run as run_slack

    return run_slack(argv)


def _discord(argv: list[str], shared: settings.Settings) -> int:
    from adapters.discord.run import run as run_discord

    return run_discord(argv)


def _serve(args: argparse.Namespace, shared: settings.Settings) -> int:
    env = os.environ
    slack, discord = settings.slack_configured(env), settings.discord_configured(env)
    if not (slack or discord):
        core = settings.core_or_exit()
        print(CONNECT_HINT + "\n", file=sys.stderr)
        return terminal.chat(core, shared.lang)
    from adapters.runtime import Runtime
    from adapters.serve import Platforms, serve

    slack_settings = discord_settings = None
    try:
        if slack:
            from adapters.slack.settings import from_env

            slack_settings = from_env(env)
        if discord:
            from adapters.discord.run import DiscordSettings

            discord_settings = DiscordSettings.from_env(env)
        # One database, metrics and unanswered log for every platform of this process.
        runtime = Runtime.from_env(env, oauth=slack_settings is not None and slack_settings.oauth)
    except settings.SettingsError as exc:  # each platform's own: one line naming the variable
        settings.fail(f"pariscall: {exc}", settings.EXIT_CONFIG)
    settings.setup_logging(shared)
    core = settings.core_or_exit()
    platforms = Platforms(slack_settings, discord_settings, shared.health_port, runtime=runtime)
    return serve(core, platforms)


# Each subcommand's handler; a new subcommand adds its parser in _parser() and a line here.
COMMANDS: dict[str, Callable[[argparse.Namespace, settings.Settings], int]] = {
    "ask": _ask,
    "chat": _chat,
    "validate": _validate,
    "supporters": _supporters,
    "eval": _eval,
    "db": _db,
    "report": _report,
    "serve": _serve,
}
PLATFORMS: dict[str, Callable[[list[str], settings.Settings], int]] = {
    "slack": _slack,
    "discord": _discord,
}


if __name__ == "__main__":
    raise SystemExit(main())
