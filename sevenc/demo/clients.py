"""The demo MSP's people and its fourteen client companies: sizes, verticals, maturity and pace."""

from __future__ import annotations

from dataclasses import dataclass

from sevenc.clients.models import Vertical
from sevenc.tenancy.models import Role

DEMO_MSP = "Brightpath IT Partners"
DEMO_PASSWORD = "sevenc-demo-2026"
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
    stage: str = (
        "roadmap"  # how far the demo took it: "assessed", "workshop" or "roadmap" (approved, under way)
    )


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
        "assessed",
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
        "assessed",
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
        "workshop",
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

NOTE_STATUS = {
    0: "Nothing in place; nobody owns {t}.",
    1: "Done occasionally when a problem forces it; no written process for {t}.",
    2: "Partly in place: covers the main office only, not documented end to end.",
    3: "In place and documented; reviewed at the last QBR.",
    4: "Measured monthly against targets and improved each quarter.",
}
NOTE_RISK = {
    0: "A failure here would go unnoticed until it hurts the business.",
    1: "Depends on one person's memory; gaps show up during incidents.",
    2: "Inconsistent coverage leaves blind spots at remote sites.",
}
NOTE_SOLUTION = {
    0: "Introduce {t} as a managed service with a named owner.",
    1: "Write the process down, assign an owner and add it to the monthly checklist.",
    2: "Extend to all sites and add it to the quarterly review.",
}
