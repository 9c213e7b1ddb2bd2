"""Regular expressions compiled on first use: most questions need only a few of them, and a
cold start (`pariscall ask "principle 3"`) should not pay for compiling all of them."""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import Any


class _Lazy:
    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return getattr(compiled, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Lazy, (self._source, self._flags))


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern that behaves as `re.compile(source, flags)`, compiled when first used."""
    return _Lazy(source, flags)  # type: ignore[return-value]  # it stands in for one
