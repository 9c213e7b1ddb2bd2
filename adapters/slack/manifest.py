"""The Slack app manifest an admin pastes to create the app: exactly what the code uses.

Scopes are derived from the listeners' events, the Web API methods they call and the slash
command (`adapters.slack.app`), so the manifest cannot ask for more than the code needs.
"""

from __future__ import annotations

from typing import Any

import yaml

from adapters.slack.app import COMMAND, EVENTS, EVENTS_PATH, METHODS

REDIRECT_PATH = "/slack/oauth_redirect"  # bolt's default, served by server.create_web_app
# bolt deletes a workspace's installation on these (AsyncApp.enable_token_revocation_listeners).
OAUTH_EVENTS = ("app_uninstalled", "tokens_revoked")

# The bot scope each event subscription needs (docs.slack.dev/reference/events).
EVENT_SCOPES: dict[str, str | None] = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "app_home_opened": None,
}
COMMAND_SCOPE = "commands"


def bot_scopes() -> list[str]:
    """The bot scopes the code needs, sorted."""
    needed = {COMMAND_SCOPE}
    needed.update(EVENT_SCOPES[e] for e in EVENTS if EVENT_SCOPES[e])  # type: ignore[misc]
    needed.update(s for s in METHODS.values() if s)
    return sorted(needed)


def build_manifest(
    *,
    socket_mode: bool,
    url: str | None = None,
    oauth: bool = False,
    token_rotation: bool = False,
) -> dict[str, Any]:
    """The manifest as a dict. HTTP mode needs the public base `url` (https://HOST).

    With `oauth` (a distributed app) it adds the redirect URL and the uninstall events; `token_rotation` makes bot tokens expire and refresh."""
    if not socket_mode and not url:
        raise ValueError("HTTP mode needs the public URL of the app (--url https://HOST)")
    request_url = f"{url.rstrip('/')}{EVENTS_PATH}" if url else None
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": "Ask about the Paris Call for Trust and Security in Cyberspace",
        "usage_hint": "principle 3 | supporters | did Russia sign? | fr principe 3",
        "should_escape": False,
    }
    events: dict[str, Any] = {"bot_events": list(EVENTS) + (list(OAUTH_EVENTS) if oauth else [])}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if request_url:
        command["url"] = request_url
        events["request_url"] = request_url
        interactivity["request_url"] = request_url
    oauth_config: dict[str, Any] = {"scopes": {"bot": bot_scopes()}}
    if oauth and url:
        oauth_config = {"redirect_urls": [f"{url.rstrip('/')}{REDIRECT_PATH}"], **oauth_config}
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "Paris Call",
            "description": "Explains the Paris Call for Trust and Security in Cyberspace, "
            "with sources.",
            "background_color": "#1d3557",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": "pariscall", "always_online": True},
            "slash_commands": [command],
        },
        "oauth_config": oauth_config,
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": oauth and token_rotation,
        },
    }


def to_yaml(manifest: dict[str, Any]) -> str:
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=100)
