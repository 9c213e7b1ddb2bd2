"""The point in time a question asks about ("at the launch", "in Nov 2019", "when the US joined").

`when()` reads folded text and returns a `Moment`: the last day the question covers and how to
name it. The supporters answer then picks the dated count for that time from the content.
"""

from __future__ import annotations

import re

from bot.lazy import lazy
from bot.records import Record
from bot.text import tokens

LAUNCH = "2018-11-13"  # the launch figures were reported on 12-13 Nov 2018
FIRST_ANNIVERSARY = "2019-11-12"
US_JOINED = "2021-11-11"  # the day the official list added the United States

_MONTHS = {
    "jan": 1, "january": 1, "janvier": 1, "janv": 1, "feb": 2, "february": 2, "fevrier": 2,
    "fev": 2, "fevr": 2, "mar": 3, "march": 3, "mars": 3, "apr": 4, "april": 4, "avril": 4,
    "avr": 4, "may": 5, "mai": 5, "jun": 6, "june": 6, "juin": 6, "jul": 7, "july": 7,
    "juillet": 7, "juil": 7, "aug": 8, "august": 8, "aout": 8, "sep": 9, "sept": 9,
    "september": 9, "septembre": 9, "oct": 10, "october": 10, "octobre": 10, "nov": 11,
    "november": 11, "novembre": 11, "dec": 12, "december": 12, "decembre": 12,
}  # fmt: skip
MONTH_WORDS = frozenset(_MONTHS)
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_YEAR = lazy(r"\b(20[1-3]\d)\b")
_LAUNCH = lazy(
    r"\b(?:at|on|from|since|by) (?:the )?(?:launch|start|beginning|outset|very start|signing)\b|"
    r"\b(?:initially|originally|at first|first day|launch day|day one|in the beginning|founding|"
    r"founders?|fondateurs?|fondatrices?|de la premiere heure|"
    r"au (?:lancement|debut|depart)|des le (?:debut|depart|lancement)|a l'origine|initialement|"
    r"au moment du lancement|a son lancement|a sa creation|au tout debut|"
    r"jour du lancement|when it (?:was )?launched|when it started|at its launch|"
    r"lors du lancement|quand il a ete lance|in 2018|en 2018|in nov(?:ember)? 2018|"
    r"en nov(?:embre)? 2018)\b"
)
_ANNIVERSARY = lazy(
    r"\b(?:first|1st) anniversary\b|\bpremier anniversaire\b|\bone year (?:later|after|on|in)\b|"
    r"\bun an (?:apres|plus tard)\b|\bafter (?:one|a|1) year\b"
)
_USA = (
    r"(?:united states|us|usa|u\.?s\.?a?\.?|america|americans|etats-unis|etats unis|americains|"
    r"biden|harris|the biden administration)"
)
_US_JOINED = lazy(
    rf"\b(?:when|before|after|once|the day|on the day|by the time|at the time) (?:the )?{_USA} "
    rf"(?:joined|signed|signed up|signed on|came on board|came in|came aboard|got on board|"
    rf"got in|jumped in|entered)\b|"
    rf"\bquand les {_USA} (?:ont (?:rejoint|signe|adhere)|sont (?:arrives|entres))\b|"
    rf"\b(?:avant|apres) (?:que )?(?:les |l'arrivee des )?{_USA}"
)
_BEFORE = lazy(r"\b(?:right |just |juste )?(?:before|avant)\b")
_NOW = lazy(
    r"\b(?:today|now|currently|current|latest|right now|as of now|these days|so far|"
    r"aujourd'hui|actuellement|maintenant|a ce jour|en ce moment)\b"
)
_MID = lazy(r"\b(?:mid|mi)[- ]?(20[1-3]\d)\b")
_END = lazy(r"\b(?:end|fin|late) (?:of |de |d')?")
_START = lazy(r"\b(?:start|beginning|debut|early) (?:of |de |d')?")


class Moment(Record):
    """The last day a question covers (ISO date) and which kind of moment it named."""

    __slots__ = ("date", "kind", "before", "reach", "field")

    def __init__(
        self, date: str, kind: str, before: bool = False, reach: int = 0, field: str = "total"
    ) -> None:
        self.date = date
        # launch, anniversary, us-joined, before-us, year, month, now, reach, latest
        self.kind = kind
        self.before = before  # "right before": the day itself is excluded
        self.reach = reach  # "when did it reach 80 states?": the figure asked about
        self.field = field  # which count that figure is: states, companies, ... or total


LATEST = Moment("9999-12-31", "latest")  # "who joined most recently?": the latest additions

_REACH = lazy(
    r"\b(?:reach|reached|hit|hits|pass|passed|cross|crossed|top|topped|get to|got to|exceed|"
    r"exceeded|atteint|atteindre|passe|depasse|franchi)\w* (?:the )?(?:mark of |cap des? |"
    r"barre des? )?(\d[\d,. ]*\d|\d)\+? ?(states?|countries|etats|pays|supporters?|signator\w*|"
    r"signataires|soutiens|companies|entreprises|ngos?|organi[sz]ations?|public authorities)\b"
)
_SINCE = lazy(
    r"\b(?:since when|depuis quand|when were there|when did it have|from when)\b.*?"
    r"(\d[\d,. ]*\d|\d) ?(states?|countries|etats|pays|supporters?|signataires|soutiens)"
)
_FIELDS = {"state": "states", "countri": "states", "etat": "states", "pays": "states",
           "compan": "private_sector", "entreprise": "private_sector", "ngo": "civil_society",
           "public": "public_authorities"}  # fmt: skip


def when(folded: str) -> Moment | None:
    """The moment a question asks about, or None when it names none."""
    reach = _REACH.search(folded) or _SINCE.search(folded)
    if reach:  # "when did it reach 80 states?"
        figure = int(re.sub(r"\D", "", reach.group(1)))
        kind = reach.group(2)
        field = next((f for k, f in _FIELDS.items() if kind.startswith(k)), "total")
        return Moment("9999-12-31", "reach", reach=figure, field=field)
    if _ANNIVERSARY.search(folded):
        return Moment(FIRST_ANNIVERSARY, "anniversary")
    if _US_JOINED.search(folded):
        if _BEFORE.search(folded):
            return Moment(US_JOINED, "before-us", before=True)
        return Moment(US_JOINED, "us-joined")
    if _LAUNCH.search(folded):
        return Moment(LAUNCH, "launch")
    mid = _MID.search(folded)
    if mid:
        return Moment(f"{mid.group(1)}-06-30", "month")
    words = tokens(folded)
    years = _YEAR.findall(folded)
    if years:
        year = int(years[-1])
        month = next((_MONTHS[w] for w in words if w in _MONTHS and w != "may" or
                      w == "may" and f"may {year}" in folded), None)  # fmt: skip
        if month:
            if _START.search(folded) and not _END.search(folded):
                return Moment(f"{year}-{month:02d}-10", "month")
            day = _DAYS[month - 1] if month != 2 or year % 4 == 0 else 28
            return Moment(f"{year}-{month:02d}-{day:02d}", "month")
        if _START.search(folded):
            return Moment(f"{year}-01-31", "month")
        if year == 2018:
            return Moment(LAUNCH, "launch")
        return Moment(f"{year}-12-31", "year")
    if _NOW.search(folded):
        return Moment("9999-12-31", "now")
    return None
