"""Building replies from content: one function per kind of answer, all pure."""

from __future__ import annotations

import itertools

from bot.content import CATEGORIES, Content, Count, OfficialList, Principle, Supporter, Topic, pick
from bot.formats import number, typeset
from bot.lazy import lazy
from bot.messages import (
    category_label,
    human_date,
    localized_url,
    named,
    of_named,
    official_site,
    query_label,
    say,
)
from bot.reply import SHORT_SOURCES, Entity, Field, Reply, Source, Suggestion, sources_markdown
from bot.supporters import NameMatch
from bot.text import fold, quote_user_text, tokens
from bot.timeframe import Moment

PRINCIPLES_URL = {"en": "https://pariscall.international/en/principles",
                  "fr": "https://pariscall.international/fr/principles"}  # fmt: skip
CALL_URL = {"en": "https://pariscall.international/en/call",
            "fr": "https://pariscall.international/fr/call"}  # fmt: skip
MAX_LISTED = 90  # names listed in one supporters reply; beyond, the official list is linked
SHORT_BODY = 360  # characters of a topic's text in the short form; the rest goes to the details
# Signatories named in the supporters overview, when the content has them (else the curated
# entries with a note, then the first ones listed).
NOTABLE = {
    "state": ("France", "United States", "United Kingdom", "Japan"),
    "public-authority": ("European Union", "INTERPOL"),
    "private-sector": ("Microsoft", "SAP", "Schneider Electric"),
    "civil-society": ("CyberPeace Institute", "Global Forum on Cyber Expertise"),
}
TOPIC_QUERY = {"us-position": "us", "about": "about", "context": "context"}
_SENTENCE_END = lazy(r"(?<=[.!?…»”\"])\s+(?=[A-Z«“\"(*ÀÂÉÈÊÎÔÙÇ0-9])")
_ACCENTED = lazy("[éèêàçùâîôûœ]")
_OTHER_LANG = {"en": ("(FR", "FR)", "FR,"), "fr": ("(EN", "EN)", "EN,")}


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines() if line.strip())


def follow(query: str, lang: str, content: Content | None = None) -> Suggestion:
    """A follow-up query with a readable label ("us" becomes "U.S. position"); an example
    question of a topic is labelled with that topic's title, and in French asked with one of the
    topic's French examples."""
    # The same few suggestions recur (their queries are the bot's own, never the user's): each
    # is worked out once.
    key = (id(content) if content is not None else 0, query, lang)
    found = _FOLLOWS.get(key)
    if found is None:
        found = _FOLLOWS[key] = _follow(query, lang, content)
    return found


_FOLLOWS: dict[tuple[int, str, str], Suggestion] = {}


def _follow(query: str, lang: str, content: Content | None) -> Suggestion:
    if content is not None and " " in query and not query.startswith(("principle ", "supporter")):
        found = _topic_of(query, content)
        if found is not None:
            french = [e for e in found.examples if _is_french(e)]
            if lang == "fr" and french:
                # The most carefully written one: accents and a question mark, then the shortest.
                query = min(french, key=lambda e: (not _ACCENTED.search(e), "?" not in e, len(e)))
            return Suggestion(pick(found.title, lang), query)
    return Suggestion(query_label(query, lang), query)


def _topic_of(question: str, content: Content) -> Topic | None:
    """The topic a suggested question is an example of, else the one whose longest keyword it
    contains."""
    folded = f" {' '.join(tokens(fold(question)))} "
    best, score = None, 0
    for t in content.topics.values():
        if question in t.examples:
            return t
        found = max(
            (len(k) for k in t.keywords if f" {' '.join(tokens(fold(k)))} " in folded), default=0
        )
        if found > score:
            best, score = t, found
    return best


def _is_french(text: str) -> bool:
    from bot.matching import detect_lang  # the router's own test of a French question

    return detect_lang(fold(text), text) == "fr"


