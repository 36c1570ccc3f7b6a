"""A user's private calendar (ICS): their open work items by due date and the QBRs of their clients."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from sevenc.execution.models import WorkItem
from sevenc.execution.workflow import OPEN
from sevenc.feeds.models import CalendarFeed
from sevenc.reports.models import ReviewMeeting
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import Scope, scoped


def calendar_ics(feed: CalendarFeed, *, site_url: str, today: dt.date) -> bytes:
    """All-day events: each open work item the user owns on its due date, and each planned review of the
    clients they are vCIO of (every client, for an owner), from a month back."""
    user, scope = feed.user, Scope(feed.msp)
    since = today - dt.timedelta(days=31)
    cal = Calendar()
    cal.add("prodid", "-//sevenc//work calendar//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"sevenc — {user.get_full_name() or user.get_username()}")
    items = (
        scoped(WorkItem, scope)
        .filter(owner=user, status__in=OPEN, closed_at__isnull=True, due__gte=since)
        .select_related("client", "recommendation", "project")
    )
    for item in items:
        event = Event()
        event.add("uid", f"work-{item.pk}@sevenc")
        event.add("summary", f"Due: {item.title} ({item.client.name})")
        event.add("dtstart", item.due)
        event.add("dtend", item.due + dt.timedelta(days=1))
        event.add("url", f"{site_url.rstrip('/')}/work/items/{item.pk}/")
        event.add(
            "description", f"{item.get_status_display()} · {item.quarter} · started {item.start:%b %-d}"
        )
        cal.add_component(event)
    reviews = scoped(ReviewMeeting, scope).filter(status="planned", date__gte=since).select_related("client")
    membership_role = getattr(getattr(user, "membership", None), "role", None)
    if membership_role != Role.OWNER:
        reviews = reviews.filter(client__vcio=user)
    for review in reviews:
        event = Event()
        event.add("uid", f"review-{review.pk}@sevenc")
        event.add("summary", f"QBR: {review.client.name}")
        event.add("dtstart", review.date)
        event.add("dtend", review.date + dt.timedelta(days=1))
        cal.add_component(event)
    return cal.to_ical()
