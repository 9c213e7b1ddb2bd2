"""One settings loader for every command: options over environment over .env over defaults,
and every invalid value refused in one line naming the variable (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("SLACK_", "DISCORD_", "PARISCALL_"))}  # fmt: skip
    environment.update(PYTHONPATH=str(ROOT), PARISCALL_CACHE_DIR=str(cwd / "cache"))
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "adapters.cli", *args], input=stdin,
                          capture_output=True, text=True, cwd=cwd, env=environment, timeout=60)  # fmt: skip


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["ask", "principle 3"], ["chat"]])
def test_dotenv_is_read_by_every_command(tmp_path: Path, command: list[str]) -> None:
    """ask and chat read .env as serve does (here PARISCALL_LANG=fr answers in French)."""
    (tmp_path / ".env").write_text("PARISCALL_LANG=fr\n")
    result = run(*command, cwd=tmp_path, stdin="principle 3\n")
    assert result.returncode == 0 and "Défendre" in result.stdout


def test_environment_wins_over_dotenv_and_options_win_over_both(tmp_path: Path) -> None:
    """The environment overrides .env; --lang overrides both."""
    (tmp_path / ".env").write_text("PARISCALL_LANG=fr\n")
    assert "Defend" in run("ask", "principle 3", cwd=tmp_path, env={"PARISCALL_LANG": "en"}).stdout
    assert "Défendre" in run("ask", "--lang", "fr", "principle 3", cwd=tmp_path,
                             env={"PARISCALL_LANG": "en"}).stdout  # fmt: skip


def test_supporters_import_uses_the_dotenv_data_folder(tmp_path: Path) -> None:
    """`supporters import` stores the list where .env's PARISCALL_DATA_DIR says, and `ask`
    in the same folder answers from it."""
    (tmp_path / ".env").write_text(f"PARISCALL_DATA_DIR={tmp_path / 'data'}\n")
    csv = ROOT / "tests" / "data" / "supporters-small.csv"
    result = run("supporters", "import", str(csv), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "data") in result.stdout and any((tmp_path / "data").iterdir())
    answer = json.loads(run("ask", "--json", "is Acme Security a supporter?", cwd=tmp_path).stdout)
    assert answer["entity"]["supporter"] == "yes"


def test_global_options_before_or_after_any_subcommand(tmp_path: Path) -> None:
    """`pariscall --lang fr slack manifest` works; `--lang fr` after `ask` works too."""
    result = run("--lang", "fr", "slack", "manifest", cwd=tmp_path)
    assert result.returncode == 0 and "slash_commands" in result.stdout
    assert "Défendre" in run("ask", "principle 3", "--lang", "fr", cwd=tmp_path).stdout
    data = json.loads(run("--lang", "fr", "ask", "--json", "principle 3", cwd=tmp_path).stdout)
    assert data["lang"] == "fr"


def test_lang_before_slack_runs_slack_not_serve(tmp_path: Path) -> None:
    """`pariscall --lang fr slack` runs the Slack adapter (which then asks for its token)."""
    line = one_line(run("--lang", "fr", "slack", cwd=tmp_path))
    assert "SLACK_BOT_TOKEN" in line


@pytest.mark.parametrize(
    ("args", "env", "named"),
    [
        (["ask", "x"], {"PARISCALL_LANG": "de"}, "PARISCALL_LANG"),
        (["serve"], {"PARISCALL_LANG": "de", "DISCORD_TOKEN": "x"}, "PARISCALL_LANG"),
        (["ask", "x"], {"PARISCALL_LOG_LEVEL": "verbose"}, "PARISCALL_LOG_LEVEL"),
        (["ask", "x"], {"PARISCALL_LOG_FORMAT": "xml"}, "PARISCALL_LOG_FORMAT"),
        (["serve"], {"PARISCALL_HEALTH_PORT": "http"}, "PARISCALL_HEALTH_PORT"),
        (["serve"], {"SLACK_SIGNING_SECRET": "abc"}, "SLACK_BOT_TOKEN"),
        (["serve"], {"SLACK_APP_TOKEN": "xapp-1-A1-2"}, "SLACK_BOT_TOKEN"),
        (["serve"], {"SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_SIGNING_SECRET": "s", "PORT": "99999"}, "PORT"),
        (["supporters", "foo"], {}, "foo"),
        (["frobnicate"], {}, "frobnicate"),
        (["--lang", "de", "ask", "x"], {}, "--lang"),
        (["ask", "x", "--log-level", "verbose"], {}, "--log-level"),
        (["--health-port", "http", "serve"], {}, "--health-port"),
        (["slack", "--port", "abc"], {}, "--port"),
        (["discord", "frobnicate"], {}, "frobnicate"),
        (["ask", "x"], {"PARISCALL_DATABASE_URL": "not a url"}, "PARISCALL_DATABASE_URL"),
        (["serve"], {"PARISCALL_DATABASE_URL": "mysql://u@h/db"}, "PARISCALL_DATABASE_URL"),
        (["report"], {"PARISCALL_UNANSWERED_DAYS": "ninety"}, "PARISCALL_UNANSWERED_DAYS"),
        (["serve"], {"DISCORD_TOKEN": "x", "PARISCALL_UNANSWERED_DAYS": "-1"}, "PARISCALL_UNANSWERED_DAYS"),
        (["serve"], {"SLACK_CLIENT_SECRET": "s"}, "SLACK_CLIENT_ID"),
        (["serve"], {"SLACK_CLIENT_ID": "1.2", "SLACK_SIGNING_SECRET": "s"}, "SLACK_CLIENT_SECRET"),
        (["report", "--since", "-1"], {}, "--since"),
        (["db", "downgrade"], {}, "downgrade"),
    ],
)  # fmt: skip
def test_invalid_values_are_one_line_exit_2(
    tmp_path: Path, args: list[str], env: dict[str, str], named: str
) -> None:
    """Every invalid value is refused in one line naming it, exit 2, before anything runs."""
    assert named in one_line(run(*args, cwd=tmp_path, env=env))


def test_serve_lang_reaches_the_terminal_chat(tmp_path: Path) -> None:
    """`serve --lang fr` is not ignored: with no tokens, the chat answers in French."""
    result = run("serve", "--lang", "fr", cwd=tmp_path, stdin="principle 3\n")
    assert result.returncode == 0 and "Défendre" in result.stdout


def test_global_options_reach_both_platforms_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """An option given anywhere sets the same value Slack and Discord read (here the language)."""
    from adapters.cli import main
    from adapters.discord.run import DiscordSettings
    from adapters.slack.settings import from_env

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PARISCALL_LANG", "en")
    assert main(["slack", "manifest", "--lang", "fr"]) == 0
    assert "slash_commands" in capsys.readouterr().out
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-1-2", "SLACK_SIGNING_SECRET": "s",
           "DISCORD_TOKEN": "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0"}  # fmt: skip
    assert from_env(env).lang == "fr" and DiscordSettings.from_env(env).lang == "fr"
