"""The Discord client: slash commands, @mentions and DMs, and buttons that survive restarts.

It needs no privileged intent: Discord delivers the text of DMs and of messages that mention the
bot even without the message content intent, and those are the only messages it answers. It
subscribes to nothing else (`INTENTS`): no typing, presence, voice or reaction events.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import discord

from adapters import telemetry
from adapters.discord.commands import (
    SLOW_AFTER,
    FrenchTranslator,
    PariscallTree,
    respond,
    send_sorry,
)
from adapters.discord.render import (
    NO_MENTIONS,
    MoreButton,
    QueryButton,
    Rendered,
    render,
    render_more,
)
from adapters.health import CONNECTED, RECONNECTING, PlatformState
from adapters.logs import request_scope

if TYPE_CHECKING:
    from bot.core import Core

_log = logging.getLogger(__name__)

# Servers and their channels (for locales and permissions), server messages and DMs: nothing more.
INTENTS = discord.Intents.none()
INTENTS.guilds = INTENTS.guild_messages = INTENTS.dm_messages = True

# How long closing waits for answers being sent (SIGTERM, `docker stop`).
CLOSE_GRACE = 5.0

# Discord sends a message's text to a bot without the message content intent only when it
# mentions the bot as a user; a mention of the bot's role arrives with no text at all.
NO_TEXT_HINT = {
    "en": "I was mentioned but Discord did not pass me the text (a mention of my role does not). "
    "Mention me as a user (pick *pariscall* with the bot badge), DM me, or use `/pariscall ask`.",
    "fr": "On m'a mentionné mais Discord ne m'a pas transmis le texte (c'est le cas pour une "
    "mention de mon rôle). Mentionnez-moi en tant qu'utilisateur, écrivez-moi en message privé "
    "ou utilisez `/pariscall ask`.",
}


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
    # raw_role_mentions is parsed from the text, which may be missing: role_mentions is not.
    mentioned_roles = set(message.raw_role_mentions) | {r.id for r in message.role_mentions}
    mentioned = mentioned or bool(role_ids & mentioned_roles)
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
        proxy: str | None = None,
        state: PlatformState | None = None,
    ) -> None:
        # The bot never joins voice: skip discord.py's start-up warnings about voice libraries.
        discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
        # Without a shard count discord.py asks Discord for one and runs every shard here.
        shards: dict[str, Any] = {"shard_count": shard_count}
        if shard_ids is not None:
            shards["shard_ids"] = list(shard_ids)
        super().__init__(
            intents=INTENTS,  # no privileged intent (see the module docstring)
            allowed_mentions=NO_MENTIONS,  # nothing the bot says can ping anyone
            max_messages=None,  # the bot never looks back at messages: keep no cache
            proxy=proxy,
            **shards,
        )
        # Every answer (commands, mentions, DMs, buttons) is reported for metrics and the
        # unanswered report; with no sink added (tests, `ask`) this costs a function call.
        core = telemetry.observed(core, "discord")
        self.core = core
        self.state = state or PlatformState("discord")
        self._answering: set[asyncio.Task[Any]] = set()
        self.lang = lang  # for mentions and DMs, which carry no locale
        self.slow_after = SLOW_AFTER
        self.tree = PariscallTree(self, core)

    async def setup_hook(self) -> None:
        await self.tree.set_translator(FrenchTranslator(self.core))
        # Every reply button is a QueryButton whose custom id holds its query: registering the
        # template once makes the buttons of every message ever sent work, across restarts.
        self.add_dynamic_items(QueryButton, MoreButton)

    async def _run_event(self, *args: Any, **kwargs: Any) -> None:
        # One request id per event, so the log lines of one answer can be found together.
        with request_scope():
            await super()._run_event(*args, **kwargs)

    def _schedule_event(self, *args: Any, **kwargs: Any) -> asyncio.Task[Any]:
        # Every event handler runs as a task: keep them so closing can let answers finish.
        task = super()._schedule_event(*args, **kwargs)
        self._answering.add(task)
        task.add_done_callback(self._answering.discard)
        return task

    async def close(self) -> None:
        """Let answers in flight finish (CLOSE_GRACE at most), then disconnect."""
        pending = [t for t in self._answering if t is not asyncio.current_task()]
        if pending:
            await asyncio.wait(pending, timeout=CLOSE_GRACE)
        await super().close()

    async def on_resumed(self) -> None:
        self.state.set(CONNECTED)
        telemetry.reconnected("discord")

    async def on_disconnect(self) -> None:
        if not self.is_closed():
            self.state.set(RECONNECTING)

    async def on_ready(self) -> None:
        assert self.user is not None
        self.state.set(CONNECTED)
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
        if not question and not message.content:
            await self.send_text(message, NO_TEXT_HINT[lang])
            return
        try:
            if question:
                reply = await asyncio.to_thread(self.core.answer, question, lang=lang)
            else:
                reply = await asyncio.to_thread(self.core.home, lang)
        except Exception:
            _log.exception("The core failed on message %s", message.id)
            reply = self.core.sorry(lang)
        await self.send_reply(message, render(reply, question=question or None))

    async def send_reply(self, message: discord.Message, rendered: Rendered) -> None:
        """Reply to `message` with what the bot may do in its channel.

        Without Read Message History a reply is refused: send a plain message instead. Without
        Embed Links Discord silently drops the embed: send the reply as text.
        """
        me = message.guild.me if message.guild is not None else None
        perms = message.channel.permissions_for(me) if me is not None else None
        kwargs = rendered.kwargs() if perms is None or perms.embed_links else rendered.text_kwargs()
        try:
            if perms is None or perms.read_message_history:
                try:
                    sent = await message.reply(**kwargs, mention_author=False)
                except discord.HTTPException as exc:
                    if exc.status >= 500 or exc.code == 10008:  # Discord trouble, or deleted
                        raise
                    # A refused reply (no Read Message History): a plain message still works.
                    sent = await message.channel.send(**kwargs)
            else:
                sent = await message.channel.send(**kwargs)
            if kwargs.get("embeds") and not sent.embeds and not sent.content:
                await sent.edit(**rendered.text_kwargs())  # the embed was dropped: show text
        except discord.HTTPException as exc:
            # No Send Messages here, the question was deleted, or Discord trouble: nothing
            # can tell the user through this channel.
            telemetry.error("discord", "api")
            _log.warning(
                "Could not answer message %s in channel %s: %s",
                message.id,
                message.channel.id,
                exc,
            )

    async def send_text(self, message: discord.Message, text: str) -> None:
        try:
            await message.channel.send(text, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException as exc:
            telemetry.error("discord", "api")
            _log.warning("Could not send a hint in channel %s: %s", message.channel.id, exc)

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
