"""Reading a principle's number however it is written: "principle 3", "third principle",
"principle III", "p3", "#3", "3", "princple 3", "the 7th one", "the last principle"."""

from __future__ import annotations

from bot import vocabulary as vocab
from bot.text import edit_distance, to_number


def principle_number(folded: str) -> int | None:
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
        if is_principle_word(word):
            number = to_number(other)
            if number is not None:
                return number
    return None


def principle_in_sentence(folded: str, words: list[str]) -> int | None:
    """A principle number in a longer sentence: next to the word "principle", or "p3", "#3"."""
    short = vocab.P_INLINE.search(folded)
    if short:
        return int(short.group(1) or short.group(2))
    rank = vocab.RANK.search(folded)
    if rank:
        return to_number(rank.group(1))
    for i, word in enumerate(words):
        if word in ("principle", "principe", "principles", "principes", "commitment", "engagement"):
            after = words[i + 1 : i + 2]
            # "nine principles" is a count and "un principe" an article: only a singular word
            # looks backwards, and only at an ordinal ("third principle", "3e principe").
            before = words[max(0, i - 1) : i] if word in ("principle", "principe") else []
            before = [w for w in before if w not in vocab.NOT_ORDINALS]
            if before and before[0] in vocab.LAST:
                return 9
            for other in after + before:
                if other in ("i", "v", "x"):
                    continue  # "principle? I remember...": a pronoun or a letter, not a numeral
                number = to_number(other)
                if number is not None:
                    return number
    return None


def is_principle_word(word: str) -> bool:
    if word in vocab.PRINCIPLE_WORDS:
        return True
    return (
        len(word) >= 7
        and min(edit_distance(word, "principle"), edit_distance(word, "principe")) <= 2
    )
