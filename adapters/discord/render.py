"""Turn a core `Reply` into Discord embeds and buttons, inside Discord's limits by construction.

Pure: no client and no network, so every reply the content can produce is checked in tests.
discord.py checks none of these limits except the count of embeds, and Discord answers a
message over them with 400 Bad Request, so each one is enforced here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import discord

from bot.formats import human_date
from bot.reply import LINK_PATTERN, Reply, Suggestion

# Discord's limits: developers/resources/message.mdx "Embed Limits" and
# developers/components/reference.mdx (button label, custom_id, rows).
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000
LABEL_MAX = 80
CUSTOM_ID_MAX = 100
LINK_URL_MAX = 512
BUTTONS_PER_ROW = 5
ROWS_MAX = 5

# A few source buttons are useful; the footer names every source anyway.
SOURCE_BUTTONS_MAX = 3

CUSTOM_ID_PREFIX = "pariscall:"
# `pariscall:q:<lang>:<query>`: a button that asks the core `query` in `lang`. The query rides in
# the custom id, so the button keeps working after a restart with nothing stored anywhere.
QUERY_ID = re.compile(r"pariscall:q:(?P<lang>[a-z]{2}):(?P<query>[^\n]+)")
# `pariscall:m:<lang>:<query>` ("More": the details) and `pariscall:s:...` (every source): the
# core re-answers `query` and the details of that reply are sent to whoever clicked.
MORE_ID = re.compile(r"pariscall:(?P<part>[ms]):(?P<lang>[a-z]{2}):(?P<query>[^\n]+)")
DETAILS_ROW = 3

NO_MENTIONS = discord.AllowedMentions.none()

_COLOURS = {"error": 0x9AA0A6, "unknown": 0x9AA0A6}
_COLOUR = 0x1F4E8C  # the Paris Call's blue

_WORDS = {
    "en": {
        "source": "Source: ",
        "sources": "Sources: ",
        "as_of": "as of ",
        "more": "Read more",
        "details": "More",
        "all_sources": "Sources",
    },
    "fr": {
        "source": "Source\u00a0: ",
        "sources": "Sources\u00a0: ",
        "as_of": "à jour au ",
        "more": "Lire la suite",
        "details": "Plus de détails",
        "all_sources": "Sources",
    },
}

# Discord Markdown that the core never means: underline/italics with `_`, strikethrough and
# spoilers. Escaped so the text means what it says. The core's `*italic*` and `code` spans mean
# the same on Discord and pass through (the core strips all markup characters from echoed user
# text, see `bot.text.quote_user_text`).
_SPECIAL = re.compile(r"(?<!\\)([_~|])")
_INLINE = re.compile(
    r"\[(?P<label>[^\]]+)\]\((?P<url>https?://[^)\s]+)\)|\*\*(?P<bold>.+?)\*\*|`(?P<code>[^`\n]+)`"
)
_URL = re.compile(r"https?://\S+")
_BARE_LINK = re.compile(r"(?<![(<])(https?://[^\s)>]+)")
# At the start of a line Discord would make these a heading, subtext or a quote of the rest.
_LINE_START = re.compile(r"(#|-#|>)")

ButtonStyle = Literal["primary", "secondary", "link"]


@dataclass(frozen=True, slots=True)
class Button:
    """One button: asks the core `query` (in `lang`), shows the details of its answer (`part`
    "m", or "s" for the sources), or opens `url`."""

    label: str
    row: int
    style: ButtonStyle = "secondary"
    query: str | None = None
    lang: str = "en"
    url: str | None = None
    part: str = "q"

    @property
    def custom_id(self) -> str | None:
        return None if self.query is None else to_custom_id(self.lang, self.query, self.part)


@dataclass(frozen=True)
class Rendered:
    """A reply as Discord will show it: embeds and buttons (no message content is needed)."""

    embeds: tuple[discord.Embed, ...]
    buttons: tuple[Button, ...] = ()

    def view(self) -> discord.ui.View | None:
        """A persistent view (no timeout, stable custom ids) holding the buttons, if any."""
        return to_view(self.buttons) if self.buttons else None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for `send_message`, `followup.send`, `reply` or `edit_message`."""
        kwargs: dict[str, Any] = {"embeds": list(self.embeds), "allowed_mentions": NO_MENTIONS}
        view = self.view()
        if view is not None:
            kwargs["view"] = view
        return kwargs

    def text_kwargs(self) -> dict[str, Any]:
        """The same reply as message text, for channels where the bot lacks Embed Links."""
        kwargs = self.kwargs()
        kwargs["content"] = to_text(kwargs.pop("embeds"))
        return kwargs


