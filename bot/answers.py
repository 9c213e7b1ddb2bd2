"""Building replies from content: one function per kind of answer, all pure."""

from __future__ import annotations

from bot.content import CATEGORIES, Content, Count, OfficialList, Principle, Supporter, Topic, pick
from bot.messages import FOLLOW_LABELS, OFFICIAL_SITE, category_label, human_date, say
from bot.reply import Entity, Field, Reply, Source, Suggestion
from bot.text import fold, quote_user_text
from bot.timeframe import Moment
from bot.supporters import NameMatch
from dataclasses import replace

PRINCIPLES_URL = {"en": "https://pariscall.international/en/principles",
                  "fr": "https://pariscall.international/fr/principles"}  # fmt: skip
CALL_URL = {"en": "https://pariscall.international/en/call",
            "fr": "https://pariscall.international/fr/call"}  # fmt: skip
MAX_LISTED = 90  # names listed in one supporters reply; beyond, the official list is linked


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in text.splitlines() if line.strip())


def follow(query: str, lang: str) -> Suggestion:
    """A follow-up query with a readable label ("us" becomes "U.S. position")."""
    label = say(f"label_{query}", lang) if query in FOLLOW_LABELS else query[:1].upper() + query[1:]
    return Suggestion(label, query)


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
    return tuple(seen.values())[:8]


def principle(p: Principle, lang: str) -> Reply:
    body = [say("official_wording", lang, url=PRINCIPLES_URL.get(lang, PRINCIPLES_URL["en"]))]
    body.append(_quote(pick(p.text, lang)))
    call = pick(p.call_text, lang)
    if call and _core_words(call) != _core_words(pick(p.text, lang)):
        body.append(say("call_wording", lang, n=p.number, url=CALL_URL.get(lang, CALL_URL["en"])))
        body.append(_quote(call))
    body.append(say("in_plain_words", lang, text=pick(p.explanation, lang)))
    nav = []
    if p.number > 1:
        nav.append(Suggestion(say("previous", lang, n=p.number - 1), f"principle {p.number - 1}"))
    if p.number < 9:
        nav.append(Suggestion(say("next", lang, n=p.number + 1), f"principle {p.number + 1}"))
    return Reply(
        topic=p.id,
        title=say("principle_title", lang, n=p.number, title=pick(p.title, lang)),
        body="\n\n".join(body),
        lang=lang,
        sources=p.sources,
        as_of=p.as_of,
        nav=tuple(nav),
        suggestions=(follow("principles", lang), follow("about", lang)),
        more_url=PRINCIPLES_URL.get(lang, PRINCIPLES_URL["en"]),
    )


def principles(content: Content, lang: str, lead: str = "") -> Reply:
    items = [f"- **{p.number}.** {pick(p.title, lang)}" for p in content.principles]
    body = "\n\n".join(x for x in (lead, say("principles_intro", lang), "\n".join(items)) if x)
    first = content.principles[0]
    return Reply(
        topic="principles",
        title=say("principles_title", lang),
        body=body,
        lang=lang,
        sources=first.sources,
        as_of=first.as_of,
        suggestions=tuple(
            Suggestion(f"{p.number}. {pick(p.title, lang)}", f"principle {p.number}")
            for p in content.principles[:5]
        ),  # fmt: skip
        more_url=PRINCIPLES_URL.get(lang, PRINCIPLES_URL["en"]),
    )


def topic(t: Topic, lang: str) -> Reply:
    parts = [pick(t.body, lang)]
    sources = list(t.sources)
    if t.timeline:
        parts.append("\n".join(f"- **{human_date(e.date, lang)}**: {pick(e.text, lang)}"
                               for e in t.timeline))  # fmt: skip
        for entry in t.timeline:
            sources.extend(entry.sources)
    return Reply(
        topic=t.id,
        title=pick(t.title, lang),
        body="\n\n".join(p for p in parts if p),
        lang=lang,
        fields=tuple(Field(pick(n, lang), pick(v, lang)) for n, v in t.fields),
        sources=_dedupe(sources),
        as_of=t.as_of,
        suggestions=tuple(follow(q, lang) for q in t.suggestions[:5]),
        more_url=OFFICIAL_SITE,
    )


