"""The terminal adapter: `pariscall ask` and `pariscall chat`.

Same three parts as every adapter: `to_question` (a typed line in), `render` (a Reply out as
terminal text) and `chat` / `ask` (the loop and wiring). Text is word-wrapped to the terminal's
width (never inside a word or a URL), bold is plain text and links read "text (url)". In the chat,
`more` shows the details of the previous answer and `sources` every source.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Iterable
from typing import TextIO

from bot.core import Core
from bot.formats import human_date
from bot.messages import say
from bot.reply import BOLD_PATTERN, LINK_PATTERN, Reply, as_of_line

QUIT = {"quit", "exit", ":q", "bye", "/quit", "/exit"}
MORE = {"more", "details", "plus", "détails", "la suite", "suite"}
SOURCES = {"sources", "source"}
MAX_WIDTH = 100  # long lines are hard to read even on a wide terminal
MIN_WIDTH = 30
# `ask --json`: one encoder for every answer (json.dumps with options builds one per call).
_JSON = json.JSONEncoder(ensure_ascii=False)
_CODE = re.compile(r"`([^`\n]+)`")
# What a French speaker types for the follow-ups the core offers (the help's French commands).
_FRENCH_QUERIES = {"principles": "principes", "supporters": "soutiens", "help": "aide",
                   "about": "à propos", "context": "contexte", "supporters state": "soutiens États",
                   "supporters private-sector": "soutiens entreprises",
                   "supporters civil-society": "soutiens société civile"}  # fmt: skip


def to_question(line: str) -> str:
    """A typed line as a question: trailing newline and a leading "pariscall"/"/pariscall" removed."""
    text = line.strip()
    for prefix in ("/pariscall", "@pariscall", "pariscall"):
        if text.lower().startswith(prefix + " "):
            return text[len(prefix) :].strip()
    return text


def width() -> int:
    """The width to wrap to: the terminal's, between 30 and 100 columns (80 when unknown)."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def to_plain_lines(markdown: str, columns: int) -> list[str]:
    """The Markdown subset as wrapped plain lines: bullets hang, quotes keep a bar, links read
    "text (url)", no word or URL is ever cut."""
    text = LINK_PATTERN.sub(lambda m: f"{m.group(1)} ({m.group(2)})", markdown)
    text = _CODE.sub(r"\1", BOLD_PATTERN.sub(r"\1", text))
    lines: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            lines.append("")
            continue
        if line.startswith("- "):
            first, rest, line = "  • ", "    ", line[2:]
        elif line.startswith(">"):
            first = rest = "  │ "
            line = line[1:].strip()
        else:
            first = rest = ""
        lines.extend(_wrap(line, columns, first, rest))
    return lines


def render(reply: Reply, color: bool = False, columns: int | None = None) -> str:
    """The short form as terminal text: title, body, fields, one line of sources, the date, and
    the follow-ups to try; with `color`, the title is bold (ANSI)."""
    columns = columns or width()
    title = f"\x1b[1m{reply.title}\x1b[0m" if color else reply.title
    lines = [title, "", *to_plain_lines(reply.body, columns)]
    if reply.fields:
        colon = "\u00a0:" if reply.lang == "fr" else ":"
        lines.append("")
        for f in reply.fields:
            lines += _wrap(f"{f.name}{colon} {f.value}", columns, "  ", "    ")
    tail: list[str] = []
    for s in reply.short_sources():
        tail += _wrap(f"{s.title}: {s.url}" if reply.lang != "fr" else f"{s.title} : {s.url}",
                      columns, "  ↗ ", "    ")  # fmt: skip
    if reply.as_of:
        tail += _wrap(as_of_line(reply.as_of, reply.lang), columns, "  ", "  ")
    if tail:
        lines += ["", *tail]
    follow = list(reply.nav) + list(reply.suggestions)
    if follow:
        tries = say("try", reply.lang) + " · ".join(typed(s.query, reply.lang) for s in follow)
        lines += ["", *_wrap(tries, columns, "", "  ")]
    return "\n".join(lines)


