"""The content as the core uses it: small frozen dataclasses, loaded fast from a validated cache.

Validation (PyYAML + pydantic, ~150 ms of imports) runs only when a content file changed; the
validated result is pickled in a cache folder keyed on the files' names, sizes and times, so a
normal start reads one pickle and imports neither YAML nor pydantic.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from bot.reply import Source

Text = dict[str, str]  # language code -> text; "en" is always present
CACHE_FORMAT = 3  # bump when the dataclasses below change shape

CATEGORIES = ("state", "public-authority", "civil-society", "private-sector")


def pick(text: Text, lang: str) -> str:
    """The text in `lang`, falling back to English."""
    return text.get(lang) or text.get("en", "")


@dataclass(frozen=True, slots=True)
class Principle:
    number: int
    title: Text
    text: Text
    call_text: Text
    explanation: Text
    keywords: tuple[str, ...]
    examples: tuple[str, ...]
    sources: tuple[Source, ...]
    as_of: str

    @property
    def id(self) -> str:
        return f"principle:{self.number}"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    text: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    title: Text
    body: Text
    timeline: tuple[TimelineEntry, ...]
    fields: tuple[tuple[Text, Text], ...]
    keywords: tuple[str, ...]
    examples: tuple[str, ...]
    suggestions: tuple[str, ...]
    sources: tuple[Source, ...]
    as_of: str


@dataclass(frozen=True, slots=True)
class Count:
    as_of: str
    states: int | None
    public_authorities: int | None
    civil_society: int | None
    private_sector: int | None
    total: int | None
    approximate: bool
    note: Text
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Supporter:
    """A known supporter (`supporter=True`) or a notable non-supporter (`supporter=False`)."""

    name: str
    supporter: bool
    category: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    fr: str | None = None
    nature: str | None = None
    first_listed: str | None = None
    signed: str | None = None
    note: Text = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    as_of: str = ""


@dataclass(frozen=True, slots=True)
class OfficialList:
    url: str
    csv_url: str
    as_of: str
    changed: str
    # Set when the list comes from `pariscall supporters import` rather than the bundled content.
    imported_from: str | None = None
    imported_on: str | None = None


@dataclass(frozen=True, slots=True)
class Content:
    principles: tuple[Principle, ...]
    topics: dict[str, Topic]
    counts: tuple[Count, ...]
    supporters: tuple[Supporter, ...]
    official_list: OfficialList
    directory: str


def content_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def _cache_key(directory: Path) -> str:
    digest = hashlib.sha256(f"{CACHE_FORMAT}:{directory.resolve()}".encode())
    for path in content_files(directory):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:24]


def load_content(directory: Path, cache_dir: Path | None = None) -> Content:
    """Load and validate `directory`, using `cache_dir` to skip validation when nothing changed.

    Raises `ContentError` listing every problem when the content is invalid.
    """
    cache_file = cache_dir / f"content-{_cache_key(directory)}.pickle" if cache_dir else None
    if cache_file is not None and cache_file.is_file():
        try:
            with cache_file.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, Content):
                return cached
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass  # a stale or damaged cache is simply rebuilt
    from bot.schema import build_content  # heavy imports only on a cache miss

    content = build_content(directory)
    if cache_file is not None:
        _write_atomically(cache_file, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
    return content


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs speed