def split_short(text: str, budget: int = SHORT_BODY) -> tuple[str, str]:
    """(short, rest): whole paragraphs while they fit in `budget`, the first one cut at a
    sentence end if it is longer; a paragraph ending in ":" keeps the list items that fit."""
    paragraphs = [p for p in text.strip().split("\n\n") if p.strip()]
    short: list[str] = []
    used = 0
    while paragraphs:
        para = paragraphs[0]
        if used + len(para) <= budget:
            short.append(para)
            used += len(para) + 2
            paragraphs.pop(0)
            continue
        if not short:
            head, tail = _sentences(para, budget)
            short.append(head)
            paragraphs[0] = tail
            if not tail:
                paragraphs.pop(0)
        elif short[-1].rstrip().endswith(":") and para.startswith("- "):
            items = para.split("\n")
            kept: list[str] = []
            while items and (not kept or used + len(items[0]) <= budget):
                used += len(items[0]) + 1
                kept.append(items.pop(0))
            if kept:
                short.append("\n".join(kept))
            paragraphs[0] = "\n".join(items)
            if not items:
                paragraphs.pop(0)
        break
    if short and short[-1].rstrip().endswith(":") and len(short) > 1:
        paragraphs.insert(0, short.pop())  # an introduction without what it introduces
    return "\n\n".join(short), "\n\n".join(p for p in paragraphs if p.strip())


def _sentences(paragraph: str, budget: int) -> tuple[str, str]:
    """The sentences of `paragraph` that fit in `budget` (at least one), and the rest."""
    ends = [m for m in _SENTENCE_END.finditer(paragraph) if not _in_link(paragraph, m.start())]
    cut = None
    for m in ends:
        if m.start() > budget and cut is not None:
            break
        cut = m
    if cut is None:
        return paragraph, ""
    return paragraph[: cut.start()], paragraph[cut.end() :]


def _in_link(text: str, i: int) -> bool:
    return text.rfind("[", 0, i) > text.rfind("]", 0, i)


def best_first(sources: list[Source] | tuple[Source, ...], lang: str) -> list[Source]:
    """Sources in the reply's language first (a French page is a poor first source in English)."""
    other = _OTHER_LANG.get(lang, ())
    return sorted(sources, key=lambda s: any(mark in s.title for mark in other))


def finish(reply: Reply) -> Reply:
    """French typography on every text of a French reply, and every source listed in the details
    when the short form cannot name them all."""
    lang = reply.lang
    if lang == "fr":
        reply = reply.replace(
            title=typeset(reply.title, lang),
            body=typeset(reply.body, lang),
            details=typeset(reply.details, lang),
            fields=tuple(Field(typeset(f.name, lang), typeset(f.value, lang), f.inline)
                         for f in reply.fields),
            suggestions=tuple(Suggestion(typeset(s.label, lang), s.query)
                              for s in reply.suggestions),
        )  # fmt: skip
    if reply.details or len(reply.sources) > SHORT_SOURCES:
        reply = reply.replace(details="\n\n".join(
            x for x in (reply.details.strip(), sources_section(reply.sources, lang)) if x))  # fmt: skip
    return reply


def sources_section(sources: tuple[Source, ...], lang: str) -> str:
    """Every source as a Markdown list with its date, under a heading line."""
    return sources_markdown(sources, lang)


def _core_words(sentence: str) -> str:
    """A sentence without what differs between a list item and a title line ("d'", ";")."""
    text = fold(sentence).strip(" ;.")
    for lead in ("de ", "d'"):
        text = text.removeprefix(lead)
    return text


def _dedupe(sources: list[Source]) -> tuple[Source, ...]:
    seen: dict[str, Source] = {}
    for s in sources:
        seen.setdefault(s.url, s)
    return tuple(seen.values())


def principle(p: Principle, lang: str) -> Reply:
    """The official title and wording, what it means in one sentence; the rest as details."""
    url = PRINCIPLES_URL.get(lang, PRINCIPLES_URL["en"])
    meaning, more = _sentences(pick(p.explanation, lang), 0)
    body = [_quote(pick(p.text, lang)), say("in_plain_words", lang, text=meaning)]
    details = [more] if more else []
    call = pick(p.call_text, lang)
    if call and _core_words(call) != _core_words(pick(p.text, lang)):
        details.append(
            say("call_wording", lang, n=p.number, url=CALL_URL.get(lang, CALL_URL["en"]))
        )
        details.append(_quote(call))
    details.append(say("official_wording_at", lang, url=url))
    nav = []
    if p.number > 1:
        nav.append(Suggestion(say("previous", lang, n=p.number - 1), f"principle {p.number - 1}"))
    if p.number < 9:
        nav.append(Suggestion(say("next", lang, n=p.number + 1), f"principle {p.number + 1}"))
    return finish(Reply(
        topic=p.id,
        title=say("principle_title", lang, n=p.number, title=pick(p.title, lang)),
        body="\n\n".join(body),
        lang=lang,
        sources=tuple(best_first(p.sources, lang)),
        as_of=p.as_of,
        nav=tuple(nav),
        suggestions=(follow("principles", lang), follow("about", lang)),
        more_url=url,
        details="\n\n".join(details),
        query=f"principle {p.number}",
    ))  # fmt: skip


