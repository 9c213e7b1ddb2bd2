"""Finding a supporter by name without ever naming the wrong one.

Every name, French name, alias and ISO code of the content's entries is a key of whole words.
A key matches only a whole span of words (longest first) that is not glued to a longer name
("Guinea" is not found in "Guinea-Bissau", "Equatorial Guinea" or "Guinea Bissau"). Typos are
forgiven only for a near-whole name, and the answer then says which name it matched. When one
name fits several entries ("ARM" the company and Armenia's ISO code), the caller offers choices.
"""

from __future__ import annotations

import itertools
import operator
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import itemgetter, methodcaller

from bot.content import Supporter
from bot.lazy import lazy
from bot.records import Record
from bot.roster import SEPARATOR, SupporterTable, pack, unpack
from bot.text import edit_distance, fold

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import TypeVar, overload

    D = TypeVar("D")
    # A pickled index: its other attributes, then its keys and their first words, packed.
    _State = tuple[dict[str, object], str | list[str], int, str | list[str], array[int]]

# Words that do not change which organisation is meant: "Microsoft Corp." is Microsoft.
_NOISE = frozenset(
    [
        "the",
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "sa",
        "sas",
        "sarl",
        "ag",
        "gmbh",
        "pvt",
        "private",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "kft",
        "sro",
        "pte",
        "pty",
        "group",
        "groupe",
        "le",
        "la",
        "les",
        "l",
    ]
)
_PUNCT = re.compile(r"[^\w\s]")
_PAREN = lazy(r"\s*\(([^()]*)\)\s*")  # names are keyed when the cache is written
# Aliases this short are codes or acronyms (US, UK, EU, CAN, AND): matched in free text only when
# typed in capitals, so "tell us" or "can it" never name a country.
SHORT = 3
# Short aliases that are no word of English or French: matched in lower case too ("the uk").
LOWER_CODES = frozenset({"uk", "usa", "uae", "drc", "rdc", "prc"})
# Candidates for a typo checked with `is_typo` before rapidfuzz is imported (more: straight to it).
_FEW = 100
# ... and at most this many are first narrowed down in C (`_typo_candidates`) instead.
_MANY = 4000
# An index of this many keys or more is loaded without its dictionaries (`SortedKeys`).
_LARGE = 20_000
# Kinds of key, best first: a name the entry is listed under beats a derived form, which beats a
# country code.
NAME, DERIVED, CODE = 0, 1, 2
# Words that may stand next to a name without being part of it ("is X a supporter", "X signed").
FUNCTION_WORDS = frozenset(
    ["a", "an", "the", "is", "are", "was", "were", "be", "been", "did", "does", "do", "has", "have", "had", "not", "no", "yes", "it", "its", "this", "that", "these", "those", "they", "them", "their", "there", "here", "what", "which", "who", "whom", "whose", "why", "when", "where", "how", "and", "or", "but", "so", "if", "as", "at", "by", "from", "in", "into", "on", "onto", "of", "to", "for", "with", "without", "about", "than", "then", "also", "too", "very", "really", "still", "ever", "even", "just", "only", "already", "yet", "now", "today", "sign", "signed", "signs", "signing", "signatory", "signatories", "signer", "signers", "supporter", "supporters", "support", "supports", "supported", "supporting", "join", "joined", "joins", "member", "members", "part", "list", "listed", "listing", "on-board", "board", "endorse", "endorsed", "backed", "back", "backing", "official", "officially", "actually", "though", "although", "because", "since", "whether", "anyone", "someone", "all", "any", "some", "many", "much", "more", "most", "other", "another", "same", "such", "like", "either", "neither", "both", "each", "every", "i", "you", "we", "he", "she", "me", "us", "my", "your", "our", "his", "her", "mine", "call", "paris", "pariscall", "agreement", "appel", "le", "la", "les", "l", "de", "du", "des", "d", "un", "une", "et", "ou", "est", "sont", "a-t-il", "a-t-elle", "ont-ils", "ont-elles", "ont", "au", "aux", "en", "dans", "c", "ca", "sur", "pour", "par", "avec", "sans", "que", "qui", "quoi", "quand", "pourquoi", "comment", "combien", "si", "ce", "cet", "cette", "ces", "il", "elle", "ils", "elles", "on", "nous", "vous", "je", "tu", "se", "sa", "son", "ses", "signe", "signataire", "signataires", "soutien", "soutiens", "soutient", "membre", "membres", "partie", "fait", "rejoint", "adhere", "liste", "toujours", "deja", "aussi", "ne", "pas", "n", "jamais", "please", "thanks", "ok", "hi", "hey", "hello", "bonjour", "merci", "salut", "yo", "lol", "isn", "t", "didn", "hasn", "doesn", "don", "wasn", "aren", "haven", "won", "can", "s", "position", "positions", "stance", "role", "view", "views", "policy", "status", "signature", "membership", "participation", "involvement", "decision", "officials", "delegation", "absence", "presence", "approach", "reaction", "answer"]
)  # fmt: skip
# A name right after one of these is the one the question is not about.
NEGATIONS = frozenset(("not", "except", "excluding", "pas", "non", "sauf", "hors"))
# After a name, these start a description rather than a longer name ("BCP from Peru").
DESCRIPTION = frozenset(
    [
        "from",
        "in",
        "based",
        "of",
        "the",
        "which",
        "who",
        "that",
        "aka",
        "i.e",
        "e.g",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "did",
        "has",
        "have",
        "de",
        "du",
        "des",
        "as",
        "en",
        "au",
        "aux",
        "basee",
        "base",
        "qui",
    ]
)


