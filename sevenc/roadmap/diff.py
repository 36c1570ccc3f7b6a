"""What a re-planned roadmap changes against the approved one, shown before it is approved. No Django here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    id: str
    before: str | None  # quarter label in the approved roadmap (None: not scheduled)
    after: str | None  # quarter label in the proposal

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "dropped"
        return "moved"


def roadmap_diff(
    approved: Mapping[str, str | None], proposal: Mapping[str, str | None], order: Mapping[str, int]
) -> list[Change]:
    """Every recommendation whose quarter differs, in the quarters' order (then `order`)."""
    changes = [
        Change(rid, approved.get(rid), proposal.get(rid))
        for rid in set(approved) | set(proposal)
        if approved.get(rid) != proposal.get(rid)
    ]
    return sorted(changes, key=lambda c: (c.after or c.before or "", order.get(c.id, 0), c.id))
