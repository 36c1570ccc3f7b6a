"""Demo matrices: every client of the demo MSP gets a believable responsibility matrix with a few real findings.

Called at the end of the demo build; idempotent (a client with a matrix is left alone) and deterministic
(seeded by the client's name). The template follows the client's size: a small company is fully managed,
a mid-sized one co-managed with an internal administrator, a large one runs IT internally with the MSP as
backup. Each matrix then gets what a first workshop finds: the parties' real names, contracts on file
for all vendors but one, an area nobody answers for, and for some clients a budget two people think they
approve or a full restore test that is nobody's job; the template's single point of failure stays. Renewal
dates are relative to `today`, so the demo reads the same whenever it is built.
"""

from __future__ import annotations

import datetime as dt
import random

from sevenc.clients.models import Client
from sevenc.raci.services import set_cell, start_matrix, update_party
from sevenc.raci.state import MatrixState, state_of
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped

FIRST = ("Anna", "Ben", "Carla", "David", "Elena", "Frank", "Grace", "Hugo", "Irene", "Jonas", "Kira", "Luis")
LAST = ("Novak", "Okafor", "Brennan", "Silva", "Lindgren", "Moreau", "Tanaka", "Weber", "Costa", "Hughes")
LINE_OF_BUSINESS = {
    "dental": "PracticeWorks Dental",
    "legal": "CaseLine Practice Manager",
    "manufacturing": "Fabrix ERP",
    "logistics": "RouteWise TMS",
    "accounting": "LedgerPro Practice",
    "nonprofit": "GiveTrack CRM",
    "engineering": "DraftCore PLM",
    "healthcare": "MedChart EHR",
    "real_estate": "PropertyDesk",
    "construction": "SiteLedger",
    "retail": "ShelfSmart ERP",
    "education": "CampusOne SIS",
    "hospitality": "StayLogic PMS",
}
VENDORS = {
    "ISP": ("FiberNet Business", "Metro Broadband", "Crestline Internet"),
    "TELCO": ("Clearline Voice", "Tellus Mobile", "Northwind Telecom"),
    "CLOUD": ("Microsoft 365 (CSP)", "Google Workspace"),
    "PRINTER": ("Copier Solutions Inc.", "PrintFleet Services"),
    "SOFTWARE": ("Sitewise Web Studio", "Formstack Partners"),
    "HARDWARE": ("Northgate Hardware Supply", "Bayside Computer Supply"),
    "CONSULT": ("Meridian IT Advisory",),
    "AUDITOR": ("Clearview Audit Partners",),
}
PEOPLE = ("COO", "CFO", "OFFICE", "ADMIN", "HR", "HEADS")
# Areas a workshop typically finds nobody answering for (non-critical, so the demo stays believable).
UNOWNED = ("RA-CONT-057", "RA-CHRG-010", "RA-CONS-020", "RA-CLEAR-015", "RA-COST-020", "RA-COMP-007")
BUDGET = "RA-COST-002"  # "Approve the annual IT budget": the CEO thinks they approve it too
RESTORE_TEST = "RA-CONT-009"  # "Test-restore a complete server …": nobody's job after all


