"""One small table type for every state machine: a report's status, the quarterly report's
sign-off chain (seed 003 SOP 3) and the monitoring-and-evaluation record (SOP 4).

A ``Row`` names a move, the states it may start from (``None``: the thing does not exist
yet), the state it leads to (``SAME``: unchanged, the move is only recorded) and who may
make it (role names, or the special ``reporter`` / ``system`` capacities). A ``Table``
holds the rows, refuses two rows for the same move from the same state, and answers the
two questions every caller asks: which row applies to this move from this state, and
which moves may these people make from here. Tests walk the rows cell by cell.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

SAME = "same"

M = TypeVar("M", bound=StrEnum)
S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True)
class Row(Generic[M, S]):
    move: M
    sources: frozenset[S | None]
    target: S | str  # a state, or SAME
    actors: frozenset[str]

    def target_for(self, current: S) -> S:
        """The state after this move from ``current``."""
        if self.target == SAME:
            return current
        return type(current)(self.target)


R = TypeVar("R", bound=Row)  # type: ignore[type-arg]  # any row type over any enums


class Table(Generic[R]):
    """The rows of one state machine, at most one per (move, source state)."""

    def __init__(self, rows: Iterable[R]) -> None:
        self._rows: tuple[R, ...] = tuple(rows)
        self._index: dict[tuple[str, str | None], R] = {}
        for row in self._rows:
            for source in row.sources:
                key = (str(row.move), None if source is None else str(source))
                if key in self._index:
                    raise ValueError(f"two rows for {row.move} from {source}")
                self._index[key] = row

    def __iter__(self) -> Iterator[R]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def row(self, move: str, source: str | None) -> R | None:
        """The row for ``move`` from ``source``; None when the table does not allow it."""
        return self._index.get((str(move), None if source is None else str(source)))

    def moves_from(self, source: str | None, actors: Collection[str] | None = None) -> list[R]:
        """The rows that start from ``source`` (and that one of ``actors`` may take)."""
        wanted = None if source is None else str(source)
        return [
            row
            for (move, state), row in self._index.items()
            if state == wanted and (actors is None or row.actors & set(actors))
        ]

    def waiting_for(self, source: str, *, skip: Collection[str] = ()) -> frozenset[str]:
        """Whose turn it is in ``source``: everyone who may move from there."""
        return frozenset(
            actor
            for row in self.moves_from(source)
            if str(row.move) not in skip
            for actor in row.actors
        )
