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
from collections.abc import Iterable, Sequence, Set
from itertools import compress

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


def featurise(
    text: str, canon: dict[tuple[str, ...], str] | None = None, canon_words: Set[str] | None = None
) -> dict[str, int]:
    """Feature counts: words (synonyms replaced by their group's word), adjacent word pairs, and
    character n-grams of each word as written (typo tolerance), function words ("what", "le")
    excepted: their spelling says nothing of what a question is about. `canon_words`: every word
    of `canon`'s keys (or more), to skip looking up the others."""
    raw = tokens_for_model(text)
    words = _canonical(raw, canon, canon_words or {w for k in canon for w in k}) if canon else raw
    found: dict[str, int] = {}
    get = found.get
    previous = None
    for word in words:
        found[word] = get(word, 0) + 1
        if previous is not None and not (word in FUNCTION_WORDS and previous in FUNCTION_WORDS):
            pair = previous + "+" + word  # pairs of function words only are the frame
            found[pair] = get(pair, 0) + 1
        previous = word
    for word in raw:
        if word == NAME or word.isdigit() or word in FUNCTION_WORDS:
            continue
        padded = "<" + word + ">"
        for n in CHAR_SIZES:
            for j in range(len(padded) - n + 1):
                gram = "#" + padded[j : j + n]
                found[gram] = get(gram, 0) + 1
    return found


def _canonical(
    words: list[str], canon: dict[tuple[str, ...], str], canon_words: Set[str]
) -> list[str]:
    """Words with every synonym (a word or a phrase, longest first) replaced by its group's word."""
    out: list[str] = []
    i = 0
    count = len(words)
    while i < count:
        word = words[i]
        if word in canon_words:  # no synonym has any other word
            for size in (4, 3, 2, 1):
                head = canon.get(tuple(words[i : i + size])) if i + size <= count else None
                if head is not None:
                    out.append(head)
                    i += size
                    break
            else:
                out.append(word)
                i += 1
        else:
            out.append(word)
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
        feats = [featurise(text, self.canon, self.canon_words) for _, text in docs]
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
        self._runtime()

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        for name in ("_postings", "_label_of", "_ints"):
            del state[name]  # made again when answering
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._runtime()

    def _runtime(self) -> None:
        """What answering keeps beside the pickled model: postings as Python objects, by feature
        number, made when first needed (`_feature_postings`), and `label_of` as a list (faster
        to read)."""
        self._postings: dict[int, tuple[tuple[int, float], ...]] = {}
        self._label_of: list[int] = self.label_of.tolist()
        self._ints = list(range(len(self.examples)))

    def _vector(self, text: str) -> tuple[list[int], list[float]]:
        """The unit TF-IDF vector of a question, as `featurise` reads it: feature numbers and
        weights, the features the model lacks left out."""
        feature, idf = self.feature, self.idf
        found: list[int] = []
        weights: list[float] = []
        for f, c in featurise(text, self.canon, self.canon_words).items():
            i = feature.get(f)
            if i is not None:
                found.append(i)
                # `_weight`, the same floats: (1.0 + log(1)) * idf is idf, and x * 1.0 is x.
                w = idf[i] if c == 1 else (1.0 + math.log(c)) * idf[i]
                weights.append(w * CHAR_WEIGHT if f[0] == "#" else w)
        norm = math.sqrt(sum([w * w for w in weights]))
        return found, [w / norm for w in weights] if norm else weights

    def _feature_postings(self, i: int) -> tuple[tuple[int, float], ...]:
        """The (example, weight) pairs of feature `i`, as Python objects: a loop reads them
        faster than arrays, whose items become new objects at every read. Each feature's are
        made when a question first needs them, and kept."""
        a, b = self.bounds[i], self.bounds[i + 1]
        ints = self._ints  # one int object per example, shared by every feature's pairs
        kept = self._postings[i] = tuple(
            zip(map(ints.__getitem__, self.ids[a:b]), self.weights[a:b].tolist(), strict=True)
        )
        return kept

    def scores(self, text: str) -> list[tuple[float, str]]:
        """(score, label) for every answer, best first: the mean cosine similarity of the
        answer's two closest examples."""
        totals, touched = self._totals(text)
        # Only the examples that share a feature with the question score above 0: the two best
        # of each answer are found among them, in one pass.
        first = [0.0] * len(self.labels)
        second = [0.0] * len(self.labels)
        label_of = self._label_of
        for e in touched:
            score = totals[e]
            if score > second[label := label_of[e]]:  # most scores are below both
                if score > first[label]:
                    second[label] = first[label]
                    first[label] = score
                else:
                    second[label] = score
        sizes = self.sizes
        found = [
            ((best + second[i]) / 2 if best > 0.0 and sizes[i] > 1 else best, label)
            for i, (label, best) in enumerate(zip(self.labels, first, strict=True))
        ]
        found.sort(reverse=True)
        return found

    def _totals(self, text: str) -> tuple[list[float], Iterable[int]]:
        """The cosine similarity of `text` to every example, and the examples sharing a feature
        with it (the others score 0)."""
        totals = [0.0] * len(self.examples)
        postings = self._postings
        found, weights = self._vector(text)
        for i, w in zip(found, weights, strict=True):
            for e, v in postings.get(i) or self._feature_postings(i):
                totals[e] += v * w
        # Every weight is above 0: the examples sharing a feature are those whose total is.
        return totals, compress(self._ints, totals)

    def closest(self, text: str, label: str) -> str:
        """The example of `label` closest to `text` (to explain a decision)."""
        totals = self._totals(text)[0]
        a, b = self.slices[self.labels.index(label)]
        return self.examples[max(range(a, b), key=totals.__getitem__)]