def principles_pair(first: Principle, other: Principle, lang: str) -> Reply:
    """Two principles at once ("what's the difference between principle 1 and 2?"): the first
    one's answer, each with its title, wording and plain words."""
    one, two = principle(first, lang), principle(other, lang)
    return finish(one.replace(
        title=say("principles_pair_title", lang, a=first.number, b=other.number),
        body="\n\n".join(f"**{r.title}**\n\n{r.body}" for r in (one, two)),
        sources=_dedupe([*one.sources, *two.sources]),
    ))  # fmt: skip


def principles(content: Content, lang: str, lead: str = "") -> Reply:
    items = [f"- **{p.number}.** {pick(p.title, lang)}" for p in content.principles]
    body = "\n\n".join(x for x in (lead, say("principles_intro", lang), "\n".join(items)) if x)
    first = content.principles[0]
    return finish(Reply(
        topic="principles",
        title=say("principles_title", lang),
        body=body,
        lang=lang,
        sources=tuple(best_first(first.sources, lang)),
        as_of=first.as_of,
        suggestions=tuple(
            Suggestion(f"{p.number}. {pick(p.title, lang)}", f"principle {p.number}")
            for p in content.principles[:5]
        ),
        more_url=PRINCIPLES_URL.get(lang, PRINCIPLES_URL["en"]),
        query="principles",
    ))  # fmt: skip


def topic(t: Topic, lang: str, content: Content | None = None) -> Reply:
    """The start of the topic's text; the rest, its dated timeline and every source as details."""
    short, rest = split_short(pick(t.body, lang))
    details = [rest]
    sources = list(t.sources)
    if t.timeline:
        details.append("\n".join(f"- **{human_date(e.date, lang)}**: {pick(e.text, lang)}"
                                  for e in t.timeline))  # fmt: skip
        for entry in t.timeline:
            sources.extend(entry.sources)
    query = TOPIC_QUERY.get(t.id) or (t.examples[0] if t.examples else "")
    return finish(Reply(
        topic=t.id,
        title=pick(t.title, lang),
        body=short,
        lang=lang,
        fields=tuple(Field(pick(n, lang), pick(v, lang)) for n, v in t.fields),
        sources=_dedupe(best_first(sources, lang)),
        as_of=t.as_of,
        suggestions=tuple(follow(q, lang, content) for q in t.suggestions[:5]),
        more_url=official_site(lang),
        details="\n\n".join(d for d in details if d.strip()),
        query=query,
    ))  # fmt: skip


def _count_line(c: Count, lang: str, with_note: bool = True) -> str:
    labels = {"en": ("states", "public authorities", "civil society", "private sector", "total"),
              "fr": ("États", "autorités publiques", "société civile", "secteur privé",
                     "au total")}  # fmt: skip
    values = (c.states, c.public_authorities, c.civil_society, c.private_sector, c.total)
    names = labels.get(lang, labels["en"])
    shown = ", ".join(f"{number(v, lang)} {n}" for v, n in zip(values, names, strict=True)
                      if v is not None)  # fmt: skip
    approx = (
        {"en": " (approximate)", "fr": " (approximatif)"}.get(lang, "") if c.approximate else ""
    )
    note = pick(c.note, lang) if with_note else ""
    return f"- **{human_date(c.as_of, lang)}**: {shown}{approx}" + (f". {note}" if note else "")


def _milestones(counts: tuple[Count, ...]) -> list[Count]:
    """One count a year: the launch figure for the first year, then each year's last figure.

    After the launch year, an exact count beats a rounded one of the same year: a rounded figure
    is shown only for a year with no exact count.
    """
    by_year: dict[str, Count] = {}
    for count in counts:
        year = count.as_of[:4]
        kept = by_year.get(year)
        if kept is not None and count.approximate and not kept.approximate:
            continue
        if kept is None or year != counts[0].as_of[:4]:
            by_year[year] = count
    return list(by_year.values())