def template_for(seats: int | None) -> tuple[str, list[str]]:
    """The template and the standard parties for a client of this size."""
    seats = seats or 50
    if seats < 60:
        return "fully-managed", [
            *("CEO", "COO", "CFO", "OFFICE", "HR", "HEADS", "MSP", "VCIO"),
            *("ISP", "TELCO", "ERP", "CLOUD", "PRINTER", "SOFTWARE", "HARDWARE", "AUDITOR"),
        ]
    if seats < 160:
        return "co-managed", [
            *("CEO", "COO", "CFO", "OFFICE", "ADMIN", "HR", "HEADS", "MSP", "VCIO"),
            *("ISP", "TELCO", "ERP", "CLOUD", "PRINTER", "SOFTWARE", "HARDWARE", "CONSULT", "AUDITOR"),
        ]
    return "internal-msp-backup", [
        *("CEO", "COO", "CFO", "OFFICE", "ADMIN", "HR", "HEADS", "MSP", "VCIO"),
        *("ISP", "TELCO", "ERP", "CLOUD", "PRINTER", "SOFTWARE", "HARDWARE", "CONSULT", "AUDITOR"),
    ]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _name_parties(
    actor: Caller, client: Client, state: MatrixState, rng: random.Random, today: dt.date
) -> None:
    load = state.review.load
    holding = [
        p for p in state.parties if p.kind == "vendor" and load[p.code].accountable + load[p.code].responsible
    ]
    without_contract = rng.choice(holding).code  # the one a workshop finds no contract for
    slug = "".join(ch for ch in client.name.upper() if ch.isalpha())[:4]
    for party in state.parties:
        name, contact, contract, renewal = party.name, "", "", None
        if party.code == "CEO":
            name = client.primary_contact_name or _person(rng)
        elif party.code in PEOPLE:
            name = "Department heads" if party.code == "HEADS" else _person(rng)
            contact = f"{name.split()[0].lower()}@{slug.lower()}.example" if party.code != "HEADS" else ""
        elif party.code in ("MSP", "VCIO"):
            contract = f"MSA-{today.year - 1}-{rng.randint(10, 99)}"
            renewal = today + dt.timedelta(days=rng.randint(120, 400))
            contact = "servicedesk@brightpath.example" if party.code == "MSP" else ""
        else:
            name = (
                LINE_OF_BUSINESS.get(client.vertical, "Line-of-business vendor")
                if party.code == "ERP"
                else rng.choice(VENDORS[party.code])
            )
            contact = f"+1 555 01{rng.randint(10, 99)}"
            if party.code != without_contract:
                contract = f"{party.code[:3]}-{slug}-{rng.randint(1000, 9999)}"
                renewal = today + dt.timedelta(days=rng.randint(-20, 540))
        update_party(
            actor=actor,
            party=party,
            name=name,
            kind=party.kind,
            role=party.role,
            contact=contact,
            contract=contract,
            renewal=renewal,
            ceo=party.is_ceo,
        )


def _change(actor: Caller, state: MatrixState, area: str, party_code: str, letters: str) -> None:
    party = state.party(party_code)
    if party is not None:
        set_cell(
            actor=actor,
            party=party,
            area_code=area,
            letters=letters,
            expected_version=state.version(area, party),
        )


def _workshop_findings(actor: Caller, state: MatrixState, rng: random.Random) -> None:
    """What a first workshop finds: an area nobody answers for; for some clients more."""
    unowned = rng.choice(UNOWNED)
    for code in state.pure.holders(unowned, "A"):
        _change(actor, state, unowned, code, state.pure.letters(unowned, code).replace("A", ""))
    if rng.random() < 0.5 and state.pure.holders(BUDGET, "A") != ["CEO"]:
        _change(actor, state, BUDGET, "CEO", state.pure.letters(BUDGET, "CEO") + "A")
    if rng.random() < 0.3:
        for code in state.pure.holders(RESTORE_TEST, "R"):
            _change(actor, state, RESTORE_TEST, code, state.pure.letters(RESTORE_TEST, code).replace("R", ""))


def seed_raci(msp: Msp, *, today: dt.date) -> None:
    """A matrix for every client of `msp` that has none yet."""
    scope = Scope(msp)
    for client in scoped(Client, scope).select_related("vcio").order_by("name"):
        if state_of(scope, client) is not None:
            continue
        rng = random.Random(f"raci {client.name}")
        actor = Caller.system(msp, user=client.vcio)
        template, parties = template_for(client.seats)
        start_matrix(actor=actor, client=client, template=template, parties=parties)
        state = state_of(scope, client)
        assert state is not None
        _name_parties(actor, client, state, rng, today)
        _workshop_findings(actor, state, rng)
