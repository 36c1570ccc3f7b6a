"""From targets, recommendations and projects to an optimised, projected roadmap. No Django here.

This is the one path both `sevenc plan` and the web roadmap take: gap analysis gives each recommendation
(and each project, through the items it raises) its ITCQ gain, the optimiser chooses quarters, the
projection re-scores quarter by quarter. `make_roadmap` gives one roadmap, `make_frontier` one per
budget factor (the budget → ITCQ frontier).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sevenc.assessments.scoring import Answer, ScoringItem
from sevenc.goals.gaps import GapAnalysis, analyse
from sevenc.roadmap.optimiser.frontier import DEFAULT_FACTORS, DOES_NOT_FIT, frontier
from sevenc.roadmap.optimiser.plan_entries import ProjectInput, RecommendationInput, check_items_raised_once
from sevenc.roadmap.optimiser.plan_input import PlanInput
from sevenc.roadmap.optimiser.projection import ProjectedQuarter, project
from sevenc.roadmap.optimiser.schedule import QuarterLimit, Task
from sevenc.roadmap.optimiser.solver import DEFAULT_REL_GAP, DEFAULT_TIME_LIMIT, OptimiseResult, optimise


@dataclass(frozen=True)
class PlanOutcome:
    labels: tuple[str, ...]
    schedule: dict[str, str | None]  # recommendation or project id → quarter label
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


@dataclass(frozen=True)
class FrontierPointOutcome:
    """One point of the frontier: the budgets it assumes, its proven schedule and where the ITCQ ends."""

    factor: float
    quarters: tuple[QuarterLimit, ...]  # the scaled quarters: adopting the point means these budgets
    schedule: dict[str, str | None]  # id → quarter label (all None when the point does not fit)
    projection: list[ProjectedQuarter]
    result: OptimiseResult | None  # None when its pins or projects do not fit the scaled budgets
    reason: str = ""  # why there is no result

    @property
    def budget_total(self) -> float:
        return round(sum(q.budget for q in self.quarters), 2)

    @property
    def itcq_at_horizon(self) -> float | None:
        return self.projection[-1].itcq if self.projection and self.result is not None else None

    @property
    def status(self) -> str:
        return self.result.status if self.result is not None else DOES_NOT_FIT

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "factor": self.factor,
            "budget_total": self.budget_total,
            "objective": self.result.objective if self.result is not None else None,
            "itcq_at_horizon": self.itcq_at_horizon,
            "status": self.status,
            "gap": self.result.gap if self.result is not None else None,
            "schedule": dict(self.schedule),
        }
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class FrontierOutcome:
    labels: tuple[str, ...]
    current_itcq: float | None
    gains: dict[str, float]
    points: list[FrontierPointOutcome]  # by rising factor; the objective never falls along them
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {"frontier": [point.to_json() for point in self.points]}


def tasks_for(
    recommendations: Sequence[RecommendationInput],
    analysis: GapAnalysis,
    labels: Sequence[str],
    projects: Sequence[ProjectInput] = (),
) -> list[Task]:
    """The optimiser's tasks: a recommendation gains its item's ITCQ gain, a project the sum of its items'
    gains (gains of answered items add up exactly; docs/planning.md). A recommendation is an option; a
    project is a commitment: unless excluded it always gets a quarter, and the optimiser chooses which."""
    gaps = analysis.gap_index()
    entries: list[tuple[RecommendationInput | ProjectInput, tuple[str, ...], bool]] = [
        (rec, (rec.item,), False) for rec in recommendations
    ]
    entries += [(project, project.items, True) for project in projects]
    return [
        Task(
            id=entry.id,
            gain=sum(gaps[item].gain for item in items if item in gaps),
            one_time_cost=entry.one_time_cost,
            monthly_cost=entry.monthly_cost,
            effort_hours=entry.effort_hours,
            depends_on=entry.depends_on,
            pin=labels.index(entry.pin_quarter) + 1 if entry.pin_quarter is not None else None,
            exclude=entry.exclude,
            required=required,
        )
        for entry, items, required in entries
    ]


@dataclass(frozen=True)
class _Plan:
    """The parts every optimisation of one plan shares: scoring inputs, gaps and tasks."""

    items: Sequence[ScoringItem]
    answers: Mapping[str, Answer]
    block_weights: Mapping[str, float]
    analysis: GapAnalysis
    raises: dict[str, tuple[str, ...]]  # entry id → the items it raises
    tasks: list[Task]
    labels: tuple[str, ...]

    def labelled(self, schedule: Mapping[str, int | None]) -> dict[str, str | None]:
        return {task.id: self.labels[q - 1] if (q := schedule.get(task.id)) else None for task in self.tasks}

    def projection(self, schedule: Mapping[str, int | None]) -> list[ProjectedQuarter]:
        gaps = self.analysis.gap_index()
        delivered = {
            item: (q, gaps[item].target_level)
            for entry_id, items in self.raises.items()
            if (q := schedule.get(entry_id)) is not None
            for item in items
            if item in gaps
        }
        return project(self.items, self.answers, self.block_weights, self.labels, delivered)


def _prepare(
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float],
    block_targets: Mapping[str, float],
    item_targets: Mapping[str, int],
    recommendations: Sequence[RecommendationInput],
    projects: Sequence[ProjectInput],
    quarters: Sequence[QuarterLimit],
) -> _Plan:
    check_items_raised_once(recommendations, projects)  # the web app builds its input without parse_plan
    labels = tuple(q.label for q in quarters)
    analysis = analyse(items, answers, block_weights, block_targets, item_targets)
    raises = {rec.id: (rec.item,) for rec in recommendations} | {p.id: p.items for p in projects}
    tasks = tasks_for(recommendations, analysis, labels, projects)
    return _Plan(items, answers, block_weights, analysis, raises, tasks, labels)


def make_roadmap(
    *,
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float],
    block_targets: Mapping[str, float],
    item_targets: Mapping[str, int],
    recommendations: Sequence[RecommendationInput],
    quarters: Sequence[QuarterLimit],
    projects: Sequence[ProjectInput] = (),
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
    start: Mapping[str, str | None] | None = None,
    reproducible: bool = False,
) -> PlanOutcome:
    """Optimise and project one roadmap (`reproducible`: the same schedule every run, see `optimise`). `start`: a schedule (id → quarter label) to begin from, e.g. the
    last stored run's; used only if it still keeps every rule."""
    plan = _prepare(
        items, answers, block_weights, block_targets, item_targets, recommendations, projects, quarters
    )
    numbered = None
    if start is not None:
        numbered = {
            entry_id: plan.labels.index(label) + 1 if label in plan.labels else None
            for entry_id, label in start.items()
        }
    result = optimise(
        plan.tasks,
        quarters,
        time_limit=time_limit,
        rel_gap=rel_gap,
        start=numbered,
        reproducible=reproducible,
    )
    return PlanOutcome(
        labels=plan.labels,
        schedule=plan.labelled(result.schedule),
        gains={task.id: task.gain for task in plan.tasks},
        current_itcq=plan.analysis.itcq,
        projection=plan.projection(result.schedule),
        result=result,
    )


