"""The neutral reply the core returns and every adapter renders.

A `Reply` knows nothing of Slack, Discord or terminals. Its `body` is written in a small
Markdown subset that every renderer understands:

- paragraphs separated by a blank line;
- ``**bold**`` spans;
- bullet lines starting with ``- ``;
- quote lines starting with ``> `` (used for the official texts, quoted exactly);
- links written ``[label](https://...)``;
- ```code``` spans for commands the user can type (``principle 3``).

Nothing else (no headings, tables, code or HTML). Text that came from the user is escaped by the
core before it reaches a body (see `bot.text.quote_user_text`), but renderers must still treat
every string as untrusted and escape for their platform.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

SupporterStatus = Literal["yes", "no", "unknown"]

_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a title, a URL and the date the source was checked or dated."""

    title: str
    url: str
    as_of: str | None = None  # ISO date, YYYY-MM-DD; None for a page that carries no date


@dataclass(frozen=True, slots=True)
class Field:
    """A short labelled value shown beside the body (a table row, an embed field)."""

    name: str
    value: str
    inline: bool = True


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A follow-up query; adapters may turn it into a button that asks `query`."""

    label: str
    query: str


@dataclass(frozen=True, slots=True)
class Entity:
    """The organisation or state a supporter question was about, and whether it supports the Call."""

    name: str
    supporter: SupporterStatus
    category: str | None = None  # state, public-authority, private-sector, civil-society
    country: str | None = None  # ISO 3166 alpha-3 where known
    since: str | None = None  # ISO date it was first listed or signed, where known


@dataclass(frozen=True, slots=True)
class Reply:
    """One answer. `topic` is a stable id such as ``principle:3``, ``supporter`` or ``unknown``."""

    topic: str
    title: str
    body: str
    lang: str = "en"
    fields: tuple[Field, ...] = ()
    sources: tuple[Source, ...] = ()
    as_of: str | None = None
    suggestions: tuple[Suggestion, ...] = ()
    # Previous / next on a sequence (the principles); adapters show them as arrows.
    nav: tuple[Suggestion, ...] = ()
    entity: Entity | None = None
    # The official page to send people to when they want more (always set for `unknown`).
    more_url: str | None = None

    def to_text(self) -> str:
        """The whole reply as plain text: title, body without markup, fields and sources."""
        lines = [self.title, "", to_plain(self.body)]
        if self.fields:
            lines.append("")
            lines.extend(f"{f.name}: {f.value}" for f in self.fields)
        if self.sources:
            lines.append("")
            lines.append("Sources:" if self.lang != "fr" else "Sources :")
            lines.extend(
                f"- {s.title}" + (f" ({s.as_of})" if s.as_of else "") + f": {s.url}"
                for s in self.sources
            )
        return "\n".join(lines).strip()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: every field, plus ``text`` (the reply as plain text)."""
        data = asdict(self)
        data["text"] = self.to_text()
        if self.entity is None:
            data.pop("entity")
        return data


def to_plain(markdown: str) -> str:
    """Strip the Markdown subset to plain text: ``[a](u)`` becomes ``a (u)``, ``**b**`` becomes b."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", markdown)
    return _BOLD.sub(r"\1", text)


def links(markdown: str) -> list[tuple[str, str]]:
    """Every ``[label](url)`` in a body, in order: renderers use it to build their own links."""
    return [(m.group(1), m.group(2)) for m in _LINK.finditer(markdown)]


LINK_PATTERN = _LINK
BOLD_PATTERN = _BOLD
