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
from sevenc.roadmap.services import optimise_roadmap, plan_quarters, propose_recommendations


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
    plan_quarters(client=world.client, after=dt.date(2026, 10, 5), budget=5000, capacity_hours=40)
    return optimise_roadmap(workshop=workshop, time_limit=2).pk


SAMPLES: dict[str, Callable[[Any], Any]] = {
    "workshop_pk": lambda w: _workshop(w).pk,
    "goal_pk": _goal,
    "recommendation_pk": _recommendation,
    "run_pk": _run,
}
