"""The Slack renderer: Reply -> Block Kit, pure. Limits, escaping, mrkdwn, and every content reply."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.slack.app import to_question
from adapters.slack.mrkdwn import escape, from_slack, to_mrkdwn
from adapters.slack.render import (
    ASK,
    MORE,
    NAV,
    SHARE,
    SOURCES,
    RenderError,
    _upper_size,
    decode_value,
    encode_value,
    render,
    render_home,
    render_more,
)
from bot.core import Core, load_core
from bot.importer import import_supporters
from bot.reply import Field, Reply, Source, Suggestion
from tests.slack_fakes import assert_no_pings, check_message, check_view

SRC = Source(
    "Paris Call: the 9 principles", "https://pariscall.international/en/principles", "2025-12-25"
)
EXPORT = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "pariscall-supporters-export-2025-12-25.csv"
)  # noqa: E501
HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<@U123|ana>",
    "<!subteam^S0123|@admins>",
    "<#C123|general>",
    "@channel",
    "@here",
    "@EVERYONE",
    "&lt;!channel&gt;",
    "&lt;@U123&gt;",
    "a & b < c > d",
]


def sample(**changes: object) -> Reply:
    values: dict[str, object] = {
        "topic": "principle:3",
        "title": "Principle 3: Defend electoral processes",
        "body": "Official wording ([principles page](https://pariscall.international/en/principles)):"
        "\n\n> Strengthen our capacity to prevent malign interference.\n\n"
        "**In plain words.** Elections.\n\n- one\n- two",
        "fields": (Field("Launched", "12 Nov 2018"),),
        "sources": (SRC,),
        "as_of": "2025-12-25",
        "suggestions": (Suggestion("principles", "principles"),),
        "nav": (
            Suggestion("◀ Principle 2", "principle 2"),
            Suggestion("Principle 4 ▶", "principle 4"),
        ),
        "more_url": "https://pariscall.international/en/principles",
    }
    values.update(changes)
    return Reply(**values)  # type: ignore[arg-type]


def payload(reply: Reply, share: str | None = None) -> dict[str, object]:
    return render(reply, share_query=share).to_dict()


# -- shape --------------------------------------------------------------------------------------


def test_reply_becomes_header_sections_fields_context_and_actions() -> None:
    """A full reply renders as header, body, fields, sources/as-of context, buttons."""
    data = payload(sample(), share="principle 3")
    check_message(data)
    kinds = [b["type"] for b in data["blocks"]]
    assert kinds == ["header", "section", "section", "context", "actions", "actions"]
    assert data["blocks"][0]["text"]["text"] == "Principle 3: Defend electoral processes"
    assert data["blocks"][2]["fields"][0]["text"] == "*Launched*\n12 Nov 2018"
    context = " ".join(e["text"] for e in data["blocks"][3]["elements"])
    assert f"Source: <{SRC.url}|{SRC.title}> (25 Dec 2025)" in context
    assert "As of 25 Dec 2025" in context


def test_buttons_carry_queries_and_share() -> None:
    """Nav and suggestion buttons carry their query; share re-asks the question; links are URLs."""
    blocks = payload(sample(), share="principle 3")["blocks"]
    asks = blocks[4]["elements"]
    assert [b["action_id"] for b in asks] == [f"{NAV}_0", f"{NAV}_1", f"{ASK}_2"]
    assert [decode_value(b["value"]) for b in asks] == [
        ("principle 2", "en"),
        ("principle 4", "en"),
        ("principles", "en"),
    ]
    more = blocks[5]["elements"]
    assert more[0]["url"] == "https://pariscall.international/en/principles"
    assert more[-1]["action_id"] == SHARE and decode_value(more[-1]["value"]) == (
        "principle 3",
        "en",
    )
    assert more[-1]["text"]["text"] == "Share in channel"


def test_no_share_button_without_a_query() -> None:
    """Answers already visible to everyone (mentions, shared copies) have no share button."""
    text = json.dumps(payload(sample()))
    assert SHARE not in text


def test_french_reply_gets_french_labels() -> None:
    """Labels the renderer adds follow the reply's language."""
    data = payload(sample(lang="fr"), share="fr principe 3")
    text = json.dumps(data, ensure_ascii=False)
    assert "Partager dans le canal" in text and "À jour au 25 déc. 2025" in text
    assert "Source\u00a0:" in text


