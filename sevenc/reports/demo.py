"""Demo reviews: each demo client had its Q3 review (held, so its report is ready) and has the next one planned."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from sevenc.clients.models import Client
from sevenc.reports.services import hold_review, plan_review

HELD_ON = dt.date(2026, 10, 14)
DECISIONS = (
    "Approve the top-priority gap fix as next quarter's first project",
    "Review the IT budget for the coming fiscal year at the next meeting",
)


def seed_reviews(client: Client, vcio: User) -> None:
    """Idempotent: a client that already has reviews is left alone."""
    if client.reviews.exists():
        return
    vcio_name = vcio.get_full_name() or vcio.get_username()
    contact = client.primary_contact_name or "Client executive"
    due = (HELD_ON + dt.timedelta(days=14)).strftime("%-d %B")
    held = plan_review(
        client=client,
        date=HELD_ON,
        attendees=f"{contact} (executive sponsor)\nOffice manager\n{vcio_name} (vCIO)",
        agenda="Results of the 2026 Q3 assessment\nBiggest improvements and risks\nPriorities for next quarter",
        decisions="\n".join(DECISIONS),
        next_steps=f"{vcio_name}: send the project proposal and quote by {due}\n"
        f"{contact}: name an internal owner for IT decisions",
    )
    hold_review(review=held, by=vcio)
    if client.next_review_date:
        plan_review(client=client, date=client.next_review_date, agenda="Results of the 2026 Q4 assessment")
