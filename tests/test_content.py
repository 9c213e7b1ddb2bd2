"""Content: the bundled files are valid and sourced; broken files are reported precisely."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core import Core, bundled_content_dir, load_core
from bot.errors import ContentError
from bot.reply import Reply
from bot.schema import build_content

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[1]


def _example_cases() -> list[tuple[str, str]]:
    content = build_content(bundled_content_dir())
    cases = [(q, p.id) for p in content.principles for q in p.examples]
    cases += [(q, t.id) for t in content.topics.values() for q in t.examples]
    return cases


@pytest.mark.parametrize(("question", "topic"), _example_cases())
def test_content_examples_answer_their_topic(core: Core, question: str, topic: str) -> None:
    """Every example question stored in the content reaches its own topic."""
    assert core.answer(question).topic == topic


def test_bundled_content_shape(core: Core) -> None:
    """Nine principles, the 81 states and 37 public authorities, and the key topics."""
    c = core.content
    assert [p.number for p in c.principles] == list(range(1, 10))
    states = [s for s in c.supporters if s.supporter and s.category == "state"]
    authorities = [s for s in c.supporters if s.supporter and s.category == "public-authority"]
    assert (len(states), len(authorities)) == (81, 37)
    assert {"about", "us-position", "context"} <= set(c.topics)
    latest = c.counts[-1]
    assert (latest.states, latest.public_authorities, latest.civil_society, latest.private_sector,
            latest.total) == (81, 37, 391, 708, 1222)  # fmt: skip


def test_every_fact_has_a_source_and_date(core: Core) -> None:
    """Every principle, topic, count and supporter carries a source URL and an as-of date; a
    source has a date of its own unless its page is undated (and its title says so)."""
    c = core.content
    items = [*c.principles, *c.topics.values(), *c.counts, *c.supporters]
    for item in items:
        assert item.sources, item
        for source in item.sources:
            assert source.url.startswith(("https://", "http://")), item
            assert source.as_of or "undated" in source.title, source
            assert not (source.as_of and "undated" in source.title), source
    for item in (*c.principles, *c.topics.values(), *c.supporters):
        assert item.as_of, item


def test_valid_fixture_loads() -> None:
    """The tiny valid fixture loads and answers."""
    content = build_content(DATA / "valid")
    assert len(content.principles) == 9


BROKEN = {
    "syntax": ("principles.yaml", "line 23", "not valid YAML"),
    "missing_field": ("principles.yaml", "principles[2].sources", "missing"),
    "wrong_type": ("principles.yaml", "principles[3].number", "four"),
    "bad_url": ("principles.yaml", "principles[4].sources[0].url", "not a web address"),
    "bad_date": ("principles.yaml", "principles[6].as_of", "not a date"),
    "duplicate_number": ("principles.yaml", "principles[8].number", "appears twice"),
}


def _broken_dir(tmp_path: Path, case: str) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(DATA / "valid", folder)
    shutil.copy(DATA / "broken" / f"{case}__principles.yaml", folder / "principles.yaml")
    return folder


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_content_is_reported_with_file_and_path(tmp_path: Path, case: str) -> None:
    """Each broken fixture gives one problem naming the file, the key path and what is wrong."""
    file, path, words = BROKEN[case]
    with pytest.raises(ContentError) as caught:
        build_content(_broken_dir(tmp_path, case))
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].file.endswith(file)
    assert problems[0].path.startswith(path)
    assert words in problems[0].message


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    """Several mistakes in several files are reported together, not one at a time."""
    folder = _broken_dir(tmp_path, "bad_url")
    topics = (folder / "topics.yaml").read_text().replace("as_of: 2021-11-10", "as_of: someday")
    (folder / "topics.yaml").write_text(topics + "    colour: blue\n")
    with pytest.raises(ContentError) as caught:
        build_content(folder)
    report = str(caught.value)
    assert "principles.yaml: principles[4].sources[0].url" in report
    assert "topics.yaml: topics[1].timeline[0].sources[0].as_of" in report
    assert "topics.yaml: topics[1].colour: unknown field" in report


def test_duplicate_alias_is_reported(tmp_path: Path) -> None:
    """An alias used by two entries is reported with both names."""
    folder = tmp_path / "content"
    shutil.copytree(DATA / "valid", folder)
    text = (
        (folder / "supporters.yaml")
        .read_text()
        .replace("country: CAN}", "country: CAN, aliases: [US]}")
    )
    (folder / "supporters.yaml").write_text(text)
    with pytest.raises(ContentError, match=r"'US' is already used by Canada"):
        build_content(folder)


def test_validate_command_exit_codes(tmp_path: Path) -> None:
    """`pariscall validate` exits 0 on good content, 1 on broken content, with no traceback."""
    run = [sys.executable, "-m", "adapters.cli", "validate"]
    good = subprocess.run([*run, str(DATA / "valid")], capture_output=True, text=True, cwd=ROOT)
    assert good.returncode == 0 and "OK" in good.stdout
    bad = subprocess.run([*run, str(_broken_dir(tmp_path, "bad_date"))], capture_output=True,
                         text=True, cwd=ROOT)  # fmt: skip
    assert bad.returncode == 1
    assert "principles.yaml: principles[6].as_of" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout


def test_bundled_content_validates() -> None:
    """`pariscall validate` passes on the bundled content, examples included."""
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "validate"], capture_output=True,
                            text=True, cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_bot_refuses_to_start_on_invalid_content(tmp_path: Path) -> None:
    """Asking with broken content prints the report and exits 1, without a traceback."""
    folder = _broken_dir(tmp_path, "syntax")
    result = subprocess.run([sys.executable, "-m", "adapters.cli", "ask", "--content", str(folder),
                             "principle 3"], capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert result.returncode == 1
    assert "cannot start with invalid content" in result.stderr and "line 23" in result.stderr
    assert "Traceback" not in result.stderr


def test_cache_is_used_and_refreshed(tmp_path: Path) -> None:
    """The validated content is cached, and a changed file is validated again."""
    folder = tmp_path / "content"
    shutil.copytree(DATA / "valid", folder)
    cache = tmp_path / "cache"
    first = load_core(folder, cache_dir=cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    assert load_core(folder, cache_dir=cache).content == first.content
    shutil.copy(DATA / "broken" / "bad_url__principles.yaml", folder / "principles.yaml")
    with pytest.raises(ContentError):
        load_core(folder, cache_dir=cache)


FACTS = ROOT.parent / "shared" / "research" / "facts.md"


@pytest.mark.skipif(not FACTS.is_file(), reason="the shared fact sheet is not here")
def test_every_source_comes_from_the_fact_sheet(core: Core) -> None:
    """No invented sources: every source URL in the content appears in the verified fact sheet."""
    facts = FACTS.read_text(encoding="utf-8")
    c = core.content
    items = [*c.principles, *c.topics.values(), *c.counts, *c.supporters]
    sources = [s for item in items for s in item.sources]
    sources += [s for t in c.topics.values() for e in t.timeline for s in e.sources]
    assert sources
    invented = {s.url for s in sources if s.url not in facts}
    assert not invented, invented


@pytest.mark.skipif(not FACTS.is_file(), reason="the shared fact sheet is not here")
def test_official_texts_are_quoted_exactly(core: Core) -> None:
    """Every principle's official title and sentences appear verbatim in the fact sheet."""
    import unicodedata

    facts = unicodedata.normalize("NFC", FACTS.read_text(encoding="utf-8"))
    for p in core.content.principles:
        for text in (*p.title.values(), *p.text.values()):
            assert text in facts, (p.number, text)
        # The fact sheet gives the Call text's items in French, and in English where they differ
        # from the principles page; elsewhere it says they are the same sentence ending in ";".
        for text in p.call_text.values():
            assert text.rstrip(" ;.") in facts, (p.number, text)