def list_source(official: OfficialList, lang: str) -> Source:
    """The list the bot answers from, as a source: what it is (never a local path), its address
    and its one as-of date."""
    what = pick(official.source, lang) or say("list_default", lang)
    return Source(say("list_source", lang, source=what), official.source_url or official.url,
                  official.as_of)  # fmt: skip


def name_of(entry: Supporter, lang: str, start: bool = False) -> tuple[str, bool]:
    """The entry's name as written in a sentence (with its article), and whether it is plural."""
    return named(entry.name, entry.fr, entry.grammar, lang, start)


def notable(content: Content, category: str, lang: str, limit: int = 4) -> list[str]:
    """A few well-known supporters of a category, as written in a sentence."""
    table = content.supporters
    # The named ones (the last listed of a name), then entries with a note (hand-written ones,
    # first in the table), then the first ones listed: rows are built only for those shown.
    picked: list[Supporter] = []
    for name in NOTABLE.get(category, ()):
        rows = [i for i in table.named(name) if _member(table[i], category)]
        if rows:
            picked.append(table[rows[-1]])
    picked = picked[:limit]
    seen = {s.name for s in picked}
    noted = (e for e in table.entries if e.note and _member(e, category))
    rest = (table[i] for i in table.members(category))
    for s in itertools.chain(noted, rest):
        if len(picked) >= limit:
            break
        if s.name not in seen:
            picked.append(s)
            seen.add(s.name)
    return [name_of(s, lang)[0] for s in picked]


def _member(entry: Supporter, category: str) -> bool:
    return entry.supporter and entry.category == category


def supporters(content: Content, lang: str, category: str = "") -> Reply:
    """The current counts and a few signatories of each kind; the history and lists as details."""
    latest = content.counts[-1]
    official = content.official_list
    values = (latest.states, latest.public_authorities, latest.civil_society, latest.private_sector)
    counts = say("supporters_latest", lang, as_of=human_date(latest.as_of, lang),
                 total=number(latest.total or 0, lang), states=latest.states,
                 pa=latest.public_authorities, cs=latest.civil_society,
                 ps=latest.private_sector)  # fmt: skip
    details: list[str] = []
    counted = sum(v or 0 for v in values)
    if latest.total and counted and latest.total > counted:
        details.append(say("supporters_uncategorised", lang, n=latest.total - counted,
                           sum=number(counted, lang)))  # fmt: skip
    what = pick(official.source, lang) or say("list_default", lang)
    if official.imported:
        details.append(say("supporters_imported", lang, source=what,
                           date=human_date(official.as_of, lang)))  # fmt: skip
    else:
        details.append(say("supporters_changed", lang, source=what,
                           changed=human_date(official.changed, lang)))  # fmt: skip
    list_url = localized_url(official.url, lang)
    if category:
        table = content.supporters
        label = category_label(category, lang, plural=True)
        some = notable(content, category, lang)
        counted_here = dict(zip(CATEGORIES, values, strict=True)).get(category)
        body = [say("category_count", lang, as_of=human_date(latest.as_of, lang),
                    n=number(counted_here if counted_here is not None else table.size(category), lang), label=label.lower() if lang == "en" or
                    category != "state" else label, total=number(latest.total or 0, lang))]  # fmt: skip
        if some:
            some_key = "category_some" if category == "state" else "category_some_f"
            body.append(say(some_key, lang, names=", ".join(some)))
        size = table.size(category)  # names sorted once, when the content was cached
        listed = ", ".join(table.listed(category, lang, MAX_LISTED)) + (
            " …" if size > MAX_LISTED else ""
        )
        details.insert(0, say("supporters_known", lang, label=label, n=size) + "\n" + listed)
        if category == "state":  # notable non-supporters are hand-written entries
            absent = [s.name for s in table.entries if not s.supporter and s.country]
            if absent:
                details.insert(1, say("supporters_not", lang, names=", ".join(absent)))
        details.append(counts)
        shown: list[Count] = []
    else:
        body = [counts]
        rows = [f"- **{category_label(c, lang, plural=True)}**: {', '.join(notable(content, c, lang, 3))}"
                for c in CATEGORIES]  # fmt: skip
        body.append(say("supporters_notable", lang) + "\n" + "\n".join(rows))
        shown = _milestones(content.counts[:-1])
        history = [_count_line(c, lang) for c in shown]
        if history:
            details.insert(0, say("supporters_history", lang) + "\n" + "\n".join(history))
    details.append(say("full_list", lang, url=list_url))
    sources = [list_source(official, lang), *latest.sources] + [s for c in shown for s in c.sources]
    return finish(Reply(
        topic="supporters",
        title=say("supporters_title", lang),
        body="\n\n".join(body),
        lang=lang,
        sources=_dedupe(best_first(sources, lang)),
        as_of=latest.as_of,
        suggestions=tuple(
            Suggestion(category_label(c, lang, plural=True), f"supporters {c}")
            for c in CATEGORIES
            if c != category
        )
        + (follow("us", lang),),
        more_url=list_url,
        details="\n\n".join(details),
        query=f"supporters {category}".strip(),
    ))  # fmt: skip


