"""The terminal adapter: `pariscall ask` and `pariscall chat`.

Same three parts as every adapter: `to_question` (a typed line in), `render` (a Reply out as
terminal text) and `chat` / `ask` (the loop and wiring).
"""

from __future__ import annotations

import contextlib
import json
import re
import sys
from collections.abc import Iterable
from typing import TextIO

from bot.core import Core
from bot.reply import BOLD_PATTERN, LINK_PATTERN, Reply

QUIT = {"quit", "exit", ":q", "bye", "/quit", "/exit"}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def to_question(line: str) -> str:
    """A typed line as a question: trailing newline and a leading "pariscall"/"/pariscall" removed."""
    text = line.strip()
    for prefix in ("/pariscall", "@pariscall", "pariscall"):
        if text.lower().startswith(prefix + " "):
            return text[len(prefix) :].strip()
    return text


def render(reply: Reply, color: bool = False) -> str:
    """A Reply as terminal text; with `color`, bold is shown with ANSI escapes."""
    bold = (lambda s: f"\x1b[1m{s}\x1b[0m") if color else (lambda s: s)
    body = LINK_PATTERN.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", reply.body)
    body = BOLD_PATTERN.sub(lambda m: bold(m.group(1)), body)
    body = "\n".join(
        "  • " + line[2:] if line.startswith("- ") else line for line in body.splitlines()
    )
    lines = [bold(reply.title), "", body]
    if reply.fields:
        lines += [""] + [f"  {f.name}: {f.value}" for f in reply.fields]
    if reply.sources:
        lines += ["", "Sources:"] + [
            f"  - {s.title}" + (f" ({s.as_of})" if s.as_of else "") + f" {s.url}"
            for s in reply.sources
        ]
    follow = list(reply.nav) + list(reply.suggestions)
    if follow:
        label = "Essayez" if reply.lang == "fr" else "Try"
        lines += ["", f"{label}: " + " · ".join(s.query for s in follow)]
    return "\n".join(lines)


def ask(core: Core, question: str, lang: str, as_json: bool, out: TextIO = sys.stdout) -> None:
    """Answer one question on `out`: plain text, or one JSON object."""
    reply = core.answer(to_question(question), lang)
    if as_json:
        out.write(json.dumps(reply.to_dict(), ensure_ascii=False) + "\n")
    else:
        out.write(render(reply, color=out.isatty()) + "\n")


def ask_lines(core: Core, lines: Iterable[str], lang: str, as_json: bool) -> None:
    """One answer per input line, in order (blank lines are skipped)."""
    for line in lines:
        if line.strip():
            ask(core, line, lang, as_json)
            sys.stdout.flush()


def chat(core: Core, lang: str, stdin: TextIO = sys.stdin) -> int:
    """An interactive chat (history, `quit` or Ctrl-D to leave); with piped input, answer each line."""
    interactive = stdin.isatty() and sys.stdout.isatty()
    if not interactive:
        for line in stdin:
            if to_question(line).lower() in QUIT:
                break
            if line.strip():
                print(render(core.answer(to_question(line), lang)) + "\n", flush=True)
        return 0
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (arrow keys and history for input())
    hello = core.answer("help", lang)
    print(render(hello, color=True) + "\n\nType a question, or `quit` to leave.\n")
    while True:
        try:
            line = input("pariscall> ")
        except EOFError:
            print()
            return 0
        except KeyboardInterrupt:
            print()
            return 130
        question = to_question(line)
        if question.lower() in QUIT:
            return 0
        if question:
            print(render(core.answer(question, lang), color=True) + "\n")
