"""Validation of the YAML content: the schema (pydantic) and the checks across files.

Every problem is collected and reported at once as `ContentError`, each naming the file, the key
path, what was found and what was expected. Imported only when content changed (see content.py).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from bot.answers import list_source
from bot.content import (
    Content,
    Count,
    OfficialList,
    Principle,
    Supporter,
    Text,
    TimelineEntry,
    Topic,
    content_files,
)
from bot.errors import ContentError, Problem
from bot.importer import Row, category_counts, merge_list
from bot.reply import Source
from bot.roster import SupporterTable
from bot.supporters import name_key
from bot.text import fold


def _text(value: Any) -> Any:
    return {"en": value} if isinstance(value, str) else value


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)") from None
    return value


def _url(value: Any) -> Any:
    if isinstance(value, str) and not (
        value.startswith(("https://", "http://")) and "." in value and " " not in value
    ):
        raise ValueError(f"{value!r} is not a web address (expected https://...)")
    return value


IsoDate = Annotated[str, BeforeValidator(_date)]
Url = Annotated[str, BeforeValidator(_url)]
TextIn = Annotated[dict[Literal["en", "fr"], str], BeforeValidator(_text)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceIn(_Model):
    title: str = Field(min_length=1)
    url: Url
    as_of: IsoDate | None = None  # left out for a page that carries no date


Sources = Annotated[list[SourceIn], Field(min_length=1)]


class PrincipleIn(_Model):
    number: int
    title: TextIn
    text: TextIn
    call_text: TextIn
    explanation: TextIn
    keywords: list[str] = []
    examples: list[str] = []
    sources: Sources
    as_of: IsoDate


class TimelineIn(_Model):
    date: IsoDate
    text: TextIn
    sources: Sources


class FieldIn(_Model):
    name: TextIn
    value: TextIn


class TopicIn(_Model):
    id: str = Field(pattern=r"^(about|us-position|context|faq:[a-z0-9-]+)$")
    title: TextIn
    body: TextIn
    timeline: list[TimelineIn] = []
    fields: list[FieldIn] = []
    keywords: list[str] = []
    examples: list[str] = []
    suggestions: list[str] = []
    sources: Sources
    as_of: IsoDate


class CountIn(_Model):
    as_of: IsoDate
    states: int | None = None
    public_authorities: int | None = None
    civil_society: int | None = None
    private_sector: int | None = None
    total: int | None = None
    approximate: bool = False
    note: TextIn = {}
    sources: Sources


class EntryIn(_Model):
    name: str = Field(min_length=1)
    fr: str | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    aliases: list[str] = []
    first_listed: IsoDate | None = None
    signed: IsoDate | None = None
    note: TextIn = {}
    sources: list[SourceIn] = []


class GroupIn(_Model):
    category: Literal["state", "public-authority", "private-sector", "civil-society"]
    sources: Sources
    as_of: IsoDate
    entries: list[EntryIn]


class NonSupporterIn(EntryIn):
    sources: Sources
    as_of: IsoDate


class OfficialListIn(_Model):
    url: Url
    csv_url: Url
    as_of: IsoDate
    changed: IsoDate


class StateIn(_Model):
    """One of the world's states (content/states.yaml): names, codes and articles."""

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    en: str = Field(min_length=1)
    en_article: Literal["the", ""] = ""
    fr: str = Field(min_length=1)
    fr_article: Literal["le", "la", "l'", "les", ""] = ""
    fr_gender: Literal["m", "f", ""] = ""
    aliases: list[str] = []


class SnapshotEntryIn(_Model):
    """One row of the official list, as `pariscall supporters snapshot` writes it."""

    name: str = Field(min_length=1)
    category: Literal["state", "public-authority", "private-sector", "civil-society"] | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    nature: str | None = None
    signed: IsoDate | None = None


class SnapshotIn(_Model):
    """The bundled copy of the whole official list (content/official-list.yaml, generated)."""

    source: TextIn
    url: Url
    as_of: IsoDate
    changed: IsoDate
    entries: Annotated[list[SnapshotEntryIn], Field(min_length=1)]


class IntentIn(_Model):
    """Example questions for an answer that is not a topic (help, listings, out of scope)."""

    id: Literal["help", "principles", "supporters", "supporter", "unknown"]
    examples: list[str] = []