def to_text(embeds: list[discord.Embed]) -> str:
    """Embeds as Discord message text (title in bold, body, fields, footer), within 2,000."""
    parts: list[str] = []
    for embed in embeds:
        if embed.title:
            parts.append(f"**{embed.title}**")
        if embed.description:
            parts.append(embed.description)
        parts.extend(f"**{f.name}**: {f.value}" for f in embed.fields)
        if embed.footer.text:
            parts.append(f"-# {embed.footer.text}")
    # Discord makes bare links clickable: keep them, without their preview cards.
    text = _BARE_LINK.sub(r"<\1>", "\n\n".join(parts))
    return cut(text, CONTENT_MAX)


def render(reply: Reply, question: str | None = None) -> Rendered:
    """The embed and the buttons for `reply` (its short form); "More" and "Sources" re-ask
    `reply.query`, else `question`, when it fits in a custom id."""
    return Rendered(embeds=(to_embed(reply),), buttons=to_buttons(reply, question))


def render_more(reply: Reply, part: str = "m") -> Rendered:
    """What "More" (`part` "m": the details) or "Sources" ("s") shows for `reply`."""
    return render(reply.sources_reply() if part == "s" else reply.more())


# --- the embed -----------------------------------------------------------------------------


def to_embed(reply: Reply) -> discord.Embed:
    """One embed: title, body, fields and a footer naming the sources and the as-of date."""
    words = _WORDS.get(reply.lang, _WORDS["en"])
    more = _more_url(reply)
    embed = discord.Embed(
        title=cut(escape(reply.title), TITLE_MAX) or None,
        url=more,
        colour=_COLOURS.get(reply.topic, _COLOUR),
    )
    footer = cut(to_footer(reply), FOOTER_MAX)
    if footer:
        embed.set_footer(text=footer)

    used = len(embed)
    description = to_markdown(reply.body)
    # Keep room for the body before spending it on fields; fields beyond the budget are dropped.
    body_room = min(len(description), 1500)
    for field in reply.fields[:FIELDS_MAX]:
        name = cut(escape(field.name), FIELD_NAME_MAX) or "\u200b"
        value = cut(escape(field.value), FIELD_VALUE_MAX) or "\u200b"
        if used + len(name) + len(value) + body_room > EMBED_TOTAL_MAX:
            break
        embed.add_field(name=name, value=value, inline=field.inline)
        used += len(name) + len(value)

    room = min(DESCRIPTION_MAX, EMBED_TOTAL_MAX - used)
    link = f"\n\n[{words['more']}]({more})" if more else ""
    embed.description = cut(description, room, more=link) or None
    return embed


def to_footer(reply: Reply) -> str:
    """``Sources: A; B · as of 2025-12-25`` (plain text: footers show no Markdown)."""
    words = _WORDS.get(reply.lang, _WORDS["en"])
    as_of = reply.as_of or max((s.as_of for s in reply.sources if s.as_of), default=None)
    date = f" · {words['as_of']}{human_date(as_of, reply.lang)}" if as_of else ""
    shown = reply.short_sources()  # the best one or two; "Sources" shows them all
    titles = list(dict.fromkeys(s.title.strip() for s in shown if s.title.strip()))
    if not titles:
        return date.removeprefix(" · ")
    label = words["source"] if len(titles) == 1 else words["sources"]
    # Too many sources to name them all: shorten the list, never the date.
    return cut(label + "; ".join(titles), FOOTER_MAX - len(date)) + date


def to_markdown(body: str) -> str:
    """The core's Markdown subset as Discord Markdown, with everything else escaped.

    ``**bold**``, ``[label](url)``, ``- `` bullets and ``> `` quotes mean the same on Discord; other
    Discord syntax in the text (``_``, ``~~``, ``||``, headings) is escaped, and so are mentions.
    The core's `` `code` `` and ``*italic*`` spans are Discord Markdown too and pass through.
    """
    lines = []
    for line in body.strip().splitlines():
        prefix = ""
        for marker in ("- ", "> "):
            if line.startswith(marker):
                prefix, line = marker, line[len(marker) :]
                break
        text = _inline(line)
        if _LINE_START.match(text):
            text = "\\" + text
        lines.append(prefix + text)
    return "\n".join(lines)