def render_details(reply: Reply, columns: int | None = None) -> str:
    """The details of `reply` as wrapped terminal text ("" when there are none)."""
    return "\n".join(to_plain_lines(reply.details, columns or width())).strip("\n")


def render_sources(reply: Reply, columns: int | None = None) -> str:
    """Every source, one or two lines each: title and date, then the URL."""
    columns = columns or width()
    lines: list[str] = []
    for s in reply.sources:
        date = human_date(s.as_of, reply.lang) if s.as_of else say("undated", reply.lang)
        lines += _wrap(f"{s.title} ({date})", columns, "  • ", "    ")
        lines += _wrap(s.url, columns, "    ", "    ")
    return "\n".join(lines)


def typed(query: str, lang: str) -> str:
    """A follow-up query as a user of `lang` would type it ("principe 3" in French)."""
    if lang != "fr":
        return query
    if query.startswith("principle ") and query[10:].isdigit():
        return "principe " + query[10:]
    return _FRENCH_QUERIES.get(query, query)


def _wrap(text: str, columns: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, columns, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]  # fmt: skip


def ask(core: Core, question: str, lang: str, as_json: bool, out: TextIO = sys.stdout) -> None:
    """Answer one question on `out`: plain text, or one JSON object."""
    reply = core.answer(to_question(question), lang)
    if as_json:
        out.write(_JSON.encode(reply.to_dict()) + "\n")
    else:
        out.write(render(reply, color=out.isatty()) + "\n")


def ask_lines(core: Core, lines: Iterable[str], lang: str, as_json: bool) -> None:
    """One answer per input line, in order; a blank line gets the help reply, like an empty
    question anywhere else."""
    for line in lines:
        ask(core, line, lang, as_json)
        sys.stdout.flush()


class Conversation:
    """One chat: answers questions, and `more` / `sources` about the previous answer."""

    def __init__(self, core: Core, lang: str) -> None:
        self.core = core
        self.lang = lang
        self.last: Reply | None = None

    def respond(self, line: str, color: bool = False) -> str:
        """What the chat prints for one typed line ("" for a blank line)."""
        question = to_question(line)
        if not question:
            return ""
        word = question.lower().strip(" ?!.")
        last = self.last
        if word in MORE | SOURCES:
            lang = last.lang if last is not None else self.lang
            if last is None:
                return say("no_answer_yet", lang)
            if word in SOURCES:
                return render_sources(last) or say("no_sources", lang)
            return render_details(last) or say("no_details", lang)
        reply = self.core.answer(question, self.lang)
        self.last = reply
        text = render(reply, color=color)
        if reply.details:
            text += "\n" + "\n".join(_wrap(say("more_hint", reply.lang).replace("`", ""),
                                           width(), "", ""))  # fmt: skip
        return text


def chat(core: Core, lang: str, stdin: TextIO = sys.stdin) -> int:
    """An interactive chat (history, `quit` or Ctrl-D to leave); with piped input, answer each line."""
    interactive = stdin.isatty() and sys.stdout.isatty()
    talk = Conversation(core, lang)
    if not interactive:
        for line in stdin:
            if to_question(line).lower() in QUIT:
                break
            text = talk.respond(line)
            if text:
                print(text + "\n", flush=True)
        return 0
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (arrow keys and history for input())
    hello = core.answer("help", lang)
    banner = say("chat_banner", hello.lang).replace("`", "")
    print(render(hello, color=True) + "\n\n" + "\n".join(_wrap(banner, width(), "", "")) + "\n")
    while True:
        try:
            line = input("pariscall> ")
        except EOFError:
            print()
            return 0
        except KeyboardInterrupt:
            print()
            return 130
        if to_question(line).lower() in QUIT:
            return 0
        text = talk.respond(line, color=True)
        if text:
            print(text + "\n")
