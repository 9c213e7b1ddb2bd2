"""The neutral reply the core returns and every adapter renders.

A `Reply` knows nothing of Slack, Discord or terminals. Its `body` is written in a small
Markdown subset that every renderer understands:

- paragraphs separated by a blank line;
- ``**bold**`` spans;
- bullet lines starting with ``- ``;
- quote lines starting with ``> `` (used for the official texts, quoted exactly);
- links written ``[label](https://...)``;
- ```code``` spans for commands the user can type (``principle 3``).

Nothing else (no headings, tables, code or HTML).

`body` is the short form, what the user sees first: the direct answer in its first sentence, a
few sentences at most. `details` (same subset, "" when none) holds the rest: the full
explanation, dated timelines, counts over time and every source; adapters show it on request
("More"). `sources` lists every source, best first: the short form shows the first two. Text that came from the user is escaped by the
core before it reaches a body (see `bot.text.quote_user_text`), but renderers must still treat
every string as untrusted and escape for their platform.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter

from bot.formats import human_date
from bot.lazy import lazy
from bot.records import Record

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import Any, Literal

    SupporterStatus = Literal["yes", "no", "unknown"]

_LINK = lazy(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BOLD = lazy(r"\*\*(.+?)\*\*")


class Source(Record):
    """Where a fact comes from: a title, a URL and the date the source was checked or dated."""

    __slots__ = ("title", "url", "as_of")

    def __init__(self, title: str, url: str, as_of: str | None = None) -> None:
        self.title = title
        self.url = url
        self.as_of = as_of  # ISO date, YYYY-MM-DD; None for a page that carries no date


class Field(Record):
    """A short labelled value shown beside the body (a table row, an embed field)."""

    __slots__ = ("name", "value", "inline")

    def __init__(self, name: str, value: str, inline: bool = True) -> None:
        self.name = name
        self.value = value
        self.inline = inline


class Suggestion(Record):
    """A follow-up query; adapters may turn it into a button that asks `query`."""

    __slots__ = ("label", "query")

    def __init__(self, label: str, query: str) -> None:
        self.label = label
        self.query = query


class Entity(Record):
    """The organisation or state a supporter question was about, and whether it supports the Call."""

    __slots__ = ("name", "supporter", "category", "country", "since")

    def __init__(
        self, name: str, supporter: SupporterStatus, category: str | None = None,
        country: str | None = None, since: str | None = None,
    ) -> None:  # fmt: skip
        self.name = name
        self.supporter = supporter
        self.category = category  # state, public-authority, private-sector, civil-society
        self.country = country  # ISO 3166 alpha-3 where known
        self.since = since  # ISO date it was first listed or signed, where known


class Reply(Record):
    """One answer. `topic` is a stable id such as ``principle:3``, ``supporter`` or ``unknown``."""

    __slots__ = ("topic", "title", "body", "lang", "fields", "sources", "as_of", "suggestions",
                 "nav", "entity", "more_url", "details", "query")  # fmt: skip

    def __init__(
        self, topic: str, title: str, body: str, lang: str = "en", fields: tuple[Field, ...] = (),
        sources: tuple[Source, ...] = (), as_of: str | None = None,
        suggestions: tuple[Suggestion, ...] = (), nav: tuple[Suggestion, ...] = (),
        entity: Entity | None = None, more_url: str | None = None, details: str = "",
        query: str = "",
    ) -> None:  # fmt: skip
        self.topic = topic
        self.title = title
        self.body = body
        self.lang = lang
        self.fields = fields
        self.sources = sources
        self.as_of = as_of
        self.suggestions = suggestions
        # Previous / next on a sequence (the principles); adapters show them as arrows.
        self.nav = nav
        self.entity = entity
        # The official page to send people to when they want more (always set for `unknown`).
        self.more_url = more_url
        # The rest of the answer, shown on request (Markdown subset; "" when there is nothing
        # more).
        self.details = details
        # A short query that asks for this same reply again ("principle 3", "supporter France",
        # "us"), so a "More" button can rebuild the details; "" when there is none.
        self.query = query

    def short_sources(self) -> tuple[Source, ...]:
        """The best one or two sources, the ones the short form names (one when two would make
        a long line)."""
        two = self.sources[:SHORT_SOURCES]
        if len(two) > 1 and len(source_line(two, self.lang)) > SOURCE_LINE_CHARS:
            return two[:1]
        return two

    def to_text(self) -> str:
        """The short form as plain text: title, body, fields, one line of sources, the as-of date."""
        lines = [self.title, "", to_plain(self.body)]
        if self.fields:
            lines.append("")
            lines.extend(f"{f.name}{_colon(self.lang)} {f.value}" for f in self.fields)
        tail = []
        if self.sources:
            tail.append(source_line(self.short_sources(), self.lang))
        if self.as_of:
            tail.append(as_of_line(self.as_of, self.lang))
        if tail:
            lines += ["", *tail]
        return "\n".join(lines).strip()

    def more(self) -> Reply:
        """The details as a reply of their own, for a "More" button or a `more` follow-up."""
        return Reply(topic=self.topic, title=self.title, body=self.details, lang=self.lang,
                     as_of=self.as_of, more_url=self.more_url, query=self.query)  # fmt: skip

    def sources_reply(self) -> Reply:
        """Every source as a reply of its own, for a "Sources" button."""
        return Reply(topic=self.topic, title=self.title, body=sources_markdown(self.sources,
                     self.lang), lang=self.lang, as_of=self.as_of, more_url=self.more_url,
                     query=self.query)  # fmt: skip

    def details_text(self) -> str:
        """The details as plain text ("" when there are none)."""
        return to_plain(self.details).strip()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: every field, ``text`` (the short form) and ``details``, plain text."""
        data: dict[str, Any] = _plain(self)
        data["text"] = self.to_text()
        data["details"] = self.details_text()
        if self.entity is None:
            data.pop("entity")
        return data