def name_key(name: str) -> str:
    """The form names are compared in: folded, no punctuation, no "Inc."/"the"."""
    # ASCII needs no accent folding (most names are ASCII: an import keys 100,000 of them).
    folded = name.lower() if name.isascii() else fold(name)
    # After _PUNCT, text is word characters and spaces only: its words are `split()`'s.
    words = [w for w in _PUNCT.sub(" ", folded.replace("&", " and ")).split() if w not in _NOISE]
    while words and words[-1] == "and":  # "McKinsey & Company" -> "mckinsey"
        words.pop()
    return " ".join(words)


class NameMatch(Record):
    """An entry found for a name: how it was found, and the other entries the name could mean."""

    __slots__ = ("entry", "how", "others", "typed")

    def __init__(
        self, entry: Supporter, how: str, others: tuple[Supporter, ...] = (), typed: str = ""
    ) -> None:
        self.entry = entry
        self.how = how  # "exact" (a name or alias), "code" (an ISO code) or "fuzzy" (a typo)
        self.others = others
        self.typed = typed  # the words the user wrote for it

    @property
    def ambiguous(self) -> bool:
        return bool(self.others)


class Word(Record):
    __slots__ = ("key", "start", "end", "capital")

    def __init__(self, key: str, start: int, end: int, capital: bool) -> None:
        self.key = key  # folded, punctuation-free
        self.start = start  # offsets in the text
        self.end = end
        self.capital = capital  # written with a capital letter (not at the start of a sentence)


_WORD = lazy(r"[^\W_]+")  # not needed by commands ("principle 3")


def words_of(text: str) -> list[Word]:
    """The words of a question with their offsets; noise words ("the", "Inc.") are dropped."""
    out: list[Word] = []
    for m in _WORD.finditer(text):
        key = name_key(m.group(0))
        if not key:
            continue
        before = text[: m.start()].rstrip()
        opening = (
            not before or before[-1] in ".?!:;,\"'«(" or text[m.start() - 1 : m.start()] in "'’"
        )
        for part in key.split():
            out.append(Word(part, m.start(), m.end(), m.group(0)[:1].isupper() and not opening))
    return out


def word_keys(texts: Iterable[str]) -> set[str]:
    """Every word key `words_of` finds in `texts` (each distinct word keyed once)."""
    return {part for word in set(_WORD.findall(" ".join(texts))) for part in name_key(word).split()}


