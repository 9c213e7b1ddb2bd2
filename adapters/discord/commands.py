"""The /pariscall slash-command group, its French translator, and how commands are answered.

Each subcommand turns its options into the words a user could have typed (`to_question`) and
asks the core; the description Discord shows is the callback's docstring.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.app_commands import Choice, locale_str

from adapters.discord.render import render
from bot.formats import typeset
from bot.reply import Field, Reply

if TYPE_CHECKING:
    from bot.core import Core

_log = logging.getLogger(__name__)

# An answer slower than this is deferred first (Discord drops an interaction not answered in 3 s).
SLOW_AFTER = 1.5
QUESTION_MAX = 1000  # longer input is cut before the core sees it

GROUP_DESCRIPTION = "The Paris Call for Trust and Security in Cyberspace, explained with sources"

CATEGORIES = {
    "state": "States",
    "public-authority": "Public authorities",
    "private-sector": "Private sector",
    "civil-society": "Civil society",
}

# French for every name and description, keyed by the English text. Discord requires localized
# option names to be distinct from each other and from the other options' names.
FRENCH = {
    "pariscall": "pariscall",
    GROUP_DESCRIPTION: "L'Appel de Paris pour la confiance et la sécurité dans le cyberespace, expliqué",
    "principle": "principe",
    "Show one of the nine principles of the Paris Call": "Afficher l'un des neuf principes de l'Appel de Paris",
    "number": "numéro",
    "The principle's number, from 1 to 9": "Le numéro du principe, de 1 à 9",
    "principles": "principes",
    "List the nine principles of the Paris Call": "Lister les neuf principes de l'Appel de Paris",
    "supporters": "soutiens",
    "Who supports the Paris Call: counts and categories": "Qui soutient l'Appel de Paris : chiffres et catégories",
    "category": "catégorie",
    "Only this kind of supporter": "Seulement ce type de soutien",
    "States": "États",
    "Public authorities": "Autorités publiques",
    "Private sector": "Secteur privé",
    "Civil society": "Société civile",
    "supporter": "soutien",
    "Check whether a state or an organisation supports the Call": "Vérifier si un État ou une organisation soutient l'Appel",
    "name": "nom",
    "A state, company or organisation": "Un État, une entreprise ou une organisation",
    "us": "etats-unis",
    "The position of the United States on the Paris Call": "La position des États-Unis sur l'Appel de Paris",
    "about": "a-propos",
    "What the Paris Call is, who launched it and when": "Ce qu'est l'Appel de Paris, qui l'a lancé et quand",
    "ask": "demander",
    "Ask any question about the Paris Call": "Poser une question sur l'Appel de Paris",
    "question": "question",
    "Your question, in English or French": "Votre question, en français ou en anglais",
    "help": "aide",
    "How to use this bot": "Comment utiliser ce bot",
}


# The core's help is the same everywhere; on Discord it also says how to ask here.
DISCORD_HELP = {
    "en": (
        "On Discord",
        "`/pariscall principle`, `/pariscall supporter`, `/pariscall ask` and the other "
        "/pariscall commands; or mention the bot with your question in a channel, or send it a "
        "direct message.",
    ),
    "fr": (
        "Sur Discord",
        "`/pariscall principe`, `/pariscall soutien`, `/pariscall demander` et les autres "
        "commandes /pariscall ; ou mentionnez le bot avec votre question dans un salon, ou "
        "écrivez-lui en message privé.",
    ),
}


def with_discord_help(reply: Reply) -> Reply:
    """The core's help reply with a field on the Discord ways to ask."""
    name, value = DISCORD_HELP.get(reply.lang, DISCORD_HELP["en"])
    value = typeset(value, reply.lang)  # French typography, like the core's own sentences
    return reply.replace(fields=(*reply.fields, Field(name, value, inline=False)))


def principle_choice(number: int, title: str) -> str:
    """The text of a principle choice, ``3. Defend electoral processes`` (at most 100 chars)."""
    text = f"{number}. {title}"
    return text if len(text) <= 100 else text[:99] + "…"