LATER = "2018-12-31"  # a supporter listed after this date did not sign at the launch


def supporter(
    content: Content,
    entity: Supporter | None,
    asked: str,
    lang: str,
    known: int,
    at_launch: bool = False,
) -> Reply:
    """Yes or no with the list's date; the entry's note and the list's link as details.
    `at_launch`: the question asks whether it signed at the launch ("did Benin sign at the
    start?"): a supporter that joined later is not a plain yes."""
    official = content.official_list
    list_url = localized_url(official.url, lang)
    if entity is None:
        name = quote_user_text(asked)
        return finish(Reply(
            topic="supporter",
            title=say("supporter_unknown_title", lang, name=name),
            body=say("supporter_unknown", lang, name=name, n=number(known, lang), url=list_url,
                     as_of=human_date(official.as_of, lang)),
            lang=lang,
            sources=(list_source(official, lang),),
            as_of=official.as_of,
            entity=Entity(name=name, supporter="unknown"),
            suggestions=(follow("supporters", lang),),
            more_url=list_url,
        ))  # fmt: skip
    name, plural = name_of(entity, lang, start=True)
    in_title = name_of(entity, lang)[0]
    plural = plural and lang == "fr"

    def key(k: str) -> str:
        return f"{k}_pl" if plural else k

    if entity.supporter:
        country = f", {entity.country}" if entity.country and entity.category != "state" else ""
        # One as-of date for the whole list: the date of the list the bot answers from.
        as_of = human_date(official.as_of, lang)
        category = category_label(entity.category, lang) or say("no_category", lang)
        body = [say(key("supporter_yes"), lang, name=name, category=category, country=country,
                    as_of=as_of)]  # fmt: skip
        # The date it signed or was listed belongs to the answer's first paragraph.
        if entity.signed:
            body[0] += " " + say("supporter_signed", lang, date=human_date(entity.signed, lang))
        elif entity.first_listed:
            body[0] += " " + say(
                "supporter_since", lang, date=human_date(entity.first_listed, lang)
            )
        title = say(key("supporter_yes_title"), lang, name=in_title)
        joined = entity.signed or entity.first_listed
        if at_launch and joined and joined > LATER:
            title = say(key("supporter_later_title"), lang, name=in_title,
                        date=human_date(joined, lang))  # fmt: skip
        elif at_launch and not joined:
            body.append(say("supporter_when_unknown", lang))
    else:
        body = [say(key("supporter_no"), lang, name=name, as_of=human_date(official.as_of, lang))]
        title = say(key("supporter_no_title"), lang, name=in_title)
    details = []
    note, rest = _sentences(pick(entity.note, lang), 160) if pick(entity.note, lang) else ("", "")
    if note:
        body.append(note)
    if rest:
        details.append(rest)
    details.append(say("full_list", lang, url=list_url))
    sources = (list_source(official, lang), *entity.sources)
    suggestions = [follow("supporters", lang)]
    if entity.country == "USA":
        suggestions.insert(0, follow("us", lang))
    return finish(Reply(
        topic="supporter",
        title=title,
        body="\n\n".join(body),
        lang=lang,
        sources=_dedupe(best_first(list(sources), lang)),
        as_of=official.as_of,
        entity=Entity(
            name=entity.name,
            supporter="yes" if entity.supporter else "no",
            category=entity.category,
            country=entity.country,
            since=entity.signed or entity.first_listed,
        ),
        suggestions=tuple(suggestions),
        more_url=list_url,
        details="\n\n".join(details),
        query=f"supporter {entity.name}",
    ))  # fmt: skip


