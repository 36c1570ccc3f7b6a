"""Each domain's main changes reach the trail — including those its services make with `update()` or
`bulk_create`, which send no model signal — and every tenant-owned model is followed or exempt on purpose."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse

from sevenc.assessments.services import record_response, reopen_assessment
from sevenc.audit.models import Event
from sevenc.audit.tracked import EXEMPT, TRACKED
from sevenc.execution.models import WorkItem
from sevenc.execution.services import (
    add_note,
    add_task,
    record_meeting,
    set_task_done,
    set_work_status,
    update_work_item,
)
from sevenc.offering.services import retire_service
from sevenc.raci.areas import add_area, retire_area
from sevenc.raci.csv_layout import matrix_csv
from sevenc.raci.services import add_party, import_csv, set_cell
from sevenc.raci.state import state_of
from sevenc.reports.services import update_review
from sevenc.roadmap.services import update_quarter
from sevenc.team.services import change_role, invite_member
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope
from sevenc.web.tests.states import build


def _actions(model: str, client=None) -> set[str]:  # type: ignore[no-untyped-def]
    found = Event.objects.filter(model=model)
    if client is not None:
        found = found.filter(client_id=client.pk)
    return set(found.values_list("action", flat=True))


def _last(model: str) -> Event:
    return Event.objects.filter(model=model).order_by("-pk").first()  # type: ignore[return-value]


def test_every_tenant_owned_model_is_audited_or_exempt_with_a_reason():
    tenant_owned = {m._meta.label_lower for m in apps.get_models() if hasattr(m, "TENANT_PATH")}
    assert tenant_owned - set(TRACKED) - set(EXEMPT) == set()
    for label in TRACKED:
        apps.get_model(label)  # each entry names a model that exists


def test_assessments_and_responses_are_audited_created_answered_submitted_completed(client_co, engineer):
    build("completed_without_workshop", client_co, engineer)
    assert _actions("assessments.assessment", client_co) >= {"created", "submitted", "completed"}
    draft = client_co.assessments.get(title="2026 Q4")
    reopen_assessment(actor=Caller.system(client_co.msp), assessment=draft)
    record_response(actor=Caller.system(client_co.msp), assessment=draft, item_code="CONT.1.1", level=1)
    assert _actions("assessments.response", client_co) == {"created", "changed"}
    assert _last("assessments.response").changes == {"level": [None, 1]}
    assert Event.objects.filter(model="assessments.assessment", action="returned to draft").exists()


def test_goals_workshops_and_targets_are_audited(client_co, engineer):
    build("workshop_without_recommendations", client_co, engineer)
    assert _actions("goals.workshop", client_co) == {"created", "changed"}
    targets = Event.objects.get(model="goals.workshop", action="changed")
    assert targets.changes == {
        "target CONT": [None, 90],
        "target CONS": [None, 60],
        "target COST": [None, 70],
    }
    assert _actions("goals.goal", client_co) == {"created"}


def test_roadmap_recommendations_quarters_runs_frontiers_and_projects_are_audited(client_co, engineer):
    build("approved_roadmap", client_co, engineer)
    assert "approved" in _actions("roadmap.recommendation", client_co)
    assert _actions("roadmap.roadmaprun", client_co) == {"optimised", "approved"}
    assert _actions("roadmap.frontier", client_co) == {"computed"}
    assert "created" in _actions("roadmap.project", client_co)
    quarter = client_co.quarter_plans.order_by("start").first()
    update_quarter(quarter=quarter, budget=7000, capacity_hours=60)
    assert _last("roadmap.quarterplan").changes == {"budget": ["6000.00", "7000.00"]}


def test_execution_work_items_tasks_notes_and_meetings_are_audited_with_due_dates_moved(client_co, engineer):
    build("approved_roadmap", client_co, engineer)
    system = Caller.system(client_co.msp)
    item = WorkItem.objects.filter(client=client_co, recommendation__isnull=False).first()
    entry = item.recommendation
    later = item.due + dt.timedelta(days=7)
    update_work_item(actor=system, item=item, start=item.start, due=later, estimated_hours=5)
    # the recommendation's due date used to move with QuerySet.update(): now it is recorded
    moved = Event.objects.filter(model="roadmap.recommendation", object_id=str(entry.pk)).order_by("-pk")[0]
    assert moved.changes == {"due_date": [item.due.isoformat(), later.isoformat()]}
    task = add_task(actor=system, item=item, title="Order the NAS")
    set_task_done(actor=system, task=task, done=True)
    assert _last("execution.worktask").action == "ticked"
    add_note(actor=system, item=item, text="Ordered")
    set_work_status(actor=system, item=WorkItem.objects.get(pk=item.pk), status="in_progress")
    assert _last("execution.workitem").action == "started"
    record_meeting(actor=system, client=client_co, cadence="week", date=dt.date(2026, 10, 12), decisions="Go")
    assert _actions("execution.progressnote", client_co) == {"created"}
    assert "created" in _actions("execution.meeting", client_co)


def test_reviews_are_audited_planned_changed_held(client_co, engineer):
    build("held_review", client_co, engineer)
    assert _actions("reports.reviewmeeting", client_co) == {"planned", "held"}
    planned = client_co.reviews.get(status="planned")
    update_review(review=planned, decisions="Budget approved")
    assert _last("reports.reviewmeeting").changes == {"decisions": ["", "Budget approved"]}


def test_the_raci_matrix_parties_cells_areas_and_a_csv_import_are_audited(client_co, engineer):
    build("approved_roadmap", client_co, engineer)  # starts the co-managed matrix
    system = Caller.system(client_co.msp)
    assert _actions("raci.matrix", client_co) == {"started", "changed"}
    assert Event.objects.filter(model="raci.party", client_id=client_co.pk, action="created").count() >= 3
    state = state_of(system.scope, client_co)
    party = state.party("ISP")
    set_cell(
        actor=system,
        party=party,
        area_code="RA-CONT-001",
        letters="C",
        expected_version=state.version("RA-CONT-001", party),
    )
    assert _last("raci.cell").object_name == "RA-CONT-001 × ISP"
    lines = matrix_csv(state_of(system.scope, client_co).pure).splitlines()
    header = lines[0].split(",")
    row = next(n for n, line in enumerate(lines) if line.startswith("RA-CONT-057,"))
    cells = lines[row].split(",")
    before = cells[header.index("MSP")]
    cells[header.index("MSP")] = "I" if before != "I" else "C"
    lines[row] = ",".join(cells)
    assert import_csv(actor=system, client=client_co, data="\r\n".join(lines).encode()) == 1
    imported = _last("raci.cell")
    assert imported.object_name == "RA-CONT-057 × MSP"
    assert imported.changes == {"letters": [before, cells[header.index("MSP")]]}
    add_party(actor=system, client=client_co, code="EXT-AUDIT", name="Audit & Co", kind="vendor")
    area = add_area(actor=system, code="X-CCTV", title="Check the CCTV", block="CONT", items=["CONT.1.2"])
    retire_area(actor=system, area=area)
    assert _last("raci.msparea").action == "retired"
    assert Event.objects.filter(model="raci.party", object_name__startswith="EXT-AUDIT").exists()


def test_the_service_catalogue_is_audited(client_co, engineer):
    build("workshop_without_recommendations", client_co, engineer)  # adds "Managed Backup"
    service = client_co.msp.services.get()
    retire_service(actor=Caller.system(client_co.msp), service=service)
    assert _actions("offering.service") == {"created", "changed"}
    assert _last("offering.service").changes == {"status": ["Offered", "Retired"]}
    assert Event.objects.filter(model="offering.service", changes__has_key="items").exists()


def test_users_memberships_and_roles_are_audited(msp, owner, client_co):
    membership = invite_member(scope=Scope(msp), username="newbie", email="n@example.com", role=Role.ENGINEER)
    assert _actions("auth.user") >= {"created"}
    assert _last("tenancy.membership").object_name == "newbie as Engineer"
    change_role(scope=Scope(msp), membership=membership, role=Role.VCIO)
    changed = _last("tenancy.membership")
    assert (changed.action, changed.changes, changed.msp_id) == (
        "changed",
        {"role": ["Engineer", "vCIO"]},
        msp.pk,
    )
    assert not Membership.objects.filter(pk=membership.pk, role=Role.ENGINEER).exists()


@pytest.mark.django_db
def test_msp_branding_and_currency_changed_in_the_settings_are_audited_as_the_owner(client, msp, owner):
    client.force_login(owner)
    form = {"name": msp.name, "brand_color": "#112233", "accent_color": msp.accent_color, "currency": "EUR"}
    response = client.post(reverse("admin:tenancy_msp_change", args=[msp.pk]), {**form, "logo_svg": ""})
    assert response.status_code == 302
    event = _last("tenancy.msp")
    assert (event.action, event.actor_id, event.via, event.msp_id) == ("changed", owner.pk, "web", msp.pk)
    assert event.changes == {"brand_color": ["#1f4e79", "#112233"], "currency": ["USD", "EUR"]}