def test_minimal_reply_renders() -> None:
    """A reply with only a title and a sentence still renders, with a fallback text."""
    data = payload(Reply(topic="unknown", title="I don't know that one", body="Sorry."))
    check_message(data)
    assert [b["type"] for b in data["blocks"]] == ["header", "section"]
    assert data["text"].startswith("I don't know that one")


# -- mrkdwn and escaping -----------------------------------------------------------------------


def test_markdown_subset_becomes_mrkdwn() -> None:
    """**b** -> *b*, *i* -> _i_, [l](u) -> <u|l>, "- " -> "• ", "> " quotes and `code` kept."""
    md = "**Bold** and *italic* and `code`\n- item [a page](https://x.org/a?b=1&c=2)\n> quoted"
    assert to_mrkdwn(md) == (
        "*Bold* and _italic_ and `code`\n• item <https://x.org/a?b=1&amp;c=2|a page>\n> quoted"
    )


def test_escape_exactly_once() -> None:
    """&, <, > are encoded once; typed entities stay literal text, not double-decoded markup."""
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert escape("&lt;!channel&gt;") == "&amp;lt;!channel&amp;gt;"
    assert escape("AT&amp;T") == "AT&amp;amp;T"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_every_field_cannot_ping(hostile: str) -> None:
    """Mentions and broadcasts in any echoed field come out inert."""
    reply = sample(
        title=f"Is {hostile} a supporter?",
        body=f"You asked about **{hostile}**.\n\n- {hostile}\n> {hostile}\n\n[{hostile}](https://x.org)",
        fields=(Field(hostile, hostile),),
        sources=(Source(hostile, "https://x.org/s", "2025-12-25"),),
        suggestions=(Suggestion(hostile, f"supporter {hostile}"),),
        nav=(Suggestion(hostile, "principle 2"),),
        as_of=hostile,
    )
    data = payload(reply, share=hostile)
    check_message(data)
    assert_no_pings(data)
    view = render_home(reply).to_dict()
    assert_no_pings(view)


def test_from_slack_reads_controls_as_text() -> None:
    """Inbound Slack encoding is undone once: controls become readable text, entities decoded."""
    assert from_slack("<@U1> and <@U2|ana>") == "@U1 and @ana"
    assert from_slack("<!here> <!subteam^S1|@admins> <!subteam^S2>") == "@here @admins @subteam"
    assert from_slack("<#C1|general> <https://x.org|x.org> <mailto:a@b.org|a@b.org>") == (
        "#general x.org a@b.org"
    )
    assert from_slack("a &amp; b &lt;c&gt; &amp;lt;") == "a & b <c> &lt;"


def test_to_question_strips_the_bot_mention() -> None:
    """The bot's own mention is removed wherever it is; an empty question asks for help."""
    assert to_question("<@UBOT> principle 3", "UBOT") == "principle 3"
    assert to_question("hey <@UBOT|pariscall>, principle 3?", "UBOT") == "hey , principle 3?"
    assert to_question("<@UBOT>", "UBOT") == "help"
    assert to_question("  ") == "help"
    assert to_question("<@UOTHER> principle 3") == "principle 3"


def test_button_value_round_trip() -> None:
    """A button value carries query and language, bounded to Slack's 2,000 characters."""
    assert decode_value(encode_value("fr principe 3", "fr")) == ("fr principe 3", "fr")
    assert len(encode_value('"\\' * 5000, "en")) <= 2000
    assert decode_value("not json") == ("", None)
    assert decode_value(None) == ("", None)


# -- limits ------------------------------------------------------------------------------------


def test_long_body_splits_between_paragraphs() -> None:
    """A long body is split into sections of at most 3,000 characters at paragraph breaks."""
    paragraphs = [f"Paragraph {i}. " + "word " * 80 for i in range(12)]
    data = payload(sample(body="\n\n".join(paragraphs), fields=()))
    check_message(data)
    sections = [b["text"]["text"] for b in data["blocks"] if b["type"] == "section"]
    assert len(sections) > 1
    for text in sections:
        assert text.startswith("Paragraph ")


def test_too_long_body_is_cut_with_a_link_to_the_source() -> None:
    """Beyond the message budget the body ends with "…" and a link to read the rest."""
    body = "\n\n".join(f"- [item {i}](https://x.org/{i}) " + "long text " * 60 for i in range(60))
    data = payload(sample(body=body))
    check_message(data)
    sections = [b["text"]["text"] for b in data["blocks"] if b["type"] == "section" and "text" in b]
    assert sections[-1].endswith("… <https://pariscall.international/en/principles|Read the rest>")
    for text in sections:  # no link or entity is cut in half
        assert text.count("<") == text.count(">")
        assert "&" not in text.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")


