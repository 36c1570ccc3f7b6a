"""API: what the budget side of the roadmap edits — one quarter's limits (against its version), a fiscal
year's budget spread over its quarters, projects beyond the gaps, and the budget → ITCQ frontier."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Status

from sevenc.clients.models import Client
from sevenc.goals.models import Workshop
from sevenc.lib.api import (
    QUARTER_LABEL,
    Code,
    Flag,
    In,
    ObjectId,
    Out,
    Page,
    PageQuery,
    PathId,
    Version,
    answers,
    caller_of,
    money,
    number,
    page,
    require_role,
    text,
)
from sevenc.lib.bounds import LONG_TEXT, TITLE, Number
from sevenc.roadmap.api_schemas import SOLVE_SECONDS, Hours, Money, QuarterOut, RunOut, quarter_out, run_out
from sevenc.roadmap.models import QuarterPlan, Recommendation
from sevenc.roadmap.optimiser.frontier import MAX_FACTOR, MAX_POINTS
from sevenc.roadmap.projects import Frontier, Project
from sevenc.roadmap.services import (
    RoadmapError,
    adopt_frontier_point,
    compute_frontier,
    remove_project,
    save_project,
    set_year_budget,
    update_quarter,
)
from sevenc.tenancy.access import MANAGERS
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["roadmap"])
FACTOR = Number("factor", Decimal("0.01"), Decimal(str(MAX_FACTOR)), None)
Factor = number(FACTOR)
MAX_SOLVE_SECONDS = 60  # the points are solved in turn: a request must end well within the server's timeout
FISCAL_YEAR = Number("fiscal year", Decimal(1900), Decimal(2199), 0)


class QuarterPatch(In):
    """One quarter's limits and the `version` you read."""

    version: Version
    budget: Money  # type: ignore[valid-type]
    capacity_hours: Hours  # type: ignore[valid-type]
    recurring_ceiling: Money | None = None  # type: ignore[valid-type]


class YearBudgetIn(In):
    """A fiscal year's one-time budget, spread evenly over its planned quarters."""

    fiscal_year: number(FISCAL_YEAR)  # type: ignore[valid-type]
    total: Money  # type: ignore[valid-type]


class ProjectOut(Out):
    id: int
    client_id: int
    workshop_id: int
    title: str
    description: str
    one_time_cost: float
    monthly_cost: float
    effort_hours: float
    items: list[str]
    after_recommendations: list[int]
    after_projects: list[int]
    pin_quarter: str
    excluded: bool
    status: Literal["proposed", "approved", "in_progress", "done", "deferred"]
    quarter: str
    due_date: dt.date | None
    completed_at: dt.datetime | None
    version: int


class ProjectIn(In):
    """A project beyond the gaps; `items` are the framework items it raises to their target (none needed),
    `after_*` what must be done first (ids of the same workshop)."""

    title: text(TITLE, required=True)  # type: ignore[valid-type]
    description: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    one_time_cost: Money = Decimal(0)  # type: ignore[valid-type]
    monthly_cost: Money = Decimal(0)  # type: ignore[valid-type]
    effort_hours: Hours = Decimal(0)  # type: ignore[valid-type]
    items: list[Code] = []
    after_recommendations: list[ObjectId] = []
    after_projects: list[ObjectId] = []
    pin_quarter: text(QUARTER_LABEL) = ""  # type: ignore[valid-type]
    excluded: Flag = False


class ProjectPatch(ProjectIn):
    """The whole project as it should be, and the `version` you read."""

    version: Version


class ProjectQuery(PageQuery):
    client: PathId | None = None
    workshop: PathId | None = None


class FrontierIn(In):
    factors: list[Factor] = Field([0.5, 0.75, 1.0, 1.25, 1.5], min_length=1, max_length=MAX_POINTS)  # type: ignore[valid-type]
    time_limit: number(SOLVE_SECONDS) = 10  # type: ignore[valid-type]


class FrontierOut(Out):
    id: int
    client_id: int
    workshop_id: int
    created_at: dt.datetime
    points: list[dict[str, Any]]


class FrontierQuery(PageQuery):
    client: PathId | None = None
    workshop: PathId | None = None


class AdoptIn(In):
    factor: Factor  # type: ignore[valid-type]


def project_out(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "client_id": project.client_id,
        "workshop_id": project.workshop_id,
        "title": project.title,
        "description": project.description,
        "one_time_cost": money(project.one_time_cost),
        "monthly_cost": money(project.monthly_cost),
        "effort_hours": money(project.effort_hours),
        "items": sorted(item.code for item in project.items.all()),
        "after_recommendations": sorted(rec.pk for rec in project.after_recommendations.all()),
        "after_projects": sorted(other.pk for other in project.after_projects.all()),
        "pin_quarter": project.pin_quarter,
        "excluded": project.excluded,
        "status": project.status,
        "quarter": project.quarter,
        "due_date": project.due_date,
        "completed_at": project.completed_at,
        "version": project.version,
    }


def frontier_out(frontier: Frontier) -> dict[str, Any]:
    return {
        "id": frontier.pk,
        "client_id": frontier.client_id,
        "workshop_id": frontier.workshop_id,
        "created_at": frontier.created_at,
        "points": list(frontier.points),
    }


@router.patch("/quarters/{quarter_id}", response=answers(QuarterOut))
def patch_quarter(request: HttpRequest, quarter_id: PathId, payload: QuarterPatch) -> dict[str, Any]:
    """Set one quarter's one-time budget, capacity and recurring ceiling; 409 on a stale `version`."""
    caller = require_role(caller_of(request), *MANAGERS)
    quarter = get_scoped(QuarterPlan, caller.scope, pk=quarter_id)
    data = payload.dict()
    return quarter_out(update_quarter(quarter=quarter, expected_version=data.pop("version"), **data))


