"""Importing the official supporters export, the bundled snapshot of it, and the bot using them."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import random
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.core import Core, bundled_content_dir, load_core
from bot.errors import SupportersImportError
from bot.importer import (
    DATA_FILE,
    SNAPSHOT_FILE,
    import_supporters,
    name_keys,
    read_export,
    write_snapshot,
)
from bot.supporters import _NOISE, name_key

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT.parent / "shared" / "data" / "pariscall-supporters-export-2025-12-25.csv"
TODAY = dt.date(2026, 11, 27)
needs_export = pytest.mark.skipif(not EXPORT.is_file(), reason="the shared export is not here")


def _small_export(folder: Path, modified: dt.date = dt.date(2024, 5, 1)) -> Path:
    """A copy of the small export whose modification date is `modified`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "supporters-small.csv"
    shutil.copy(DATA / "supporters-small.csv", path)
    stamp = dt.datetime.combine(modified, dt.time(12)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture
def served() -> Iterator[str]:
    """The test data folder served over HTTP on 127.0.0.1; yields its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(DATA)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_import_normalises_quirks(tmp_path: Path) -> None:
    """Quoted values, French state names, non-ISO codes, duplicates and bad rows are handled."""
    report = import_supporters(str(DATA / "supporters-small.csv"), tmp_path, TODAY)
    assert report.rows == 10
    assert report.counts["state"] == 3 and report.counts["private-sector"] == 2
    assert report.counts["uncategorised"] == 1
    assert any("no name" in s for s in report.skipped)
    assert any("unknown category 'planet'" in s for s in report.skipped)
    assert any("repeats" in n for n in report.notes)
    core = load_core(data_dir=tmp_path)
    germany = core.answer("did germany sign?").entity
    assert germany is not None and (germany.name, germany.supporter) == ("Germany", "yes")
    romania = core.answer("supporter Roumanie").entity
    assert romania is not None and romania.country == "ROU"
    assert core.answer("is Acme Security a supporter?").entity.supporter == "yes"
    # The bundled entries the export does not list are no longer claimed as supporters.
    assert core.answer("is Canada a supporter?").entity.supporter != "yes"
    assert core.answer("supporter Aapti Institute").entity.supporter != "yes"
    # Notable non-supporters stay "no".
    assert core.answer("did russia sign").entity.supporter == "no"


def test_file_import_is_dated_by_the_file(tmp_path: Path) -> None:
    """A file import is as of the file's modification date unless --as-of says otherwise."""
    export = _small_export(tmp_path / "in", dt.date(2024, 5, 1))
    report = import_supporters(str(export), tmp_path / "data", TODAY)
    assert report.as_of == "2024-05-01" and "modification date" in report.as_of_reason
    assert any("List as of 2024-05-01" in line for line in report.lines())
    given = import_supporters(str(export), tmp_path / "data", TODAY, as_of=dt.date(2025, 1, 2))
    assert given.as_of == "2025-01-02" and "--as-of" in given.as_of_reason
    reply = load_core(data_dir=tmp_path / "data").answer("how many supporters are there")
    assert reply.as_of == "2025-01-02" and "2 Jan 2025" in reply.body


def test_cli_import_says_which_date_it_used(tmp_path: Path) -> None:
    """`supporters import` prints the as-of date it gave the list, and why."""
    export = _small_export(tmp_path / "in", dt.date(2024, 5, 1))
    env = {**os.environ, "PARISCALL_DATA_DIR": str(tmp_path / "data"),
           "PARISCALL_CACHE_DIR": str(tmp_path / "cache")}  # fmt: skip
    run = [sys.executable, "-m", "adapters.cli", "supporters", "import", str(export)]
    mtime = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=env)
    assert mtime.returncode == 0, mtime.stderr
    assert "List as of 2024-05-01 (the file's modification date" in mtime.stdout
    given = subprocess.run([*run, "--as-of", "2025-12-25"], capture_output=True, text=True,
                           cwd=ROOT, env=env)  # fmt: skip
    assert "List as of 2025-12-25 (given with --as-of)" in given.stdout
    bad = subprocess.run([*run, "--as-of", "yesterday"], capture_output=True, text=True, cwd=ROOT,
                         env=env)  # fmt: skip
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_no_local_path_in_any_answer_after_a_file_import(tmp_path: Path) -> None:
    """Answers cite "the official export (imported from a file)", never where the file was."""
    folder = tmp_path / "operator-secret-folder"
    export = _small_export(folder)
    import_supporters(str(export), tmp_path / "data", TODAY)
    assert "operator-secret-folder" not in (tmp_path / "data" / DATA_FILE).read_text()
    core = load_core(data_dir=tmp_path / "data")
    questions = ["supporters", "how many supporters are there", "did germany sign?",
                 "supporter Acme Security", "supporter Mystery Entry", "did russia sign",
                 "is Canada a supporter?", "supporter Nowhere Corp", "supporters state",
                 "supporters private-sector", "us", "about", "help"]  # fmt: skip
    for lang in ("en", "fr"):
        for question in questions:
            reply = core.answer(question, lang)
            text = json.dumps(reply.to_dict(), ensure_ascii=False)
            assert str(folder) not in text and "supporters-small.csv" not in text, question
    reply = core.answer("supporter Acme Security")
    assert reply.as_of == "2024-05-01" and "1 May 2024" in reply.body
    assert reply.sources[0].title == (
        "Official list of supporters: the official export (imported from a file)"
    )
    assert reply.sources[0].as_of == "2024-05-01"
    overview = core.answer("supporters")
    assert (
        "the official export (imported from a file), as of 1 May 2024"
        in overview.body + overview.details
    )
    french = core.answer("supporter Acme Security", "fr")
    assert (
        french.sources[0]
        .title.replace("\xa0", " ")
        .startswith("Liste officielle des soutiens : l’export officiel")
    )


