"""The Discord renderer: a Reply becomes embeds and buttons inside Discord's limits."""

from __future__ import annotations

import re
import string
from typing import Any

import discord
import pytest
from discord_fixtures import message_problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.discord.commands import with_discord_help
from adapters.discord.render import (
    CUSTOM_ID_MAX,
    QUERY_ID,
    QueryButton,
    Rendered,
    cut,
    escape,
    render,
    render_more,
    to_buttons,
    to_custom_id,
    to_markdown,
)
from bot.core import Core
from bot.reply import Field, Reply, Source, Suggestion

PRINCIPLES = "https://pariscall.international/en/principles"


def payload(reply: Reply) -> dict[str, Any]:
    """The message JSON discord.py would send for `reply`."""
    return payload_of(render(reply))


def payload_of(rendered: Rendered) -> dict[str, Any]:
    """The message JSON discord.py would send for a rendered reply."""
    view = rendered.view()
    return {
        "embeds": [e.to_dict() for e in rendered.embeds],
        "components": view.to_components() if view else [],
    }


def principle_reply(**changes: Any) -> Reply:
    base: dict[str, Any] = {
        "topic": "principle:3",
        "title": "Principle 3: Defend electoral processes",
        "body": "Official wording ([principles page](https://pariscall.international/en/principles)):"
        "\n\n> Strengthen our capacity to prevent malign interference.\n\n**In plain words.** Elections.",
        "sources": (Source("Principles page", PRINCIPLES, "2025-12-25"),),
        "as_of": "2025-12-25",
        "suggestions": (Suggestion("All nine", "principles"), Suggestion("About", "about")),
        "nav": (
            Suggestion("◀ Principle 2", "principle 2"),
            Suggestion("Principle 4 ▶", "principle 4"),
        ),
        "more_url": PRINCIPLES,
    }
    base.update(changes)
    return Reply(**base)


def test_a_principle_becomes_one_embed_with_its_source_and_date():
    """Title, body, a footer naming the source and as-of date, and the title links to the source."""
    embed = render(principle_reply()).embeds[0]
    assert embed.title == "Principle 3: Defend electoral processes"
    assert "> Strengthen our capacity" in embed.description
    assert "[principles page](https://pariscall.international/en/principles)" in embed.description
    assert embed.footer.text == "Source: Principles page · as of 25 Dec 2025"
    assert embed.url == PRINCIPLES


def test_french_footer():
    """A French reply gets a French footer."""
    embed = render(principle_reply(lang="fr")).embeds[0]
    assert embed.footer.text == "Source\u00a0: Principles page · à jour au 25 déc. 2025"


def test_buttons_nav_then_suggestions_then_links():
    """Previous/Next on row 0, suggestions on row 1, source links on row 2."""
    rows = payload(principle_reply())["components"]
    assert [[b.get("label") for b in row["components"]] for row in rows] == [
        ["◀ Principle 2", "Principle 4 ▶"],
        ["All nine", "About"],
        ["Principles page"],
    ]
    assert rows[0]["components"][1]["custom_id"] == "pariscall:q:en:principle 4"
    assert rows[2]["components"][0] == {
        "type": 2,
        "style": 5,
        "label": "Principles page",
        "url": PRINCIPLES,
        "disabled": False,
    }


def test_view_is_persistent():
    """No timeout and a stable `pariscall:` custom id on every button, so it survives restarts."""
    view = render(principle_reply()).view()
    assert view is not None and view.timeout is None and view.is_persistent()
    ids = [c.custom_id for c in view.children if isinstance(c, QueryButton)]
    assert ids and all(i.startswith("pariscall:") and len(i) <= CUSTOM_ID_MAX for i in ids)


def test_custom_id_round_trip():
    """A query button's custom id carries its language and query, matched by the template."""
    custom_id = to_custom_id("fr", "supporter Microsoft")
    assert custom_id == "pariscall:q:fr:supporter Microsoft"
    match = QUERY_ID.fullmatch(custom_id)
    assert match and match["lang"] == "fr" and match["query"] == "supporter Microsoft"


def test_a_query_too_long_for_a_custom_id_gets_no_button():
    """Discord allows 100 characters of custom id: a longer query is left out, not truncated."""
    long = Suggestion("Long", "supporter " + "x" * 95)
    rendered = render(principle_reply(suggestions=(long,), nav=()))
    assert to_custom_id("en", long.query) is None
    assert all(b.query != long.query for b in rendered.buttons)


def test_at_most_five_buttons_a_row_and_no_duplicate_ids():
    """Seven suggestions give five buttons; a suggestion equal to a nav button appears once."""
    many = tuple(Suggestion(f"S{i}", f"principle {i}") for i in range(1, 8))
    data = payload(principle_reply(suggestions=many))
    assert message_problems(data) == []
    ids = [
        b["custom_id"] for row in data["components"] for b in row["components"] if "custom_id" in b
    ]
    assert len(ids) == len(set(ids))
    assert ids.count("pariscall:q:en:principle 2") == 1