def escape(text: str) -> str:
    """Plain text made inert on Discord: Markdown escaped (URLs left whole), mentions broken."""
    parts = []
    pos = 0
    for m in _URL.finditer(text):
        parts.append(_SPECIAL.sub(r"\\\1", text[pos : m.start()]))
        parts.append(m.group())
        pos = m.end()
    parts.append(_SPECIAL.sub(r"\\\1", text[pos:]))
    return discord.utils.escape_mentions("".join(parts)).strip()


def _inline(text: str) -> str:
    parts = []
    pos = 0
    for m in _INLINE.finditer(text):
        parts.append(escape_keep_space(text[pos : m.start()]))
        if m["url"]:
            parts.append(f"[{escape(m['label'])}]({m['url']})")
        elif m["code"]:
            parts.append(m.group())  # nothing inside a code span is Markdown or a mention
        else:
            parts.append(f"**{_inline(m['bold'])}**")
        pos = m.end()
    parts.append(escape_keep_space(text[pos:]))
    return "".join(parts)


def escape_keep_space(text: str) -> str:
    """`escape`, keeping the spaces around the text (it sits between links and bold spans)."""
    stripped = text.strip()
    if not stripped:
        return text
    start = text.index(stripped[0])
    return text[:start] + escape(stripped) + text[start + len(stripped) :]


def cut(text: str, limit: int, *, more: str = "") -> str:
    """`text` if it fits in `limit`, else cut at a clean boundary, ending in "…" and `more`.

    A cut never leaves half a link or an unclosed ``**``; `more` (a link to the source) is only
    added when there is room for it.
    """
    text = text.strip()
    if len(text) <= limit:
        return text
    if len(more) + 1 + 40 > limit:
        more = ""
    room = limit - len(more) - 1
    if room <= 0:
        return "…"[:limit]
    head = text[:room]
    for sep in ("\n\n", "\n", " "):
        i = head.rfind(sep)
        if i >= room // 2:
            head = head[:i]
            break
    head = _close(head).rstrip()
    return head + "…" + more


def _close(head: str) -> str:
    """Drop a link, a bold or italic span or a code span that the cut left open."""
    start = head.rfind("[")
    if start >= 0 and not LINK_PATTERN.match(head, start):
        head = head[:start]
    for marker in (r"(?<!\\)\*\*", r"(?<!\\)`", r"(?<![\\*])\*(?!\*)"):
        opened = [m.start() for m in re.finditer(marker, head)]
        if len(opened) % 2:
            head = head[: opened[-1]]
    return head


def _more_url(reply: Reply) -> str | None:
    """Where "Read more" and the title point: the reply's official page, else its first source."""
    candidates = [reply.more_url] + [s.url for s in reply.sources]
    return next((u for u in candidates if u and _usable_url(u)), None)


def _usable_url(url: str) -> bool:
    return bool(re.fullmatch(r"https?://[^\s()<>]+", url)) and len(url) <= LINK_URL_MAX


# --- the buttons ---------------------------------------------------------------------------


def to_custom_id(lang: str, query: str, part: str = "q") -> str | None:
    """``pariscall:<part>:<lang>:<query>``, or None when it would not fit Discord's 100
    characters."""
    query = " ".join(query.split())
    custom_id = f"{CUSTOM_ID_PREFIX}{part}:{lang}:{query}"
    pattern = QUERY_ID if part == "q" else MORE_ID
    if not query or len(custom_id) > CUSTOM_ID_MAX or not pattern.fullmatch(custom_id):
        return None
    return custom_id