# -- the bundled official list --------------------------------------------------------------------

SNAPSHOT = bundled_content_dir() / "official-list.yaml"


def _snapshot_rows() -> list[dict[str, str]]:
    import yaml

    rows: list[dict[str, str]] = yaml.safe_load(SNAPSHOT.read_text(encoding="utf-8"))["snapshot"][
        "entries"
    ]
    return rows


def test_snapshot_counts_match_the_official_counters() -> None:
    """The bundled list has the 1,222 entries: 81 / 37 / 391 / 708 and 5 with no category."""
    from collections import Counter

    rows = _snapshot_rows()
    counts = Counter(r.get("category", "none") for r in rows)
    assert len(rows) == 1222
    assert (counts["state"], counts["public-authority"], counts["civil-society"],
            counts["private-sector"], counts["none"]) == (81, 37, 391, 708, 5)  # fmt: skip


def test_every_official_entry_is_a_supporter(core: Core) -> None:
    """Each of the 1,222 names is a supporter, by its name or an alias, with the list's category."""
    from bot.supporters import name_key

    by_name = {}
    for s in core.content.supporters:
        for n in (s.name, s.fr, *s.aliases):
            if n:
                by_name.setdefault(name_key(n), s)
    for row in _snapshot_rows():
        entry = by_name.get(name_key(row["name"]))
        assert entry is not None and entry.supporter, row
        assert entry.category == row.get("category"), row
        assert entry.as_of == "2025-12-25", row
        if entry.list_only:
            assert (entry.country, entry.nature) == (row.get("country"), row.get("nature")), row
    official = core.content.official_list
    assert (official.as_of, official.changed, official.source_url) == (
        "2025-12-25",
        "2024-01-19",
        "https://pariscall.international/supporters.csv",
    )
    assert official.source["en"] == "the official export (supporters.csv) of 25 Dec 2025"


def test_every_official_name_answers_yes(core: Core) -> None:
    """`supporter NAME` and "is NAME a supporter?" answer "yes" for every name in the bundled
    official list."""
    wrong = []
    for row in _snapshot_rows():
        for question in (f"supporter {row['name']}", f"is {row['name']} a supporter?"):
            reply = core.answer(question, "en")
            if reply.entity is None or reply.entity.supporter != "yes":
                wrong.append((question, reply.title))
    assert wrong == []


