"""Settings from the environment (and a `.env` file): folders, language, platform tokens.

The core never reads the environment; adapters read it here and pass plain values in.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from bot.core import Core, load_core
from bot.errors import ContentError

EXIT_CONTENT = 1
EXIT_CONFIG = 2


def load_env(path: Path | None = None) -> None:
    """Read KEY=VALUE lines from `.env` (current folder) without overriding the real environment."""
    env_file = path or Path.cwd() / ".env"
    if not env_file.is_file():
        return
    from dotenv import load_dotenv

    load_dotenv(env_file, override=False)


def setup_logging() -> None:
    """Log lines for operators of the long-running bot (level from PARISCALL_LOG_LEVEL)."""
    import logging

    level = os.environ.get("PARISCALL_LOG_LEVEL", "INFO").upper()
    logging.basicConfig(level=level if level in logging.getLevelNamesMapping() else "INFO",
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")  # fmt: skip


def _xdg(variable: str, fallback: str) -> Path:
    base = os.environ.get(variable) or str(Path.home() / fallback)
    return Path(base) / "pariscall"


@dataclass(frozen=True)
class Paths:
    content: Path | None
    data: Path
    cache: Path

    @classmethod
    def from_env(cls, content: str | None = None) -> Paths:
        chosen = content or os.environ.get("PARISCALL_CONTENT_DIR")
        return cls(
            content=Path(chosen) if chosen else None,
            data=Path(os.environ["PARISCALL_DATA_DIR"])
            if os.environ.get("PARISCALL_DATA_DIR")
            else _xdg("XDG_DATA_HOME", ".local/share"),
            cache=Path(os.environ["PARISCALL_CACHE_DIR"])
            if os.environ.get("PARISCALL_CACHE_DIR")
            else _xdg("XDG_CACHE_HOME", ".cache"),
        )


def default_lang(explicit: str | None = None) -> str:
    """--lang, else PARISCALL_LANG, else English."""
    lang = (explicit or os.environ.get("PARISCALL_LANG") or "en").strip().lower()[:2]
    return lang if lang in ("en", "fr") else "en"


def core_or_exit(content: str | None = None) -> Core:
    """Load the core, or print the content report for the operator and exit 1 (no traceback)."""
    paths = Paths.from_env(content)
    if paths.content is not None and not paths.content.is_dir():
        fail(f"pariscall: content folder {paths.content} does not exist (check --content or "
             "PARISCALL_CONTENT_DIR)", EXIT_CONFIG)  # fmt: skip
    try:
        return load_core(paths.content, paths.data, paths.cache)
    except ContentError as exc:
        fail(f"pariscall: the bot cannot start with invalid content.\n{exc.report()}", EXIT_CONTENT)


def fail(message: str, code: int) -> NoReturn:
    """Print one message for the operator and exit with `code`: no traceback."""
    print(message, file=sys.stderr)
    raise SystemExit(code)
