"""Gap analysis: where a client stands against the targets set in the goals workshop. No Django here.

An item's target is its explicit target level, else the lowest level whose value reaches its block's target
score: ceil(block_target / 25), because a level is worth 25 points of a block score. Each item below its
target gets its *gain*: the exact ITCQ change if that item alone reached its target, computed by the one
scoring formula (`sevenc.assessments.scoring.score`), never an approximation of it. Unanswered items have no
level to measure a gain from, so they are listed as "assess first" rather than as gaps; N/A items are out of
scope for targets.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sevenc.assessments.scoring import (
    MAX_LEVEL,
    Answer,
    ScoreCard,
    ScoringItem,
    block_score,
    itcq_with,
    score,
)
from sevenc.lib.bounds import LEVEL, PERCENT
from sevenc.lib.errors import DomainError
from sevenc.lib.validation import bounded_number, quoted

POINTS_PER_LEVEL = 100 / MAX_LEVEL

# The benefit groups of the goal-setting workshop, from the framework's description of what 7C delivers.
BENEFIT_GROUPS: dict[str, tuple[tuple[str, str], ...]] = {
    "Revenue": (
        ("value_proposition", "Value proposition"),
        ("marketing", "Marketing"),
        ("sales", "Sales"),
        ("customer_loyalty", "Customer loyalty"),
    ),
    "Expense": (
        ("operations", "Operations"),
        ("business_processes", "Business processes"),
        ("people", "People"),
        ("systems", "Systems"),
    ),
    "Continuity": (("continuity", "Business continuity"),),
}
BENEFIT_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (code, f"{group} — {label}" if group != "Continuity" else label)
    for group, entries in BENEFIT_GROUPS.items()
    for code, label in entries
)


class TargetError(DomainError):
    """Targets that cannot be used; the message names the offending entry."""


def level_for_block_target(block_target: float) -> int:
    """The lowest level whose value reaches `block_target` (0–100)."""
    # round() first so 75.0000000001 from a form or JSON does not ask for a whole extra level
    return min(MAX_LEVEL, max(0, math.ceil(round(block_target / POINTS_PER_LEVEL, 9))))


def item_targets(
    items: Sequence[ScoringItem], block_targets: Mapping[str, float], explicit: Mapping[str, int]
) -> dict[str, int]:
    """Target level per item: the explicit one, else the one implied by its block's target."""
    targets: dict[str, int] = {}
    for item in items:
        if item.code in explicit:
            targets[item.code] = explicit[item.code]
        elif item.block in block_targets:
            targets[item.code] = level_for_block_target(block_targets[item.block])
    return targets


def validate_targets(
    items: Sequence[ScoringItem], block_targets: Mapping[str, Any], explicit: Mapping[str, Any]
) -> tuple[dict[str, float], dict[str, int]]:
    """Block targets (PERCENT) and item targets (LEVEL) checked and parsed, each error naming its entry."""
    blocks = {item.block for item in items}
    codes = {item.code for item in items}
    parsed_blocks: dict[str, float] = {}
    parsed_items: dict[str, int] = {}
    for block, value in block_targets.items():
        where = f"targets.blocks[{quoted(block)}]"
        if block not in blocks:
            raise TargetError(f"{where}: unknown block (known: {', '.join(sorted(blocks))})")
        parsed_blocks[block] = bounded_number(PERCENT, value, where, TargetError)
    for code, level in explicit.items():
        where = f"targets.items[{quoted(code)}]"
        if code not in codes:
            raise TargetError(f"{where}: unknown item code")
        parsed_items[code] = bounded_number(LEVEL, level, where, TargetError)
    return parsed_blocks, parsed_items


@dataclass(frozen=True)
class ItemGap:
    item: str
    block: str
    current_level: int
    target_level: int
    gain: float  # ITCQ points if this item alone reached its target


@dataclass(frozen=True)
class BlockGap:
    block: str
    current: float | None
    target: float | None

    @property
    def gap(self) -> float | None:
        if self.current is None or self.target is None:
            return None
        return max(0.0, self.target - self.current)


@dataclass(frozen=True)
class GapAnalysis:
    itcq: float | None
    targets: dict[str, int]
    gaps: tuple[ItemGap, ...]
    blocks: tuple[BlockGap, ...]
    assess_first: tuple[str, ...] = field(default=())

    def gap_index(self) -> dict[str, ItemGap]:
        return {gap.item: gap for gap in self.gaps}

    def to_json(self) -> dict[str, Any]:
        return {
            "itcq": self.itcq,
            "gaps": [
                {
                    "item": g.item,
                    "block": g.block,
                    "current_level": g.current_level,
                    "target_level": g.target_level,
                    "gain": g.gain,
                }
                for g in self.gaps
            ],
            "blocks": [
                {"block": b.block, "current": b.current, "target": b.target, "gap": b.gap}
                for b in self.blocks
            ],
            "assess_first": list(self.assess_first),
        }


def itcq_gain(
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float],
    changes: Mapping[str, int],
    baseline: float | None = None,
    card: ScoreCard | None = None,
) -> float:
    """Exact ITCQ change when the items in `changes` reach the given levels (everything else unchanged).

    Only the blocks of the changed items are summed again (`scoring.block_score`, then `itcq_with`): the
    result is a full rescoring's, bit for bit, at a seventh of the cost, which matters because the gap
    analysis asks it once per item below target. Give `card` (the score of `answers`) to save that too."""
    card = card or score(items, answers, block_weights)
    if baseline is None:
        baseline = card.itcq
    changed = {**answers, **{code: Answer(level=level) for code, level in changes.items()}}
    touched = {item.block for item in items if item.code in changes}
    rescored = {
        block: block_score((item for item in items if item.block == block), changed) for block in touched
    }
    after = itcq_with(card, rescored, block_weights)
    return (after or 0.0) - (baseline or 0.0)


def analyse(
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float] | None = None,
    block_targets: Mapping[str, float] | None = None,
    explicit_targets: Mapping[str, int] | None = None,
) -> GapAnalysis:
    """Gaps against the targets, biggest ITCQ gain first (framework order breaks ties)."""
    block_weights = block_weights or {}
    block_targets = block_targets or {}
    targets = item_targets(items, block_targets, explicit_targets or {})
    card = score(items, answers, block_weights)
    gaps: list[ItemGap] = []
    assess_first: list[str] = []
    for item in items:
        target = targets.get(item.code)
        answer = answers.get(item.code, Answer())
        if target is None or answer.na:
            continue
        if answer.level is None:
            assess_first.append(item.code)
            continue
        if answer.level >= target:
            continue
        gain = itcq_gain(items, answers, block_weights, {item.code: target}, card.itcq, card)
        gaps.append(ItemGap(item.code, item.block, answer.level, target, gain))
    order = {item.code: n for n, item in enumerate(items)}
    gaps.sort(key=lambda g: (-g.gain, order[g.item]))
    block_codes = list(dict.fromkeys(item.block for item in items))
    return GapAnalysis(
        itcq=card.itcq,
        targets=targets,
        gaps=tuple(gaps),
        blocks=tuple(
            BlockGap(code, card.blocks[code].score, block_targets.get(code)) for code in block_codes
        ),
        assess_first=tuple(assess_first),
    )