def _count_line(c: Count, lang: str) -> str:
    labels = {"en": ("states", "public authorities", "civil society", "private sector", "total"),
              "fr": ("États", "autorités publiques", "société civile", "secteur privé", "total")}  # fmt: skip
    values = (c.states, c.public_authorities, c.civil_society, c.private_sector, c.total)
    names = labels.get(lang, labels["en"])
    shown = ", ".join(f"{v:,} {n}" for v, n in zip(values, names, strict=True) if v is not None)
    approx = (
        {"en": " (approximate)", "fr": " (approximatif)"}.get(lang, "") if c.approximate else ""
    )
    note = pick(c.note, lang)
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


def supporters(content: Content, lang: str, category: str = "") -> Reply:
    latest = content.counts[-1]
    official = content.official_list
    values = (latest.states, latest.public_authorities, latest.civil_society, latest.private_sector)
    body = [say("supporters_latest", lang, as_of=human_date(latest.as_of, lang),
                total=f"{latest.total or 0:,}", states=latest.states, pa=latest.public_authorities,
                cs=latest.civil_society, ps=latest.private_sector)]  # fmt: skip
    counted = sum(v or 0 for v in values)
    if latest.total and counted and latest.total > counted:
        body.append(
            say("supporters_uncategorised", lang, n=latest.total - counted, sum=f"{counted:,}")
        )
    what = pick(official.source, lang) or say("list_default", lang)
    if official.imported:
        body.append(say("supporters_imported", lang, source=what,
                        date=human_date(official.as_of, lang)))  # fmt: skip
    else:
        body.append(say("supporters_changed", lang, source=what,
                        changed=human_date(official.changed, lang)))  # fmt: skip
    if category:
        members = [s for s in content.supporters if s.supporter and s.category == category]
        names = [
            (s.fr if lang == "fr" and s.fr and category == "state" else s.name) for s in members
        ]
        label = category_label(category, lang, plural=True)
        listed = ", ".join(sorted(names)[:MAX_LISTED]) + (" …" if len(names) > MAX_LISTED else "")
        body.append(say("supporters_known", lang, label=label, n=len(names)) + "\n" + listed)
        if category == "state":
            absent = [s.name for s in content.supporters if not s.supporter and s.country]
            if absent:
                body.append(say("supporters_not", lang, names=", ".join(absent)))
    else:
        history = [_count_line(c, lang) for c in _milestones(content.counts[:-1])]  # shown below
        if history:
            body.append(say("supporters_history", lang) + "\n" + "\n".join(history))
    body.append(say("full_list", lang, url=official.url))
    fields = tuple(
        Field(category_label(cat, lang, plural=True), f"{v:,}")
        for cat, v in zip(CATEGORIES, values, strict=True) if v is not None
    )  # fmt: skip
    shown = [] if category else _milestones(content.counts[:-1])
    sources = [list_source(official, lang), *latest.sources] + [s for c in shown for s in c.sources]
    return Reply(
        topic="supporters",
        title=say("supporters_title", lang),
        body="\n\n".join(body),
        lang=lang,
        fields=fields,
        sources=_dedupe(sources),
        as_of=latest.as_of,
        suggestions=tuple(
            Suggestion(category_label(c, lang, plural=True), f"supporters {c}")
            for c in CATEGORIES
            if c != category
        )
        + (follow("us", lang),),  # fmt: skip
        more_url=official.url,
    )