class FileIn(_Model):
    """One content file: any of these top-level keys, in any file."""

    principles: list[PrincipleIn] = []
    topics: list[TopicIn] = []
    official_list: OfficialListIn | None = None
    counts: list[CountIn] = []
    groups: list[GroupIn] = []
    non_supporters: list[NonSupporterIn] = []
    intents: list[IntentIn] = []
    synonyms: dict[str, list[str]] = {}
    snapshot: SnapshotIn | None = None
    states: list[StateIn] = []
    source: SourceIn | None = None  # where a reference file's data comes from (states.yaml)


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, but dates stay strings so a bad one is reported with its key path."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith(("function-", "literal[", "str", "int")):
            continue  # pydantic's internal validator steps, not keys the editor wrote
        else:
            out += f".{part}" if out else part
    return out


def _problems(file: str, error: ValidationError) -> list[Problem]:
    problems = []
    for item in error.errors():
        found = item.get("input")
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "missing":
            message = "missing (this field is required)"
        elif item["type"] == "extra_forbidden":
            message = "unknown field (check its spelling against content/README.md)"
        elif not isinstance(found, dict | list) and "is not" not in message:
            message = f"found {found!r}: {message}"
        problems.append(Problem(file, _loc(item["loc"]), message))
    return problems


def read_files(directory: Path) -> tuple[dict[str, FileIn], list[Problem]]:
    """Parse and type-check every YAML file; collect the problems instead of stopping."""
    parsed: dict[str, FileIn] = {}
    problems: list[Problem] = []
    files = content_files(directory)
    if not files:
        problems.append(
            Problem(str(directory), "", "no .yaml files found (is this the content folder?)")
        )
    for path in files:
        name = f"{directory.name}/{path.name}"
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            problems.append(Problem(name, where, f"not valid YAML: {reason}"))
            continue
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(name, "", f"cannot be read: {exc}"))
            continue
        if data is None:
            data = {}
        if not isinstance(data, dict):
            problems.append(Problem(name, "", "must be a mapping of keys (such as `principles:`)"))
            continue
        try:
            parsed[name] = FileIn.model_validate(data)
        except ValidationError as exc:
            problems.extend(_problems(name, exc))
    return parsed, problems


# One object per distinct source, however many entries cite it: the cached core pickles (and a
# start unpickles) each source once.
_SHARED: dict[Source, Source] = {}


def _sources(items: list[SourceIn]) -> tuple[Source, ...]:
    made = (Source(s.title, s.url, s.as_of) for s in items)
    return tuple(_SHARED.setdefault(source, source) for source in made)


def _t(text: dict[Any, str]) -> Text:
    # NFC: texts pasted from other sources may carry decomposed accents (same text, other bytes).
    return {str(k): unicodedata.normalize("NFC", v.strip()) for k, v in text.items() if v.strip()}


