"""One transition table per stateful record: who may move it from which state to which. No Django here.

A service checks every state change against its record's table *after* locking the row
(`select_for_update`), so the state it checks is the state it changes, whichever path called it (web,
API, CLI). Views only show what `targets()` offers; they never decide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sevenc.lib.errors import Conflict, NotAllowed


@dataclass(frozen=True)
class TransitionTable:
    """`moves` maps (source, target) to the roles that may make that move."""

    record: str  # "assessment", "recommendation" … for messages
    moves: dict[tuple[str, str], frozenset[str]]

    @classmethod
    def of(cls, record: str, moves: Iterable[tuple[str, str, Iterable[str]]]) -> TransitionTable:
        table: dict[tuple[str, str], frozenset[str]] = {}
        for source, target, roles in moves:
            table[(source, target)] = frozenset(roles)
        return cls(record, table)

    def check(self, *, role: str, source: str, target: str, field: str = "status") -> None:
        """Refuse a move the table has no row for (Conflict: the record is not in a state that allows
        it, e.g. completed already) or a role the row does not list (NotAllowed)."""
        roles = self.moves.get((source, target))
        was, becomes = _words(source), _words(target)
        if roles is None:
            options = ", ".join(_words(state) for state in self.next_states(source)) or "no further change"
            raise Conflict(
                f"{_article(was)} {was} {self.record} cannot become {becomes} (from {was}: {options})",
                field=field,
            )
        if role not in roles:
            raise NotAllowed(
                f"your role may not move {_article(self.record)} {self.record} from {was} to {becomes}",
                field=field,
            )

    def permits(self, *, role: str, source: str, target: str) -> bool:
        return role in self.moves.get((source, target), frozenset())

    def next_states(self, source: str) -> list[str]:
        return [target for (start, target) in self.moves if start == source]

    def targets(self, *, role: str, source: str) -> list[str]:
        """The states this role may move the record to from `source`, in table order."""
        return [target for (start, target), roles in self.moves.items() if start == source and role in roles]

    def rows(self) -> list[tuple[str, str, frozenset[str]]]:
        return [(source, target, roles) for (source, target), roles in self.moves.items()]


def _words(state: str) -> str:
    return state.replace("_", " ")


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"
