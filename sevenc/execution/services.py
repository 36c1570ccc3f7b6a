"""Everything that changes work items, their tasks and notes, execution meetings and calendar feeds.
Keyword-only, one transaction each, the row locked and its state checked under the lock."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sevenc.clients.models import Client
from sevenc.execution.models import Meeting, ProgressNote, WorkItem, WorkTask
from sevenc.execution.planning import prerequisites
from sevenc.execution.workflow import DONE, OPEN, RECOMMENDATION_STATUS, STATUSES, WORK_MOVES
from sevenc.lib.bounds import HOURS
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.fields import clean_text
from sevenc.raci.models import Party
from sevenc.roadmap.models import Recommendation
from sevenc.roadmap.projects import Project
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import scoped

STAFF_ROLES = (Role.OWNER, Role.VCIO, Role.ENGINEER)


class WorkError(DomainError):
    """A change to a work item that cannot be made; the message names the field."""


def _locked_item(actor: Caller, item: WorkItem) -> WorkItem:
    current = scoped(WorkItem, actor.scope).select_for_update(of=("self",)).get(pk=item.pk)
    if current.closed_at is not None:
        raise Conflict(
            f"this work item belongs to a roadmap that was replaced on {current.closed_at:%b %-d, %Y}; "
            "plan it again on the current roadmap",
            field="status",
        )
    return current


def _check_version(current: WorkItem, expected_version: int | None) -> None:
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            f"{current.title!r} was changed by someone else while you edited it (now {current.get_status_display()}, "
            f"due {current.due:%b %-d}); your change was not saved — the page now shows theirs",
            field="version",
        )


def set_work_status(
    *, actor: Caller, item: WorkItem, status: str, expected_version: int | None = None
) -> WorkItem:
    """Move a work item along its workflow; its recommendation follows (done proposes its target level
    to the next assessment)."""
    if status not in STATUSES:
        raise WorkError(f"{status!r} is not one of {', '.join(STATUSES)}", field="status")
    with transaction.atomic():
        current = _locked_item(actor, item)
        _check_version(current, expected_version)
        WORK_MOVES.check(role=actor.role, source=current.status, target=status)
        now = timezone.now()
        current.status = status
        current.completed_at = now if status == DONE else None
        current.version += 1
        current.save()
        entry = (
            scoped(type(current.entry), actor.scope).select_for_update(of=("self",)).get(pk=current.entry.pk)
        )
        entry.status = RECOMMENDATION_STATUS[status]
        entry.completed_at = now if status == DONE else None
        entry.version += 1
        entry.save(update_fields=["status", "completed_at", "version"])
    return current


def _owner(actor: Caller, item: WorkItem, owner: Any) -> tuple[Any, Party | None]:
    """(user, party): an MSP person who can do the work, or one of this client's parties."""
    if owner is None:
        return None, None
    if isinstance(owner, Party):
        if not scoped(Party, actor.scope).filter(pk=owner.pk, client_id=item.client_id).exists():
            raise WorkError(f"{owner.name!r} is not a party of {item.client.name}", field="owner")
        return None, owner
    member = scoped(Membership, actor.scope).filter(user_id=owner.pk, role__in=STAFF_ROLES)
    if not member.exists():
        raise WorkError(
            "must be an owner, vCIO or engineer of this MSP, or a party of the client", field="owner"
        )
    return owner, None


def _items_of(actor: Caller, entries: list[Any]) -> Any:
    recs = [e.pk for e in entries if isinstance(e, Recommendation)]
    projects = [e.pk for e in entries if isinstance(e, Project)]
    found = (
        scoped(WorkItem, actor.scope)
        .filter(status__in=OPEN)
        .filter(Q(recommendation__in=recs) | Q(project__in=projects))
    )
    return found.select_related("recommendation", "project")


def _dependants(actor: Caller, entry: Any) -> list[Any]:
    """What waits for `entry`: recommendations that depend on it, projects that come after it."""
    if isinstance(entry, Project):
        return list(scoped(Project, actor.scope).filter(after_projects=entry))
    waiting = list(entry.dependents.all())
    return [*waiting, *scoped(Project, actor.scope).filter(after_recommendations=entry)]