def test_one_giant_word_is_cut_cleanly() -> None:
    """Even text without spaces is cut within the limits."""
    data = payload(sample(body="x" * 50_000, title="y" * 500))
    check_message(data)
    assert data["blocks"][0]["text"]["text"].endswith("…")


def test_worst_case_reply_fits() -> None:
    """Oversized everything (fields, sources, buttons, body) still gives a valid message."""
    long = "word " * 2000
    reply = sample(
        title=long,
        body="\n\n".join([long] * 30),
        fields=tuple(Field(long, long) for _ in range(25)),
        sources=tuple(Source(long, "https://x.org/" + "p" * 2000, "2025-12-25") for _ in range(12)),
        suggestions=tuple(Suggestion(long, long) for _ in range(30)),
        nav=(Suggestion(long, long), Suggestion(long, long)),
        more_url="https://x.org/" + "m" * 4000,
    )
    check_message(payload(reply, share=long))
    check_view(render_home(reply).to_dict())


def test_unknown_shapes_fail_loudly() -> None:
    """A reply shape the renderer was not written for raises RenderError (caught in tests)."""
    with pytest.raises(RenderError, match="outside the Markdown subset"):
        render(sample(body="## A heading"))
    with pytest.raises(RenderError, match="fields"):
        render(sample(fields=({"name": "x", "value": "y"},)))  # type: ignore[arg-type]
    with pytest.raises(RenderError, match="http"):
        render(sample(sources=(Source("t", "ftp://x", "2025-12-25"),)))
    with pytest.raises(RenderError, match="Reply"):
        render({"title": "x"})  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(max_size=400),
    body=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=6000),
    name=st.text(max_size=300),
    label=st.text(max_size=200),
)
def test_any_text_stays_valid_and_inert(title: str, body: str, name: str, label: str) -> None:
    """Whatever text the core returns, the message validates and nothing pings."""
    body = "\n".join(
        line for line in body.split("\n") if not line.startswith(("#", "```", "|", "<"))
    )
    reply = sample(
        title=title or "t",
        body=body,
        fields=(Field(name, name),),
        suggestions=(Suggestion(label, label),),
    )
    data = payload(reply, share=label)
    check_message(data)
    assert_no_pings(data)
    assert _upper_size(data["blocks"]) >= len(json.dumps(data["blocks"], ensure_ascii=False))


# -- every reply the content can produce -------------------------------------------------------


@pytest.fixture(scope="module")
def imported_core(tmp_path_factory: pytest.TempPathFactory) -> Core:
    """The core with the official supporters export imported (the longest lists)."""
    if not EXPORT.is_file():
        pytest.skip("the shared supporters export is not available")
    data = tmp_path_factory.mktemp("data")
    import_supporters(str(EXPORT), data)
    return load_core(data_dir=data)


