"""The Discord adapter: the /pariscall commands, @mentions and DMs, on discord.py.

`to_question` (inbound: `client.to_question` for messages, `commands.to_question` for commands),
`render` (outbound, pure: a `Reply` to embeds and buttons) and `run`/`start` (wiring and tokens).
Nothing here is imported by the core.
"""

from adapters.discord.render import Rendered, render
from adapters.discord.run import DiscordConfigError, DiscordSettings, run, start

__all__ = ["DiscordConfigError", "DiscordSettings", "Rendered", "render", "run", "start"]
