"""Every fixed sentence the bot says, in English and French, kept in one place."""

from __future__ import annotations

from bot.content import CATEGORIES
from bot.formats import typeset

OFFICIAL_SITE = "https://pariscall.international/en/"
OFFICIAL_SITE_FR = "https://pariscall.international/fr/"

_MESSAGES: dict[str, dict[str, str]] = {
    "principle_title": {"en": "Principle {n}: {title}", "fr": "Principe {n} : {title}"},
    "principles_pair_title": {"en": "Principles {a} and {b}", "fr": "Principes {a} et {b}"},
    "official_wording_at": {
        "en": "The official wording is on the [principles page]({url}).",
        "fr": "Le texte officiel est sur la [page des principes]({url}).",
    },
    "call_wording": {
        "en": "The Call text of 12 Nov 2018 words it as item {n} of its list ([text]({url})):",
        "fr": "Le texte de l'Appel du 12 novembre 2018 le formule ainsi, point {n} ([texte]({url})) :",
    },
    "in_plain_words": {"en": "**In plain words.** {text}", "fr": "**En clair.** {text}"},
    "previous": {"en": "◀ Principle {n}", "fr": "◀ Principe {n}"},
    "next": {"en": "Principle {n} ▶", "fr": "Principe {n} ▶"},
    "principles_title": {
        "en": "The nine principles of the Paris Call",
        "fr": "Les neuf principes de l'Appel de Paris",
    },
    "principles_intro": {
        "en": "The Call's nine commitments, with their official short titles. "
        "Ask `principle N` for the full text and what it means.",
        "fr": "Les neuf engagements de l'Appel, avec leurs titres officiels courts. "
        "Demandez `principe N` pour le texte complet et ce qu'il signifie.",
    },
    "bad_number": {
        "en": "There are nine principles, numbered 1 to 9, so there is no principle {n}.",
        "fr": "Il y a neuf principes, numérotés de 1 à 9 : il n'y a pas de principe {n}.",
    },
    "supporters_title": {
        "en": "Who supports the Paris Call",
        "fr": "Qui soutient l'Appel de Paris",
    },
    "supporters_latest": {
        "en": "As of {as_of}, the official list has **{total}** entries: **{states}** states, "
        "**{pa}** public authorities and local governments, **{cs}** civil-society "
        "organisations and **{ps}** companies and other private-sector entities.",
        "fr": "Au {as_of}, la liste officielle compte **{total}** entrées : **{states}** États, "
        "**{pa}** autorités publiques et collectivités, **{cs}** organisations de la société "
        "civile et **{ps}** entreprises et autres acteurs du secteur privé.",
    },
    "supporters_uncategorised": {
        "en": "{n} entries have no category, so the site's four counters add up to {sum}.",
        "fr": "{n} entrées n'ont pas de catégorie : les quatre compteurs du site totalisent {sum}.",
    },
    "supporters_changed": {
        "en": "Counted from {source}; the list itself last changed on {changed}.",
        "fr": "Décompte fait sur {source} ; la liste elle-même a changé pour la dernière fois le "
        "{changed}.",
    },
    "supporters_imported": {
        "en": "These figures count {source}, as of {date}.",
        "fr": "Ces chiffres portent sur {source}, au {date}.",
    },
    # The list the bot answers from, as a source ("Official list of supporters: the official
    # export (supporters.csv) of 25 Dec 2025"); never a local path.
    "list_source": {
        "en": "Official list of supporters: {source}",
        "fr": "Liste officielle des soutiens : {source}",
    },
    "list_default": {"en": "the official list", "fr": "la liste officielle"},
    "list_from_snapshot": {
        "en": "the official export (supporters.csv) of {date}",
        "fr": "l’export officiel (supporters.csv) du {date}",
    },
    "list_from_file": {
        "en": "the official export (imported from a file)",
        "fr": "l’export officiel (importé depuis un fichier)",
    },
    "list_from_url": {
        "en": "the export downloaded from {url}",
        "fr": "l’export téléchargé depuis {url}",
    },
    "no_category": {"en": "no category", "fr": "sans catégorie"},
    "supporters_history": {"en": "**Over time**", "fr": "**Au fil du temps**"},
    "supporters_known": {
        "en": "**{label} in my list ({n})**",
        "fr": "**{label} dans ma liste ({n})**",
    },
    "supporters_not": {
        "en": "**Notable states not in the list:** {names}.",
        "fr": "**États notables absents de la liste :** {names}.",
    },
    "full_list": {
        "en": "The full list is on the [official site]({url}).",
        "fr": "La liste complète est sur le [site officiel]({url}).",
    },
    "supporter_yes_title": {
        "en": "Yes: {name} supports the Paris Call",
        "fr": "Oui : {name} soutient l'Appel de Paris",
    },
    "supporter_yes_title_pl": {"fr": "Oui : {name} soutiennent l'Appel de Paris"},
    "supporter_later_title": {
        "en": "Not at the launch: {name} joined later ({date})",
        "fr": "Pas au lancement : {name} a rejoint l'Appel plus tard ({date})",
    },
    "supporter_later_title_pl": {
        "fr": "Pas au lancement : {name} ont rejoint l'Appel plus tard ({date})",
    },
    "supporter_when_unknown": {
        "en": "The list does not say when it joined, so I cannot tell whether it signed at the "
        "launch.",
        "fr": "La liste ne dit pas quand il a rejoint l'Appel : je ne peux pas dire s'il a signé "
        "dès le lancement.",
    },
    "supporter_no_title": {
        "en": "No: {name} has not joined the Paris Call",
        "fr": "Non : {name} n'a pas rejoint l'Appel de Paris",
    },
    "supporter_no_title_pl": {"fr": "Non : {name} n'ont pas rejoint l'Appel de Paris"},
    "supporter_unknown_title": {
        "en": "{name} is not in my list",
        "fr": "{name} n'est pas dans ma liste",
    },
    "supporter_yes": {
        "en": "**{name}** is in the official list of supporters ({category}{country}), as of {as_of}.",
        "fr": "**{name}** figure dans la liste officielle des soutiens ({category}{country}), au {as_of}.",
    },
    "supporter_yes_pl": {
        "fr": "**{name}** figurent dans la liste officielle des soutiens ({category}{country}), au {as_of}.",
    },
    "supporter_since": {"en": "Listed since {date}.", "fr": "Dans la liste depuis le {date}."},
    "supporter_signed": {"en": "Signed on {date}.", "fr": "Signature le {date}."},
    "supporter_no": {
        "en": "**{name}** is not in the official list of supporters (as of {as_of}).",
        "fr": "**{name}** ne figure pas dans la liste officielle des soutiens (au {as_of}).",
    },
    "supporter_no_pl": {
        "fr": "**{name}** ne figurent pas dans la liste officielle des soutiens (au {as_of}).",
    },
    "supporter_unknown": {
        "en": "I could not find **{name}** among the {n} supporters of the official list (as of "
        "{as_of}), nor among the notable non-supporters I know. That does not prove it has not "
        "joined: check the [official list]({url}).",
        "fr": "Je ne trouve pas **{name}** parmi les {n} soutiens de la liste officielle (au "
        "{as_of}), ni parmi les non-signataires notables que je connais. Cela ne prouve pas "
        "qu'il n'a pas rejoint l'Appel : vérifiez la [liste officielle]({url}).",
    },
    "unknown_title": {"en": "I don't know that one", "fr": "Je ne sais pas répondre à cela"},
    "unknown": {
        "en": "I answer questions about the Paris Call for Trust and Security in Cyberspace: its "
        "nine principles, who supports it, and the U.S. position. I don't have an answer to "
        "that, and I would rather say so than guess. The [official site]({url}) may help.",
        "fr": "Je réponds aux questions sur l'Appel de Paris pour la confiance et la sécurité dans "
        "le cyberespace : ses neuf principes, ses soutiens et la position des États-Unis. Je n'ai "
        "pas de réponse à cette question, et je préfère le dire plutôt que deviner. Le "
        "[site officiel]({url}) peut vous aider.",
    },
    "cut": {
        "en": "(Your message was long, so I read only its first {n} characters.)",
        "fr": "(Votre message était long : je n'en ai lu que les {n} premiers caractères.)",
    },
    "help_title": {"en": "How to use pariscall", "fr": "Comment utiliser pariscall"},
    "help": {
        "en": "I explain the **Paris Call for Trust and Security in Cyberspace** (2018), with "
        "sources. Ask in your own words, or use a command:\n\n"
        "- `principles`: the nine principles\n"
        "- `principle 3` (or `p3`, `third principle`): one principle, its official text and "
        "what it means\n"
        "- `supporters`: how many states, authorities, companies and NGOs support it\n"
        "- `supporter Microsoft`: is this organisation or state a supporter?\n"
        "- `us`: the U.S. position over time, with sources\n"
        "- `about`: what the Call is; `context`: the UN processes around it\n\n"
        "Questions work too: “did Russia sign?”, “what does it say about hack back?”. "
        "Start with `fr` for French.",
        "fr": "J'explique l'**Appel de Paris pour la confiance et la sécurité dans le cyberespace** "
        "(2018), sources à l'appui. Posez votre question, ou utilisez une commande :\n\n"
        "- `principes` : les neuf principes\n"
        "- `principe 3` (ou `p3`) : un principe, son texte officiel et ce qu'il signifie\n"
        "- `soutiens` : combien d'États, d'autorités, d'entreprises et d'ONG le soutiennent\n"
        "- `supporter Microsoft` : cette organisation ou cet État le soutient-il ?\n"
        "- `us` : la position des États-Unis au fil du temps, sources à l’appui\n"
        "- `about` : ce qu'est l'Appel ; `context` : les processus de l'ONU autour\n\n"
        "Les questions marchent aussi : « la Russie a-t-elle signé ? ». Commencez par `en` pour "
        "l'anglais.",
    },
    "home_title": {"en": "The Paris Call, in your workspace", "fr": "L'Appel de Paris, ici"},
    "sorry_title": {"en": "Sorry, something went wrong", "fr": "Désolé, une erreur s'est produite"},
    "sorry": {
        "en": "I could not answer that just now. Please try again in a moment; the "
        "[official site]({url}) has the texts in the meantime.",
        "fr": "Je n'ai pas pu répondre pour l'instant. Réessayez dans un moment ; le "
        "[site officiel]({url}) a les textes en attendant.",
    },
    "label_principles": {"en": "The nine principles", "fr": "Les neuf principes"},
    "label_supporters": {"en": "Supporters", "fr": "Soutiens"},
    "label_us": {"en": "U.S. position", "fr": "Position des États-Unis"},
    "label_about": {"en": "About the Call", "fr": "À propos de l'Appel"},
    "label_context": {"en": "UN context", "fr": "Contexte à l'ONU"},
    "label_help": {"en": "Help", "fr": "Aide"},
    "label_principle": {"en": "Principle {n}", "fr": "Principe {n}"},
    "undated": {"en": "undated", "fr": "non daté"},
    "supporters_notable": {"en": "**Among them**", "fr": "**Parmi eux**"},
    "category_count": {
        "en": "As of {as_of}, the official list has **{n}** {label} out of {total} entries.",
        "fr": "Au {as_of}, la liste officielle compte **{n}** {label} sur {total} entrées.",
    },
    "category_some": {"en": "Among them: {names}.", "fr": "Parmi eux : {names}."},
    # Autorités, organisations, entreprises: feminine in French.
    "category_some_f": {"en": "Among them: {names}.", "fr": "Parmi elles : {names}."},
    "more_hint": {
        "en": "Type `more` for the details, `sources` for every source.",
        "fr": "Tapez `more` pour les détails, `sources` pour toutes les sources.",
    },
    "no_details": {
        "en": "There is nothing more to that answer.",
        "fr": "Il n'y a rien de plus pour cette réponse.",
    },
    "no_answer_yet": {
        "en": "Ask a question first; `more` then shows its details.",
        "fr": "Posez d'abord une question ; `more` en montre ensuite les détails.",
    },
    "no_sources": {"en": "That answer has no sources.", "fr": "Cette réponse n'a pas de source."},
    "chat_banner": {
        "en": "Type a question, `more` or `sources` after an answer, or `quit` to leave.",
        "fr": "Posez une question, tapez `more` ou `sources` après une réponse, ou `quit` pour "
        "quitter.",
    },
    "try": {"en": "Try: ", "fr": "Essayez : "},
    "categories": {
        "en": "state|public authority|civil society|private sector",
        "fr": "État|autorité publique|société civile|secteur privé",
    },
    "categories_plural": {
        "en": "States|Public authorities|Civil-society organisations|Companies",
        "fr": "États|Autorités publiques|Organisations de la société civile|Entreprises",
    },
}