def unknown(candidates: list[Suggestion], lang: str, content: Content | None = None) -> Reply:
    """ "I don't know", with up to three suggestions (the closest topics, then the basics)."""
    defaults = [follow("principles", lang), follow("supporters", lang),
                follow("about", lang)]  # fmt: skip
    picked: list[Suggestion] = []
    for s in candidates + defaults:
        if content is not None and lang == "fr":
            s = Suggestion(s.label, follow(s.query, lang, content).query)
        if s.query not in {p.query for p in picked}:
            picked.append(s)
    picked = picked[:3]
    return finish(Reply(
        topic="unknown",
        title=say("unknown_title", lang),
        body=say("unknown", lang, url=official_site(lang)),
        lang=lang,
        suggestions=tuple(picked),
        more_url=official_site(lang),
    ))  # fmt: skip


def help_reply(lang: str) -> Reply:
    return finish(Reply(
        topic="help",
        title=say("help_title", lang),
        body=say("help", lang),
        lang=lang,
        suggestions=(
            follow("principles", lang),
            follow("supporters", lang),
            follow("us", lang),
        ),
        more_url=official_site(lang),
        query="help",
    ))  # fmt: skip


def sorry(lang: str) -> Reply:
    return finish(Reply(topic="error", title=say("sorry_title", lang),
                        body=say("sorry", lang, url=official_site(lang)), lang=lang,
                        more_url=official_site(lang)))  # fmt: skip


def name_notes(reply: Reply, match: NameMatch | None, near: tuple[str, ...], lang: str) -> Reply:
    """Say how a name was read: a typo corrected ("Did you mean ...?"), other entries the same
    name could mean, or the closest names when it matched none. Never a silent substitution."""
    lead, choices = "", list(near)
    if match is not None and match.how == "fuzzy":
        lead = say("did_you_mean", lang, typed=quote_user_text(match.typed), name=match.entry.name)
    if match is not None and match.others:
        names = [match.entry.name, *(o.name for o in match.others)]
        lead = say("several_names", lang, typed=quote_user_text(match.typed or names[0]),
                   names=", ".join(f"**{n}**" for n in names))  # fmt: skip
        choices = names[1:]
    if not lead and not choices:
        return reply
    suggestions = tuple(Suggestion(n, f"supporter {n}") for n in choices[:3]) + reply.suggestions
    body = f"{lead}\n\n{reply.body}" if lead else reply.body
    if choices and not lead:
        body += "\n\n" + say("near_names", lang, names=", ".join(f"**{n}**" for n in choices[:3]))
    return reply.replace(body=body, suggestions=suggestions[:5])


def choices(content: Content, match: NameMatch, lang: str) -> Reply:
    """A name that fits several entries ("Korea", "ARM"): each one with its answer, to pick from;
    never a "yes" about one of them on a guess."""
    typed = quote_user_text(match.typed or match.entry.name)
    as_of = human_date(content.official_list.as_of, lang)
    return _each_name(
        content, [(e.name, e) for e in (match.entry, *match.others)], typed, lang,
        title=say("choices_title", lang, typed=typed),
        lead=say("choices", lang, typed=typed, as_of=as_of),
    )  # fmt: skip


def either(
    content: Content, asked: str, found: list[tuple[str, NameMatch | None]], lang: str
) -> Reply:
    """A question about two or three names ("Tencent or Alibaba?"): each one's answer from the
    official list; a name that is not an entry is said to be so."""
    typed = quote_user_text(asked)
    as_of = human_date(content.official_list.as_of, lang)
    entries = [m.entry if m else None for _, m in found]
    title = say("either_title", lang, typed=typed)
    if all(e is not None and e.supporter for e in entries):  # "Yes: Morocco, Tunisia are all..."
        shown = [e.fr if lang == "fr" and e.fr else e.name for e in entries if e]
        names = ", ".join(shown[:-1]) + f" {say('and', lang)} {shown[-1]}"
        title = say("either_all_title", lang, names=names)
    return _each_name(
        content, [(name, e) for (name, _), e in zip(found, entries, strict=True)], typed, lang,
        title=title, lead=say("either", lang, as_of=as_of),
    )  # fmt: skip


