"""A hand-made portfolio and catalogue whose numbers are worked out by hand in the tests (every 7C item
weighs 1 by default).

Catalogue of Brightpath IT (`catalogue` fixture):
    Managed Backup   in-house, offered, 12.50 per seat a month   CONT.1.1 CONT.1.2
    DRaaS            partner Vaultline, offered, 1,150 a month   CONT.1.2 CONT.1.4
    DR Workshop      in-house, offered, 4,500 once                CONT.2.1
    Budget Tool      in-house, planned, 300 a month               COST.1.1
    Old Fax          in-house, retired, 10 a month                COST.1.2

Clients (`portfolio` fixture), each with its latest completed 7C assessment:
    Acme Dental  42 seats, vCIO "vcio"; CONT.1.1 1, CONT.1.2 3, CONT.1.4 2, CONT.2.1 N/A, COST.1.1 1,
                 weight of COST.1.1 overridden to 2; latest workshop: CONT 80 (level 4), COST.1.1 → 2.
                 (An older completed assessment, an older workshop and a newer draft must not count.)
    Harbor Law   60 seats, no vCIO; CONT.1.1 3, CONT.1.2 2, CONT.2.1 1, COST.1.1 2, CTRL.1.1 0; no workshop
                 (targets 3). (A newer completed NIST CSF assessment must not count.)
    Cedar Ridge  no seat count, vCIO "vcio"; CONT.1.1 0, COST.1.1 4; no workshop.
    Delta Dental only a draft: not assessed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import complete_assessment, create_assessment
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client
from sevenc.goals.services import set_targets, start_workshop
from sevenc.offering.models import Service
from sevenc.offering.services import create_service
from sevenc.tenancy.access import Caller

Q3 = dt.date(2026, 9, 30)


def assessed(
    client: Client,
    levels: dict[str, int | None],
    *,
    title: str = "2026 Q3",
    as_of: dt.date = Q3,
    weights: dict[str, int] | None = None,
    complete: bool = True,
    framework: str = "7c",
) -> Assessment:
    """An assessment with `levels` (None: N/A), completed (scores stored) unless `complete` is False."""
    fw = get_framework(framework)
    assessment = create_assessment(client=client, title=title, as_of=as_of, framework=fw, weights=weights)
    items = dict(Item.objects.filter(framework=fw).values_list("code", "pk"))
    Response.objects.bulk_create(
        Response(assessment=assessment, item_id=items[code], level=level, na=level is None)
        for code, level in levels.items()
    )
    if complete:
        assessment = complete_assessment(actor=Caller.system(client.msp), assessment=assessment)
    return assessment


def service(msp: Any, name: str, items: list[str], **fields: Any) -> Service:
    defaults = {"delivery": "in_house", "status": "offered", "price_model": "flat_month", "price": 100}
    return create_service(actor=Caller.system(msp), name=name, items=items, **{**defaults, **fields})


@pytest.fixture
def catalogue(msp) -> dict[str, Service]:
    rows = [
        service(
            msp,
            "Managed Backup",
            ["CONT.1.1", "CONT.1.2"],
            price_model="per_seat_month",
            price=Decimal("12.5"),
        ),
        service(
            msp,
            "DRaaS",
            ["CONT.1.2", "CONT.1.4"],
            delivery="partner",
            partner="Vaultline",
            price=Decimal(1150),
        ),
        service(msp, "DR Workshop", ["CONT.2.1"], price_model="one_time", price=Decimal(4500)),
        service(msp, "Budget Tool", ["COST.1.1"], status="planned", price=Decimal(300)),
        service(msp, "Old Fax", ["COST.1.2"], status="retired", price=Decimal(10)),
    ]
    return {row.name: row for row in rows}


@pytest.fixture
def portfolio(msp, vcio) -> dict[str, Client]:
    acme = Client.objects.create(msp=msp, name="Acme Dental", seats=42, vertical="dental", vcio=vcio)
    harbor = Client.objects.create(msp=msp, name="Harbor Law", seats=60, vertical="legal")
    cedar = Client.objects.create(
        msp=msp, name="Cedar Ridge", seats=None, vertical="manufacturing", vcio=vcio
    )
    delta = Client.objects.create(msp=msp, name="Delta Dental", seats=25, vertical="dental")

    older = assessed(acme, {"CTRL.1.1": 0, "CONT.1.1": 0}, title="2026 Q2", as_of=dt.date(2026, 6, 30))
    first = start_workshop(client=acme, baseline=older, held_on=dt.date(2026, 7, 1))
    set_targets(workshop=first, block_targets={"CONT": 25, "COST": 25})
    latest = assessed(
        acme,
        {"CONT.1.1": 1, "CONT.1.2": 3, "CONT.1.4": 2, "CONT.2.1": None, "COST.1.1": 1},
        weights={"COST.1.1": 2},
    )
    workshop = start_workshop(client=acme, baseline=latest, held_on=dt.date(2026, 10, 5))
    set_targets(workshop=workshop, block_targets={"CONT": 80}, item_targets={"COST.1.1": 2})
    assessed(
        acme, {"COST.1.2": 0, "CTRL.1.2": 0}, title="2026 Q4", as_of=dt.date(2026, 12, 31), complete=False
    )

    assessed(harbor, {"CONT.1.1": 3, "CONT.1.2": 2, "CONT.2.1": 1, "COST.1.1": 2, "CTRL.1.1": 0})
    nist = get_framework("nist-csf")
    first_nist = Item.objects.filter(framework=nist).order_by("position").values_list("code", flat=True)[0]
    assessed(harbor, {first_nist: 0}, title="NIST", as_of=dt.date(2026, 11, 30), framework="nist-csf")

    assessed(cedar, {"CONT.1.1": 0, "COST.1.1": 4})
    assessed(delta, {"CONT.1.1": 0}, complete=False)
    return {"acme": acme, "harbor": harbor, "cedar": cedar, "delta": delta}
