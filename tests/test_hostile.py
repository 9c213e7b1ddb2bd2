"""Bad input: the core never raises, replies stay bounded, and nothing echoed can ping anyone."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core import Core

MAX_REPLY_CHARS = 12_000

HOSTILE = [
    "",
    "   \t\n  ",
    "a" * 100_000,
    "principle 3 " * 20_000,
    "\x00\x01\x02\x1b[31mred\x07",
    "is \x00Microsoft\x00 a supporter?",
    "\u202eis Canada in?\u202c",
    "هل وقعت روسيا على النداء؟",
    "🇫🇷🔐💥 did 🇷🇺 sign?",
    "@everyone @here is this a supporter?",
    "is <!channel> a supporter?",
    "is <!here|here> <@U012ABC> <!subteam^S123> a supporter?",
    "is &lt;!everyone&gt; a supporter?",
    "supporter <@&123456789> @everyone",
    "**bold** _it_ `code` [click](https://evil.example) a supporter?",
    "{{7*7}} ${jndi:ldap://x} {% raw %}",
    "'; DROP TABLE supporters; --",
    "supporter " + "x" * 5000,
    "principle " + "9" * 30,
    "principle -1",
    "principle 3.5",
    "principle ⅲ",
]


def _assert_safe(core: Core, question: str) -> None:
    reply = core.answer(question)
    text = reply.to_text()
    assert reply.topic and reply.title
    assert len(text) <= MAX_REPLY_CHARS, len(text)
    assert "<!" not in text and "<@" not in text
    assert "@everyone" not in text and "@here" not in text
    assert "evil.example" not in text


def test_hostile_corpus(core: Core) -> None:
    """Every hostile input gets a reply that is bounded and cannot mention anyone."""
    for question in HOSTILE:
        _assert_safe(core, question)


def test_long_input_is_cut_politely(core: Core) -> None:
    """A huge message is answered from its start, and the reply says it was cut."""
    reply = core.answer("principle 3 " + "blah " * 20_000)
    assert "first 500 characters" in reply.body


def test_empty_input_gets_help(core: Core) -> None:
    """An empty or blank message gets the help reply rather than an error."""
    assert core.answer("").topic == "help"
    assert core.answer("  \n\t ").topic == "help"
    assert core.answer("?").topic == "help"


def test_echoed_name_is_neutralised(core: Core) -> None:
    """A supporter name we do not know is echoed without mention or markup syntax."""
    reply = core.answer("is <@U012ABC> @everyone **Acme** a supporter?")
    assert reply.entity is not None and reply.entity.supporter == "unknown"
    assert not re.search(r"[<>@*]", reply.entity.name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_any_text_is_answered_safely(core: Core, question: str) -> None:
    """Property: for any text, the core returns a bounded reply and never raises."""
    _assert_safe(core, question)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(["is ", "did ", "supporter ", "principle ", "p", ""]), st.text(max_size=300))
def test_any_command_shaped_text_is_answered_safely(core: Core, head: str, tail: str) -> None:
    """Property: text that starts like a command is still answered safely."""
    _assert_safe(core, head + tail)