def test_long_labels_are_cut_to_80():
    """Button labels are cut to Discord's 80 characters with an ellipsis."""
    label = "A very long suggestion label " * 10
    data = payload(principle_reply(suggestions=(Suggestion(label, "about"),)))
    button = data["components"][1]["components"][0]
    assert len(button["label"]) <= 80 and button["label"].endswith("…")


def test_unsafe_urls_get_no_link_button():
    """Only http(s) URLs of at most 512 characters become link buttons."""
    sources = (
        Source("Bad", "javascript:alert(1)", "2025-12-25"),
        Source("Long", "https://example.org/" + "a" * 600, "2025-12-25"),
        Source("Good", "https://example.org/ok", "2025-12-25"),
    )
    rendered = render(principle_reply(sources=sources, more_url=None))
    assert [b.url for b in rendered.buttons if b.url] == ["https://example.org/ok"]


def test_a_long_body_is_cut_cleanly_with_a_link_to_the_source():
    """A body over 4,096 characters ends with "…" and a "Read more" link, never half a link."""
    paragraph = "**Bold start** then [a link](https://example.org/page) and words " * 8
    body = "\n\n".join(f"- {paragraph}" for _ in range(40))
    embed = render(principle_reply(body=body)).embeds[0]
    assert len(embed.description) <= 4096
    assert embed.description.endswith(f"…\n\n[Read more]({PRINCIPLES})")
    kept = embed.description.rsplit("…", 1)[0]
    assert kept.count("**") % 2 == 0
    assert kept.count("[") == len(re.findall(r"\[[^\]]+\]\(https://[^)]+\)", kept))


def test_many_long_fields_stay_within_the_total():
    """40 long fields: at most 25 kept, each within 256/1,024, and 6,000 characters in all."""
    fields = tuple(Field("N" * 300, "v " * 1000) for _ in range(40))
    data = payload(principle_reply(fields=fields, title="T" * 400, body="word " * 2000))
    assert message_problems(data) == []
    assert data["embeds"][0]["fields"]


def test_many_sources_fit_in_the_footer():
    """Twenty long sources: the footer names the best ones only, and keeps its date."""
    sources = tuple(
        Source("Title " * 30 + str(i), f"https://e.org/{i}", "2025-01-01") for i in range(20)
    )
    data = payload(principle_reply(sources=sources, as_of=None))
    assert message_problems(data) == []
    footer = data["embeds"][0]["footer"]["text"]
    assert len(footer) <= 2048 and footer.endswith("· as of 1 Jan 2025")
    assert footer.startswith("Source: Title") and "Title 1" not in footer


def test_mentions_and_discord_markup_in_text_are_made_inert():
    """@everyone, user and role mentions, underline, strikethrough and spoilers are escaped."""
    hostile = "@everyone @here <@123456789012345678> <@&123456789012345678> __u__ ~~s~~ ||x||"
    data = payload(principle_reply(title=hostile, body=hostile, fields=(Field(hostile, hostile),)))
    embed = data["embeds"][0]
    for text in (
        embed["title"],
        embed["description"],
        embed["fields"][0]["name"],
        embed["fields"][0]["value"],
    ):
        assert "@everyone" not in text and "@here" not in text
        assert "<@123456789012345678>" not in text and "<@&123456789012345678>" not in text
        assert "__u__" not in text and "~~s~~" not in text and "||x||" not in text


def test_markdown_subset_passes_through():
    """Bold, links, bullets, quotes, code spans and italics mean the same on Discord."""
    body = "Intro **bold** [l](https://e.org/a_b) `principle N` *it*\n\n- item\n> quote"
    assert to_markdown(body) == body


def test_lines_that_would_be_headings_are_escaped():
    """A line starting with '#' or '>>>' is not turned into a heading or a block quote."""
    assert to_markdown("# not a heading\n>>> not a quote") == "\\# not a heading\n\\>>> not a quote"


def test_escape_leaves_urls_whole():
    """Underscores are escaped in text but not inside URLs."""
    assert escape("snake_case https://e.org/a_b") == "snake\\_case https://e.org/a_b"


def test_cut_prefers_paragraph_boundaries():
    """Cutting keeps whole paragraphs when it can."""
    text = "First paragraph here.\n\nSecond paragraph that is long enough to be cut off."
    assert cut(text, 40) == "First paragraph here.…"


def test_empty_fields_get_a_placeholder():
    """Discord rejects empty field names or values; they become a zero-width space."""
    embed = render(principle_reply(fields=(Field("", ""),))).embeds[0]
    assert embed.fields[0].name == "\u200b" and embed.fields[0].value == "\u200b"


