"""What a free-text question is about: a small classifier learned from the content's examples.

Each example question (every topic's and principle's `examples`, and content/understanding.yaml,
out-of-scope questions included) becomes a TF-IDF vector over its words, word pairs and character
n-grams inside words (typo and inflection tolerance without a stemmer, in English and French).
Examples of one answer are grouped into a few prototypes (spherical k-means); a question scores
each answer by its best cosine similarity to that answer's prototypes. Training runs when the
content is validated and the model is pickled with it; answering is a few dict lookups.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from bot.text import fold

# Stands for a supporter's or state's name in the text the model sees, so "is Microsoft a
# supporter?" and "is Chad a supporter?" teach one pattern.
NAME = "zzname"
_TOKEN = re.compile(r"[a-z0-9]+")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'")
CHAR_SIZES = (3, 4, 5)
CHAR_WEIGHT = 0.5
TOP_K = 2
MAX_DF = 0.05
KEEP_EXAMPLE = 1000  # features kept per example, and per question: speed at little cost
KEEP_QUESTION = 1000
CHARS_FOR_UNKNOWN_ONLY = False  # share of examples above which a feature is dropped (like a stop word)


def tokens_for_model(text: str) -> list[str]:
    """Folded words, elided articles dropped ("l'appel" -> "appel")."""
    return _TOKEN.findall(_ELISION.sub(" ", fold(text)))


def featurise(
    text: str, canon: dict[tuple[str, ...], str] | None = None, known: frozenset[str] = frozenset()
) -> dict[str, int]:
    """Feature counts: words (synonyms replaced by their group's word), adjacent word pairs, and
    character n-grams of each word as written (typo tolerance)."""
    raw = tokens_for_model(text)
    words = _canonical(raw, canon) if canon else raw
    found: dict[str, int] = {}
    for i, word in enumerate(words):
        found[word] = found.get(word, 0) + 1
        if i:
            pair = words[i - 1] + "+" + word
            found[pair] = found.get(pair, 0) + 1
    for word in raw:
        if word == NAME or word.isdigit() or word in known:
            continue
        padded = f"<{word}>"
        for n in CHAR_SIZES:
            for j in range(len(padded) - n + 1):
                gram = "#" + padded[j : j + n]
                found[gram] = found.get(gram, 0) + 1
    return found


def _canonical(words: list[str], canon: dict[tuple[str, ...], str]) -> list[str]:
    """Words with every synonym (a word or a phrase, longest first) replaced by its group's word."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            head = canon.get(tuple(words[i : i + size])) if i + size <= len(words) else None
            if head is not None:
                out.append(head)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _top(vector: dict[str, float], keep: int) -> dict[str, float]:
    """The `keep` heaviest features of a unit vector: the rest add little to a similarity."""
    if len(vector) <= keep:
        return vector
    return dict(sorted(vector.items(), key=lambda item: -item[1])[:keep])


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else vector


class Model:
    """Nearest examples: a question scores each answer by its best cosine similarity to one of
    that answer's example questions (TF-IDF vectors, stored as postings per feature)."""

    def __init__(
        self, examples: Sequence[tuple[str, str]], synonyms: dict[str, str] | None = None
    ) -> None:
        self.canon = {tuple(tokens_for_model(k)): v for k, v in (synonyms or {}).items()}
        self.canon_words = frozenset(w for k in self.canon for w in k) | set(self.canon.values())
        docs = [(featurise(text, self.canon), label, text) for text, label in examples]
        df: dict[str, int] = {}
        for feats, _, _ in docs:
            for f in feats:
                df[f] = df.get(f, 0) + 1
        n = len(docs)
        limit = max(MAX_DF * n, 10)  # features in most examples say nothing of the answer
        self.idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items() if c <= limit}
        self.labels: tuple[str, ...] = tuple(sorted({label for _, label, _ in docs}))
        # Words the examples use: a question's known words need no character n-grams.
        self.words = frozenset(f for f in self.idf if f[0] != "#" and "+" not in f)
        index = {label: i for i, label in enumerate(self.labels)}
        owner: list[int] = []
        texts: list[str] = []
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for feats, label, text in docs:
            vector = _top(self._vector(feats), KEEP_EXAMPLE)
            if not vector:
                continue
            e = len(owner)
            owner.append(index[label])
            texts.append(text)
            for f, w in vector.items():
                entry = postings.setdefault(f, ([], []))
                entry[0].append(e)
                entry[1].append(w)
        self.owner = tuple(owner)
        self.examples = tuple(texts)  # for explaining a decision (eval, validate)
        self.postings = {f: (tuple(ix), tuple(ws)) for f, (ix, ws) in postings.items()}

    def _vector(self, feats: dict[str, int]) -> dict[str, float]:
        idf = self.idf
        return _unit({f: (1.0 + math.log(c)) * idf[f] * (CHAR_WEIGHT if f[0] == "#" else 1.0)
                      for f, c in feats.items() if f in idf})  # fmt: skip

    def nearest(self, text: str) -> list[tuple[float, int]]:
        """(cosine, example index) of the closest example of each answer, best first."""
        known = self.words if CHARS_FOR_UNKNOWN_ONLY else frozenset()
        vector = _top(self._vector(featurise(text, self.canon, known)), KEEP_QUESTION)
        totals: dict[int, float] = {}
        get = totals.get
        for f, w in vector.items():
            ix, ws = self.postings.get(f, _EMPTY)
            for e, v in zip(ix, ws, strict=True):
                totals[e] = get(e, 0.0) + v * w
        best: dict[int, list[tuple[float, int]]] = {}
        owner = self.owner
        for e, total in totals.items():
            best.setdefault(owner[e], []).append((total, e))
        out = []
        for found in best.values():
            found.sort(reverse=True)
            top = found[:TOP_K]
            out.append((sum(t for t, _ in top) / TOP_K, top[0][1]))
        return sorted(out, reverse=True)

    def scores(self, text: str) -> list[tuple[float, str]]:
        """(cosine, label) for every answer with a similar example, best first."""
        found = [(score, self.labels[self.owner[e]]) for score, e in self.nearest(text)]
        return found + [(0.0, "unknown"), (0.0, "unknown")][: max(0, 2 - len(found))]


_EMPTY: tuple[tuple[int, ...], tuple[float, ...]] = ((), ())
_NONE = (-1.0, -1)