def test_one_as_of_date_for_every_entry_after_an_import(tmp_path: Path) -> None:
    """Hand-written and imported entries give the same date: the imported list's."""
    import_supporters(str(_small_export(tmp_path / "in")), tmp_path / "data", TODAY)
    core = load_core(data_dir=tmp_path / "data")
    for question in ("did germany sign?", "supporter Acme Security", "did russia sign",
                     "supporter Ville de Testville", "supporters"):  # fmt: skip
        reply = core.answer(question)
        assert reply.as_of == "2024-05-01", question
        assert "25 Dec 2025" not in reply.body.split("\n\n")[0], question


def test_import_from_url_is_dated_by_the_download(tmp_path: Path, served: str) -> None:
    """An export served over HTTP (here from 127.0.0.1) is as of the download day; answers cite
    its URL."""
    url = f"{served}/supporters-small.csv"
    report = import_supporters(url, tmp_path / "data", TODAY)
    assert report.counts["state"] == 3
    assert report.as_of == TODAY.isoformat() and "downloaded" in report.as_of_reason
    with pytest.raises(SupportersImportError, match="could not download"):
        import_supporters(url.replace("small", "missing"), tmp_path / "data", TODAY)
    core = load_core(data_dir=tmp_path / "data")
    reply = core.answer("is Acme Security in?")
    assert reply.entity.supporter == "yes" and reply.as_of == TODAY.isoformat()
    assert reply.sources[0].url == url and url in reply.sources[0].title
    given = import_supporters(url, tmp_path / "data", TODAY, as_of=dt.date(2026, 1, 1))
    assert given.as_of == "2026-01-01"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "missing column"),
        ("a,b,c\n1,2,3\n", "missing column"),
        ('"name","category","nationality"\n', "no supporter rows"),
    ],
)
def test_broken_export_never_replaces_the_list(tmp_path: Path, text: str, reason: str) -> None:
    """A broken export is refused and the working list stays as it was."""
    import_supporters(str(DATA / "supporters-small.csv"), tmp_path, TODAY)
    before = (tmp_path / DATA_FILE).read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(text)
    with pytest.raises(SupportersImportError, match=reason):
        import_supporters(str(bad), tmp_path, TODAY)
    assert (tmp_path / DATA_FILE).read_bytes() == before


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """The CLI names the file it could not read, exits 1, and shows no traceback."""
    env = {**os.environ, "PARISCALL_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "supporters", "import",
                             str(tmp_path / "nope.csv")], capture_output=True, text=True, cwd=ROOT,
                            env=env)  # fmt: skip
    assert result.returncode == 1
    assert "nope.csv" in result.stderr and "Traceback" not in result.stderr