def build_content(directory: Path) -> Content:
    """Validate every file in `directory` and build the core's `Content`, or raise ContentError."""
    parsed, problems = read_files(directory)
    principles: dict[int, Principle] = {}
    topics: dict[str, Topic] = {}
    counts: list[Count] = []
    supporters: list[Supporter] = []
    states: list[StateIn] = []
    intents: dict[str, list[str]] = {}
    synonyms: dict[str, str] = {}  # folded word or phrase -> the word that stands for it
    official: OfficialList | None = None
    names: dict[str, str] = {}  # folded name/alias -> where it was first used

    def claim(entry: EntryIn, file: str, path: str) -> None:
        """Each name and alias may point to one entry only."""
        labels = [("name", entry.name)] + ([("fr", entry.fr)] if entry.fr else [])
        labels += [(f"aliases[{a}]", alias) for a, alias in enumerate(entry.aliases)]
        for key, alias in labels:
            folded = " ".join(alias.casefold().split())
            owner = names.setdefault(folded, entry.name)
            if owner != entry.name:
                problems.append(
                    Problem(file, f"{path}.{key}", f"{alias!r} is already used by {owner}")
                )

    for file, data in parsed.items():
        for i, p in enumerate(data.principles):
            path = f"principles[{i}]"
            for key in ("title", "text", "call_text", "explanation"):
                if not getattr(p, key).get("en", "").strip():
                    problems.append(
                        Problem(file, f"{path}.{key}.en", "missing (English is required)")
                    )
            if not 1 <= p.number <= 9:
                problems.append(
                    Problem(file, f"{path}.number", f"found {p.number}: must be 1 to 9")
                )
            elif p.number in principles:
                problems.append(
                    Problem(file, f"{path}.number", f"principle {p.number} appears twice")
                )
            principles[p.number] = Principle(
                p.number, _t(p.title), _t(p.text), _t(p.call_text), _t(p.explanation),
                tuple(k.casefold() for k in p.keywords), tuple(p.examples), _sources(p.sources),
                p.as_of,
            )  # fmt: skip
        for i, t in enumerate(data.topics):
            path = f"topics[{i}]"
            if t.id in topics:
                problems.append(Problem(file, f"{path}.id", f"{t.id!r} is used by another topic"))
            for key in ("title", "body"):
                if not getattr(t, key).get("en", "").strip():
                    problems.append(
                        Problem(file, f"{path}.{key}.en", "missing (English is required)")
                    )
            topics[t.id] = Topic(
                t.id, _t(t.title), _t(t.body),
                tuple(TimelineEntry(e.date, _t(e.text), _sources(e.sources)) for e in t.timeline),
                tuple((_t(f.name), _t(f.value)) for f in t.fields),
                tuple(k.casefold() for k in t.keywords), tuple(t.examples), tuple(t.suggestions),
                _sources(t.sources), t.as_of,
            )  # fmt: skip
        if data.official_list is not None:
            o = data.official_list
            official = OfficialList(o.url, o.csv_url, o.as_of, o.changed)
        for c in data.counts:
            counts.append(
                Count(c.as_of, c.states, c.public_authorities, c.civil_society, c.private_sector,
                      c.total, c.approximate, _t(c.note), _sources(c.sources))
            )  # fmt: skip
        for g, group in enumerate(data.groups):
            for i, e in enumerate(group.entries):
                path = f"groups[{g}].entries[{i}]"
                supporters.append(_supporter(e, True, group.category, group.sources, group.as_of))
                claim(e, file, path)
        states += data.states
        for intent in data.intents:
            intents.setdefault(intent.id, []).extend(intent.examples)
        for head, same in data.synonyms.items():
            for word in same:
                synonyms[" ".join(fold(word).split())] = fold(head)
        for i, e in enumerate(data.non_supporters):
            path = f"non_supporters[{i}]"
            supporters.append(_supporter(e, False, None, [], e.as_of))
            claim(e, file, path)

    complete = parsed and not problems  # a file that failed to parse would make these cascade
    missing = sorted(set(range(1, 10)) - set(principles))
    if complete and missing:
        problems.append(
            Problem("principles", "", f"principles {missing} are missing (need 1 to 9)")
        )
    if complete and official is None:
        problems.append(Problem("supporters", "official_list", "missing (the official list's URL)"))
    for required in ("about", "us-position"):
        if complete and required not in topics:
            problems.append(Problem("topics", "", f"no topic with id {required!r}"))
    snapshot = next(((f, d.snapshot) for f, d in parsed.items() if d.snapshot), None)
    if complete and official is not None and snapshot is not None:
        official = official.replace(source=_t(snapshot[1].source), source_url=snapshot[1].url)
        problems += _check_snapshot(parsed, snapshot, supporters, counts, official)
    if problems:
        raise ContentError(problems, str(directory))
    assert official is not None
    table = SupporterTable(with_states(supporters, states, official))
    if snapshot is not None:  # every official entry, merged with the hand-written ones
        table = merge_list(table, _rows(snapshot[1]), official.as_of,
                           list_source(official, "en")).supporters  # fmt: skip
    return Content(
        principles=tuple(principles[n] for n in sorted(principles)),
        topics=topics,
        counts=tuple(sorted(counts, key=lambda c: c.as_of)),
        supporters=table,
        official_list=official,
        directory=str(directory),
        intents={k: tuple(v) for k, v in intents.items()},
        synonyms=synonyms,
    )


def _rows(snapshot: SnapshotIn) -> list[Row]:
    return [Row(unicodedata.normalize("NFC", e.name.strip()), e.category, e.country, e.nature,
                e.signed) for e in snapshot.entries]  # fmt: skip


