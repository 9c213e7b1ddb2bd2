"""The content as the core uses it: light records (`bot.records`), and the cache that loads them fast.

Validation (PyYAML + pydantic, ~150 ms of imports) runs only when a content file changed; the
loaded core is pickled in a cache folder keyed on the files' names, sizes and times, so a normal
start reads one pickle and imports neither YAML nor pydantic (see `bot.core.load_core`).
"""

from __future__ import annotations

import gc
import os
import pickle
import zlib
from pathlib import Path

from bot.records import Record
from bot.reply import Source

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from bot.roster import SupporterTable

Text = dict[str, str]  # language code -> text; "en" is always present

CATEGORIES = ("state", "public-authority", "civil-society", "private-sector")


def pick(text: Text, lang: str) -> str:
    """The text in `lang`, falling back to English."""
    return text.get(lang) or text.get("en", "")


class Principle(Record):
    __slots__ = ("number", "title", "text", "call_text", "explanation", "keywords", "examples",
                 "sources", "as_of")  # fmt: skip

    def __init__(
        self, number: int, title: Text, text: Text, call_text: Text, explanation: Text,
        keywords: tuple[str, ...], examples: tuple[str, ...], sources: tuple[Source, ...],
        as_of: str,
    ) -> None:  # fmt: skip
        self.number = number
        self.title = title
        self.text = text
        self.call_text = call_text
        self.explanation = explanation
        self.keywords = keywords
        self.examples = examples
        self.sources = sources
        self.as_of = as_of

    @property
    def id(self) -> str:
        return f"principle:{self.number}"


class TimelineEntry(Record):
    __slots__ = ("date", "text", "sources")

    def __init__(self, date: str, text: Text, sources: tuple[Source, ...]) -> None:
        self.date = date
        self.text = text
        self.sources = sources


class Topic(Record):
    __slots__ = ("id", "title", "body", "timeline", "fields", "keywords", "examples",
                 "suggestions", "sources", "as_of")  # fmt: skip

    def __init__(
        self, id: str, title: Text, body: Text, timeline: tuple[TimelineEntry, ...],
        fields: tuple[tuple[Text, Text], ...], keywords: tuple[str, ...],
        examples: tuple[str, ...], suggestions: tuple[str, ...], sources: tuple[Source, ...],
        as_of: str,
    ) -> None:  # fmt: skip
        self.id = id
        self.title = title
        self.body = body
        self.timeline = timeline
        self.fields = fields
        self.keywords = keywords
        self.examples = examples
        self.suggestions = suggestions
        self.sources = sources
        self.as_of = as_of


class Count(Record):
    __slots__ = ("as_of", "states", "public_authorities", "civil_society", "private_sector",
                 "total", "approximate", "note", "sources")  # fmt: skip

    def __init__(
        self, as_of: str, states: int | None, public_authorities: int | None,
        civil_society: int | None, private_sector: int | None, total: int | None,
        approximate: bool, note: Text, sources: tuple[Source, ...],
    ) -> None:  # fmt: skip
        self.as_of = as_of
        self.states = states
        self.public_authorities = public_authorities
        self.civil_society = civil_society
        self.private_sector = private_sector
        self.total = total
        self.approximate = approximate
        self.note = note
        self.sources = sources


class Supporter(Record):
    """A known supporter (`supporter=True`) or a notable non-supporter (`supporter=False`): a
    hand-written entry, or a row of the official list as `bot.roster.SupporterTable` gives it."""

    __slots__ = ("name", "supporter", "category", "country", "aliases", "fr", "nature",
                 "first_listed", "signed", "note", "sources", "as_of", "list_only", "grammar")  # fmt: skip

    def __init__(
        self, name: str, supporter: bool, category: str | None, country: str | None,
        aliases: tuple[str, ...] = (), fr: str | None = None, nature: str | None = None,
        first_listed: str | None = None, signed: str | None = None, note: Text | None = None,
        sources: tuple[Source, ...] = (), as_of: str = "", list_only: bool = False,
        grammar: tuple[str, str, str] = ("", "", ""),
    ) -> None:  # fmt: skip
        self.name = name
        self.supporter = supporter
        self.category = category
        self.country = country
        self.aliases = aliases
        self.fr = fr
        self.nature = nature
        self.first_listed = first_listed
        self.signed = signed
        self.note: Text = {} if note is None else note
        self.sources = sources
        self.as_of = as_of
        # Known only from the official list (no hand-written entry): rebuilt by each merge of a
        # list.
        self.list_only = list_only
        # How to write the name in a sentence: (English article, French article, French gender),
        # e.g. ("the", "les", "m") for the United States; "" where none is used.
        self.grammar = grammar


