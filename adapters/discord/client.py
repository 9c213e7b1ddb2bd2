"""The Discord client: slash commands, @mentions and DMs, and buttons that survive restarts.

It needs no privileged intent: Discord delivers the text of DMs and of messages that mention the
bot even without the message content intent, and those are the only messages it answers.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from adapters.discord.commands import (
    SLOW_AFTER,
    FrenchTranslator,
    PariscallTree,
    respond,
    send_sorry,
)
from adapters.discord.render import NO_MENTIONS, MoreButton, QueryButton, render, render_more

if TYPE_CHECKING:
    from bot.core import Core

_log = logging.getLogger(__name__)


def to_question(message: discord.Message, me: discord.abc.User) -> str | None:
    """The question in a DM or a message that mentions the bot (or its role), mentions removed.

    None when the message is not for the bot: another bot, the bot itself, or a server message
    that mentions neither the bot nor its managed role. An empty string means "for the bot, but
    no question" (a bare mention).
    """
    if message.author.bot or message.author.id == me.id:
        return None
    if message.type not in (discord.MessageType.default, discord.MessageType.reply):
        return None
    # Users picking the bot in the mention list often get its managed role, `<@&ROLE>`.
    role = message.guild.self_role if message.guild is not None else None
    role_ids = {role.id} if role is not None else set()
    role_ids |= {r.id for r in message.role_mentions if r.tags and r.tags.bot_id == me.id}
    mentioned = me.id in message.raw_mentions or any(u.id == me.id for u in message.mentions)
    mentioned = mentioned or bool(role_ids & set(message.raw_role_mentions))
    if not mentioned and not isinstance(message.channel, discord.DMChannel):
        return None
    own = [f"<@!?{me.id}>"] + [f"<@&{r}>" for r in role_ids]
    text = re.sub("|".join(own), " ", message.content)
    return " ".join(text.split())[:1000]


class PariscallClient(discord.AutoShardedClient):
    """Discord's auto-sharded client holding the core; one process can run any set of shards."""

    def __init__(
        self,
        core: Core,
        *,
        lang: str = "en",
        shard_count: int | None = None,
        shard_ids: Sequence[int] | None = None,
    ) -> None:
        # The bot never joins voice: skip discord.py's start-up warnings about voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        # Without a shard count discord.py asks Discord for one and runs every shard here.
        shards: dict[str, Any] = {"shard_count": shard_count}
        if shard_ids is not None:
            shards["shard_ids"] = list(shard_ids)
        super().__init__(
            intents=discord.Intents.default(),  # no privileged intent (see the module docstring)
            allowed_mentions=NO_MENTIONS,  # nothing the bot says can ping anyone
            max_messages=None,  # the bot never looks back at messages: keep no cache
            **shards,
        )
        self.core = core
        self.lang = lang  # for mentions and DMs, which carry no locale
        self.slow_after = SLOW_AFTER
        self.tree = PariscallTree(self, core)

    async def setup_hook(self) -> None:
        await self.tree.set_translator(FrenchTranslator(self.core))
        # Every reply button is a QueryButton whose custom id holds its query: registering the
        # template once makes the buttons of every message ever sent work, across restarts.
        self.add_dynamic_items(QueryButton, MoreButton)

    async def on_ready(self) -> None:
        assert self.user is not None
        _log.info(
            "Discord: connected as %s (id %s), %d servers, shards %s of %s",
            self.user,
            self.user.id,
            len(self.guilds),
            sorted(self.shards),
            self.shard_count,
        )

    async def on_message(self, message: discord.Message) -> None:
        if self.user is None:
            return
        question = to_question(message, self.user)
        if question is None:
            return
        lang = self.lang
        if message.guild is not None and message.guild.preferred_locale.value.startswith("fr"):
            lang = "fr"
        try:
            if question:
                reply = await asyncio.to_thread(self.core.answer, question, lang=lang)
            else:
                reply = await asyncio.to_thread(self.core.home, lang)
        except Exception:
            _log.exception("The core failed on message %s", message.id)
            reply = self.core.sorry(lang)
        try:
            rendered = render(reply, question=question or None)
            await message.reply(**rendered.kwargs(), mention_author=False)
        except discord.HTTPException as exc:
            # Forbidden (no Send Messages or Embed Links here), NotFound (the question was
            # deleted), or Discord trouble: nothing to tell the user through this channel.
            _log.warning(
                "Could not answer message %s in channel %s: %s",
                message.id,
                message.channel.id,
                exc,
            )

    async def on_query_button(
        self, interaction: discord.Interaction, lang: str, query: str
    ) -> None:
        """A reply button was clicked: answer its query, privately to whoever clicked.

        On a private reply (Previous/Next through the principles) the message is replaced.
        """
        message = interaction.message
        edit = message is not None and message.flags.ephemeral
        try:
            await respond(
                interaction, lambda: self.core.answer(query, lang=lang), ephemeral=True, edit=edit
            )
        except Exception:
            _log.exception("Error answering button %r (interaction %s)", query, interaction.id)
            await send_sorry(interaction, self.core)

    async def on_more_button(
        self, interaction: discord.Interaction, part: str, lang: str, query: str
    ) -> None:
        """ "More" or "Sources" was clicked: the details of the answer, privately to whoever
        clicked (a new ephemeral message; the answer itself stays as it was)."""
        try:
            reply = await asyncio.to_thread(self.core.answer, query, lang=lang)
            kwargs = render_more(reply, part).kwargs()
            kwargs.pop("view", None)  # the details need no buttons of their own
            await interaction.response.send_message(**kwargs, ephemeral=True)
        except Exception:
            _log.exception(
                "Error answering %r for %r (interaction %s)", part, query, interaction.id
            )
            await send_sorry(interaction, self.core)
