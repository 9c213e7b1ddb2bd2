"""`Record`: the base of the core's value types (content, replies, intents), lighter than dataclasses.

A cold start (`pariscall ask "principle 3"`) defines these classes, unpickles thousands of their
instances and builds a few: a plain class with `__slots__` and an explicit `__init__` is cheaper
at all three than a frozen dataclass, and imports nothing.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as usual)
if TYPE_CHECKING:
    from typing import Any, Self


class Record:
    """A value: its fields are its class's `__slots__`, set once by `__init__` and never changed
    afterwards (`replace` makes a changed copy). Equal and hashed by value; pickled as the
    arguments of its constructor."""

    __slots__: tuple[str, ...] = ()

    def values(self) -> tuple[Any, ...]:
        """The fields' values, in the order of `__slots__` (that of `__init__`'s arguments)."""
        return tuple([getattr(self, name) for name in self.__slots__])

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed."""
        fields = dict(zip(self.__slots__, self.values(), strict=True))
        return type(self)(**{**fields, **changes})

    def __reduce__(self) -> tuple[type[Self], tuple[Any, ...]]:
        return type(self), self.values()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record) or type(other) is not type(self):
            return NotImplemented
        return self.values() == other.values()

    def __hash__(self) -> int:
        return hash(self.values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{n}={v!r}" for n, v in zip(self.__slots__, self.values(), strict=True))
        return f"{type(self).__name__}({fields})"
