"""The Discord adapter: the /pariscall commands, @mentions and DMs, on discord.py.

`to_question` (inbound: `client.to_question` for messages, `commands.to_question` for commands),
`render` (outbound, pure: a `Reply` to embeds and buttons) and `run`/`start` (wiring and tokens).
Nothing here is imported by the core.
"""

import warnings

with warnings.catch_warnings():
    # discord.py imports the standard library's `audioop` for voice, which this bot never uses;
    # Python 3.11 and 3.12 warn that it is deprecated (PEP 594). Silence only that warning.
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    import discord  # noqa: F401

# isort: split
from adapters.discord.render import Rendered, render
from adapters.discord.run import DiscordConfigError, DiscordSettings, run, start

__all__ = ["DiscordConfigError", "DiscordSettings", "Rendered", "render", "run", "start"]
