"""The official supporters export (supporters.csv): reading it, merging it, and snapshotting it.

`parse_export()` reads the site's CSV and normalises its quirks. `merge_list()` is the one place
where an official list meets the hand-written entries (aliases, French names, notes): the bundled
snapshot (content/official-list.yaml, written by `write_snapshot()`) is merged at validation time,
and an operator's `pariscall supporters import` (stored by `import_supporters()`) at load time by
`apply_imported()`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import operator
import os
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, filterfalse
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import NamedTuple

from bot.answers import list_source
from bot.content import CATEGORIES, Content, Count, OfficialList, Supporter, Text
from bot.errors import SupportersImportError
from bot.messages import human_date, say
from bot.reply import Source
from bot.roster import SupporterTable, pack, unpack
from bot.supporters import _NOISE, _PUNCT, name_key  # (`name_keys` is `name_key` by column)

log = logging.getLogger(__name__)
DATA_FILE = "supporters.json"
FORMAT = 4  # 4: each column one string; 3: the rows as columns; 2: a list per row; 1: with the
# source path
COLUMNS = ("name", "category", "nationality", "nature", "website", "twitter", "date_signed")
# The export's non-ISO country codes, mapped to ISO 3166 alpha-3.
COUNTRY_FIXES = {"ROM": "ROU", "MTG": "MNE", "SCG": "SRB"}
MAX_BYTES = 20_000_000
SNAPSHOT_FILE = "official-list.yaml"
OFFICIAL_CSV_URL = "https://pariscall.international/supporters.csv"


class Row(NamedTuple):
    """One supporter of the official list, as the export gives it (after the importer's fixes)."""

    name: str
    category: str | None
    country: str | None
    nature: str | None
    signed: str | None


# A `Row` made from a tuple of its five values in C (`Row(...)` runs Python code per row).
_make_row = partial(tuple.__new__, Row)


@dataclass(frozen=True)
class Columns:
    """A list's rows as columns, with each name's key (`name_key`). An import works on them
    column by column, each step in C: a Python step per row of 100,000 costs more than the rest
    of an import."""

    values: list[list[str | None]]  # five columns: `Row`'s fields, in its order
    keys: list[str]

    @classmethod
    def of(cls, rows: Iterable[Row]) -> Columns:
        rows = list(rows)
        return cls([list(map(itemgetter(i), rows)) for i in range(len(Row._fields))],
                   name_keys([row.name for row in rows]))  # fmt: skip

    def __len__(self) -> int:
        return len(self.keys)

    @property
    def names(self) -> list[str]:
        return self.values[0]  # type: ignore[return-value]  # every row has a name

    @property
    def categories(self) -> list[str | None]:
        return self.values[1]

    def rows(self) -> list[Row]:
        return list(map(_make_row, zip(*self.values, strict=True)))

    def where(self, keep: Iterable[object]) -> Columns:
        """The rows whose `keep` is true."""
        keep = list(keep)
        return Columns([list(compress(c, keep)) for c in self.values],
                       list(compress(self.keys, keep)))  # fmt: skip


# What `_PUNCT` replaces with a space, among ASCII characters: for `str.translate`.
_ASCII_PUNCT = {i: " " for i in range(128) if _PUNCT.match(chr(i))}


def name_keys(names: list[str]) -> list[str]:
    """`name_key` of every name (the same keys), worked out on the whole column at once."""
    text = "\n".join(names)
    if not names or text.count("\n") != len(names) - 1:  # a name with a line break in it
        return list(map(name_key, names))
    # Each line break becomes a word "|" (no punctuation is left by then): a name's key is the
    # words between two of them, noise words dropped.
    words = text.lower().replace("&", " and ").translate(_ASCII_PUNCT).replace("\n", " | ")
    kept = " ".join(filterfalse(_NOISE.__contains__, words.split()))
    keys = kept.replace(" |", "|").replace("| ", "|").split("|")
    # The few keys this does not give: those ending in "and" (dropped there), and names that
    # are not ASCII (folded, and `_PUNCT` reads more than ASCII punctuation in them).
    for j in compress(range(len(keys)), map(methodcaller("endswith", "and"), keys)):
        keys[j] = name_key(names[j])
    if not text.isascii():
        for j in compress(range(len(keys)), map(operator.not_, map(str.isascii, names))):
            keys[j] = name_key(names[j])
    return keys


@dataclass
class ImportReport:
    """What an import read and skipped, and the as-of date it gave the list, for the operator."""

    source: str
    rows: int = 0
    kept: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    as_of: str = ""
    as_of_reason: str = ""

    def lines(self) -> list[str]:
        cats = ", ".join(f"{self.counts[c]} {c}" for c in CATEGORIES)
        out = [f"Read {self.rows} rows from {self.source}: {cats}; "
               f"{self.counts['uncategorised']} without a category."]  # fmt: skip
        out += [f"  skipped: {s}" for s in self.skipped]
        out += [f"  note: {n}" for n in self.notes]
        if self.as_of:
            out.append(f"List as of {self.as_of} ({self.as_of_reason}).")
        return out


def is_url(source: str) -> bool:
    return source.startswith(("https://", "http://"))


def _read_bytes(source: str) -> bytes:
    if is_url(source):
        from urllib.request import Request, urlopen

        try:
            request = Request(source, headers={"User-Agent": "pariscall-importer"})
            with urlopen(request, timeout=30) as response:  # noqa: S310 (http/https only)
                data: bytes = response.read(MAX_BYTES + 1)
        except OSError as exc:
            raise SupportersImportError(source, f"could not download it ({exc})") from None
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise SupportersImportError(source, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise SupportersImportError(source, "is larger than 20 MB; is it the supporters export?")
    return data


def read_export(source: str) -> tuple[list[Row], ImportReport]:
    """Download or read `source` and parse it; raises `SupportersImportError` when unusable."""
    table, report = _read_columns(source)
    return table.rows(), report


def _read_columns(source: str) -> tuple[Columns, ImportReport]:
    try:
        text = _read_bytes(source).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SupportersImportError(source, "is not UTF-8 text; is it the CSV export?") from None
    return _parse_columns(text, source)


def parse_export(text: str, source: str) -> tuple[list[Row], ImportReport]:
    """The export's rows, with a report; raises when unusable."""
    table, report = _parse_columns(text, source)
    return table.rows(), report


def _parse_columns(text: str, source: str) -> tuple[Columns, ImportReport]:
    report = ImportReport(source)
    reader = csv.reader(io.StringIO(text))
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        raise SupportersImportError(source, f"is not valid CSV ({exc})") from None
    missing = [c for c in ("name", "category", "nationality") if c not in header]
    if missing:
        raise SupportersImportError(
            source, f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"
        )
    # Each column's position (the last one of a repeated name). Rows are read column by column,
    # each step in C (`map`): a Python loop over 100,000 rows costs more than the rest of an import.
    at = {h: i for i, h in enumerate(header)}
    try:
        lines = list(filter(None, reader))
    except csv.Error as exc:
        raise SupportersImportError(source, f"is not valid CSV ({exc})") from None
    shortest = min(map(len, lines), default=0)

    def column(name: str) -> list[str]:
        i = at.get(name)
        if i is None:  # an absent optional column reads ""
            return [""] * len(lines)
        if i < shortest:
            return list(map(itemgetter(i), lines))
        return [raw[i] if i < len(raw) else "" for raw in lines]  # short rows are padded

    nfc = partial(unicodedata.normalize, "NFC")
    names: list[str] = list(map(nfc, map(str.strip, column("name"))))
    categories = list(map(str.strip, column("category")))
    keys = name_keys(names)
    if all(names) and set(categories) <= {"", *CATEGORIES} and not _repeats(names, keys):
        kept: list[int] | None = None  # every row (the usual case)
        report.counts.update(categories)
    else:
        kept = _kept_rows(names, categories, list(map(_same, names)), report)
    if "" in report.counts:
        report.counts["uncategorised"] += report.counts.pop("")
    report.rows = len(lines)
    # A column has few distinct values (but the names): each is read once.
    countries = _each_once(column("nationality"),
                           lambda v: COUNTRY_FIXES.get(v.strip().upper()) or v.strip().upper()
                           or None)  # fmt: skip
    natures = _each_once(column("nature"), lambda v: v.strip() or None)
    signed = _each_once(column("date_signed"), lambda v: _iso_date(v.strip()))
    columns: list[list[str | None]] = [names, _each_once(categories, lambda v: v or None),  # type: ignore[list-item]
                                       countries, natures, signed]  # fmt: skip
    if kept is not None:
        columns = [list(map(c.__getitem__, kept)) for c in columns]
        keys = list(map(keys.__getitem__, kept))
    table = Columns(columns, keys)
    if not table:
        raise SupportersImportError(source, "has no supporter rows; the current list was kept")
    report.kept = len(table)
    return table, report


def _same(name: str) -> str:
    """A name as `_kept_rows` compares it. Repeats are the same name written again (spacing,
    case), never two similar names: two organisations must not become one because a matcher
    finds them alike."""
    return " ".join(name.casefold().split())


def _repeats(names: list[str], keys: list[str]) -> bool:
    """Whether a name repeats an earlier one (`_same`). Two names the same that way have the same
    `name_key` (a coarser form): only names that share a key are compared (usually none)."""
    if len(set(keys)) == len(keys):
        return False
    shared = {k for k, n in Counter(keys).items() if n > 1}
    same = list(map(_same, compress(names, map(shared.__contains__, keys))))
    return len(set(same)) != len(same)


def _kept_rows(
    names: list[str], categories: list[str], same: list[str], report: ImportReport
) -> list[int]:
    """The rows to keep when some have no name, an unknown category or repeat an earlier name;
    the report says which (by line: a row's line, counting from the header's 1)."""
    kept: list[int] = []
    seen: dict[str, str] = {}
    for j, (name, category, key) in enumerate(zip(names, categories, same, strict=True)):
        number = j + 2
        if not name:
            report.skipped.append(f"line {number}: no name")
            continue
        if category and category not in CATEGORIES:
            report.skipped.append(f"line {number}: {name!r} has unknown category {category!r}")
            continue
        report.counts[category] += 1
        if key in seen:
            report.notes.append(f"line {number}: {name!r} repeats {seen[key]!r}; kept once")
            continue
        seen[key] = name
        kept.append(j)
    return kept


def _each_once(column: list[str], read: Callable[[str], str | None]) -> list[str | None]:
    """`read` of every value of `column`, called once per distinct value."""
    values = {v: read(v) for v in dict.fromkeys(column)}
    return list(map(values.__getitem__, column))


def _iso_date(text: str) -> str | None:
    try:
        return dt.date.fromisoformat(text[:10]).isoformat() if text else None
    except ValueError:
        return None


# -- merging a list with the hand-written entries -------------------------------------------------


@dataclass
class Merged:
    """The merged supporters, and what the merge found for an editor or operator to check."""

    supporters: SupporterTable
    folded: list[tuple[str, str]] = field(default_factory=list)  # (row name, entry it joined)
    unlisted: list[Supporter] = field(default_factory=list)  # entries the list does not have
    newly_listed: list[Supporter] = field(default_factory=list)  # non-supporters it now has
    disagree: list[tuple[Supporter, str]] = field(default_factory=list)  # entry, what differs


def merge_list(
    entries: Iterable[Supporter], rows: Iterable[Row] | Columns, as_of: str, source: Source
) -> Merged:
    """Every row of an official list as a supporter, keeping the hand-written entries' extras.

    A row joins the hand-written entry it names (by name, French name or alias): the entry keeps
    its names, aliases, note and sources, and takes the list's category, nature and signing date
    (the list is the authority for those; the entry's country stays, as it corrects the list's
    few wrong codes). Rows no entry names become list-only entries. Entries the list does not have
    are dropped, except notable non-supporters. Entries from an earlier merge that the list made
    (`list_only`) are rebuilt from `rows`, so merging an import over the bundled snapshot is exact.
    """
    # A table's list rows are all list-only: its hand-written entries are enough.
    given = entries.entries if isinstance(entries, SupporterTable) else entries
    curated = [e for e in given if not e.list_only]
    index: dict[str, int] = {}
    for i, entry in enumerate(curated):
        for alias in (entry.name, entry.fr, *entry.aliases):
            if alias:
                index.setdefault(name_key(alias), i)
    merged = Merged(SupporterTable(()))
    listed: dict[int, Supporter] = {}
    table = rows if isinstance(rows, Columns) else Columns.of(rows)
    # The few rows that name an entry, found in C; the others are list-only rows, kept as
    # columns, each a supporter from the list.
    naming = list(map(index.__contains__, table.keys))
    extra = table.where(map(operator.not_, naming))
    named = table.where(naming)
    for row, key in zip(named.rows(), named.keys, strict=True):
        at = index[key]
        known = curated[at]
        if at in listed:  # the list names this entry twice ("NDI", "National Democratic Institute")
            first = listed[at]
            listed[at] = first.replace(nature=first.nature or row.nature,
                                       signed=first.signed or row.signed)  # fmt: skip
            merged.folded.append((row.name, known.name))
            continue
        if not known.supporter:
            merged.newly_listed.append(known)
        elif known.category and row.category and known.category != row.category:
            merged.disagree.append((known, f"the list has it as {row.category}"))
        if known.signed and known.signed != row.signed:
            found = f"gives {row.signed}" if row.signed else "gives no signing date"
            merged.disagree.append((known, f"signed: {known.signed}, but the list {found}"))
        listed[at] = known.replace(supporter=True, category=row.category or known.category,
                                   country=known.country or row.country, nature=row.nature,
                                   signed=row.signed, as_of=as_of)  # fmt: skip
    out: list[Supporter] = []
    for i, entry in enumerate(curated):
        if i in listed:
            out.append(listed[i])
        elif entry.supporter:
            merged.unlisted.append(entry)
        else:
            out.append(entry.replace(as_of=as_of))  # "not in the list", as of the list's date
    # Hand-written entries first: their names and codes ("IND", "RWA") are looked up first.
    merged.supporters = SupporterTable(out, extra.values, as_of, (source,), extra.keys)
    return merged


def category_counts(rows: Iterable[Row] | Columns) -> dict[str, int]:
    counts = Counter(rows.categories if isinstance(rows, Columns) else map(itemgetter(1), rows))
    counts["uncategorised"] += counts.pop(None, 0) + counts.pop("", 0)
    out = {c: counts[c] for c in (*CATEGORIES, "uncategorised")}
    out["total"] = sum(out.values())
    return out


def with_list(
    content: Content, rows: list[Row] | Columns, official: OfficialList
) -> tuple[Content, Merged]:
    """`content` answering from the list `rows`, whose source and date `official` gives."""
    merged = merge_list(content.supporters, rows, official.as_of, list_source(official, "en"))
    counts = category_counts(rows)
    count = Count(official.as_of, counts["state"], counts["public-authority"],
                  counts["civil-society"], counts["private-sector"], counts["total"], False, {},
                  (list_source(official, "en"),))  # fmt: skip
    # The list's own count replaces any other figure for its date; it stays the latest one.
    history = tuple(c for c in content.counts if c.as_of != official.as_of)
    return content.replace(supporters=merged.supporters, counts=history + (count,),
                           official_list=official), merged  # fmt: skip


# -- `pariscall supporters import` -----------------------------------------------------------------


def import_supporters(
    source: str, data_dir: Path, today: dt.date | None = None, as_of: dt.date | None = None
) -> ImportReport:
    """Read `source` (a file or URL), validate it, and store it in `data_dir` atomically.

    The list's as-of date is `as_of`, else for a URL the day it was downloaded, else the file's
    modification date; the report says which.
    """
    table, report = _read_columns(source)
    today = today or dt.date.today()
    if as_of is not None:
        date, reason = as_of, "given with --as-of"
    elif is_url(source):
        date, reason = today, "the day it was downloaded; set another with --as-of DATE"
    else:
        date = dt.date.fromtimestamp(Path(source).stat().st_mtime)
        reason = "the file's modification date; set another with --as-of DATE"
    report.as_of, report.as_of_reason = date.isoformat(), reason
    # A local path is the operator's business: answers cite "a file", never where it was.
    origin = source if is_url(source) else "file"
    payload = {"format": FORMAT, "origin": origin,
               "as_of": report.as_of, "imported_on": today.isoformat(),
               "counts": category_counts(table),
               "rows": len(table), "columns": {f: pack(_texts(c)) for f, c
                                               in zip(Row._fields, table.values, strict=True)}}  # fmt: skip
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_dir / f".{DATA_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, data_dir / DATA_FILE)
        stat = (data_dir / DATA_FILE).stat()
    except OSError as exc:
        raise SupportersImportError(
            str(data_dir), f"cannot write the data folder ({exc})"
        ) from None
    # The command goes on to prepare the core from this file: it need not read it back.
    _stored.clear()
    _stored[data_dir / DATA_FILE] = ((stat.st_size, stat.st_mtime_ns), origin, report.as_of, table)
    return report


# The list this process stored last, by its file, with the file's size and time then: (size and
# time, origin, as-of date, rows).
_stored: dict[Path, tuple[tuple[int, int], str, str, Columns]] = {}


def _read_stored(path: Path) -> tuple[str, str, Columns]:
    """The origin, as-of date and rows of the list stored at `path` (raises when unusable)."""
    stored = _stored.get(path)
    if stored is not None:
        stat = path.stat()
        if stored[0] == (stat.st_size, stat.st_mtime_ns):  # the file this process wrote
            return stored[1], stored[2], stored[3]
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") == 1:  # before 0.x: the source was stored as given, path or URL
        origin = str(data["source"])
        data.update(origin=origin if is_url(origin) else "file", as_of=data["imported_on"])
    elif data.get("format") not in (2, 3, FORMAT):
        raise ValueError(f"format {data.get('format')!r}")
    if data.get("format") == FORMAT:
        rows = _rows(data["columns"], int(data["rows"]))
    elif data.get("format") == 3:
        rows = _rows(data["columns"])
    else:  # formats 1 and 2: a list per row
        rows = Columns.of(_row(r) for r in data["supporters"])
    return str(data["origin"]), dt.date.fromisoformat(data["as_of"]).isoformat(), rows


def imported_source(origin: str) -> Text:
    """How answers name an imported list: its URL, or "the official export (imported from a file)"."""
    if is_url(origin):
        return {lang: say("list_from_url", lang, url=origin) for lang in ("en", "fr")}
    return {lang: say("list_from_file", lang) for lang in ("en", "fr")}


def _row(values: list[object]) -> Row:
    name, category, country, nature, signed = (str(v) if v else None for v in values)
    if not name:
        raise ValueError("a row has no name")
    return Row(name, category, country, nature, signed)


def _rows(columns: dict[str, list[object]], size: int | None = None) -> Columns:
    """The rows stored as columns, checked: every value a string or null, every row a name.
    Format 4 stores each column as one string (`bot.roster.pack`, "" for null) unless a value
    holds the separator; format 3 as a list."""
    values = [columns[f] for f in Row._fields]
    if size is not None:
        if not all(isinstance(c, (str, list)) for c in values):
            raise ValueError("a column is neither a string nor a list")
        values = [_nulls(unpack(c, size)) for c in values]  # type: ignore[arg-type,misc]
    if len({len(c) for c in values}) != 1:
        raise ValueError("columns of different lengths")
    for column in values:
        if not set(map(type, column)) <= {str, type(None)}:  # in C: a Python test per value costs
            raise ValueError("a value is not a string")
    if not all(values[0]):
        raise ValueError("a row has no name")
    return Columns(values, name_keys(values[0]))  # type: ignore[arg-type]


def _texts(column: list[str | None]) -> list[str]:
    """The column with null written "" (`_nulls` reads it back)."""
    if None not in column:  # the names
        return column  # type: ignore[return-value]
    values = {v: v or "" for v in dict.fromkeys(column)}
    return list(map(values.__getitem__, column))


def _nulls(column: list[str]) -> list[str | None]:
    """The column with "" read as null (in C: a column has few distinct values, but the names)."""
    values = {v: v or None for v in dict.fromkeys(column)}
    return list(map(values.__getitem__, column))


def apply_imported(content: Content, data_dir: Path) -> Content:
    """Content with the imported list in place of the bundled one (unchanged if none or unreadable)."""
    path = data_dir / DATA_FILE
    if not path.is_file():
        return content
    try:
        origin, as_of, rows = _read_stored(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring %s (%s); using the bundled supporters list", path, exc)
        return content
    official = content.official_list
    official = official.replace(as_of=as_of, source=imported_source(origin),
                                source_url=origin if is_url(origin) else official.url,
                                imported=True)  # fmt: skip
    content, merged = with_list(content, rows, official)
    for entry in merged.unlisted:
        log.info("%s is not in the imported list; it is no longer answered as a supporter",
                 entry.name)  # fmt: skip
    return content


# -- `pariscall supporters snapshot`: the bundled copy of the list ---------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's; odd characters are escaped too)."""
    body = json.dumps(text, ensure_ascii=False)[1:-1]
    return '"' + "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in body) + '"'


def snapshot_text(
    rows: list[Row], export_name: str, as_of: dt.date, changed: dt.date, url: str
) -> str:
    """The snapshot file: a header saying how it was made, the list's source and dates, one row
    per entry."""
    command = (f"pariscall supporters snapshot {export_name} --as-of {as_of.isoformat()} "
               f"--changed {changed.isoformat()}")  # fmt: skip
    counts = category_counts(rows)
    summary = ", ".join(f"{counts[c]} {c}" for c in (*CATEGORIES, "uncategorised"))
    lines = [
        "# GENERATED FILE: do not edit by hand (see content/README.md, \"The full official list\").",
        "# Written by the project's importer (`pariscall supporters snapshot`) from the official",
        f"# export {export_name}, the site's supporters.csv ({url}),",
        "# with the importer's fixes (ISO country codes, trimmed values). To regenerate it:",
        f"#   {command}",
        f"# {counts['total']} entries: {summary}.",
        "snapshot:",
        "  source:",
        *(f"    {lang}: {_quoted(say('list_from_snapshot', lang, date=human_date(as_of.isoformat(), lang)))}"
          for lang in ("en", "fr")),
        f"  url: {_quoted(url)}",
        f"  as_of: {as_of.isoformat()}",
        f"  changed: {changed.isoformat()}",
        "  entries:",
    ]  # fmt: skip
    for row in rows:
        parts = [f"name: {_quoted(row.name)}"]
        if row.category:
            parts.append(f"category: {row.category}")
        if row.country:
            parts.append(f"country: {row.country}")
        if row.nature:
            parts.append(f"nature: {_quoted(row.nature)}")
        if row.signed:
            parts.append(f"signed: {row.signed}")
        lines.append("    - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def write_snapshot(source: str, out: Path, as_of: dt.date, changed: dt.date) -> ImportReport:
    """Write the snapshot of the export `source` to `out` atomically; the report says what was read.

    The snapshot cites the official CSV address, or `source` when it is another URL.
    """
    rows, report = read_export(source)
    url = source if is_url(source) else OFFICIAL_CSV_URL
    name = source.rstrip("/").rsplit("/", 1)[-1] if is_url(source) else Path(source).name
    text = snapshot_text(rows, name, as_of, changed, url)
    report.as_of, report.as_of_reason = as_of.isoformat(), "given with --as-of"
    try:
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise SupportersImportError(str(out), f"cannot be written ({exc})") from None
    return report