def test_damaged_data_file_falls_back_to_bundled(tmp_path: Path) -> None:
    """A damaged imported file is ignored (with a log line) and the bundled list is used."""
    (tmp_path / DATA_FILE).write_text("{not json")
    assert load_core(data_dir=tmp_path).answer("is Canada in?").entity.supporter == "yes"


def test_an_import_of_the_older_format_still_loads(tmp_path: Path) -> None:
    """A list imported by an earlier version (format 1, with its path) loads without the path."""
    old = {"format": 1, "source": "/home/op/supporters.csv", "imported_on": "2026-01-05",
           "counts": {}, "supporters": [["Acme Security", "private-sector", "FRA", None, None]]}  # fmt: skip
    (tmp_path / DATA_FILE).write_text(json.dumps(old))
    reply = load_core(data_dir=tmp_path).answer("supporter Acme Security")
    assert reply.entity.supporter == "yes" and reply.as_of == "2026-01-05"
    assert "/home/op" not in json.dumps(reply.to_dict())


def test_an_import_stored_as_rows_still_loads(tmp_path: Path) -> None:
    """A list stored by the previous version (format 2, a list per row) answers as before."""
    rows = {"format": 2, "origin": "file", "as_of": "2026-01-05", "imported_on": "2026-01-06",
            "counts": {}, "supporters": [["Acme Security", "private-sector", "FRA", "", None]]}  # fmt: skip
    (tmp_path / DATA_FILE).write_text(json.dumps(rows))
    reply = load_core(data_dir=tmp_path).answer("supporter Acme Security")
    assert reply.entity.supporter == "yes" and reply.as_of == "2026-01-05"
    assert reply.entity.category == "private-sector" and reply.entity.country == "FRA"


def test_a_damaged_column_falls_back_to_bundled(tmp_path: Path) -> None:
    """A stored list whose columns disagree in length is ignored, like any damaged file."""
    import_supporters(str(DATA / "supporters-small.csv"), tmp_path, TODAY)
    data = json.loads((tmp_path / DATA_FILE).read_text())
    data["columns"]["country"] = data["columns"]["country"].rsplit("\x1f", 1)[0]  # one less
    (tmp_path / DATA_FILE).write_text(json.dumps(data))
    assert load_core(data_dir=tmp_path).answer("is Canada in?").entity.supporter == "yes"


def test_a_list_stored_as_lists_of_values_still_loads(tmp_path: Path) -> None:
    """A list imported before each column became one string (format 3: a list per column, null
    for an empty value) is read as it was."""
    import_supporters(str(DATA / "supporters-small.csv"), tmp_path / "new", TODAY)
    data = json.loads((tmp_path / "new" / DATA_FILE).read_text())
    columns = {f: [v or None for v in c.split("\x1f")] for f, c in data["columns"].items()}
    old = {**data, "format": 3, "columns": columns}
    del old["rows"]
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / DATA_FILE).write_text(json.dumps(old))
    new, before = load_core(data_dir=tmp_path / "new"), load_core(data_dir=tmp_path / "old")
    assert list(new.content.supporters) == list(before.content.supporters)
    assert new.content.supporters.names and before.content.official_list.imported


# -- the real export ------------------------------------------------------------------------------


@needs_export
def test_snapshot_regenerates_byte_for_byte(tmp_path: Path) -> None:
    """The committed content/official-list.yaml is exactly what the importer writes from the export."""
    out = tmp_path / SNAPSHOT_FILE
    report = write_snapshot(str(EXPORT), out, dt.date(2025, 12, 25), dt.date(2024, 1, 19))
    assert report.kept == 1222
    assert out.read_bytes() == (bundled_content_dir() / SNAPSHOT_FILE).read_bytes()


