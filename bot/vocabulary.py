"""The words the router knows: commands, stop words, French markers, question patterns.

Kept apart from `matching.py` so the vocabulary can grow without touching the routing logic.
"""

from __future__ import annotations

import re

FRENCH_STRONG = {
    "principe", "principes", "pourquoi", "combien", "quel", "quelle", "quels", "quelles",
    "est-ce", "signataire", "signataires", "a-t-il", "a-t-elle", "ont-ils", "appel", "l'appel",
    "aide", "qu'est-ce", "etats-unis", "soutiens", "soutient", "rejoint", "premier", "deuxieme",
    "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme",
    "entreprises", "pays", "dit", "propos", "riposte", "cyber-riposte",
}  # fmt: skip
FRENCH_WEAK = {
    "les",
    "des",
    "du",
    "qui",
    "que",
    "sur",
    "la",
    "le",
    "est",
    "une",
    "au",
    "aux",
    "et",
}
STOP = {
    "a", "an", "the", "is", "are", "was", "were", "be", "what", "which", "who", "how", "does", "do",
    "did", "about", "say", "says", "said", "tell", "me", "it", "its", "of", "in", "on", "for",
    "to", "and", "or", "with", "this", "that", "there", "their", "they", "i", "you", "we", "my",
    "call", "paris", "pariscall", "principle", "principles", "please", "can", "could", "would",
    "should", "any", "anything", "some", "mean", "means", "explain", "know", "want", "i'm",
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "ou", "que", "qui", "quoi", "est",
    "sur", "dit", "appel", "l'appel", "principe", "principes", "il", "elle", "en", "au", "aux",
    "qu'est-ce", "qu'est", "est-ce", "c'est", "what's", "whats", "give", "show", "allowed", "ok", "hi", "hello", "thanks",
}  # fmt: skip
CATEGORY_WORDS = {
    "state": ("state", "states", "country", "countries", "government", "governments", "nation",
              "nations", "etat", "etats", "pays", "gouvernements"),
    "public-authority": ("public authority", "public authorities", "city", "cities", "region",
                         "regions", "local", "municipal", "authorities", "collectivite",
                         "collectivites", "villes"),
    "private-sector": ("company", "companies", "business", "businesses", "firm", "firms",
                       "corporation", "corporations", "private sector", "private-sector",
                       "industry", "entreprise", "entreprises", "tech companies"),
    "civil-society": ("civil society", "civil-society", "ngo", "ngos", "university",
                      "universities", "nonprofit", "nonprofits", "non-profit", "charity",
                      "academia", "ong", "universites", "societe civile"),
}  # fmt: skip
COMMANDS = {
    "help": "help", "aide": "help", "?": "help", "commands": "help", "commandes": "help",
    "start": "help", "usage": "help", "hello": "help", "hi": "help", "hey": "help",
    "bonjour": "help", "salut": "help", "what can you do": "help", "who are you": "help",
    "thanks": "help", "thank you": "help", "merci": "help", "how does this work": "help",
    "principles": "principles", "principes": "principles", "list": "principles",
    "all principles": "principles", "the principles": "principles", "les principes": "principles",
    "nine principles": "principles", "9 principles": "principles", "the nine principles": "principles",
    "list principles": "principles", "list the principles": "principles",
    "supporters": "supporters", "signatories": "supporters", "signataires": "supporters",
    "soutiens": "supporters", "signers": "supporters", "stats": "supporters", "counts": "supporters",
    "us": "topic:us-position", "usa": "topic:us-position", "united states": "topic:us-position",
    "us position": "topic:us-position", "etats-unis": "topic:us-position", "america": "topic:us-position",
    "about": "topic:about", "a propos": "topic:about", "context": "topic:context",
    "contexte": "topic:context",
}  # fmt: skip
ABOUT = re.compile(r"\b(?:paris call|pariscall|appel de paris|l'appel|the call|it)\b")
LISTING = {"list", "liste", "all", "tous", "toutes", "nine", "neuf", "9", "are", "sont", "quels",
            "quelles", "show", "see", "names", "name", "every", "full", "complete", "those",
            "summarize", "summarise", "summary", "overview", "resume", "main", "key", "notable",
            "major", "biggest", "important", "which", "les", "principaux"}  # fmt: skip
