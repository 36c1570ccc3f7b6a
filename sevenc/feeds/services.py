"""Creating and revoking a person's private calendar address. One transaction each."""

from __future__ import annotations

import secrets

from django.db import transaction

from sevenc.feeds.lookup import digest
from sevenc.feeds.models import CalendarFeed
from sevenc.lib.errors import NotAllowed
from sevenc.tenancy.access import Caller
from sevenc.tenancy.models import Role
from sevenc.tenancy.scoping import scoped

STAFF_ROLES = (Role.OWNER, Role.VCIO, Role.ENGINEER)


def create_calendar_feed(*, actor: Caller) -> str:
    """A new secret feed address for the actor (the old one stops working); returns the secret once."""
    if actor.user is None or actor.role not in STAFF_ROLES:
        raise NotAllowed("only the MSP's people have a work calendar", field="calendar")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        scoped(CalendarFeed, actor.scope).filter(user=actor.user).delete()
        CalendarFeed.objects.create(user=actor.user, msp=actor.scope.msp, token_hash=digest(token))
    return token


def revoke_calendar_feed(*, actor: Caller) -> None:
    with transaction.atomic():
        scoped(CalendarFeed, actor.scope).filter(user=actor.user).delete()