class FrenchTranslator(app_commands.Translator):
    """French names and descriptions for the commands; the principle titles come from the core."""

    def __init__(self, core: Core) -> None:
        self._principles = dict(core.principles("fr"))

    async def translate(
        self,
        string: locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        if locale is not discord.Locale.french:
            return None
        number = string.extras.get("principle")
        if number is not None:
            title = self._principles.get(number)
            return None if title is None else principle_choice(number, title)
        return FRENCH.get(string.message)


def to_question(command: str, **options: Any) -> str:
    """The core query for a subcommand and its options: the words a user could have typed."""
    if command == "principle":
        return f"principle {options['number']}"
    if command == "supporters":
        category = options.get("category")
        return f"supporters {category}" if category in CATEGORIES else "supporters"
    if command == "supporter":
        name = _clean(options.get("name") or "")
        return f"supporter {name}" if name else "supporters"
    if command == "ask":
        return _clean(options.get("question") or "") or "help"
    return command  # principles, us, about, help: the command name is the query


def _clean(text: str) -> str:
    return " ".join(str(text).split())[:QUESTION_MAX]


def lang_of(interaction: discord.Interaction) -> str:
    """French when the user's Discord is in French, otherwise English."""
    return "fr" if interaction.locale.value.startswith("fr") else "en"


def build_group(core: Core) -> app_commands.Group:
    """The /pariscall group with its eight subcommands, answering from `core`."""
    group = app_commands.Group(
        name="pariscall",
        description=GROUP_DESCRIPTION,
        # Usable in servers and in DMs with the bot; installed in servers only.
        allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=True),
        allowed_installs=app_commands.AppInstallationType(guild=True),
    )
    titles = core.principles("en")
    numbers = {n for n, _ in titles}
    principle_choices = [
        Choice(name=locale_str(principle_choice(n, title), principle=n), value=n)
        for n, title in titles
    ]

    @group.command()
    @app_commands.describe(number="The principle's number, from 1 to 9")
    @app_commands.choices(number=principle_choices)
    async def principle(interaction: discord.Interaction, number: int) -> None:
        """Show one of the nine principles of the Paris Call"""
        # Discord only offers the choices, but a hand-made request can send any integer: the
        # core explains there are nine, privately.
        if number not in numbers:
            lang = lang_of(interaction)
            question = to_question("principle", number=number)
            await respond(interaction, lambda: core.answer(question, lang=lang), ephemeral=True)
            return
        await ask(interaction, core, to_question("principle", number=number))

    @group.command()
    async def principles(interaction: discord.Interaction) -> None:
        """List the nine principles of the Paris Call"""
        await ask(interaction, core, to_question("principles"))

    @group.command()
    @app_commands.describe(category="Only this kind of supporter")
    @app_commands.choices(
        category=[Choice(name=label, value=key) for key, label in CATEGORIES.items()]
    )
    async def supporters(interaction: discord.Interaction, category: str | None = None) -> None:
        """Who supports the Paris Call: counts and categories"""
        await ask(interaction, core, to_question("supporters", category=category))

    @group.command()
    @app_commands.describe(name="A state, company or organisation")
    async def supporter(
        interaction: discord.Interaction, name: app_commands.Range[str, 1, 100]
    ) -> None:
        """Check whether a state or an organisation supports the Call"""
        await ask(interaction, core, to_question("supporter", name=name))

    @supporter.autocomplete("name")
    async def supporter_names(interaction: discord.Interaction, current: str) -> list[Choice[str]]:
        # Discord shows at most 25 suggestions, each value at most 100 characters.
        names = core.complete_supporters(current[:100], limit=25)
        return [Choice(name=n, value=n) for n in names if 0 < len(n) <= 100][:25]

    @group.command()
    async def us(interaction: discord.Interaction) -> None:
        """The position of the United States on the Paris Call"""
        await ask(interaction, core, to_question("us"))

    @group.command()
    async def about(interaction: discord.Interaction) -> None:
        """What the Paris Call is, who launched it and when"""
        await ask(interaction, core, to_question("about"))

    @group.command(name="ask")
    @app_commands.describe(question="Your question, in English or French")
    async def ask_(
        interaction: discord.Interaction, question: app_commands.Range[str, 1, 500]
    ) -> None:
        """Ask any question about the Paris Call"""
        await ask(interaction, core, to_question("ask", question=question))

    @group.command(name="help")
    async def help_(interaction: discord.Interaction) -> None:
        """How to use this bot"""
        lang = lang_of(interaction)
        await respond(interaction, lambda: with_discord_help(core.answer("help", lang=lang)))

    return group


