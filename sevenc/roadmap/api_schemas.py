"""The roadmap API's shapes: recommendations, quarters, roadmap runs, the library."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from ninja import Schema

from sevenc.lib.api import (
    QUARTER_LABEL,
    Code,
    ETag,
    Flag,
    In,
    ObjectId,
    Out,
    PageQuery,
    PathId,
    Version,
    etag,
    money,
    number,
    text,
    username,
)
from sevenc.lib.bounds import HOURS, LONG_TEXT, MONEY, NAME, QUARTERS, TITLE, Number
from sevenc.roadmap.models import DeliveredBy, QuarterPlan, Recommendation, RecommendationTemplate, RoadmapRun

RecStatus = Literal["proposed", "approved", "in_progress", "done", "deferred"]
Party = Literal[tuple(DeliveredBy.values)]  # type: ignore[valid-type]
Money = number(MONEY)
PRIORITY = Number("priority", Decimal(1), Decimal(3), 0)  # 1 high, 2 medium, 3 low
Hours = number(HOURS)


class RecommendationOut(Out):
    id: int
    client_id: int
    workshop_id: int
    item: str
    title: str
    description: str
    one_time_cost: float
    monthly_cost: float
    effort_hours: float
    delivered_by: str
    partner_name: str
    priority: int
    initiative: str | None
    depends_on: list[int]
    pin_quarter: str
    excluded: bool
    target_level: int
    status: RecStatus
    quarter: str
    due_date: dt.date | None
    approved_by: str | None
    approved_at: dt.datetime | None
    completed_at: dt.datetime | None
    version: int


class RecommendationPatch(In):
    """The fields to change and the `version` you read. `initiative` files it under a theme (created when
    new; "" takes it out); `depends_on` replaces its prerequisites (ids of the same workshop)."""

    version: Version
    title: text(TITLE, required=True) | None = None  # type: ignore[valid-type]
    description: text(LONG_TEXT) | None = None  # type: ignore[valid-type]
    one_time_cost: Money | None = None  # type: ignore[valid-type]
    monthly_cost: Money | None = None  # type: ignore[valid-type]
    effort_hours: Hours | None = None  # type: ignore[valid-type]
    delivered_by: Party | None = None  # type: ignore[valid-type]
    partner_name: text(NAME) | None = None  # type: ignore[valid-type]
    priority: number(PRIORITY) | None = None  # type: ignore[valid-type]
    pin_quarter: text(QUARTER_LABEL) | None = None  # type: ignore[valid-type]
    excluded: Flag | None = None
    initiative: text(NAME) | None = None  # type: ignore[valid-type]
    depends_on: list[ObjectId] | None = None


class StatusIn(In):
    status: RecStatus
    version: Version


class RecommendationQuery(PageQuery):
    client: PathId | None = None
    workshop: PathId | None = None
    status: RecStatus | None = None
    quarter: text(QUARTER_LABEL) | None = None  # type: ignore[valid-type]
    order: Literal["priority", "title", "due_date", "-due_date", "quarter"] = "priority"


class QuarterOut(Out):
    id: int
    client_id: int
    label: str
    fiscal_year: int
    start: dt.date
    end: dt.date
    budget: float
    capacity_hours: float
    recurring_ceiling: float | None
    version: int


class QuartersIn(In):
    """Plan the client's next `horizon` fiscal quarters (after today's) with the same limits each."""

    budget: Money  # type: ignore[valid-type]
    capacity_hours: Hours  # type: ignore[valid-type]
    recurring_ceiling: Money | None = None  # type: ignore[valid-type]
    horizon: number(QUARTERS) = 4  # type: ignore[valid-type]


class QuarterQuery(PageQuery):
    client: PathId | None = None


class BudgetLineOut(Out):
    period: str
    one_time: float
    recurring: float


class ProjectionOut(Out):
    quarter: str
    itcq: float | None


class RunOut(Out):
    id: int
    client_id: int
    workshop_id: int
    created_at: dt.datetime
    created_by: str | None
    current_itcq: float | None
    objective: float
    greedy_objective: float | None
    gap: float | None
    solver_status: str
    seconds: float
    schedule: dict[str, str | None]
    projection: list[dict[str, Any]]
    budget_quarters: list[BudgetLineOut]
    budget_years: list[BudgetLineOut]
    approved: bool
    approved_at: dt.datetime | None
    approved_by: str | None


class RunQuery(PageQuery):
    client: PathId | None = None
    workshop: PathId | None = None
    approved: bool | None = None
    order: Literal["-created_at", "created_at"] = "-created_at"


SOLVE_SECONDS = Number("seconds", Decimal(1), Decimal(30), None)


class OptimiseIn(In):
    """How long the optimiser may search (seconds); small roadmaps prove their optimum much sooner."""

    time_limit: number(SOLVE_SECONDS) = 10  # type: ignore[valid-type]


class RoadmapStateOut(Out):
    """Which run is in force (the newest approved, else the newest proposal) and which awaits approval."""

    workshop_id: int | None
    current: RunOut | None
    pending: RunOut | None


class TemplateOut(Out):
    item: str
    title: str
    description: str
    one_time_cost: float
    monthly_cost: float
    effort_hours: float
    delivered_by: str
    partner_name: str
    service_id: int | None  # the catalogue service that delivers it (offering), if any
    etag: str


class TemplateIn(In):
    """A library entry; to replace an existing one send the `etag` you read (none for a new entry)."""

    etag: ETag | None = None
    title: text(TITLE, required=True)  # type: ignore[valid-type]
    description: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    one_time_cost: Money = Decimal(0)  # type: ignore[valid-type]
    monthly_cost: Money = Decimal(0)  # type: ignore[valid-type]
    effort_hours: Hours = Decimal(0)  # type: ignore[valid-type]
    delivered_by: Party = DeliveredBy.MSP  # type: ignore[valid-type]
    partner_name: text(NAME) = ""  # type: ignore[valid-type]


class PsaQuery(Schema):
    client: PathId | None = None
    proposed: bool = False


class PrefillOut(Out):
    assessment_id: int
    changed: int


TEMPLATE_FIELDS = (
    "title",
    "description",
    "one_time_cost",
    "monthly_cost",
    "effort_hours",
    "delivered_by",
    "partner_name",
)
ItemCode = Code


def recommendation_out(rec: Recommendation) -> dict[str, Any]:
    return {
        "id": rec.pk,
        "client_id": rec.client_id,
        "workshop_id": rec.workshop_id,
        "item": rec.item.code,
        "title": rec.title,
        "description": rec.description,
        "one_time_cost": money(rec.one_time_cost),
        "monthly_cost": money(rec.monthly_cost),
        "effort_hours": money(rec.effort_hours),
        "delivered_by": rec.delivered_by,
        "partner_name": rec.partner_name,
        "priority": rec.priority,
        "initiative": rec.initiative.theme if rec.initiative else None,
        "depends_on": sorted(dep.pk for dep in rec.depends_on.all()),
        "pin_quarter": rec.pin_quarter,
        "excluded": rec.excluded,
        "target_level": rec.target_level,
        "status": rec.status,
        "quarter": rec.quarter,
        "due_date": rec.due_date,
        "approved_by": username(rec.approved_by),
        "approved_at": rec.approved_at,
        "completed_at": rec.completed_at,
        "version": rec.version,
    }


def quarter_out(quarter: QuarterPlan) -> dict[str, Any]:
    return {
        "id": quarter.pk,
        "client_id": quarter.client_id,
        "label": quarter.label,
        "fiscal_year": quarter.fiscal_year,
        "start": quarter.start,
        "end": quarter.end,
        "budget": money(quarter.budget),
        "capacity_hours": money(quarter.capacity_hours),
        "recurring_ceiling": money(quarter.recurring_ceiling),
        "version": quarter.version,
    }


def run_out(run: RoadmapRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "client_id": run.client_id,
        "workshop_id": run.workshop_id,
        "created_at": run.created_at,
        "created_by": username(run.created_by),
        "current_itcq": run.current_itcq,
        "objective": run.objective,
        "greedy_objective": run.greedy_objective,
        "gap": run.gap,
        "solver_status": run.solver_status,
        "seconds": run.seconds,
        "schedule": dict(run.schedule),
        "projection": list(run.projection),
        "budget_quarters": list(run.budget.get("quarters", [])),
        "budget_years": list(run.budget.get("years", [])),
        "approved": run.is_approved,
        "approved_at": run.approved_at,
        "approved_by": username(run.approved_by),
    }


def template_values(template: RecommendationTemplate) -> dict[str, Any]:
    values = {name: getattr(template, name) for name in TEMPLATE_FIELDS}
    for name in ("one_time_cost", "monthly_cost", "effort_hours"):
        values[name] = money(values[name])
    return values


def template_out(template: RecommendationTemplate) -> dict[str, Any]:
    values = template_values(template)
    return {"item": template.item.code, **values, "service_id": template.service_id, "etag": etag(values)}
