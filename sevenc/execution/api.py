"""API: work items of approved roadmaps (owner, dates, hours against their version; status moves), their
tasks and progress notes, and the execution meetings of each cadence."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Status

from sevenc.clients.models import Client
from sevenc.execution.models import Meeting, WorkItem, WorkTask
from sevenc.execution.queries import period_of
from sevenc.execution.services import (
    WorkError,
    add_note,
    add_task,
    record_meeting,
    remove_task,
    set_task_done,
    set_work_status,
    update_work_item,
)
from sevenc.execution.workflow import STATUSES
from sevenc.lib.api import (
    QUARTER_LABEL,
    USERNAME,
    Day,
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
    username,
)
from sevenc.lib.bounds import HOURS, LONG_TEXT, NAME, NOTE, TITLE
from sevenc.raci.models import Party
from sevenc.tenancy.access import STAFF
from sevenc.tenancy.members import member_user
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["execution"])
WorkStatus = Literal[tuple(STATUSES)]  # type: ignore[valid-type]
Cadence = Literal["week", "month", "quarter"]


class TaskOut(Out):
    id: int
    title: str
    done: bool
    position: int


class NoteOut(Out):
    id: int
    author: str | None
    created_at: dt.datetime
    text: str


class WorkItemOut(Out):
    id: int
    client_id: int
    recommendation_id: int | None
    project_id: int | None
    run_id: int
    title: str
    item: str
    quarter: str
    start: dt.date
    due: dt.date
    estimated_hours: float
    owner: str | None
    owner_party_id: int | None  # one of the client's parties (responsibility), instead of an owner
    status: WorkStatus  # type: ignore[valid-type]
    completed_at: dt.datetime | None
    closed_at: dt.datetime | None
    version: int


class WorkItemDetailOut(WorkItemOut):
    tasks: list[TaskOut]
    notes: list[NoteOut]


class WorkItemPatch(In):
    """The fields to change and the `version` you read; `owner` is a username, `owner_party_id` one of
    the client's parties (either, not both; null: no owner)."""

    version: Version
    start: Day | None = None
    due: Day | None = None
    estimated_hours: number(HOURS) | None = None  # type: ignore[valid-type]
    owner: text(NAME) | None = None  # type: ignore[valid-type]
    owner_party_id: ObjectId | None = None


class WorkStatusIn(In):
    status: WorkStatus  # type: ignore[valid-type]
    version: Version


class TaskIn(In):
    title: text(TITLE, required=True)  # type: ignore[valid-type]


class TaskPatch(In):
    done: Flag


class NoteIn(In):
    text: text(NOTE, required=True)  # type: ignore[valid-type]


class WorkQuery(PageQuery):
    client: PathId | None = None
    status: WorkStatus | None = None  # type: ignore[valid-type]
    owner: text(USERNAME) | None = None  # type: ignore[valid-type]
    quarter: text(QUARTER_LABEL) | None = None  # type: ignore[valid-type]
    open: bool | None = None
    order: Literal["due", "-due", "start", "status"] = "due"


class MeetingOut(Out):
    id: int
    client_id: int
    cadence: Cadence
    date: dt.date
    agenda: str
    decisions: str
    notes: str
    recorded_by: str | None
    version: int


class MeetingIn(In):
    """Record a meeting; `date` is any day of its week, month or fiscal quarter (stored as the first
    day); `version` is the one you read (0 for a meeting not recorded yet)."""

    cadence: Cadence
    date: Day
    agenda: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    decisions: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    notes: text(LONG_TEXT) = ""  # type: ignore[valid-type]
    version: Version


class MeetingQuery(PageQuery):
    client: PathId | None = None
    cadence: Cadence | None = None


def work_item_out(item: WorkItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "client_id": item.client_id,
        "recommendation_id": item.recommendation_id,
        "project_id": item.project_id,
        "run_id": item.run_id,
        "title": item.title,
        "item": item.item_code,
        "quarter": item.quarter,
        "start": item.start,
        "due": item.due,
        "estimated_hours": money(item.estimated_hours),
        "owner": username(item.owner),
        "owner_party_id": item.owner_party_id,
        "status": item.status,
        "completed_at": item.completed_at,
        "closed_at": item.closed_at,
        "version": item.version,
    }


def _detail(item: WorkItem) -> dict[str, Any]:
    return {
        **work_item_out(item),
        "tasks": [
            {"id": t.pk, "title": t.title, "done": t.done, "position": t.position} for t in item.tasks.all()
        ],
        "notes": [
            {"id": n.pk, "author": username(n.author), "created_at": n.created_at, "text": n.text}
            for n in item.notes.select_related("author")
        ],
    }


def meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "client_id": meeting.client_id,
        "cadence": meeting.cadence,
        "date": meeting.date,
        "agenda": meeting.agenda,
        "decisions": meeting.decisions,
        "notes": meeting.notes,
        "recorded_by": username(meeting.recorded_by),
        "version": meeting.version,
    }


def _item(caller: Any, item_id: int) -> WorkItem:
    return get_scoped(WorkItem, caller.scope, pk=item_id)


@router.get("/work-items", response=answers(Page[WorkItemOut]))
def list_work(request: HttpRequest, query: Query[WorkQuery]) -> dict[str, Any]:
    """Work items (e.g. `?owner=alice&open=true`); replaced ones carry `closed_at`."""
    caller = caller_of(request)
    rows = scoped(WorkItem, caller.scope).select_related("recommendation__item", "project", "owner")
    if query.client is not None:
        rows = rows.filter(client_id=query.client)
    if query.status:
        rows = rows.filter(status=query.status)
    if query.owner:
        rows = rows.filter(owner__username=query.owner)
    if query.quarter:
        rows = rows.filter(quarter=query.quarter)
    if query.open is not None:
        rows = rows.filter(closed_at__isnull=query.open)
    return page(rows, query, work_item_out, order=query.order)


