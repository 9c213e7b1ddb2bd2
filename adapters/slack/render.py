"""Reply -> Block Kit, pure: what a Slack message or the App Home tab shows for one reply.

Slack's limits are kept by construction (see the constants): long bodies are split on paragraph
boundaries, and anything still too long is cut cleanly with "…" and a link to the source.
Every string is escaped by `mrkdwn`, so nothing a user typed can ping anyone.

Blocks are built as the plain dicts Slack receives, exactly as slack_sdk's models serialize them
(same keys, same order): building the models and validating them on every reply was most of a
Slack request's cost. The tests parse every block the content can produce with slack_sdk's models
and check their limits (tests/slack_fakes.py `check_blocks`), so nothing is validated on the way
out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from slack_sdk.models.views import View

from adapters.slack.mrkdwn import escape, link, to_mrkdwn
from bot.formats import human_date
from bot.reply import Field, Reply, Source, Suggestion

# Slack's documented limits (docs.slack.dev/reference/block-kit), and our own tighter budgets.
MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
HEADER_CHARS = 150
SECTION_CHARS = 3000
FIELD_CHARS = 2000
FIELDS_PER_SECTION = 10
CONTEXT_CHARS = 1200  # Slack allows 3,000 per element; sources need far less
MAX_ASK_BUTTONS = 8  # suggestions and previous/next; Slack allows 25 a block
MAX_FIELDS = 10  # the core sends at most 10; one section holds them all
BUTTON_TEXT_CHARS = 75
VALUE_CHARS = 2000  # a button's value, as Slack counts it (after JSON encoding)
# chat.postMessage fails with msg_blocks_too_long near 13k characters of blocks (bolt-js#2509):
# the serialised blocks of a message stay under this.
MESSAGE_JSON_CHARS = 11_000
HOME_JSON_CHARS = 24_000
FALLBACK_CHARS = 1_000
QUERY_CHARS = 600  # the shared question (the core reads 500); JSON-escaped, under 2,000
SUGGESTION_CHARS = 150  # the core's follow-up queries are short commands
URL_CHARS = 600  # a link button's URL (Slack allows 3,000; ours are short)

# action_id prefixes; a suffix keeps them unique within a block.
ASK = "pariscall_ask"
NAV = "pariscall_nav"
SHARE = "pariscall_share"
LINK = "pariscall_link"
MORE = "pariscall_more"  # the details of the answer (Reply.details), re-asked through the core
SOURCES = "pariscall_sources"  # every source of the answer

_LABELS = {
    "en": {
        "share": "Share in channel",
        "sources": "Sources:",
        "source": "Source:",
        "as_of": "As of {date}",
        "more": "Read more",
        "rest": "Read the rest",
        "not_shared": "I could not post this answer in the channel (it may be archived, or only "
        "some people may post there), so it stays here, visible only to you.",
        "details": "More",
        "all_sources": "Sources",
    },
    "fr": {
        "share": "Partager dans le canal",
        "sources": "Sources\u00a0:",
        "source": "Source\u00a0:",
        "as_of": "À jour au {date}",
        "more": "En savoir plus",
        "rest": "Lire la suite",
        "not_shared": "Je n'ai pas pu publier cette réponse dans le canal (il est peut-être "
        "archivé, ou réservé à certaines personnes) : elle reste ici, visible de vous seul.",
        "details": "Plus de détails",
        "all_sources": "Sources",
    },
}
# Block-level Markdown the core does not use; meeting it means the reply model changed.
_UNKNOWN_LINE = re.compile(r"^(#{1,6} |```|\||<[a-zA-Z/])")
_UNKNOWN_LINES = re.compile(_UNKNOWN_LINE.pattern, re.MULTILINE)
_LINKISH = re.compile(r"<[^<>]*>|&[a-z]+;")
# The one encoder for JSON text sent to Slack: compact, non-ASCII kept (bolt sends it as UTF-8).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)
# Sizes are counted as Slack's limit is documented: JSON with non-ASCII kept, default separators.
_SIZE = json.JSONEncoder(ensure_ascii=False, check_circular=False)
# For `_upper_size`: JSON spends at most six characters on one of text (a control character
# becomes \u00XX); the keys and punctuation of a block or item, its text empty (a button's
# action_id and style at their longest), and the ", " before it.
_JSON_PER_CHAR = 6
_BLOCK_JSON = 2 + max(
    len(_SIZE.encode({k: "" if k != "type" else "section" for k in keys}))
    for keys in (("elements", "type"), ("fields", "type"), ("text", "type"))
)
_ITEM_JSON = 2 + len(_SIZE.encode({"action_id": "x" * 32, "style": "primary", "text": {"emoji": True,
                     "text": "", "type": "plain_text"}, "type": "button", "url": "", "value": ""}))  # fmt: skip

Block = dict[str, Any]


class RenderError(ValueError):
    """The reply has a shape this renderer does not know (a bug to fix, never shown to users)."""


@dataclass(frozen=True, slots=True)
class Message:
    """A rendered message: the plain `text` fallback and its blocks (as Slack receives them)."""

    text: str
    blocks: tuple[Block, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "blocks": list(self.blocks)}

    def to_json(self, **extra: str) -> str:
        """The message as JSON text, with `extra` keys (a slash command's ack body)."""
        return _JSON.encode({"text": self.text, "blocks": self.blocks, **extra})


def label(key: str, lang: str) -> str:
    return _LABELS.get(lang, _LABELS["en"])[key]


def encode_value(query: str, lang: str, limit: int = QUERY_CHARS) -> str:
    """A button value carrying the query to ask and the language to ask it in.

    At most VALUE_CHARS once encoded: JSON turns a control character into six (\\u00XX), so the
    query is cut again, after encoding, until the value fits."""
    query = query[:limit]
    tail = f', "l": {encode_basestring(lang[:5])}}}'
    while True:  # what json.dumps({"q": query, "l": lang}, ensure_ascii=False) gives
        value = f'{{"q": {encode_basestring(query)}{tail}'
        if len(value) <= VALUE_CHARS:
            return value
        # An escaped character takes at most six: dropping this many never drops too much.
        query = query[: len(query) - max(1, (len(value) - VALUE_CHARS) // 6)]


def decode_value(value: str | None) -> tuple[str, str | None]:
    """(query, lang) from a button value; ("", None) when it is not one of ours."""
    try:
        data = json.loads(value or "")
        return str(data.get("q", ""))[:QUERY_CHARS], data.get("l")
    except (ValueError, AttributeError):
        return "", None


def render(reply: Reply, *, share_query: str | None = None, question: str | None = None) -> Message:
    """The message for `reply` (its short form); with `share_query`, a "Share in channel" button
    that re-asks it. When the reply has details, "More" (and "Sources" when the short form does
    not name them all) re-ask its query (`reply.query`, else the question asked) for them."""
    blocks = _fit(reply, MAX_BLOCKS, MESSAGE_JSON_CHARS, share_query, question)
    return Message(text=fallback_text(reply), blocks=tuple(blocks))


def render_more(reply: Reply, part: str = MORE) -> Message:
    """The message a "More" (`MORE`) or "Sources" (`SOURCES`) button posts for `reply`."""
    return render(reply.sources_reply() if part == SOURCES else reply.more())


def render_home(reply: Reply) -> View:
    """The App Home tab for `reply` (the core's `home(lang)`)."""
    return View(type="home", blocks=_fit(reply, MAX_HOME_BLOCKS, HOME_JSON_CHARS, None, None))


def fallback_text(reply: Reply) -> str:
    """Notification and screen-reader text: the title and the start of the body, escaped."""
    first = reply.body.split("\n\n", 1)[0]
    text = (escape(reply.title.strip()) + "\n" + to_mrkdwn(first).strip()).strip()
    return _cut(text, FALLBACK_CHARS)[0] if text else "Paris Call"


# ---------------------------------------------------------------------------------------------


def _fit(
    reply: Reply, max_blocks: int, max_json: int, share_query: str | None, question: str | None
) -> list[Block]:
    """The blocks, their JSON within `max_json` characters: the body takes any cut."""
    _check(reply)
    head, tail = _frame(reply, share_query, question)
    text = to_mrkdwn(reply.body).strip()
    room = max_blocks - len(head) - len(tail)
    # Most replies are far from the limit: an upper bound on their size says so without
    # serializing anything. When it holds, the body was not cut (a cut leaves thousands of
    # characters, six times over the limit in the bound), so the blocks are the ones measuring
    # would give.
    body = _body_sections(reply, text, max_json, room)
    if _upper_size(head) + _upper_size(tail) + _upper_size(body) <= max_json:
        return head + body + tail
    fixed = len(_SIZE.encode(head + tail))
    budget = max_json - fixed
    while True:
        body = _body_sections(reply, text, max(budget, 0), room)
        size = fixed + len(_SIZE.encode(body)) + 2 * len(body)
        if size <= max_json:
            return head + body + tail
        if budget < 0:  # cannot happen with the bounds above; a test feeds the worst case
            raise RenderError(f"{reply.topic}: {size} characters of blocks even with no body")
        budget -= size - max_json + 200  # the body takes the cut; everything else is bounded


def _upper_size(blocks: list[Block]) -> int:
    """At least the length of `blocks` as JSON (as `_SIZE` writes it), cheaply: six characters
    for each one of text (a control character becomes \\u00XX), and for each block and item
    the keys and punctuation of the largest of its kind."""
    chars = 0
    items = 0
    for block in blocks:
        for item in block.get("elements") or block.get("fields") or (block["text"],):
            items += 1
            text = item["text"]
            if type(text) is dict:  # a button: its label, and its value or URL
                chars += len(text["text"]) + len(item.get("value", "")) + len(item.get("url", ""))
            else:
                chars += len(text)
    return 2 + _BLOCK_JSON * len(blocks) + _ITEM_JSON * items + _JSON_PER_CHAR * chars


def _text(text: str, kind: str = "mrkdwn") -> Block:
    return {"text": text, "type": kind}


def _button(action_id: str, text: str, *, value: str = "", url: str = "", style: str = "") -> Block:
    """A button as slack_sdk's ButtonElement serializes it (keys sorted, empty ones left out)."""
    button: Block = {"action_id": action_id}
    if style:
        button["style"] = style
    button["text"] = {"emoji": True, "text": text, "type": "plain_text"}
    button["type"] = "button"
    if url:
        button["url"] = url
    if value:
        button["value"] = value
    return button


def _frame(
    reply: Reply, share_query: str | None, question: str | None
) -> tuple[list[Block], list[Block]]:
    """Everything but the body: the header, then fields, context and buttons (all bounded)."""
    lang = reply.lang
    title = _plain(reply.title, HEADER_CHARS) or "Paris Call"
    head: list[Block] = [{"text": _text(title, "plain_text"), "type": "header"}]
    tail: list[Block] = []
    # Each field is short by design; their total is bounded so a message always fits.
    shown = reply.fields[:MAX_FIELDS]
    value_chars = max(60, min(FIELD_CHARS - 110, 1500 // max(1, len(shown))))
    fields = [
        f"*{_plain(f.name, 100) or '-'}*\n{_plain(f.value, value_chars) or '-'}" for f in shown
    ]
    for i in range(0, len(fields), FIELDS_PER_SECTION):
        chunk = fields[i : i + FIELDS_PER_SECTION]
        tail.append({"fields": [_text(t) for t in chunk], "type": "section"})
    named = reply.short_sources()  # the short form names the best one or two; "Sources" has all
    context = _context(reply, named)
    if context:
        tail.append({"elements": [_text(t) for t in context], "type": "context"})
    # Each button reads its label, else its query; one with neither, or no query, is left out.
    asks = [(prefix, s, _plain(s.label or s.query, BUTTON_TEXT_CHARS))
            for prefix, group in ((NAV, reply.nav), (ASK, reply.suggestions)) for s in group]  # fmt: skip
    asks = [(prefix, s, text) for prefix, s, text in asks if text and s.query.strip()]
    if asks:
        buttons = [
            _button(f"{prefix}_{i}", text, value=encode_value(s.query, lang, SUGGESTION_CHARS))
            for i, (prefix, s, text) in enumerate(asks[:MAX_ASK_BUTTONS])
        ]
        tail.append({"elements": buttons, "type": "actions"})
    more = _detail_buttons(reply, named, reply.query or question or share_query)
    more += _link_buttons(reply)
    if share_query is not None:
        more.append(_button(SHARE, label("share", lang), value=encode_value(share_query, lang),
                            style="primary"))  # fmt: skip
    if more:
        tail.append({"elements": more, "type": "actions"})
    return head, tail


def _body_sections(reply: Reply, text: str, budget: int, room: int) -> list[Block]:
    """The body (`text`, its mrkdwn) in sections of at most 3,000 characters, split between
    paragraphs."""
    if not text or room <= 0:
        return []
    url = _more_url(reply)
    rest = f"… {link(url, label('rest', reply.lang))}" if url else "…"
    if len(rest) > 500:  # a pathological URL: cut without the link rather than overflow
        rest = "…"
    per_section = SECTION_CHARS - len(rest) - 2
    budget = max(100, min(budget, room * per_section) - len(rest) - 2)
    cut = len(text) > budget
    if cut:
        text, _ = _cut(text, budget)
    sections: list[str] = []
    for paragraph in text.split("\n\n"):
        paragraph = paragraph.strip("\n")
        while paragraph.strip():
            head, paragraph = _cut(paragraph, per_section)
            if sections and len(sections[-1]) + 2 + len(head) <= per_section:
                sections[-1] += "\n\n" + head
            else:
                sections.append(head)
    if len(sections) > room:
        sections, cut = sections[:room], True
    if cut:
        sections[-1] = sections[-1].rstrip() + " " + rest
    return [{"text": _text(s), "type": "section"} for s in sections]


def _cut(text: str, limit: int) -> tuple[str, str]:
    """Split mrkdwn at a line break or space before `limit`, never inside a link or entity.

    The head is never empty, so callers looping over the tail always progress.
    """
    limit = max(1, limit)
    if len(text) <= limit:
        return text, ""
    protected = [(m.start(), m.end()) for m in _LINKISH.finditer(text, 0, limit + 4000)]

    def inside(i: int) -> bool:
        return any(start < i < end for start, end in protected)

    for sep in ("\n", " "):
        i = text.rfind(sep, 0, limit)
        while i > limit // 2 and inside(i):
            i = text.rfind(sep, 0, i)
        if i > limit // 2:
            return text[:i].rstrip(), text[i + 1 :].lstrip()
    i = limit
    for start, end in protected:
        if start < i < end:
            i = start
    if i == 0:  # a single link longer than the limit: break it rather than loop
        i = limit
    return text[:i], text[i:]


def _plain(text: str, limit: int) -> str:
    """Escaped text of at most `limit` characters, cut with "…" without breaking an entity.

    Blank text gives "" (Slack refuses blank text objects: callers choose a stand-in)."""
    escaped = escape(text.strip())
    if len(escaped) <= limit:
        return escaped
    head, _ = _cut(escaped, limit - 1)
    return head.rstrip() + "…"


def _more_url(reply: Reply) -> str | None:
    return reply.more_url or (reply.sources[0].url if reply.sources else None)


def _context(reply: Reply, shown: tuple[Source, ...]) -> list[str]:
    lang = reply.lang
    parts = []
    items = [link(s.url, _plain(s.title, 200)) + (f" ({escape(human_date(s.as_of, lang))})"
             if s.as_of else "") for s in shown]  # fmt: skip
    word = label("source" if len(shown) == 1 else "sources", lang)
    while items:
        line = f"{word} {' · '.join(items)}"
        if len(line) <= CONTEXT_CHARS:
            parts.append(line if len(items) == len(shown) else line + " · …")
            break
        items.pop()
    if reply.as_of:
        parts.append(label("as_of", lang).format(date=escape(human_date(reply.as_of[:40], lang))))
    return parts


def _detail_buttons(reply: Reply, shown: tuple[Source, ...], query: str | None) -> list[Block]:
    """ "More" when the reply has details, "Sources" when the short form does not name them all;
    each carries the query and language that rebuild the reply through the core."""
    if not query or not query.strip():
        return []
    value = encode_value(query, reply.lang)
    buttons = []
    if reply.details.strip():
        buttons.append(_button(MORE, label("details", reply.lang), value=value))
    if len(reply.sources) > len(shown):
        buttons.append(_button(SOURCES, label("all_sources", reply.lang), value=value))
    return buttons


def _link_buttons(reply: Reply) -> list[Block]:
    buttons = []
    if reply.more_url:
        buttons.append((label("more", reply.lang), reply.more_url))
    if reply.sources and reply.sources[0].url != reply.more_url:
        buttons.append((reply.sources[0].title, reply.sources[0].url))
    buttons = [(text, url) for text, url in buttons if len(url) <= URL_CHARS]
    return [
        _button(
            f"{LINK}_{i}", _plain(text, BUTTON_TEXT_CHARS) or label("more", reply.lang), url=url
        )
        for i, (text, url) in enumerate(buttons)
    ]


def _check(reply: Reply) -> None:
    """Fail loudly on a reply shape this renderer was not written for."""
    if not isinstance(reply, Reply):
        raise RenderError(f"expected a bot.reply.Reply, got {type(reply).__name__}")
    expected: tuple[tuple[str, tuple[Any, ...], type], ...] = (
        ("fields", reply.fields, Field),
        ("sources", reply.sources, Source),
        ("suggestions", reply.suggestions, Suggestion),
        ("nav", reply.nav, Suggestion),
    )
    for name, items, kind in expected:
        for i, item in enumerate(items):
            if not isinstance(item, kind):
                raise RenderError(
                    f"{reply.topic}: {name}[{i}] is a {type(item).__name__}, not a {kind.__name__}"
                )
    for s in reply.sources:
        if not s.url.startswith(("https://", "http://")):
            raise RenderError(f"{reply.topic}: source {s.title!r} has no http(s) URL")
    found = _UNKNOWN_LINES.search(reply.body)
    if found:
        n = reply.body.count("\n", 0, found.start()) + 1
        line = reply.body[found.start() :].split("\n", 1)[0]
        raise RenderError(
            f"{reply.topic}: body line {n} is outside the Markdown subset: {line[:40]!r}"
        )
