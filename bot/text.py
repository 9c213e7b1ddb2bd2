"""Text helpers shared by matching and answers: cleaning user input, folding, tokens, numbers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.lazy import lazy

# Questions longer than this are cut (politely, the reply says so) before any matching.
MAX_QUESTION_CHARS = 500
# Echoed user text (a supporter name we did not find) is cut to this length.
MAX_ECHO_CHARS = 80

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TOKEN = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
# Slack and Discord mention / broadcast syntax and HTML-ish entities that could become one.
# (Compiled on first use, as `_ORDINAL`: a cold start answering "principle 3" needs neither.)
_URLISH = lazy(r"\S*(?:://|www\.)\S*", re.IGNORECASE)
_MENTIONISH = lazy(r"&(?:lt|gt|amp);?|[<>@!#*_`~|\[\]\\]")

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
_ORDINAL = lazy(r"^(\d+)(?:st|nd|rd|th|e|er|eme|ème)$")


def clean(question: str) -> tuple[str, bool]:
    """Remove control characters and extra spaces; cut to `MAX_QUESTION_CHARS`. Returns (text, cut)."""
    # Every character `_CONTROL` removes is one `isprintable` refuses: most text skips the scan.
    text = question if question.isprintable() else _CONTROL.sub(" ", question)
    cut = len(text) > MAX_QUESTION_CHARS
    if cut:
        text = text[:MAX_QUESTION_CHARS]
    return " ".join(text.split()), cut  # as re.sub(r"\s+", " ", text).strip(): the same spaces


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


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (small words only: the principle-word typo check)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def quote_user_text(text: str) -> str:
    """Make user text safe to echo in any chat: no mention, broadcast or markup syntax survives."""
    text, _ = clean(text)
    text = _MENTIONISH.sub("", _URLISH.sub("", text))
    if len(text) > MAX_ECHO_CHARS:
        text = text[: MAX_ECHO_CHARS - 1].rstrip() + "…"
    return text.strip() or "?"


# --- Normalisation: what people type in chat, reduced to what the router reads --------------------

# Slack: <@U123|name>, <#C123|general>, <!here>, <!subteam^S1|@team>, <https://x|label>;
# Discord: <@123>, <@!123>, <@&123>, <#123>, <:name:123>, <a:name:123>, <t:1700000000:R>.
_PLATFORM = re.compile(
    r"<(?:[@#!][^<>\s|]*|a?:\w+:\d+|t:\d+(?::\w)?|(https?://)[^<>|\s]+)(?:\|([^<>]*))?>"
)
_LEADING_AT = re.compile(r"^\s*@\w+[:,]?\s+")
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-]+:")
_REPEAT = re.compile(r"([?!.])\1+")
# Lower-case "us" is the country only where a pronoun cannot be ("the us", "did us sign"); it is
# then written "US" so the names index (which reads short names in capitals only) finds it.
_US_LOWER = re.compile(
    r"(?:(?<=\bthe )|(?<=\bles )|(?<=\bdes )|(?<=\baux )|(?<=\bdid )|(?<=\bhas )|(?<=\bis )|"
    r"(?<=\bwhy )|(?<=\bwhen )|(?<=\bdidnt )|(?<=\bhasnt )|(?<=\bwhy didnt )|^)us"
    r"(?= (?:sign|signed|join|joined|support|supports|supported|position|stance|government|"
    r"gov|govt|administration|in|on|a|an|finally|eventually|ever|still|now|not|never|be|been|"
    r"part|absent|stay|position)\b|\s*\?|$)|(?<![\w.])(?:usa|u\.s\.a?\.?|u\.s)(?![\w])",
)
# "the UN", "the un", "U.N.": the United Nations (a lower-case "un" only after "the": French
# "un" is an article).
_UN = re.compile(r"(?:(?<=\bthe )|(?<=\bThe ))(?:un|UN|U\.N\.?)(?![\w.])|(?<![\w.])U\.N\.?(?!\w)")
# Chat spellings, word by word (matched without regard to case).
_CHAT_WORDS = {
    "pls": "please", "plz": "please", "pleas": "please", "u": "you", "r": "are", "ur": "your",
    "wat": "what", "wht": "what", "wut": "what", "abt": "about", "bout": "about", "thx": "thanks",
    "ty": "thanks", "tysm": "thanks", "govt": "government", "govts": "governments",
    "gouv": "gouvernement", "gvt": "gouvernement", "cuz": "because", "bc": "because",
    "b4": "before", "whats": "what is", "wats": "what is", "whos": "who is", "hows": "how is",
    "wheres": "where is", "dont": "don't", "didnt": "didn't", "doesnt": "doesn't",
    "hasnt": "hasn't", "havent": "haven't", "isnt": "isn't", "wasnt": "wasn't", "arent": "aren't",
    "cant": "can't", "wont": "won't", "im": "i'm", "ive": "i've", "koi": "quoi", "pk": "pourquoi",
    "pq": "pourquoi", "pkoi": "pourquoi", "qd": "quand", "cb": "combien", "svp": "s'il vous plaît",
    "stp": "s'il te plaît", "cest": "c'est", "jai": "j'ai", "lappel": "l'appel",
    "lunion": "l'union", "leurope": "l'europe", "lue": "l'UE", "lonu": "l'ONU", "quil": "qu'il",
    "rn": "right now", "atm": "at the moment", "tbh": "", "ngl": "", "idk": "i don't know",
    "btw": "by the way", "tldr": "in short", "tl;dr": "in short", "smth": "something", "sth": "something", "pcq": "parce que",
    "ptet": "peut-être", "jsp": "je ne sais pas", "qqch": "quelque chose", "qqn": "quelqu'un",
}  # fmt: skip
_EDGE_BEFORE, _EDGE_AFTER = r"(?<![\w'.&-])", r"(?![\w'.&-])"
_CHAT_WORD = re.compile(
    # Lower case or capitalised only: "BCP" or "UN" in capitals are names, not chat words.
    _EDGE_BEFORE
    + "("
    + "|".join(re.escape(w) + "|" + re.escape(w.capitalize()) for w in _CHAT_WORDS)
    + ")"
    + _EDGE_AFTER
)
_VOWEL = "aeiouyhàâäéèêëîïôöùûüœAEIOUYHÀÂÉÈÊÎÔÙÛŒ"
# (pattern, replacement, a substring every match has, where one is easy to name)
_CHAT_PHRASES = (
    (re.compile(r"\bqu ?est[- ]ce\b", re.IGNORECASE), "qu'est-ce", None),
    (re.compile(r"\bquest[- ]ce\b", re.IGNORECASE), "qu'est-ce", None),
    (re.compile(r"\bc quoi\b", re.IGNORECASE), "c'est quoi", None),
    # A lone elided article or pronoun before a vowel, typed in lower case: "l appel", "d un",
    # "qu il", "n a pas", "c est" (capitals are initials in names: "A.C", "Drzavljan D").
    (re.compile(rf"(?<![\w'.&/])([ldjmnt]|qu|jusqu|lorsqu|puisqu) (?=[{_VOWEL.lower()}])"), r"\1'", None),
    (re.compile(r"(?<![\w'.&/])c (?=est\b)"), "c'", "c est"),
    (re.compile(r"(?<![\w'.&/])s (?=ils?\b)"), "s'", "s il"),
)  # fmt: skip


# Emoji and their joiners and variation selectors (pictographs, symbols, dingbats, flags).
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\ufe00-\ufe0f\u200d\u2b50\u2b55\u203c\u2049"
    "\u2122\u2139\u3030\u303d]"
)


def _platform_token(match: re.Match[str]) -> str:
    """A mention or channel token becomes a space; a link keeps its label."""
    link, label = match.group(1), match.group(2)
    return f" {label} " if link and label else " "


def normalise(text: str) -> str:
    """Chat text as the router reads it: no platform tokens or emoji, one spelling of the U.S.,
    French elisions restored, chat abbreviations spelled out. Case is kept (names need it)."""
    # Each pattern runs only on text that has what it needs (a substring search costs a fraction
    # of a pattern's scan): most questions have no platform token, no emoji, no "??".
    if "<" in text:
        text = _PLATFORM.sub(_platform_token, text)
    if "@" in text:
        text = _LEADING_AT.sub("", text)
    if ":" in text:
        text = _EMOJI_CODE.sub(" ", text)
    if not text.isascii():
        text = _EMOJI.sub(" ", text)
        text = text.replace("’", "'").replace("‘", "'").replace("´", "'")
    text = text.replace("`", "'")
    if "??" in text or "!!" in text or ".." in text:
        text = _REPEAT.sub(r"\1", text)
    if "us" in text or "u." in text:  # every spelling `_US_LOWER` reads has one
        text = _US_LOWER.sub(lambda m: m.group(0).upper(), text)
    if "he un" in text or "he UN" in text or "U.N" in text:
        text = _UN.sub("United Nations", text)
    text = _CHAT_WORD.sub(lambda m: _CHAT_WORDS[m.group(1).lower()], text)
    for pattern, repl, needs in _CHAT_PHRASES:
        if needs is None or needs in text:
            text = pattern.sub(repl, text)
    return " ".join(text.split())  # as re.sub(r"\s+", " ", text).strip(): the same spaces