def supporter(
    content: Content, entity: Supporter | None, asked: str, lang: str, known: int
) -> Reply:
    official = content.official_list
    if entity is None:
        name = quote_user_text(asked)
        return Reply(
            topic="supporter",
            title=say("supporter_unknown_title", lang, name=name),
            body=say("supporter_unknown", lang, name=name, n=f"{known:,}", url=official.url),
            lang=lang,
            sources=(list_source(official, lang),),
            as_of=official.as_of,
            entity=Entity(name=name, supporter="unknown"),
            suggestions=(follow("supporters", lang),),
            more_url=official.url,
        )
    name = entity.fr if lang == "fr" and entity.fr else entity.name
    if entity.supporter:
        country = f", {entity.country}" if entity.country and entity.category != "state" else ""
        # One as-of date for the whole list: the date of the list the bot answers from.
        as_of = human_date(official.as_of, lang)
        category = category_label(entity.category, lang) or say("no_category", lang)
        body = [say("supporter_yes", lang, name=name, category=category, country=country,
                    as_of=as_of)]  # fmt: skip
        if entity.signed:
            body.append(say("supporter_signed", lang, date=human_date(entity.signed, lang)))
        elif entity.first_listed:
            body.append(say("supporter_since", lang, date=human_date(entity.first_listed, lang)))
        title = say("supporter_yes_title", lang, name=name)
    else:
        body = [say("supporter_no", lang, name=name, as_of=human_date(official.as_of, lang))]
        title = say("supporter_no_title", lang, name=name)
    note = pick(entity.note, lang)
    if note:
        body.append(note)
    body.append(say("full_list", lang, url=official.url))
    sources = (list_source(official, lang), *entity.sources)
    suggestions = [follow("supporters", lang)]
    if entity.country == "USA":
        suggestions.insert(0, follow("us", lang))
    return Reply(
        topic="supporter",
        title=title,
        body="\n\n".join(body),
        lang=lang,
        sources=_dedupe(list(sources)),
        as_of=official.as_of,
        entity=Entity(
            name=entity.name,
            supporter="yes" if entity.supporter else "no",
            category=entity.category,
            country=entity.country,
            since=entity.signed or entity.first_listed,
        ),
        suggestions=tuple(suggestions),
        more_url=official.url,
    )


def unknown(candidates: list[Suggestion], lang: str) -> Reply:
    defaults = [follow("principles", lang), follow("supporters", lang),
                follow("about", lang)]  # fmt: skip
    picked = (candidates + [d for d in defaults if d.query not in {c.query for c in candidates}])[
        :3
    ]
    return Reply(
        topic="unknown",
        title=say("unknown_title", lang),
        body=say("unknown", lang, url=OFFICIAL_SITE),
        lang=lang,
        suggestions=tuple(picked),
        more_url=OFFICIAL_SITE,
    )


def help_reply(lang: str) -> Reply:
    return Reply(
        topic="help",
        title=say("help_title", lang),
        body=say("help", lang),
        lang=lang,
        suggestions=(
            follow("principles", lang),
            follow("supporters", lang),
            follow("us", lang),
        ),  # fmt: skip
        more_url=OFFICIAL_SITE,
    )


def sorry(lang: str) -> Reply:
    return Reply(topic="error", title=say("sorry_title", lang), body=say("sorry", lang, url=OFFICIAL_SITE),
                 lang=lang, more_url=OFFICIAL_SITE)  # fmt: skip


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
    return replace(reply, body=body, suggestions=suggestions[:5])


def supporters_at(content: Content, lang: str, moment: Moment, category: str = "") -> Reply:
    """The dated counts for the time a question names ("at the launch", "in Nov 2019")."""
    counts = content.counts
    if moment.kind == "launch":
        picked = [c for c in counts if c.as_of <= "2018-11-20"]
    else:
        before = [c for c in counts if (c.as_of < moment.date if moment.before else c.as_of <= moment.date)]
        exact = [c for c in before if not c.approximate]
        last = (exact or before)[-1:] if before else []
        if moment.kind == "year" and last and last[0].as_of[:4] != moment.date[:4]:
            last = []
        picked = last
    if not picked:
        reply = supporters(content, lang, category)
        lead = say("no_count_then", lang, date=human_date(moment.date, lang))
        return replace(reply, body=f"{lead}\n\n{reply.body}")
    lines = [_count_line(c, lang) for c in picked]
    lead = say(f"count_{moment.kind}", lang, date=human_date(picked[-1].as_of, lang))
    latest = content.counts[-1]
    now = say("count_now", lang, date=human_date(latest.as_of, lang), states=latest.states,
              total=f"{latest.total or 0:,}")  # fmt: skip
    sources = [s for c in picked for s in c.sources]
    return Reply(
        topic="supporters",
        title=say("supporters_then_title", lang),
        body="\n\n".join((lead, "\n".join(lines), now)),
        lang=lang,
        sources=_dedupe(sources),
        as_of=picked[-1].as_of,
        suggestions=(follow("supporters", lang), follow("us", lang)),
        more_url=content.official_list.url,
    )
