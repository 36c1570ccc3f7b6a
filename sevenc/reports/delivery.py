"""What the QBR says about execution: the work delivered since the last review against what was planned
for that time (items, spend, level changes), and next quarter's plan. Read once, frozen in the snapshot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sevenc.clients.models import Client
from sevenc.execution.models import WorkItem
from sevenc.execution.workflow import DONE
from sevenc.reports.models import ReviewMeeting
from sevenc.roadmap.optimiser.quarters import quarter_of
from sevenc.tenancy.scoping import Scope, scoped

DEFAULT_WINDOW = dt.timedelta(days=91)  # no earlier review: the quarter before this one


def _row(item: WorkItem) -> dict[str, Any]:
    return {
        "title": item.title,
        "item": item.item_code,
        "due": item.due.isoformat(),
        "status": item.status,
        "one_time": float(item.one_time_cost),
        "target_level": item.target_level,
    }


def delivery_section(client: Client, on: dt.date) -> dict[str, Any] | None:
    """None before any roadmap was approved; else {since, delivered, planned, late, spend, next_quarter}."""
    scope = Scope(client.msp)
    items = list(
        scoped(WorkItem, scope)
        .filter(client=client)
        .select_related("recommendation__item", "project")
        .order_by("due", "pk")
    )
    if not items:
        return None
    earlier = (
        scoped(ReviewMeeting, scope)
        .filter(client=client, status="held", date__lt=on)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    since = earlier or on - DEFAULT_WINDOW

    def finished_in_window(item: WorkItem) -> bool:
        return (
            item.status == DONE and item.completed_at is not None and since < item.completed_at.date() <= on
        )

    delivered = [i for i in items if finished_in_window(i)]
    planned = [i for i in items if since < i.due <= on and i.closed_at is None]
    late = [i for i in planned if not finished_in_window(i) and i.status != DONE]
    upcoming = quarter_of(
        quarter_of(on, client.fiscal_year_start_month).end + dt.timedelta(days=1),
        client.fiscal_year_start_month,
    )
    next_items = [
        i for i in items if i.quarter == upcoming.label and i.status != DONE and i.closed_at is None
    ]
    return {
        "since": since.isoformat(),
        "delivered": [_row(i) for i in delivered],
        "planned_count": len(planned),
        "delivered_of_planned": sum(1 for i in planned if finished_in_window(i)),
        "late": [_row(i) for i in late],
        "spend": {
            "delivered": sum(float(i.one_time_cost) for i in delivered),
            "planned": sum(float(i.one_time_cost) for i in planned),
        },
        "next_quarter": {
            "label": upcoming.label,
            "items": [_row(i) for i in next_items],
            "one_time": sum(float(i.one_time_cost) for i in next_items),
        },
    }