@router.post("/clients/{client_id}/quarters/year", response=answers(list[QuarterOut]))
def year_budget(request: HttpRequest, client_id: PathId, payload: YearBudgetIn) -> list[dict[str, Any]]:
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=client_id)
    quarters = set_year_budget(client=client, fiscal_year=payload.fiscal_year, total=payload.total)
    return [quarter_out(quarter) for quarter in quarters]


def _projects(caller: Any) -> Any:
    return scoped(Project, caller.scope).prefetch_related("items", "after_recommendations", "after_projects")


def _dependencies(caller: Any, workshop: Workshop, data: dict[str, Any]) -> dict[str, Any]:
    """Ids of prerequisites as objects of the same workshop, else a 422 naming the field."""
    found: dict[str, Any] = {}
    for field, model in (("after_recommendations", Recommendation), ("after_projects", Project)):
        ids = list(dict.fromkeys(data.pop(field)))
        rows = {row.pk: row for row in scoped(model, caller.scope).filter(pk__in=ids, workshop=workshop)}
        missing = [pk for pk in ids if pk not in rows]
        if missing:
            raise RoadmapError(f"no {model._meta.verbose_name} {missing[0]} in this workshop", field=field)
        found[field] = [rows[pk] for pk in ids]
    return found


@router.get("/projects", response=answers(Page[ProjectOut]))
def list_projects(request: HttpRequest, query: Query[ProjectQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = _projects(caller)
    for name, value in (("client_id", query.client), ("workshop_id", query.workshop)):
        if value is not None:
            rows = rows.filter(**{name: value})
    return page(rows, query, project_out, order="title")


@router.get("/projects/{project_id}", response=answers(ProjectOut))
def get_project(request: HttpRequest, project_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return project_out(get_scoped(Project, caller.scope, pk=project_id))


@router.post("/workshops/{workshop_id}/projects", response=answers(ProjectOut, 201))
def new_project(request: HttpRequest, workshop_id: PathId, payload: ProjectIn) -> Status[dict[str, Any]]:
    """A project planned with the recommendations: it always gets a quarter unless excluded."""
    caller = require_role(caller_of(request), *MANAGERS)
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_id)
    data = payload.dict()
    links = _dependencies(caller, workshop, data)
    project = save_project(workshop=workshop, item_codes=data.pop("items"), **links, **data)
    return Status(201, project_out(project))


@router.put("/projects/{project_id}", response=answers(ProjectOut))
def put_project(request: HttpRequest, project_id: PathId, payload: ProjectPatch) -> dict[str, Any]:
    """Replace a project's fields; 409 when it changed since the `version` you read."""
    caller = require_role(caller_of(request), *MANAGERS)
    project = get_scoped(Project, caller.scope, pk=project_id)
    data = payload.dict()
    version = data.pop("version")
    links = _dependencies(caller, project.workshop, data)
    saved = save_project(
        workshop=project.workshop,
        project=project,
        item_codes=data.pop("items"),
        expected_version=version,
        **links,
        **data,
    )
    return project_out(saved)


@router.delete("/projects/{project_id}", response=answers(None, 204))
def delete_project(request: HttpRequest, project_id: PathId) -> Status[None]:
    """Remove a project not yet approved (approved work is deferred instead: 422)."""
    caller = require_role(caller_of(request), *MANAGERS)
    remove_project(project=get_scoped(Project, caller.scope, pk=project_id))
    return Status(204, None)


@router.post("/workshops/{workshop_id}/frontier", response=answers(FrontierOut, 201))
def new_frontier(request: HttpRequest, workshop_id: PathId, payload: FrontierIn) -> Status[dict[str, Any]]:
    """The budget → ITCQ frontier: one proven roadmap per factor (at most 20) scaling every quarter's
    one-time budget."""
    caller = require_role(caller_of(request), *MANAGERS)
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_id)
    if len(payload.factors) * float(payload.time_limit) > MAX_SOLVE_SECONDS:
        raise RoadmapError(
            f"at most {MAX_SOLVE_SECONDS} solver-seconds per request: give fewer factors or a shorter time_limit",
            field="time_limit",
        )
    frontier = compute_frontier(
        actor=caller,
        workshop=workshop,
        factors=[float(f) for f in payload.factors],
        time_limit=float(payload.time_limit),
    )
    return Status(201, frontier_out(frontier))


@router.get("/frontiers", response=answers(Page[FrontierOut]))
def list_frontiers(request: HttpRequest, query: Query[FrontierQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = scoped(Frontier, caller.scope)
    for name, value in (("client_id", query.client), ("workshop_id", query.workshop)):
        if value is not None:
            rows = rows.filter(**{name: value})
    return page(rows, query, frontier_out, order="-created_at")


@router.get("/frontiers/{frontier_id}", response=answers(FrontierOut))
def get_frontier(request: HttpRequest, frontier_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return frontier_out(get_scoped(Frontier, caller.scope, pk=frontier_id))


@router.post("/frontiers/{frontier_id}/adopt", response=answers(RunOut, 201))
def adopt(request: HttpRequest, frontier_id: PathId, payload: AdoptIn) -> Status[dict[str, Any]]:
    """Take one point's budgets for the quarters and optimise the roadmap again from its schedule."""
    caller = require_role(caller_of(request), *MANAGERS)
    frontier = get_scoped(Frontier, caller.scope, pk=frontier_id)
    return Status(201, run_out(adopt_frontier_point(actor=caller, frontier=frontier, factor=payload.factor)))
