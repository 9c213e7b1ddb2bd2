"""The floor of a cold start: what any program answering `principle 3` from the same content pays.

`python bench/floor.py DATA` unpickles DATA, the whole loaded core (content, supporters, the
understanding model) written by `write_data` as plain tuples, dicts, strings and arrays, and
prints the same text as `pariscall ask "principle 3"`. `make bench` gives every cold-start
figure as a multiple of this one, measured in the same run; it checks the two outputs are the
same bytes first.
"""

from __future__ import annotations

import pickle
import sys
from textwrap import wrap

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def plain(value: Any, done: dict[int, Any] | None = None) -> Any:
    """`value` as plain data: every object becomes the tuple of its attributes, recursively; an
    object met twice becomes one shared value, as it is in the core."""
    done = {} if done is None else done
    if isinstance(value, (str, int, float, bytes, type(None))) or type(value).__module__ == "array":
        return value
    if id(value) not in done:
        done[id(value)] = _plain(value, done)
    return done[id(value)]


def _plain(value: Any, done: dict[int, Any]) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(plain(v, done) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(plain(v, done) for v in value)
    if isinstance(value, dict):
        return {plain(k, done): plain(v, done) for k, v in value.items()}
    if hasattr(value, "_source"):  # a pattern compiled on first use: its source
        return value._source
    if hasattr(value, "__dict__"):
        return plain(vars(value), done)
    return tuple(plain(getattr(value, name), done) for name in type(value).__slots__)


def write_data(path: Path) -> None:
    """The bundled content's loaded core, as plain data, pickled at `path`."""
    from bot.core import load_core

    core = load_core()
    principles = {p.number: (p.title, p.text, p.explanation, p.sources, p.as_of)
                  for p in core.content.principles}  # fmt: skip
    done: dict[int, Any] = {}
    data = {"core": plain({k: v for k, v in vars(core).items() if k != "content"}, done),
            "content": plain(core.content, done), "principles": plain(principles, done)}  # fmt: skip
    path.write_bytes(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def _lines(text: str, first: str, rest: str) -> list[str]:
    return wrap(text, 80, initial_indent=first, subsequent_indent=rest,
                break_long_words=False, break_on_hyphens=False)  # fmt: skip


def answer(data: dict[str, Any], number: int) -> str:
    """Principle `number` in English, laid out as the terminal shows it at 80 columns."""
    title, text, explanation, sources, as_of = data["principles"][number]
    meaning = explanation["en"].split(". ", 1)[0] + "."
    lines = [f"Principle {number}: {title['en']}", ""]
    lines += _lines(text["en"], "  │ ", "  │ ") + [""]
    lines += _lines(f"In plain words. {meaning}", "", "") + [""]
    english_first = sorted(sources, key=lambda s: any(m in s[0] for m in ("(FR", "FR)", "FR,")))
    for source_title, url, _ in english_first[:2]:
        lines += _lines(f"{source_title}: {url}", "  ↗ ", "    ")
    day = as_of.split("-")
    lines += [f"  As of {int(day[2])} {MONTHS[int(day[1]) - 1]} {day[0]}.", ""]
    lines.append(f"Try: principle {number - 1} · principle {number + 1} · principles · about")
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as handle:
        print(answer(pickle.load(handle), 3))