def questions(core: Core) -> Iterator[tuple[str, str]]:
    content = core.content
    fixed = ["", "help", "principles", "supporters", "us", "about", "context", "principle 42",
             "is <!channel> a supporter?", "supporter <@U123>", "x" * 3000]  # fmt: skip
    fixed += [
        f"supporters {c}" for c in ("state", "public-authority", "private-sector", "civil-society")
    ]
    fixed += [f"principle {n}" for n in range(1, 10)]
    for p in content.principles:
        fixed += list(p.examples)
    for t in content.topics.values():
        fixed += [t.id, *t.examples, *t.suggestions]
    supporters = content.supporters
    step = max(1, len(supporters) // 150)
    fixed += [f"supporter {s.name}" for s in supporters[::step]]
    for q in dict.fromkeys(fixed):
        for lang in ("en", "fr"):
            yield q, lang


@pytest.mark.parametrize("which", ["bundled", "imported"])
def test_every_content_reply_fits_block_kit(
    which: str, core: Core, request: pytest.FixtureRequest
) -> None:
    """Every answer the content can give renders within Block Kit's limits, without pings."""
    chosen = core if which == "bundled" else request.getfixturevalue("imported_core")
    seen = 0
    for question, lang in questions(chosen):
        reply = chosen.answer(question, lang)
        data = payload(reply, share=question)
        check_message(data)
        assert_no_pings(data)
        # The cheap bound that spares most replies the measuring is a bound.
        assert _upper_size(data["blocks"]) >= len(json.dumps(data["blocks"], ensure_ascii=False))
        seen += 1
    for lang in ("en", "fr"):
        check_message(payload(chosen.sorry(lang)))
    assert seen > 50


def test_home_tab_fits_and_lists_the_principles(core: Core) -> None:
    """The App Home view validates (at most 100 blocks) and shows the nine principles."""
    for lang in ("en", "fr"):
        view = render_home(core.home(lang)).to_dict()
        check_view(view)
        assert_no_pings(view)
        text = json.dumps(view, ensure_ascii=False)
        for number, title in core.principles(lang):
            assert title[:30] in text, (number, title)


def test_principle_3_reads_right(core: Core) -> None:
    """The rendered principle 3 carries its official title and its neighbours as buttons."""
    data = payload(core.answer("principle 3"), share="principle 3")
    assert "Defend electoral processes" in data["blocks"][0]["text"]["text"]
    values = [
        decode_value(e.get("value"))[0]
        for b in data["blocks"]
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert "principle 2" in values and "principle 4" in values


def test_blocks_are_what_slack_sdks_models_give() -> None:
    """The plain dicts are exactly what slack_sdk's validated models serialize to, key order
    included (the models, validated, built here only)."""
    from slack_sdk.models.blocks import (
        ActionsBlock,
        ButtonElement,
        ContextBlock,
        HeaderBlock,
        MarkdownTextObject,
        PlainTextObject,
        SectionBlock,
    )

    reply = sample(details="More.", query="principle 3")
    data = render(reply, share_query="principle 3").to_dict()
    blocks = data["blocks"]
    body = next(b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b)
    context = next(b for b in blocks if b["type"] == "context")["elements"]

    def button(**kw: str) -> ButtonElement:
        return ButtonElement(**kw)

    value = encode_value
    expected = [
        HeaderBlock(text=PlainTextObject(text="Principle 3: Defend electoral processes")),
        SectionBlock(text=MarkdownTextObject(text=body)),
        SectionBlock(fields=[MarkdownTextObject(text="*Launched*\n12 Nov 2018")]),
        ContextBlock(elements=[MarkdownTextObject(text=e["text"]) for e in context]),
        ActionsBlock(elements=[
            button(text="◀ Principle 2", action_id=f"{NAV}_0", value=value("principle 2", "en")),
            button(text="Principle 4 ▶", action_id=f"{NAV}_1", value=value("principle 4", "en")),
            button(text="principles", action_id=f"{ASK}_2", value=value("principles", "en")),
        ]),
        ActionsBlock(elements=[
            button(text="More", action_id=MORE, value=value("principle 3", "en")),
            button(text="Read more", action_id="pariscall_link_0", url=SRC.url),
            button(text="Share in channel", action_id=SHARE, value=value("principle 3", "en"),
                   style="primary"),
        ]),
    ]  # fmt: skip
    assert json.dumps(blocks) == json.dumps([b.to_dict() for b in expected])
    check_message(data)


def test_more_and_sources_buttons_carry_the_query() -> None:
    """A reply with details gets "More" and, when the short form names only some sources,
    "Sources"; both carry the reply's query (else the question) and language."""
    many = tuple(Source(f"S{i}", f"https://e.org/{i}", "2025-01-01") for i in range(4))
    blocks = payload(sample(details="More.", sources=many), share="p3")["blocks"]
    found = {e["action_id"]: decode_value(e["value"]) for b in blocks if b["type"] == "actions"
             for e in b["elements"] if e["action_id"] in (MORE, SOURCES)}  # fmt: skip
    assert found == {MORE: ("p3", "en"), SOURCES: ("p3", "en")}
    data = render(sample(details="More.", query="principle 3"), question="p3").to_dict()
    check_message(data)
    assert decode_value(next(e["value"] for b in data["blocks"] if b["type"] == "actions"
                             for e in b["elements"] if e["action_id"] == MORE)) == (
        "principle 3", "en")  # fmt: skip
    assert MORE not in json.dumps(payload(sample()))  # no details, no button


def test_every_details_message_fits_block_kit(core: Core) -> None:
    """The details and the sources of every answer with details render within Block Kit's
    limits, without pings."""
    seen: set[tuple[str, str]] = set()
    for question, lang in questions(core):
        reply = core.answer(question, lang)
        if not reply.details or (reply.details, lang) in seen:
            continue
        seen.add((reply.details, lang))
        for part in (MORE, SOURCES):
            data = render_more(reply, part).to_dict()
            check_message(data)
            assert_no_pings(data)
    assert len(seen) > 40
