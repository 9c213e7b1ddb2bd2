"""The Slack adapter: /pariscall, mentions, DMs and App Home on slack-bolt (Socket Mode or HTTP).

    adapters.slack.app.to_question(text)     Slack text -> the question for the core
    adapters.slack.render.render(reply)      Reply -> Block Kit message (pure)
    adapters.slack.app.register(app, core)   the listeners (slash command, events, buttons)
    adapters.slack.server.create_app(...)    the bolt AsyncApp; create_web_app: its aiohttp app
    adapters.slack.run.run(argv)             `pariscall slack ...`, returns the exit code
    adapters.slack.run.start(settings, core) coroutine for `pariscall serve`; runs until cancelled
    adapters.slack.settings.from_env(env)    SlackSettings, or ConfigError naming the variable

The core (`bot/`) never imports this package. Importing it loads no Slack library.
"""
