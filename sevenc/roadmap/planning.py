"""From targets and recommendations to an optimised, projected roadmap. No Django here.

This is the one path both `sevenc plan` and the web roadmap take: gap analysis gives each recommendation
its ITCQ gain, the optimiser chooses quarters, the projection re-scores quarter by quarter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.scoring import Answer, ScoringItem
from sevenc.goals.gaps import GapAnalysis, analyse
from sevenc.roadmap.optimiser import DEFAULT_REL_GAP, DEFAULT_TIME_LIMIT, OptimiseResult, optimise
from sevenc.roadmap.plan_input import PlanInput, RecommendationInput
from sevenc.roadmap.projection import ProjectedQuarter, project
from sevenc.roadmap.schedule import QuarterLimit, Task


@dataclass(frozen=True)
class PlanOutcome:
    labels: tuple[str, ...]
    schedule: dict[str, str | None]  # recommendation id → quarter label
    gains: dict[str, float]
    current_itcq: float | None
    projection: list[ProjectedQuarter]
    result: OptimiseResult

    def to_json(self) -> dict[str, Any]:
        return {
            "schedule": dict(self.schedule),
            "projection": [p.to_json() for p in self.projection],
            "objective": self.result.objective,
            "greedy_objective": self.result.greedy_objective,
            "gap": self.result.gap,
            "status": self.result.status,
            "seconds": self.result.seconds,
        }


def tasks_for(
    recommendations: Sequence[RecommendationInput], analysis: GapAnalysis, labels: Sequence[str]
) -> list[Task]:
    gaps = analysis.gap_index()
    return [
        Task(
            id=rec.id,
            gain=gaps[rec.item].gain if rec.item in gaps else 0.0,
            one_time_cost=rec.one_time_cost,
            monthly_cost=rec.monthly_cost,
            effort_hours=rec.effort_hours,
            depends_on=rec.depends_on,
            pin=labels.index(rec.pin_quarter) + 1 if rec.pin_quarter is not None else None,
            exclude=rec.exclude,
        )
        for rec in recommendations
    ]


def make_roadmap(
    *,
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float],
    block_targets: Mapping[str, float],
    item_targets: Mapping[str, int],
    recommendations: Sequence[RecommendationInput],
    quarters: Sequence[QuarterLimit],
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
) -> PlanOutcome:
    labels = tuple(q.label for q in quarters)
    analysis = analyse(items, answers, block_weights, block_targets, item_targets)
    tasks = tasks_for(recommendations, analysis, labels)
    result = optimise(tasks, quarters, time_limit=time_limit, rel_gap=rel_gap)
    gaps = analysis.gap_index()
    delivered = {
        rec.item: (q, gaps[rec.item].target_level)
        for rec in recommendations
        if (q := result.schedule[rec.id]) is not None and rec.item in gaps
    }
    return PlanOutcome(
        labels=labels,
        schedule={
            rec.id: labels[q - 1] if (q := result.schedule[rec.id]) else None for rec in recommendations
        },
        gains={task.id: task.gain for task in tasks},
        current_itcq=analysis.itcq,
        projection=project(items, answers, block_weights, labels, delivered),
        result=result,
    )


def plan(
    plan_input: PlanInput, time_limit: float = DEFAULT_TIME_LIMIT, rel_gap: float = DEFAULT_REL_GAP
) -> PlanOutcome:
    return make_roadmap(
        items=plan_input.items,
        answers=plan_input.doc.answers(),
        block_weights=plan_input.doc.block_weights,
        block_targets=plan_input.block_targets,
        item_targets=plan_input.item_targets,
        recommendations=plan_input.recommendations,
        quarters=plan_input.quarters,
        time_limit=time_limit,
        rel_gap=rel_gap,
    )