@needs_export
def test_snapshot_command(tmp_path: Path) -> None:
    """`pariscall supporters snapshot` writes the file and says what it read."""
    out = tmp_path / "list.yaml"
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "supporters", "snapshot",
                             str(EXPORT), "--as-of", "2025-12-25", "--changed", "2024-01-19",
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "81 state, 37 public-authority, 391 civil-society, 708 private-sector" in result.stdout
    assert out.read_bytes() == (bundled_content_dir() / SNAPSHOT_FILE).read_bytes()


@needs_export
def test_import_official_export(tmp_path: Path) -> None:
    """The real export: 81 / 37 / 391 / 708, and every one of its names is a supporter."""
    env = {
        **os.environ,
        "PARISCALL_DATA_DIR": str(tmp_path),
        "PARISCALL_CACHE_DIR": str(tmp_path / "c"),
    }
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "supporters", "import",
                             str(EXPORT), "--as-of", "2025-12-25"], capture_output=True, text=True,
                            cwd=ROOT, env=env)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "81 state, 37 public-authority, 391 civil-society, 708 private-sector" in result.stdout
    core = load_core(data_dir=tmp_path)
    zoho = core.answer("is Zoho a supporter?")
    assert zoho.topic == "supporter" and zoho.entity.supporter == "yes"
    counts = core.content.counts[-1]
    assert (counts.states, counts.public_authorities, counts.civil_society, counts.private_sector,
            counts.total) == (81, 37, 391, 708, 1222)  # fmt: skip
    assert core.answer("did Russia sign").entity.supporter == "no"
    assert core.answer("is the US a supporter?").entity.name == "United States"
    _every_name_is_a_supporter(core)


def _every_name_is_a_supporter(core: Core) -> None:
    from bot.supporters import name_key

    rows, _ = read_export(str(EXPORT))
    assert len(rows) == 1222
    known = {name_key(n) for s in core.content.supporters if s.supporter
             for n in (s.name, s.fr, *s.aliases) if n}  # fmt: skip
    assert [r.name for r in rows if name_key(r.name) not in known] == []