async def ask(interaction: discord.Interaction, core: Core, question: str) -> None:
    """Answer `question` in the user's language, visible to the channel."""
    lang = lang_of(interaction)
    await respond(interaction, lambda: core.answer(question, lang=lang), question=question)


async def respond(
    interaction: discord.Interaction,
    answer: Callable[[], Reply],
    *,
    ephemeral: bool = False,
    edit: bool = False,
    slow_after: float | None = None,
    question: str | None = None,
) -> None:
    """Send the reply `answer()` returns: at once when it is quick, else defer first.

    The core answers from memory in well under a millisecond, but it runs in a thread so a slow
    answer can never block the gateway or miss Discord's 3-second window. With `edit`, the
    message holding the clicked button is replaced instead of sending a new one. `question`
    lets "More" re-ask it when the reply has no query of its own.
    """
    if slow_after is None:
        slow_after = getattr(interaction.client, "slow_after", SLOW_AFTER)
    job = asyncio.ensure_future(asyncio.to_thread(answer))
    if slow_after > 0:
        await asyncio.wait({job}, timeout=slow_after)
    if job.done():
        kwargs = render(job.result(), question).kwargs()
        if edit:
            await interaction.response.edit_message(**_replacing(kwargs))
        else:
            await interaction.response.send_message(**kwargs, ephemeral=ephemeral)
        return
    if edit:
        await interaction.response.defer()
    else:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    kwargs = render(await job, question).kwargs()
    if edit:
        await interaction.edit_original_response(**_replacing(kwargs))
    else:
        await interaction.followup.send(**kwargs, ephemeral=ephemeral)


def _replacing(kwargs: dict[str, Any]) -> dict[str, Any]:
    # An edit keeps whatever it does not mention: clear the old note and buttons explicitly.
    return {"content": None, "view": None, **kwargs}


class PariscallTree(app_commands.CommandTree):
    """The command tree with /pariscall registered and a friendly, private error message."""

    def __init__(self, client: discord.Client, core: Core) -> None:
        super().__init__(client)
        self.core = core
        self.add_command(build_group(core))

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        command = interaction.command.qualified_name if interaction.command else "?"
        _log.error(
            "Error in /%s (interaction %s, guild %s, user %s)",
            command,
            interaction.id,
            interaction.guild_id,
            interaction.user.id if interaction.user else None,
            exc_info=error,
        )
        await send_sorry(interaction, self.core)


async def send_sorry(interaction: discord.Interaction, core: Core) -> None:
    """The core's short apology, visible only to the user; never raises."""
    try:
        kwargs = render(core.sorry(lang_of(interaction))).kwargs()
        if interaction.response.is_done():
            await interaction.followup.send(**kwargs, ephemeral=True)
        else:
            await interaction.response.send_message(**kwargs, ephemeral=True)
    except discord.HTTPException as exc:
        _log.warning("Could not send the error message for interaction %s: %s", interaction.id, exc)


async def tree_payload(tree: app_commands.CommandTree) -> list[dict[str, Any]]:
    """The exact JSON `tree.sync()` sends: each command's `to_dict(tree)` with its localizations."""
    translator = tree.translator
    if translator is None:
        return [c.to_dict(tree) for c in tree.get_commands()]
    return [await c.get_translated_payload(tree, translator) for c in tree.get_commands()]
