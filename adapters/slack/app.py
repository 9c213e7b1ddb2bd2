"""Bolt wiring: the listeners that turn Slack requests into questions, and replies into messages.

Every listener acks at once and hands any Web API call to a background task, so the ack never
waits on Slack's Web API, a 429 or a slow `response_url`. The core is synchronous and takes well
under a millisecond, so it is called inline; a slash command's answer is the ack's body.

    /pariscall <q>        -> the answer in the ack itself (ephemeral), with "Share in channel"
    @pariscall <q>        -> chat.postMessage in the thread of the mention
    DM                    -> chat.postMessage in the DM
    App Home opened       -> views.publish of core.home(lang)
    suggestion / nav      -> the answer to that query (ephemeral, in the DM, or in the App DM)
    share                 -> the same answer in_channel; the ephemeral copy is deleted
    More / Sources        -> the answer's details (or every source): in the thread of the
                             answer, privately beside a private answer, or in the App DM
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import TYPE_CHECKING, Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters import telemetry
from adapters.logs import next_id, request_id
from adapters.slack.dedup import EventIds, RecentIds
from adapters.slack.mrkdwn import from_slack
from adapters.slack.render import (
    ASK,
    LINK,
    MORE,
    NAV,
    SHARE,
    SOURCES,
    Message,
    RenderError,
    decode_value,
    label,
    render,
    render_home,
    render_more,
)
from bot.reply import Reply

if TYPE_CHECKING:
    from bot.core import Core

COMMAND = "/pariscall"
EVENTS_PATH = "/slack/events"
# Bot events `register` subscribes to, as the manifest names them ("message.im" is bolt's
# "message" event filtered on channel_type "im").
EVENTS = ("app_mention", "message.im", "app_home_opened")
# Web API methods the adapter calls with the bot token, and the bot scope each needs (None: none).
METHODS = {"chat.postMessage": "chat:write", "views.publish": None, "auth.test": None}

# Slash command answers kept serialized (a few KB each), most recently asked first out last.
ACK_CACHE_SIZE = 256

_ASK = re.compile(rf"^(?:{ASK}|{NAV})_\d+$")
_LINK = re.compile(rf"^{LINK}_\d+$")
_BLANK = re.compile(r"\s+")

log = logging.getLogger("pariscall.slack")


def retry_handlers() -> list[AsyncRetryHandler]:
    """Web API retries: a 429 waits its Retry-After (twice at most); a dropped connection once."""
    return [
        AsyncConnectionErrorRetryHandler(
            max_retry_count=1, interval_calculator=FixedValueRetryIntervalCalculator(0.25)
        ),
        AsyncRateLimitErrorRetryHandler(max_retry_count=2),
    ]


def to_question(text: str, bot_user_id: str | None = None) -> str:
    """Slack message text -> the question for the core: our mention removed, Slack's encoding
    undone. An empty question asks for help."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(?:\|[^>]*)?>", " ", text)
    else:
        text = re.sub(r"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>", " ", text)
    return _BLANK.sub(" ", from_slack(text)).strip() or "help"


class SkipRepeatedEvents(AsyncMiddleware):
    """Drop a repeated delivery of an event already being answered.

    Slack resends an event when it thinks we missed it (X-Slack-Retry-Num; in Socket Mode,
    retry_attempt). The first delivery was acked at once and is being answered, so a repeat of
    its event_id is acked and dropped. Deduplicating by event_id, rather than dropping every
    retry, still answers the retry of a delivery that never reached us.
    """

    def __init__(self, seen: EventIds) -> None:
        self.seen = seen

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        event_id = req.body.get("event_id")
        if isinstance(event_id, str) and not await self.seen.first_time(event_id):
            log.info("ignored a repeated delivery of event %s", event_id)
            return BoltResponse(status=200, body="")
        return await next()


