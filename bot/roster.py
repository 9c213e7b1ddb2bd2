"""The supporters as the core keeps them: hand-written entries whole, the official list as columns.

An imported list may hold 100,000 rows. As 100,000 objects it takes most of a second to unpickle;
as parallel columns (the names as one string in the cache, small integer codes for the rest) it
takes milliseconds. A row becomes a `Supporter` only when an answer needs it, and the listings
answers show are sorted once, when the cache is written.
"""

from __future__ import annotations

import operator
from array import array
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain, compress, repeat

from bot.content import CATEGORIES, Supporter

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import overload

    from bot.reply import Source

# Joins a column of strings into one string in the cache: one object to unpickle, split in C.
SEPARATOR = "\x1f"


def pack(strings: list[str]) -> str | list[str]:
    """`strings` as one string for the cache (a list still, if one of them holds the separator)."""
    joined = SEPARATOR.join(strings)
    return joined if joined.count(SEPARATOR) == max(len(strings) - 1, 0) else strings


def unpack(packed: str | list[str], size: int) -> list[str]:
    if isinstance(packed, list):
        return packed
    return packed.split(SEPARATOR) if size else []


# A table of this many list rows or more keeps their names packed once loaded (`Packed`).
LARGE = 20_000


class Packed(Sequence[str]):
    """Strings kept as one (`SEPARATOR` between them), each sliced out when asked for: loading a
    list of 100,000 names costs no string object per name (~10 ms, ~6 MB) until a row is read."""

    __slots__ = ("starts", "text")

    def __init__(self, text: str, starts: array[int]) -> None:
        self.text, self.starts = text, starts  # string i is text[starts[i] : starts[i + 1] - 1]

    @classmethod
    def of(cls, strings: list[str]) -> Packed | None:
        """`strings` packed, or None if one of them holds the separator."""
        text = SEPARATOR.join(strings)
        if text.count(SEPARATOR) != max(len(strings) - 1, 0):
            return None
        ends = map(operator.add, map(len, strings), repeat(1))
        return cls(text, array("I", accumulate(ends, initial=0)))

    def __len__(self) -> int:
        return len(self.starts) - 1

    if TYPE_CHECKING:

        @overload
        def __getitem__(self, i: int) -> str: ...
        @overload
        def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.text[self.starts[i] : self.starts[i + 1] - 1]

    def __reduce__(self) -> tuple[type[Packed], tuple[str, array[int]]]:
        return Packed, (self.text, self.starts)


class Coded:
    """A column of few distinct values (categories, countries, dates): each row a small code."""

    __slots__ = ("codes", "values")

    def __init__(self, column: Sequence[str | None]) -> None:
        # The values in the order they first come, after None (code 0); coded in C.
        self.values: tuple[str | None, ...] = tuple(dict.fromkeys(chain((None,), column)))
        code = {v: i for i, v in enumerate(self.values)}
        self.codes = array("H", map(code.__getitem__, column))

    def __getitem__(self, row: int) -> str | None:
        return self.values[self.codes[row]]

    def rows_with(self, value: str | None) -> Iterator[int]:
        """The rows holding `value`, in order (lazily: a caller may want only the first few)."""
        if value not in self.values:
            return
        code = self.values.index(value)
        yield from (j for j, c in enumerate(self.codes) if c == code)

    def __getstate__(self) -> tuple[tuple[str | None, ...], array[int]]:
        return self.values, self.codes

    def __setstate__(self, state: tuple[tuple[str | None, ...], array[int]]) -> None:
        self.values, self.codes = state


def is_state(entry: Supporter) -> bool:
    """A country (a supporter state, or a state not in the list), never an everyday word."""
    return bool(entry.country) and (entry.category == "state" or not entry.supporter)


def listed_name(entry: Supporter, category: str, lang: str) -> str:
    """An entry's name in a listing of `category`: states by their French name in French."""
    return entry.fr if lang == "fr" and entry.fr and category == "state" else entry.name


