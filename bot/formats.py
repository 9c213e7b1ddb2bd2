"""How numbers, dates and French prose are written: "1 222", "25 déc. 2025", "Oui : …".

French typography follows the usual rules of French print: a no-break space before ``:`` (U+00A0)
and a narrow one before ``;`` ``?`` ``!`` and inside « » (U+202F), the typographic apostrophe
``’``, and thousands grouped with a narrow no-break space. Quotations of official texts (lines
starting with ``> ``), URLs and `code` spans are left exactly as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.lazy import lazy

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space

MONTHS = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc."],
}  # fmt: skip

# Spans typography must not touch: link targets, bare URLs, code spans.
_PROTECTED = lazy(r"\]\(https?://[^)\s]+\)|https?://[^\s)]+|`[^`\n]*`")
# \ue001 ends the placeholder of a protected span (see `_typeset_line`).
_BEFORE_COLON = lazy(r"(?<=[\w)\]»*’”.%\ue001])[ \u00a0\u202f]?:(?=\s|$|\*)")
_BEFORE_MARK = lazy(r"(?<=[\w)\]»*’”%\ue001])[ \u00a0\u202f]?([;?!])(?=\s|$|\*|[)»?!.,])")
_PLACEHOLDER = lazy(r"\ue000(\d+)\ue001")
_OPEN_GUILLEMET = lazy(r"«[ \u00a0\u202f]?")
_CLOSE_GUILLEMET = lazy(r"[ \u00a0\u202f]?»")
_THOUSANDS = lazy(r"\b(\d{1,3})(?:[, \u00a0](\d{3}))\b(?![,.]\d)")


@lru_cache(maxsize=4096)  # a reply names the same few dates (the list's, the content's)
def human_date(iso: str, lang: str = "en") -> str:
    """ "2021-11-10" -> "10 Nov 2021" (or "10 nov. 2021" in French)."""
    try:
        year, month, day = (int(x) for x in iso.split("-"))
        return f"{day} {MONTHS.get(lang, MONTHS['en'])[month - 1]} {year}"
    except (ValueError, IndexError):
        return iso


def number(value: int, lang: str = "en") -> str:
    """1222 -> "1,222" in English, "1 222" (narrow no-break space) in French."""
    text = f"{value:,}"
    return text.replace(",", NNBSP) if lang == "fr" else text


def typeset(text: str, lang: str) -> str:
    """French prose with French typography (English unchanged); quote lines are kept verbatim."""
    if lang != "fr" or not text:
        return text
    return "\n".join(
        line if line.startswith(">") else _typeset_line(line) for line in text.split("\n")
    )


def _typeset_line(line: str) -> str:
    kept: list[str] = []

    def hold(m: re.Match[str]) -> str:
        kept.append(m.group())
        return f"\ue000{len(kept) - 1}\ue001"

    # Each pattern runs only on text that has what every match of it has: most lines have no
    # link, no code span, no guillemets.
    if "http" in line or "`" in line:
        line = _PROTECTED.sub(hold, line)
    text = _french(line)
    if "\ue000" in text:
        text = _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], text)
    return text


def _french(text: str) -> str:
    text = text.replace("'", "’")
    if ":" in text:
        text = _BEFORE_COLON.sub(NBSP + ":", text)
    if ";" in text or "?" in text or "!" in text:
        text = _BEFORE_MARK.sub(lambda m: NNBSP + m.group(1), text)
    if "«" in text:
        text = _OPEN_GUILLEMET.sub("«" + NNBSP, text)
    if "»" in text:
        text = _CLOSE_GUILLEMET.sub(NNBSP + "»", text)
    return _THOUSANDS.sub(lambda m: f"{m.group(1)}{NNBSP}{m.group(2)}", text)
