"""Which items matter most: the gaps a report lists. Pure computation on plain data; no Django here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_LEVEL = 4
GAP_AT_OR_BELOW = 2  # "Partial" or worse is a gap; Implemented/Optimized is not


@dataclass(frozen=True)
class ItemState:
    code: str
    title: str
    block: str
    area: str
    weight: int
    level: int | None
    na: bool = False
    status: str = ""
    risk: str = ""
    solution: str = ""


def gap_priority(item: ItemState, block_shortfall: float = 0.0) -> float:
    """Importance × distance to full maturity, boosted where the block is furthest below its target.

    Block shortfall (target − current, 0–100) only reorders: a missing backup in a block that is far
    from where the client wants to be comes before an equal gap in a block that has already arrived.
    """
    if item.level is None or item.na or item.weight <= 0:
        return 0.0
    return item.weight * (MAX_LEVEL - item.level) * (1.0 + max(block_shortfall, 0.0) / 100.0)


def top_gaps(
    items: Sequence[ItemState],
    block_shortfall: Mapping[str, float] | None = None,
    limit: int = 10,
) -> list[ItemState]:
    shortfall = block_shortfall or {}
    candidates = [
        item
        for item in items
        if item.level is not None and not item.na and item.weight > 0 and item.level <= GAP_AT_OR_BELOW
    ]
    order = {item.code: n for n, item in enumerate(items)}
    candidates.sort(key=lambda i: (-gap_priority(i, shortfall.get(i.block, 0.0)), order[i.code]))
    return candidates[:limit]


def level_changes(
    items: Sequence[ItemState], previous_levels: Mapping[str, int | None]
) -> list[tuple[ItemState, int]]:
    """Items whose level rose since the previous assessment, biggest weighted rise first."""
    rises = []
    for item in items:
        before = previous_levels.get(item.code)
        if item.level is None or before is None or item.level <= before:
            continue
        rises.append((item, item.level - before))
    rises.sort(key=lambda pair: -pair[0].weight * pair[1])
    return rises


def gaps_towards_targets(
    items: Sequence[ItemState], targets: Mapping[str, tuple[int, float]], limit: int = 10
) -> list[ItemState]:
    """With goals set, a gap is an item below its target level; the biggest ITCQ gain comes first."""
    order = {item.code: n for n, item in enumerate(items)}
    below = [item for item in items if item.code in targets and item.level is not None and not item.na]
    below.sort(key=lambda i: (-targets[i.code][1], order[i.code]))
    return below[:limit]
