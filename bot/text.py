"""Text helpers shared by matching and answers: cleaning user input, folding, tokens, numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Questions longer than this are cut (politely, the reply says so) before any matching.
MAX_QUESTION_CHARS = 500
# Echoed user text (a supporter name we did not find) is cut to this length.
MAX_ECHO_CHARS = 80

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
# Slack and Discord mention / broadcast syntax and HTML-ish entities that could become one.
_MENTIONISH = re.compile(r"&(?:lt|gt|amp);?|[<>@!#*_`~|\[\]\\]")

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "premier": 1, "premiere": 1, "deuxieme": 2,
    "troisieme": 3, "quatrieme": 4, "cinquieme": 5, "sixieme": 6, "septieme": 7, "huitieme": 8,
    "neuvieme": 9, "dixieme": 10,
}  # fmt: skip
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9,
         "x": 10, "xi": 11, "xii": 12}  # fmt: skip
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|e|er|eme|ème)$")


def clean(question: str) -> tuple[str, bool]:
    """Remove control characters and extra spaces; cut to `MAX_QUESTION_CHARS`. Returns (text, cut)."""
    text = _CONTROL.sub(" ", question)
    cut = len(text) > MAX_QUESTION_CHARS
    if cut:
        text = text[:MAX_QUESTION_CHARS]
    return _SPACES.sub(" ", text).strip(), cut


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower case without accents, for matching: "Défendre" -> "defendre"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def tokens(text: str) -> list[str]:
    """Words of already-folded text: letters and digits, keeping inner apostrophes and hyphens."""
    return _TOKEN.findall(text)


def stem(word: str) -> str:
    """A deliberately crude English/French stemmer: enough to meet "elections" with "election"."""
    for suffix in ("ing", "ies", "es", "ed", "s", "e"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def to_number(word: str) -> int | None:
    """Read "3", "three", "third", "3rd", "III", "troisième" as 3; anything else as None.

    Very long digit strings still give an int, so callers can say "there are nine".
    """
    word = fold(word).strip("#.:)?!")
    if word.isdigit():
        return int(word[:12]) if len(word) <= 12 else 10**12
    if word in WORD_NUMBERS:
        return WORD_NUMBERS[word]
    if word in ROMAN:
        return ROMAN[word]
    match = _ORDINAL.match(word)
    return int(match.group(1)[:12]) if match else None


def quote_user_text(text: str) -> str:
    """Make user text safe to echo in any chat: no mention, broadcast or markup syntax survives."""
    text, _ = clean(text)
    text = _MENTIONISH.sub("", text)
    if len(text) > MAX_ECHO_CHARS:
        text = text[: MAX_ECHO_CHARS - 1].rstrip() + "…"
    return text.strip() or "?"
