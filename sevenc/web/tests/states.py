"""A client in each state it can be in, built through the services, for the every-page walk.

Each builder returns the client after taking it one step further than the one before, so the states are
cumulative: new → draft only → submitted → completed (no workshop) → workshop (no recommendations) →
recommendations and a project (no roadmap) → approved roadmap with a frontier, a
responsibility matrix and background jobs in every state → held review.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sevenc.assessments.services import create_assessment, submit_assessment
from sevenc.clients.models import Client
from sevenc.goals.services import add_goal, set_targets, start_workshop
from sevenc.jobs.tests.kinds import jobs_in_every_state
from sevenc.offering.services import create_service
from sevenc.raci.services import start_matrix
from sevenc.reports.services import hold_review, plan_review
from sevenc.reports.tests.factories import Q3_LEVELS, completed_assessment
from sevenc.roadmap.services import approve_roadmap, optimise_roadmap, plan_quarters, propose_recommendations
from sevenc.roadmap.services.frontier import compute_frontier
from sevenc.roadmap.services.projects import save_project
from sevenc.tenancy.access import Caller

PLANNED_ON = dt.date(2026, 10, 5)  # the states are history as of this day, whenever the tests run
STATES = (
    "new",
    "draft_only",
    "submitted",
    "completed_without_workshop",
    "workshop_without_recommendations",
    "recommendations_without_roadmap",
    "approved_roadmap",
    "held_review",
)


def _draft(client: Client, engineer) -> None:  # type: ignore[no-untyped-def]
    create_assessment(client=client, title="2026 Q4", as_of=dt.date(2026, 12, 31), assigned_engineer=engineer)


def _submitted(client: Client) -> None:
    draft = client.assessments.get(title="2026 Q4")
    submit_assessment(actor=Caller.system(client.msp), assessment=draft)


def _completed(client: Client) -> None:
    completed_assessment(client, "2026 Q3", dt.date(2026, 9, 30), Q3_LEVELS)


def _workshop(client: Client) -> None:
    workshop = start_workshop(
        client=client, baseline=client.assessments.get(title="2026 Q3"), held_on=dt.date(2026, 10, 5)
    )
    set_targets(workshop=workshop, block_targets={"CONT": 90, "CONS": 60, "COST": 70})
    add_goal(workshop=workshop, text="Stay open through any outage", benefit_group="continuity")
    create_service(  # the MSP's catalogue, so the offering pages show coverage, demand and upsell
        actor=Caller.system(client.msp),
        name="Managed Backup",
        delivery="in_house",
        status="offered",
        price_model="per_seat_month",
        price=12,
        items=["CONT.1.1", "CONS.1.1"],
    )


def _recommendations(client: Client) -> None:
    propose_recommendations(workshop=client.workshops.get())
    plan_quarters(client=client, after=PLANNED_ON, budget=6000, capacity_hours=60, horizon=4)
    save_project(workshop=client.workshops.get(), title="Laptop refresh", one_time_cost=4000, effort_hours=12)


def _approved(client: Client) -> None:
    system = Caller.system(client.msp)
    compute_frontier(
        actor=system, workshop=client.workshops.get(), factors=(0.5, 1.0), on=PLANNED_ON, time_limit=2
    )
    run = optimise_roadmap(actor=system, workshop=client.workshops.get(), time_limit=2, on=PLANNED_ON)
    approve_roadmap(actor=system, run=run, on=PLANNED_ON)
    start_matrix(actor=system, client=client, template="co-managed")
    jobs_in_every_state(client)  # background jobs queued, running, failed and done


def _held(client: Client) -> None:
    review = plan_review(client=client, date=dt.date(2026, 10, 14), decisions="Go ahead")
    hold_review(actor=Caller.system(client.msp), review=review)
    plan_review(client=client, date=dt.date(2027, 1, 14))


def build(state: str, client: Client, engineer) -> Client:  # type: ignore[no-untyped-def]
    steps: list[Callable[[], None]] = [
        lambda: _draft(client, engineer),
        lambda: _submitted(client),
        lambda: _completed(client),
        lambda: _workshop(client),
        lambda: _recommendations(client),
        lambda: _approved(client),
        lambda: _held(client),
    ]
    for step in steps[: STATES.index(state)]:
        step()
    return client
