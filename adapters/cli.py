"""The `pariscall` command: ask, chat, validate, supporters, eval, db, report, serve, slack,
discord.

Slack and Discord libraries, SQLAlchemy and prometheus-client are imported only by the
subcommands that use them, so `ask`, `chat` and `validate` start fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from adapters import settings, terminal

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    import argparse
    import datetime as dt

CONNECT_HINT = (
    "pariscall: no Slack or Discord tokens are set, so this is the terminal chat.\n"
    "  Slack: set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP),\n"
    "  or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET (OAuth, many workspaces).\n"
    "  Discord: set DISCORD_TOKEN. See README.md, 'Connecting Slack and Discord'."
)


# Options accepted before or after any subcommand, and the variable each one sets.
GLOBAL_OPTIONS = {
    "lang": settings.LANG,
    "content": settings.CONTENT_DIR,
    "log_level": settings.LOG_LEVEL,
    "health_port": settings.HEALTH_PORT,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    question = _plain_ask(argv)
    # `pariscall chat` alone, like a plain `ask`, is read without argparse (and the gettext,
    # locale and shutil it imports): a chat process stays smaller all its life.
    chat = argv == ["chat"]
    options: dict[str, str | None] = {}
    if question is None and not chat:
        from adapters import arguments

        # Global options may come anywhere: take them out first, then read every setting once
        # (options over the environment over .env over defaults).
        found, argv = arguments.global_options().parse_known_args(argv)
        options = {variable: getattr(found, name) for name, variable in GLOBAL_OPTIONS.items()}
    settings.load_env()
    for variable, value in options.items():
        if value is not None:
            os.environ[variable] = str(value)
    try:
        shared = settings.Settings.from_env(os.environ)
    except settings.SettingsError as exc:
        settings.fail(f"pariscall: {exc}", settings.EXIT_CONFIG)
    try:
        if question is not None:
            return _answer(question, False, shared)
        if chat:
            return terminal.chat(settings.core_or_exit(), shared.lang)
        if argv and argv[0] in PLATFORMS:  # they own their arguments: hand them over untouched
            return PLATFORMS[argv[0]](argv[1:], shared)
        args = arguments.full_parser(PLATFORMS).parse_args(argv)
        return COMMANDS[args.command or "serve"](args, shared)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _plain_ask(argv: list[str]) -> list[str] | None:
    """The words of `pariscall ask WORDS...` without any option, else None. This, the most
    common command, is read without argparse, which costs a cold start ~10 ms; argparse reads
    every other command line (options, help, mistakes)."""
    if len(argv) > 1 and argv[0] == "ask" and not any(a.startswith("-") for a in argv[1:]):
        return argv[1:]
    return None


def _ask(args: argparse.Namespace, shared: settings.Settings) -> int:
    return _answer(args.question, args.json, shared)


def _answer(question: list[str], as_json: bool, shared: settings.Settings) -> int:
    core = settings.core_or_exit()
    if question == ["-"]:
        terminal.ask_lines(core, sys.stdin, shared.lang, as_json)
    else:
        terminal.ask(core, " ".join(question), shared.lang, as_json)
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
    import gc

    from bot.errors import SupportersImportError
    from bot.importer import import_supporters

    # An import builds about a million objects that live until this command ends: the cyclic
    # collector's passes over them would find nothing to free (a third of a 100,000-row import).
    gc.disable()
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