_MESSAGES.update(
    {
        "did_you_mean": {
            "en": "“{typed}” is not a name in the official list. Did you mean **{name}**?",
            "fr": "« {typed} » n'est pas un nom de la liste officielle. Vouliez-vous dire **{name}** ?",
        },
        "choices_title": {
            "en": "“{typed}” can mean more than one entry",
            "fr": "« {typed} » peut désigner plusieurs entrées",
        },
        "choices": {
            "en": "Which one do you mean? In the official list (as of {as_of}):",
            "fr": "Lequel voulez-vous dire ? Dans la liste officielle (au {as_of}) :",
        },
        "choice_yes": {"en": "a supporter", "fr": "soutien de l'Appel"},
        "choice_no": {"en": "not in the list", "fr": "absent de la liste"},
        "choice_unknown": {
            "en": "not in the list (no entry of that name)",
            "fr": "absent de la liste (aucune entrée de ce nom)",
        },
        "either_title": {"en": "{typed} in the list", "fr": "{typed} dans la liste"},
        "either_all_title": {
            "en": "Yes: {names} are in the list",
            "fr": "Oui : {names} sont dans la liste",
        },
        "and": {"en": "and", "fr": "et"},
        "either": {
            "en": "In the official list (as of {as_of}):",
            "fr": "Dans la liste officielle (au {as_of}) :",
        },
        "several_names": {
            "en": "“{typed}” can mean more than one entry: {names}. Here is the first; pick another "
            "below.",
            "fr": "« {typed} » peut désigner plusieurs entrées : {names}. Voici la première ; "
            "choisissez-en une autre ci-dessous.",
        },
        "near_names": {
            "en": "Close names in the list: {names}.",
            "fr": "Noms proches dans la liste : {names}.",
        },
        "no_count_then": {
            "en": "I have no count for that time ({date}); here are the figures I have.",
            "fr": "Je n'ai pas de décompte pour cette date ({date}) ; voici les chiffres dont je dispose.",
        },
        "supporters_then_title": {
            "en": "Supporters of the Paris Call at that time",
            "fr": "Les soutiens de l'Appel de Paris à cette date",
        },
        "count_launch": {
            "en": "At the launch (12-13 Nov 2018), the reported figures were:",
            "fr": "Au lancement (12-13 novembre 2018), les chiffres rapportés étaient :",
        },
        "count_anniversary": {
            "en": "At the first anniversary ({date}):",
            "fr": "Au premier anniversaire ({date}) :",
        },
        "count_us-joined": {
            "en": "When the United States joined (the official list added it on {date}):",
            "fr": "Quand les États-Unis ont rejoint l'Appel (la liste officielle les a ajoutés le {date}) :",
        },
        "count_before-us": {
            "en": "The last count before the United States joined ({date}):",
            "fr": "Le dernier décompte avant l'arrivée des États-Unis ({date}) :",
        },
        "from_country_title": {
            "en": "Supporters from {where}",
            "fr": "Les soutiens {where}",
        },
        "from_country": {
            "en": "As of {as_of}, the official list has **{n}** supporters from {where} besides the "
            "state itself: {parts} (by each entry's country, corrected where the list's code is "
            "wrong).",
            "fr": "Au {as_of}, la liste officielle compte **{n}** soutiens {where}, en plus de "
            "l'État lui-même : {parts} (selon le pays de chaque entrée, corrigé quand le code de la "
            "liste est faux).",
        },
        "from_country_some": {"en": "Among them: {names}.", "fr": "Parmi eux : {names}."},
        "count_reach": {
            "en": "The first count I have at or above that figure ({date}):",
            "fr": "Le premier décompte dont je dispose qui atteint ce chiffre ({date}) :",
        },
        "count_year": {
            "en": "The last count I have for that year ({date}):",
            "fr": "Le dernier décompte dont je dispose pour cette année-là ({date}) :",
        },
        "count_month": {
            "en": "The closest count I have on or before that date ({date}):",
            "fr": "Le décompte le plus proche dont je dispose, à cette date ou avant ({date}) :",
        },
        "by_country_title": {
            "en": "Supporters by country",
            "fr": "Les soutiens par pays",
        },
        "by_country": {
            "en": "As of {as_of}, the countries with the most entries in the official list "
            "({what}; by each entry's country, corrected where the list's code is wrong):",
            "fr": "Au {as_of}, les pays qui comptent le plus d'entrées dans la liste officielle "
            "({what} ; selon le pays de chaque entrée, corrigé quand le code de la liste est "
            "faux) :",
        },
        "by_country_all": {
            "en": "the states themselves aside",
            "fr": "hors États eux-mêmes",
        },
        "latest_title": {
            "en": "The latest additions to the list",
            "fr": "Les derniers ajouts à la liste",
        },
        "latest_changed": {
            "en": "The official list last changed on {date} (as of {as_of}), when it added: "
            "{names}.",
            "fr": "La liste officielle a changé pour la dernière fois le {date} (au {as_of}), avec "
            "l'ajout de : {names}.",
        },
        "latest_of": {
            "en": "The latest entries I have a date for, by category:",
            "fr": "Les derniers ajouts dont je connais la date, par catégorie :",
        },
        "latest_dates": {
            "en": "The dates come from the public history of the official site's source; I have "
            "one for {n} of the entries, not for every one.",
            "fr": "Les dates viennent de l'historique public des sources du site officiel ; j'en "
            "ai pour {n} entrées, pas pour toutes.",
        },
        "count_now": {
            "en": "Today's list ({date}): {states} states, {total} supporters in all.",
            "fr": "La liste actuelle ({date}) : {states} États, {total} soutiens en tout.",
        },
    }
)