class TagRequest(AsyncMiddleware):
    """Give the log lines of one request (and of the work it spawns) one request id."""

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        if request_id.get() is None:  # HTTP mode sets it per request already
            event_id = req.body.get("event_id")
            request_id.set(event_id if isinstance(event_id, str) else f"s{next_id()}")
        return await next()


class SlackBot:
    """What the listeners share: the core, the default language, background tasks, seen events."""

    def __init__(
        self,
        core: Core,
        *,
        lang: str = "en",
        session: aiohttp.ClientSession | None = None,
        seen: EventIds | None = None,
    ) -> None:
        self.core = core
        self.lang = lang
        self.session = session
        self.seen: EventIds = seen or RecentIds()
        self._tasks: set[asyncio.Task[None]] = set()
        self._homes: dict[str, dict[str, Any]] = {}
        self._acks: OrderedDict[str, tuple[str, Reply]] = OrderedDict()

    # -- answering -----------------------------------------------------------------------------

    def answer(self, question: str, lang: str | None = None) -> Reply:
        start = time.perf_counter()
        reply = self.core.answer(question, lang=lang or self.lang)
        telemetry.answered("slack", question, reply, time.perf_counter() - start)
        return reply

    def message(
        self,
        reply: Reply,
        *,
        share_query: str | None = None,
        question: str | None = None,
        part: str | None = None,
    ) -> Message:
        """The rendered reply (or, with `part` MORE or SOURCES, its details or sources); a
        renderer bug is logged and the user gets the core's apology."""
        try:
            if part is not None:
                return render_more(reply, part)
            return render(reply, share_query=share_query, question=question)
        except RenderError:
            log.exception("could not render the reply %r", reply.topic)
            return render(self.core.sorry(reply.lang))

    def command_ack_or_sorry(self, question: str) -> str:
        """`command_ack`, or the core's apology when answering fails unexpectedly."""
        try:
            return self.command_ack(question)
        except Exception:
            log.exception("could not answer the slash command")
            return render(self.core.sorry(self.lang)).to_json(response_type="ephemeral")

    def command_ack(self, question: str) -> str:
        """The slash command's ack body (JSON): the ephemeral answer with "Share in channel".

        The core is pure after loading and rendering is deterministic, so the same question
        always gives the same body: popular questions are answered, rendered and serialized once.
        """
        cached = self._acks.get(question)
        if cached is None:
            reply = self.answer(question)
            body = self.message(reply, share_query=question).to_json(response_type="ephemeral")
            self._acks[question] = (body, reply)
            if len(self._acks) > ACK_CACHE_SIZE:
                self._acks.popitem(last=False)
            return body
        self._acks.move_to_end(question)
        telemetry.answered("slack", question, cached[1], 0.0)  # answered again, from the cache
        return cached[0]

    def home_view(self, lang: str) -> dict[str, Any]:
        if lang not in self._homes:  # the Home tab depends only on the content: render it once
            self._homes[lang] = render_home(self.core.home(lang)).to_dict()
        return self._homes[lang]

    # -- background work -----------------------------------------------------------------------

    def spawn(self, what: str, work: Coroutine[Any, Any, object]) -> None:
        """Run `work` after the ack. Failures are logged for the operator, never raised."""
        task = asyncio.ensure_future(self._guard(what, work))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _guard(what: str, work: Coroutine[Any, Any, object]) -> None:
        try:
            await work
        except SlackApiError as e:
            log.error("%s failed: Slack answered %s", what, e.response.get("error", e.response))
            telemetry.error("slack", "api")
        except (TimeoutError, aiohttp.ClientError, OSError) as e:
            log.error("%s failed: Slack could not be reached (%s)", what, type(e).__name__)
            telemetry.error("slack", "unreachable")
        except Exception:
            log.exception("%s failed", what)

    async def drain(self) -> None:
        """Wait for every background task (tests, and a clean shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))

    # -- sending -------------------------------------------------------------------------------

    async def post(
        self, client: AsyncWebClient, channel: str, message: Message, thread_ts: str | None = None
    ) -> None:
        await client.chat_postMessage(
            channel=channel,
            text=message.text,
            blocks=list(message.blocks),
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
        )

    async def respond(self, response_url: str, payload: dict[str, Any]) -> bool:
        """POST to a response_url with the shared session and the same retries as the Web API.

        True when Slack accepted it; a refusal is logged (without the URL, which is a secret)."""
        client = AsyncWebhookClient(
            response_url, session=self.session, retry_handlers=retry_handlers(), logger=log
        )
        response = await client.send_dict(payload)
        if response.status_code != 200:
            log.error(
                "response_url post failed: HTTP %s %s", response.status_code, response.body[:200]
            )
            return False
        return True


def register(
    app: AsyncApp,
    core: Core,
    *,
    lang: str = "en",
    session: aiohttp.ClientSession | None = None,
    seen: EventIds | None = None,
) -> SlackBot:
    """Attach the pariscall listeners to `app`; returns the shared state they use.

    `seen` remembers answered event ids (default: this process's memory)."""
    bot = SlackBot(core, lang=lang, session=session, seen=seen)

    app.use(TagRequest())
    app.use(SkipRepeatedEvents(bot.seen))

    async def handle_pariscall_command(
        ack: Callable[..., Awaitable[None]], command: dict[str, Any]
    ) -> None:
        # The core is in-process and bounded (well under a millisecond), so the answer rides in
        # the ack itself: one round trip, nothing to post later, and it works even when Slack's
        # Web API or the response_url cannot be reached. Only "Share" uses the response_url.
        # The body is already JSON: bolt sends a body starting with "{" as application/json.
        await ack(bot.command_ack_or_sorry(to_question(command.get("text") or "")))

    async def handle_mention(event: dict[str, Any], client: AsyncWebClient, context: Any) -> None:
        if event.get("bot_id") or event.get("subtype") or not event.get("user"):
            return
        question = to_question(event.get("text") or "", context.bot_user_id)
        message = bot.message(bot.answer(question), question=question)
        thread = event.get("thread_ts") or event["ts"]
        bot.spawn("the mention reply", bot.post(client, event["channel"], message, thread))

    async def handle_direct_message(
        event: dict[str, Any], client: AsyncWebClient, context: Any
    ) -> None:
        # Edits, deletions, joins and bot posts all carry a subtype or a bot_id: not questions.
        # A message with a file attached (subtype file_share) is answered from its text.
        subtype = event.get("subtype")
        if event.get("channel_type") != "im" or subtype not in (None, "file_share"):
            return
        if event.get("bot_id"):
            return
        if not event.get("user"):
            return
        question = to_question(event.get("text") or "", context.bot_user_id)
        message = bot.message(bot.answer(question), question=question)
        thread = event.get("thread_ts")  # answer inside a DM thread, else in the DM itself
        bot.spawn("the DM reply", bot.post(client, event["channel"], message, thread))

    async def handle_app_home_opened(event: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab") != "home":
            return  # the Messages tab opened: nothing to publish
        view = bot.home_view(bot.lang)
        bot.spawn("the App Home", client.views_publish(user_id=event["user"], view=view))

    async def handle_ask_button(
        ack: Callable[..., Awaitable[None]],
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
    ) -> None:
        await ack()
        question, lang = decode_value(action.get("value"))
        if not question:
            log.warning("a button without a query: %r", action.get("action_id"))
            return
        reply = bot.answer(question, lang)
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or ""
        user = (body.get("user") or {}).get("id") or ""
        thread = (body.get("message") or {}).get("thread_ts") or container.get("thread_ts")
        if container.get("type") == "view" or not body.get("response_url"):
            # A button on the App Home: answer in the app's DM with this user.
            message = bot.message(reply, question=question)
            bot.spawn("the button answer", bot.post(client, user, message))
        elif channel.startswith("D") and not container.get("is_ephemeral"):
            # On the bot's own message in its DM everything is private already: a new message.
            message = bot.message(reply, question=question)
            bot.spawn("the button answer", bot.post(client, channel, message, thread))
        else:
            # In a channel, or on an ephemeral answer in any DM (one between two people, where
            # the bot cannot post): only the person who clicked sees it, and may share it.
            # Previous/Next on their own ephemeral answer turns its page in place.
            message = bot.message(reply, share_query=question)
            payload: dict[str, Any] = {"response_type": "ephemeral", **message.to_dict()}
            is_nav = str(action.get("action_id", "")).startswith(NAV)
            payload["replace_original"] = bool(container.get("is_ephemeral")) and is_nav
            if thread:
                payload["thread_ts"] = thread
            bot.spawn("the button answer", bot.respond(body["response_url"], payload))

    async def handle_share_button(
        ack: Callable[..., Awaitable[None]], body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        await ack()
        question, lang = decode_value(action.get("value"))
        response_url = body.get("response_url")
        if not question or not response_url:
            log.warning("a share button without a query or response_url")
            return
        message = bot.message(bot.answer(question, lang))
        shared = {"response_type": "in_channel", "replace_original": False, **message.to_dict()}

        async def share() -> None:
            if await bot.respond(response_url, shared):
                # The private copy has done its job; removing it avoids a second share.
                await bot.respond(response_url, {"delete_original": True})
                return
            # Not posted (an archived or announcement-only channel): keep the private copy.
            sorry = label("not_shared", lang or bot.lang)
            await bot.respond(
                response_url,
                {"response_type": "ephemeral", "replace_original": False, "text": sorry},
            )

        bot.spawn("the shared answer", share())

    async def handle_more_button(
        ack: Callable[..., Awaitable[None]],
        body: dict[str, Any],
        action: dict[str, Any],
        client: AsyncWebClient,
    ) -> None:
        # The button carries the query and language: the core rebuilds the same reply, whose
        # details are posted where the answer is (in its thread, or privately beside it).
        await ack()
        question, lang = decode_value(action.get("value"))
        if not question:
            log.warning("a More button without a query: %r", action.get("action_id"))
            return
        part = SOURCES if action.get("action_id") == SOURCES else MORE
        message = bot.message(bot.answer(question, lang), part=part)
        container = body.get("container") or {}
        original = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        user = (body.get("user") or {}).get("id") or ""
        if container.get("type") == "view" or not body.get("response_url"):
            bot.spawn("the details", bot.post(client, user, message))
        elif container.get("is_ephemeral"):
            # A private answer cannot have a thread: the details come privately, below it.
            payload: dict[str, Any] = {"response_type": "ephemeral", "replace_original": False,
                                       **message.to_dict()}  # fmt: skip
            thread = original.get("thread_ts") or container.get("thread_ts")
            if thread:
                payload["thread_ts"] = thread
            bot.spawn("the details", bot.respond(body["response_url"], payload))
        else:
            thread = (original.get("thread_ts") or container.get("thread_ts")
                      or original.get("ts") or container.get("message_ts"))  # fmt: skip
            bot.spawn("the details", bot.post(client, channel, message, thread))

    async def handle_link_button(ack: Callable[..., Awaitable[None]]) -> None:
        await ack()  # Slack opens the URL itself; it still expects the click to be acked.

    app.command(COMMAND)(handle_pariscall_command)
    app.event("app_mention")(handle_mention)
    app.event("message")(handle_direct_message)
    app.event("app_home_opened")(handle_app_home_opened)
    app.action(SHARE)(handle_share_button)
    app.action(MORE)(handle_more_button)
    app.action(SOURCES)(handle_more_button)
    app.action(_LINK)(handle_link_button)
    app.action(_ASK)(handle_ask_button)
    return bot
