"""Sample objects for the URL walks (sevenc/web/tests): an event of the victim client's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sevenc.audit.models import Event
from sevenc.audit.queries import Filters, events
from sevenc.tenancy.scoping import Scope


def _event(world: Any) -> int:
    """The victim client's own trail has its creation at least (the world is built through the services)."""
    found = events(Scope(world.client.msp), Filters(client_id=world.client.pk)).first()
    assert found is not None, "the victim client has no audit event"
    return found.pk


SAMPLES: dict[str, Callable[[Any], Any]] = {"event_pk": _event}

MODELS = {"event_pk": Event}