class SortedKeys:
    """A dictionary's lookups (`get`, `in`, `[]`) over sorted keys and their values, by bisection:
    loading an index of 100,000 keys, building a dictionary of them would cost a cold start more
    (~40 ms, ~8 MB) than the lookups of its answer."""

    __slots__ = ("keys", "values")

    def __init__(self, keys: Sequence[str], values: Sequence[int]) -> None:
        self.keys, self.values = keys, values

    if TYPE_CHECKING:  # `typing.overload` at run time would import typing

        @overload
        def get(self, key: str) -> int | None: ...
        @overload
        def get(self, key: str, default: D) -> int | D: ...

    def get(self, key: str, default: D | None = None) -> int | D | None:
        at = bisect_left(self.keys, key)
        return self.values[at] if at < len(self.keys) and self.keys[at] == key else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __getitem__(self, key: str) -> int:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)


class SupporterIndex:
    """Name and alias lookups over supporters and states that do not support the Call.

    Built once when the cache is written, for lists of 100,000 rows: every key in one sorted list
    (autocomplete is a binary search), each key's entries as integer codes, and the keys typos
    are checked against bucketed by first letter and number of words, sorted by length. The cache
    holds the keys as one string; loading splits it and rebuilds the dictionaries in C.
    """

    def __init__(self, entries: Sequence[Supporter]) -> None:
        table = entries if isinstance(entries, SupporterTable) else SupporterTable(entries)
        self.entries = table
        found: dict[str, list[int]] = {}  # key -> [row * 4 + kind], a row once, its best kind
        display: dict[str, tuple[int, str]] = {}  # key -> (row, the name as written)

        def add(i: int, kind: int, alias: str, key: str | None = None) -> None:
            key = name_key(alias) if key is None else key
            if not key:
                return
            codes = found.setdefault(key, [])
            if not codes or codes[-1] >> 2 != i:  # a row's names come together, best kind first
                codes.append(i << 2 | kind)
            if kind == NAME:
                display.setdefault(key, (i, alias))

        curated = len(table.entries)
        for i, entry in enumerate(table.entries):
            for kind, alias in self.names_with_kind(entry):
                add(i, kind, alias)
        # The list rows, the bulk of an import: a supporter each, no French name or aliases, its
        # ISO code a name only for a state; each name keyed once (by the import, when it merged).
        # Their own names are indexed in C: each key's first row (`named`), and every row of a
        # key several rows have (`repeated`, rare). Other names of a row (a part in brackets, a
        # state's code) are added to `found`, row by row.
        names = list(table.names)  # (a loaded table keeps them packed)
        keys = table.keys if table.keys is not None else list(map(name_key, names))
        rows = range(curated, curated + len(names))
        named = dict(zip(reversed(keys), reversed(rows), strict=True))
        named.pop("", None)
        repeated: dict[str, list[int]] = {}
        if len(named) < len(keys) - keys.count(""):
            twice = {k for k, n in Counter(keys).items() if n > 1 and k}
            for i, key in compress(zip(rows, keys, strict=True), map(twice.__contains__, keys)):
                repeated.setdefault(key, []).append(i)
        state = table.category.values.index("state") if "state" in table.category.values else -1
        countries = table.country.values
        country_keys = [name_key(c) if c else "" for c in countries]  # each code keyed once
        states = map(operator.eq, table.category.codes, repeat(state))
        others = map(operator.or_, states, map(operator.contains, names, repeat("(")))
        for j in compress(range(len(names)), others):
            i = curated + j
            if "(" in names[j]:
                for kind, alias in _derived(names[j]):
                    add(i, kind, alias)
            if table.category.codes[j] == state and (country := countries[table.country.codes[j]]):
                add(i, CODE, country, country_keys[table.country.codes[j]])  # a state's ISO code
        keys = sorted(named.keys() | found.keys())
        self._sorted = keys
        # A key only list rows' own names have, and only one of them, is that row's (the usual
        # case, in C); the others are worked out one by one, in order.
        first_rows = list(map(named.get, keys, repeat(-1)))
        packed_codes: array[int] = array("q", map(operator.lshift, first_rows, repeat(2)))
        # The row whose name a key shows, -1 none, -2 an alias (in `_shown_alias`).
        shown: array[int] = array("q", first_rows)
        kinds = bytearray(len(keys))  # each key's best kind (NAME: 0)
        multi: list[tuple[int, ...]] = []
        self._shown_alias: dict[str, str] = {}
        special = map(operator.or_, map(found.__contains__, keys), map(repeated.__contains__, keys))
        for at in compress(range(len(keys)), special):
            key = keys[at]
            own = repeated.get(key) or ([named[key]] if key in named else [])
            # A row once, with its best kind: a list row's own name is a NAME.
            codes = [c for c in found.get(key, ()) if c >> 2 not in own]
            codes += [i << 2 | NAME for i in own]
            if len(codes) == 1:
                best = packed_codes[at] = codes[0]
            else:
                ordered = tuple(sorted(codes, key=lambda c: (c & 3, c >> 2)))
                best = ordered[0]
                packed_codes[at] = -1 - len(multi)
                multi.append(ordered)
            kinds[at] = best & 3
            row, alias = display.get(key) or (
                (own[0], names[own[0] - curated]) if own else (-1, "")
            )
            if row >= 0 and alias != table.name(row):
                self._shown_alias[key] = alias
                row = -2
            shown[at] = row
        sizes = list(map(operator.add, map(str.count, keys, repeat(" ")), repeat(1)))
        # First word of every key of several words -> the most words such a key has.
        several = list(compress(zip(keys, sizes, strict=True), map(operator.gt, sizes, repeat(1))))
        firsts = list(map(itemgetter(0), map(methodcaller("partition", " "),
                                             map(itemgetter(0), several))))  # fmt: skip
        # (Sorted by size, the last of each first word is its largest.)
        self._starts: dict[str, int] | SortedKeys = dict(
            sorted(zip(firsts, map(itemgetter(1), several), strict=True), key=itemgetter(1))
        )
        # Keys typos are checked against (long, not codes), by (first letter, words), by length:
        # a typo is only ever corrected to a name with its first letter (see `is_typo`).
        lengths = list(map(len, keys))
        long = map(operator.and_, map(operator.ge, lengths, repeat(6)),
                   map(operator.ne, kinds, repeat(CODE)))  # fmt: skip
        fuzzy: dict[tuple[str, int], list[int]] = {}
        for at in compress(range(len(keys)), long):
            fuzzy.setdefault((keys[at][0], sizes[at]), []).append(at)
        self._codes, self._multi, self._shown = packed_codes, multi, shown
        self._keys: dict[str, int] | SortedKeys = dict(zip(keys, packed_codes, strict=True))
        # Where each key starts in `_text` (every key between separators), to find the keys
        # holding a word with one scan of a string.
        self._text = SEPARATOR + SEPARATOR.join(keys) + SEPARATOR
        ends = map(operator.add, map(len, keys), repeat(1))
        self._offsets = array("I", itertools.accumulate(ends, initial=1))
        self._fuzzy = {b: array("I", sorted(v, key=lengths.__getitem__))
                       for b, v in fuzzy.items()}  # fmt: skip
        self._buckets: dict[tuple[str, int], list[str]] = {}  # not cached: see `_bucket`
        self._all_words: frozenset[str] | None = None  # not cached: see `name_words`

    def __getstate__(self) -> _State:
        state = dict(self.__dict__)
        del state["_sorted"], state["_starts"], state["_keys"], state["_text"], state["_buckets"]
        del state["_all_words"]
        # The keys packed as one string; the dictionaries and the text are rebuilt from them.
        firsts = sorted(self._starts)
        sizes = array("B", map(self._starts.__getitem__, firsts))
        return state, pack(self._sorted), len(self._sorted), pack(firsts), sizes

    def __setstate__(self, state: _State) -> None:
        attributes, keys, size, packed_firsts, sizes = state
        self.__dict__.update(attributes)
        self._buckets, self._all_words = {}, None
        self._sorted = unpack(keys, size)
        self._text = SEPARATOR + SEPARATOR.join(self._sorted) + SEPARATOR
        firsts = unpack(packed_firsts, len(sizes))
        if size < _LARGE:
            self._keys = dict(zip(self._sorted, self._codes, strict=True))
            self._starts = dict(zip(firsts, sizes, strict=True))
        else:  # looked up by bisection: building the dictionaries would cost more than answering
            self._keys = SortedKeys(self._sorted, self._codes)
            self._starts = SortedKeys(firsts, sizes)

    @staticmethod
    def names_with_kind(entry: Supporter) -> Iterable[tuple[int, str]]:
        """Every name `entry` is known by, with its kind (NAME, DERIVED or CODE)."""
        yield NAME, entry.name
        if entry.fr:
            yield NAME, entry.fr
        for alias in entry.aliases:
            yield NAME, alias
        yield from _derived(entry.name)
        if entry.country and (entry.category == "state" or not entry.supporter):
            yield CODE, entry.country  # ISO codes for states ("is RUS in?")

    def _found(self, key: str) -> tuple[int, ...]:
        code = self._keys.get(key)
        if code is None:
            return ()
        return self._multi[-1 - code] if code < 0 else (code,)

    def _kind(self, at: int) -> int:
        code = self._codes[at]
        return (self._multi[-1 - code][0] if code < 0 else code) & 3

    def _match(self, key: str, typed: str, choices: bool = True) -> NameMatch | None:
        found = self._found(key)
        if not found:
            return None
        best_kind, row = found[0] & 3, found[0] >> 2
        first = self.entries[row]
        others = tuple(self.entries[c >> 2] for c in found[1:] if c >> 2 != row) if choices else ()
        if best_kind == CODE and not others:
            return NameMatch(first, "code", typed=typed)
        return NameMatch(first, "exact" if best_kind != CODE else "code", others, typed)

    def name_words(self) -> frozenset[str]:
        """Every word of every name ("energy" of "Enel Energy"), made on first use, then kept
        (not cached: see `__getstate__`)."""
        if self._all_words is None:
            # Key by key: splitting all of them at once would hold every word of every key.
            self._all_words = frozenset(itertools.chain.from_iterable(map(str.split, self._sorted)))
        return self._all_words

    def exact(self, name: str) -> NameMatch | None:
        """The entry called exactly `name` (the whole of it), wherever it stands; no typos."""
        key = name_key(name)
        return self._match(key, name) if key else None

    def find(self, name: str) -> NameMatch | None:
        """The entry called exactly `name` (the whole of it), else a near-whole typo of one."""
        key = name_key(name)
        if not key:
            return None
        match = self._match(key, name)
        if match is not None:
            return match
        return self.fuzzy(key, name)

    def _holding(self, part: str) -> Iterator[int]:
        """Positions (in sorted order) of the keys holding `part`, each once."""
        text, offsets, at = self._text, self._offsets, 0
        while (at := text.find(part, at)) >= 0:
            pos = bisect_right(offsets, at) - 1
            yield pos
            at = offsets[pos + 1]  # the next key's start (the last offset is the text's end)

    def containing(self, name: str, limit: int = 3) -> list[Supporter]:
        """Entries whose name holds `name` as whole words ("Lufthansa" in "Deutsche Lufthansa
        AG"): offered as choices, never taken as the answer."""
        key = name_key(name)
        if not key.split() or len(key) < 3:
            return []
        if not self.name_words().issuperset(key.split()):
            return []  # a word no key has: no need to scan them all (a list of 100,000 rows)
        keys = self._sorted
        found = [keys[at] for at in self._holding(key) if self._kind(at) == NAME
                 and f" {key} " in f" {keys[at]} " and keys[at] != key]  # fmt: skip
        names = dict.fromkeys(self.entries.name(self._found(k)[0] >> 2) for k in found)
        rows = sorted(i for n in names for i in self.entries.named(n))
        return [self.entries[i] for i in rows[:limit]]

    def fuzzy(self, key: str, typed: str) -> NameMatch | None:
        """A near-whole typo of a long name ("Kaspersy Lab", "microsfot"), only when one name is
        clearly closest; a short or ambiguous name is never guessed."""
        if len(key) < 6:
            return None
        size = key.count(" ") + 1
        # Only a name scoring 85 or more can change the outcome (88 is needed, and a runner-up
        # within 3 points vetoes it): its length is within 0.74 to 1.35 times the typed one's.
        low, high = len(key) * 0.73, len(key) * 1.36
        candidates: list[str] = []
        for n in (size - 1, size, size + 1):
            bucket = self._bucket((key[0], n))
            start = bisect_left(bucket, low, key=len)
            candidates += bucket[start : bisect_right(bucket, high, lo=start, key=len)]
        # The best match must be a typo of the key (`is_typo`, below). When no candidate of a
        # short list can be one ("did russia sign" read as a name), rapidfuzz is not needed:
        # importing it costs a process ~6 MB and ~10 ms. Until it is loaded (a cold start), the
        # few thousand candidates of a long list that may be typos of several words are found
        # in C first: most often none is.
        filtered = size > 1 and len(candidates) <= _MANY and "rapidfuzz" not in sys.modules
        few = _typo_candidates(key, candidates) if filtered else candidates
        if len(few) <= _FEW and not _may_be_typo(key, few):
            return None
        from rapidfuzz import fuzz, process

        best = process.extract(key, candidates, scorer=fuzz.ratio, limit=2, score_cutoff=80)
        if not best:
            return None
        top_key, top, _ = best[0]
        needed = 88.0 if len(key) >= 9 else 91.0
        if top < needed or (len(best) > 1 and best[1][1] >= top - 3):
            return None
        if not is_typo(key, top_key):
            return None
        match = self._match(top_key, typed)
        if match is None or match.how == "code":
            return None
        return NameMatch(match.entry, "fuzzy", match.others, typed)

    def _bucket(self, bucket: tuple[str, int]) -> list[str]:
        """The keys of a bucket of `_fuzzy`, by length (made on first use, then kept: a list of
        100,000 rows would otherwise gather thousands of keys for each typo checked)."""
        found = self._buckets.get(bucket)
        if found is None:
            keys = self._sorted
            found = self._buckets[bucket] = list(map(keys.__getitem__, self._fuzzy.get(bucket, ())))
        return found

    def spans(self, text: str, *, choices: bool = True) -> list[tuple[NameMatch, int, int]]:
        """Every name written in free text as a whole span of words, longest first, with its
        (start, end) offsets. A span glued to a longer name is skipped: next to it stands a
        hyphen, or a word that is neither a function word nor part of the name. Without
        `choices`, a match does not list the other entries its name fits (masking does not read
        them; a name of 100,000 rows may fit thousands)."""
        words = words_of(text)
        found: list[tuple[NameMatch, int, int]] = []
        i = 0
        while i < len(words):
            longest = min(self._starts.get(words[i].key, 1), len(words) - i)
            for size in range(longest, 0, -1):
                key = " ".join(w.key for w in words[i : i + size])
                start, end = words[i].start, words[i + size - 1].end
                raw = text[start:end]
                # A word dropped between the words may belong to the name ("Trinidad and Tobago").
                if key not in self._keys and (
                    raw.count(" ") < size or (key := name_key(raw)) not in self._keys
                ):
                    continue
                if len(key) <= SHORT and not _capitals(raw) and key not in LOWER_CODES:
                    continue
                if not self._free_standing(text, words, i, i + size):
                    continue
                if i and words[i - 1].key in NEGATIONS:
                    continue  # "the US one, not Yahoo Japan"
                match = self._match(key, raw, choices)
                if match is not None:
                    found.append((match, start, end))
                    i += size - 1
                    break
            i += 1
        return found

    def within(self, words: set[str] | frozenset[str]) -> list[str]:
        """The keys made of `words` only: the only names `spans` can find in texts whose words
        are all in `words`."""
        # Every key starts with one of `words`: each word's keys ("w", then "w ...", as a space
        # sorts before any letter of a key) are one run of the sorted keys, found by bisection.
        keys, found = self._sorted, []
        for word in words:
            at, longer = bisect_left(keys, word), word + " "
            while at < len(keys) and (keys[at] == word or keys[at].startswith(longer)):
                if words.issuperset(keys[at].split()):
                    found.append(keys[at])
                at += 1
        return sorted(found)

    def first(self, key: str) -> Supporter | None:
        """The entry `key` finds first (`spans` answers with it), if any."""
        found = self._found(key)
        return self.entries[found[0] >> 2] if found else None

    def _display(self, at: int) -> str:
        row = self._shown[at]
        return self.entries.name(row) if row >= 0 else self._shown_alias[self._sorted[at]]

    def complete(self, prefix: str, limit: int = 25) -> list[str]:
        """Names for autocomplete: those starting with `prefix` (sorted), then containing it."""
        key = name_key(prefix)
        keys, shown = self._sorted, self._shown
        names: list[str] = []
        if not key:
            for at in range(len(keys)):
                if len(names) >= limit:
                    break
                if shown[at] != -1:
                    names.append(self._display(at))
            return names
        at = bisect_left(keys, key)
        while at < len(keys) and keys[at].startswith(key) and len(names) < limit:
            if shown[at] != -1:
                names.append(self._display(at))
            at += 1
        if len(names) < limit:
            for at in self._holding(key):
                if shown[at] != -1 and not keys[at].startswith(key):
                    names.append(self._display(at))
                    if len(names) >= limit:
                        break
        return list(dict.fromkeys(names))[:limit]

    @staticmethod
    def _free_standing(text: str, words: list[Word], a: int, b: int) -> bool:
        start, end = words[a].start, words[b - 1].end
        if text[start - 1 : start] == "-" and text[start - 2 : start - 1].isalnum():
            return False  # "Guinea" in "Equatorial-Guinea"
        if text[end : end + 1] == "-" and text[end + 1 : end + 2].isalnum():
            return False  # "Guinea" in "Guinea-Bissau"
        before = words[a - 1] if a > 0 else None
        if before is not None and not _gap(text, before.end, start):
            if not _loose(before):
                return False  # "Equatorial Guinea", "Google DeepMind", "Action For India"
            if before.key in _LINKS and a > 1:
                prior = words[a - 2]
                if (not _loose(prior) and prior.key not in _VERBS
                        and not _gap(text, prior.end, before.start)):  # fmt: skip
                    return False  # "University of Ghana", "Institute for India Studies"
        after = words[b] if b < len(words) else None
        # Not "Siemens Energy", "Orange County", "Virginia Tech"; but "when was Tunisia added".
        return after is None or _gap(text, end, after.start) or _loose(after) or after.key in _VERBS


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that follow a name in a question and are no part of one ("did Kenya sign", "Tunisia
# joined when?", "la France fait partie ?", "when did France launch it"). Not "support": it ends
# names ("... Technical Support"); nor what a longer name may add ("Healthineers", "Beach").
_VERBS = _word_set(
    """sign signs signed signing signature signatory signatories signataire signataires join
    joins joined joining rejoint added listed included appear appears appeared apparait endorse
    endorses endorsed endorsing supporter supporters supports supported supporting soutient
    soutenu backed ratified ever still too also yet already really actually officially
    basically fait ont avaient etait sont part launch launched lead led chaired pushed say says
    said play played refuse refused absent since right true date position stance role view
    adhesion participation membership"""
)
# Words that join two parts of one name ("University of Ghana").
_LINKS = frozenset(("of", "for", "de", "du", "des", "pour"))
# Function words a sentence may capitalise without making them part of a name.
_OPENERS = frozenset(
    [
        "did",
        "is",
        "has",
        "does",
        "do",
        "was",
        "are",
        "what",
        "who",
        "why",
        "when",
        "how",
        "and",
        "but",
        "so",
        "est",
        "la",
        "le",
        "les",
        "l",
    ]
)


def _derived(name: str) -> Iterator[tuple[int, str]]:
    """ "European Union Institute for Security Studies (EUISS)": both halves are names too."""
    paren = _PAREN.search(name) if "(" in name else None
    if paren:
        yield DERIVED, _PAREN.sub(" ", name).strip()
        inner = paren.group(1).strip()
        if len(inner) >= 3 and " " not in inner:
            yield DERIVED, inner


def _loose(word: Word) -> bool:
    """A word that can stand beside a name without belonging to it."""
    if word.key.isdigit():
        return True
    if word.key not in FUNCTION_WORDS:
        return False
    return not word.capital or word.key in _OPENERS


def is_typo(typed: str, name: str) -> bool:
    """True when `typed` is `name` with a typo in one long word ("kaspersy lab"), or a missing
    space; never a different word ("deutsche bahn" is not "deutsche bank")."""
    a, b = typed.split(), name.split()
    if len(a) != len(b):
        return "".join(a) == "".join(b)
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if len(a) > 1 and x.rstrip("s") == y.rstrip("s"):
        return True  # "kaspersky labs": a plural in a name of several words
    limit = 1 if len(y) < 8 else 2
    if min(len(x), len(y)) < 5 or x[0] != y[0] or abs(len(x) - len(y)) > limit:
        return False  # (the edit distance is at least the difference in length)
    return edit_distance(x, y) <= limit


def _typo_candidates(key: str, candidates: list[str]) -> list[str]:
    """The candidates (keys, as `key`) `is_typo(key, c)` may hold for, found in C: those that are
    `key` with other spaces, and those with one word a near length (`key` of one word) or with
    `key`'s first word or its other words (one of several words differs)."""
    words = key.split()
    joined = "".join(words)
    found = compress(candidates, map(joined.__eq__, map(methodcaller("replace", " ", ""),
                                                       candidates)))  # fmt: skip
    if len(words) == 1:
        gaps = map(abs, map(operator.sub, map(len, candidates), repeat(len(key))))
        near = map(operator.le, gaps, repeat(2))
    else:
        head, tail = words[0] + " ", " " + " ".join(words[1:])
        near = map(operator.or_, map(methodcaller("startswith", head), candidates),
                   map(methodcaller("endswith", tail), candidates))  # fmt: skip
    return [*found, *compress(candidates, near)]


def _may_be_typo(key: str, candidates: list[str]) -> bool:
    """Whether `is_typo(key, c)` holds for one of `candidates` (keys, as `key`), cheap tests first:
    other words joined alike, or one word a near length, or one of several words differing."""
    words = key.split()
    head, tail, joined = words[0] + " ", " " + " ".join(words[1:]), "".join(words)
    for c in candidates:
        if c.count(" ") + 1 != len(words):
            if c.replace(" ", "") == joined:
                return True
        elif len(words) == 1:
            if abs(len(c) - len(key)) <= 2 and is_typo(key, c):
                return True
        elif (c.startswith(head) or c.endswith(tail)) and is_typo(key, c):
            return True
    return False


_JOINERS = frozenset(("and", "et", "or", "ou", "&", "+", "vs", "vs."))


def _gap(text: str, left: int, right: int) -> bool:
    """True when punctuation (not just spaces) separates two words."""
    between = text[left:right]
    if between.strip().lower() in _JOINERS:
        return True  # "China and Russia": two names ("Trinidad and Tobago" is matched whole first)
    return any(c in between for c in ',;:!?()[]/|"«»') or "  " in between.replace("\n", "  ")


def _capitals(raw: str) -> bool:
    letters = [c for c in raw if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)
