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
    return _BROADCAST.sub(lambda m: "@" + _WORD_JOINER + m.group(1), text)


def link(url: str, label: str) -> str:
    """A mrkdwn link; the label is escaped and cannot close the link early."""
    safe_url = escape(url).replace("|", "%7C")
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def _inline(text: str) -> str:
    # Escape first: it leaves "*", "[", "]", "(", ")" alone, so both patterns still match after,
    # and the URL's "&" comes out as "&amp;", which is how Slack wants it inside <url|label>.
    text = escape(text)
    text = LINK_PATTERN.sub(
        lambda m: f"<{m.group(2).replace('|', '%7C')}|{m.group(1).replace('|', '¦')}>", text
    )
    # Markdown's *italic* is mrkdwn's _italic_; **bold** is *bold*. A placeholder keeps them apart.
    text = BOLD_PATTERN.sub("\x00\\1\x00", text)
    text = _ITALIC.sub(r"_\1_", text)
    return text.replace("\x00", "*")


def to_mrkdwn(markdown: str) -> str:
    """The core's Markdown subset as mrkdwn: **b** -> *b*, [l](u) -> <u|l>, "- " -> "• ", "> " kept."""
    lines = []
    for line in markdown.split("\n"):
        if line.startswith("> ") or line == ">":
            lines.append(">" + _inline(line[1:]))
        elif line.startswith("- "):
            lines.append("• " + _inline(line[2:]))
        else:
            lines.append(_inline(line))
    return "\n".join(lines)
