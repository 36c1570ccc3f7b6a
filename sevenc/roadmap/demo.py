"""Demo planning: the MSP's recommendation library, and for each client that got that far a goals workshop
on its second-to-last assessment and (for most) an approved, optimised roadmap from that day on.

Dated from the demo's calendar (`sevenc.demo.dates`), so the roadmap of a demo built today is a quarter and
more under way. Idempotent: a client with a workshop is left alone.
"""

from __future__ import annotations

import datetime as dt

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.goals.services import add_goal, set_targets, start_workshop
from sevenc.roadmap.models import DeliveredBy
from sevenc.roadmap.optimiser.quarters import quarter_of
from sevenc.roadmap.services import (
    approve_roadmap,
    optimise_roadmap,
    plan_quarters,
    propose_recommendations,
    set_template,
)
from sevenc.roadmap.services.frontier import compute_frontier
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

PARTIES = (DeliveredBy.MSP, DeliveredBy.MSP, DeliveredBy.PARTNER, DeliveredBy.CLIENT, DeliveredBy.VENDOR)
TARGETS = {"CONT": 80, "COMP": 70, "CONS": 65, "COST": 60}


def seed_library(msp: Msp) -> None:
    if scoped(Workshop, Scope(msp)).exists():
        return
    for item in Item.objects.filter(framework=get_framework("7c")).order_by("position"):
        n = item.position
        party = PARTIES[n % len(PARTIES)]
        set_template(
            msp=msp,
            item=item,
            title=item.title[:300],
            description=f"Bring {item.title.lower()} to the agreed level, with an owner and evidence.",
            one_time_cost=(n * 37 % 8) * 500,
            monthly_cost=(0, 0, 0, 25, 50, 100)[n % 6],
            effort_hours=(4, 8, 16, 24, 40)[n % 5],
            delivered_by=party,
            partner_name="Shieldline Security" if party == DeliveredBy.PARTNER else "",
        )


DEMO_REL_GAP = 0.03


def seed_plan(
    client: Client,
    *,
    baseline_title: str,
    held_on: dt.date,
    approve: bool,
    by: object,
    frontier: bool = False,
) -> None:
    """A workshop on the named assessment with targets and goals, its recommendations, and when `approve`
    the client's quarters from that day, an optimised roadmap, approved that day."""
    scope = Scope(client.msp)
    if scoped(Workshop, scope).filter(client=client).exists():
        return
    baseline = scoped(Assessment, scope).get(client=client, title=baseline_title)
    workshop = start_workshop(client=client, baseline=baseline, held_on=held_on)
    set_targets(workshop=workshop, block_targets=TARGETS)
    add_goal(
        workshop=workshop,
        text="Keep serving customers through any outage",
        benefit_group="continuity",
        owner=client.primary_contact_name,
        block_codes=["CONT"],
    )
    add_goal(workshop=workshop, text="Cut IT spend per seat", benefit_group="systems", block_codes=["COST"])
    propose_recommendations(workshop=workshop)
    if not approve:
        return
    seats = client.seats or 50
    plan_quarters(
        client=client,
        after=quarter_of(held_on, client.fiscal_year_start_month).start - dt.timedelta(days=1),
        budget=4000 + 80 * seats,
        capacity_hours=60 + seats // 3,
        recurring_ceiling=600 + 8 * seats,
    )
    actor = Caller.system(client.msp, user=by)
    # reproducible: the demo built on a given day is the same demo (the web app races for speed instead);
    # within 3 % of the best roadmap rather than 1 %: a quarter of the build time, and a demo's roadmap
    # need not be the last percent better.
    run = optimise_roadmap(
        actor=actor, workshop=workshop, time_limit=60, on=held_on, reproducible=True, rel_gap=DEMO_REL_GAP
    )
    if (
        frontier
    ):  # what more (or less) budget would buy, for the roadmap page and the QBR (a few seconds each)
        compute_frontier(
            actor=actor, workshop=workshop, on=held_on, time_limit=60, reproducible=True, rel_gap=DEMO_REL_GAP
        )
    approve_roadmap(actor=actor, run=run, on=held_on)
