"""The client's planned fiscal quarters: what each may spend and how many hours it has."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.db import transaction

from sevenc.clients.models import Client
from sevenc.lib.bounds import HOURS, MONEY, QUARTERS
from sevenc.lib.errors import Conflict
from sevenc.roadmap.models import QuarterPlan
from sevenc.roadmap.optimiser.quarters import DEFAULT_HORIZON, upcoming_quarters
from sevenc.roadmap.services.common import RoadmapError, locked
from sevenc.tenancy.scoping import Scope, scoped


def _limits(budget: Any, capacity_hours: Any, recurring_ceiling: Any) -> dict[str, Any]:
    return {
        "budget": MONEY.parse(budget, field="budget"),
        "capacity_hours": HOURS.parse(capacity_hours, field="capacity_hours"),
        "recurring_ceiling": MONEY.parse_optional(recurring_ceiling, field="recurring_ceiling"),
    }


def plan_quarters(
    *,
    client: Client,
    after: dt.date,
    budget: Any,
    capacity_hours: Any,
    recurring_ceiling: Any = None,
    horizon: Any = DEFAULT_HORIZON,
) -> list[QuarterPlan]:
    """Create (or reset the limits of) the `horizon` fiscal quarters after the one containing `after`."""
    horizon = QUARTERS.parse(horizon, field="horizon")
    limits = _limits(budget, capacity_hours, recurring_ceiling)
    with transaction.atomic():
        plans = []
        for quarter in upcoming_quarters(after, client.fiscal_year_start_month, horizon):
            plan, _ = QuarterPlan.objects.update_or_create(
                client=client,
                label=quarter.label,
                defaults={
                    "fiscal_year": quarter.fiscal_year,
                    "start": quarter.start,
                    "end": quarter.end,
                    **limits,
                },
            )
            plans.append(plan)
    return plans


def update_quarter(
    *,
    quarter: QuarterPlan,
    budget: Any,
    capacity_hours: Any,
    recurring_ceiling: Any = None,
    expected_version: int | None = None,
) -> QuarterPlan:
    """Set one quarter's one-time budget, capacity and recurring ceiling."""
    limits = _limits(budget, capacity_hours, recurring_ceiling)
    with transaction.atomic():
        current = locked(QuarterPlan, quarter, Scope(quarter.client.msp))
        if expected_version is not None and current.version != expected_version:
            raise Conflict(
                f"{current.label} was changed by someone else meanwhile; the page shows it now",
                field="version",
            )
        for name, value in limits.items():
            setattr(current, name, value)
        current.version += 1
        current.save()
    return current


def set_year_budget(*, client: Client, fiscal_year: Any, total: Any) -> list[QuarterPlan]:
    """Spread a fiscal year's one-time budget evenly over its planned quarters (cents to the last one)."""
    total = MONEY.parse(total, field="total")
    with transaction.atomic():
        quarters = list(
            scoped(QuarterPlan, Scope(client.msp))
            .select_for_update(of=("self",))
            .filter(client=client, fiscal_year=fiscal_year)
            .order_by("start")
        )
        if not quarters:
            raise RoadmapError(f"FY{fiscal_year} has no planned quarters", field="fiscal_year")
        share = (total / len(quarters)).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
        for n, quarter in enumerate(quarters):
            quarter.budget = total - share * (len(quarters) - 1) if n == len(quarters) - 1 else share
            quarter.version += 1
            quarter.save(update_fields=["budget", "version"])
    return quarters
