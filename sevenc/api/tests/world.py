"""A seeded MSP for the API's whole-surface tests (schemathesis, the isolation walk, the benchmark): a client
with every kind of record — assessments, a workshop with targets and goals, recommendations, an approved
roadmap with work items, tasks, notes and a meeting, a held and a planned review, a library entry linked to
a service, a responsibility matrix with a vendor party and an own area, a work item owned by a party — a
second client, a member of every role with a token, and another MSP's owner with a token."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sevenc.clients.models import Client
from sevenc.execution.models import WorkItem
from sevenc.execution.services import add_note, add_task, record_meeting, update_work_item
from sevenc.offering.models import Service
from sevenc.offering.services import link_template
from sevenc.raci.areas import add_area
from sevenc.raci.services import add_party
from sevenc.roadmap.services import compute_frontier, save_project, set_template
from sevenc.team.services import add_member
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp, Role
from sevenc.tokens.services import create_token
from sevenc.web.tests.states import build
from tests.fixtures import PASSWORD


@dataclass
class ApiWorld:
    msp: Msp
    client: Client
    other_client: Client
    tokens: dict[str, str] = field(default_factory=dict)  # role → secret; "outsider": another MSP's owner
    ids: dict[str, int] = field(default_factory=dict)  # URL parameter name → an object of `client`


def _member(msp: Msp, username: str, role: str, client: Client | None = None):  # type: ignore[no-untyped-def]
    return add_member(
        msp=msp,
        username=username,
        email=f"{username}@example.com",
        role=role,
        password=PASSWORD,
        client=client,
    ).user


def _token(user) -> str:  # type: ignore[no-untyped-def]
    return create_token(actor=Caller.of_membership(user.membership), name="api tests")[1]


def build_api_world(prefix: str = "") -> ApiWorld:
    msp = Msp.objects.create(name=f"{prefix}Brightpath IT")
    client = Client.objects.create(msp=msp, name="Acme Dental", seats=42, vertical="dental")
    other = Client.objects.create(msp=msp, name="Harbor Law", seats=60, vertical="legal")
    users = {
        Role.OWNER: _member(msp, f"{prefix}owner", Role.OWNER),
        Role.VCIO: _member(msp, f"{prefix}vcio", Role.VCIO),
        Role.ENGINEER: _member(msp, f"{prefix}engineer", Role.ENGINEER),
        Role.CLIENT_VIEWER: _member(msp, f"{prefix}viewer", Role.CLIENT_VIEWER, client),
        "other_viewer": _member(msp, f"{prefix}harbor-viewer", Role.CLIENT_VIEWER, other),
    }
    build("held_review", client, users[Role.ENGINEER])
    system = Caller.system(msp)
    item = WorkItem.objects.filter(client=client).order_by("pk").first()
    assert item is not None
    task = add_task(actor=system, item=item, title="Order the NAS")
    add_note(actor=system, item=item, text="Quote received")
    meeting = record_meeting(actor=system, client=client, cadence="week", date=dt.date(2026, 10, 5))
    workshop = client.workshops.get()
    template_item = workshop.recommendations.first().item  # type: ignore[union-attr]
    template = set_template(msp=msp, item=template_item, title="Backups everywhere", one_time_cost=900)
    service = Service.objects.get(msp=msp)
    link_template(actor=system, template=template, service=service)
    area = add_area(
        actor=system, code="CCTV", title="Check the CCTV recorder", block="CTRL", items=["CTRL.1.1"]
    )
    party = add_party(actor=system, client=client, code="SOFTWARE-2", name="Ledgerly", kind="vendor")
    shared = WorkItem.objects.filter(client=client).order_by("-pk").first()
    assert shared is not None and shared.pk != item.pk
    update_work_item(
        actor=system,
        item=shared,
        start=shared.start,
        due=shared.due,
        estimated_hours=shared.estimated_hours,
        owner=party,
    )
    project = save_project(workshop=workshop, title="Office move", one_time_cost=4000, effort_hours=30)
    frontier = compute_frontier(
        actor=system, workshop=workshop, factors=[0.5, 1.0], on=dt.date(2026, 10, 5), time_limit=2
    )
    outsider_msp = Msp.objects.create(name=f"{prefix}Rival Networks")
    outsider = _member(outsider_msp, f"{prefix}outsider", Role.OWNER)
    world = ApiWorld(msp=msp, client=client, other_client=other)
    world.tokens = {str(role): _token(user) for role, user in users.items()}
    world.tokens["outsider"] = _token(outsider)
    completed = client.assessments.filter(status="completed").order_by("as_of").last()
    draft = client.assessments.exclude(status="completed").first()
    assert completed is not None
    world.ids = {
        "client_id": client.pk,
        "assessment_id": completed.pk,
        "draft_id": draft.pk if draft else completed.pk,
        "workshop_id": workshop.pk,
        "goal_id": workshop.goals.first().pk,  # type: ignore[union-attr]
        "recommendation_id": workshop.recommendations.first().pk,  # type: ignore[union-attr]
        "run_id": client.roadmap_runs.first().pk,  # type: ignore[union-attr]
        "review_id": client.reviews.filter(status="held").first().pk,  # type: ignore[union-attr]
        "planned_review_id": client.reviews.filter(status="planned").first().pk,  # type: ignore[union-attr]
        "item_id": item.pk,
        "task_id": task.pk,
        "meeting_id": meeting.pk,
        "member_id": users[Role.ENGINEER].membership.pk,
        "token_id": users[Role.OWNER].api_tokens.first().pk,
        "framework_id": completed.framework_id,
        "quarter_id": client.quarter_plans.order_by("start").first().pk,  # type: ignore[union-attr]
        "project_id": project.pk,
        "frontier_id": frontier.pk,
        "party_id": party.pk,
        "area_id": area.pk,
        "service_id": service.pk,
        "shared_item_id": shared.pk,
    }
    return world
