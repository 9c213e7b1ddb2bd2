"""What a free-text question is about: a small classifier learned from the content's examples.

Each example question (every topic's and principle's `examples` and keywords, and the `intents`
of content/understanding.yaml, off-topic questions included) becomes a TF-IDF vector over its
words (synonyms folded together), word pairs and character 4-grams inside words (typo and
inflection tolerance without a stemmer, in English and French). A question scores each answer by
the mean cosine similarity of that answer's two closest examples. Training runs when the content
is validated and the model is pickled with it; answering reads postings, it never trains.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Sequence

from bot.text import fold

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import TypeVar

    K = TypeVar("K")  # a vector's keys: features (str) when training, their numbers when answering

# Stands for a supporter's or state's name in the text the model sees, so "is Microsoft a
# supporter?" and "is Chad a supporter?" teach one pattern.
NAME = "zzname"
_TOKEN = re.compile(r"[a-z0-9]+")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)'")
CHAR_SIZES = (4,)  # 3- and 5-grams added cost and no accuracy on the labelled questions
CHAR_WEIGHT = 0.65  # character n-grams count less: words say more, n-grams catch typos
MAX_DF = 0.1  # share of examples above which a feature is dropped, like a stop word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that shape a question without saying what it is about: no character n-grams, and a pair
# of two of them ("does it", "say about") is not a feature.
FUNCTION_WORDS = _words(
    """a an the is are was were be been do does did has have had it its this that these those
    what which who how when where why can could would should will may i you we they he she me
    my your our their to of in on at for with about from by and or but if so say says said tell
    please just any some there here le la les l un une des de du d et ou est sont a ce cet cette
    ces que qui quoi quel quelle quels quelles il elle ils elles on nous vous je tu en au aux dans
    sur pour par avec se sa son ses leur leurs qu c s n y t me te quelque chose something
    anything"""
)


def tokens_for_model(text: str) -> list[str]:
    """Folded words, elided articles dropped ("l'appel" -> "appel")."""
    return _TOKEN.findall(_ELISION.sub(" ", fold(text)))


def featurise(text: str, canon: dict[tuple[str, ...], str] | None = None) -> dict[str, int]:
    """Feature counts: words (synonyms replaced by their group's word), adjacent word pairs, and
    character n-grams of each word as written (typo tolerance), function words ("what", "le")
    excepted: their spelling says nothing of what a question is about."""
    raw = tokens_for_model(text)
    words = _canonical(raw, canon) if canon else raw
    found: dict[str, int] = {}
    for i, word in enumerate(words):
        found[word] = found.get(word, 0) + 1
        if i and not (word in FUNCTION_WORDS and words[i - 1] in FUNCTION_WORDS):
            pair = words[i - 1] + "+" + word  # pairs of function words only are the frame
            found[pair] = found.get(pair, 0) + 1
    for word in raw:
        if word == NAME or word.isdigit() or word in FUNCTION_WORDS:
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


def _weight(feature: str, count: int, idf: float) -> float:
    return (1.0 + math.log(count)) * idf * (CHAR_WEIGHT if feature[0] == "#" else 1.0)


def _unit(vector: dict[K, float]) -> dict[K, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / norm for k, v in vector.items()} if norm else vector


class Model:
    """Nearest examples: a question scores each answer by the mean cosine similarity of that
    answer's two closest example questions (one stray example is not enough; TF-IDF vectors,
    stored as postings per feature)."""

    def __init__(
        self, examples: Sequence[tuple[str, str]], synonyms: dict[str, str] | None = None
    ) -> None:
        self.canon = {tuple(tokens_for_model(k)): v for k, v in (synonyms or {}).items()}
        self.canon_words = frozenset(w for k in self.canon for w in k) | set(self.canon.values())
        # Examples sorted by answer, so each answer's examples are one slice of the scores.
        docs = sorted((label, text) for text, label in examples)
        feats = [featurise(text, self.canon) for _, text in docs]
        df: dict[str, int] = {}  # documents per feature
        for found in feats:
            for f in found:
                df[f] = df.get(f, 0) + 1
        n = len(docs)
        limit = max(MAX_DF * n, 10)  # features in most examples say nothing of the answer
        idf = {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items() if c <= limit}
        labels: list[str] = []
        starts: list[int] = []
        texts: list[str] = []
        postings: dict[str, tuple[list[int], list[float]]] = {}
        for (label, text), found in zip(docs, feats, strict=True):
            vector = _unit({f: _weight(f, c, idf[f]) for f, c in found.items() if f in idf})
            if not vector:
                continue
            if not labels or labels[-1] != label:
                labels.append(label)
                starts.append(len(texts))
            e = len(texts)
            texts.append(text)
            for f, w in vector.items():
                entry = postings.setdefault(f, ([], []))
                entry[0].append(e)
                entry[1].append(w)
        self.labels = tuple(labels)
        self.slices = tuple(zip(starts, [*starts[1:], len(texts)], strict=True))
        self.examples = tuple(texts)  # to explain a decision (eval, validate)
        self.sizes = tuple(b - a for a, b in self.slices)
        # The answer of each example, as its index in `labels`.
        self.label_of = array("B" if len(labels) < 256 else "H")
        for i, (a, b) in enumerate(self.slices):
            self.label_of.extend([i] * (b - a))
        # All postings in two flat arrays, each feature a slice of them: a fraction of the memory
        # of tuples of floats, and one object to unpickle instead of two per feature. Each
        # feature's idf is in an array too, at the feature's number (a second dictionary of the
        # same strings would cost a chat ~1 MB).
        self.feature: dict[str, int] = {}
        self.idf = array("d")
        self.bounds = array("I", [0])
        self.ids = array("H" if len(texts) < 65536 else "I")
        self.weights = array("f")
        for f, (ix, ws) in postings.items():
            self.feature[f] = len(self.bounds) - 1
            self.idf.append(idf[f])
            self.ids.extend(ix)
            self.weights.extend(ws)
            self.bounds.append(len(self.ids))

    def _vector(self, feats: dict[str, int]) -> dict[int, float]:
        """The unit TF-IDF vector of a question's features, by feature number."""
        feature, idf = self.feature, self.idf
        return _unit({i: _weight(f, c, idf[i]) for f, c in feats.items()
                      if (i := feature.get(f)) is not None})  # fmt: skip

    def scores(self, text: str) -> list[tuple[float, str]]:
        """(score, label) for every answer, best first: the mean cosine similarity of the
        answer's two closest examples."""
        totals, touched = self._totals(text)
        # Only the examples that share a feature with the question score above 0: the two best
        # of each answer are found among them, in one pass.
        first = [0.0] * len(self.labels)
        second = [0.0] * len(self.labels)
        label_of = self.label_of
        for e in touched:
            score, label = totals[e], label_of[e]
            if score > first[label]:
                second[label] = first[label]
                first[label] = score
            elif score > second[label]:
                second[label] = score
        sizes = self.sizes
        found = [
            ((best + second[i]) / 2 if best > 0.0 and sizes[i] > 1 else best, label)
            for i, (label, best) in enumerate(zip(self.labels, first, strict=True))
        ]
        found.sort(reverse=True)
        return found

    def _totals(self, text: str) -> tuple[list[float], set[int]]:
        """The cosine similarity of `text` to every example, and the examples sharing a feature
        with it (the others score 0)."""
        totals = [0.0] * len(self.examples)
        touched: set[int] = set()
        bounds, ids, weights = self.bounds, self.ids, self.weights
        for i, w in self._vector(featurise(text, self.canon)).items():
            a, b = bounds[i], bounds[i + 1]
            part = ids[a:b]
            touched.update(part)
            for e, v in zip(part, weights[a:b], strict=True):
                totals[e] += v * w
        return totals, touched

    def closest(self, text: str, label: str) -> str:
        """The example of `label` closest to `text` (to explain a decision)."""
        totals = self._totals(text)[0]
        a, b = self.slices[self.labels.index(label)]
        return self.examples[max(range(a, b), key=totals.__getitem__)]
