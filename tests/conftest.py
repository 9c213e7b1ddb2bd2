"""Shared fixtures: the real core over the bundled content, and the tiny test content."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core import Core, load_core
from bot.reply import Reply

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
EXPORT = SHARED / "pariscall-supporters-export-2025-12-25.csv"


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test runs writes to the real data folder (the default SQLite database)."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("PARISCALL_DATA_DIR", str(data / "pariscall"))
    monkeypatch.delenv("PARISCALL_DATABASE_URL", raising=False)
    monkeypatch.delenv("PARISCALL_UNANSWERED_DAYS", raising=False)


@pytest.fixture(scope="session")
def core() -> Core:
    """The core over the bundled content (no cache, no imported list)."""
    return load_core()


@pytest.fixture(scope="session")
def ask(core: Core) -> Callable[..., Reply]:
    """Ask the real core a question, as a chat user would."""

    def _ask(question: str, lang: str | None = None) -> Reply:
        return core.answer(question, lang)

    return _ask


@pytest.fixture(scope="session")
def mini_core() -> Core:
    """The core over tests/data/valid, a tiny content set."""
    return load_core(DATA / "valid")
