"""Demo progress: how far each demo client's approved roadmap has got by the day the demo is built — most
past work done (some late, one or two blocked), the current weeks under way, tasks ticked, notes written.
Deterministic for a given day (seeded by the client's name)."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import User

from sevenc.clients.models import Client
from sevenc.execution.models import ProgressNote, WorkItem, WorkTask
from sevenc.execution.services import set_work_status, update_work_item
from sevenc.execution.workflow import BLOCKED, DONE, IN_PROGRESS, OPEN
from sevenc.raci.models import Party
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped

TASKS = (
    "Agree the scope and owner with the client",
    "Order or configure what is needed",
    "Roll out and document",
    "Hand over and confirm at the weekly meeting",
)
BLOCKERS = (
    "Waiting for the client's change window on the firewall.",
    "Vendor quote not back yet; chased on the phone.",
    "The office manager is away until next week; nobody else can sign off.",
)
UNDER_WAY = (
    "Kick-off done; first half of the rollout finished.",
    "Configured in the lab, scheduling the rollout with the client.",
)


def seed_progress(client: Client, *, today: dt.date, vcio: User, engineer: User) -> None:
    scope = Scope(client.msp)
    items = list(
        scoped(WorkItem, scope)
        .filter(client=client, status="planned")
        .select_related("recommendation", "project")
    )
    if not items or scoped(WorkTask, scope).filter(item__client=client).exists():
        return  # no roadmap, or progress already seeded
    rng = random.Random(f"{client.name} progress")
    for n, item in enumerate(sorted(items, key=lambda i: (i.due, i.pk))):
        owner = engineer if n % 3 == 1 else vcio
        scoped(WorkItem, scope).filter(pk=item.pk).update(owner=owner)
        actor = Caller.system(client.msp, user=owner)
        roll = rng.random()
        if item.due < today - dt.timedelta(days=3):
            status = DONE if roll < 0.8 else (BLOCKED if roll < 0.88 else IN_PROGRESS)
        elif item.start <= today:
            status = IN_PROGRESS if roll < 0.8 else BLOCKED
        else:
            status = "planned"
        done_tasks = {DONE: 4, IN_PROGRESS: 2, BLOCKED: 1}.get(status, 0)
        WorkTask.objects.bulk_create(
            WorkTask(item=item, title=title, done=k < done_tasks, position=k) for k, title in enumerate(TASKS)
        )
        if status in (IN_PROGRESS, DONE, BLOCKED):
            item = set_work_status(actor=actor, item=item, status=IN_PROGRESS)
        if status == BLOCKED:
            item = set_work_status(actor=actor, item=item, status=BLOCKED)
            ProgressNote.objects.create(item=item, author=owner, text=rng.choice(BLOCKERS))
        elif status == IN_PROGRESS:
            ProgressNote.objects.create(item=item, author=owner, text=rng.choice(UNDER_WAY))
        elif status == DONE:
            set_work_status(actor=actor, item=item, status=DONE)
            finished = max(item.start, item.due - dt.timedelta(days=rng.randint(0, 6)))
            at = dt.datetime.combine(finished, dt.time(15, 30), tzinfo=dt.UTC)
            # History: the day it was really finished, not the day the demo was built.
            scoped(WorkItem, scope).filter(pk=item.pk).update(completed_at=at)
            scoped(type(item.entry), scope).filter(pk=item.entry.pk).update(completed_at=at)
    _something_due_this_week(client, today)


def _something_due_this_week(client: Client, today: dt.date) -> None:
    """Whatever the day, the week view has work on it: if nothing open falls due this week, the next open
    item that has started by Sunday is brought forward to Sunday (earlier is never after a dependant starts)."""
    scope = Scope(client.msp)
    sunday = today + dt.timedelta(days=6 - today.weekday())
    open_items = scoped(WorkItem, scope).filter(client=client, status__in=OPEN, due__gte=today)
    if open_items.filter(due__lte=sunday).exists():
        return
    nxt = (
        open_items.filter(start__lte=sunday)
        .select_related("recommendation", "project")
        .order_by("due", "pk")
        .first()
    )
    if nxt is not None:
        scoped(WorkItem, scope).filter(pk=nxt.pk).update(due=sunday)
        scoped(type(nxt.entry), scope).filter(pk=nxt.entry.pk).update(due_date=sunday)


def hand_to_parties(client: Client, *, today: dt.date) -> None:
    """Give the client's own people their share: the open work of one future quarter's first weeks goes to
    the client's internal IT party (or its office manager), once the matrix names them."""
    scope = Scope(client.msp)
    party = (
        scoped(Party, scope)
        .filter(client=client, kind="internal", is_ceo=False)
        .order_by("position", "pk")
        .first()
    )
    if party is None or scoped(WorkItem, scope).filter(client=client, owner_party__isnull=False).exists():
        return
    upcoming = (
        scoped(WorkItem, scope)
        .filter(client=client, status="planned", closed_at__isnull=True, start__gt=today)
        .select_related("client")
        .order_by("start", "pk")[:2]
    )
    for item in upcoming:
        update_work_item(
            actor=Caller.system(client.msp, user=client.vcio),
            item=item,
            start=item.start,
            due=item.due,
            estimated_hours=item.estimated_hours,
            owner=party,
        )