def _each_name(
    content: Content, names: list[tuple[str, Supporter | None]], typed: str, lang: str,
    title: str, lead: str,
) -> Reply:  # fmt: skip
    """Several names, each with its answer from the official list (None: not an entry)."""
    official = content.official_list
    lines = [
        f"- **{quote_user_text(name)}**: " + say("choice_unknown", lang) if e is None
        else f"- **{e.fr if lang == 'fr' and e.fr else e.name}**: "
        + say("choice_yes" if e.supporter else "choice_no", lang)
        for name, e in names
    ]  # fmt: skip
    listed = [e for _, e in names if e is not None]
    return finish(Reply(
        topic="supporter",
        title=title,
        body=lead + "\n\n" + "\n".join(lines),
        lang=lang,
        sources=(list_source(official, lang),),
        as_of=official.as_of,
        entity=Entity(name=typed, supporter="unknown"),
        suggestions=tuple(Suggestion(e.name, f"supporter {e.name}") for e in listed[:4]),
        more_url=localized_url(official.url, lang),
    ))  # fmt: skip


_COUNT_FIELDS = ("states", "public_authorities", "civil_society", "private_sector", "total")


def supporters_at(content: Content, lang: str, moment: Moment, category: str = "") -> Reply:
    """The dated counts for the time a question names ("at the launch", "in Nov 2019")."""
    if moment.kind == "latest":
        return latest_additions(content, lang, category)
    counts = content.counts
    if moment.kind == "launch":
        picked = [c for c in counts if c.as_of <= "2018-11-20"]
    elif moment.kind == "reach":  # the first count at or above the figure asked about
        picked = [c for c in counts if (getattr(c, moment.field) or 0) >= moment.reach][:1]
    else:
        before = [
            c
            for c in counts
            if (c.as_of < moment.date if moment.before else c.as_of <= moment.date)
        ]
        exact = [c for c in before if not c.approximate]
        # The last exact count, then the reports made after it up to that date: "in Dec 2018"
        # gives the mid-November count and The Hill's "more than 450" of 2 December.
        if exact:
            base = exact[-1]
            picked = [base] + [c for c in before if c.approximate and c.as_of > base.as_of
                               and any((getattr(c, f) or 0) > (getattr(base, f) or 0)
                                       for f in _COUNT_FIELDS)]  # fmt: skip
        else:
            picked = before[-1:]
        if moment.kind == "year" and picked and picked[-1].as_of[:4] != moment.date[:4]:
            picked = []
    if not picked:
        reply = supporters(content, lang, category)
        lead = say("no_count_then", lang, date=human_date(moment.date, lang))
        return reply.replace(body=f"{lead}\n\n{reply.body}")
    lines = [_count_line(c, lang, with_note=False) for c in picked]
    lead = say(f"count_{moment.kind}", lang, date=human_date(picked[-1].as_of, lang))
    latest = content.counts[-1]
    now = say("count_now", lang, date=human_date(latest.as_of, lang), states=latest.states,
              total=number(latest.total or 0, lang))  # fmt: skip
    # The dated counts' sources, then the source of today's figure the answer also gives.
    sources = [s for c in picked for s in c.sources] + list(latest.sources)
    shown = picked + [c for c in _milestones(content.counts[:-1]) if c not in picked]
    history = [_count_line(c, lang) for c in sorted(shown, key=lambda c: c.as_of)]
    return finish(Reply(
        topic="supporters",
        title=say("supporters_then_title", lang),
        body="\n\n".join((lead, "\n".join(lines), now)),
        lang=lang,
        sources=_dedupe(best_first(sources, lang)),
        as_of=picked[-1].as_of,
        suggestions=(follow("supporters", lang), follow("us", lang)),
        more_url=localized_url(content.official_list.url, lang),
        details=say("supporters_history", lang) + "\n" + "\n".join(history) if history else "",
    ))  # fmt: skip


