"""Turning an approved roadmap into work items: dates spread over each quarter, owners, and the hand-over
from the roadmap it replaces. Called inside the approving transaction (see receivers.py)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone

from sevenc.execution.models import ProgressNote, WorkItem
from sevenc.execution.scheduling import Job, spread
from sevenc.execution.workflow import DEFERRED, IN_PROGRESS, OPEN, PLANNED
from sevenc.roadmap.models import QuarterPlan, Recommendation, RoadmapRun
from sevenc.roadmap.projects import Project, entry_key, split_schedule
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import scoped


def _default_owner(run: RoadmapRun, actor: Caller):  # type: ignore[no-untyped-def]
    if run.client.vcio_id is not None:
        return run.client.vcio
    return actor.user if actor.role in ("owner", "vcio", "engineer") else None


def _entries(actor: Caller, run: RoadmapRun) -> dict[str, tuple[Any, str]]:
    """Entry key → (recommendation or project, quarter label) for everything the run schedules."""
    by_rec, by_project = split_schedule(run.schedule)
    found: dict[str, tuple[Any, str]] = {}
    recs = (
        scoped(Recommendation, actor.scope)
        .filter(pk__in=by_rec)
        .select_related("item")
        .prefetch_related("depends_on")
    )
    for rec in recs:
        if label := by_rec[rec.pk]:
            found[entry_key(rec)] = (rec, label)
    projects = (
        scoped(Project, actor.scope)
        .filter(pk__in=by_project)
        .prefetch_related("after_recommendations", "after_projects")
    )
    for project in projects:
        if label := by_project[project.pk]:
            found[entry_key(project)] = (project, label)
    return found


def prerequisites(entry: Any) -> list[Any]:
    """What an entry waits for: a recommendation's prerequisites, a project's recommendations and projects."""
    if isinstance(entry, Project):
        return [*entry.after_recommendations.all(), *entry.after_projects.all()]
    return list(entry.depends_on.all())


def _order(entry: Any) -> int:
    """Ready work in priority order (projects, which have no priority, after the high-priority fixes)."""
    if isinstance(entry, Project):
        return 15_000
    return entry.priority * 10_000 + entry.item.position


def plan_work(*, actor: Caller, run: RoadmapRun, on: dt.date) -> list[WorkItem]:
    """Create or update one work item per recommendation or project the approved `run` schedules. Work
    already started keeps its dates; the rest is spread over its quarter (from `on` for the quarter under
    way). Open items of an earlier roadmap that this one does not schedule are closed as deferred."""
    quarters = {q.label: q for q in scoped(QuarterPlan, actor.scope).filter(client_id=run.client_id)}
    entries = _entries(actor, run)
    existing: dict[str, WorkItem] = {}
    for work in (
        scoped(WorkItem, actor.scope)
        .filter(client_id=run.client_id)
        .select_related("recommendation", "project")
    ):
        existing[entry_key(work.entry)] = work
    owner = _default_owner(run, actor)
    by_quarter: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for key, (entry, label) in entries.items():
        current = existing.get(key)
        if current is None or current.status == PLANNED:  # not started: its dates are the plan's
            by_quarter[label].append((key, entry))
    slots = {}
    for label, quarter_entries in by_quarter.items():
        quarter = quarters.get(label)
        if quarter is None:
            continue
        begin = max(quarter.start, min(on, quarter.end))
        jobs = [
            Job(
                key,
                float(entry.effort_hours),
                tuple(entry_key(d) for d in prerequisites(entry)),
                order=_order(entry),
            )
            for key, entry in quarter_entries
        ]
        slots.update(spread(jobs, begin, quarter.end))
    items = []
    for key, (entry, label) in entries.items():
        item = existing.get(key)
        slot = slots.get(key)
        if item is None:
            if slot is None:
                continue
            item = WorkItem(client_id=run.client_id, owner=owner, estimated_hours=entry.effort_hours)
            if isinstance(entry, Project):
                item.project = entry
            else:
                item.recommendation = entry
        elif item.status not in OPEN:
            continue  # done or deferred work is history
        item.run = run
        item.quarter = label
        item.closed_at = None
        if slot is not None and item.status == PLANNED:
            item.start, item.due = slot.start, slot.due
        item.version += 1
        item.save()
        if entry.due_date != item.due:
            entry.due_date = item.due
            entry.save(update_fields=["due_date"])  # through the model: the audit trail records it
        items.append(item)
    _close_replaced(actor, run, carried={item.pk for item in items})
    return items


def _close_replaced(actor: Caller, run: RoadmapRun, carried: set[int]) -> None:
    """Open work of an earlier roadmap that the new one does not take over stops here, with a note."""
    now = timezone.now()
    left = (
        scoped(WorkItem, actor.scope).filter(client_id=run.client_id, status__in=OPEN).exclude(pk__in=carried)
    )
    for item in left.exclude(run=run).select_related("recommendation", "project"):
        if item.status == IN_PROGRESS:
            continue  # work under way is not dropped by a re-plan: it stays with its roadmap
        item.status, item.closed_at = DEFERRED, now
        item.version += 1
        item.save()
        entry = item.entry
        entry.status = "deferred"
        entry.save(update_fields=["status"])  # through the model: the audit trail records it
        ProgressNote.objects.create(
            item=item,
            author=actor.user,
            text=f"Closed: the roadmap approved on {on_text(run)} does not schedule it.",
        )


def on_text(run: RoadmapRun) -> str:
    return timezone.localtime(run.approved_at).strftime("%b %-d, %Y") if run.approved_at else "today"