def _check_snapshot(
    parsed: dict[str, FileIn],
    snapshot: tuple[str, SnapshotIn],
    supporters: list[Supporter],
    counts: list[Count],
    official: OfficialList,
) -> list[Problem]:
    """The snapshot and the hand-written content must agree: dates, counts and every entry."""
    file, snap = snapshot
    problems = []
    for key in ("as_of", "changed"):
        if getattr(snap, key) != getattr(official, key):
            problems.append(Problem(file, f"snapshot.{key}", f"{getattr(snap, key)} differs from "
                                    f"official_list.{key} ({getattr(official, key)}); they must "
                                    "agree"))  # fmt: skip
    rows = _rows(snap)
    if len({name_key(r.name) for r in rows}) < len(rows):
        problems.append(Problem(file, "snapshot.entries", "a name appears twice"))
    tally = category_counts(rows)
    wanted = (tally["state"], tally["public-authority"], tally["civil-society"],
              tally["private-sector"], tally["total"])  # fmt: skip
    exact = [c for c in counts if c.as_of == snap.as_of and not c.approximate]
    found = [(c.states, c.public_authorities, c.civil_society, c.private_sector, c.total)
             for c in exact]  # fmt: skip
    if wanted not in found:
        problems.append(Problem(file, "snapshot.entries", "no count in `counts` dated "
                                f"{snap.as_of} gives the snapshot's figures (states, public "
                                f"authorities, civil society, private sector, total: "
                                f"{', '.join(map(str, wanted))})"))  # fmt: skip
    where: dict[str, tuple[str, str]] = {}  # entry name -> its file and key path
    for name, data in parsed.items():
        for g, group in enumerate(data.groups):
            for i, e in enumerate(group.entries):
                where.setdefault(e.name.strip(), (name, f"groups[{g}].entries[{i}]"))
        for i, e in enumerate(data.non_supporters):
            where.setdefault(e.name.strip(), (name, f"non_supporters[{i}]"))
    merged = merge_list(supporters, rows, snap.as_of, list_source(official, "en"))
    for entry in merged.unlisted:
        problems.append(Problem(*where[entry.name], f"{entry.name!r} is not in the official list "
                                f"snapshot ({file}); check its name, or add the list's name as an "
                                "alias"))  # fmt: skip
    for entry in merged.newly_listed:
        problems.append(Problem(*where[entry.name], f"{entry.name!r} is a non-supporter, but the "
                                f"official list snapshot ({file}) has it"))  # fmt: skip
    for entry, what in merged.disagree:
        problems.append(Problem(*where[entry.name], f"{entry.name!r}: {what} ({file})"))
    return problems


def _supporter(
    e: EntryIn, is_supporter: bool, category: str | None, group_sources: list[SourceIn], as_of: str
) -> Supporter:
    return Supporter(
        name=e.name.strip(),
        supporter=is_supporter,
        category=category,
        country=e.country,
        aliases=tuple(e.aliases),
        fr=e.fr,
        first_listed=e.first_listed,
        signed=e.signed,
        note=_t(e.note),
        sources=_sources(e.sources + group_sources),
        as_of=as_of,
    )


def with_states(
    supporters: list[Supporter], states: list[StateIn], official: OfficialList
) -> list[Supporter]:
    """Supporters plus every other state of the world, as a "no" that the official list backs.

    A state already in `supporters` (by ISO code) gains the state's names, aliases and articles;
    the others become non-supporters (not in the official list, as of its date).
    """
    # States only (supporters or not): an organisation's country code is not its name.
    by_code = {s.country: i for i, s in enumerate(supporters)
               if s.country and (s.category == "state" or not s.supporter)}  # fmt: skip
    out = list(supporters)
    listed = list_source(official, "en")  # the list the answer comes from, cited once
    for st in states:
        grammar = (st.en_article, st.fr_article, st.fr_gender)
        names = [st.en, st.fr, *st.aliases]
        i = by_code.get(st.iso3)
        if i is None:
            out.append(Supporter(st.en, False, None, st.iso3, tuple(names[2:]), st.fr,
                                 sources=(listed,), as_of=official.as_of,
                                 grammar=grammar))  # fmt: skip
            continue
        entry = out[i]
        known = {fold(n) for n in (entry.name, entry.fr or "", *entry.aliases)}
        extra = tuple(n for n in dict.fromkeys(names) if fold(n) not in known)
        out[i] = entry.replace(aliases=entry.aliases + extra, fr=entry.fr or st.fr, grammar=grammar)
    return out
