"""Everything that changes review meetings. Keyword-only, one transaction each; held reviews are refused."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from sevenc.clients.models import Client
from sevenc.reports.models import ReviewLocked, ReviewMeeting
from sevenc.reports.snapshot import build_snapshot
from sevenc.tenancy.scoping import Scope, scoped

TEXT_FIELDS = ("title", "attendees", "agenda", "decisions", "next_steps")
MAX_TEXT = 20_000


class ReviewError(ValueError):
    """A change to a review that cannot be made; the message says why."""


def _clean(fields: dict[str, str | None]) -> dict[str, str]:
    cleaned = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key not in TEXT_FIELDS:
            raise ReviewError(f"{key}: not a field of a review")
        if not isinstance(value, str):
            raise ReviewError(f"{key}: must be text")
        value = value.strip()
        if len(value) > (200 if key == "title" else MAX_TEXT):
            raise ReviewError(f"{key}: too long")
        cleaned[key] = value
    return cleaned


def _check_date(date: object) -> dt.date:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ReviewError("date: must be a date (YYYY-MM-DD)")
    return date


def plan_review(
    *,
    client: Client,
    date: dt.date,
    title: str = "",
    attendees: str = "",
    agenda: str = "",
    decisions: str = "",
    next_steps: str = "",
) -> ReviewMeeting:
    fields = _clean(
        {
            "title": title,
            "attendees": attendees,
            "agenda": agenda,
            "decisions": decisions,
            "next_steps": next_steps,
        }
    )
    date = _check_date(date)
    with transaction.atomic():
        return ReviewMeeting.objects.create(client=client, date=date, **fields)


def update_review(
    *,
    review: ReviewMeeting,
    date: dt.date | None = None,
    title: str | None = None,
    attendees: str | None = None,
    agenda: str | None = None,
    decisions: str | None = None,
    next_steps: str | None = None,
) -> ReviewMeeting:
    """Change a planned review; fields left as None keep their value."""
    if review.is_held:
        raise ReviewLocked(review)
    fields = _clean(
        {
            "title": title,
            "attendees": attendees,
            "agenda": agenda,
            "decisions": decisions,
            "next_steps": next_steps,
        }
    )
    with transaction.atomic():
        if date is not None:
            review.date = _check_date(date)
        for key, value in fields.items():
            setattr(review, key, value)
        review.save()
    return review


def hold_review(*, review: ReviewMeeting, by: User | None = None) -> ReviewMeeting:
    """Mark the meeting held and freeze its report: from now on it is the record of what was shown."""
    with transaction.atomic():
        # Lock the row so two clicks on "held" cannot freeze two different snapshots.
        rows = scoped(ReviewMeeting, Scope(review.client.msp)).select_for_update()
        current = rows.select_related("client__msp").get(pk=review.pk)
        if current.is_held:
            raise ReviewLocked(current)
        now = timezone.now()
        current.snapshot = build_snapshot(current, now=now)
        current.status = ReviewMeeting.Status.HELD
        current.held_at = now
        current.held_by = by  # type: ignore[assignment]
        current._holding = True  # type: ignore[attr-defined]
        try:
            current.save()
        finally:
            del current._holding  # type: ignore[attr-defined]
    return current


def delete_review(*, review: ReviewMeeting) -> None:
    if review.is_held:
        raise ReviewLocked(review)
    with transaction.atomic():
        review.delete()
