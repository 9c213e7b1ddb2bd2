"""Finding a supporter by name: exact names and aliases first, then fuzzy matching (rapidfuzz)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

from bot.content import Supporter
from bot.text import fold, tokens

# Words that do not change which organisation is meant: "Microsoft Corp." is Microsoft.
_NOISE = re.compile(
    r"\b(?:the|inc|incorporated|corp|corporation|co|company|ltd|limited|llc|plc|sa|sas|ag|gmbh|"
    r"group|groupe|le|la|les|l)\b"
)
_PUNCT = re.compile(r"[^\w\s]")
# Below this similarity (0-100) a name is "not in the list": a wrong yes is worse than "not found".
FUZZY_CUTOFF = 88.0
# Aliases this short are codes or acronyms (US, UK, EU, CAN, AND): matched in free text only when
# typed in capitals, so "tell us" or "can it" never name a country.
_SHORT = 3


def name_key(name: str) -> str:
    """The form names are compared in: folded, no punctuation, no "Inc."/"the"."""
    text = _PUNCT.sub(" ", fold(name).replace("&", " and "))
    text = _NOISE.sub(" ", text)
    return " ".join(text.split())


class SupporterIndex:
    """Name and alias lookups over supporters and known non-supporters."""

    def __init__(self, entries: Sequence[Supporter]) -> None:
        self.entries = tuple(entries)
        self._exact: dict[str, int] = {}
        self._display: dict[str, str] = {}  # key -> the name as written, for autocomplete
        for i, entry in enumerate(self.entries):
            for alias in self.names(entry):
                key = name_key(alias)
                if key and key not in self._exact:
                    self._exact[key] = i
                    self._display[key] = alias
        self._keys = list(self._exact)
        # First word of every name -> the most words a name starting with it has, so a question
        # is scanned only where a name can start.
        self._starts: dict[str, int] = {}
        for key in self._keys:
            first, size = key.split(" ", 1)[0], key.count(" ") + 1
            self._starts[first] = max(self._starts.get(first, 0), size)

    @staticmethod
    def names(entry: Supporter) -> Iterable[str]:
        """Every name `entry` is known by: its name, French name, aliases and (states) ISO code."""
        yield entry.name
        if entry.fr:
            yield entry.fr
        yield from entry.aliases
        if entry.country and entry.category in ("state", None):
            yield entry.country  # ISO codes for states and non-supporter states ("is RUS in?")

    def find(self, name: str) -> Supporter | None:
        """The entry called `name`, allowing small typos; None when nothing is close enough."""
        key = name_key(name)
        if not key:
            return None
        if key in self._exact:
            return self.entries[self._exact[key]]
        if len(key) <= _SHORT + 1:
            return None  # too short to guess at
        best = process.extractOne(key, self._keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        return self.entries[self._exact[best[0]]] if best else None

    def mentioned(self, original: str) -> Supporter | None:
        """The first known name written anywhere in a free-text question, longest match first."""
        words = tokens(name_key(original))
        capitals = set(re.findall(r"\b[A-Z]{2,3}\b", original.replace(".", "")))
        best: tuple[int, int] | None = None  # (-size, start): the longest, then the first
        for start, word in enumerate(words):
            longest = min(self._starts.get(word, 0), len(words) - start)
            for size in range(longest, 0, -1):
                key = " ".join(words[start : start + size])
                if key not in self._exact or (len(key) <= _SHORT and key.upper() not in capitals):
                    continue
                if best is None or (-size, start) < best:
                    best = (-size, start)
                break
        if best is None:
            return None
        size, start = -best[0], best[1]
        return self.entries[self._exact[" ".join(words[start : start + size])]]

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Names and aliases for autocomplete: those starting with `prefix`, then containing it."""
        key = name_key(prefix)
        if not key:
            return [self.entries[i].name for i in range(min(limit, len(self.entries)))]
        starts = [self._display[k] for k in self._keys if k.startswith(key)]
        inside = [self._display[k] for k in self._keys if key in k and not k.startswith(key)]
        seen: dict[str, None] = dict.fromkeys(starts + inside)
        return list(seen)[:limit]
