"""Demo reviews: each demo client held its last two QBRs (their reports are frozen and ready) and has the
next one planned. Dated from the demo's calendar."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from sevenc.clients.models import Client
from sevenc.reports.services import hold_review, plan_review
from sevenc.tenancy.access import Caller

DECISIONS = (
    "Approve the top-priority gap fix as next quarter's first project",
    "Review the IT budget for the coming fiscal year at the next meeting",
)


def seed_reviews(client: Client, vcio: User, *, held: tuple[dt.date, ...], quarters: tuple[str, ...]) -> None:
    """Idempotent: a client that already has reviews is left alone. `held[i]` reviews `quarters[i]`."""
    if client.reviews.exists():
        return
    vcio_name = vcio.get_full_name() or vcio.get_username()
    contact = client.primary_contact_name or "Client executive"
    actor = Caller.system(client.msp, user=vcio)
    for day, quarter in zip(held, quarters, strict=True):
        due = (day + dt.timedelta(days=14)).strftime("%-d %B")
        review = plan_review(
            client=client,
            date=day,
            attendees=f"{contact} (executive sponsor)\nOffice manager\n{vcio_name} (vCIO)",
            agenda=f"Results of the {quarter} assessment\nWork delivered against the plan\nPriorities for next quarter",
            decisions="\n".join(DECISIONS),
            next_steps=f"{vcio_name}: send the project proposal and quote by {due}\n"
            f"{contact}: name an internal owner for IT decisions",
        )
        hold_review(actor=actor, review=review)
    if client.next_review_date:
        plan_review(
            client=client, date=client.next_review_date, agenda="Results of this quarter's assessment"
        )
