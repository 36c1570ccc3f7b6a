"""API: goal-setting workshops — start one on a completed assessment, set its targets (against its
version), business goals, and the gap analysis."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status

from sevenc.assessments.models import Assessment
from sevenc.clients.models import Client
from sevenc.goals.gaps import BENEFIT_CHOICES
from sevenc.goals.models import Goal, Workshop
from sevenc.goals.services import add_goal, delete_goal, gap_analysis, set_targets, start_workshop, targets_of
from sevenc.lib.api import (
    Code,
    Day,
    In,
    ObjectId,
    Out,
    Page,
    PageQuery,
    PathId,
    Version,
    answers,
    caller_of,
    number,
    page,
    require_role,
    text,
)
from sevenc.lib.bounds import LEVEL, NAME, NOTE, PERCENT
from sevenc.tenancy.access import MANAGERS
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["goals"])

Benefit = Literal[tuple(code for code, _ in BENEFIT_CHOICES)]  # type: ignore[valid-type]
Percent = number(PERCENT)
Level = number(LEVEL)


class GoalOut(Out):
    id: int
    text: str
    owner: str
    due_date: dt.date | None
    benefit_group: str
    blocks: list[str]
    items: list[str]


class WorkshopOut(Out):
    id: int
    client_id: int
    baseline_id: int
    held_on: dt.date
    target_date: dt.date | None
    notes: str
    version: int
    block_targets: dict[str, float]
    item_targets: dict[str, int]


class WorkshopDetailOut(WorkshopOut):
    goals: list[GoalOut]


class WorkshopIn(In):
    client_id: ObjectId
    baseline_id: ObjectId
    held_on: Day
    target_date: Day | None = None


class TargetsIn(In):
    """Replaces the block targets; sets (a level) or clears (null) the item targets given."""

    version: Version
    block_targets: dict[Code, Percent]  # type: ignore[valid-type]
    item_targets: dict[Code, Level | None] = {}  # type: ignore[valid-type]
    target_date: Day | None = None


class GoalIn(In):
    text: text(NOTE, required=True)  # type: ignore[valid-type]
    benefit_group: Benefit  # type: ignore[valid-type]
    owner: text(NAME) = ""  # type: ignore[valid-type]
    due_date: Day | None = None
    blocks: list[Code] = []
    items: list[Code] = []


class WorkshopQuery(PageQuery):
    client: PathId | None = None
    order: Literal["held_on", "-held_on"] = "-held_on"


class ItemGapOut(Out):
    item: str
    block: str
    current_level: int
    target_level: int
    gain: float


class BlockGapOut(Out):
    block: str
    current: float | None
    target: float | None
    gap: float | None


class GapsOut(Out):
    itcq: float | None
    gaps: list[ItemGapOut]
    blocks: list[BlockGapOut]
    assess_first: list[str]


def goal_out(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "text": goal.text,
        "owner": goal.owner,
        "due_date": goal.due_date,
        "benefit_group": goal.benefit_group,
        "blocks": sorted(block.code for block in goal.blocks.all()),
        "items": sorted(item.code for item in goal.items.all()),
    }


def workshop_out(workshop: Workshop) -> dict[str, Any]:
    blocks, items = targets_of(workshop)
    return {
        "id": workshop.pk,
        "client_id": workshop.client_id,
        "baseline_id": workshop.baseline_id,
        "held_on": workshop.held_on,
        "target_date": workshop.target_date,
        "notes": workshop.notes,
        "version": workshop.version,
        "block_targets": blocks,
        "item_targets": items,
    }


def _detail(workshop: Workshop) -> dict[str, Any]:
    goals = workshop.goals.prefetch_related("blocks", "items")
    return {**workshop_out(workshop), "goals": [goal_out(goal) for goal in goals]}


@router.get("/workshops", response=answers(Page[WorkshopOut]))
def list_workshops(request: HttpRequest, query: Query[WorkshopQuery]) -> dict[str, Any]:
    """Goal-setting workshops, newest first; a client's latest one holds its current targets."""
    caller = caller_of(request)
    rows = scoped(Workshop, caller.scope)
    if query.client is not None:
        rows = rows.filter(client_id=query.client)
    return page(rows, query, workshop_out, order=query.order)


@router.get("/workshops/{workshop_id}", response=answers(WorkshopDetailOut))
def get_workshop(request: HttpRequest, workshop_id: PathId) -> dict[str, Any]:
    caller = caller_of(request)
    return _detail(get_scoped(Workshop, caller.scope, pk=workshop_id))


@router.post("/workshops", response=answers(WorkshopDetailOut, 201))
def new_workshop(request: HttpRequest, payload: WorkshopIn) -> Status[dict[str, Any]]:
    """Start a workshop on a completed assessment of the client (the next one starts from the previous
    workshop's targets and needs a later baseline)."""
    caller = require_role(caller_of(request), *MANAGERS)
    client = get_scoped(Client, caller.scope, pk=payload.client_id)
    baseline = get_scoped(Assessment, caller.scope, pk=payload.baseline_id, client=client)
    workshop = start_workshop(
        client=client, baseline=baseline, held_on=payload.held_on, target_date=payload.target_date
    )
    return Status(201, _detail(workshop))


@router.put("/workshops/{workshop_id}/targets", response=answers(WorkshopDetailOut))
def put_targets(request: HttpRequest, workshop_id: PathId, payload: TargetsIn) -> dict[str, Any]:
    """Set the targets: block scores 0–100 and item levels 0–4. 409 when they changed since `version`."""
    caller = require_role(caller_of(request), *MANAGERS)
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_id)
    saved = set_targets(
        workshop=workshop,
        block_targets=payload.block_targets,
        item_targets=payload.item_targets,
        target_date=payload.target_date,
        expected_version=payload.version,
    )
    return _detail(saved)


@router.get("/workshops/{workshop_id}/gaps", response=answers(GapsOut))
def get_gaps(request: HttpRequest, workshop_id: PathId) -> dict[str, Any]:
    """The baseline's gaps against the targets, biggest ITCQ gain first."""
    caller = caller_of(request)
    return gap_analysis(get_scoped(Workshop, caller.scope, pk=workshop_id)).to_json()


@router.post("/workshops/{workshop_id}/goals", response=answers(GoalOut, 201))
def new_goal(request: HttpRequest, workshop_id: PathId, payload: GoalIn) -> Status[dict[str, Any]]:
    """A business goal of the workshop, linked to the blocks and items it needs."""
    caller = require_role(caller_of(request), *MANAGERS)
    workshop = get_scoped(Workshop, caller.scope, pk=workshop_id)
    goal = add_goal(
        workshop=workshop,
        text=payload.text,
        benefit_group=payload.benefit_group,
        owner=payload.owner,
        due_date=payload.due_date,
        block_codes=payload.blocks,
        item_codes=payload.items,
    )
    return Status(201, goal_out(goal))


@router.delete("/goals/{goal_id}", response=answers(None, 204))
def remove_goal(request: HttpRequest, goal_id: PathId) -> Status[None]:
    caller = require_role(caller_of(request), *MANAGERS)
    delete_goal(goal=get_scoped(Goal, caller.scope, pk=goal_id))
    return Status(204, None)
