"""The IT Competitiveness Quotient (ITCQ). Pure computation: plain data in, plain data out.

docs/scoring.md is the specification, with a worked example:
- item value = level / 4; item weight w is a whole number 0–5;
- an item is *scored* when it has a level, is not N/A and w > 0 (unanswered and N/A are left out, not zero);
- area and block score = 100 × Σ(w · level/4) / Σ w over their scored items; None when there are none;
- ITCQ = mean of the non-None block scores weighted by block weight (default 1); None when none;
- completeness = (answered + N/A) / all items, overall and per block; provisional below 0.8.
Values are never rounded here: `display` rounds for people, JSON carries full floats.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MAX_LEVEL = 4
PROVISIONAL_BELOW = 0.8


@dataclass(frozen=True)
class ScoringItem:
    code: str
    area: str
    block: str
    weight: int


@dataclass(frozen=True)
class Answer:
    level: int | None = None
    na: bool = False

    @property
    def answered(self) -> bool:
        return self.na or self.level is not None


UNANSWERED = Answer()


@dataclass(frozen=True)
class BlockResult:
    score: float | None
    completeness: float


@dataclass(frozen=True)
class ScoreCard:
    itcq: float | None
    completeness: float
    blocks: dict[str, BlockResult] = field(default_factory=dict)
    areas: dict[str, float | None] = field(default_factory=dict)

    @property
    def provisional(self) -> bool:
        return self.completeness < PROVISIONAL_BELOW

    def to_json(self) -> dict[str, Any]:
        return {
            "itcq": self.itcq,
            "provisional": self.provisional,
            "completeness": self.completeness,
            "blocks": {
                code: {"score": b.score, "completeness": b.completeness} for code, b in self.blocks.items()
            },
            "areas": dict(self.areas),
        }


class _Sum:
    """Running Σ(w·value) and Σw for one area or block."""

    __slots__ = ("points", "weight")

    def __init__(self) -> None:
        self.points = 0.0
        self.weight = 0

    def add(self, weight: int, level: int) -> None:
        self.points += weight * level / MAX_LEVEL
        self.weight += weight

    def score(self) -> float | None:
        return 100.0 * self.points / self.weight if self.weight else None


def score(
    items: Iterable[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float] | None = None,
) -> ScoreCard:
    """Score one assessment. `items` in framework order; `answers` by item code (missing = unanswered)."""
    block_weights = block_weights or {}
    areas: dict[str, _Sum] = {}
    blocks: dict[str, _Sum] = {}
    block_total: dict[str, int] = {}
    block_answered: dict[str, int] = {}
    for item in items:
        area_sum = areas.setdefault(item.area, _Sum())
        block_sum = blocks.setdefault(item.block, _Sum())
        block_total[item.block] = block_total.get(item.block, 0) + 1
        answer = answers.get(item.code, UNANSWERED)
        if answer.answered:
            block_answered[item.block] = block_answered.get(item.block, 0) + 1
        if answer.na or answer.level is None or item.weight <= 0:
            continue
        area_sum.add(item.weight, answer.level)
        block_sum.add(item.weight, answer.level)

    block_results = {
        code: BlockResult(total.score(), block_answered.get(code, 0) / block_total[code])
        for code, total in blocks.items()
    }
    all_items = sum(block_total.values())
    return ScoreCard(
        itcq=_weighted_mean(block_results, block_weights),
        completeness=sum(block_answered.values()) / all_items if all_items else 0.0,
        blocks=block_results,
        areas={code: total.score() for code, total in areas.items()},
    )


def block_score(items: Iterable[ScoringItem], answers: Mapping[str, Answer]) -> float | None:
    """One block's score from its own items in framework order, with `score`'s arithmetic (the same
    additions in the same order), so it equals `score(...).blocks[block].score` exactly."""
    total = _Sum()
    for item in items:
        answer = answers.get(item.code, UNANSWERED)
        if answer.na or answer.level is None or item.weight <= 0:
            continue
        total.add(item.weight, answer.level)
    return total.score()


def itcq_with(
    card: ScoreCard,
    block_scores: Mapping[str, float | None],
    block_weights: Mapping[str, float] | None = None,
) -> float | None:
    """The ITCQ of `card` with some blocks' scores replaced (e.g. by `block_score` after a change): the
    other blocks are not summed again, and the mean is taken in `score`'s order, so the result equals a full
    rescoring exactly."""
    blocks = {
        code: BlockResult(block_scores[code], result.completeness) if code in block_scores else result
        for code, result in card.blocks.items()
    }
    return _weighted_mean(blocks, block_weights or {})


def _weighted_mean(blocks: Mapping[str, BlockResult], block_weights: Mapping[str, float]) -> float | None:
    points = 0.0
    weight = 0.0
    for code, result in blocks.items():
        if result.score is None:
            continue
        w = float(block_weights.get(code, 1.0))
        points += w * result.score
        weight += w
    return points / weight if weight > 0 else None


def display(value: float | None, empty: str = "—") -> str:
    """A score as people read it: one decimal, or a dash when there is no score."""
    return empty if value is None else f"{value:.1f}"


def level_value(level: int) -> float:
    return level / MAX_LEVEL
