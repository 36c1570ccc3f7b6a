"""An MSP with a record of every kind a backup holds: members of every role (a client viewer, a
deactivated engineer), a library entry, a client through a held review (assessments, a workshop with goals
and targets, recommendations with a dependency and an initiative, a project, quarters, a frontier, an
approved roadmap with work items, tasks and notes, a meeting, a held and a planned review), a CSF 2.0
assessment, services (one retired, one by a partner) with a library entry linked to one, an own
responsibility area, the held review's responsibility matrix with an added vendor party and edited cells, a work item owned
by a party, and a second client with nothing yet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sevenc.assessments.services import create_assessment, record_response
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client
from sevenc.execution.models import WorkItem
from sevenc.execution.services import (
    add_note,
    add_task,
    record_meeting,
    set_task_done,
    update_work_item,
)
from sevenc.offering.services import create_service, link_template, retire_service
from sevenc.raci.areas import add_area, retire_area
from sevenc.raci.models import Party
from sevenc.raci.services import add_party, set_cell
from sevenc.roadmap.models import Initiative, Recommendation, RecommendationTemplate
from sevenc.roadmap.services import set_template
from sevenc.team.services import add_member
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp, Role
from sevenc.tenancy.scoping import scoped
from sevenc.web.tests.states import build
from tests.fixtures import PASSWORD


def build_backup_world(name: str = "Brightpath IT") -> Msp:
    msp = Msp.objects.create(name=name, brand_color="#123456", currency="EUR")
    client = Client.objects.create(msp=msp, name="Acme Dental", seats=42, vertical="dental")
    Client.objects.create(msp=msp, name="Harbor Law", seats=60, fiscal_year_start_month=7)
    people = {}
    for username, role in (("owner", Role.OWNER), ("vcio", Role.VCIO), ("engineer", Role.ENGINEER)):
        people[role] = add_member(
            msp=msp,
            username=f"{name[:4]}-{username}",
            email=f"{username}@example.com",
            role=role,
            password=PASSWORD,
        ).user
    add_member(msp=msp, username=f"{name[:4]}-viewer", email="", role=Role.CLIENT_VIEWER, client=client)
    leaver = add_member(
        msp=msp, username=f"{name[:4]}-leaver", email="l@example.com", role=Role.ENGINEER
    ).user
    leaver.is_active = False
    leaver.save()
    Client.objects.filter(pk=client.pk).update(vcio=people[Role.VCIO])
    build("held_review", client, people[Role.ENGINEER])
    vcio = Caller.of_membership(people[Role.VCIO].membership)
    recs = list(scoped(Recommendation, vcio.scope).filter(client=client).order_by("pk"))
    # Approved recommendations no longer take edits: the links are written directly, as test data.
    recs[1].depends_on.add(recs[0])
    initiative = Initiative.objects.create(client=client, theme="Resilience", description="Stay up")
    scoped(Recommendation, vcio.scope).filter(pk__in=[recs[0].pk, recs[1].pk]).update(initiative=initiative)
    item = WorkItem.objects.filter(client=client).order_by("pk").first()
    assert item is not None
    task = add_task(actor=vcio, item=item, title="Order the NAS")
    set_task_done(actor=vcio, task=task, done=True)
    add_task(actor=vcio, item=item, title="=cmd|' /C calc'!A0")  # text that looks like a formula, kept as is
    add_note(actor=vcio, item=item, text="Quote received — ünïcode too")
    record_meeting(actor=vcio, client=client, cadence="week", date=dt.date(2026, 10, 5), decisions="Go")
    set_template(msp=msp, item=recs[0].item, title="Backups everywhere", one_time_cost=Decimal("900.50"))
    csf = create_assessment(
        client=client, title="CSF 2026", as_of=dt.date(2026, 11, 30), framework=get_framework("nist-csf")
    )
    first = csf.framework.items.order_by("position").first()
    assert first is not None
    record_response(actor=vcio, assessment=csf, item_code=first.code, level=2, notes={"risk": "None yet"})
    _offering_and_responsibility(vcio, client, recs[0].item.code)
    return msp


def _offering_and_responsibility(vcio: Caller, client: Client, item_code: str) -> None:
    backup = create_service(
        actor=vcio,
        name="Backup, verified",
        description="Nightly, tested",
        delivery="in_house",
        status="offered",
        price_model="per_seat_month",
        price=Decimal("4.50"),
        items=[item_code, "CONT.1.1"],
    )
    create_service(
        actor=vcio,
        name="DRaaS",
        delivery="partner",
        partner="Vaultline",
        status="planned",
        price_model="flat_month",
        price=Decimal("250"),
        items=[],
    )
    old = create_service(
        actor=vcio,
        name="Tape",
        delivery="in_house",
        status="offered",
        price_model="one_time",
        price=1,
        items=[],
    )
    retire_service(actor=vcio, service=old)
    entry = scoped(RecommendationTemplate, vcio.scope).get()
    link_template(actor=vcio, template=entry, service=backup)
    add_area(
        actor=vcio, code="CCTV", title="Check the CCTV recorder weekly", block="CTRL", items=["CTRL.1.1"]
    )
    gone = add_area(actor=vcio, code="FAX", title="Keep the fax alive", block="CONT", items=["CONT.1.1"])
    retire_area(actor=vcio, area=gone)
    isp = add_party(
        actor=vcio, client=client, code="SOFTWARE-2", name="Fibre & Co", kind="vendor", contract="SLA-7"
    )
    set_cell(actor=vcio, party=isp, area_code="CCTV", letters="RC", expected_version=0)
    ceo = scoped(Party, vcio.scope).get(client=client, is_ceo=True)
    cell = ceo.cells.order_by("pk").first()
    assert cell is not None
    set_cell(actor=vcio, party=ceo, area_code=cell.area_code, letters="", expected_version=cell.version)
    internal = scoped(Party, vcio.scope).filter(client=client, kind="internal", is_ceo=False).first()
    item = WorkItem.objects.filter(client=client, status="planned").order_by("-pk").first()
    assert internal is not None and item is not None
    update_work_item(
        actor=vcio,
        item=item,
        start=item.start,
        due=item.due,
        estimated_hours=item.estimated_hours,
        owner=internal,
    )
