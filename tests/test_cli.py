"""The `pariscall` command as a user runs it: ask, --json, stdin, chat, --help, --version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DISCORD_"))}
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "adapters.cli", *args], input=stdin or "",
                          capture_output=True, text=True, cwd=ROOT, env=environment, timeout=60)  # fmt: skip


def test_ask_plain_text() -> None:
    """`pariscall ask "principle 3"` prints the answer with its title and sources."""
    result = run("ask", "principle 3")
    assert result.returncode == 0
    assert "Defend electoral processes" in result.stdout
    assert "pariscall.international" in result.stdout


def test_ask_json() -> None:
    """`--json` prints one object with the documented keys."""
    data = json.loads(run("ask", "--json", "did russia sign?").stdout)
    assert {"topic", "title", "text", "sources", "as_of", "suggestions", "lang", "entity"} <= set(
        data
    )
    assert data["topic"] == "supporter" and data["entity"]["supporter"] == "no"
    assert all({"title", "url", "as_of"} <= set(s) for s in data["sources"])


def test_ask_json_stdin_one_object_per_line() -> None:
    """`ask --json -` answers each input line with exactly one JSON line, in order; a blank
    line gets the help reply, as an empty question does everywhere."""
    result = run("ask", "--json", "-", stdin="principle 1\n\nwho launched it\nprincipe 2\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["topic"] for d in lines] == ["principle:1", "help", "about", "principle:2"]
    assert lines[3]["lang"] == "fr"


def test_lang_option() -> None:
    """`--lang fr` answers in French, before or after the subcommand."""
    assert "Défendre" in run("ask", "--lang", "fr", "principle 3").stdout
    assert "Défendre" in run("--lang", "fr", "ask", "principle 3").stdout


def test_chat_with_piped_input_answers_each_line() -> None:
    """`pariscall chat` with piped input answers every line and exits at end of input."""
    result = run("chat", stdin="principle 7\nis Canada in?\n")
    assert result.returncode == 0
    assert "Cyber hygiene" in result.stdout and "Canada" in result.stdout


def test_serve_without_tokens_is_the_terminal_chat() -> None:
    """With no platform tokens, `pariscall serve` chats in the terminal and says how to connect."""
    result = run("serve", stdin="principle 2\n")
    assert result.returncode == 0
    assert "Protect the Internet" in result.stdout
    assert "SLACK_BOT_TOKEN" in result.stderr and "DISCORD_TOKEN" in result.stderr


def test_help_and_version() -> None:
    """Every command has --help, and --version prints the version."""
    assert "pariscall" in run("--version").stdout
    for command in ("ask", "chat", "validate", "serve"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout
    assert "FILE_OR_URL" in run("supporters", "import", "--help").stdout


def test_core_commands_do_not_import_platform_libraries() -> None:
    """ask/chat/validate never import slack_bolt, discord or aiohttp (fast start)."""
    code = ("import sys, runpy; sys.argv=['pariscall','ask','principle 3'];\n"
            "try:\n runpy.run_module('adapters.cli', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('slack_bolt','discord','aiohttp','slack_sdk')))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.strip().endswith("[]"), result.stdout + result.stderr


def test_plain_chat_answers_without_argparse() -> None:
    """`pariscall chat` without options answers without importing argparse (a smaller process
    all its life); with an option it still reads it."""
    code = ("import sys\nfrom adapters.cli import main\nmain(sys.argv[1:])\n"
            "print('argparse' in sys.modules)")  # fmt: skip
    for args, loaded in ((["chat"], "False"), (["chat", "--lang", "fr"], "True")):
        result = subprocess.run([sys.executable, "-c", code, *args], input="principle 3\n",
                                capture_output=True, text=True, cwd=ROOT)  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "Principle 3" in result.stdout or "Principe 3" in result.stdout
        assert result.stdout.strip().endswith(loaded)


def test_missing_content_folder_is_a_clear_error() -> None:
    """A --content folder that does not exist is named, exit 2, no traceback."""
    result = run("ask", "--content", "/nonexistent/folder", "principle 1")
    assert result.returncode == 2
    assert "/nonexistent/folder" in result.stderr and "Traceback" not in result.stderr


def test_ask_json_has_text_and_details() -> None:
    """`ask --json` gives the short form as `text` and the rest as `details` (plain text)."""
    data = json.loads(run("ask", "--json", "us").stdout)
    assert data["text"].startswith("The United States and the Paris Call")
    assert "10 Nov 2021" in data["details"] and "**" not in data["details"]
    assert json.loads(run("ask", "--json", "help").stdout)["details"] == ""


def test_chat_more_and_sources_follow_the_previous_answer() -> None:
    """In the chat, `more` shows the previous answer's details and `sources` every source."""
    result = run("chat", stdin="more\nprinciple 3\nmore\nsources\n")
    out = result.stdout
    assert out.index("Ask a question first") < out.index("Principle 3: Defend")
    assert out.index("Type more for the details") < out.index("Alliance for Securing Democracy")
    assert out.count("https://www.canada.ca/") == 2  # in the details, then in the sources


def test_chat_in_french_is_french() -> None:
    """A French chat: French answer, French follow-ups, French hint, French `more`."""
    out = run("chat", "--lang", "fr", stdin="la chine a-t-elle signé ?\nplus\n").stdout
    assert "Non\u00a0: la Chine n’a pas rejoint l’Appel de Paris" in out
    assert "Essayez\u00a0: soutiens" in out and "Try" not in out
    assert "Tapez more pour les détails" in out and "Toutes les sources" in out


def test_terminal_wraps_without_cutting_words() -> None:
    """Lines fit the terminal width; no word or URL is cut; bold is plain, links "text (url)"."""
    result = run("ask", "principle 3", env={"COLUMNS": "50"})
    lines = result.stdout.splitlines()
    assert all(len(line) <= 50 or " " not in line.strip() for line in lines), lines
    assert "**" not in result.stdout and "](" not in result.stdout
    words = " ".join(result.stdout.replace("│", " ").split())
    assert "Strengthen our capacity to prevent malign interference by foreign actors" in words
    assert "https://pariscall.international/en/principles" in result.stdout.split()


def test_render_links_as_text_and_url() -> None:
    """The Markdown subset reads as plain text: links "text (url)", bullets, quotes, no cut word."""
    from adapters.terminal import to_plain_lines

    lines = to_plain_lines("**Bold** see [the page](https://x.org/a-very-long-path)\n- item", 20)
    assert lines == ["Bold see the page", "(https://x.org/a-very-long-path)", "  • item"]
