"""Reminder e-mails: one per person, their overdue work and this week's, from every client they work on."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from sevenc.execution.models import WorkItem
from sevenc.execution.queries import week_of
from sevenc.execution.workflow import OPEN
from sevenc.tenancy.models import Msp
from sevenc.tenancy.scoping import Scope, scoped


@dataclass(frozen=True)
class Reminder:
    to: str
    name: str
    subject: str
    overdue: list[WorkItem]
    this_week: list[WorkItem]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.this_week)

    def body(self) -> str:
        site = settings.SITE_URL.rstrip("/")

        def lines(items: list[WorkItem]) -> list[str]:
            return [
                f"  - {i.title} ({i.client.name}{_party_note(i)}) — due {i.due:%a %b %-d}, "
                f"{i.get_status_display().lower()}: {site}/work/items/{i.pk}/"
                for i in items
            ]

        parts = [f"Hello {self.name},", ""]
        if self.overdue:
            parts += [f"Overdue ({len(self.overdue)}):", *lines(self.overdue), ""]
        if self.this_week:
            parts += [f"Due this week ({len(self.this_week)}):", *lines(self.this_week), ""]
        parts += [f"Your worklist: {site}/work/", "", "— sevenc"]
        return "\n".join(parts)


def _party_note(item: WorkItem) -> str:
    return f", owned by {item.owner_party.name}" if item.owner_party is not None else ""


def _recipient(item: WorkItem) -> Any:
    """The owner; for work a client's party owns (it has no account), the client's vCIO, who chases it."""
    return item.owner if item.owner_party_id is None else item.client.vcio


def reminders(msps: list[Msp], today: dt.date) -> list[Reminder]:
    """One reminder per owner of open work that is overdue or due this week, in name order; work a client's
    party owns goes to the client's vCIO; people without an e-mail address are left out."""
    _, week_end = week_of(today)
    per_user: dict[int, list[WorkItem]] = defaultdict(list)
    users: dict[int, Any] = {}
    for msp in msps:
        open_items = (
            scoped(WorkItem, Scope(msp))
            .filter(status__in=OPEN, closed_at__isnull=True, due__lte=week_end)
            .filter(Q(owner__isnull=False) | Q(owner_party__isnull=False))
            .select_related("owner", "owner_party", "client__vcio", "recommendation", "project")
            .order_by("due", "client__name", "pk")
        )
        for item in open_items:
            recipient = _recipient(item)
            if recipient is not None:
                per_user[recipient.pk].append(item)
                users[recipient.pk] = recipient
    out = []
    for user_id, items in per_user.items():
        user = users[user_id]
        if not user.email:
            continue
        overdue = [i for i in items if i.due < today]
        this_week = [i for i in items if i.due >= today]
        subject = f"sevenc: {len(overdue)} overdue, {len(this_week)} due this week"
        out.append(
            Reminder(user.email, user.get_full_name() or user.get_username(), subject, overdue, this_week)
        )
    return sorted(out, key=lambda r: (r.name.lower(), r.to))


def send(reminders_to_send: list[Reminder], on_sent: Callable[[Reminder], None] | None = None) -> int:
    """Send them over one SMTP connection (the configured backend); returns how many were sent.
    `on_sent`: told of each one as it leaves (sent one by one then), so a retry can skip those."""
    connection = get_connection()
    messages = [
        EmailMessage(r.subject, r.body(), None, [r.to], connection=connection) for r in reminders_to_send
    ]
    if on_sent is None:
        return connection.send_messages(messages) or 0
    with connection:
        for reminder, message in zip(reminders_to_send, messages, strict=True):
            connection.send_messages([message])
            on_sent(reminder)
    return len(messages)
