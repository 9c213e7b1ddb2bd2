"""Log lines for operators: one line per event, text or JSON, with secrets redacted.

    PARISCALL_LOG_LEVEL   DEBUG, INFO (default), WARNING, ERROR
    PARISCALL_LOG_FORMAT  text (default) or json: {"time", "level", "logger", "message",
                          "request_id"?, "error"?}

`Redact` removes tokens, Slack response_urls, Discord interaction webhook URLs, Socket Mode
tickets and proxy passwords from every record, whichever library logged it, at every level.
`request_id` is set per incoming request or event (`request_scope`), so the lines of one answer
can be found together.
"""

from __future__ import annotations

import contextlib
import contextvars
import itertools
import json
import logging
import re
import sys
import traceback
from collections.abc import Iterator
from typing import Any

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "pariscall_request_id", default=None
)
_ids = itertools.count(1)

# What must never reach a log line, and what replaces it.
_SECRETS = [
    # Slack tokens (bot, user, app-level, refresh, config) and legacy webhook paths.
    (re.compile(r"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+"), "xox?-[redacted]"),
    # response_url: https://hooks.slack.com/actions/T../../<secret>, and incoming webhooks.
    # Also URL-encoded (a slash command's form body) and JSON-escaped (an interaction payload).
    (re.compile(r"(hooks\.slack(?:-gov)?\.com(?:/|%2F|\\/))[^\s'\"<>&,}]+", re.I), r"\1[redacted]"),
    # Discord interaction and webhook URLs carry their token in the path.
    (re.compile(r"(/(?:interactions|webhooks)/\d+/)[^\s'\"<>/?]+"), r"\1[redacted]"),
    # A "token" field in a logged payload (a Discord interaction's, Slack's verification token).
    (re.compile(r"""(["']token["']\s*:\s*["'])[^"']+"""), r"\1[redacted]"),
    # Socket Mode WebSocket URLs carry a ticket.
    (re.compile(r"(ticket=)[^\s&'\"]+"), r"\1[redacted]"),
    # Authorization headers, and Discord bot tokens (three dotted base64url parts).
    (re.compile(r"((?:Bearer|Bot)\s+)[A-Za-z0-9._-]{20,}"), r"\1[redacted]"),
    (re.compile(r"\b[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}"), "[redacted]"),
    # Passwords in URLs (proxies): scheme://user:password@host.
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+@"), r"\1[redacted]@"),
]


def redact(text: str) -> str:
    """`text` with every token, response_url, interaction URL and URL password replaced."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class Redact(logging.Filter):
    """Rewrites each record's message (and traceback) with `redact`; drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        record.request_id = request_id.get()
        return True


class TextFormatter(logging.Formatter):
    """`2026-01-01 12:00:00,000 INFO pariscall.slack: message [req 12]`, tracebacks indented."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        rid = getattr(record, "request_id", None)
        if rid:
            head, sep, tail = line.partition("\n")
            line = f"{head} [req {rid}]{sep}{tail}"
        return line


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = getattr(record, "request_id", None)
        if rid:
            data["request_id"] = rid
        if record.exc_text:
            data["error"] = record.exc_text
        return json.dumps(data, ensure_ascii=False)


def setup_logging(level: str = "INFO", fmt: str = "text", *, force: bool = False) -> None:
    """Log to stderr at `level` in `fmt`, every record passing through `Redact`.

    Like `logging.basicConfig`, it leaves logging alone when the root logger already has
    handlers (a host application, or pytest), unless `force`."""
    root = logging.getLogger()
    if root.handlers and not force:
        return
    for old in list(root.handlers):
        root.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(Redact())
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level)


def next_id() -> str:
    """A short id, unique in this process."""
    return f"{next(_ids):x}"


@contextlib.contextmanager
def request_scope(rid: str | None = None) -> Iterator[str]:
    """Give the log lines of one request or event the same id (a new one unless given)."""
    value = rid or next_id()
    token = request_id.set(value)
    try:
        yield value
    finally:
        request_id.reset(token)
