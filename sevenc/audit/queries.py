"""Reading the trail: an MSP's events through the tenant scope, filtered, as rows for a page, CSV or JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import QuerySet
from django.utils import timezone

from sevenc.audit import values
from sevenc.audit.context import CLI, SYSTEM
from sevenc.audit.models import Event
from sevenc.audit.tracked import TRACKED
from sevenc.tenancy.scoping import Scope, scoped

NOBODY = {CLI: "The command line", SYSTEM: "The system"}  # actors that are no user: filtered by `via`
CSV_HEADER = ["time", "actor", "via", "action", "kind", "object id", "object", "client", "changes"]


@dataclass(frozen=True)
class Filters:
    client_id: int | None = None
    person: str = ""  # a user's id, or "cli" / "system"
    kind: str = ""  # a model label, e.g. "clients.client"
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None


def kind_name(model: str) -> str:
    """ "clients.client" → "client"; a label that names no model (an old one) is shown as it is."""
    try:
        return str(apps.get_model(model)._meta.verbose_name)
    except (LookupError, ValueError):
        return model


def kinds() -> list[tuple[str, str]]:
    return sorted(((label, kind_name(label)) for label in TRACKED), key=lambda pair: pair[1])


def actions() -> list[str]:
    named = {track.created for track in TRACKED.values()} | {track.deleted for track in TRACKED.values()}
    named |= {action for track in TRACKED.values() for _, _, action in track.actions}
    return sorted(named | {"changed"})


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def events(scope: Scope, filters: Filters = Filters()) -> QuerySet[Event]:
    found = scoped(Event, scope)
    if filters.client_id is not None:
        found = found.filter(client_id=filters.client_id)
    if filters.person in NOBODY:
        found = found.filter(via=filters.person, actor__isnull=True)
    elif filters.person.isdigit():
        found = found.filter(actor_id=int(filters.person))
    if filters.kind:
        found = found.filter(model=filters.kind)
    if filters.action:
        found = found.filter(action=filters.action)
    if filters.since:
        found = found.filter(at__gte=_day_start(filters.since))
    if filters.until:
        found = found.filter(at__lt=_day_start(filters.until + dt.timedelta(days=1)))
    return found.order_by("-at", "-pk")


@dataclass(frozen=True)
class Line:
    """One change of an event, as shown."""

    field: str
    before: str
    after: str


def lines(event: Event) -> list[Line]:
    changes = event.changes if isinstance(event.changes, dict) else {}
    return [
        Line(values.label(field), values.shown(pair[0]), values.shown(pair[1]))
        for field, pair in changes.items()
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]


def as_json(event: Event) -> dict[str, Any]:
    changes = event.changes if isinstance(event.changes, dict) else {}
    return {
        "time": event.at.isoformat(),
        "actor": event.actor_label,
        "via": event.via,
        "action": event.action,
        "model": event.model,
        "object_id": event.object_id,
        "object": event.object_name,
        "client": event.client_name or None,
        "changes": {
            field: {"before": pair[0], "after": pair[1]}
            for field, pair in changes.items()
            if isinstance(pair, list | tuple) and len(pair) == 2
        },
    }


def csv_rows(found: Iterable[Event]) -> Iterator[list[Any]]:
    for event in found:
        yield [
            event.at.isoformat(),
            event.actor_label,
            event.via,
            event.action,
            kind_name(event.model),
            event.object_id,
            event.object_name,
            event.client_name,
            values.describe(event.changes if isinstance(event.changes, dict) else {}),
        ]