def _plain(value: Any) -> Any:
    """`value` with every record in it turned into a dict of its fields (records nest in tuples)."""
    if isinstance(value, Record):
        values = value.values()
        if any(map(isinstance, values, _NESTED_EVERY_TIME)):
            return {name: _plain(v) if isinstance(v, _NESTED) else v
                    for name, v in zip(value.__slots__, values, strict=True)}  # fmt: skip
        return dict(zip(value.__slots__, values, strict=True))  # most records: plain fields only
    if isinstance(value, tuple):
        return tuple([_plain(v) for v in value])
    return value


_NESTED = (Record, tuple)
_NESTED_EVERY_TIME = repeat(_NESTED)


SHORT_SOURCES = 2  # sources named in the short form
SOURCE_LINE_CHARS = 300  # a second source is named only if the line stays this short


def _colon(lang: str) -> str:
    return "\u00a0:" if lang == "fr" else ":"


def source_line(sources: tuple[Source, ...], lang: str) -> str:
    """``Sources: Title (url); Title (url)``, one line, plain text."""
    word = "Source" if len(sources) == 1 else "Sources"
    return f"{word}{_colon(lang)} " + " · ".join(f"{s.title} ({s.url})" for s in sources)


def sources_markdown(sources: tuple[Source, ...], lang: str) -> str:
    """Every source as a Markdown list with its date ("undated" where it has none), under a
    bold heading line; "" when there is none."""
    if not sources:
        return ""
    heading, undated = _SOURCE_WORDS.get(lang, _SOURCE_WORDS["en"])
    lines = [f"- [{s.title}]({s.url}), {human_date(s.as_of, lang) if s.as_of else undated}"
             for s in sources]  # fmt: skip
    return heading + "\n" + "\n".join(lines)


_SOURCE_WORDS = {"en": ("**All sources**", "undated"), "fr": ("**Toutes les sources**", "non daté")}


def as_of_line(as_of: str, lang: str) -> str:
    """``As of 25 Dec 2025.`` / ``À jour au 25 déc. 2025.``"""
    return ("À jour au {}." if lang == "fr" else "As of {}.").format(human_date(as_of, lang))


def to_plain(markdown: str) -> str:
    """Strip the Markdown subset to plain text: ``[a](u)`` becomes ``a (u)``, ``**b**`` becomes b."""
    text = markdown
    if "](" in text:  # every link has it (most bodies have none: the pattern's scan is skipped)
        text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    if "**" in text:
        text = _BOLD.sub(_first_group, text)  # as r"\1", without expanding a template per match
    return text


_first_group = itemgetter(1)


def links(markdown: str) -> list[tuple[str, str]]:
    """Every ``[label](url)`` in a body, in order: renderers use it to build their own links."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(markdown)]


LINK_PATTERN = _LINK
BOLD_PATTERN = _BOLD