@router.get("/work-items/{item_id}", response=answers(WorkItemDetailOut))
def get_work_item(request: HttpRequest, item_id: PathId) -> dict[str, Any]:
    return _detail(_item(caller_of(request), item_id))


@router.patch("/work-items/{item_id}", response=answers(WorkItemDetailOut))
def patch_work_item(request: HttpRequest, item_id: PathId, payload: WorkItemPatch) -> dict[str, Any]:
    """Change owner, dates or hours; 409 when the item changed since the `version` you read."""
    caller = require_role(caller_of(request), *STAFF)
    item = _item(caller, item_id)
    changes = payload.dict(exclude_unset=True)
    owner: Any = item.owner_party if item.owner_party_id is not None else item.owner
    if "owner" in changes:
        owner = member_user(
            caller.msp, changes["owner"], roles=STAFF, field="owner", what="a member of staff"
        )
    if "owner_party_id" in changes:
        party_id = changes["owner_party_id"]
        if party_id is not None and changes.get("owner") is not None:
            raise WorkError("give an owner or an owner party, not both", field="owner_party_id")
        if party_id is not None:
            owner = get_scoped(Party, caller.scope, pk=party_id)
        elif "owner" not in changes:
            owner = None
    updated = update_work_item(
        actor=caller,
        item=item,
        start=changes.get("start") or item.start,
        due=changes.get("due") or item.due,
        estimated_hours=item.estimated_hours
        if changes.get("estimated_hours") is None
        else changes["estimated_hours"],
        owner=owner,
        expected_version=changes["version"],
    )
    return _detail(updated)


@router.post("/work-items/{item_id}/status", response=answers(WorkItemDetailOut))
def move_work_item(request: HttpRequest, item_id: PathId, payload: WorkStatusIn) -> dict[str, Any]:
    """Move it along its workflow; its recommendation follows (done proposes its level to the next
    assessment)."""
    caller = require_role(caller_of(request), *STAFF)
    item = _item(caller, item_id)
    moved = set_work_status(actor=caller, item=item, status=payload.status, expected_version=payload.version)
    return _detail(moved)


@router.post("/work-items/{item_id}/tasks", response=answers(TaskOut, 201))
def new_task(request: HttpRequest, item_id: PathId, payload: TaskIn) -> Status[dict[str, Any]]:
    caller = require_role(caller_of(request), *STAFF)
    task = add_task(actor=caller, item=_item(caller, item_id), title=payload.title)
    return Status(201, {"id": task.pk, "title": task.title, "done": task.done, "position": task.position})


@router.patch("/tasks/{task_id}", response=answers(TaskOut))
def patch_task(request: HttpRequest, task_id: PathId, payload: TaskPatch) -> dict[str, Any]:
    """Tick (`done: true`) or untick a task."""
    caller = require_role(caller_of(request), *STAFF)
    task = get_scoped(WorkTask, caller.scope, pk=task_id)
    set_task_done(actor=caller, task=task, done=payload.done)
    task.refresh_from_db()
    return {"id": task.pk, "title": task.title, "done": task.done, "position": task.position}


@router.delete("/tasks/{task_id}", response=answers(None, 204))
def delete_task(request: HttpRequest, task_id: PathId) -> Status[None]:
    caller = require_role(caller_of(request), *STAFF)
    remove_task(actor=caller, task=get_scoped(WorkTask, caller.scope, pk=task_id))
    return Status(204, None)


@router.post("/work-items/{item_id}/notes", response=answers(NoteOut, 201))
def new_note(request: HttpRequest, item_id: PathId, payload: NoteIn) -> Status[dict[str, Any]]:
    """A dated progress note (done items take notes too: what was learnt stays with the work)."""
    caller = require_role(caller_of(request), *STAFF)
    note = add_note(actor=caller, item=_item(caller, item_id), text=payload.text)
    return Status(
        201,
        {"id": note.pk, "author": username(note.author), "created_at": note.created_at, "text": note.text},
    )


@router.get("/meetings", response=answers(Page[MeetingOut]))
def list_meetings(request: HttpRequest, query: Query[MeetingQuery]) -> dict[str, Any]:
    caller = caller_of(request)
    rows = scoped(Meeting, caller.scope).select_related("recorded_by")
    if query.client is not None:
        rows = rows.filter(client_id=query.client)
    if query.cadence:
        rows = rows.filter(cadence=query.cadence)
    return page(rows, query, meeting_out, order=("-date", "cadence"))


@router.put("/clients/{client_id}/meetings", response=answers(MeetingOut))
def put_meeting(request: HttpRequest, client_id: PathId, payload: MeetingIn) -> dict[str, Any]:
    """Record the decisions and notes of the client's weekly, monthly or quarterly meeting."""
    caller = require_role(caller_of(request), *STAFF)
    client = get_scoped(Client, caller.scope, pk=client_id)
    start, _ = period_of(payload.cadence, payload.date, client.fiscal_year_start_month)
    meeting = record_meeting(
        actor=caller,
        client=client,
        cadence=payload.cadence,
        date=start,
        agenda=payload.agenda,
        decisions=payload.decisions,
        notes=payload.notes,
        expected_version=payload.version,
    )
    return meeting_out(meeting)
