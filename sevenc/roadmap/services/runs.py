"""Optimising a workshop's open recommendations into a roadmap run, and the client's approval of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sevenc.goals.models import Workshop
from sevenc.lib.errors import Conflict, DomainError
from sevenc.roadmap.models import Recommendation, RoadmapRun
from sevenc.roadmap.optimiser.plan_input import check_dependencies, check_pins
from sevenc.roadmap.optimiser.planning import PlanOutcome, make_roadmap
from sevenc.roadmap.optimiser.projection import BudgetLine, Spend, budget_by_quarter, budget_by_year
from sevenc.roadmap.optimiser.solver import DEFAULT_REL_GAP
from sevenc.roadmap.projects import Project, split_schedule
from sevenc.roadmap.services.common import RoadmapError, locked
from sevenc.roadmap.services.inputs import PlanData, plan_data
from sevenc.roadmap.signals import roadmap_approved
from sevenc.roadmap.workflow import (
    PROPOSED,
    RUN_APPROVED,
    RUN_MOVES,
    RUN_PROPOSED,
)
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import scoped


def _budget_json(lines: Sequence[BudgetLine]) -> list[dict[str, object]]:
    return [{"period": b.period, "one_time": b.one_time, "recurring": b.recurring} for b in lines]


@dataclass(frozen=True)
class PlannedRoadmap:
    """An optimised schedule with its projection and budget, not stored yet (`plan_roadmap`)."""

    workshop: Workshop
    outcome: PlanOutcome
    per_quarter: list[BudgetLine]
    per_year: list[BudgetLine]


def optimise_roadmap(
    *,
    actor: Caller,
    workshop: Workshop,
    time_limit: float = 10.0,
    on: dt.date | None = None,
    reproducible: bool = False,
    start: dict[str, str | None] | None = None,
    rel_gap: float = DEFAULT_REL_GAP,
) -> RoadmapRun:
    """Optimise the workshop's open recommendations and projects over the client's planned quarters that are
    not over yet (as of `on`, today by default) and store the run. Re-planning mid-year is the same call:
    work done is left out, work under way keeps its quarter, the rest is placed again. `start`: a schedule
    to begin from (a frontier point's); `reproducible`: the same schedule on every run (the demo).
    The web runs the two halves apart, in a background job (`roadmap/jobs.py`)."""
    planned = plan_roadmap(
        workshop=workshop,
        time_limit=time_limit,
        on=on,
        reproducible=reproducible,
        start=start,
        rel_gap=rel_gap,
    )
    return store_roadmap(actor=actor, planned=planned)


def plan_roadmap(
    *,
    workshop: Workshop,
    time_limit: float = 10.0,
    on: dt.date | None = None,
    reproducible: bool = False,
    start: dict[str, str | None] | None = None,
    rel_gap: float = DEFAULT_REL_GAP,
) -> PlannedRoadmap:
    """The long half of `optimise_roadmap`: read the plan's input and solve it. Writes nothing, holds no
    transaction."""
    data = plan_data(workshop, on or timezone.localdate())
    try:
        check_dependencies([*data.recommendations, *data.projects])
        check_pins([*data.recommendations, *data.projects], data.limits)
        outcome = make_roadmap(
            **data.arguments,
            recommendations=data.recommendations,
            projects=data.projects,
            quarters=data.limits,
            time_limit=time_limit,
            reproducible=reproducible,
            start=start,
            rel_gap=rel_gap,
        )
    except (DomainError, ValueError) as exc:  # the pure planner's input errors
        raise RoadmapError(data.named(str(exc))) from None
    per_quarter, per_year = budget_of(data, outcome.schedule)
    return PlannedRoadmap(workshop, outcome, per_quarter, per_year)


def store_roadmap(*, actor: Caller, planned: PlannedRoadmap) -> RoadmapRun:
    """The short half: store the planned roadmap as a run (one transaction, or within the caller's)."""
    outcome, result = planned.outcome, planned.outcome.result
    with transaction.atomic():
        return RoadmapRun.objects.create(
            client=planned.workshop.client,
            workshop=planned.workshop,
            created_by=actor.user,
            current_itcq=outcome.current_itcq,
            objective=result.objective,
            greedy_objective=result.greedy_objective,
            gap=result.gap,
            solver_status=result.status,
            seconds=result.seconds,
            schedule=dict(outcome.schedule),
            projection=[p.to_json() for p in outcome.projection],
            budget={"quarters": _budget_json(planned.per_quarter), "years": _budget_json(planned.per_year)},
        )


def budget_of(data: PlanData, schedule: dict[str, str | None]) -> tuple[list[BudgetLine], list[BudgetLine]]:
    """One-time and recurring spend of a schedule per quarter and per fiscal year."""
    labels = [q.label for q in data.quarters]
    costs = data.costs()
    spends = [
        Spend(labels.index(label) + 1, *costs[key]) for key, label in schedule.items() if label is not None
    ]
    per_quarter = budget_by_quarter(labels, spends)
    return per_quarter, budget_by_year(per_quarter, [f"FY{q.fiscal_year}" for q in data.quarters])


def approve_roadmap(*, actor: Caller, run: RoadmapRun, on: dt.date | None = None) -> RoadmapRun:
    """The client's yes: scheduled proposals become approved, with their quarter and due date, and the
    domains built on the roadmap hear of it (`signals.roadmap_approved`: execution plans the work).
    `on` is the day of the approval (today unless the demo replays history)."""
    with transaction.atomic():
        current = locked(RoadmapRun, run, actor.scope)
        if current.is_approved:
            raise Conflict("this roadmap is already approved", field="roadmap")
        RUN_MOVES.check(role=actor.role, source=RUN_PROPOSED, target=RUN_APPROVED, field="roadmap")
        # The workshop's newest run, read under its own lock: a run optimised meanwhile wins.
        newest = (
            scoped(RoadmapRun, actor.scope)
            .select_for_update(of=("self",))
            .filter(workshop_id=current.workshop_id)
            .order_by("-created_at", "-pk")
            .first()
        )
        if newest is not None and newest.pk != current.pk:
            raise Conflict("a newer optimisation exists; approve that one", field="roadmap")
        ends = dict(current.client.quarter_plans.values_list("label", "end"))
        now = timezone.now()
        by_rec, by_project = split_schedule(current.schedule)
        scheduled = scoped(Recommendation, actor.scope).select_for_update(of=("self",))
        for rec in scheduled.filter(workshop_id=current.workshop_id, pk__in=by_rec):
            label = by_rec[rec.pk]
            rec.quarter = label or ""
            rec.due_date = ends.get(label) if label else None
            if label and rec.status == PROPOSED:
                rec.status, rec.approved_by, rec.approved_at = "approved", actor.user, now
            rec.version += 1
            rec.save(update_fields=["quarter", "due_date", "status", "approved_by", "approved_at", "version"])
        for project in (
            scoped(Project, actor.scope)
            .select_for_update(of=("self",))
            .filter(workshop_id=current.workshop_id, pk__in=by_project)
        ):
            label = by_project[project.pk]
            project.quarter, project.due_date = label or "", ends.get(label) if label else None
            if label and project.status == PROPOSED:
                project.status = "approved"
            project.version += 1
            project.save(update_fields=["quarter", "due_date", "status", "version"])
        current.approved_at, current.approved_by = now, actor.user
        current.save(update_fields=["approved_at", "approved_by"])
        roadmap_approved.send(sender=RoadmapRun, run=current, actor=actor, on=on or timezone.localdate())
    return current
