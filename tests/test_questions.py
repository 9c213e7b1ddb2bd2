"""The core answering real questions over the bundled content, as a user would ask them."""

from __future__ import annotations

import re

import pytest

from bot.core import Core

# (question, acceptable topics, words the answer must contain, case-insensitive)
SAMPLES = [
    ("principle 3", {"principle:3"}, ["Defend electoral processes"]),
    ("principle three", {"principle:3"}, ["electoral"]),
    ("third principle", {"principle:3"}, ["electoral"]),
    ("principle III", {"principle:3"}, ["electoral"]),
    ("p3", {"principle:3"}, ["electoral"]),
    ("#3", {"principle:3"}, ["electoral"]),
    ("principle VIII", {"principle:8"}, ["hack"]),
    ("princple 5", {"principle:5"}, ["proliferation"]),
    ("7", {"principle:7"}, ["hygiene"]),
    ("principle 12", {"principles"}, ["there are nine"]),
    ("principle 0", {"principles"}, ["there are nine"]),
    ("principle 123456789012345678901234567890", {"principles"}, ["there are nine"]),
    ("what does the call say about elections?", {"principle:3"}, ["electoral"]),
    ("is hacking back allowed", {"principle:8"}, ["non-State actors"]),
    ("what does it say about hack back?", {"principle:8"}, ["hack"]),
    ("supply chain", {"principle:6"}, ["lifecycle"]),
    ("how many supporters are there", {"supporters"}, ["1,222", "25 Dec 2025"]),
    ("how many states support the paris call", {"supporters"}, ["81"]),
    ("how many companies support it?", {"supporters"}, ["708"]),
    ("is Microsoft a supporter?", {"supporter"}, ["yes"]),
    ("did Russia sign", {"supporter"}, ["no"]),
    ("@pariscall did Russia sign?", {"supporter"}, ["no"]),
    ("is Canada in?", {"supporter"}, ["yes"]),
    ("is Zorgon Widgets a supporter", {"supporter", "unknown"}, ["not in", "official list"]),
    ("why did the US not sign in 2018", {"us-position"}, ["2018"]),
    ("why didn't the US join in 2018?", {"us-position"}, ["2018"]),
    ("when did the united states join", {"us-position"}, ["10 Nov 2021"]),
    ("what is the paris call", {"about"}, ["12 Nov"]),
    ("who launched it", {"about"}, ["Macron"]),
    ("help", {"help"}, ["principle 3"]),
    ("what's the weather in Paris", {"unknown"}, []),
    ("the Paris climate agreement", {"unknown", "faq:paris-agreement"}, ["climate"]),
    ("how do I choose a good password?", {"unknown"}, []),
    # Real questions beyond the table.
    ("what does principle 5 say", {"principle:5"}, ["proliferation"]),
    ("explain the fourth principle", {"principle:4"}, ["intellectual property"]),
    ("What are the 9 principles of the Paris Call?", {"principles"}, ["Cyber hygiene"]),
    ("quels sont les principes", {"principles"}, ["Hygiène informatique"]),
    ("Does the Paris Call ban hacking back?", {"principle:8"}, ["hack"]),
    ("Who are the signatories?", {"supporters"}, ["1,222"]),
    ("list the states", {"supporters"}, ["Canada", "Uzbekistan"]),
    ("who hasn't signed", {"faq:absentees"}, ["Russia"]),
    ("is the Paris Call a treaty?", {"faq:nature"}, ["binding"]),
    ("la Russie a-t-elle signé ?", {"supporter"}, ["Russie"]),
    ("pourquoi les États-Unis n'ont-ils pas signé en 2018 ?", {"us-position"}, ["2018"]),
    ("has japan signed", {"supporter"}, ["Japan"]),
    ("is the EU a supporter", {"supporter"}, ["European Union"]),
    ("is meta a supporter", {"supporter"}, ["Facebook"]),
    ("hello", {"help"}, []),
    ("what is the capital of france", {"unknown"}, []),
    ("When was it signed?", {"about"}, ["12 Nov 2018"]),
    ("What are the nine commitments?", {"principles"}, ["Non-proliferation"]),
    ("What about the UK?", {"supporter"}, ["United Kingdom"]),
    ("which NGOs signed", {"supporters"}, ["391"]),
    ("qu'est-ce que la cyber-riposte ?", {"principle:8"}, ["cyber-riposte"]),
    ("tell us about the uk position", {"unknown"}, []),
]


