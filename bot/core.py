"""The core: load content once, then answer questions with a neutral `Reply`.

Synchronous and free of I/O after loading; it knows nothing of Slack, Discord or terminals.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from bot import answers
from bot.content import Content, cache_key, pick, read_cache, write_cache
from bot.matching import Intent, Router, detect_lang
from bot.messages import say
from bot.reply import Reply, Suggestion
from bot.roster import SupporterTable
from bot.supporters import NameMatch, SupporterIndex, name_key
from bot.text import MAX_QUESTION_CHARS, clean, fold

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from collections.abc import Callable

LANGS = ("en", "fr")
RECENT = 2048  # replies kept for questions asked again (most chat questions recur)
BUILT = 1024  # replies kept by what they answer (see `Core._built`); the content's own are ~100


def bundled_content_dir() -> Path:
    """The content shipped with the package (installed), or the repository's `content/` folder."""
    here = Path(__file__).resolve().parent
    installed = here / "_content"
    return installed if installed.is_dir() else here.parent / "content"


class Core:
    """Answers questions from one loaded `Content`."""

    def __init__(self, content: Content, trained: Core | None = None) -> None:
        """`trained`: a core of the same content with other supporters, whose model is reused
        when the example questions read the same with this core's names masked."""
        if not isinstance(content.supporters, SupporterTable):
            content = content.replace(supporters=SupporterTable(content.supporters))
        self.content = content
        self.supporters = SupporterIndex(content.supporters)
        self.router: Router = Router(content, self.supporters, trained.router if trained else None)
        self._by_number = {p.number: p for p in content.principles}
        self.known_supporters = content.supporters.supporters()
        self._recent: dict[tuple[str, str | None], Reply] = {}  # recent replies, oldest first
        # Replies that depend only on the content and the language (a principle, a topic, the
        # list of principles, help), built once each: a new question often asks for one.
        self._built: dict[tuple[object, ...], Reply] = {}
        # With an imported list: `cache_key` of the content and code it was built from.
        self.content_key = ""

    def __getstate__(self) -> dict[str, object]:
        state = {k: getattr(self, k) for k in self.__dict__}
        state["_recent"] = {}  # the cache on disk holds the content, not answers
        state["_built"] = {}
        return state

    def answer(self, question: str, lang: str | None = None) -> Reply:
        """Answer one question. Never raises: an unexpected failure becomes `sorry()`."""
        key = (question, lang)
        cached = self._recent.get(key)
        if cached is not None:  # replies are immutable: a question asked again is answered again
            return cached
        try:
            reply = self._answer(question, lang)
            if isinstance(question, str) and len(question) <= 300:
                if len(self._recent) >= RECENT:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[key] = reply
            return reply
        except Exception:  # the chat user gets a sentence; the operator gets the traceback
            import logging

            logging.getLogger(__name__).exception(
                "failed to answer a question of %d characters", len(question)
            )
            return self.sorry(lang if lang in LANGS else "en")

    def _answer(self, question: str, lang: str | None) -> Reply:
        text, cut = clean(question if isinstance(question, str) else "")
        lang = lang if lang in LANGS else None
        head = fold(text[:3])
        if head in ("fr ", "en "):
            lang, text = head.strip(), text[3:].strip()
        elif text.lower() in ("fr", "en"):
            lang, text = text.lower(), ""
        else:
            lang = detect_lang(fold(text), text) or lang
        lang = lang or "en"
        reply = self._reply(self.router.route(text) if text else Intent("help"), lang)
        if cut:
            reply = reply.replace(body=reply.body + "\n\n" + say("cut", lang, n=MAX_QUESTION_CHARS))
        return reply

    def _reply(self, intent: Intent, lang: str) -> Reply:
        kind = intent.kind
        moment = intent.moment
        if (
            kind in ("principle", "principles", "help")
            or (kind == "topic" and intent.arg in self.content.topics)
            or (kind == "supporters" and intent.entity is None and (moment is None
                                                                    or moment.kind == "now"))
        ):  # fmt: skip
            return self._once((kind, intent.arg, intent.number, lang), self._build, intent, lang)
        # Also built once each, up to `BUILT` replies: "I don't know" with the same suggestions,
        # the counts at a time (not a country's: entries are built when asked for, and a dict
        # in them makes them no key).
        kept = kind in ("unknown", "countries") or (kind == "supporters" and intent.entity is None)
        if kept and len(self._built) < BUILT:
            key = (kind, intent.arg, intent.candidates, intent.moment, lang)
            return self._once(key, self._build, intent, lang)
        return self._build(intent, lang)

    def _once(self, key: tuple[object, ...], build: Callable[..., Reply], *args: object) -> Reply:
        """`build(*args)`, the first time `key` is asked for (see `_built`)."""
        reply = self._built.get(key)
        if reply is None:
            reply = self._built[key] = build(*args)
        return reply

    def _build(self, intent: Intent, lang: str) -> Reply:
        kind = intent.kind
        if kind == "principle":
            first = self._by_number[intent.number]
            if intent.arg:  # "principle 1 and 2": both
                return answers.principles_pair(first, self._by_number[int(intent.arg)], lang)
            return answers.principle(first, lang)
        if kind == "topic" and intent.arg in self.content.topics:
            return answers.topic(self.content.topics[intent.arg], lang, self.content)
        if kind == "principles":
            return answers.principles(self.content, lang)
        if kind == "bad-number":
            shown = intent.number if intent.number < 10**9 else "of that number"
            return answers.principles(self.content, lang, lead=say("bad_number", lang, n=shown))
        if kind == "supporters":
            if intent.entity is not None:  # "how many French companies signed?"
                return answers.supporters_from(self.content, lang, intent.entity, intent.arg)
            if intent.moment is not None and intent.moment.kind != "now":
                return answers.supporters_at(self.content, lang, intent.moment, intent.arg)
            return answers.supporters(self.content, lang, intent.arg)
        if kind == "countries":
            return answers.by_country(self.content, lang, intent.arg)
        match = intent.match
        if kind == "supporter" and match is not None and match.others and not _listed_as(match):
            return answers.choices(self.content, match, lang)  # "Korea": which one?
        if kind == "supporter":
            # Not kept like the answers above: entries of the official list are built when asked
            # for (bot.roster), so one entry is not always the same object.
            reply = answers.supporter(self.content, intent.entity, intent.arg if intent.entity
                                      is None else "", lang, self.known_supporters,
                                      at_launch=intent.moment is not None)  # fmt: skip
            return answers.name_notes(reply, intent.match, intent.near, lang)
        if kind == "either":  # "did Tencent or Alibaba sign?"
            found = [(typed, self.router.name(typed)) for typed in intent.near]
            return answers.either(self.content, intent.arg, found, lang)
        if kind == "help":
            return answers.help_reply(lang)
        return answers.unknown(
            [self._suggest(t, lang) for t in intent.candidates], lang, self.content
        )

    def _suggest(self, topic_id: str, lang: str) -> Suggestion:
        if topic_id not in self.content.topics and not topic_id.startswith("principle:"):
            return answers.follow(topic_id if topic_id != "supporter" else "supporters", lang)
        if topic_id.startswith("principle:"):
            number = int(topic_id.split(":")[1])
            return Suggestion(
                f"{number}. {pick(self._by_number[number].title, lang)}", f"principle {number}"
            )
        topic = self.content.topics[topic_id]
        query = topic.examples[0] if topic.examples else topic_id
        return Suggestion(pick(topic.title, lang), query)

    def principles(self, lang: str = "en") -> list[tuple[int, str]]:
        """(number, official short title) for the nine principles, for menus and choices."""
        return [(p.number, pick(p.title, lang)) for p in self.content.principles]

    def complete_supporters(self, prefix: str, limit: int = 25) -> list[str]:
        """Supporter names and aliases matching what the user has typed so far."""
        return self.supporters.complete(prefix, limit)

    def sorry(self, lang: str = "en") -> Reply:
        """The friendly reply for an unexpected failure (details go to the operator's log)."""
        return answers.sorry(lang)

    def home(self, lang: str = "en") -> Reply:
        """What the Call is, the nine principles and how to use the bot (Slack's App Home)."""
        about = answers.topic(self.content.topics["about"], lang)
        listing = answers.principles(self.content, lang)
        body = "\n\n".join((about.body, f"**{listing.title}**", listing.body.split("\n\n")[-1],
                            f"**{say('help_title', lang)}**", say("help", lang)))  # fmt: skip
        return about.replace(topic="home", title=say("home_title", lang), body=body, fields=())

    def check_examples(self) -> list[str]:
        """Example questions in the content that do not reach their own topic (for validate)."""
        wrong = []
        for p in self.content.principles:
            wrong += [f"principle {p.number}: {q!r} -> {t}" for q in p.examples
                      if (t := self.answer(q).topic) != p.id]  # fmt: skip
        for topic in self.content.topics.values():
            wrong += [f"{topic.id}: {q!r} -> {t}" for q in topic.examples
                      if (t := self.answer(q).topic) != topic.id]  # fmt: skip
            wrong += [f"{topic.id}: suggestion {q!r} is not understood" for q in topic.suggestions
                      if self.answer(q).topic == "unknown"]  # fmt: skip
        return wrong


