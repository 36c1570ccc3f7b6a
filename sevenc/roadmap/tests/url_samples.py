"""Sample objects for the URL walk in sevenc/web/tests/test_every_url_is_tenant_isolated.py.

Each function takes the victim `World` (client, completed and draft assessment, membership) and returns
the id of a goals/roadmap object of that client, so every goals and roadmap URL can be probed:

    from sevenc.roadmap.tests.url_samples import SAMPLES as PLANNING_SAMPLES
    SAMPLES.update(PLANNING_SAMPLES)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sevenc.goals.models import Workshop
from sevenc.goals.services import add_goal, set_targets, start_workshop
from sevenc.roadmap.models import QuarterPlan, Recommendation, RoadmapRun
from sevenc.roadmap.projects import Frontier, Project
from sevenc.roadmap.services import optimise_roadmap, plan_quarters, propose_recommendations
from sevenc.roadmap.services.frontier import compute_frontier
from sevenc.roadmap.services.projects import save_project
from sevenc.tenancy.access import Caller


def _workshop(world: Any) -> Workshop:
    existing = world.client.workshops.first()
    if existing is not None:
        return existing
    workshop = start_workshop(client=world.client, baseline=world.completed, held_on=dt.date(2026, 10, 5))
    set_targets(workshop=workshop, block_targets={block: 100 for block in ("CONT", "COMP", "COST")})
    propose_recommendations(workshop=workshop)
    return workshop


def _goal(world: Any) -> int:
    return add_goal(
        workshop=_workshop(world), text="Stay open through outages", benefit_group="continuity"
    ).pk


def _recommendation(world: Any) -> int:
    return _workshop(world).recommendations.first().pk  # type: ignore[union-attr]


def _run(world: Any) -> int:
    workshop = _workshop(world)
    _quarter(world)
    return optimise_roadmap(
        actor=Caller.system(world.client.msp), workshop=workshop, time_limit=2, on=dt.date(2026, 10, 5)
    ).pk


def _quarter(world: Any) -> int:
    if not world.client.quarter_plans.exists():
        plan_quarters(client=world.client, after=dt.date(2026, 10, 5), budget=5000, capacity_hours=40)
    return world.client.quarter_plans.first().pk  # type: ignore[no-any-return]


def _frontier(world: Any) -> int:
    _quarter(world)
    return compute_frontier(
        actor=Caller.system(world.client.msp), workshop=_workshop(world), factors=(1.0,), time_limit=2
    ).pk


def _project(world: Any) -> int:
    return save_project(workshop=_workshop(world), title="Hardware refresh", one_time_cost=3000).pk


SAMPLES: dict[str, Callable[[Any], Any]] = {
    "workshop_pk": lambda w: _workshop(w).pk,
    "goal_pk": _goal,
    "recommendation_pk": _recommendation,
    "run_pk": _run,
    "quarter_pk": _quarter,
    "frontier_pk": _frontier,
    "project_pk": _project,
}

MODELS = {
    "workshop_pk": Workshop,
    "recommendation_pk": Recommendation,
    "run_pk": RoadmapRun,
    "quarter_pk": QuarterPlan,
    "frontier_pk": Frontier,
    "project_pk": Project,
}
