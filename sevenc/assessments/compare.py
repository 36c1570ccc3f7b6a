"""Compare two assessments of a client: which items changed and how each block moved. Pure data.

`before` is the older assessment. An item counts as changed when its answer differs (level, N/A or
unanswered); `delta` is the level difference when both sides have a level, else None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sevenc.assessments.scoring import UNANSWERED, Answer


@dataclass(frozen=True)
class ItemRef:
    code: str
    title: str
    block: str


@dataclass(frozen=True)
class ItemChange:
    item: ItemRef
    before: Answer
    after: Answer

    @property
    def delta(self) -> int | None:
        if self.before.level is None or self.after.level is None:
            return None
        return self.after.level - self.before.level


@dataclass(frozen=True)
class BlockDelta:
    code: str
    before: float | None
    after: float | None

    @property
    def delta(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    items: tuple[ItemChange, ...]
    blocks: tuple[BlockDelta, ...]
    itcq_before: float | None
    itcq_after: float | None

    @property
    def itcq_delta(self) -> float | None:
        if self.itcq_before is None or self.itcq_after is None:
            return None
        return self.itcq_after - self.itcq_before

    @property
    def improved(self) -> int:
        return sum(1 for change in self.items if (change.delta or 0) > 0)

    @property
    def declined(self) -> int:
        return sum(1 for change in self.items if (change.delta or 0) < 0)


def compare(
    items: Sequence[ItemRef],
    before: Mapping[str, Answer],
    after: Mapping[str, Answer],
    *,
    blocks: Sequence[str],
    blocks_before: Mapping[str, float | None],
    blocks_after: Mapping[str, float | None],
    itcq_before: float | None,
    itcq_after: float | None,
) -> Comparison:
    changes = []
    for item in items:
        old = before.get(item.code, UNANSWERED)
        new = after.get(item.code, UNANSWERED)
        if (old.level, old.na) != (new.level, new.na):
            changes.append(ItemChange(item, old, new))
    return Comparison(
        items=tuple(changes),
        blocks=tuple(BlockDelta(code, blocks_before.get(code), blocks_after.get(code)) for code in blocks),
        itcq_before=itcq_before,
        itcq_after=itcq_after,
    )