def _check_dependencies(actor: Caller, item: WorkItem, start: dt.date, due: dt.date) -> None:
    """A dependant may not start before its prerequisites are due, nor a prerequisite be due after its
    dependants start."""
    for prerequisite in _items_of(actor, prerequisites(item.entry)):
        if prerequisite.due >= start:
            raise WorkError(
                f"starts before its prerequisite {prerequisite.title!r} is due ({prerequisite.due:%b %-d}); "
                "start after that",
                field="start",
            )
    for dependant in _items_of(actor, _dependants(actor, item.entry)):
        if dependant.start <= due:
            raise WorkError(
                f"is due after {dependant.title!r} starts ({dependant.start:%b %-d}), which depends on it",
                field="due",
            )


def update_work_item(
    *,
    actor: Caller,
    item: WorkItem,
    start: dt.date,
    due: dt.date,
    estimated_hours: Any,
    owner: Any = None,
    expected_version: int | None = None,
) -> WorkItem:
    if not isinstance(start, dt.date) or not isinstance(due, dt.date):
        raise WorkError("give start and due as dates", field="start")
    if due < start:
        raise WorkError(f"{due:%b %-d, %Y} is before the start ({start:%b %-d, %Y})", field="due")
    hours = HOURS.parse(estimated_hours, field="estimated_hours")
    user, party = _owner(actor, item, owner)
    with transaction.atomic():
        current = _locked_item(actor, item)
        _check_version(current, expected_version)
        if current.status == DONE:
            raise current.final_error()
        _check_dependencies(actor, current, start, due)
        current.start, current.due, current.estimated_hours = start, due, hours
        current.owner, current.owner_party = user, party
        current.version += 1
        current.save()
        entry = current.entry
        entry.due_date = due
        entry.save(update_fields=["due_date"])  # through the model: the audit trail records it
    return current


def add_task(*, actor: Caller, item: WorkItem, title: str) -> WorkTask:
    title = clean_text(WorkTask, "title", title, required=True)
    with transaction.atomic():
        current = _locked_item(actor, item)
        if current.status == DONE:
            raise current.final_error()
        position = current.tasks.count()
        return WorkTask.objects.create(item=current, title=title, position=position)


def set_task_done(*, actor: Caller, task: WorkTask, done: bool) -> bool:
    """Tick or untick a task; True when every task of its item is now done (offer to finish the item)."""
    if not isinstance(done, bool):
        raise WorkError("must be true or false", field="done")
    with transaction.atomic():
        current = _locked_item(actor, task.item)
        if current.status == DONE:
            raise current.final_error()
        stored = current.tasks.get(pk=task.pk)
        stored.done = done
        stored.save(update_fields=["done"])  # through the model: the audit trail records it
        return not current.tasks.filter(done=False).exists()


def remove_task(*, actor: Caller, task: WorkTask) -> None:
    with transaction.atomic():
        current = _locked_item(actor, task.item)
        if current.status == DONE:
            raise current.final_error()
        current.tasks.filter(pk=task.pk).delete()


def add_note(*, actor: Caller, item: WorkItem, text: str) -> ProgressNote:
    """A dated progress note (also on done items: what was learnt stays with the work)."""
    text = clean_text(ProgressNote, "text", text, required=True)
    with transaction.atomic():
        current = scoped(WorkItem, actor.scope).select_for_update(of=("self",)).get(pk=item.pk)
        return ProgressNote.objects.create(item=current, author=actor.user, text=text)


def record_meeting(
    *,
    actor: Caller,
    client: Client,
    cadence: str,
    date: dt.date,
    agenda: str = "",
    decisions: str = "",
    notes: str = "",
    expected_version: int | None = None,
) -> Meeting:
    """Record (or update) the decisions and notes of one execution meeting of the client."""
    if cadence not in Meeting.Cadence.values:
        raise WorkError(f"{cadence!r} is not one of {', '.join(Meeting.Cadence.values)}", field="cadence")
    fields = {
        "agenda": clean_text(Meeting, "agenda", agenda),
        "decisions": clean_text(Meeting, "decisions", decisions),
        "notes": clean_text(Meeting, "notes", notes),
    }
    with transaction.atomic():
        created, _ = Meeting.objects.get_or_create(client=client, cadence=cadence, date=date)
        meeting = client.execution_meetings.select_for_update(of=("self",)).get(pk=created.pk)
        if expected_version is not None and meeting.version != expected_version:
            raise Conflict(
                "someone recorded this meeting while you edited it; the page now shows theirs",
                field="version",
            )
        for key, value in fields.items():
            setattr(meeting, key, value)
        meeting.recorded_by = actor.user
        meeting.version += 1
        meeting.save()
        return meeting