def to_buttons(reply: Reply, question: str | None = None) -> tuple[Button, ...]:
    """Previous/Next (row 0), the suggestions (row 1), links to the sources (row 2), and "More"
    and "Sources" (row 3) when the reply has details."""
    lang = reply.lang if re.fullmatch(r"[a-z]{2}", reply.lang) else "en"
    buttons: list[Button] = []
    seen: set[str] = set()  # custom ids and URLs must be unique within a message

    def add_queries(suggestions: tuple[Suggestion, ...], row: int, style: ButtonStyle) -> None:
        count = 0
        for s in suggestions:
            custom_id = to_custom_id(lang, s.query)
            if custom_id is None or custom_id in seen or count == BUTTONS_PER_ROW:
                continue
            seen.add(custom_id)
            buttons.append(Button(_label(s.label), row, style, query=s.query, lang=lang))
            count += 1

    add_queries(reply.nav, 0, "secondary")
    add_queries(reply.suggestions, 1, "primary")

    links = [(s.title, s.url) for s in reply.sources][:SOURCE_BUTTONS_MAX]
    if reply.more_url:
        links.append((_WORDS.get(lang, _WORDS["en"])["more"], reply.more_url))
    count = 0
    for title, url in links:
        if url in seen or not _usable_url(url) or count == BUTTONS_PER_ROW:
            continue
        seen.add(url)
        buttons.append(Button(_label(title), 2, "link", url=url))
        count += 1
    query = reply.query or question or ""
    words = _WORDS.get(lang, _WORDS["en"])
    parts = [("m", words["details"])] if reply.details.strip() else []
    if len(reply.sources) > len(reply.short_sources()):
        parts.append(("s", words["all_sources"]))
    for part, label in parts:
        if to_custom_id(lang, query, part) is not None:
            buttons.append(Button(label, DETAILS_ROW, query=query, lang=lang, part=part))
    return tuple(buttons)


def _label(text: str) -> str:
    # Labels are plain text on Discord (no Markdown), so they are only shortened.
    return cut(" ".join(text.split()), LABEL_MAX) or "…"


def to_view(buttons: tuple[Button, ...]) -> discord.ui.View:
    """A view with no timeout whose buttons all have stable ids, so it survives restarts."""
    view = discord.ui.View(timeout=None)
    styles = {"primary": discord.ButtonStyle.primary, "secondary": discord.ButtonStyle.secondary}
    for b in buttons:
        if b.url is not None:
            view.add_item(discord.ui.Button(label=b.label, url=b.url, row=b.row))
        elif b.query is not None and b.part != "q":
            view.add_item(MoreButton(b.part, b.lang, b.query, label=b.label, row=b.row))
        elif b.query is not None:
            view.add_item(
                QueryButton(b.lang, b.query, label=b.label, style=styles[b.style], row=b.row)
            )
    return view


class QueryHandler(Protocol):
    """What the client offers a clicked query button (see `client.PariscallClient`)."""

    async def on_query_button(
        self, interaction: discord.Interaction, lang: str, query: str
    ) -> None: ...

    async def on_more_button(
        self, interaction: discord.Interaction, part: str, lang: str, query: str
    ) -> None: ...


class QueryButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=QUERY_ID):
    """A button that asks the core a query; registered once with `client.add_dynamic_items`."""

    def __init__(
        self,
        lang: str,
        query: str,
        *,
        label: str | None = None,
        style: discord.ButtonStyle = discord.ButtonStyle.secondary,
        row: int | None = None,
    ) -> None:
        custom_id = to_custom_id(lang, query)
        if custom_id is None:
            raise ValueError(f"query too long for a button: {query!r}")
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id), row=row)
        self.lang = lang
        self.query = query

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> QueryButton:
        return cls(match["lang"], match["query"])

    async def callback(self, interaction: discord.Interaction) -> None:
        handler: QueryHandler = interaction.client  # type: ignore[assignment]
        await handler.on_query_button(interaction, self.lang, self.query)


class MoreButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=MORE_ID):
    """ "More" or "Sources": the details of the answer to a query, sent to whoever clicked;
    registered once with `client.add_dynamic_items`, so it works across restarts."""

    def __init__(
        self, part: str, lang: str, query: str, *, label: str | None = None, row: int | None = None
    ) -> None:
        custom_id = to_custom_id(lang, query, part)
        if custom_id is None:
            raise ValueError(f"query too long for a button: {query!r}")
        button: discord.ui.Button[Any] = discord.ui.Button(
            label=label, style=discord.ButtonStyle.secondary, custom_id=custom_id
        )
        super().__init__(button, row=row)
        self.part, self.lang, self.query = part, lang, query

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction,
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> MoreButton:
        return cls(match["part"], match["lang"], match["query"])

    async def callback(self, interaction: discord.Interaction) -> None:
        handler: QueryHandler = interaction.client  # type: ignore[assignment]
        await handler.on_more_button(interaction, self.part, self.lang, self.query)
