"""Recording changes the model signals do not see. The trail is append-only: nothing here changes an event.

`QuerySet.update()`, `bulk_create()` and `bulk_update()` send no model signal. A service that changes
tracked rows that way records the change itself, in the same transaction:

    from sevenc.audit.services import record

    record(workshop, "changed", {"target CONT": (40, 55)})        # readable before → after
    scoped(WorkItem, scope).filter(pk=item.pk).update(...)

Or it saves through the model instead (`obj.save(update_fields=[...])`), which the signals record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import router

from sevenc.audit import values
from sevenc.audit.models import Event
from sevenc.audit.recorder import build_event, created_changes, track_of

Changes = Mapping[str, tuple[Any, Any] | list[Any]]


def _using(instance: Any) -> str:
    return instance._state.db or router.db_for_write(type(instance))


def _event(instance: Any, action: str, changes: Changes) -> Event | None:
    befores = {field: pair[0] for field, pair in changes.items()}
    afters = {field: pair[1] for field, pair in changes.items()}
    kept = values.changes_between(befores, afters)
    if not kept and action == "changed":
        return None
    return build_event(instance, action, kept)


def record(instance: Any, action: str, changes: Changes | None = None) -> None:
    """One event for `instance` (readable values: names, labels, ISO dates), unless nothing changed."""
    event = _event(instance, action, changes or {})
    if event is not None:
        Event.objects.using(_using(instance)).bulk_create([event])


def record_many(entries: Iterable[tuple[Any, str, Changes]]) -> int:
    """Many events in one insert (a CSV import's cells): each entry is (instance, action, changes)."""
    events, using = [], None
    for instance, action, changes in entries:
        using = using or _using(instance)
        event = _event(instance, action, changes)
        if event is not None:
            events.append(event)
    if events:
        Event.objects.using(using).bulk_create(events)
    return len(events)


def record_created(instances: Iterable[Any]) -> int:
    """A "created" event for each of rows inserted with `bulk_create` (which sends no signal)."""
    events, using = [], None
    for instance in instances:
        using = using or _using(instance)
        action = track_of(type(instance)).created
        events.append(build_event(instance, action, created_changes(instance, using)))
    if events:
        Event.objects.using(using).bulk_create(events)
    return len(events)
