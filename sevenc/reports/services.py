"""Everything that changes review meetings. Keyword-only, one transaction each; held reviews are final."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from sevenc.clients.models import Client
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.fields import clean_text
from sevenc.lib.transitions import TransitionTable
from sevenc.reports.models import ReviewMeeting
from sevenc.reports.snapshot import build_snapshot
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped

TEXT_FIELDS = ("title", "attendees", "agenda", "decisions", "next_steps")
PLANNED, HELD = "planned", "held"
# Holding a review freezes its report: the vCIO (or an owner) does it, or the demo builder.
MOVES = TransitionTable.of("review", [(PLANNED, HELD, ("owner", "vcio", "system"))])


class ReviewError(DomainError):
    """A change to a review that cannot be made; the message says why."""


def _clean(fields: dict[str, Any]) -> dict[str, str]:
    cleaned = {}
    for key, value in fields.items():
        if value is None:
            continue
        if key not in TEXT_FIELDS:
            raise ReviewError("not a field of a review", field=key)
        cleaned[key] = clean_text(ReviewMeeting, key, value)
    return cleaned


def _check_date(date: object) -> dt.date:
    if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
        raise ReviewError("must be a date (YYYY-MM-DD)", field="date")
    return date


def _locked(review: ReviewMeeting) -> ReviewMeeting:
    rows = scoped(ReviewMeeting, Scope(review.client.msp)).select_for_update(of=("self",))
    return rows.get(pk=review.pk)


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
    expected_version: int | None = None,
) -> ReviewMeeting:
    """Change a planned review; fields left as None keep their value. `expected_version` is the version
    the editor read: minutes saved against a newer version are refused, never silently overwritten."""
    fields = _clean(
        {
            "title": title,
            "attendees": attendees,
            "agenda": agenda,
            "decisions": decisions,
            "next_steps": next_steps,
        }
    )
    new_date = None if date is None else _check_date(date)
    with transaction.atomic():
        current = _locked(review)
        if current.is_held:
            raise current.final_error()
        if expected_version is not None and current.version != expected_version:
            raise Conflict(
                "someone saved these minutes while you edited them; your change was not saved — "
                "the form now shows theirs",
                field="version",
            )
        if new_date is not None:
            current.date = new_date
        for key, value in fields.items():
            setattr(current, key, value)
        current.version += 1
        current.save()
    return current


def hold_review(*, actor: Caller, review: ReviewMeeting) -> ReviewMeeting:
    """Mark the meeting held and freeze its report: from now on it is the record of what was shown."""
    with transaction.atomic():
        # Lock the row so two clicks on "held" cannot freeze two different snapshots.
        current = _locked(review)
        if current.is_held:
            raise Conflict(f"this review was already held on {current.held_at:%b %-d, %Y}", field="status")
        MOVES.check(role=actor.role, source=current.status, target=HELD)
        now = timezone.now()
        current.snapshot = build_snapshot(current, now=now)
        current.status = HELD
        current.held_at = now
        current.held_by = actor.user
        current.save()
    return current


def delete_review(*, review: ReviewMeeting) -> None:
    with transaction.atomic():
        current = _locked(review)
        if current.is_held:
            raise current.final_error()
        current.delete()