def by_country(content: Content, lang: str, category: str = "", shown: int = 10) -> Reply:
    """The countries with the most supporters ("which country has the most supporters?")."""
    official = content.official_list
    table = content.supporters
    counts = table.by_country(category)

    def country(code: str) -> str:
        state = table.state(code)
        return name_of(state, lang, start=True)[0] if state is not None else code

    lines = [f"- {country(code)}: {number(n, lang)}" for code, n in list(counts.items())[:shown]]
    what = (category_label(category, lang, plural=True).lower() if category
            else say("by_country_all", lang))  # fmt: skip
    lead = say("by_country", lang, as_of=human_date(official.as_of, lang), what=what)
    return finish(Reply(
        topic="supporters",
        title=say("by_country_title", lang),
        body=lead + "\n" + "\n".join(lines),
        lang=lang,
        sources=(list_source(official, lang),),
        as_of=official.as_of,
        suggestions=(follow("supporters", lang),),
        more_url=localized_url(official.url, lang),
    ))  # fmt: skip


def latest_additions(content: Content, lang: str, category: str = "") -> Reply:
    """The entries added last ("which was the most recent state to join?"): those of the list's
    last change, when the content dates them, and the latest dated entry of each category (or of
    the one asked about). Only hand-written entries carry a date, so the reply says so."""
    official = content.official_list
    dated = sorted((e for e in content.supporters.entries if e.supporter and e.first_listed),
                   key=lambda e: e.first_listed or "", reverse=True)  # fmt: skip

    def names(entries: list[Supporter]) -> str:
        return ", ".join(name_of(e, lang)[0] + (f" ({e.country})" if e.country and
                         e.category != "state" else "") for e in entries)  # fmt: skip

    body = []
    last = [e for e in dated if e.first_listed == official.changed]
    if last and not category:
        body.append(say("latest_changed", lang, date=human_date(official.changed, lang),
                        as_of=human_date(official.as_of, lang), names=names(last)))  # fmt: skip
    lines = []
    for kind in [category] if category else CATEGORIES:
        of_kind = [e for e in dated if e.category == kind]
        if of_kind:
            newest = [e for e in of_kind if e.first_listed == of_kind[0].first_listed]
            date = human_date(of_kind[0].first_listed or "", lang)
            lines.append(f"- {category_label(kind, lang, plural=True)}: {names(newest)} ({date})")
    if lines:
        body.append(say("latest_of", lang) + "\n" + "\n".join(lines))
    if not body:
        return supporters(content, lang, category)
    body.append(say("latest_dates", lang, n=len(dated)))
    sources = [list_source(official, lang)] + [s for e in dated[:8] for s in e.sources]
    return finish(Reply(
        topic="supporters",
        title=say("latest_title", lang),
        body="\n\n".join(body),
        lang=lang,
        sources=_dedupe(best_first(sources, lang)),
        as_of=official.as_of,
        suggestions=(follow("supporters", lang),),
        more_url=localized_url(official.url, lang),
    ))  # fmt: skip


def supporters_from(content: Content, lang: str, state: Supporter, category: str = "") -> Reply:
    """Supporters from one country ("how many French organisations signed?", "which US cities
    signed?"): the count by category from the official list, and their names as details."""
    official = content.official_list
    table = content.supporters
    members = [s for s in map(table.__getitem__, table.from_country(state.country))
               if s.supporter and s.category != "state" and (not category or s.category == category)]  # fmt: skip
    where = of_named(name_of(state, lang)[0], lang)  # "from the United States", "des États-Unis"
    by_category = [(c, sum(1 for s in members if s.category == c)) for c in CATEGORIES]
    parts = ", ".join(f"{number(n, lang)} {category_label(c, lang, plural=True).lower()}"
                      for c, n in by_category if n)  # fmt: skip
    names = sorted(s.name for s in members)
    body = [say("from_country", lang, n=number(len(members), lang), where=where,
                as_of=human_date(official.as_of, lang), parts=parts or "-")]  # fmt: skip
    if names:
        shown = ", ".join(names[:SHOWN_FROM]) + (" …" if len(names) > SHOWN_FROM else "")
        body.append(say("from_country_some", lang, names=shown))
    return finish(Reply(
        topic="supporters",
        title=say("from_country_title", lang, where=where),
        body="\n\n".join(body),
        lang=lang,
        sources=(list_source(official, lang),),
        as_of=official.as_of,
        suggestions=(follow("supporters", lang),),
        more_url=localized_url(official.url, lang),
        details=", ".join(names) if len(names) > SHOWN_FROM else "",
    ))  # fmt: skip


SHOWN_FROM = 12  # names shown in a country's supporters answer; all of them are in its details
