"""Demo data for planning: a recommendation library and an optimised roadmap for three demo clients.

Called at the end of the demo build, idempotent (a client with a workshop is skipped). Targets and
recommendations are deterministic; the optimised schedule is proven within 1 % but may differ between
builds, because the optimiser's two workers race (docs/planning.md).
"""

from __future__ import annotations

from sevenc.assessments.models import Assessment
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.goals.services import add_goal, set_targets, start_workshop
from sevenc.roadmap.models import DeliveredBy
from sevenc.roadmap.services import optimise_roadmap, plan_quarters, propose_recommendations, set_template
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

DEMO_CLIENTS = ("Acme Dental Group", "Harbor Law LLP", "Cedar Ridge Manufacturing")
PARTIES = (DeliveredBy.MSP, DeliveredBy.MSP, DeliveredBy.PARTNER, DeliveredBy.CLIENT, DeliveredBy.VENDOR)


def _library(msp: Msp) -> None:
    for item in Item.objects.filter(framework=get_framework("7c")).order_by("position"):
        n = item.position
        party = PARTIES[n % len(PARTIES)]
        set_template(
            msp=msp,
            item=item,
            title=item.title,
            description=f"Bring {item.title.lower()} to the agreed level, with an owner and evidence.",
            one_time_cost=(n * 37 % 8) * 500,
            monthly_cost=(0, 0, 0, 25, 50, 100)[n % 6],
            effort_hours=(4, 8, 16, 24, 40)[n % 5],
            delivered_by=party,
            partner_name="Shieldline Security" if party == DeliveredBy.PARTNER else "",
        )


def seed_roadmaps(msp: Msp) -> None:
    scope = Scope(msp)
    if not scoped(Workshop, scope).exists():
        _library(msp)
    for name in DEMO_CLIENTS:
        client = scoped(Client, scope).filter(name=name).first()
        if client is None or scoped(Workshop, scope).filter(client=client).exists():
            continue
        baseline = (
            scoped(Assessment, scope).filter(client=client, status="completed").order_by("-as_of").first()
        )
        if baseline is None:
            continue
        workshop = start_workshop(client=client, baseline=baseline, held_on=baseline.as_of)
        set_targets(workshop=workshop, block_targets={"CONT": 80, "COMP": 70, "CONS": 65, "COST": 60})
        add_goal(
            workshop=workshop,
            text="Keep serving customers through any outage",
            benefit_group="continuity",
            owner=client.primary_contact_name,
            block_codes=["CONT"],
        )
        add_goal(
            workshop=workshop, text="Cut IT spend per seat", benefit_group="systems", block_codes=["COST"]
        )
        propose_recommendations(workshop=workshop)
        plan_quarters(
            client=client, after=baseline.as_of, budget=12000, capacity_hours=80, recurring_ceiling=1500
        )
        optimise_roadmap(workshop=workshop, time_limit=5)
