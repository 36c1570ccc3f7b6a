"""The budget → ITCQ frontier of a workshop's roadmap ("what do we get for 40k instead of 60k?"): computed,
stored, and one point adopted — its budgets become the quarters' budgets and the roadmap is optimised again
from that point's schedule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from sevenc.goals.models import Workshop
from sevenc.lib.errors import DomainError
from sevenc.roadmap.models import QuarterPlan, RoadmapRun
from sevenc.roadmap.optimiser.frontier import check_factors
from sevenc.roadmap.optimiser.planning import make_frontier
from sevenc.roadmap.optimiser.solver import DEFAULT_REL_GAP
from sevenc.roadmap.projects import Frontier
from sevenc.roadmap.services.common import RoadmapError
from sevenc.roadmap.services.inputs import plan_data
from sevenc.roadmap.services.runs import optimise_roadmap
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import scoped

DEFAULT_FACTORS = (0.5, 0.75, 1.0, 1.25, 1.5)


def compute_frontier(
    *,
    actor: Caller,
    workshop: Workshop,
    factors: Sequence[Any] = DEFAULT_FACTORS,
    on: dt.date | None = None,
    time_limit: float = 10.0,
    reproducible: bool = False,
    rel_gap: float = DEFAULT_REL_GAP,
) -> Frontier:
    """One proven roadmap per factor scaling every quarter's one-time budget; stored for the page and QBR.
    The web runs the two halves apart, in a background job (`roadmap/jobs.py`)."""
    points = solve_frontier(
        workshop=workshop,
        factors=factors,
        on=on,
        time_limit=time_limit,
        reproducible=reproducible,
        rel_gap=rel_gap,
    )
    return store_frontier(actor=actor, workshop=workshop, points=points)


def solve_frontier(
    *,
    workshop: Workshop,
    factors: Sequence[Any] = DEFAULT_FACTORS,
    on: dt.date | None = None,
    time_limit: float = 10.0,
    reproducible: bool = False,
    on_point: Callable[[int, int], None] | None = None,
    rel_gap: float = DEFAULT_REL_GAP,
) -> list[dict[str, Any]]:
    """The long half: every point solved, as stored rows. Writes nothing, holds no transaction;
    `on_point(done, total)` hears of each point solved."""
    data = plan_data(workshop, on or timezone.localdate())
    try:
        factors = check_factors(factors)
        outcome = make_frontier(
            **data.arguments,
            recommendations=data.recommendations,
            projects=data.projects,
            quarters=data.limits,
            factors=factors,
            time_limit=time_limit,
            reproducible=reproducible,
            on_point=on_point,
            rel_gap=rel_gap,
        )
    except (DomainError, ValueError) as exc:
        raise RoadmapError(data.named(str(exc)), field=getattr(exc, "field", None) or "factors") from None
    points = []
    for point in outcome.points:
        row = point.to_json()
        row["quarters"] = [{"label": q.label, "budget": q.budget} for q in point.quarters]
        row["horizon"] = point.quarters[-1].label if point.quarters else ""
        row["reason"] = point.reason
        points.append(row)
    return points


def store_frontier(*, actor: Caller, workshop: Workshop, points: list[dict[str, Any]]) -> Frontier:
    """The short half: store the solved points (one transaction, or within the caller's)."""
    with transaction.atomic():
        return Frontier.objects.create(
            client=workshop.client, workshop=workshop, created_by=actor.user, points=points
        )


def adopt_frontier_point(*, actor: Caller, frontier: Frontier, factor: Any) -> RoadmapRun:
    """Take one point's budgets for the quarters and optimise the roadmap again, starting from its schedule.
    The web sets the budgets and leaves the optimisation to a background job (`roadmap/jobs.py`)."""
    with transaction.atomic():  # budgets and run together, or neither
        schedule = adopt_frontier_budgets(actor=actor, frontier=frontier, factor=factor)
        return optimise_roadmap(actor=actor, workshop=frontier.workshop, start=schedule)


def adopt_frontier_budgets(*, actor: Caller, frontier: Frontier, factor: Any) -> dict[str, str | None]:
    """One point's budgets become the quarters' budgets; returns the point's schedule to optimise from."""
    point = next((p for p in frontier.points if p["factor"] == factor), None)
    if point is None:
        raise RoadmapError(f"{factor!r} is not a point of this frontier", field="factor")
    if point["objective"] is None:
        raise RoadmapError(
            f"the point at {factor:g}× does not fit: {point.get('reason', '')}", field="factor"
        )
    budgets = {row["label"]: row["budget"] for row in point["quarters"]}
    with transaction.atomic():
        quarters = (
            scoped(QuarterPlan, actor.scope)
            .select_for_update(of=("self",))
            .filter(client_id=frontier.client_id, label__in=budgets)
        )
        if quarters.count() != len(budgets):
            raise RoadmapError(
                "the client's quarters changed since the frontier was computed; compute it again",
                field="factor",
            )
        for quarter in quarters:
            quarter.budget = round(budgets[quarter.label], 2)
            quarter.save(update_fields=["budget"])
    schedule: dict[str, str | None] = point["schedule"]
    return schedule
