"""The name a supporter question's frame holds: "did X sign?", "is X a supporter?",
"X a signé ?", "X - signatory or no?". The frames are in `bot.vocabulary` (ASK_NAME_PAIRS)."""

from __future__ import annotations

from bot import vocabulary as vocab
from bot.text import fold, tokens


def slots(folded: str) -> list[str]:
    """The name slot of a supporter question's frame, shortest reading first, then the longest
    ("is Access Now a supporter?": "access", then "access now")."""
    named = vocab.NAMED_AS.match(folded)  # "our auditor is EY France, are they a supporter?"
    if named:
        return [named.group("name")]
    clauses = [folded] + [c for c in vocab.CLAUSES.split(folded) if c and c != folded][::-1]
    across: list[str] | None = None  # a slot that runs across two sentences, kept as a last resort
    for clause in clauses:  # the whole question, then each clause from the last
        clause = vocab.ASKING.sub("", clause.strip(" ,;:-"))
        for lazy, greedy in vocab.ASK_NAME_PAIRS:
            match = lazy.match(clause)
            if not match:
                continue
            if not set(tokens(match.group("name"))) - vocab.ARTICLES:
                continue  # "does the supporters list include X?": another frame holds the name
            shortest = _clean_slot(match.group("name"))
            if shortest is None:
                return []
            longest = greedy.match(clause)
            other = _clean_slot(longest.group("name")) if longest else None
            found = [shortest] + ([other] if other and other != shortest else [])
            if any(mark in shortest for mark in (": ", ". ", "? ", "! ", "; ")):
                # "vendor review: is cisco on the list": the clause after the colon first, then
                # the whole ("Der Mittelstand. BVMW" is one name)
                across = across or found
                continue
            return found + (across or [])
    return across or []


def _clean_slot(raw: str) -> str | None:
    name = vocab.OWNER.sub("", raw.strip(" ,;:-")).strip(" '\"")
    name = vocab.DISLOCATED.sub("", name)  # "et le japon il est signataire ?": "le japon"
    name = vocab.REPORTED.sub("", name)  # "she swears Infineon is on the list": "infineon"
    name = vocab.EITHER_TAIL.sub("", name)  # "bnp paribas ou societe generale, une des deux"
    first = name.split(" ", 1)[0]
    if not name or name in vocab.NOT_NAMES or first in vocab.QUESTION_WORDS or "://" in name:
        return None
    return name


def plausible(name: str) -> bool:
    """Whether a slot that matched no name can still be one ("Zorgon Widgets"), rather than a
    sentence ("i always assumed the US", "the paris call create any obligations")."""
    words = set(tokens(name))
    if not words - vocab.STOP - vocab.ARTICLES:
        return False  # "is the a supporter": no word that could be a name
    if vocab.FIGURE.search(name):
        return False  # "sources give such different totals, 1,100 vs 1,200": a sentence
    return not (words & vocab.NOT_IN_NAMES or vocab.ABOUT_CALL.search(name))


def original_span(text: str, folded_name: str) -> str:
    """The user's own spelling (capitals kept) of a name found in folded text, when recoverable."""
    index = fold(text).find(folded_name)
    return text[index : index + len(folded_name)] if index >= 0 else folded_name
