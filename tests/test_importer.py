"""Importing the official supporters export, and the bot using it afterwards."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core import load_core
from bot.errors import SupportersImportError
from bot.importer import DATA_FILE, import_supporters

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]
EXPORT = ROOT.parent / "shared" / "data" / "pariscall-supporters-export-2025-12-25.csv"
TODAY = dt.date(2026, 11, 27)


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
    assert core.answer("is Canada a supporter?").entity.supporter == "unknown"
    # Notable non-supporters stay "no".
    assert core.answer("did russia sign").entity.supporter == "no"


def test_imported_counts_state_date_and_source(tmp_path: Path) -> None:
    """After an import, the supporters reply says when and from where the list was imported."""
    import_supporters(str(DATA / "supporters-small.csv"), tmp_path, TODAY)
    reply = load_core(data_dir=tmp_path).answer("how many supporters are there")
    assert reply.as_of == "2026-11-27"
    assert "27 Nov 2026" in reply.body and "supporters-small.csv" in reply.body


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


@pytest.mark.skipif(not EXPORT.is_file(), reason="the shared reference export is not here")
def test_import_official_export(tmp_path: Path) -> None:
    """The real export: 81 / 37 / 391 / 708, and Zoho is then a supporter."""
    env = {
        **os.environ,
        "PARISCALL_DATA_DIR": str(tmp_path),
        "PARISCALL_CACHE_DIR": str(tmp_path / "c"),
    }
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "supporters", "import",
                             str(EXPORT)], capture_output=True, text=True, cwd=ROOT, env=env)  # fmt: skip
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


def test_import_from_url(tmp_path: Path) -> None:
    """An export served over HTTP (here from 127.0.0.1) is downloaded and imported."""
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(DATA))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/supporters-small.csv"
        report = import_supporters(url, tmp_path / "data", TODAY)
        assert report.counts["state"] == 3
        with pytest.raises(SupportersImportError, match="could not download"):
            import_supporters(url.replace("small", "missing"), tmp_path / "data", TODAY)
    finally:
        server.shutdown()
        server.server_close()
    assert (
        load_core(data_dir=tmp_path / "data").answer("is Acme Security in?").entity.supporter
        == "yes"
    )