# Words that name the principles as a whole ("the nine commitments").
PRINCIPLE_PLURALS = {"principles", "principes", "commitments", "engagements"}
SUPPORTER_NOUNS = {"supporters", "signatories", "signataires", "soutiens", "signers", "members",
                    "supporter", "signatory", "who", "qui"}  # fmt: skip
NEGATION = re.compile(
    r"\b(?:not|never|n't|hasn't|haven't|didn't|don't|doesn't|refused|refuse|pas|jamais)\b"
)
PRINCIPLE_WORDS = ("principle", "principe", "principles", "principes", "commitment", "p", "#")
NUMBERED = re.compile(r"^(?:(?:the|le|la)\s+)?(?P<a>\S+)\s+(?P<b>\S+)$")
P_SHORT = re.compile(r"^(?:p|#|n°|no\.?)\s*(\d+)$")
SUPPORTER_CMD = re.compile(r"^(?:supporter|signatory|signataire|soutien)\s+(?P<name>.+)$")
SUPPORTERS_CMD = re.compile(r"^(?:supporters|signatories|signataires|soutiens)\s+(?P<cat>.+)$")
ASK_NAME = [
    re.compile(p)
    for p in (
        r"^(?:(?:why|when|how come)\s+)?(?:is|are|was|were)\s+(?P<name>.+?)\s+(?:an?\s+)?"
        r"(?:supporter|supporters|signatory|signatories|signer|member|members|in|on board|"
        r"part of (?:it|this|the (?:paris )?call)|on the list|listed|included|supporting|"
        r"backing|among the supporters|among the signatories)(?:\s+(?:of|to)\s+.*)?$",
        r"^(?:(?:why|when|how come)\s+)?(?:did|has|have|does|do)\s+(?:not\s+)?(?P<name>.+?)\s+"
        r"(?:not\s+)?(?:sign|signed|join|joined|support|supported|endorse|endorsed|back|backed|"
        r"adhere|adhered|ratify|ratified|agree|agreed)\b.*$",
        r"^(?:(?:why|when)\s+)?(?:didn't|hasn't|haven't|doesn't|don't)\s+(?P<name>.+?)\s+"
        r"(?:sign|join|support|endorse|back)\b.*$",
        r"^(?:est-ce que|est ce que)\s+(?P<name>.+?)\s+(?:a|ont|est|sont)\s+"
        r"(?:signe|rejoint|soutenu|adhere|signataire|signataires)\b.*$",
        r"^(?P<name>.+?)\s+(?:a-t-il|a-t-elle|ont-ils|ont-elles|a t il|a t elle)\s+"
        r"(?:signe|rejoint|soutenu|adhere)\b.*$",
        r"^(?P<name>.+?)\s+(?:est|sont)(?:-il|-elle|-ils)?\s+(?:signataire|signataires|membre)\b.*$",
        r"^(?:supporter|signatory)\?*\s*(?P<name>.+)$",
    )
]
US_TOPIC = {
    "why", "when", "position", "stance", "reason", "2018", "2021", "trump", "biden", "harris",
    "administration", "pourquoi", "quand", "refuse", "refused", "absent", "policy",
}  # fmt: skip
SIGN_WORDS = {
    "sign", "signed", "signatory", "signatories", "supporter", "supporters", "support",
    "supports", "join", "joined", "member", "endorse", "endorsed", "signe", "signataire",
    "rejoint", "soutien", "soutient", "in", "part", "list", "listed",
}  # fmt: skip
COUNT_WORDS = ("how many", "number of", "count", "combien", "nombre de", "total", "who signed",
                "who has signed", "who supports", "who are the supporters", "list of supporters",
                "which countries", "which states", "which companies", "qui a signe", "liste des")  # fmt: skip
