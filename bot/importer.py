"""Importing the official supporters export (supporters.csv) and using it instead of the bundled list.

`import_supporters()` reads the site's CSV, normalises its quirks, and writes a validated copy
to the data folder atomically, so a broken file never replaces a working list.
`apply_imported()` merges that copy into the content at load time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.content import CATEGORIES, Content, Count, Supporter
from bot.errors import SupportersImportError
from bot.reply import Source
from bot.supporters import name_key

log = logging.getLogger(__name__)
DATA_FILE = "supporters.json"
FORMAT = 1
COLUMNS = ("name", "category", "nationality", "nature", "website", "twitter", "date_signed")
# The export's non-ISO country codes, mapped to ISO 3166 alpha-3.
COUNTRY_FIXES = {"ROM": "ROU", "MTG": "MNE", "SCG": "SRB"}
MAX_BYTES = 20_000_000


@dataclass
class ImportReport:
    """What an import read and skipped, for the operator."""

    source: str
    rows: int = 0
    kept: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        cats = ", ".join(f"{self.counts[c]} {c}" for c in CATEGORIES)
        out = [f"Read {self.rows} rows from {self.source}: {cats}; "
               f"{self.counts['uncategorised']} without a category."]  # fmt: skip
        out += [f"  skipped: {s}" for s in self.skipped]
        out += [f"  note: {n}" for n in self.notes]
        return out


def _read_text(source: str) -> str:
    if source.startswith(("https://", "http://")):
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
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SupportersImportError(source, "is not UTF-8 text; is it the CSV export?") from None


def parse_export(text: str, source: str) -> tuple[list[list[str | None]], ImportReport]:
    """Rows as [name, category, country, nature, signed], with a report; raises when unusable."""
    report = ImportReport(source)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ("name", "category", "nationality") if c not in header]
    if missing:
        raise SupportersImportError(
            source, f"missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}"
        )
    rows: list[list[str | None]] = []
    seen: dict[str, str] = {}
    try:
        for number, raw in enumerate(reader, start=2):
            report.rows += 1
            row = {
                (k or "").strip(): (v or "").strip() for k, v in raw.items() if isinstance(v, str)
            }
            name, category = row.get("name", ""), row.get("category", "")
            if not name:
                report.skipped.append(f"line {number}: no name")
                continue
            if category and category not in CATEGORIES:
                report.skipped.append(f"line {number}: {name!r} has unknown category {category!r}")
                continue
            report.counts[category or "uncategorised"] += 1
            country = row.get("nationality", "").upper() or None
            if country in COUNTRY_FIXES:
                country = COUNTRY_FIXES[country]
            key = name_key(name)
            if key in seen:
                report.notes.append(f"line {number}: {name!r} repeats {seen[key]!r}; kept once")
                continue
            seen[key] = name
            signed = row.get("date_signed") or None
            rows.append([name, category or None, country, row.get("nature") or None, signed])
    except csv.Error as exc:
        raise SupportersImportError(source, f"is not valid CSV ({exc})") from None
    if not rows:
        raise SupportersImportError(source, "has no supporter rows; the current list was kept")
    report.kept = len(rows)
    return rows, report


def import_supporters(source: str, data_dir: Path, today: dt.date | None = None) -> ImportReport:
    """Read `source` (a file or URL), validate it, and store it in `data_dir` atomically."""
    rows, report = parse_export(_read_text(source), source)
    imported_on = (today or dt.date.today()).isoformat()
    counts = {c: report.counts[c] for c in (*CATEGORIES, "uncategorised")}
    counts["total"] = sum(counts.values())
    payload = {"format": FORMAT, "source": source, "imported_on": imported_on,
               "counts": counts, "supporters": rows}  # fmt: skip
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = data_dir / f".{DATA_FILE}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, data_dir / DATA_FILE)
    except OSError as exc:
        raise SupportersImportError(
            str(data_dir), f"cannot write the data folder ({exc})"
        ) from None
    return report


def apply_imported(content: Content, data_dir: Path) -> Content:
    """Content with the imported list in place of the bundled one (unchanged if none or unreadable)."""
    path = data_dir / DATA_FILE
    if not path.is_file():
        return content
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ValueError(f"format {data.get('format')!r}")
        rows, counts = data["supporters"], data["counts"]
        imported_on, origin = str(data["imported_on"]), str(data["source"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring %s (%s); using the bundled supporters list", path, exc)
        return content
    official = content.official_list
    source = Source("Official list of supporters (imported export)", official.csv_url, imported_on)
    curated: dict[str, Supporter] = {}
    for entry in content.supporters:
        for alias in (entry.name, entry.fr, *entry.aliases):
            if alias:
                curated.setdefault(name_key(alias), entry)
    merged: list[Supporter] = []
    matched: set[str] = set()  # curated entries the export confirms, by name
    for name, category, country, nature, signed in rows:
        known = curated.get(name_key(name))
        if known is not None and known.name not in matched:
            matched.add(known.name)
            merged.append(replace(known, supporter=True, category=category or known.category,
                                  nature=nature, signed=known.signed or signed))  # fmt: skip
        elif known is None:
            merged.append(Supporter(name, True, category, country, nature=nature, signed=signed,
                                    sources=(source,), as_of=imported_on))  # fmt: skip
    # Notable non-supporters stay "no" unless the export now lists them.
    absent = [s for s in content.supporters if not s.supporter and s.name not in matched]
    count = Count(imported_on, counts.get("state"), counts.get("public-authority"),
                  counts.get("civil-society"), counts.get("private-sector"), counts.get("total"),
                  False, {}, (source,))  # fmt: skip
    return replace(
        content,
        supporters=tuple(merged) + tuple(absent),
        counts=content.counts + (count,),
        official_list=replace(official, imported_from=origin, imported_on=imported_on),
    )