class OfficialList(Record):
    """Where the official list is, and the copy of it the bot answers from: its date and source."""

    __slots__ = ("url", "csv_url", "as_of", "changed", "source", "source_url", "imported")

    def __init__(
        self, url: str, csv_url: str, as_of: str, changed: str, source: Text | None = None,
        source_url: str = "", imported: bool = False,
    ) -> None:  # fmt: skip
        self.url = url
        self.csv_url = csv_url
        self.as_of = as_of  # the date of the list the bot answers from
        self.changed = changed  # when the list itself last changed (as far as the content knows)
        # What that list is, as answers cite it ("the official export (supporters.csv) of 25 Dec
        # 2025", "... (imported from a file)"; never a local path), and its address; {} when only
        # the content's own entries are known.
        self.source: Text = {} if source is None else source
        self.source_url = source_url
        self.imported = (
            imported  # True when `pariscall supporters import` replaced the bundled list
        )


class Content(Record):
    __slots__ = ("principles", "topics", "counts", "supporters", "official_list", "directory",
                 "intents", "synonyms")  # fmt: skip

    def __init__(
        self, principles: tuple[Principle, ...], topics: dict[str, Topic],
        counts: tuple[Count, ...], supporters: SupporterTable, official_list: OfficialList,
        directory: str, intents: dict[str, tuple[str, ...]] | None = None,
        synonyms: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.principles = principles
        self.topics = topics
        self.counts = counts
        self.supporters = (
            supporters  # the hand-written entries, then the official list's other rows
        )
        self.official_list = official_list
        self.directory = directory
        # Example questions of the answers that are not topics (help, listings, out of scope).
        self.intents: dict[str, tuple[str, ...]] = {} if intents is None else intents
        # Words that mean the same to the understanding model ("joined" -> "sign").
        self.synonyms: dict[str, str] = {} if synonyms is None else synonyms


def content_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def cache_key(*paths: Path) -> str:
    """A key that changes when any content file (or other input file) changes."""
    # The core's own code is part of the key: a cached object must match the classes loading it.
    parts = []
    for code in sorted(Path(__file__).parent.glob("*.py")):
        stat = code.stat()
        parts.append(f"{code.name}:{stat.st_size}:{stat.st_mtime_ns}")
    for path in paths:
        files = content_files(path) if path.is_dir() else [path] if path.is_file() else []
        parts.append(str(path.resolve()))
        for file in files:
            stat = file.stat()
            parts.append(f"{file.name}:{stat.st_size}:{stat.st_mtime_ns}")
    text = "|".join(parts).encode()
    return f"{zlib.crc32(text):08x}{zlib.adler32(text):08x}"


def read_cache(path: Path) -> object | None:
    """The object pickled at `path`, or None when missing or unreadable (it is then rebuilt)."""
    # Unpickling makes tens of thousands of objects that all live on: the cyclic collector's
    # passes over them would free nothing (they cost a cold start ~8 ms).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            value: object = pickle.load(handle)
        return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
        return None
    finally:
        if collecting:
            gc.enable()


def write_cache(path: Path, value: object) -> None:
    """Pickle `value` to `path` atomically; a read-only cache folder only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        # Only the current file of a location is kept ("core-LOCATION-VERSION.pickle"): older
        # versions are never read again.
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
