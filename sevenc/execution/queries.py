"""Read models of execution: a person's cross-client worklist, a client's quarter / month / week, overdue
counts for the portfolio. A fixed number of queries each, whatever the number of items."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from sevenc.clients.models import Client
from sevenc.execution.agenda import Line
from sevenc.execution.models import WorkItem
from sevenc.execution.workflow import BLOCKED, DONE, OPEN
from sevenc.roadmap.models import QuarterPlan
from sevenc.roadmap.optimiser.quarters import quarter_of
from sevenc.tenancy.scoping import Scope, scoped


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def period_of(cadence: str, day: dt.date, fiscal_month: int) -> tuple[dt.date, dt.date]:
    if cadence == "week":
        return week_of(day)
    if cadence == "month":
        return month_of(day)
    quarter = quarter_of(day, fiscal_month)
    return quarter.start, quarter.end


def _items(scope: Scope) -> Any:
    return (
        scoped(WorkItem, scope)
        .filter(closed_at__isnull=True)
        .select_related("recommendation__item", "project", "owner", "owner_party", "client")
    )


@dataclass(frozen=True)
class Worklist:
    overdue: list[WorkItem]
    this_week: list[WorkItem]
    next_two_weeks: list[WorkItem]
    blocked: list[WorkItem]

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.this_week) + len(self.next_two_weeks)


def worklist(
    scope: Scope,
    *,
    today: dt.date,
    owner_id: int | None = None,
    client_id: int | None = None,
    statuses: Iterable[str] = OPEN,
) -> Worklist:
    """Open work: overdue, due this week, due in the two weeks after; `owner_id` None means everyone's."""
    _, week_end = week_of(today)
    horizon = week_end + dt.timedelta(days=14)
    items = (
        _items(scope)
        .filter(status__in=list(statuses), due__lte=horizon)
        .order_by("due", "client__name", "pk")
    )
    if owner_id is not None:
        items = items.filter(owner_id=owner_id)
    if client_id is not None:
        items = items.filter(client_id=client_id)
    rows = list(items)
    return Worklist(
        overdue=[i for i in rows if i.due < today],
        this_week=[i for i in rows if today <= i.due <= week_end],
        next_two_weeks=[i for i in rows if week_end < i.due <= horizon],
        blocked=[i for i in rows if i.status == BLOCKED],
    )


def _late(scope: Scope, today: dt.date) -> Any:
    return scoped(WorkItem, scope).filter(closed_at__isnull=True, status__in=OPEN, due__lt=today)


def overdue_count(scope: Scope, today: dt.date) -> Coalesce:
    """How many of a client's open work items are past due, as an expression on a Client
    queryset (`.annotate(overdue=…)`), 0 when none, so the portfolio sorts and pages by it in SQL."""
    late = (
        _late(scope, today)
        .filter(client_id=OuterRef("pk"))
        .order_by()
        .values("client_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(late, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class Cadence:
    client: Client
    cadence: str
    start: dt.date
    end: dt.date
    overdue: list[WorkItem]
    due: list[WorkItem]
    blocked: list[WorkItem]
    done: list[WorkItem]
    upcoming: list[WorkItem]
    plan: dict[str, Any] = field(default_factory=dict)  # the quarter's hours and budget: planned vs used

    def lines(self, items: list[WorkItem]) -> list[Line]:
        return [
            Line(
                i.title,
                i.owner_name,
                i.due,
                i.status,
            )
            for i in items
        ]


def cadence_view(scope: Scope, client: Client, cadence: str, day: dt.date, today: dt.date) -> Cadence:
    """The client's work for the week, month or quarter containing `day`: overdue (as of `today`), due,
    blocked, done, and the quarter's plan against what its items use."""
    start, end = period_of(cadence, day, client.fiscal_year_start_month)
    rows = list(_items(scope).filter(client=client).order_by("due", "pk"))
    open_rows = [i for i in rows if i.status in OPEN]
    following = end + dt.timedelta(days=1)
    next_start, next_end = period_of(cadence, following, client.fiscal_year_start_month)
    view = Cadence(
        client=client,
        cadence=cadence,
        start=start,
        end=end,
        overdue=[i for i in open_rows if i.due < min(today, following)],
        due=[i for i in open_rows if start <= i.due <= end and i.due >= today],
        blocked=[i for i in open_rows if i.status == BLOCKED],
        done=[
            i for i in rows if i.status == DONE and i.completed_at and start <= i.completed_at.date() <= end
        ],
        upcoming=[i for i in open_rows if next_start <= i.due <= next_end],
    )
    if cadence == "quarter":
        view.plan.update(_quarter_plan(scope, client, start, [i for i in rows if start <= i.due <= end]))
    return view


def _quarter_plan(scope: Scope, client: Client, start: dt.date, items: list[WorkItem]) -> dict[str, Any]:
    plan = scoped(QuarterPlan, scope).filter(client=client, start=start).first()
    hours = sum((i.estimated_hours for i in items), Decimal(0))
    spend = sum((i.one_time_cost for i in items), Decimal(0))
    return {
        "quarter": plan,
        "hours": hours,
        "spend": spend,
        "hours_done": sum((i.estimated_hours for i in items if i.status == DONE), Decimal(0)),
        "spend_done": sum((i.one_time_cost for i in items if i.status == DONE), Decimal(0)),
    }
