"""Every reply to the labelled questions is the same as recorded in tests/data/replies.sha.

A guard for changes meant to leave answers alone (speed, refactoring): each line of the snapshot
is a digest of one question (and its `lang`) and a digest of everything shown for its reply (the
`--json` object, the terminal's short form, its details and its sources). When answers change on
purpose (content, understanding), regenerate the snapshot and commit it with the change:

    .venv/bin/python tests/test_replies_unchanged.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from adapters import terminal
from bot.core import Core, load_core
from bot.evaluation import load_cases

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "replies.sha"
QUESTIONS = ROOT / "tests" / "questions"
COLUMNS = 80


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def digests(core: Core) -> dict[str, tuple[str, str]]:
    """question digest -> (reply digest, the question as typed), for every labelled question."""
    table = {}
    for case in load_cases([QUESTIONS]):
        reply = core.answer(case.question, case.lang)
        shown = "\n\x00".join((
            json.dumps(reply.to_dict(), ensure_ascii=False),
            terminal.render(reply, columns=COLUMNS),
            terminal.render_details(reply, columns=COLUMNS),
            terminal.render_sources(reply, columns=COLUMNS),
        ))  # fmt: skip
        table[_digest(f"{case.lang}\x00{case.question}")] = (_digest(shown), case.question)
    return table


def snapshot_lines(core: Core) -> list[str]:
    return sorted(f"{key} {reply}" for key, (reply, _) in digests(core).items())


def test_replies_are_unchanged(core: Core) -> None:
    """Every labelled question gets the reply recorded in the snapshot, byte for byte."""
    recorded = dict(line.split() for line in SNAPSHOT.read_text().splitlines())
    now = digests(core)
    changed = [q for key, (reply, q) in now.items() if recorded.get(key) != reply]
    gone = len(set(recorded) - set(now))
    assert not changed and not gone, (
        f"{len(changed)} replies differ from tests/data/replies.sha (and {gone} recorded questions "
        f"are gone), e.g. {changed[:5]}; if the change is meant, regenerate it (see the docstring)"
    )


if __name__ == "__main__":
    SNAPSHOT.write_text("\n".join(snapshot_lines(load_core())) + "\n")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}")