FOLLOW_LABELS = ("principles", "supporters", "us", "about", "context", "help")


def say(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang` (English when missing), with `values` filled in."""
    texts = _MESSAGES[key]
    template = texts.get(lang) or texts.get("en") or texts["fr"]
    return typeset(template.format(**values) if values else template, lang)


def category_label(category: str | None, lang: str, plural: bool = False) -> str:
    """ "state" -> "state" / "État"; plural: "States" / "États"."""
    if category not in CATEGORIES:
        return ""
    labels = say("categories_plural" if plural else "categories", lang).split("|")
    return labels[CATEGORIES.index(category)]


def official_site(lang: str) -> str:
    """The official site's home page in `lang` (the site has /en/ and /fr/ pages)."""
    return OFFICIAL_SITE_FR if lang == "fr" else OFFICIAL_SITE


def localized_url(url: str, lang: str) -> str:
    """An official-site URL in `lang`: ``/en/`` becomes ``/fr/`` for French, where the site has it."""
    if lang == "fr" and url.startswith("https://pariscall.international/en/"):
        rest = url.removeprefix("https://pariscall.international/en/")
        if rest.split("/", 1)[0].split("#", 1)[0] in _FR_PAGES:
            return "https://pariscall.international/fr/" + rest
    return url


# Official pages that exist in French (pariscall.international/fr/...).
_FR_PAGES = {"", "call", "principles", "supporters"}

# Organisations whose name takes an article, and their French name: the states' articles come
# from content/states.yaml (`Supporter.grammar`).
_ORGANISATIONS = {"European Union": ("the", "Union européenne", "l'", "f")}
_EN_THE = ("Commonwealth of ", "State of ", "City of ", "Government of ", "Republic of ")


def named(
    name: str, fr_name: str | None, grammar: tuple[str, str, str], lang: str, start: bool = False
) -> tuple[str, bool]:
    """How a state or organisation is written in a sentence, and whether its verb is plural:
    ("the United States", False), ("les États-Unis", True), ("la Chine", False)."""
    en_article, fr_article, _ = grammar
    if name in _ORGANISATIONS:
        en_article, fr_name, fr_article, _ = _ORGANISATIONS[name]
    elif not en_article and name.startswith(_EN_THE):
        en_article = "the"
    if lang == "fr":
        base = fr_name or name
        article = fr_article if fr_article in ("le", "la", "les", "l'") else ""
        text = f"{article}{base}" if article == "l'" else f"{article} {base}".strip()
        plural = article == "les"
    else:
        text, plural = (f"{en_article} {name}".strip(), False)
    return (text[:1].upper() + text[1:] if start else text), plural


def of_named(text: str, lang: str) -> str:
    """A name after French "de": "le Japon" -> "du Japon", "les États-Unis" -> "des États-Unis",
    "la France" -> "de la France", "l’Inde" -> "de l’Inde"; English "the United States"
    unchanged (its templates say "from")."""
    if lang != "fr":
        return text
    for article, contracted in (("le ", "du "), ("les ", "des ")):
        if text.startswith(article):
            return contracted + text[len(article) :]
    return ("d’" if text[:1].lower() in "aeéèêiouyh" and not text.startswith(("la ", "l'", "l’"))
            else "de ") + text  # fmt: skip


def query_label(query: str, lang: str) -> str:
    """A readable label for a follow-up query: "us" -> "U.S. position", "principle 3" ->
    "Principe 3" in French."""
    if query in FOLLOW_LABELS:
        return say(f"label_{query}", lang)
    head, _, rest = query.partition(" ")
    if head == "principle" and rest.isdigit():
        return say("label_principle", lang, n=rest)
    if head == "supporters" and rest in CATEGORIES:
        return category_label(rest, lang, plural=True)
    return query[:1].upper() + query[1:]


from bot.formats import MONTHS, human_date, number  # noqa: E402  (re-exported for callers)

__all__ = ["MONTHS", "human_date", "number", "say", "category_label", "named", "query_label"]