@pytest.mark.parametrize(("question", "topics", "words"), SAMPLES)
def test_sample_questions(ask, question: str, topics: set[str], words: list[str]) -> None:
    """Each sample question reaches its topic and the answer says what it should."""
    reply = ask(question)
    assert reply.topic in topics, (question, reply.topic, reply.title)
    text = (reply.to_text() + "\n" + reply.details_text()).lower()  # the answer and its details
    for word in words:
        assert word.lower() in text, (question, word, reply.to_text()[:400])


def test_supporter_entities(ask) -> None:
    """Supporter answers carry the matched entity with a yes / no / unknown status."""
    assert ask("is Microsoft a supporter?").entity.supporter == "yes"
    assert ask("did Russia sign").entity.supporter == "no"
    canada = ask("is Canada in?").entity
    assert (canada.supporter, canada.category, canada.country) == ("yes", "state", "CAN")
    assert ask("is Zorgon Widgets a supporter").entity.supporter == "unknown"


@pytest.mark.parametrize("alias", ["US", "USA", "America", "United States", "États-Unis"])
def test_us_aliases(ask, alias: str) -> None:
    """Every common name of the United States finds it, and it is a supporter since 2021."""
    reply = ask(f"is {alias} a supporter?")
    assert reply.entity is not None and reply.entity.name == "United States"
    assert reply.entity.supporter == "yes"


@pytest.mark.parametrize("name", ["UK", "Britain", "Royaume-Uni", "GBR"])
def test_uk_aliases(ask, name: str) -> None:
    """The United Kingdom is found by its everyday names, French name and ISO code."""
    reply = ask(f"supporter {name}")
    assert reply.entity is not None and reply.entity.name == "United Kingdom"


def test_common_words_are_not_countries(ask) -> None:
    """ "us", "can" and "and" in a sentence never become the US, Canada or Andorra."""
    reply = ask("can you tell us about the principles and the call")
    assert reply.entity is None


def test_french_principle(ask) -> None:
    """A French command is answered in French with the official French title."""
    reply = ask("principe 3")
    assert reply.lang == "fr"
    assert "Défendre les processus électoraux" in reply.title


def test_lang_prefix_and_default(ask) -> None:
    """A leading `fr` or the caller's default language picks French."""
    assert ask("fr principle 3").lang == "fr"
    assert ask("principle 3", "fr").lang == "fr"
    assert ask("en principe 3").lang == "en"


def test_principle_quotes_official_text(core: Core, ask) -> None:
    """A principle's answer quotes the principles page exactly, and principle 5's Call wording."""
    for p in core.content.principles:
        reply = ask(f"principle {p.number}")
        assert p.text["en"] in reply.body
        assert reply.sources and reply.as_of
    assert "malicious ICT tools" in ask("principle 5").details


def test_principle_navigation(ask) -> None:
    """Principles offer previous/next, and the ends only one of them."""
    assert [s.query for s in ask("principle 1").nav] == ["principle 2"]
    assert [s.query for s in ask("principle 5").nav] == ["principle 4", "principle 6"]
    assert [s.query for s in ask("principle 9").nav] == ["principle 8"]


def test_principles_lists_all_titles(core: Core, ask) -> None:
    """The principles list names all nine official titles."""
    body = ask("principles").body
    for _, title in core.principles():
        assert title in body


def test_unknown_has_suggestions_and_source(ask) -> None:
    """When the bot does not know, it says so, suggests, and points to the official site."""
    reply = ask("what's the weather in Paris")
    assert 1 <= len(reply.suggestions) <= 3
    assert "pariscall.international" in (reply.more_url or "")
    assert "pariscall.international" in reply.body


def test_dated_figures_say_their_date(ask) -> None:
    """Supporter counts always state the date they are as of."""
    reply = ask("supporters")
    assert reply.as_of == "2025-12-25"
    assert re.search(r"As of \d+ \w+ \d{4}", reply.body)


def test_every_suggestion_is_understood(core: Core) -> None:
    """Every suggestion and nav button the bot offers leads to a real answer."""
    queries = {"principles", "supporters", "us", "about", "context", "help"}
    queries |= {f"principle {n}" for n in range(1, 10)}
    seen: set[str] = set()
    while queries - seen:
        query = (queries - seen).pop()
        seen.add(query)
        reply = core.answer(query)
        assert reply.topic not in ("unknown", "error"), query
        queries |= {s.query for s in (*reply.suggestions, *reply.nav)}
