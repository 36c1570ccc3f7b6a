"""What executing a roadmap does: ITCQ and block scores at each quarter-end, and what it costs. No Django.

The projection re-scores with the one scoring formula after each quarter's items reach their targets, so
the curve is exact even where gains would not add up (they do today; this keeps it true if the formula
changes). Recurring costs start in the quarter an item is delivered and run for the rest of the horizon.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.scoring import Answer, ScoringItem, score
from sevenc.roadmap.optimiser.schedule import MONTHS_PER_QUARTER


@dataclass(frozen=True)
class ProjectedQuarter:
    quarter: str
    itcq: float | None
    blocks: dict[str, float | None]

    def to_json(self) -> dict[str, Any]:
        return {"quarter": self.quarter, "itcq": self.itcq, "blocks": dict(self.blocks)}


def project(
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float],
    labels: Sequence[str],
    delivered: Mapping[str, tuple[int, int]],
) -> list[ProjectedQuarter]:
    """`delivered`: item code → (1-based quarter, level reached). Scores at the end of each quarter."""
    current = dict(answers)
    points = []
    for q, label in enumerate(labels, start=1):
        for code, (quarter, level) in delivered.items():
            before = current.get(code, Answer()).level
            if quarter == q and (before is None or level > before):
                current[code] = Answer(level=level)
        card = score(items, current, block_weights)
        points.append(ProjectedQuarter(label, card.itcq, {c: b.score for c, b in card.blocks.items()}))
    return points


@dataclass(frozen=True)
class Spend:
    """Cost of one roadmap item: one-time in its quarter, then monthly from that quarter on."""

    quarter: int
    one_time: float
    monthly: float


@dataclass(frozen=True)
class BudgetLine:
    period: str
    one_time: float
    recurring: float

    @property
    def total(self) -> float:
        return self.one_time + self.recurring


def budget_by_quarter(labels: Sequence[str], spends: Sequence[Spend]) -> list[BudgetLine]:
    lines = []
    monthly = 0.0
    for q, label in enumerate(labels, start=1):
        monthly += sum(s.monthly for s in spends if s.quarter == q)
        one_time = sum(s.one_time for s in spends if s.quarter == q)
        lines.append(BudgetLine(label, one_time, MONTHS_PER_QUARTER * monthly))
    return lines


def budget_by_year(quarter_lines: Sequence[BudgetLine], fiscal_years: Sequence[str]) -> list[BudgetLine]:
    """Sum quarter lines into fiscal years; `fiscal_years[i]` names the year of quarter i."""
    totals: dict[str, list[float]] = {}
    for line, year in zip(quarter_lines, fiscal_years, strict=True):
        total = totals.setdefault(year, [0.0, 0.0])
        total[0] += line.one_time
        total[1] += line.recurring
    return [BudgetLine(year, one_time, recurring) for year, (one_time, recurring) in totals.items()]
