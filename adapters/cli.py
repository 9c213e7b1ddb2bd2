"""The `pariscall` command: ask, chat, validate, supporters import, serve, slack, discord.

Slack and Discord libraries are imported only by their own subcommands, so `ask`, `chat` and
`validate` start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from adapters import settings, terminal
from bot import __version__

EPILOG = """examples:
  pariscall ask "principle 3"
  pariscall ask --json "did russia sign?"
  echo "who launched it" | pariscall ask --json -
  pariscall chat --lang fr
  pariscall validate content/
  pariscall supporters import https://pariscall.international/supporters.csv
  pariscall serve            # Slack/Discord when their tokens are set, else the terminal chat
  pariscall db upgrade       # create or migrate the database (PARISCALL_DATABASE_URL)
  pariscall report --since 30 --json
"""
CONNECT_HINT = (
    "pariscall: no Slack or Discord tokens are set, so this is the terminal chat.\n"
    "  Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP).\n"
    "  Discord: set DISCORD_TOKEN. See README.md, 'Connecting Slack and Discord'."
)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=("en", "fr"), default=argparse.SUPPRESS,
                        help="answer language (default: PARISCALL_LANG, else en)")  # fmt: skip
    common.add_argument("--content", metavar="DIR", default=argparse.SUPPRESS,
                        help="content folder (default: the bundled content)")  # fmt: skip
    parser = argparse.ArgumentParser(
        prog="pariscall", parents=[common], epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Answers questions about the Paris Call for Trust and Security in Cyberspace.",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"pariscall {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

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

    supporters = sub.add_parser("supporters", help="manage the supporters list")
    sup = supporters.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = sup.add_parser("import", help="import the official supporters.csv export",
                         description="Read the official site's CSV export (a file or URL) and use "
                         "it instead of the bundled list. Stored in PARISCALL_DATA_DIR (default "
                         "$XDG_DATA_HOME/pariscall). A broken file never replaces a working list.")  # fmt: skip
    imp.add_argument("source", metavar="FILE_OR_URL")

    db = sub.add_parser("db", help="manage the database (PARISCALL_DATABASE_URL)",
                        description="The database holds Slack installations, retried event ids "
                        "and the unanswered-questions report: SQLite in PARISCALL_DATA_DIR by "
                        "default, or PARISCALL_DATABASE_URL (postgresql+psycopg://...).")  # fmt: skip
    db_sub = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    db_sub.add_parser("upgrade", help="create or migrate the schema (also done at every start)")

    report = sub.add_parser("report", help="the questions the bot could not answer",
                            description="The most frequent questions answered \"I don't know\", "
                            "normalised (no names, ids, emails, URLs or numbers), with counts.")  # fmt: skip
    report.add_argument(
        "--since", type=int, metavar="DAYS", help="only those seen in the last DAYS days"
    )
    report.add_argument("--limit", type=int, default=50, help="how many lines (default 50)")
    report.add_argument("--json", action="store_true", help="one JSON array")

    sub.add_parser("serve", parents=[common], help="run every configured platform (default)",
                   description="Run Slack and/or Discord when their tokens are set (environment "
                   "or .env); with none, the terminal chat.")  # fmt: skip
    sub.add_parser(
        "slack", add_help=False, help="run the Slack adapter (see: pariscall slack --help)"
    )
    sub.add_parser("discord", add_help=False,
                   help="run the Discord adapter (see: pariscall discord --help)")  # fmt: skip
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Platform subcommands own their arguments; hand them over untouched.
    if argv and argv[0] in ("slack", "discord"):
        settings.load_env()
        settings.setup_logging()
        return _platform(argv[0], argv[1:])
    args = _parser().parse_args(argv)
    command = args.command or "serve"
    content = getattr(args, "content", None)
    try:
        if command == "validate":
            return _validate(args.directory or content)
        if command == "supporters":
            return _import(args.source)
        if command in ("db", "report"):
            from adapters.db_commands import db_upgrade, show_report

            return db_upgrade() if command == "db" else show_report(args)
        lang = settings.default_lang(getattr(args, "lang", None))
        if command == "ask":
            core = settings.core_or_exit(content)
            if args.question == ["-"]:
                terminal.ask_lines(core, sys.stdin, lang, args.json)
            else:
                terminal.ask(core, " ".join(args.question), lang, args.json)
            return 0
        if command == "chat":
            return terminal.chat(settings.core_or_exit(content), lang)
        return _serve(content, lang)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _validate(directory: str | None) -> int:
    from bot.core import Core, bundled_content_dir
    from bot.errors import ContentError
    from bot.schema import build_content

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


def _import(source: str) -> int:
    from bot.errors import SupportersImportError
    from bot.importer import import_supporters

    data = settings.Paths.from_env().data
    try:
        report = import_supporters(source, data)
    except SupportersImportError as exc:
        settings.fail(f"pariscall supporters import: {exc}\nThe current list was kept.", 1)
    for line in report.lines():
        print(line)
    print(f"Saved {report.kept} supporters to {data}; the bot now uses this list.")
    return 0


def _platform(name: str, argv: list[str]) -> int:
    if name == "slack":
        from adapters.slack.run import run as run_slack

        return run_slack(argv)
    from adapters.discord.run import run as run_discord

    return run_discord(argv)


def _serve(content: str | None, lang: str) -> int:
    settings.load_env()
    from adapters.slack.settings import is_configured

    slack = is_configured(os.environ)
    discord = bool(os.environ.get("DISCORD_TOKEN"))
    if not (slack or discord):
        core = settings.core_or_exit(content)
        print(CONNECT_HINT + "\n", file=sys.stderr)
        return terminal.chat(core, lang)
    from adapters.serve import serve

    settings.setup_logging()
    return serve(settings.core_or_exit(content), slack=slack, discord=discord)


if __name__ == "__main__":
    raise SystemExit(main())