def test_messages_carry_no_mentions():
    """Every send uses AllowedMentions.none()."""
    kwargs = render(principle_reply()).kwargs()
    assert kwargs["allowed_mentions"].to_dict() == {"parse": []}
    assert isinstance(kwargs["view"], discord.ui.View)


text = st.text(alphabet=string.printable + "éàç—…@<>#*_`~|[]()\u200b", max_size=6000)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=400),
    body=text,
    fields=st.lists(st.tuples(st.text(max_size=300), st.text(max_size=1500)), max_size=30),
    labels=st.lists(
        st.tuples(st.text(min_size=0, max_size=120), st.text(max_size=120)), max_size=8
    ),
    sources=st.lists(
        st.tuples(st.text(max_size=300), st.sampled_from([PRINCIPLES, "ftp://x", ""])), max_size=10
    ),
)
def test_any_reply_fits_discord(title, body, fields, labels, sources):
    """Whatever a Reply holds, the message stays within every Discord limit."""
    reply = Reply(
        topic="unknown",
        title=title,
        body=body,
        fields=tuple(Field(n, v) for n, v in fields),
        sources=tuple(Source(t, u, "2025-12-25") for t, u in sources),
        suggestions=tuple(Suggestion(label, query) for label, query in labels),
        nav=tuple(Suggestion(label, query) for label, query in labels[:2]),
        more_url=PRINCIPLES,
    )
    assert message_problems(payload(reply)) == []


# --- every reply the bundled content can produce ---------------------------------------------


def content_questions(core: Core) -> list[tuple[str, str]]:
    """Every command query, content example and supporter name, in both languages."""
    queries = ["principles", "supporters", "us", "about", "context", "help", ""]
    queries += [f"principle {n}" for n, _ in core.principles("en")]
    queries += ["principle 0", "principle 42", f"principle {10**30}"]
    queries += ["supporters state", "supporters public-authority"]
    queries += ["supporters private-sector", "supporters civil-society"]
    for p in core.content.principles:
        queries += list(p.examples)
    for topic in core.content.topics.values():
        queries += list(topic.examples) + list(topic.suggestions)
    names = {n for letter in string.ascii_lowercase for n in core.complete_supporters(letter, 25)}
    queries += [f"supporter {n}" for n in sorted(names)]
    queries += ["supporter Russia", "supporter Xyzzy Unknown Org", "supporter " + "@everyone " * 50]
    return [(q, lang) for q in queries for lang in ("en", "fr")]


def test_every_content_reply_fits_discord(core: Core):
    """All principles, topics, examples and supporter answers render within Discord's limits."""
    replies = [core.answer(q, lang) for q, lang in content_questions(core)]
    replies += [with_discord_help(core.answer("help", lang)) for lang in ("en", "fr")]
    replies += [core.home(lang) for lang in ("en", "fr")] + [
        core.sorry(lang) for lang in ("en", "fr")
    ]
    follow = {(s.query, r.lang) for r in replies for s in (*r.suggestions, *r.nav)}
    replies += [core.answer(q, lang) for q, lang in follow]
    assert len(replies) > 50
    problems = {r.topic + ": " + p for r in replies for p in message_problems(payload(r))}
    assert problems == set()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_principle_has_previous_next_and_links(core: Core, lang: str):
    """Each principle's message has nav buttons and at least one link to its source."""
    for number, _ in core.principles(lang):
        rendered = render(core.answer(f"principle {number}", lang))
        assert any(b.url for b in rendered.buttons)
        assert any(b.row == 0 and b.query for b in rendered.buttons)


def test_more_and_sources_buttons_on_a_reply_with_details():
    """A reply with details gets "More" (and "Sources" when the short form cannot name every
    source) on row 3, carrying its query; a reply without details gets neither."""
    many = tuple(Source(f"S{i}", f"https://e.org/{i}", "2025-01-01") for i in range(4))
    reply = principle_reply(details="More text.", query="principle 3", sources=many)
    more = [b for b in to_buttons(reply) if b.row == 3]
    assert [(b.label, b.custom_id) for b in more] == [
        ("More", "pariscall:m:en:principle 3"),
        ("Sources", "pariscall:s:en:principle 3"),
    ]
    assert not [b for b in to_buttons(principle_reply()) if b.row == 3]
    long_question = "why " * 40
    assert not [b for b in to_buttons(principle_reply(details="x"), long_question) if b.row == 3]


def test_every_details_message_fits_discord(core: Core):
    """The details and the sources of every answer with details fit Discord's limits."""
    seen: set[tuple[str, str]] = set()
    for question, lang in content_questions(core):
        reply = core.answer(question, lang)
        if not reply.details or (reply.details, lang) in seen:
            continue
        seen.add((reply.details, lang))
        for part in ("m", "s"):
            data = payload_of(render_more(reply, part))
            assert message_problems(data) == [], (reply.topic, part)
    assert len(seen) > 40
