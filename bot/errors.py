"""The exceptions the core raises, and what each carries for the operator.

    PariscallError                 base: anything the core reports to an operator
    ├── ContentError               the YAML content is invalid; `.problems` lists every problem
    └── SupportersImportError      a supporters export could not be read; `.source` names it

Chat users never see these: adapters catch them, log them, and answer with `Core.sorry()`.
Each `str(error)` is written for the operator: what is wrong, where, and the fix.
"""

from __future__ import annotations

from bot.records import Record


class Problem(Record):
    """One thing wrong in a content file: where (file and key path), what was found, what is expected."""

    __slots__ = ("file", "path", "message")

    def __init__(self, file: str, path: str, message: str) -> None:
        self.file = file
        self.path = path
        self.message = message

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class PariscallError(Exception):
    """Base class for errors the operator must act on."""


class ContentError(PariscallError):
    """The content is invalid. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], directory: str = "") -> None:
        self.problems = problems
        self.directory = directory
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the content"
        if self.directory:
            head += f" ({self.directory})"
        lines = [head + ":"] + [f"  {p}" for p in self.problems]
        lines.append("Fix these lines, then run `pariscall validate` again.")
        return "\n".join(lines)


class SupportersImportError(PariscallError):
    """A supporters export could not be imported; the working list was left untouched."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")
