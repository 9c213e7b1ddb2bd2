"""Understanding a question: commands first, then supporter questions, then ranked retrieval.

`route()` turns cleaned text into an `Intent`; it never builds replies (that is answers.py).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from bot import vocabulary as vocab
from bot.content import Content, Supporter, pick
from bot.supporters import SupporterIndex, name_key
from bot.text import fold, stem, to_number, tokens


@dataclass(frozen=True, slots=True)
class Intent:
    """What the user asked for. `kind` picks the answer; `arg` and `entity` carry the details."""

    kind: str  # help, principles, principle, bad-number, supporters, supporter, topic, unknown
    arg: str = ""
    number: int = 0
    entity: Supporter | None = None
    candidates: tuple[str, ...] = ()  # topic ids close to the question, for "did you mean"


def detect_lang(folded: str, original: str) -> str | None:
    """ "fr" when the question reads as French, else None (the caller's default applies)."""
    words = set(tokens(folded))
    if words & vocab.FRENCH_STRONG:
        return "fr"
    weak = len(words & vocab.FRENCH_WEAK)
    accented = any(c in original for c in "éèêàçùâîôû")
    return "fr" if weak >= 2 or (weak and accented) else None


def _principle_number(folded: str) -> int | None:
    """ "principle 3", "third principle", "principle III", "p3", "#3", "3", "princple 3"."""
    text = folded.strip(" ?!.")
    short = vocab.P_SHORT.match(text)
    if short:
        return to_number(short.group(1))
    if " " not in text:
        if text.isdigit() or (text in ("ii", "iii", "iv", "vi", "vii", "viii", "ix")):
            return to_number(text)
        return None
    match = vocab.NUMBERED.match(text)
    if not match:
        return None
    a, b = match.group("a"), match.group("b")
    for word, other in ((a, b), (b, a)):
        if _is_principle_word(word):
            number = to_number(other)
            if number is not None:
                return number
    return None


def _principle_in_sentence(words: list[str]) -> int | None:
    """A principle number next to the word "principle" anywhere in a longer sentence."""
    for i, word in enumerate(words):
        if word in ("principle", "principe", "principles", "principes"):
            # "nine principles" is a count, not a number: only the singular looks backwards.
            before = words[max(0, i - 1) : i] if word in ("principle", "principe") else []
            for other in words[i + 1 : i + 2] + before:
                number = to_number(other)
                if number is not None:
                    return number
    return None


def _is_principle_word(word: str) -> bool:
    if word in vocab.PRINCIPLE_WORDS:
        return True
    return (
        len(word) >= 7
        and min(Levenshtein.distance(word, "principle"), Levenshtein.distance(word, "principe"))
        <= 2
    )


_ORDER = {category: i for i, category in enumerate(vocab.CATEGORY_WORDS)}
_CATEGORY_OF = {w: c for c, words in vocab.CATEGORY_WORDS.items() for w in words if " " not in w}
_CATEGORY_PHRASES = [(f" {w} ", c) for c, words in vocab.CATEGORY_WORDS.items() for w in words
                     if " " in w]  # fmt: skip


def _category(folded: str) -> str | None:
    """The supporter category a question names ("companies" -> private-sector), if any."""
    found = {_CATEGORY_OF[w] for w in folded.split() if w in _CATEGORY_OF}
    padded = f" {folded} "
    found |= {c for phrase, c in _CATEGORY_PHRASES if phrase in padded}
    return min(found, key=_ORDER.__getitem__) if found else None


class Router:
    """Routes questions using the content's keywords, titles and examples."""

    def __init__(self, content: Content, supporters: SupporterIndex) -> None:
        self.content = content
        self.supporters = supporters
        self._postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        self._phrases: list[tuple[tuple[str, ...], int]] = []
        self._docs: list[str] = []
        self._strong: list[set[str]] = []
        self._examples: dict[str, str] = {}  # folded example question -> its topic
        self._build()

    def _build(self) -> None:
        docs: list[tuple[str, list[tuple[str, float]], list[str]]] = []
        for p in self.content.principles:
            fields = [(" ".join(p.title.values()), 3.0), (pick(p.text, "en"), 1.0)]
            fields += [(pick(p.text, "fr"), 0.5), (pick(p.explanation, "en"), 0.4)]
            fields += [(e, 1.5) for e in p.examples]
            docs.append((p.id, fields, list(p.keywords)))
            self._examples.update((_plain(e), p.id) for e in p.examples)
        for t in self.content.topics.values():
            fields = [(" ".join(t.title.values()), 2.0), (pick(t.body, "en"), 0.3)]
            fields += [(e, 1.5) for e in t.examples]
            docs.append((t.id, fields, list(t.keywords)))
            self._examples.update((_plain(e), t.id) for e in t.examples)
        weights: list[dict[str, float]] = []
        for doc_id, fields, keywords in docs:
            w: dict[str, float] = defaultdict(float)
            strong: set[str] = set()
            for text, weight in fields:
                for s in {stem(t) for t in tokens(fold(text))} - vocab.STOP:
                    w[s] = max(w[s], weight)
            for kw in keywords:
                stems = tuple(stem(t) for t in tokens(fold(kw)) if t not in vocab.STOP) or tuple(
                    stem(t) for t in tokens(fold(kw))
                )
                if len(stems) == 1:
                    w[stems[0]] = max(w[stems[0]], 3.0)
                    strong.add(stems[0])
                else:
                    # A phrase counts as a whole: "good practices" must not make "good" a match.
                    self._phrases.append((stems, len(self._docs)))
                    for s in stems:
                        w[s] = max(w[s], 1.0)
            for s in {stem(t) for t in tokens(fold(fields[0][0]))} - vocab.STOP:
                strong.add(s)
            self._docs.append(doc_id)
            self._strong.append(strong)
            weights.append(w)
        n = len(weights)
        df: dict[str, int] = defaultdict(int)
        for w in weights:
            for s in w:
                df[s] += 1
        for i, w in enumerate(weights):
            for s, weight in w.items():
                self._postings[s].append((i, weight * math.log(1 + n / df[s])))

    def rank(self, folded: str) -> list[tuple[float, str, bool]]:
        """Topics by score for a question: (score, topic id, has a strong match)."""
        stems = [stem(t) for t in tokens(folded) if t not in vocab.STOP]
        scores: dict[int, float] = defaultdict(float)
        strong_hit: set[int] = set()
        for s in set(stems):
            for doc, weight in self._postings.get(s, ()):
                scores[doc] += weight
                if s in self._strong[doc]:
                    strong_hit.add(doc)
        if len(stems) > 1:
            joined = " " + " ".join(stems) + " "
            for phrase, doc in self._phrases:
                if " " + " ".join(phrase) + " " in joined:
                    scores[doc] += 6.0
                    strong_hit.add(doc)
        ranked = sorted(
            ((v, self._docs[d], d in strong_hit) for d, v in scores.items()), reverse=True
        )
        return ranked

    def route(self, text: str) -> Intent:
        """The intent of a cleaned, non-empty question."""
        folded = fold(text).strip(" ?!.¿¡") or "?"  # a lone "?" asks for help
        words = tokens(folded)
        plain = " ".join(words) or folded
        command = vocab.COMMANDS.get(plain) or vocab.COMMANDS.get(folded)
        if command:
            return _topic(command[6:]) if command.startswith("topic:") else Intent(command)
        # "principle 3", "p3", "III"; then "what does principle 5 say?", "the fourth principle"
        number = _principle_number(folded)
        if number is None:
            number = _principle_in_sentence(words)
        if number is not None:
            return _number_intent(number)
        word_set = set(words)
        rest = word_set - vocab.STOP - vocab.LISTING
        if rest <= vocab.PRINCIPLE_PLURALS | {"principle", "principe"} and (
            vocab.PRINCIPLE_PLURALS & word_set
        ):
            return Intent("principles")  # "what are the principles?", "quels sont les principes"
        if rest and rest <= vocab.SUPPORTER_NOUNS:
            return Intent("supporters")  # "who are the signatories?", "list of supporters"
        category = _category(plain)
        # "list the states", "companies", "which NGOs signed?"
        if (
            category
            and len(rest - vocab.SIGN_WORDS - vocab.SUPPORTER_NOUNS) <= 1
            and (len(rest) <= 1 or rest & vocab.SIGN_WORDS)
        ):
            return Intent("supporters", arg=category)
        match = vocab.SUPPORTERS_CMD.match(folded)
        if match:
            return Intent("supporters", arg=_category(" " + match.group("cat") + " ") or "")
        match = vocab.SUPPORTER_CMD.match(folded)
        if match:
            asked = _original_span(text, match.group("name"))
            return self._supporter(self.supporters.find(asked), asked, word_set)
        intent = self._supporter_question(text, folded, word_set)
        if intent is not None:
            return intent
        negated = bool(vocab.NEGATION.search(folded))  # "who hasn't signed" is not a count
        if not negated and any(f" {w} " in f" {plain} " for w in vocab.COUNT_WORDS):
            return Intent("supporters", arg=category or "")
        if not word_set - vocab.STOP and vocab.ABOUT.search(folded):
            return Intent("topic", "about")  # "what is the paris call?" and nothing more
        return self._retrieve(folded, plain)

    @staticmethod
    def _supporter(entity: Supporter | None, asked: str, words: set[str]) -> Intent:
        """A supporter answer, or the U.S. position when the question is about why or when."""
        if entity is not None and entity.country == "USA" and words & vocab.US_TOPIC:
            return Intent("topic", "us-position")
        return Intent("supporter", arg=entity.name if entity else asked, entity=entity)

    def _supporter_question(self, text: str, folded: str, words: set[str]) -> Intent | None:
        for pattern in vocab.ASK_NAME:
            match = pattern.match(folded)
            if not match:
                continue
            name = match.group("name").strip()
            if name in ("it", "this", "that", "the call", "the paris call", "they", "you"):
                break
            entity = self.supporters.find(name)
            if entity is None:
                entity = self.supporters.mentioned(_original_span(text, name))
            category = None if entity else _category(name)
            if category:
                return Intent("supporters", arg=category)
            if entity is None:
                # "does the Paris Call ban hacking back?" looks like "does X back ...?": when the
                # "name" is unknown but the question clearly matches a topic, answer the topic.
                topic = self._retrieve(folded, " ".join(tokens(folded)))
                if topic.kind != "unknown":
                    return topic
            return self._supporter(entity, _original_span(text, name), words)
        entity = self.supporters.mentioned(text)
        if entity is None:
            return None
        named = {t for alias in self.supporters.names(entity) for t in tokens(name_key(alias))}
        rest = words - vocab.STOP - vocab.SIGN_WORDS - named
        if rest and not (entity.country == "USA" and words & vocab.US_TOPIC):
            return None
        return self._supporter(entity, entity.name, words)  # "russia?", "what about China?"

    def _retrieve(self, folded: str, plain: str) -> Intent:
        example = self._examples.get(plain)
        if example is not None:  # a question the content lists as an example of its topic
            return _topic(example)
        ranked = self.rank(folded)
        if ranked:
            score, best, strong = ranked[0]
            runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
            if strong and score >= 4.0 and score >= runner_up * 1.15:
                return _topic(best)
            close = tuple(doc for s, doc, st in ranked[:3] if st)
            return Intent("unknown", candidates=close)
        return Intent("unknown")


def _plain(text: str) -> str:
    return " ".join(tokens(fold(text)))


def _number_intent(number: int) -> Intent:
    return (
        Intent("principle", number=number)
        if 1 <= number <= 9
        else Intent("bad-number", number=number)
    )


def _topic(topic_id: str) -> Intent:
    """The intent for a topic id; principles ("principle:3") have their own kind."""
    if topic_id.startswith("principle:"):
        return Intent("principle", number=int(topic_id.split(":", 1)[1]))
    return Intent("topic", topic_id)


def _original_span(text: str, folded_name: str) -> str:
    """The user's own spelling (capitals kept) of a name found in folded text, when recoverable."""
    index = fold(text).find(folded_name)
    return text[index : index + len(folded_name)] if index >= 0 else folded_name
