"""The words the router knows: commands, stop words, French markers, question patterns.

Kept apart from `matching.py` so the vocabulary can grow without touching the routing logic.
"""

from __future__ import annotations

from bot.lazy import lazy

FRENCH_STRONG = {
    "principe", "principes", "pourquoi", "combien", "quel", "quelle", "quels", "quelles",
    "est-ce", "signataire", "signataires", "a-t-il", "a-t-elle", "ont-ils", "appel", "l'appel",
    "aide", "qu'est-ce", "etats-unis", "soutiens", "soutient", "rejoint", "premier", "deuxieme",
    "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme", "neuvieme",
    "entreprises", "pays", "dit", "propos", "riposte", "cyber-riposte", "quand", "bonjour",
    "merci", "stp", "svp", "est-elle", "est-il", "sont-ils", "c'est", "n'a", "n'ont", "n'est",
    "qu'il", "qu'elle", "ils", "elles", "nous", "vous", "aussi", "avec", "dans", "signe", "signee",
    "signes", "signees", "peut", "peux", "peuvent", "particulier", "rejoindre", "ya", "quoi",
    "obligatoire", "contraignant", "traite", "dedans", "t'es", "j'ai", "ville", "mairie",
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
    "comme",
    "ce",
    "ca",
    "pas",
    "pour",
    "ont",
    "sont",
    "il",
    "elle",
    "je",
    "tu",
    "mais",
    "ou",
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
    "public-authority": ("public authority", "public authorities", "autorite publique",
                         "autorites publiques", "autorites", "public-authority", "city", "cities", "region",
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
    "ok": "help", "okay": "help", "okok": "help", "k": "help", "cool": "help", "coucou": "help",
    "yo": "help", "hola": "help", "ciao": "help",
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
ABOUT_WORDS = {
    "even",
    "explain",  # "explain the paris call like im 5"
    "explique",
    "im",
    "i'm",
    "five",
    "5",
    "simply",
    "juste",  # "c'est quoi au juste"
    "allo",
    "exactly",
    "actually",
    "quoi",
    "exactement",
    "ca",
    "cest",
    "c'est",
    "ce",
    "like",
    "again",
    "then",
    "alors",
    "donc",
    "so",
    "ok",
    "hmm",
    "um",
    "hey",
    "short",
    "nutshell",
    "brief",
    "briefly",
    "summary",
    "eli5",
    "quick",
    "quickly",
}
ABOUT = lazy(r"\b(?:paris call|pariscall|appel de paris|l'appel|the call|it)\b")
LISTING = {"list", "liste", "all", "tous", "toutes", "nine", "neuf", "9", "are", "sont", "quels",
            "quelles", "show", "see", "names", "name", "every", "full", "complete", "those",
            "summarize", "summarise", "summary", "overview", "resume", "main", "key", "notable",
            "major", "biggest", "important", "which", "les", "principaux"}  # fmt: skip
# With a word for the principles, these still ask for the list ("how many principles are there?").
LISTING_EXTRA = {
    "how", "many", "combien", "y", "il", "t", "a", "have", "has", "does", "do", "there", "de", "d",
    "its", "their", "short", "titles", "title", "titre", "titres", "courts", "court", "with",
    "avec", "leur", "leurs", "give", "donne", "donner", "me", "moi", "tu", "peux", "can", "you",
    "please", "pls", "whole", "entire", "francais", "french", "english", "anglais", "en", "all",
    "official", "officiels", "officiel", "again", "remind", "rappelle", "number", "nombre",
    "9", "nine", "neuf", "commitments", "engagements", "each", "every", "chaque", "ya", "tout",
    "total", "au", "in", "exactly", "exactement", "already", "deja", "quoi", "shortest",
    "brief", "briefly", "quick", "quickly", "bref", "rapide", "rapidement", "version",
}  # fmt: skip
# Words before a name that say what it is ("the city of Redmond", "l'État de Washington").
DESCRIPTOR = lazy(
    r"^(?:the |la |le |l')?(?:city of|town of|ville de|commune de|municipality of|"
    r"state of|etat de|etat du|province of|region of|region de)\s+"
)
# An aside that says which entity is not meant ("(the country, not the US state)", ", not the
# Japanese one"): dropped before a question is read, so the other entity is not asked about.
ASIDE = lazy(
    r"\([^()]*\b(?:not|pas|non)\b[^()]*\)|,\s*(?:and |but |mais |et )?(?:not|pas|non) "
    r"(?:(?:the|la|le|les|l')\b[^,.;?!()]*|(?!\w+ing\b)(?=\w+ \w)[^,.;?!()]{1,40}$)"
)
# A comparison after a supporter question, dropped like an aside ("zte signed like huawei did?").
COMPARED = lazy(
    r"\s+(?:just |exactly )?(?:like|as|the way|comme)\s+[^,.;?!()]{1,30}?\s+(?:did|does|has|have|"
    r"do|l'a fait|a fait|l'ont fait|ont fait)(?=\s*[?!.]*\s*$)"
)
# The same kind of place in both languages, for comparing descriptors.
PLACE_KINDS = {"ville": "city", "town": "city", "commune": "city", "municipality": "city",
               "etat": "state", "region": "region", "province": "province"}  # fmt: skip
# Where a long message splits into clauses, each tried for a supporter question.
CLAUSES = lazy(
    r"(?<=[?!.;])\s+|\s*[?!;]\s*|:\s+|,\s+(?=(?:is|did|has|was|are|does|est|a|and|but|so)\b)"
)
# "What comes before the principles?": the preamble, not the principles.
BEFORE = {"before", "avant", "precede", "precedes", "preceding", "precedent", "prior", "ahead"}
# A state named by its adjective ("the French government", "le gouvernement allemand").
STATE_BY_ADJECTIVE = lazy(
    r"^(?:the |le |l')?(?:(\w+) (?:government|gov|govt|state|administration|authorities|executive)|"
    r"(?:gouvernement|etat|executif|administration) (\w+))$"
)
# Adjectives of nationality, for "how many French companies signed?".
DEMONYMS = {
    "french": "FRA", "francais": "FRA", "francaise": "FRA", "francaises": "FRA", "american": "USA",
    "americain": "USA", "americaine": "USA", "americains": "USA", "americaines": "USA",
    "german": "DEU", "allemand": "DEU", "allemande": "DEU", "allemandes": "DEU", "allemands": "DEU",
    "british": "GBR", "britannique": "GBR", "britanniques": "GBR", "indian": "IND", "indien": "IND",
    "indienne": "IND", "indiennes": "IND", "indiens": "IND", "japanese": "JPN", "japonais": "JPN",
    "japonaise": "JPN", "japonaises": "JPN", "canadian": "CAN", "canadien": "CAN",
    "canadienne": "CAN", "canadiennes": "CAN", "canadiens": "CAN", "swiss": "CHE", "suisse": "CHE",
    "suisses": "CHE", "polish": "POL", "polonais": "POL", "polonaise": "POL", "polonaises": "POL",
    "spanish": "ESP", "espagnol": "ESP", "espagnole": "ESP", "espagnoles": "ESP",
    "espagnols": "ESP", "italian": "ITA", "italien": "ITA", "italienne": "ITA",
    "italiennes": "ITA", "italiens": "ITA", "mexican": "MEX", "mexicain": "MEX",
    "mexicaine": "MEX", "mexicaines": "MEX", "mexicains": "MEX", "irish": "IRL",
    "irlandais": "IRL", "irlandaise": "IRL", "irlandaises": "IRL", "dutch": "NLD",
    "neerlandais": "NLD", "neerlandaise": "NLD", "neerlandaises": "NLD", "romanian": "ROU",
    "roumain": "ROU", "roumaine": "ROU", "roumaines": "ROU", "roumains": "ROU",
    "hungarian": "HUN", "hongrois": "HUN", "hongroise": "HUN", "hongroises": "HUN",
    "nigerian": "NGA", "nigerian(e)": "NGA", "nigerianes": "NGA", "nigerians": "NGA",
    "belgian": "BEL", "belge": "BEL", "belges": "BEL", "australian": "AUS", "australien": "AUS",
    "australienne": "AUS", "australiennes": "AUS", "australiens": "AUS", "brazilian": "BRA",
    "bresilien": "BRA", "bresilienne": "BRA", "bresiliennes": "BRA", "bresiliens": "BRA",
    "chinese": "CHN", "chinois": "CHN", "chinoise": "CHN", "chinoises": "CHN", "russian": "RUS",
    "russe": "RUS", "russes": "RUS", "ukrainian": "UKR", "ukrainien": "UKR", "ukrainienne": "UKR",
    "ukrainiennes": "UKR", "ukrainiens": "UKR", "kenyan": "KEN", "kenyane": "KEN",
    "kenyans": "KEN", "finnish": "FIN", "finlandais": "FIN", "finlandaise": "FIN",
    "finlandaises": "FIN", "swedish": "SWE", "suedois": "SWE", "suedoise": "SWE",
    "suedoises": "SWE", "norwegian": "NOR", "norvegien": "NOR", "norvegienne": "NOR",
    "norvegiennes": "NOR", "norvegiens": "NOR", "danish": "DNK", "danois": "DNK",
    "danoise": "DNK", "danoises": "DNK", "greek": "GRC", "grec": "GRC", "grecque": "GRC",
    "grecques": "GRC", "grecs": "GRC", "portuguese": "PRT", "portugais": "PRT",
    "portugaise": "PRT", "portugaises": "PRT", "czech": "CZE", "tcheque": "CZE",
    "tcheques": "CZE", "estonian": "EST", "estonien": "EST", "estonienne": "EST",
    "estoniennes": "EST", "estoniens": "EST", "latvian": "LVA", "letton": "LVA",
    "lettone": "LVA", "lettones": "LVA", "lettons": "LVA", "lithuanian": "LTU", "lituanien": "LTU",
    "lituanienne": "LTU", "lituaniennes": "LTU", "lituaniens": "LTU", "austrian": "AUT",
    "autrichien": "AUT", "autrichienne": "AUT", "autrichiennes": "AUT", "autrichiens": "AUT",
}  # fmt: skip
# "US cities", "U.S. companies": the country as an adjective (capitals only: "us" is a pronoun).
# A region named with a demonym inside it: "Latin American countries" are not American ones.
# Read in folded text and in the text the model sees (accents kept), hence [eé] and (?i).
REGION = lazy(
    r"(?i)\b(?:latin|south|north|central|meso)[- ]?americ\w*|\bam[eé]rique (?:latine|du sud|"
    r"du nord|centrale)\b|\b(?:latino|sud|nord|centre)[- ]?am[eé]ricain\w*|\bam[eé]riques\b|"
    r"\bthe americas\b"
)
US_ADJECTIVE = lazy(r"(?<![\w.])(?:US|USA|U\.S\.A?\.?)(?![\w])")
# Asking for a number of supporters.
COUNTING = lazy(r"\b(?:how many|combien|number of|nombre d(?:e|')|count|total|tally|figures?)\b")
PRINCIPLE_WORDS_ALL = {
    "principle",
    "principles",
    "principe",
    "principes",
    "commitment",
    "commitments",
    "engagement",
    "engagements",
}
# Words that name the principles as a whole ("the nine commitments").
# Words without which a question is not about the principles as a whole.
PRINCIPLE_MARKS = {"principle", "principles", "principe", "principes", "commitment",
                   "commitments", "engagement", "engagements", "nine", "neuf", "9", "points",
                   "rules", "regles", "bullets", "norms", "normes", "promises", "promesses",
                   "pledges", "asks", "says", "say", "dit", "contents", "contenu", "text",
                   "texte", "takeaways", "commit", "committed", "engage", "promise", "promised",
                   "require", "requires", "ask", "demande"}  # fmt: skip
# Two principles asked about together ("difference between principle 1 and 2", "principes 3 et 4").
PRINCIPLE_PAIR = lazy(
    r"\b(?:principles?|principes?|p) ?([1-9])\s*(?:and|et|&|vs\.?|versus|or|ou|,|/)\s*"
    r"(?:(?:principle|principe|p) ?)?([1-9])\b"
)
# A request for every principle at once ("for my essay i need each principle summarised in one
# line", "give me all the commitments, just the short titles").
EACH_PRINCIPLE = lazy(
    r"\b(?:each|every|all(?: of)?(?: the)?|the (?:nine|9)|tous les|chacun des|chaque|les (?:neuf|9))"
    r" (?:\w+ )?(?:principles?|commitments?|principes?|engagements?)\b"
)
REQUEST = lazy(
    r"\b(?:give|list|need|summar\w*|show|want|explain|go through|walk me through|donne\w*|"
    r"liste\w*|resum\w*|besoin|montre\w*|explique\w*|detaille\w*)\b"
)
VERSIONS = {"different", "differ", "differs", "difference", "version", "versions", "wording",
            "wordings", "official", "why", "pourquoi", "differente", "differentes", "formulation"}  # fmt: skip
PRINCIPLE_PLURALS = {"principles", "principes", "commitments", "engagements"}
PRINCIPLE_WORDS = ("principle", "principe", "principles", "principes", "commitment", "p", "#")
NUMBERED = lazy(r"^(?:(?:the|le|la)\s+)?(?P<a>\S+)\s+(?P<b>\S+)$")
P_INLINE = lazy(r"(?<![\w-])(?:p|no\.?|n°|nr\.?) ?([1-9][0-9]?)(?![\w-])|#([1-9][0-9]?)\b")
NOT_ORDINALS = {"un", "une", "one", "a", "an", "the", "le", "la", "ce", "this", "that", "each"}
LAST = {"last", "final", "dernier", "ninth"}
P_SHORT = lazy(r"^(?:p|#|n°|no\.?)\s*(\d+)$")
SUPPORTER_CMD = lazy(r"^(?:supporter|signatory|signataire|soutien)\s+(?P<name>.+)$")
SUPPORTERS_CMD = lazy(r"^(?:supporters|signatories|signataires|soutiens)\s+(?P<cat>.+)$")
_ADVERBS = (
    r"(?:(?:also|already|actually|really|still|ever|now|officially|even|not|never|yet|"
    r"currently|formally|finally|toujours|deja|bien|vraiment|aussi|pas|jamais|"
    r"officiellement|encore|refuse[ds]? to|refusing to|decline[ds]? to|fail(?:ed|s)? to|"
    r"want(?:ed|s)? to|chose to|choose to|decide[ds]? to|plan(?:ned|s)? to|need(?:ed|s)? to|"
    r"have to|has to|had to|going to|gonna|agree[ds]? to|try to|tried to|ever get to|"
    r"must have|must've|should have|surely|probably|definitely|obviously)\s+)*"
)
_SIGN = (
    r"(?:supporters?|signator(?:y|ies)|signers?|members?|backers?|endorsers?|participants?|"
    r"part of|(?:on|in) (?:the|that|this) (?:official )?(?:(?:supporters?|signator(?:y|ies)|signers?)"
    r" )?list|on board|onboard|"
    r"on there|in there|on it|counted|count as an?|"
    r"in(?=\s*(?:$|[?!.,]|or\b|yet\b|too\b|now\b|already\b|then\b))|"
    r"listed|included|among|sign(?:ed|ing|s)?|join(?:ed|ing|s)?|support(?:ed|ing|s)?|"
    r"backed|endorse[ds]?|adhere[ds]?|ratif(?:y|ied)|agree[ds]?|committed|"
    r"come on board|signed up|a party)"
)
ASKING = lazy(
    r"^(?:(?:so|ok|okay|and|also|quick check|quick q|quick question|hey|hi|btw|just checking|"
    r"wait|hmm|lol|honestly|sorry|question)[,:]?\s+)*"
    r"(?:(?:do you know|any idea|can you (?:check|tell me|confirm)|could you (?:check|tell me)|"
    r"i wonder|wondering|is it true|tell me|pls confirm|please confirm|confirm)\s+"
    r"(?:if|whether|that)\s+|(?:is it true|c'est vrai que|est-ce vrai que|il parait que)\s+)?"
)
_FR_SIGN = (
    r"(?:signe|signee|signes|rejoint|soutenu|soutient|soutiennent|adhere|signataires?|"
    r"membres?|dans la liste|sur la liste|partie des (?:signataires|soutiens)|partie|dedans|"
    r"la-dedans|"
    r"dans les (?:soutiens|signataires)|"
    r"soutiens?|parmi les (?:signataires|soutiens)|engage|engagee)"
)
_ASK_NAME = [
    p
    for p in (
        # "did X sign?", "is X a supporter?", "since when is X on the list?"
        r"^(?:(?:why|when|since when|how come|how long)\s+)?"
        r"(?:is|are|was|were|has|have|had|did|does|do)(?:\s+not|n't)?\s+(?P<name>.+?)\s+"
        + _ADVERBS
        + r"(?:an?\s+|the\s+)?(?:official\s+)?(?:paris call\s+|pariscall\s+)?"
        + _SIGN
        + r"\b.*$",
        # French: "est-ce que X a signé ?", "X a-t-il signé ?", "X est signataire ?", "X a signé"
        r"^(?:(?:et|alors|donc|bon|ok|salut|bonjour)[,]?\s+)*"
        r"(?:(?:quand|depuis quand|pourquoi|comment|en quelle annee)\s+)?(?:est[- ]ce qu(?:e\s+|')|"
        r"sais-tu si\s+|savez-vous si\s+|tu sais si\s+)?(?P<name>.+?)\s+"
        r"(?:a|ont|est|sont|fait|font|figure|figurent|apparait|apparaissent)"
        r"(?:-t-(?:il|elle)|-(?:il|elle|ils|elles|tu))?\s+"
        + _ADVERBS
        + r"(?:un\s+|une\s+)?"
        + _FR_SIGN
        + r"\b.*$",
        # "X is a supporter??", "X signed or not", "X - signatory or no?", "X: are they in?"
        r"^(?P<name>.+?)[\s,:-]+(?:(?:is|are|was|has|have)\s+(?:(?:they|it|we)\s+)?"
        + _ADVERBS
        + r"(?:an?\s+|the\s+)?(?:paris call\s+)?(?:supporters?|signator(?:y|ies)|members?|signed|"
        r"joined|listed|included|in|on the (?:supporters? |signator(?:y|ies) |official )?list)|"
        + _ADVERBS
        + r"(?:an?\s+|the\s+)?(?:paris call\s+)?"
        r"(?:supporter|signatory|"
        r"member|signed|joined|listed|included|on (?:the|that) (?:supporters? |signator(?:y|ies) )?list|"
        r"in (?:the|that) list|"
        r"in or (?:not|out)|in(?=\s*$))|(?:did|have|has|are|is) (?:they|it|we) (?:sign|signed|"
        r"join|joined|in|on the list|an? supporters?|supporters|signatories|on board))\b.*$",
        # "Nigeria as a state, is it in?", "l'Inde en tant qu'État a signé ?"
        r"^(?P<name>.+?),? (?:as|en tant que|en tant qu') ?(?:an?|un|une)? ?(?:state|country|etat|"
        r"pays|government|gouvernement|nation)\b.*$",
        # "supporter? X"
        r"^(?:supporter|signatory)\b\?*\s*(?P<name>.+)$",
        # "does the list include X?", "is X's name on the list", "X's on it too?"
        r"^(?:does|do) the (?:official )?(?:supporters? |signator(?:y|ies) )?list (?:include|have|"
        r"contain|mention|show)s? (?P<name>.+?)\s*(?:\?.*)?$",
        r"^(?P<name>.+?)'s (?:on|in) (?:it|there|the list|board)\b.*$",
        r"^(?:la liste (?:contient|inclut|comprend|mentionne)|y a-t-il|il y a) (?P<name>.+?) "
        r"(?:dans la liste|parmi les (?:signataires|soutiens))\b.*$",
    )
]
# Each frame twice: the shortest name first, then the longest ("Access Now", "Business Support").
ASK_NAME_PAIRS = [(lazy(p), lazy(p.replace("(?P<name>.+?)", "(?P<name>.+)"))) for p in _ASK_NAME]
# What the name slot of a frame holds when the question is not about one name.
NOT_NAMES = {
    "it", "this", "that", "they", "you", "the call", "the paris call", "paris call", "l'appel",
    "l'appel de paris", "appel de paris", "il", "elle", "ils", "ce", "cela", "ca", "anyone",
    "everyone", "someone", "somebody", "nobody", "who", "qui", "i", "we", "my company",
    "my organisation", "my organization", "our company", "our organisation", "my country",
}  # fmt: skip
# People asked about as if they could sign: the topic that speaks of them.
PEOPLE = {
    "biden": "us-position",
    "trump": "us-position",
    "harris": "us-position",
    "kamala": "us-position",
    "obama": "us-position",
    "blinken": "us-position",
    "pompeo": "us-position",
    "macron": "about",
    "smith": "faq:tech-accord",
}
# Words that ask why (a topic may answer: the absentees, the U.S. position), not whether.
WHY = {"why", "pourquoi", "reason", "reasons", "raison", "raisons"}
# Determiners that may stand around a bare name ("the Sorbonne?").
ARTICLES = {"the", "le", "la", "les", "l", "de", "du", "des", "d", "of", "and", "et"}
# Words no organisation's name holds: a frame slot with one is a sentence, not a name.
NOT_IN_NAMES = {
    "i", "we", "you", "my", "our", "your", "me", "us", "he", "she", "like", "stuff", "things",
    "something", "anything", "everything", "people", "folks", "guys", "je", "tu", "nous", "vous",
    "mon", "ma", "mes", "notre", "nos", "assumed", "thought", "think", "heard", "said", "says",
    "want", "wants", "wanted", "become", "becoming", "need", "needs", "trying", "planning",
    "would", "veut", "voudrait", "devenir", "give", "gives", "such", "different", "why",
    "pourquoi", "vs", "versus", "totals", "numbers", "chiffres", "process", "list", "liste",
    "have", "has", "dates", "last", "first", "latest", "newest", "recent", "dernier", "derniere",
    "derniers", "premier", "premiers", "confirm", "confirme", "say", "tell",
}  # fmt: skip
# A figure written with a separator ("1,100", "1 200"): no part of a name.
FIGURE = lazy(r"\d[,.\s]\d{3}\b")
# The Paris Call named outright ("does the call mention...", "l'appel cite-t-il...").
ABOUT_CALL = lazy(
    r"\b(?:paris call|pariscall|appel de paris|(?:the|this) call|l'appel|cet appel)\b"
)
# The Call's text named without the Call ("does the text mention the Budapest Convention?").
THE_TEXT = lazy(
    r"\b(?:the text|le texte|the preamble|le preambule|dans l'appel|does it (?:mention|cite|"
    r"refer to|reference|name)|est-ce qu'il (?:cite|mentionne))\b"
)
# Beginnings of the words that ask whether someone signed.
SIGN_STEMS = ("sign", "support", "soutien", "soutient", "join", "endors", "adher", "member",
              "membre", "rejoin", "backer", "list")  # fmt: skip
# ... and of the words a question about supporters or their numbers uses: a counting question
# without one and with words the examples never use ("how many medals did France win in 2024?")
# is about something else.
SUPPORT_STEMS = SIGN_STEMS + (
    "soutenu", "countr", "pays", "state", "etat", "govern", "gouvern", "compan", "entreprise",
    "organi", "org", "ngo", "ong", "societ", "civil", "public", "authorit", "autorit", "cit",
    "ville", "back", "particip", "nation", "firm", "business", "industr", "private", "prive",
    "collectiv", "region", "univers", "academ", "stat", "number", "nombre", "total", "count",
    "compteur", "chiffre", "breakdown", "coalition", "evol", "grow", "croiss", "entr", "categor",
)  # fmt: skip
# A name in quotes, capitalised ("my company 'Northwind Traders' - did we sign?").
QUOTED_NAME = lazy(r"['\"“‘«]\s*([A-Z0-9][\w&.-]*(?: [A-Z0-9&][\w&.-]*){0,5})\s*['\"”’»]")
# Between the names of a question about two or three ("Tencent or Alibaba", "Maurice ou la
# Mauritanie, which one").
EITHER = lazy(r"\s*(?:,|\bor\b|\bou\b|\band\b|\bet\b|&)\s*(?:(?:the|la|le|les|l')\s+)?")
# What joins two names asked about together ("Thales et Airbus", "austria or australia").
PAIR_WORDS = {"or", "ou", "et", "and", "vs", "versus"}
PAIR_JOIN = lazy(r"(?i)\s+(?:or|ou|et|and|vs\.?|versus|&)\s+")
# Words that ask whether a name is in the list ("dedans", "in?", "on it").
IN_LIST = {"in", "dedans", "inside", "included", "listed", "there", "dessus", "partie"}
# Code or an injection attempt, not a question ("admin' --", "' OR '1'='1", "{{7*7}}").
CODE = lazy(
    r"(?:'\s*--|\s--\s*$|;\s*--|\bdrop\s+table\b|\bselect\s+\*|<script|\bor\s+'?1'?\s*=|"
    r"\$\{|\{\{|\bunion\s+select\b)"
)
# Words around a time in a follow-up that asks only about that time ("what about in 2020?").
TIME_FILLER = {"what", "about", "and", "et", "en", "in", "at", "then", "so", "ok", "alors",
               "how", "for", "pour", "as", "of", "de", "du", "the", "le", "la", "mid", "end",
               "fin", "start", "debut", "early", "late", "beginning", "year", "annee", "by",
               "since", "depuis", "a", "au", "quoi"}  # fmt: skip
# "Can individuals sign it?", "un particulier peut signer ?": who may join, the joining FAQ.
WHO_MAY_JOIN = lazy(
    r"^(?:so |and |ok )?(?:can|could|may|is it possible for) (?:an? |any )?(?:individuals?|people|"
    r"persons?|citizens?|private (?:persons?|individuals?|citizens?)|i|we|my (?:company|org|"
    r"organi[sz]ation|university|city|ngo|team|startup)|compan(?:y|ies)|universit(?:y|ies)|"
    r"cit(?:y|ies)|ngos?|startups?|small business(?:es)?) (?:also |too |even )?(?:sign|join|"
    r"endorse|support|become)\b|"
    r"^(?:est-ce qu'|est ce qu')?(?:un particulier|les particuliers|une personne|un citoyen|"
    r"une entreprise|une pme|une ville|une universite|une association) (?:peu[tx]|peuvent) "
    r"(?:aussi |meme )?(?:signer|rejoindre|soutenir|adherer)\b"
)
# Words that ask, never inside a name: a name slot holding one is a sentence.
ASKS = {"how", "many", "why", "what", "which", "combien", "pourquoi", "quoi", "quel", "quelle"}
# A name slot that starts with one of these is a question, not a name ("how many states ...").
QUESTION_WORDS = {
    "how", "what", "which", "who", "whom", "whose", "why", "when", "where", "whether", "if",
    "it", "this", "that", "there", "these", "those", "they", "we", "you", "i", "my", "our",
    "your", "all", "any", "every", "each", "some", "many", "most", "more", "no", "none",
    "combien", "quel", "quels", "quelle", "quelles", "qui", "que", "quoi", "pourquoi", "quand",
    "comment", "ou", "tous", "toutes", "tout", "chaque", "aucun", "aucune", "ils", "elles",
    "il", "elle", "on", "nous", "vous", "je", "tu", "ce", "cela", "ca", "ces", "anyone",
    "anybody", "someone", "somebody", "everyone", "everybody", "nobody", "list", "liste", "show",
    "give", "name", "tell", "count", "counts", "number", "numbers", "total", "stats", "nombre",
    "donne", "montre", "cite",
}  # fmt: skip
# "my company X", "our org X": the name is what follows.
# A pronoun that repeats the name before it ("le japon il", "microsoft they"), and an opening "et".
DISLOCATED = lazy(
    r"\s+(?:il|elle|ils|elles|they|he|she|lui|eux|itself|themselves|lui-meme|elle-meme)$|"
    r"^(?:et|and) "
)
# The name a possessive introduces before asking about it ("our auditor is EY France, are they a
# supporter?", "notre fournisseur c'est Thales, ils ont signé ?").
NAMED_AS = lazy(
    r"^(?:my|our|mon|ma|notre|nos|their) (?:[\w-]+ ){1,3}(?:is|are|est|c'est|sont) "
    r"(?P<name>[^,;?]+?)\s*[,;-]\s*(?:are|is|did|do|does|have|has|ont|a|est|sont)(?:[- ]t)?[- ]"
    r"(?:they|it|we|ils|elles|elle|il|on|nous)\b"
)
# What closes a choice of two names ("X ou Y, une des deux a signé ?").
EITHER_TAIL = lazy(
    r",?\s*(?:une des deux|l'une des deux|l'un des deux|un des deux|either of them|one of them|"
    r"either one|any of them|les deux|both of them|lequel des deux|laquelle des deux)$"
)
# Who says a name signed, before the name ("my boss swears X signed", "on m'a dit que X a signé").
REPORTED = lazy(
    r"^(?:(?:\w+ ){1,3}(?:swears?|says?|said|thinks?|thought|claims?|claimed|told me|tells me|"
    r"believes?|insists?|reckons?|assumes?|heard|read|saw) (?:that )?|(?:\w+ ){0,3}(?:dit|disait|"
    r"pense|affirme|jure|m'a dit|a dit|croit|lu|entendu|vu) (?:que |qu'))"
)
# Words that ask whether a name is in the list, in so many words.
LISTED = lazy(
    r"\b(?:on|in) the (?:official )?(?:supporters?|signator(?:y|ies))? ?list\b|\b(?:a|an) "
    r"(?:official )?(?:supporter|signatory)\b|\bsigned (?:the|it|up|on)\b|\bdans la liste\b|"
    r"\b(?:est|sont) (?:signataires?|soutiens?)\b|\ba signe\b|"
    r"\b(?:sign|signed|join|joined)\s*[?!.]*$"
)
OWNER = lazy(
    r"^(?:my|our|mon|ma|notre) (?:company|org|organisation|organization|employer|"
    r"university|uni|ngo|startup|entreprise|boite|societe|asso|association)\s+"
)
# "the 7th one", "la troisième": a principle by its rank.
RANK = lazy(
    r"\b(?:the|la|le) (\d(?:st|nd|rd|th|e|eme)|first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|premier|premiere|deuxieme|troisieme|quatrieme|"
    r"cinquieme|sixieme|septieme|huitieme|neuvieme) (?:one|point|item)\b"
)
# Other texts people "sign": a frame naming one is not about the Paris Call.
# Texts that are signed, never supporters themselves: a name slot holding one is not a name.
TREATIES = lazy(
    r"\b(?:conventions?|treat(?:y|ies)|traites?|accords?|statute|statut|npt|tnp|protocols?|"
    r"protocoles?|pacts?|pactes?|christchurch call|paris agreement|accord de paris|declaration|"
    r"manifesto|pledge)\b"
)
# "Who signed it?": the list of supporters, by rule.
WHO_SIGNED = lazy(
    r"^(?:so |and |ok )?(?:who (?:has |have |actually )?(?:signed|supports?|joined|endorsed|backs?|"
    r"is on board|are the (?:supporters|signatories|signers))|qui (?:a|ont) (?:signe|rejoint|"
    r"soutenu|adhere)|qui soutient|qui sont les (?:signataires|soutiens))(?: (?:it|this|the "
    r"(?:paris )?call|l'appel(?: de paris)?|so far|already|deja|yet))*$"
)
# Other texts and bodies, named ("the Budapest Convention", "NATO", "the GDPR").
_OTHER_BODIES = (
    r"budapest|christchurch|tallinn|kyoto|wassenaar|nis ?2|gdpr|rgpd|cyber resilience act|"
    r"united nations|nations unies|onu|nato|otan|council of europe|conseil de l'europe|g7|g20|"
    r"brics|wto|omc|olympics?|jeux olympiques"
)
OTHER_TEXTS = lazy(
    r"\b(?:conventions?|treat(?:y|ies)|traites?|accords?|statute|statut|npt|tnp|protocols?|"
    r"protocoles?|pacts?|pactes?|charters?|chartes?|paris agreement|accord de paris|climate|"
    r"climat|cop ?\d+|schengen|euro ?zone|tech accord|cybersecurity tech accord|declaration|"
    rf"manifesto|pledge|initiative|{_OTHER_BODIES})\b"
)
# The bot's own opinion asked for: it has none to give ("what's your opinion of the Call?").
OPINION = lazy(
    r"\b(?:your (?:\w+ )?(?:opinion|view|take|thoughts)|honest(?:ly)? opinion|what do you think|"
    r"do you (?:like|think|believe)|(?:is|are) (?:it|the paris call|they) (?:any )?better than|"
    r"ton avis|votre avis|(?:tu|vous) en pens\w+|t'en penses|tu penses quoi|vous pensez quoi)\b"
)
# The latest additions to the list asked about ("which was the most recent state to join?",
# "qui sont les derniers signataires ?"); with ADDED, a word of joining or of being added.
LATEST = lazy(
    r"\b(?:most recent(?:ly)?|latest|newest|recently|anyone new|anybody new|any new|"
    r"last(?! (?:week|month|year|night|weekend|"
    r"summer|winter|spring|autumn|fall)\b)|dernier\w*|recemment|plus recent\w*|"
    r"nouvea\w+ (?:signataires|soutiens|membres))\b"
)
# ... but not the list's own last change ("when was the list last updated?": the list's FAQ).
LIST_CHANGE = {"update", "updated", "updates", "change", "changed", "changes", "modified",
               "refreshed", "maj", "jour", "modifie", "modifiee", "actualise", "actualisee"}  # fmt: skip
ADDED = {"added", "addition", "additions", "joined", "join", "newcomer", "newcomers", "ajout",
         "ajoute", "ajoutes", "ajoutee", "ajoutees", "arrive", "arrives", "arrivee", "arrivees",
         "inscrit", "inscrits", "entrant", "entrants"}  # fmt: skip
# The countries with the most supporters ("which country has the most supporters?").
MOST_BY_COUNTRY = lazy(
    r"\b(?:which|what|quel\w*) (?:country|countries|nation|pays)\b.*\b(?:most|le plus|plus de|"
    r"biggest|largest)\b|\b(?:top|biggest|largest|leading) (?:\w+ )?(?:countr\w*|pays)\b|"
    r"\b(?:by|per|par) (?:country|countries|pays)\b|\bpays (?:qui a|avec|ayant) le plus\b"
)
# A listing of one country's supporters of a kind ("which US states signed?", "any german banks
# in it?", "quelles villes françaises ont signé ?"): the kind's word.
LISTING_FROM = lazy(
    r"^(?:which|what|list(?: the| of)?|any|are there(?: any)?|name the|quel\w*|liste des|"
    r"y a(?:-t-il| t il)? des) (?:\w+ )?(?:states|cities|towns|companies|firms|banks|orgs|"
    r"organi[sz]ations|universities|ngos|etats|villes|entreprises|banques|organisations|"
    r"universites|ong)\b"
)
# ... but not one told against another time or actor ("... while the federal government was out").
RELATIVE = {"federal", "while", "before", "after", "until", "federale", "avant",
            "apres", "pendant", "tandis"}  # fmt: skip
# What a "how do I join ...?" question joins ("join the french army": not the Call).
JOIN_OBJECT = lazy(
    r"\b(?:join|joining|rejoindre|adherer a|sign up (?:for|to))\s+(?:the |a |an |la |le |l'|un |une )?"
    r"([a-z][\w-]*)"
)
JOINABLE = {"it", "call", "appel", "paris", "pariscall", "list", "liste", "us", "in", "up", "them",
            "this", "that", "supporters", "signatories", "initiative", "effort", "ca", "cela",
            "ce", "cet", "cette", "officially", "formally", "as", "en", "too", "now", "later",
            "support", "endorse", "become", "be", "get", "our", "my", "your", "votre", "notre"}  # fmt: skip
# Words that head an organisation's name ("the alliance for securing democracy"): a slot with
# one is a name, even when its other words are the examples' words.
ORG_HEADS = {"alliance", "institute", "institut", "center", "centre", "foundation", "fondation",
             "council", "conseil", "association", "coalition", "society", "societe", "agency",
             "agence", "university", "universite", "school", "ecole", "chamber", "chambre",
             "federation", "network", "reseau", "corporation", "inc", "ltd", "gmbh", "llc",
             "laboratory", "laboratoire", "academy", "academie", "consortium", "observatory",
             "observatoire", "trust", "fund", "fonds"}  # fmt: skip
# A description giving examples, not a name ("basic hygiene (patching, mfa etc)").
EXAMPLES_GIVEN = lazy(r"\betc\b|\be\.g\b|\bsuch as\b|\bpar exemple\b|\bpar ex\b")
# A message that opens with a name asked about, then says why ("deloitte? they're our auditor").
LEAD_NAME = lazy(r"^\s*([^?.!\n]{2,40}?)\s*\?+\s+(\S[^?]*)$")
# A message ending on another name asked about ("IBM signed, but what about red hat?").
TAIL_NAME = lazy(
    r"(?:[,.;!?]|\s-)\s*(?:(?:but|and|so|ok|okay|mais|et|alors)\s+)?(?:what about|how about|"
    r"what of|et pour|quid de|et|(?P<or>or was it|or is it|or maybe|ou c'etait|ou c'est|ou bien))"
    r"\s+([^?,.;!]{2,40}?)\s*\?*\s*$"
)
# A pronoun taking up the name before it ("X, are they on the list?").
PRONOUN_AFTER = lazy(r"^\s*,\s*(?:are|is|were|was|did|do|does|have|has)\s+(?:they|it)\b")
# Which entity a listed name is, asked by describing another ("the HSE on the list, is that the
# UK health and safety executive?").
IDENTITY = lazy(
    r"\b(?:is (?:that|it|this) (?:the|a|an)|do you mean (?:the|a)|c'est (?:bien )?(?:le|la|l'))\s+"
    r"([^?]{3,60}?)\s*\?*\s*$"
)
# How the words after such a name go on about it: it, we, our, they ...
ABOUT_IT = {"they", "they're", "theyre", "their", "it", "it's", "its", "we", "we're", "our",
            "us", "the", "ils", "elle", "il", "c'est", "cest", "on", "nous", "notre", "nos",
            "leur", "leurs", "not", "pas", "obviously", "asking", "just", "checking", "je", "i",
            "i'm", "im", "my", "mon", "ma", "for"}  # fmt: skip
# Words said in reply, never a name asked about ("seriously?", "vraiment ?").
# (Read in normalised text: "thx" and "ty" are "thanks" by then.)
INTERJECTIONS = {"really", "seriously", "sure", "wait", "huh", "hmm", "hm", "wow", "oh", "ah",
                 "ok", "okay", "cool", "nice", "true", "right", "yeah", "yep", "nope", "what",
                 "why", "how", "thanks", "lol", "lmao", "bruh", "fr", "ngl", "interesting",
                 "weird", "wild", "crazy", "damn", "indeed", "again", "sorry", "vraiment",
                 "serieux", "serieusement", "sur", "quoi", "hein", "bon", "bref", "ouais",
                 "merci", "pardon", "genre", "d'accord", "dacc", "daccord"}  # fmt: skip
# The question closing a sentence after a comma ("on prépare une note, qui a lancé l'appel ?").
TAIL_QUESTION = lazy(
    r"(?i),\s+((?:qui|quand|pourquoi|comment|combien|quel\w*|est-ce|c'est quoi|what|what's|who|"
    r"when|why|how|is|are|does|did|can|could)\b[^,]*\?)\s*$"
)
# A sentence asking about what the sentences before it tell ("what does it say about that?").
BACK_REFERENCE = lazy(
    r"\b(?:about (?:that|this|it|them)|on (?:that|this)|(?:that|this) (?:case|situation|kind)|"
    r"en (?:dit|pense|parle)\w*|la-dessus|la dessus|ca|cela|dans ce cas|in that case|"
    r"is (?:that|this) (?:ok|allowed|legal|covered|right|true))\b"
)
# Where a sentence of a longer message ends.
SENTENCE_END = lazy(r"(?<=[?!.])\s+|\s*\n+\s*|\s+[-–—]\s+")
# The Paris climate agreement named (and the Call not): the FAQ that tells them apart.
CLIMATE = lazy(
    r"\b(?:paris (?:climate )?agreement|paris climate|accord de paris|climate (?:agreement|deal|"
    r"accord|treaty)|accord (?:de paris )?sur le climat|cop ?21)\b"
)
# Words that tie a question to the Call (or to the bot it is asked of): a topic is answered from
# one shared word ("election", "norms", "malware") only with one of these beside it, so "how to
# vote by mail in france" and "norms of etiquette in japan" are not the Call's principles.
ANCHOR = lazy(
    r"\b(?:paris call|pariscall|appel|call|principles?|principes?|commitments?|engagements?|"
    r"sign\w*|support\w*|soutien\w*|soutient|join\w*|rejoin\w*|adher\w*|endors\w*|it|its|"
    r"this|one|ones|there|in there|dedans|la-dedans|ca|cela|celui|celle|lequel|laquelle|text|"
    r"texte|wording|formulation|declaration|initiative|bot|you|tu|vous|list|liste|hack ?back|"
    r"hackback|riposte|cyber\w*|preamble|preambule|oewg|gge|tech accord|wg ?\d|working groups?|"
    r"groupes? de travail|peace forum|forum de paris|macron|launch\w*|lanc\w*|unveil\w*|"
    r"us|usa|united states|etats-unis|america\w*|eu|ue|states?|etats?|countr\w*|pays|"
    r"govern\w*|gouvern\w*|ngos?|ongs?|signator\w*|signataires?|members?|membres?|treaty|"
    r"traite|binding|contraignant|official\w*|officiel\w*|csv|counters?|compteurs?|total|"
    r"absent\w*|un|onu|united nations|nations unies|internet|online|digital|numerique|ict|"
    r"hack\w*|pirat\w*|malicious|malveillant\w*|attack\w*|attaqu\w*|interference|ingerence|"
    r"tamper\w*|meddl\w*|exploits?|spyware|zero.?days?|vulnerabilit\w*|disinfo\w*|desinfo\w*|"
    r"botnets?|ddos|sanction\w*|enforce\w*|legal\w*|juridique\w*|obligat\w*|oblige\w*|"
    r"contraign\w*|ratif\w*|anything (?:in|on|about)|something (?:on|"
    r"about)|y a (?:qqch|quelque chose|un truc)|quelque chose sur|anywhere|cover(?:s|ed)?|"
    r"mention\w*|truc|thing|site|website|20\d\d)\b"
)
# Facts about the Call the content does not hold: its budget, staff, offices ("what's the Paris
# Call's annual budget?" is not its overview).
NOT_COVERED = lazy(
    r"\b(?:budget|budgets|funding|funded|funds|financ\w*|staff|staffed|employees|salar\w*|"
    r"headquarters|hq|office address|phone number|siege social|effectifs?|salaries)\b"
)
# Chat words that say nothing of what is asked ("wtf is the paris call lol").
CHAT_FILLER = {"wtf", "lol", "lmao", "ngl", "tbh", "bruh", "bro", "ffs", "omg", "idk", "haha",
               "mdr", "ptdr", "even", "exactly", "actually", "again", "tho", "though"}  # fmt: skip
# A message that is only two or three names to choose from ("huawei or zte?").
BARE_CHOICE = lazy(
    r"^((?:[\w&.'-]+ ){0,3}[\w&.'-]+ (or|ou|and|et|&) (?:[\w&.'-]+ ){0,3}[\w&.'-]+)$"
)
NOT_A_CHOICE = {"not", "pas", "no", "yes", "non", "oui", "out", "in", "rien", "nope"}
# Words that turn "which countries signed?" into "which did not?".
NEGATIVE = {"not", "didn't", "didnt", "hasn't", "hasnt", "haven't", "havent", "never", "pas",
            "jamais", "absent", "absents", "absentees", "missing", "manque", "manquent", "refuse",
            "refused", "non", "without", "sans", "outside", "hors", "n't", "n"}  # fmt: skip
# Two sources giving two figures ("the site says 81 states and the forum 80, why?").
DISCREPANCY = lazy(
    r"\b(?:why|pourquoi|which (?:is it|one)|who(?:'s| is) (?:right|wrong)|qui a raison|lequel|"
    r"laquelle|vs|versus|but|mais|while|alors que|whereas)\b"
)
# Words about the list's file rather than its contents.
FILE_WORDS = {"csv", "export", "exports", "download", "file", "fichier", "telecharger",
              "donnees", "json", "github", "repo", "spreadsheet", "tableur", "columns",
              "colonnes", "dataset"}  # fmt: skip
# Figures that can be counts of supporters (not years, not the nine principles): "80", "1,100".
FIGURES = lazy(r"(?<![\d,.])(?:[1-9]\d{1,2}(?:[,. ]\d{3})?|1\d{3})(?![\d,.]?\d)")
# Where two figures come from ("one site says 1100 and another 1200").
SOURCE_WORDS = {"site", "sites", "website", "websites", "source", "sources", "page", "pages",
                "article", "articles", "forum", "press", "report", "reports", "says", "say",
                "said", "dit", "disent", "presse", "rapport"}  # fmt: skip
# Working groups named by their number ("who ran WG6?").
WORKING_GROUP = lazy(r"\b(?:wg ?[1-9]|working group ?[1-9]|groupe de travail ?[1-9]|gt ?[1-9])\b")
# ... or by its subject ("the working group on ICT supply chain security"), not the UN's
# open-ended working group.
WORKING_GROUP_ON = lazy(
    r"(?<!ended )(?<!ended-)\bworking groups? (?:on|for|about|dealing with)\b|"
    r"\bgroupes? de travail (?:sur|de la|du|des)\b"
)
# Another text or body named outright: a question about it alone is not about the Call ("what
# does the Budapest Convention say about data retention?", "combien de pays membres à l'ONU ?").
OTHER_NAMED = lazy(rf"\b(?:{_OTHER_BODIES})\b")
# Words that point at the Call itself.
CALL_WORDS = lazy(
    r"\b(?:call|appel|pariscall|principles?|principes?|signator\w*|signataires?|text|texte|"
    r"preamble|preambule)\b"
)
# Signing words that say a count is of supporters ("how many members signed?"), unlike "member".
SIGNING = tuple(s for s in SIGN_STEMS if s not in ("member", "membre", "list"))
# Asking what will happen: the bot knows what happened, not what will.
FUTURE = lazy(
    r"\b(?:next year|next month|in the future|l'an prochain|l'annee prochaine|le mois prochain|"
    r"a l'avenir|predict\w*|prediction|predi[rst]\w*|prevision\w*|pronostic\w*|"
    r"(?:by|in|d'ici|en) 20(?:2[7-9]|[3-9]\d)|(?:is|will be) the next (?:\w+ ){0,3}(?:edition|"
    r"summit|forum|meeting|conference|session|event)|(?:c'est )?quand la prochaine? (?:edition|"
    r"reunion|session|conference))\b"
)
# Words that open a question without being part of a name ("what about the UK?").
BARE_NAME = lazy(
    r"^(?:(?:and|so|ok|okay|hmm|also|what about|how about|what of|and what about|quid de|et|"
    r"et pour|et du cote de|check|what's up with|whats up with|status of|supporter)[?,:]?\s+)+|"
    r"(?:[\s,?]+(?:then|too|aussi|alors|please|pls|plz|stp|s'il vous plait|s'il te plait|lol|lmao|"
    r"haha+|mdr|ptdr|ngl|tbh|rn|as an? (?:state|country)|en tant qu'etat|the country|le pays|"
    r"the \w+ one(?: not [^,.;?!()]{1,40})?|celle? (?:de|des|du) \w+|yes or no|y/n|yes/no|"
    r"oui ou non|in or out|or not|ou pas)"
    r"[?!.]*)+$"
)
# Words that ask about an entity's position rather than whether it signed.
ENTITY_TOPIC = {
    "why", "when", "position", "stance", "reason", "trump", "biden", "harris", "administration",
    "pourquoi", "quand", "refuse", "refused", "absent", "policy", "role", "2018", "2021",
    "withdraw", "withdrew", "retire", "retires", "left", "leave", "quit", "commission", "how",
    "comment", "first", "premier", "changed", "change", "2019", "2020", "2022", "2023", "2024",
    "2025", "2026", "year", "annee", "date", "founding", "founder", "founders", "fondateur",
    "fondateurs", "start", "launch", "initially", "originally", "debut", "lancement", "initialement",
    "beginning", "outset", "original",
}  # fmt: skip
# "Is the EU counted as a state?": the entity's own topic, unless the question also asks whether
# it signed ("has the EU signed? is it counted as a state?").
COUNTED = {"counted", "compte", "comptee", "considered", "considere", "consideree"}
# Instructions aimed at the bot rather than questions ("ignore previous instructions", "pretend
# you are the ministry", "tu es maintenant"): answered "I don't know", never obeyed.
INSTRUCTION = lazy(
    r"\b(?:ignore (?:all |any |the |your )?(?:previous|prior|above|earlier|former) "
    r"(?:instructions?|prompts?|rules?)|ignore (?:your|all) (?:instructions?|rules?)|"
    r"pretend (?:you|to be|that)|you are now|you're now|youre now|u r now|translate (?:.+ )?into|tradui(?:re|s|t|sez) (?:.+ )?en|from now on you|act as (?:if|a|an|the)|roleplay|"
    r"role-play|jailbreak|system prompt|oublie (?:tes|les|toutes) (?:instructions|consignes)|"
    r"how (?:do|can|could|to|would|should) (?:i |we |you |u )?(?:exploit|hack|crack|pwn|ddos|"
    r"phish|break into|bypass)|comment (?:pirater|hacker|cracker|exploiter)|"
    r"repeat after me|say after me|repete apres moi|pretend (?:ur|your|u r|you'?re|youre)|fais comme si|tu es maintenant|"
    r"ignore (?:tes|les|toutes les) (?:instructions|consignes|regles)|"
    # Tools to attack, or work done for the user: "give me a working exploit", "draft our
    # national statement", "convert the csv to json".
    r"(?:give|send|show|find|get|list|write|code|build|donne|envoie|ecris|trouve)(?: me| moi)? "
    r"(?:(?:a|an|the|some|un|une|des|les)\s+)?(?:\w+\s+){0,3}?(?:exploits?|payloads?|0-?days?|"
    r"zero-?days?|malware|ransomware|rootkits?|keyloggers?|botnets?|backdoors?|"
    r"unpatched \w+)|"
    r"(?:draft|write|compose|prepare|redige[rz]?|ecri[rst]|prepare[rz]?)(?: me| moi| us| nous)? "
    r"(?:(?:a|an|the|our|my|un|une|notre|mon|ma|nos)\s+)?(?:[\w-]+\s+){0,3}?(?:statement|speech|"
    r"email|e-mail|letter|essay|post|tweet|press release|declaration|discours|courriel|lettre|"
    r"communique)s?|"
    r"convert (?:the |this |a |our )?[\w -]{1,40}? (?:to|into|in) (?:json|xml|excel|xlsx|a table|"
    r"markdown|pdf|sql)|convertis (?:le |la |les )?[\w -]{1,40}? en (?:json|xml|excel))\b"
)
# Judging whether someone keeps the Call ("is France complying with principle 8?"): an opinion
# the bot cannot give about a named supporter.
# What a supporter could be said to keep or break: the Call, its principles, its norms.
RULES_OF_CALL = lazy(
    r"\b(?:principles?|principes?|commitments?|engagements?|norms?|normes?|call|appel|rules?|"
    r"regles?|it|its|them|pledge)\b"
)
COMPLIANCE = lazy(
    r"\b(?:compl(?:y|ies|ying|ied|iant|iance)|break(?:s|ing)?|broke|violat\w*|breach\w*|"
    r"respect(?:s|ing|ed)|respecte(?:nt)?|viol(?:e|ent|ation)|enfrei\w*|honou?r(?:s|ing)?|keep(?:s|ing)? "
    r"(?:to|its|their)|living up)\b"
)
