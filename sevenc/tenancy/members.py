"""Finding a member of an MSP by username: how the API, CSV imports and backups name people."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sevenc.lib.errors import DomainError
from sevenc.tenancy.models import Membership, Msp
from sevenc.tenancy.scoping import Scope, scoped


def member_user(msp: Msp, username: Any, *, roles: Iterable[str], field: str, what: str) -> Any:
    """The user called `username` whose membership in `msp` has one of `roles`, else a DomainError naming
    `field` ("no vCIO called 'x'"); None when `username` is None or empty (no one)."""
    if username is None or username == "":
        return None
    if not isinstance(username, str):
        raise DomainError("must be a username", field=field)
    membership = (
        scoped(Membership, Scope(msp))
        .filter(user__username=username, role__in=list(roles))
        .select_related("user")
        .first()
    )
    if membership is None:
        raise DomainError(f"{username[:60]!r} is not {what} of this MSP", field=field)
    return membership.user