def _export_of(rows: list[tuple[str, ...]], path: Path) -> Path:
    """An export in the official format (every value quoted) holding `rows`."""
    header = ("name", "category", "nationality", "nature", "website", "twitter", "date_signed")
    lines = [",".join(f'"{v}"' for v in row) for row in (header, *rows)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_new_name_in_an_example_question_trains_the_model_again(
    core: Core, tmp_path: Path
) -> None:
    """The same list keeps the trained model; one more name that an example question uses as a
    word ("le cyber") changes how that example reads, so the model is trained again, exactly
    as it would be from scratch."""
    listed = [(e.name, e.category or "", e.country or "", e.nature or "", "", "", e.signed or "")
              for e in core.content.supporters if e.supporter]  # fmt: skip
    from bot.importer import apply_imported

    import_supporters(str(_export_of(listed, tmp_path / "same.csv")), tmp_path / "same", TODAY)
    same = Core(apply_imported(core.content, tmp_path / "same"), trained=core)
    assert same.router.model is core.router.model
    cyber = ("Cyber", "civil-society", "FRA", "ONG", "", "", "")
    import_supporters(
        str(_export_of([*listed, cyber], tmp_path / "more.csv")), tmp_path / "more", TODAY
    )
    more = Core(apply_imported(core.content, tmp_path / "more"), trained=core)
    assert more.router.model is not core.router.model
    example = next(q for q in more.router.model.examples if "le  zzname  :" in q)
    assert example not in core.router.model.examples
    scratch = Core(more.content)
    assert more.router.model.examples == scratch.router.model.examples
    assert more.router.model.idf == scratch.router.model.idf
    assert more.answer("supporter Cyber").entity.name == "Cyber"


def test_an_export_without_optional_columns_and_with_short_rows(tmp_path: Path) -> None:
    """Optional columns may be missing and a row may stop early: absent values read as none."""
    path = tmp_path / "export.csv"
    path.write_text('name,category,nationality\n"Acme",private-sector,fra\n"Beta Org",state\n'
                    '\n"Gamma",,\n', encoding="utf-8")  # fmt: skip
    rows, report = read_export(str(path))
    assert [tuple(r) for r in rows] == [("Acme", "private-sector", "FRA", None, None),
                                        ("Beta Org", "state", None, None, None),
                                        ("Gamma", None, None, None, None)]  # fmt: skip
    assert report.rows == 3 and report.counts["uncategorised"] == 1


def test_name_keys_of_a_column_are_name_key_of_each_name() -> None:
    """The importer keys a whole column at once, and finds the keys `name_key` gives each name."""
    names = ["Microsoft Corp.", "McKinsey & Company", "The Group", "and", "Band and", "X and & Co",
             "Société Générale", "ÉTAT", "İstanbul", "Ｆｕｌｌ", "a\u00a0b", "tab\there", "x\x1fy",
             "l'Oréal", "R&D Inc", "", "   ", "line\nbreak", "end |", "a | b", "-", "_under_",
             "Cyber Lab Inc.", "DEL\x7fchar", "Ⅻ roman", "naïve and", "ΣΑΣ"]  # fmt: skip
    assert name_keys(names) == list(map(name_key, names))
    for column in ([n for n in names if "\n" not in n],  # keyed at once, not name by name
                   [n for n in names if n.isascii() and "\n" not in n]):  # fmt: skip
        assert name_keys(column) == list(map(name_key, column))
    assert name_keys([]) == [] and name_keys([""]) == [""]
    rng = random.Random(3)
    pieces = [*sorted(_NOISE), "and", "&", ".", ",", "'", "-", "|", "(", ")", " ", "  ", "\t",
              "\x1f", "Ab", "band", "é", "Ç", "x"]  # fmt: skip
    for _ in range(200):
        column = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
                  for _ in range(rng.randint(1, 30))]  # fmt: skip
        assert name_keys(column) == list(map(name_key, column))


def test_a_list_imported_again_keeps_the_model_of_the_list_before(
    core: Core, tmp_path: Path
) -> None:
    """A list imported again reuses the model trained for the list before it when the examples
    read alike (here not the content's own: "Cyber" reads as a name in an example); a core of
    other content or code is never used."""
    from bot.content import cache_key
    from bot.core import _previous

    listed = [(e.name, e.category or "", e.country or "", e.nature or "", "", "", e.signed or "")
              for e in core.content.supporters if e.supporter]  # fmt: skip
    cyber = ("Cyber", "civil-society", "FRA", "ONG", "", "", "")
    data, cache = tmp_path / "data", tmp_path / "cache"
    import_supporters(str(_export_of([*listed, cyber], tmp_path / "a.csv")), data, TODAY)
    first = load_core(data_dir=data, cache_dir=cache)
    assert first.router.model.examples != core.router.model.examples  # trained for the list
    widgets = ("Zorgon Widgets", "private-sector", "FRA", "", "", "", "")
    import_supporters(str(_export_of([*listed, cyber, widgets], tmp_path / "b.csv")), data,
                      TODAY, as_of=dt.date(2026, 11, 28))  # fmt: skip
    key = cache_key(bundled_content_dir())
    found = {(loc := p.name.split("-")[1]): _previous(cache, loc, key)
             for p in cache.glob("core-*.pickle")}  # fmt: skip
    [(location, before)] = [(loc, c) for loc, c in found.items() if c is not None]
    assert before.router.model.examples == first.router.model.examples
    assert _previous(cache, location, "another content") is None
    again = load_core(data_dir=data, cache_dir=cache)
    assert again.router.model.examples == first.router.model.examples
    assert again.answer("supporter Zorgon Widgets").entity.name == "Zorgon Widgets"
    assert len(list(cache.glob(f"core-{location}-*.pickle"))) == 1
