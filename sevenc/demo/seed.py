"""The demo portfolio: one MSP, 14 believable clients, each with four completed quarterly assessments
and a draft for the current quarter. Deterministic (seeded per client) and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import complete_assessment
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client, Vertical
from sevenc.reports.demo import seed_reviews
from sevenc.roadmap.demo import seed_roadmaps
from sevenc.tenancy.models import Membership, Msp, Role

DEMO_MSP = "Brightpath IT Partners"
DEMO_PASSWORD = "sevenc-demo-2026"
QUARTERS = [
    ("2025 Q4", dt.date(2025, 12, 31)),
    ("2026 Q1", dt.date(2026, 3, 31)),
    ("2026 Q2", dt.date(2026, 6, 30)),
    ("2026 Q3", dt.date(2026, 9, 30)),
]
DRAFT = ("2026 Q4", dt.date(2026, 12, 31))
BLOCKS = ("CONT", "COMP", "CHRG", "CONS", "CTRL", "CLEAR", "COST")


@dataclass(frozen=True)
class DemoClient:
    name: str
    seats: int
    vertical: str
    fiscal_month: int
    contact: str
    vcio: str
    start: tuple[float, ...]  # starting maturity per block on the 0–4 scale
    pace: float  # levels gained per quarter on average


CLIENTS = [
    DemoClient(
        "Acme Dental Group",
        42,
        Vertical.DENTAL,
        1,
        "Dr. Maria Keller",
        "vcio",
        (1.6, 1.9, 1.2, 0.8, 0.9, 1.0, 1.4),
        0.22,
    ),
    DemoClient(
        "Harbor Law LLP",
        68,
        Vertical.LEGAL,
        1,
        "James Whitfield",
        "vcio",
        (2.4, 2.2, 1.8, 1.3, 1.6, 1.5, 1.9),
        0.15,
    ),
    DemoClient(
        "Cedar Ridge Manufacturing",
        215,
        Vertical.MANUFACTURING,
        7,
        "Paul Novak",
        "vcio2",
        (1.9, 2.3, 1.7, 1.1, 1.4, 1.2, 2.1),
        0.18,
    ),
    DemoClient(
        "Bluewater Logistics",
        130,
        Vertical.LOGISTICS,
        4,
        "Sandra Ruiz",
        "vcio2",
        (1.4, 2.0, 1.5, 1.0, 1.1, 1.3, 1.6),
        0.25,
    ),
    DemoClient(
        "Summit Accounting Partners",
        35,
        Vertical.ACCOUNTING,
        1,
        "Helen Brooks",
        "vcio",
        (2.7, 2.5, 2.1, 1.8, 2.0, 2.2, 2.4),
        0.10,
    ),
    DemoClient(
        "Greenfield Community Trust",
        24,
        Vertical.NONPROFIT,
        7,
        "Omar Haddad",
        "vcio2",
        (1.0, 1.2, 0.9, 0.7, 0.6, 0.8, 1.1),
        0.20,
    ),
    DemoClient(
        "Northstar Engineering",
        88,
        Vertical.ENGINEERING,
        10,
        "Ingrid Larsen",
        "vcio",
        (2.1, 2.6, 2.0, 1.9, 1.7, 1.8, 1.6),
        0.12,
    ),
    DemoClient(
        "Maple Street Clinics",
        156,
        Vertical.HEALTHCARE,
        1,
        "Dr. Aaron Cole",
        "vcio2",
        (2.2, 2.0, 1.6, 1.2, 1.9, 1.4, 1.3),
        0.20,
    ),
    DemoClient(
        "Riverside Realty",
        29,
        Vertical.REAL_ESTATE,
        1,
        "Beth Tanaka",
        "vcio",
        (1.1, 1.5, 1.0, 0.6, 0.7, 0.9, 1.0),
        0.05,
    ),
    DemoClient(
        "Pioneer Construction Co.",
        190,
        Vertical.CONSTRUCTION,
        4,
        "Rick Alvarez",
        "vcio2",
        (1.3, 1.7, 1.4, 1.0, 1.2, 1.0, 1.8),
        0.16,
    ),
    DemoClient(
        "Lumen Retail Brands",
        275,
        Vertical.RETAIL,
        2,
        "Chloe Martin",
        "vcio",
        (2.0, 2.4, 2.2, 1.6, 1.5, 1.7, 2.0),
        0.14,
    ),
    DemoClient(
        "Oakwood Academy",
        120,
        Vertical.EDUCATION,
        9,
        "Martin Osei",
        "vcio2",
        (1.5, 1.6, 1.3, 1.1, 1.0, 1.2, 1.0),
        0.18,
    ),
    DemoClient(
        "Vista Hospitality Group",
        96,
        Vertical.HOSPITALITY,
        1,
        "Nora Petrov",
        "vcio",
        (1.2, 1.8, 1.1, 0.9, 0.8, 0.7, 1.2),
        -0.04,
    ),
    DemoClient(
        "Keystone Financial Advisors",
        52,
        Vertical.ACCOUNTING,
        1,
        "Daniel Price",
        "vcio2",
        (3.0, 2.8, 2.5, 2.3, 2.6, 2.4, 2.2),
        0.08,
    ),
]

USERS = [
    ("owner", "Olivia", "Grant", Role.OWNER),
    ("vcio", "Victor", "Chen", Role.VCIO),
    ("vcio2", "Priya", "Shah", Role.VCIO),
    ("engineer", "Eric", "Lindqvist", Role.ENGINEER),
]

_STATUS = {
    0: "Nothing in place; nobody owns {t}.",
    1: "Done occasionally when a problem forces it; no written process for {t}.",
    2: "Partly in place: covers the main office only, not documented end to end.",
    3: "In place and documented; reviewed at the last QBR.",
    4: "Measured monthly against targets and improved each quarter.",
}
_RISK = {
    0: "A failure here would go unnoticed until it hurts the business.",
    1: "Depends on one person's memory; gaps show up during incidents.",
    2: "Inconsistent coverage leaves blind spots at remote sites.",
}
_SOLUTION = {
    0: "Introduce {t} as a managed service with a named owner.",
    1: "Write the process down, assign an owner and add it to the monthly checklist.",
    2: "Extend to all sites and add it to the quarterly review.",
}


def _level(rng: random.Random, base: float) -> int:
    return max(0, min(4, round(base + rng.gauss(0, 0.7))))


def _responses(rng: random.Random, items: list[Item], spec: DemoClient, quarter: int) -> list[Response]:
    rows = []
    for item in items:
        block = BLOCKS.index(item.code.split(".")[0])
        if rng.random() < 0.03:
            rows.append(Response(item=item, na=True, status="Not applicable to this client."))
            continue
        base = spec.start[block] + spec.pace * quarter + rng.uniform(-0.3, 0.3)
        level = _level(rng, base)
        title = item.title[0].lower() + item.title[1:]
        rows.append(
            Response(
                item=item,
                level=level,
                status=_STATUS[level].format(t=title),
                risk=_RISK.get(level, ""),
                solution=_SOLUTION.get(level, "").format(t=title),
            )
        )
    return rows


def _ensure_users(msp: Msp) -> dict[str, User]:
    user_model = get_user_model()
    users = {}
    for username, first, last, role in USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model.objects.create_user(
                username=username,
                email=f"{username}@brightpath.example",
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
            )
            Membership.objects.create(user=user, msp=msp, role=role)
        users[username] = user
    return users


def _ensure_client(msp: Msp, spec: DemoClient, users: dict[str, User], items: list[Item]) -> Client:
    client, _ = Client.objects.get_or_create(
        msp=msp,
        name=spec.name,
        defaults={
            "seats": spec.seats,
            "vertical": spec.vertical,
            "fiscal_year_start_month": spec.fiscal_month,
            "primary_contact_name": spec.contact,
            "primary_contact_email": spec.contact.lower().replace("dr. ", "").replace(" ", ".")
            + "@client.example",
            "vcio": users[spec.vcio],
            "next_review_date": dt.date(2027, 1, 15) + dt.timedelta(days=7 * CLIENTS.index(spec)),
        },
    )
    if client.assessments.exists():
        return client
    framework = items[0].framework
    rng = random.Random(spec.name)
    for quarter, (title, as_of) in enumerate([*QUARTERS, DRAFT]):
        assessment = Assessment.objects.create(
            client=client,
            framework=framework,
            title=title,
            as_of=as_of,
            # the current quarter's draft is the engineer's to fill (the web workflow's first phase)
            assigned_engineer=users["engineer"] if (title, as_of) == DRAFT else None,
        )
        rows = _responses(rng, items, spec, quarter)
        if (title, as_of) == DRAFT:
            rows = rows[: len(rows) // 2]  # the current quarter is half-way through its assessment
        for row in rows:
            row.assessment = assessment
        Response.objects.bulk_create(rows)
        if (title, as_of) != DRAFT:
            complete_assessment(assessment=assessment, by=users[spec.vcio])  # type: ignore[arg-type]
    return client


def build_demo(progress=None) -> Msp:  # type: ignore[no-untyped-def]
    """Create the demo portfolio if it is not there yet; running it again changes nothing."""
    items = list(
        Item.objects.filter(framework=get_framework("7c")).select_related("framework").order_by("position")
    )
    with transaction.atomic():
        msp, _ = Msp.objects.get_or_create(name=DEMO_MSP)
        users = _ensure_users(msp)
        reviewed = []
        for spec in CLIENTS:
            client = _ensure_client(msp, spec, users, items)
            reviewed.append((client, users[spec.vcio]))
            if progress:
                progress(client)
        viewer = get_user_model().objects.filter(username="client").first()
        if viewer is None:
            acme = Client.objects.get(msp=msp, name=CLIENTS[0].name)
            user = get_user_model().objects.create_user(
                username="client",
                email="maria.keller@client.example",
                password=DEMO_PASSWORD,
                first_name="Maria",
                last_name="Keller",
            )
            Membership.objects.create(user=user, msp=msp, role=Role.CLIENT_VIEWER, client=acme)
        seed_roadmaps(msp)  # issue 4: library, workshop, targets and an optimised roadmap for three clients
        for client, vcio in reviewed:  # after the roadmaps, so the held Q3 reviews show targets and plans
            seed_reviews(client, vcio)
    return msp
