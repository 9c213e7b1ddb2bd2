"""The answers as a chat user reads them: short first, details on request, natural French."""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.content import CATEGORIES, pick
from bot.core import Core
from bot.evaluation import load_cases
from bot.formats import NBSP, NNBSP, typeset
from bot.reply import Reply

QUESTIONS = Path(__file__).parent / "questions"
SHORT_MEDIAN = 500
SHORT_MAX = 1000


def every_reply(core: Core, lang: str) -> list[Reply]:
    """Every kind of reply the content can produce in `lang`: every topic, principle, listing, a
    sample of supporters of each category, notable non-supporters, unknown, help and errors."""
    content = core.content
    questions = ["principles", "supporters", "help", "", "us", "about", "context",
                 "what's the weather in Paris", "principle 42", "supporter Zorgon Widgets",
                 "supporter microsfot"]  # fmt: skip
    questions += [f"principle {p.number}" for p in content.principles]
    questions += [f"supporters {c}" for c in CATEGORIES]
    questions += [t.examples[0] for t in content.topics.values() if t.examples]
    for category in CATEGORIES:
        members = [s for s in content.supporters if s.supporter and s.category == category]
        curated = [s for s in members if s.note]
        questions += [
            f"supporter {s.name}" for s in (curated + members[:: max(1, len(members) // 8)])
        ]
    questions += [f"supporter {s.name}" for s in content.supporters if not s.supporter]
    replies = [core.answer(q, lang) for q in questions]
    return [*replies, core.sorry(lang), core.home(lang)]


# -- A. short first, details on request ----------------------------------------------------------


def test_short_forms_fit_a_chat(core: Core) -> None:
    """Over tests/questions, the short form (Reply.to_text) has a median of at most 500
    characters and none is over 1,000."""
    cases = load_cases([QUESTIONS])
    lengths = [len(core.answer(c.question, c.lang).to_text()) for c in cases]
    assert len(lengths) > 500
    assert statistics.median(lengths) <= SHORT_MEDIAN, statistics.median(lengths)
    longest = max(lengths)
    assert longest <= SHORT_MAX, [c.question for c, n in zip(cases, lengths, strict=True)
                                  if n == longest]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_reply_is_short(core: Core, lang: str) -> None:
    """No reply the content can produce has a short form over 1,000 characters."""
    long = [(r.topic, len(r.to_text())) for r in every_reply(core, lang) if r.topic != "home"
            and len(r.to_text()) > SHORT_MAX]  # fmt: skip
    assert long == []


def test_supporter_answer_says_yes_or_no_with_the_date_first(ask: Callable[..., Reply]) -> None:
    """The title is the answer; the first sentence gives the list's date; the note's rest and
    every source are details."""
    us = ask("is the US a supporter?")
    assert us.title == "Yes: the United States supports the Paris Call"
    assert us.body.startswith("**The United States** is in the official list of supporters")
    assert "as of 25 Dec 2025" in us.body.split("\n")[0]
    assert "Kamala Harris" in us.details and "**All sources**" in us.details
    russia = ask("did russia sign?")
    assert russia.title == "No: Russia has not joined the Paris Call"
    assert ask("is the EU a supporter").title == ("Yes: the European Union supports the Paris Call")


def test_principle_is_its_title_wording_and_one_sentence(core: Core, ask) -> None:
    """A principle's short form: official title, official wording, one sentence of meaning; the
    rest of the explanation and the Call's wording are details."""
    p5 = core.content.principles[4]
    reply = ask("principle 5")
    assert pick(p5.title, "en") in reply.title
    assert pick(p5.text, "en") in reply.body
    meaning = reply.body.split("**In plain words.** ")[1]
    assert meaning.count(". ") == 0 and meaning.endswith(".")
    assert "malicious ICT tools" in reply.details and "malicious ICT tools" not in reply.body
    assert reply.query == "principle 5"


def test_topic_short_form_is_the_start_of_its_text(core: Core, ask) -> None:
    """A topic's short form is the start of its text; the rest and the dated timeline are
    details, with every source."""
    topic = core.content.topics["us-position"]
    reply = ask("us")
    first = pick(topic.body, "en").split("\n\n")[0]
    assert reply.body and first.startswith(reply.body.split("\n\n")[0][:120])
    assert len(reply.body) < len(pick(topic.body, "en"))
    assert "10 Nov 2021" in reply.details  # the timeline
    assert all(s.url in reply.details for s in reply.sources)
    assert len(reply.short_sources()) <= 2 < len(reply.sources)


def test_who_signed_names_signatories(ask: Callable[..., Reply]) -> None:
    """ "Who signed it?" gives today's counts and a few signatories of each kind; the counts
    over time are details."""
    reply = ask("supporters")
    assert "**1,222**" in reply.body
    for name in ("France", "the United States", "the European Union", "Microsoft",
                 "CyberPeace Institute"):  # fmt: skip
        assert name in reply.body, name
    assert "11 Jan 2022" in reply.details and "11 Jan 2022" not in reply.body
    states = ask("supporters state")
    assert "**81** states" in states.body and "Uzbekistan" in states.details


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_query_rebuilds_the_details(core: Core, lang: str) -> None:
    """A reply's `query`, asked again in its language, gives the same details: what the
    platforms' "More" buttons rely on."""
    for reply in every_reply(core, lang):
        if reply.query and reply.topic != "home":
            again = core.answer(reply.query, reply.lang)
            assert (again.topic, again.details) == (reply.topic, reply.details), reply.query


def test_json_gives_text_and_details(ask: Callable[..., Reply]) -> None:
    """`to_dict` holds the short form as plain `text` and the details as plain text, "" when none."""
    data = json.loads(json.dumps(ask("principle 3").to_dict()))
    assert data["text"] == ask("principle 3").to_text()
    assert data["details"] and "**" not in data["details"] and "](" not in data["details"]
    assert ask("help").to_dict()["details"] == ""


def test_json_names_every_field(ask: Callable[..., Reply]) -> None:
    """`to_dict` (written out field by field) holds every field of the reply and of its parts,
    so a field added to the model cannot go missing from `ask --json`."""
    reply = ask("is France a supporter?")
    data = reply.to_dict()
    assert reply.entity is not None and reply.sources and reply.suggestions
    assert set(data) == {*Reply.__slots__, "text"}
    assert set(data["entity"]) == set(type(reply.entity).__slots__)
    assert set(data["sources"][0]) == set(type(reply.sources[0]).__slots__)
    assert set(data["suggestions"][0]) == set(type(reply.suggestions[0]).__slots__)
    fields = ask("about").fields
    assert fields and set(ask("about").to_dict()["fields"][0]) == set(type(fields[0]).__slots__)
    nav = ask("principle 3").to_dict()["nav"]
    assert [n["query"] for n in nav] == ["principle 2", "principle 4"]


# -- C. French as a French speaker writes it -----------------------------------------------------


def test_french_articles_and_agreement(ask: Callable[..., Reply]) -> None:
    """States and organisations take their article, and the verb agrees."""
    assert (
        ask("la Chine a-t-elle signé ?").title
        == "Non\u00a0: la Chine n’a pas rejoint l’Appel de Paris"
    )
    us = ask("supporter États-Unis", "fr")
    assert us.title == "Oui\u00a0: les États-Unis soutiennent l’Appel de Paris"
    assert us.body.startswith("**Les États-Unis** figurent dans la liste officielle")
    eu = ask("supporter European Union", "fr")
    assert eu.title == "Oui\u00a0: l’Union européenne soutient l’Appel de Paris"
    assert ask("supporter Canada", "fr").body.startswith("**Le Canada** figure")


def test_french_numbers_dates_and_links(ask: Callable[..., Reply]) -> None:
    """1 222 with a narrow no-break space, dates in French, links to the /fr/ pages."""
    reply = ask("soutiens")
    assert f"1{NNBSP}222" in reply.body and "1,222" not in reply.body
    assert "25 déc. 2025" in reply.body
    assert reply.more_url == "https://pariscall.international/fr/supporters"
    for r in (ask("fr what's the weather in Paris"), ask("aide"), ask("fr supporter Microsoft")):
        urls = re.findall(r"https://pariscall\.international/\w\w/", r.body + (r.more_url or ""))
        assert urls and all("/fr/" in u for u in urls), r.topic


def test_typeset_french(ask: Callable[..., Reply]) -> None:
    """No-break spaces before : ; ? ! and inside « », ’ for the apostrophe; URLs, code and
    quoted official texts untouched; English untouched."""
    assert typeset("Oui : l'Appel ; « vrai » ? [a](https://x.org/a:b)", "fr") == (
        f"Oui{NBSP}: l’Appel{NNBSP}; «{NNBSP}vrai{NNBSP}»{NNBSP}? [a](https://x.org/a:b)"
    )
    assert typeset("> Texte : officiel", "fr") == "> Texte : officiel"
    assert typeset("`principe 3` : ok", "fr") == f"`principe 3`{NBSP}: ok"
    assert typeset("Yes: it's", "en") == "Yes: it's"


# Proper names and titles that stay in English in French text.
PROPER_NAMES = ("The Hill", "Alliance for Securing Democracy", "Centre of Excellence of",
                "Cybersecurity Tech Accord", "Tech Accord", "Paris Call", "The Cybersecurity 202",
                "The Hague Centre for Strategic Studies")  # fmt: skip
ENGLISH_WORDS = {
    *[
        "the",
        "and",
        "of",
        "with",
        "has",
        "have",
        "is",
        "are",
        "was",
        "were",
        "been",
        "which",
        "what",
        "who",
        "how",
        "from",
        "this",
        "that",
        "these",
    ],
    *[
        "those",
        "their",
        "its",
        "in",
        "to",
        "for",
        "by",
        "yes",
        "no",
        "supports",
        "supported",
        "entries",
        "listed",
        "since",
        "signed",
    ],
    *["joined", "official", "list", "read", "share", "try", "more", "as", "undated", "approximate"],
}
_NOT_PROSE = re.compile(r"\]\([^)]*\)|https?://\S+|`[^`]*`|«[^»]*»|“[^”]*”|\"[^\"]*\"|^> .*$",
                        re.MULTILINE)  # fmt: skip


def french_prose(reply: Reply, names: list[str]) -> str:
    """The fixed and content text of a French reply, without quotations, URLs, code, proper
    names and the list of sources (their titles are quoted as published)."""
    details = reply.details.split("**Toutes les sources**")[0]
    labels = [s.label for s in (*reply.suggestions, *reply.nav)]
    fields = [f"{f.name} {f.value}" for f in reply.fields]
    text = "\n".join([reply.title, reply.body, details, *labels, *fields])
    text = _NOT_PROSE.sub(" ", text)
    for name in sorted((*names, *PROPER_NAMES), key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def english_words(reply: Reply, names: list[str]) -> list[str]:
    """The English words left in a French reply's prose."""
    words = re.findall(r"[A-Za-z]+", french_prose(reply, names))
    return sorted({w for w in words if w.lower() in ENGLISH_WORDS})


def test_no_english_in_french_replies(core: Core) -> None:
    """Every French reply the content can produce is French: no English fixed text in titles,
    bodies, details, fields or labels (proper names and quoted titles aside)."""
    names = [s.name for s in core.content.supporters]
    leak = Reply("supporter", "Oui : Microsoft", "Yes: listed since 2018.", lang="fr")
    assert english_words(leak, names) == ["Yes", "listed", "since"]  # the check itself works
    found = []
    for reply in every_reply(core, "fr"):
        assert reply.lang == "fr"
        english = english_words(reply, names)
        if english:
            found.append((reply.topic, reply.title[:40], english))
    assert found == []


def test_french_typography_everywhere(core: Core) -> None:
    """In every French reply: no plain space before : ; ? !, no straight apostrophe in prose,
    no comma as a thousands separator."""
    names = [s.name for s in core.content.supporters]
    problems = []
    for reply in every_reply(core, "fr"):
        prose = french_prose(reply, names)
        for pattern in (r" [:;?!]", r"\w'\w", r"\b\d{1,3},\d{3}\b"):
            for m in re.finditer(pattern, prose):
                problems.append((reply.topic, prose[max(0, m.start() - 30) : m.end() + 10]))
    assert problems == []


def test_french_suggestions_are_french_and_understood(core: Core) -> None:
    """Every follow-up a French reply offers is understood, and an example question offered as
    one is a French question."""
    for reply in every_reply(core, "fr"):
        for s in (*reply.suggestions, *reply.nav):
            again = core.answer(s.query, "fr")
            assert again.topic not in ("unknown", "error"), (reply.topic, s.query)
            assert again.lang == "fr", (reply.topic, s.query)


def test_french_contracts_de_before_a_country(ask: Callable[..., Reply]) -> None:
    """ "de" + article contracts as French requires: des États-Unis, du Japon, de la France."""
    assert ask("fr which US cities signed?").title == "Les soutiens des États-Unis"
    assert "soutiens du Japon" in ask("fr how many japanese companies signed").body
    assert ask("which US cities signed?").title == "Supporters from the United States"
