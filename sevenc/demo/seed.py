"""The demo portfolio, anchored to the day it is built: one MSP, 14 believable clients, each with four
completed quarterly assessments ending with the last finished quarter and a draft for the current one;
for most, a goals workshop and an approved roadmap a quarter and more under way (work done, in progress,
blocked and late), two held QBRs and the next one planned.

Deterministic for a given day (seeded per client; `sevenc demo --today YYYY-MM-DD`) and idempotent.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from sevenc.assessments.models import Assessment, Response
from sevenc.assessments.services import complete_assessment
from sevenc.catalogue.models import Item
from sevenc.catalogue.services import get_framework
from sevenc.clients.models import Client
from sevenc.demo.clients import (
    BLOCKS,
    CLIENTS,
    DEMO_MSP,
    DEMO_PASSWORD,
    NOTE_RISK,
    NOTE_SOLUTION,
    NOTE_STATUS,
    USERS,
    DemoClient,
)
from sevenc.demo.dates import DemoCalendar, demo_calendar
from sevenc.execution.demo import hand_to_parties, seed_progress
from sevenc.offering.demo import seed_offering
from sevenc.raci.demo import seed_raci
from sevenc.reports.demo import seed_reviews
from sevenc.roadmap.demo import seed_library, seed_plan
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Msp, Role

__all__ = ["CLIENTS", "DEMO_MSP", "DEMO_PASSWORD", "build_demo"]


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
                status=NOTE_STATUS[level].format(t=title),
                risk=NOTE_RISK.get(level, ""),
                solution=NOTE_SOLUTION.get(level, "").format(t=title),
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


def _ensure_client(
    msp: Msp, spec: DemoClient, users: dict[str, User], items: list[Item], calendar: DemoCalendar
) -> Client:
    email = spec.contact.lower().replace("dr. ", "").replace(" ", ".") + "@client.example"
    client, _ = Client.objects.get_or_create(
        msp=msp,
        name=spec.name,
        defaults={
            "seats": spec.seats,
            "vertical": spec.vertical,
            "fiscal_year_start_month": spec.fiscal_month,
            "primary_contact_name": spec.contact,
            "primary_contact_email": email,
            "vcio": users[spec.vcio],
            "next_review_date": calendar.next_review(CLIENTS.index(spec)),
        },
    )
    if client.assessments.exists():
        return client
    framework = items[0].framework
    rng = random.Random(spec.name)
    actor = Caller.system(msp, user=users[spec.vcio])
    for quarter, (title, as_of) in enumerate([*calendar.completed, calendar.draft]):
        draft = (title, as_of) == calendar.draft
        assessment = Assessment.objects.create(
            client=client,
            framework=framework,
            title=title,
            as_of=as_of,
            # the current quarter's draft is the engineer's to fill (the web workflow's first phase)
            assigned_engineer=users["engineer"] if draft else None,
        )
        rows = _responses(rng, items, spec, quarter)
        if draft:
            rows = rows[: len(rows) // 2]  # the current quarter is half-way through its assessment
        for row in rows:
            row.assessment = assessment
        Response.objects.bulk_create(rows)
        if not draft:
            complete_assessment(actor=actor, assessment=assessment)
    return client


def _ensure_viewer(msp: Msp) -> None:
    if get_user_model().objects.filter(username="client").exists():
        return
    acme = Client.objects.get(msp=msp, name=CLIENTS[0].name)
    user = get_user_model().objects.create_user(
        username="client",
        email="maria.keller@client.example",
        password=DEMO_PASSWORD,
        first_name="Maria",
        last_name="Keller",
    )
    Membership.objects.create(user=user, msp=msp, role=Role.CLIENT_VIEWER, client=acme)


def build_demo(progress: Callable[[Client], object] | None = None, today: dt.date | None = None) -> Msp:
    """Create the demo portfolio as of `today` if it is not there yet; running it again changes nothing."""
    calendar = demo_calendar(today or timezone.localdate())
    items = list(
        Item.objects.filter(framework=get_framework("7c")).select_related("framework").order_by("position")
    )
    with transaction.atomic():
        msp, _ = Msp.objects.get_or_create(name=DEMO_MSP)
        users = _ensure_users(msp)
        seed_library(msp)
        clients = []
        for spec in CLIENTS:
            client = _ensure_client(msp, spec, users, items, calendar)
            vcio = users[spec.vcio]
            if spec.stage in ("workshop", "roadmap"):
                seed_plan(
                    client,
                    baseline_title=calendar.completed[-2][0],
                    held_on=calendar.workshop_day,
                    approve=spec.stage == "roadmap",
                    by=vcio,
                    frontier=spec is CLIENTS[0],  # one client's frontier: the others compute it on a click
                )
                seed_progress(client, today=calendar.today, vcio=vcio, engineer=users["engineer"])
            clients.append((client, vcio))
        seed_raci(msp, today=calendar.today)  # a matrix per client, before the reviews' snapshots show it
        for client, vcio in clients:
            hand_to_parties(client, today=calendar.today)
            seed_reviews(
                client,
                vcio,
                held=calendar.review_days,
                quarters=(calendar.completed[-2][0], calendar.completed[-1][0]),
            )
            if progress:
                progress(client)
        _ensure_viewer(msp)
        seed_offering(msp)  # the starter service catalogue, library entries linked to its services
    return msp