def _listed_as(match: NameMatch) -> bool:
    """Whether what was typed is the entry's own listed name (the company "ARM", the export's
    "Congo"): then it is answered, and the other readings are only mentioned."""
    typed = name_key(match.typed)
    entry = match.entry
    return entry.supporter and typed in (name_key(entry.name), name_key(entry.fr or ""))


def load_core(
    content_dir: Path | None = None, data_dir: Path | None = None, cache_dir: Path | None = None
) -> Core:
    """Load content (validated, or from `cache_dir`) and an imported supporters list from `data_dir`.

    Raises `ContentError` when the content is invalid.
    """
    directory = content_dir or bundled_content_dir()
    imported = data_dir / "supporters.json" if data_dir is not None else None
    inputs = [directory] + ([imported] if imported is not None and imported.is_file() else [])
    # One cache file per content location (the content alone, or with an imported list).
    location = f"{zlib.crc32('|'.join(str(p.resolve()) for p in inputs).encode()):08x}"
    cache_file = cache_dir / f"core-{location}-{cache_key(*inputs)}.pickle" if cache_dir else None
    if cache_file is not None:
        cached = read_cache(cache_file)
        if isinstance(cached, Core):
            return cached
    if len(inputs) > 1 and data_dir is not None:
        # The content's own core (cached too), with the imported list merged in: no validation,
        # and a model is kept unless the list's names change how the examples read: that of the
        # list imported before (a list is usually imported again with a few changes), else the
        # content's own.
        from bot.importer import apply_imported

        base = load_core(directory, None, cache_dir)
        content_key = cache_key(directory)
        before = _previous(cache_dir, location, content_key) if cache_dir else None
        core = Core(apply_imported(base.content, data_dir), trained=before or base)
        core.content_key = content_key
    else:
        from bot.schema import build_content  # heavy imports only when content changed

        core = Core(build_content(directory))
    if cache_file is not None:
        write_cache(cache_file, core)
    return core


def _previous(cache_dir: Path, location: str, content_key: str) -> Core | None:
    """The core cached for `location` before its imported list changed, if it was built from the
    same content and code (`content_key`): its model was trained on the same examples."""
    for path in cache_dir.glob(f"core-{location}-*.pickle"):
        cached = read_cache(path)
        if isinstance(cached, Core) and getattr(cached, "content_key", None) == content_key:
            return cached
    return None
