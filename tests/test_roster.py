"""The supporters table: list rows kept as columns, through the cache, at 20,000 rows."""

from __future__ import annotations

import csv
import pickle
import random
from pathlib import Path

from bot.content import read_cache
from bot.core import Core, load_core
from bot.importer import import_supporters, read_export
from bot.roster import SupporterTable

ROWS = 20_000


def _export(path: Path, rows: int = ROWS) -> list[str]:
    """A made-up export in the official format; its names."""
    rng = random.Random(3)
    syllables = ["zor", "gan", "vel", "tri", "mok", "sul", "ped", "qua", "nix", "bor"]
    names: set[str] = set()
    while len(names) < rows:
        words = ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 3))).title()
                 for _ in range(rng.randint(1, 3))]  # fmt: skip
        names.add(" ".join(words))
    ordered = sorted(names)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL)
        writer.writerow(["name", "category", "nationality", "nature", "website", "twitter",
                         "date_signed"])  # fmt: skip
        for i, name in enumerate(ordered):
            category = ("private-sector", "civil-society")[i % 2]
            writer.writerow([name, category, "FRA", "Entreprise", "", "", ""])
    return ordered


def test_table_round_trips_through_pickle() -> None:
    """A pickled table gives back the same rows, built the same way."""
    rows, _ = read_export(str(Path(__file__).parent / "data" / "supporters-small.csv"))
    from bot.importer import merge_list

    core = load_core()
    table = merge_list(
        core.content.supporters, rows, "2026-01-05", core.content.counts[-1].sources[0]
    ).supporters
    again = pickle.loads(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(again, SupporterTable)
    assert again == table
    assert [again.name(i) for i in range(len(again))] == [s.name for s in table]
    assert all(s.list_only for s in again[len(again.entries) :])


def test_large_import_answers_listings_and_autocomplete(tmp_path: Path) -> None:
    """20,000 imported rows: through the cache, every listing is sorted, autocomplete is in
    order, a listed name answers yes and a typo of one is corrected."""
    names = _export(tmp_path / "export.csv")
    import_supporters(str(tmp_path / "export.csv"), tmp_path / "data")
    load_core(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")  # writes the cache
    core = load_core(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")  # reads it
    files = list((tmp_path / "cache").glob("core-*.pickle"))
    assert len(files) == 2  # the content alone, and with the list
    assert all(isinstance(read_cache(f), Core) for f in files)  # both read back
    table = core.content.supporters
    companies = sorted(n for i, n in enumerate(names) if i % 2 == 0)
    assert table.size("private-sector") == len(companies)
    assert table.listed("private-sector", "en", 90) == companies[:90]
    reply = core.answer("supporters private-sector")
    assert ", ".join(companies[:5]) in reply.details
    prefix = names[1234][:4]
    expected = sorted((n for n in names if n.lower().startswith(prefix.lower())),
                      key=str.lower)[:25]  # fmt: skip
    assert core.complete_supporters(prefix) == expected
    name = names[777]
    assert core.answer(f"is {name} a supporter?").entity.supporter == "yes"
    assert core.answer(f"supporter {name}").entity.name == name


def test_a_large_list_loaded_answers_as_built(tmp_path: Path) -> None:
    """Loaded from the cache, 20,000 rows keep their names packed and their keys are found by
    bisection (no dictionary built at load): every answer and completion is the built one's."""
    from bot.roster import Packed
    from bot.supporters import SortedKeys

    names = _export(tmp_path / "export.csv")
    import_supporters(str(tmp_path / "export.csv"), tmp_path / "data")
    built = load_core(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    loaded = load_core(data_dir=tmp_path / "data", cache_dir=tmp_path / "cache")
    assert isinstance(loaded.content.supporters.names, Packed)
    assert isinstance(loaded.supporters._keys, SortedKeys)
    picked = names[::701]
    questions = [f"is {n} a supporter?" for n in picked] + [f"supporter {n[:-1]}" for n in picked]
    questions += ["did Russia sign?", "is Microsoft in?", "supporters", "supporters civil-society"]
    for question in questions:
        assert loaded.answer(question) == built.answer(question), question
    for prefix in ("", "zor", "Gan", "velmok", "tri m"):
        assert loaded.complete_supporters(prefix) == built.complete_supporters(prefix)
    assert list(loaded.content.supporters) == list(built.content.supporters)


def test_typo_candidates_keep_every_possible_typo() -> None:
    """The candidates narrowed down in C before a typo check keep every one a typo may be of:
    a name with one word mistyped, or its words joined or split otherwise."""
    from bot.supporters import _may_be_typo, _typo_candidates, is_typo, name_key

    rng = random.Random(5)
    keys = sorted({name_key(e.name) for e in load_core().content.supporters} - {""})
    for _ in range(400):
        key = rng.choice(keys)
        pos = rng.randrange(len(key))
        typed = rng.choice([key[:pos] + key[pos + 1 :], key.replace(" ", "", 1), key + "s",
                            key[:pos] + " " + key[pos:]])  # fmt: skip
        typos = [k for k in keys if is_typo(typed, k)]
        narrowed = _typo_candidates(typed, keys)
        assert set(typos) <= set(narrowed), typed
        assert _may_be_typo(typed, narrowed) == _may_be_typo(typed, keys) == bool(typos)