def test_curated_entries_keep_their_extras(ask: Callable[..., Reply]) -> None:
    """Hand-written entries keep their French names, aliases and notes after the merge."""
    french = ask("supporter États-Unis")
    assert french.entity is not None and french.entity.name == "United States"
    us = ask("supporter United States", "en")
    assert us.entity.since == "2021-11-11"  # listed on 11 Nov 2021; the list gives no signing date
    assert "Listed since 11 Nov 2021" in us.body and "Signed on" not in us.body
    assert "Kamala Harris" in us.details
    ndi = ask("supporter NDI")
    assert ndi.entity is not None and ndi.entity.name == "National Democratic Institute"
    dell = ask("supporter Dell Technologies")
    assert dell.entity is not None and dell.entity.name == "Dell Technologies"
    assert ask("did russia sign?").entity.supporter == "no"


def test_answers_cite_the_list_and_its_date(ask: Callable[..., Reply]) -> None:
    """A supporter answer gives the list's one as-of date and cites the official export."""
    for question in ("supporter Aapti Institute", "supporter Microsoft", "supporter CAPS",
                     "did russia sign?", "supporters"):  # fmt: skip
        reply = ask(question)
        assert reply.as_of == "2025-12-25", question
        first = reply.sources[0]
        assert first.title == (
            "Official list of supporters: the official export (supporters.csv) of 25 Dec 2025"
        ), question
        assert first.url == "https://pariscall.international/supporters.csv"
    caps = ask("supporter CAPS")
    assert "(no category, IND)" in caps.body


def test_no_rounded_count_where_an_exact_one_exists(ask: Callable[..., Reply]) -> None:
    """The supporters overview's history shows the exact 11 Jan 2022 count, not the rounded one."""
    body = ask("supporters").details
    assert "11 Jan 2022" in body and "7 Jun 2022" not in body


def test_undated_sources_render_as_undated(core: Core) -> None:
    """A source with no date of its own is shown with none, in every renderer."""
    from adapters import terminal
    from adapters.discord.render import to_footer
    from adapters.slack.render import fallback_text, render

    undated = [s for t in core.content.topics.values() for s in t.sources if s.as_of is None]
    assert undated and all("undated" in s.title for s in undated)
    assert not any(s.as_of in ("2020-01-01", "2019-01-01") for t in core.content.topics.values()
                   for s in t.sources)  # fmt: skip
    reply = Reply(topic="about", title="T", body="B", sources=(undated[0],), as_of=None)
    assert "None" not in reply.to_text() and undated[0].url in reply.to_text()
    assert "None" not in terminal.render(reply)
    assert "None" not in to_footer(reply)
    assert "None" not in json.dumps(render(reply).to_dict()) + fallback_text(reply)


def _snapshot_fixture(tmp_path: Path, rows: str, as_of: str = "2025-12-25") -> Path:
    folder = tmp_path / "content"
    shutil.copytree(DATA / "valid", folder)
    (folder / "official-list.yaml").write_text(
        "snapshot:\n  source: {en: the test export}\n"
        '  url: "https://pariscall.international/supporters.csv"\n'
        f"  as_of: {as_of}\n  changed: 2024-01-19\n  entries:\n{rows}"
    )
    return folder


def test_snapshot_merges_with_the_hand_written_entries(tmp_path: Path) -> None:
    """A snapshot's rows join the hand-written entries they name; the others are added."""
    rows = ("    - {name: Canada, category: state, country: CAN}\n"
            "    - {name: États-Unis, category: state, country: USA, signed: 2021-11-10}\n"
            "    - {name: Microsoft, category: private-sector, country: USA, nature: Entreprise}\n")  # fmt: skip
    core = Core(build_content(_snapshot_fixture(tmp_path, rows)))
    assert core.content.official_list.source == {"en": "the test export"}
    assert core.answer("supporter America").entity.since == "2021-11-10"
    assert core.answer("supporter Microsoft").entity.supporter == "yes"


def test_snapshot_disagreements_are_reported(tmp_path: Path) -> None:
    """Entries the snapshot lacks, signing dates it does not give and wrong counts are reported."""
    rows = ("    - {name: Canada, category: state, country: CAN}\n"
            "    - {name: États-Unis, category: state, country: USA}\n"
            "    - {name: Russia, category: state, country: RUS}\n")  # fmt: skip
    with pytest.raises(ContentError) as caught:
        build_content(_snapshot_fixture(tmp_path, rows, as_of="2026-01-01"))
    report = str(caught.value)
    assert "supporters.yaml: groups[0].entries[1]: 'United States': signed: 2021-11-10" in report
    assert (
        "supporters.yaml: groups[1].entries[0]: 'Microsoft' is not in the official list" in report
    )
    assert "supporters.yaml: non_supporters[0]: 'Russia' is a non-supporter" in report
    assert (
        "official-list.yaml: snapshot.as_of: 2026-01-01 differs from official_list.as_of" in report
    )
    assert "no count in `counts` dated 2026-01-01" in report
