"""Measure understanding: answer labelled questions and count right, "I don't know" and wrong.

A question file is one YAML list, each item ``{q, topic, all?, notyes?}``:

- ``topic``: the accepted topic ids (``faq:*`` accepts any FAQ);
- ``all``: groups of lowercase words; the answer must contain one word of each group;
- ``notyes``: the answer must not be a "yes" about any entity.

A *confident wrong* answer is one whose topic is neither accepted nor ``unknown``, or a "yes" where
``notyes`` forbids it. `pariscall eval` prints these figures; `make test` runs it with limits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.core import Core
    from bot.reply import Reply


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled question."""

    question: str
    topics: tuple[str, ...]
    words: tuple[tuple[str, ...], ...] = ()
    notyes: bool = False
    where: str = ""  # file:index, for failure lines
    lang: str | None = None


@dataclass(slots=True)
class Outcome:
    """How one case went: right, an honest "I don't know" where an answer was expected, or wrong."""

    case: Case
    topic: str
    verdict: str  # right, unknown, wrong, missing-words
    detail: str = ""


@dataclass(slots=True)
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def right(self) -> int:
        return sum(o.verdict == "right" for o in self.outcomes)

    @property
    def wrong(self) -> int:
        """Confident wrong answers: another topic than accepted (not `unknown`), or a forbidden yes."""
        return sum(o.verdict == "wrong" for o in self.outcomes)

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0

    def per_topic(self) -> dict[str, tuple[float, float, int]]:
        """topic -> (precision, recall, support): precision over the answers given with that
        topic, recall over the cases whose first accepted topic it is."""
        expected: Counter[str] = Counter()
        found: Counter[str] = Counter()
        answered: Counter[str] = Counter()
        right: Counter[str] = Counter()
        for o in self.outcomes:
            want = o.case.topics[0]
            expected[want] += 1
            answered[o.topic] += 1
            if o.verdict == "right":
                found[want] += 1
                right[o.topic] += 1
        table = {}
        for topic in sorted(set(expected) | set(answered)):
            precision = right[topic] / answered[topic] if answered[topic] else 1.0
            recall = found[topic] / expected[topic] if expected[topic] else 1.0
            table[topic] = (precision, recall, expected[topic])
        return table


def accepts(topics: tuple[str, ...], topic: str) -> bool:
    return topic in topics or ("faq:*" in topics and topic.startswith("faq:"))


def judge(case: Case, reply: Reply) -> Outcome:
    """Grade one reply against its case."""
    yes = reply.entity is not None and reply.entity.supporter == "yes"
    if case.notyes and yes:
        return Outcome(case, reply.topic, "wrong", f"said yes about {reply.entity.name}")  # type: ignore[union-attr]
    if not accepts(case.topics, reply.topic):
        verdict = "unknown" if reply.topic == "unknown" else "wrong"
        return Outcome(case, reply.topic, verdict, reply.title)
    # The short answer and its details (shown on request) together make the answer.
    # French typography's spaces ("1\u202f222", "2025\u00a0:") read as the spaces people type.
    text = _spaced(reply.title + "\n" + reply.to_text() + "\n" + reply.details).lower()
    missing = [g for g in case.words if not any(_spaced(w).lower() in text for w in g)]
    if missing:
        return Outcome(case, reply.topic, "missing-words", f"none of {missing[0]} in the answer")
    return Outcome(case, reply.topic, "right")


def _spaced(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def load_cases(paths: list[Path]) -> list[Case]:
    """Every case in the given YAML files and folders (``*.yaml`` inside, sorted)."""
    import yaml

    from bot.errors import ContentError, Problem

    def error(file: Path | str, where: str, message: str) -> ContentError:
        return ContentError([Problem(str(file), where, message)], str(file))

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.yaml"))
        elif path.is_file():
            files.append(path)
        else:
            raise error(path, "", "no such file or folder")
    cases: list[Case] = []
    for file in files:
        try:
            items: Any = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise error(file, "", f"not valid YAML ({exc})") from None
        if not isinstance(items, list):
            raise error(file, "", "expected a YAML list of {q, topic} items")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("q"), str):
                raise error(file, f"[{i}]", "expected {q: text, topic: [ids]}")
            topics = item.get("topic") or []
            topics = [topics] if isinstance(topics, str) else topics
            if not topics:
                raise error(file, f"[{i}].topic", "missing (list the accepted topic ids)")
            words = tuple(tuple(str(w) for w in g) for g in item.get("all") or ())
            cases.append(
                Case(
                    item["q"],
                    tuple(topics),
                    words,
                    bool(item.get("notyes")),
                    f"{file.name}:{i}",
                    item.get("lang"),
                )  # fmt: skip
            )
    return cases


def evaluate(core: Core, cases: list[Case]) -> Report:
    report = Report()
    for case in cases:
        report.outcomes.append(judge(case, core.answer(case.question, case.lang)))
    return report


def format_report(report: Report, show: int = 200) -> str:
    """The figures and failures as plain text lines."""
    lines = []
    failures = [o for o in report.outcomes if o.verdict != "right"]
    for o in failures[:show]:
        want = ",".join(o.case.topics)
        lines.append(f"{o.verdict.upper():13} {o.case.where:24} {o.case.question[:90]!r}")
        lines.append(f"{'':13} expected {want}, got {o.topic}: {o.detail[:90]}")
    if show and len(failures) > show:
        lines.append(f"... and {len(failures) - show} more")
    lines.append("")
    lines.append(f"{'topic':28} precision  recall  support")
    for topic, (p, r, n) in report.per_topic().items():
        lines.append(f"{topic:28} {p:9.2f} {r:7.2f} {n:8}")
    unknown = sum(o.verdict == "unknown" for o in report.outcomes)
    missing = sum(o.verdict == "missing-words" for o in report.outcomes)
    lines.append("")
    lines.append(
        f"{report.right}/{report.total} right ({report.accuracy:.1%}); "
        f'{unknown} "I don\'t know" where an answer was expected; {missing} missing words; '
        f"{report.wrong} confident wrong"
    )
    return "\n".join(lines)