def make_frontier(
    *,
    items: Sequence[ScoringItem],
    answers: Mapping[str, Answer],
    block_weights: Mapping[str, float],
    block_targets: Mapping[str, float],
    item_targets: Mapping[str, int],
    recommendations: Sequence[RecommendationInput],
    quarters: Sequence[QuarterLimit],
    projects: Sequence[ProjectInput] = (),
    factors: Sequence[float] = DEFAULT_FACTORS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
    processes: int | None = None,
    reproducible: bool = False,
    on_point: Callable[[int, int], None] | None = None,
) -> FrontierOutcome:
    """The budget → ITCQ frontier (frontier.py): one proven roadmap per budget factor, by rising factor.
    `on_point(done, total)` hears of each point solved."""
    began = time.perf_counter()
    plan = _prepare(
        items, answers, block_weights, block_targets, item_targets, recommendations, projects, quarters
    )
    points = frontier(
        plan.tasks,
        quarters,
        factors,
        time_limit=time_limit,
        rel_gap=rel_gap,
        processes=processes,
        reproducible=reproducible,
        on_point=on_point,
    )
    outcomes = [
        FrontierPointOutcome(
            factor=point.factor,
            quarters=point.quarters,
            schedule=plan.labelled(point.result.schedule if point.result is not None else {}),
            projection=plan.projection(point.result.schedule) if point.result is not None else [],
            result=point.result,
            reason=point.reason,
        )
        for point in points
    ]
    return FrontierOutcome(
        labels=plan.labels,
        current_itcq=plan.analysis.itcq,
        gains={task.id: task.gain for task in plan.tasks},
        points=outcomes,
        seconds=time.perf_counter() - began,
    )


def _plan_arguments(plan_input: PlanInput) -> dict[str, Any]:
    return {
        "items": plan_input.items,
        "answers": plan_input.doc.answers(),
        "block_weights": plan_input.doc.block_weights,
        "block_targets": plan_input.block_targets,
        "item_targets": plan_input.item_targets,
        "recommendations": plan_input.recommendations,
        "projects": plan_input.projects,
        "quarters": plan_input.quarters,
    }


def plan(
    plan_input: PlanInput, time_limit: float = DEFAULT_TIME_LIMIT, rel_gap: float = DEFAULT_REL_GAP
) -> PlanOutcome:
    return make_roadmap(**_plan_arguments(plan_input), time_limit=time_limit, rel_gap=rel_gap)


def plan_frontier(
    plan_input: PlanInput,
    factors: Sequence[float] = DEFAULT_FACTORS,
    time_limit: float = DEFAULT_TIME_LIMIT,
    rel_gap: float = DEFAULT_REL_GAP,
    processes: int | None = None,
) -> FrontierOutcome:
    return make_frontier(
        **_plan_arguments(plan_input),
        factors=factors,
        time_limit=time_limit,
        rel_gap=rel_gap,
        processes=processes,
    )