class SupporterTable(Sequence[Supporter]):
    """Every supporter and notable non-supporter, in order: the hand-written entries (`entries`,
    first, so their names and codes are looked up first), then the rows only the official list
    knows, as columns (`columns`: the five of `bot.importer.Row`'s fields). Row `i` is a
    `Supporter`, built when asked for."""

    __slots__ = ("entries", "names", "category", "country", "nature", "signed", "as_of",
                 "sources", "_listings", "_by_name", "keys")  # fmt: skip

    def __init__(
        self,
        entries: Iterable[Supporter],
        columns: Sequence[list[str | None]] = (),
        as_of: str = "",
        sources: tuple[Source, ...] = (),
        keys: list[str] | None = None,
    ) -> None:
        """`keys`: the list rows' name keys (`bot.supporters.name_key`), when the caller has
        them (an import computes them to merge): the index then does not compute them again."""
        self.entries = tuple(entries)
        columns = columns or [[] for _ in range(5)]
        names: list[str] = columns[0]  # type: ignore[assignment]  # a name in every row
        self.names: Sequence[str] = names  # a list, or `Packed` once loaded
        self.category = Coded(columns[1])
        self.country = Coded(columns[2])
        self.nature = Coded(columns[3])
        self.signed = Coded(columns[4])
        self.as_of = as_of  # every list row's as-of date and source: those of the list
        self.sources = sources
        self.keys = keys  # not cached: only building the index needs them
        # (category, language) -> the category's supporters, sorted by the name a listing shows.
        self._listings: dict[tuple[str, str], array[int]] = {}
        curated = len(self.entries)
        # Every row, sorted by name, then row: finding rows by name is a binary search.
        every = [e.name for e in self.entries] + names
        by_name = sorted(range(len(every)), key=every.__getitem__)
        self._by_name = array("I", by_name)
        # The list rows in that order, then each category's (filtered in C).
        in_order = list(compress(by_name, map(operator.ge, by_name, repeat(curated))))
        offsets = map(operator.sub, in_order, repeat(curated))
        coded = list(map(self.category.codes.__getitem__, offsets))
        for category in CATEGORIES:
            members = [i for i, e in enumerate(self.entries)
                       if e.supporter and e.category == category]  # fmt: skip
            values = self.category.values
            code = values.index(category) if category in values else -1
            listed = list(compress(in_order, map(operator.eq, coded, repeat(code))))
            for lang in ("en", "fr"):
                # By the name a listing shows, then row (as sorting (name, row) pairs would).
                def shown(i: int, lang: str = lang, category: str = category) -> tuple[str, int]:
                    name = (
                        every[i] if i >= curated else listed_name(self.entries[i], category, lang)
                    )
                    return name, i

                out = listed.copy()
                for i in members:
                    insort(out, i, key=shown)
                self._listings[category, lang] = array("I", out)

    def __getstate__(self) -> tuple[str | list[str] | Packed, int, tuple[object, ...]]:
        # The names packed as one string, kept so once loaded if there are many; the keys are not
        # cached (only an import uses them).
        others = tuple(getattr(self, k) if k != "keys" else None
                       for k in self.__slots__ if k != "names")  # fmt: skip
        names = self.names
        if not isinstance(names, Packed):
            names = list(names)
            names = (Packed.of(names) if len(names) >= LARGE else None) or pack(names)
        return names, len(self.names), others

    def __setstate__(self, state: tuple[str | list[str] | Packed, int, tuple[object, ...]]) -> None:
        packed, size, others = state
        self.names = packed if isinstance(packed, Packed) else unpack(packed, size)
        for key, value in zip((k for k in self.__slots__ if k != "names"), others, strict=True):
            setattr(self, key, value)

    def __len__(self) -> int:
        return len(self.entries) + len(self.names)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SupporterTable):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list

    if TYPE_CHECKING:  # `typing.overload` at run time would import typing

        @overload
        def __getitem__(self, i: int) -> Supporter: ...
        @overload
        def __getitem__(self, i: slice) -> Sequence[Supporter]: ...

    def __getitem__(self, i: int | slice) -> Supporter | Sequence[Supporter]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        curated = len(self.entries)
        if i < 0:
            i += len(self)
        if i < curated:
            return self.entries[i]
        j = i - curated
        if not 0 <= j < len(self.names):
            raise IndexError(i)
        return Supporter(self.names[j], True, self.category[j], self.country[j],
                         nature=self.nature[j], signed=self.signed[j], sources=self.sources,
                         as_of=self.as_of, list_only=True)  # fmt: skip

    def __iter__(self) -> Iterator[Supporter]:
        yield from self.entries
        for i in range(len(self.entries), len(self)):
            yield self[i]

    def name(self, i: int) -> str:
        """Row `i`'s name, without building the row."""
        curated = len(self.entries)
        return self.entries[i].name if i < curated else self.names[i - curated]

    def supporters(self) -> int:
        """How many rows are supporters (the others are notable non-supporters)."""
        return sum(1 for e in self.entries if e.supporter) + len(self.names)

    def size(self, category: str) -> int:
        """How many supporters `category` has."""
        return len(self._listings[category, "en"])

    def listed(self, category: str, lang: str, limit: int) -> list[str]:
        """The first `limit` names of `category`'s supporters, in alphabetical order."""
        curated = len(self.entries)
        return [listed_name(self.entries[i], category, lang) if i < curated else
                self.names[i - curated] for i in self._listings[category, lang][:limit]]  # fmt: skip

    def members(self, category: str) -> Iterator[int]:
        """The rows of `category`'s supporters, in the table's order (lazily)."""
        yield from (i for i, e in enumerate(self.entries)
                    if e.supporter and e.category == category)  # fmt: skip
        curated = len(self.entries)
        yield from (curated + j for j in self.category.rows_with(category))

    def named(self, name: str) -> list[int]:
        """The rows called exactly `name`, in the table's order."""
        at = bisect_left(self._by_name, name, key=self.name)
        end = bisect_right(self._by_name, name, lo=at, key=self.name)
        return list(self._by_name[at:end])

    def by_country(self, category: str = "") -> dict[str, int]:
        """How many supporters each country has, the states themselves aside (or those of
        `category` only), most first."""
        from collections import Counter  # only this rare question needs it

        counts = Counter(e.country for e in self.entries if e.supporter and e.country
                         and e.category != "state" and (not category or e.category == category))  # fmt: skip
        categories, countries = self.category.values, self.country.values
        for (a, b), n in Counter(zip(self.category.codes, self.country.codes, strict=True)).items():
            country, kind = countries[b], categories[a]
            if country and kind != "state" and (not category or kind == category):
                counts[country] += n
        return dict(counts.most_common())

    def state(self, country: str) -> Supporter | None:
        """The entry of the state whose ISO code is `country`, in the list or not."""
        return next((e for e in map(self.__getitem__, self.from_country(country))
                     if is_state(e)), None)  # fmt: skip

    def from_country(self, country: str | None) -> Iterator[int]:
        """The rows of entries from `country` (an ISO code), in the table's order."""
        yield from (i for i, e in enumerate(self.entries) if e.country == country)
        curated = len(self.entries)
        yield from (curated + j for j in self.country.rows_with(country))
