"""Text both ways across Slack's edge: Slack-encoded input to plain text, Markdown to safe mrkdwn.

Slack treats `&`, `<` and `>` as control characters and turns `<!channel>`, `<!here>`,
`<!everyone>`, `<@U…>` and `<!subteam^…>` into pings. Inbound text is decoded once; every
outbound string is escaped exactly once, so no user text can become a mention or a broadcast.
"""

from __future__ import annotations

import re

from bot.reply import BOLD_PATTERN, LINK_PATTERN

# A control sequence in Slack-encoded text: <@U1|name>, <!here>, <#C1|general>, <https://x|x>.
_CONTROL = re.compile(r"<([^<>]*)>")
# Typed broadcasts: in mrkdwn they do not ping with parse=none, but we never emit them intact.
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_WORD_JOINER = "\u2060"
_BROKEN = "@" + _WORD_JOINER + r"\1"  # "@here" -> "@\u2060here": shown the same, pings no one
# Quote and bullet markers at the start of a line, once the text is escaped; links within a line.
_QUOTE = re.compile(r"^&gt;(?= |$)", re.MULTILINE)
_BULLET = re.compile(r"^- ", re.MULTILINE)
_LINK_IN_LINE = re.compile(LINK_PATTERN.pattern.replace(r"[^\]]", r"[^\]\n]"))
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")


def _plain_control(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if label:
        # <!subteam^S1|@team> keeps its "@team"; <@U1|ana> reads as "@ana"; links read as their label.
        return label if target[:1] not in "@#" or label[:1] in "@#" else target[0] + label
    if target[:1] == "!":
        return "@" + target[1:].split("^", 1)[0]  # <!here> -> @here, <!subteam^S1> -> @subteam
    return target  # <@U1> -> @U1, <#C1> -> #C1, <https://x> -> https://x


def from_slack(text: str) -> str:
    """What the user typed, from Slack-encoded message text: controls read as text, entities decoded."""
    text = _CONTROL.sub(_plain_control, text)
    # &amp; last, so "&amp;lt;" (the user typed "&lt;") stays "&lt;".
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escape(text: str) -> str:
    """Any string as inert Slack text: `&`, `<`, `>` encoded once, typed broadcasts broken."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(_BROKEN, text) if "@" in text else text


def link(url: str, label: str) -> str:
    """A mrkdwn link; the label is escaped and cannot close the link early."""
    safe_url = escape(url).replace("|", "%7C")
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def to_mrkdwn(markdown: str) -> str:
    """The core's Markdown subset as mrkdwn: **b** -> *b*, [l](u) -> <u|l>, "- " -> "• ", "> " kept."""
    # Line by line in effect, in a few passes over the whole text: every pattern stays within a
    # line. Escaping first leaves "*", "[", "]", "(", ")" alone, so the patterns still match
    # after, and a URL's "&" comes out as "&amp;", which is how Slack wants it inside <url|label>.
    text = escape(markdown)
    if "&gt;" in text:
        text = _QUOTE.sub(">", text)
    if "- " in text:
        text = _BULLET.sub("• ", text)
    if "](" in text:
        text = _LINK_IN_LINE.sub(_to_link, text)
    if "*" not in text and "\x00" not in text:
        return text
    # Markdown's *italic* is mrkdwn's _italic_; **bold** is *bold*. A placeholder keeps them apart.
    text = BOLD_PATTERN.sub("\x00\\1\x00", text)
    text = _ITALIC.sub(r"_\1_", text)
    return text.replace("\x00", "*")


def _to_link(m: re.Match[str]) -> str:
    return f"<{m.group(2).replace('|', '%7C')}|{m.group(1).replace('|', '¦')}>"
