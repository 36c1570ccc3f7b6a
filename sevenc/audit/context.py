"""Who is acting, and through what: the actor every audit event written meanwhile records.

The web sets it for each request (`sevenc.audit.middleware.AuditMiddleware`: the signed-in user, via "web").
Everything else says who it is with `acting`:

    from sevenc.audit.context import acting

    with acting(label="cli: sevenc import", via="cli"):     # a CLI command that changes data
        import_for_msp(...)

    with acting(user=token.user, via="api"):                 # the API's token authentication
        ...

A user's label is always their own name, never text passed in, and a label given for "cli" gets the
operating-system user appended: nothing a person types can make a change look like another actor's.
Without any of these (a test, a management shell), events are recorded as "system".
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

WEB, API, CLI, SYSTEM = "web", "api", "cli", "system"
VIAS = (WEB, API, CLI, SYSTEM)
PEOPLE = (WEB, API)  # changes through these are made by a user


@dataclass(frozen=True)
class Actor:
    via: str
    user: Any = None  # the user (or Django's lazy request.user) for web and API
    label: str = ""  # for the CLI and the system: what acted
    msp_id: int | None = None  # the MSP acted for, when the changed row does not say (a new user)
    # Names already read in this block (a request, a command): a client's MSP and name, a related object's
    # name, so a thousand changes to one client read it once. Refreshed when the object itself is saved (a
    # rename rolled back inside the block would still show: a block is one request or one command).
    memo: dict[Any, Any] | None = field(default=None, compare=False, repr=False)


SYSTEM_ACTOR = Actor(via=SYSTEM, label="system")
_current: ContextVar[Actor | None] = ContextVar("sevenc_audit_actor", default=None)


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this uid (a container): the number still says who
        import os

        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def make_actor(*, user: Any = None, label: str = "", via: str = CLI, msp: Any = None) -> Actor:
    if via not in VIAS:
        raise ValueError(f"via must be one of {', '.join(VIAS)}, not {via!r}")
    msp_id = getattr(msp, "pk", msp)
    if via in PEOPLE:
        if user is None:
            raise ValueError(f"a change through the {via} is made by a user: pass user=")
        if label:
            raise ValueError("a user is recorded by their own name; a label is for the CLI and the system")
        return Actor(via=via, user=user, msp_id=msp_id, memo={})
    if not label.strip():
        raise ValueError("say what acts, e.g. label='cli: sevenc import'")
    if via == CLI:
        label = f"{label.strip()} (OS user {os_user()})"
    return Actor(via=via, user=user, label=label.strip(), msp_id=msp_id, memo={})


@contextmanager
def acting(*, user: Any = None, label: str = "", via: str = CLI, msp: Any = None) -> Iterator[Actor]:
    """Record every change made inside as made by this actor (nested calls: the innermost wins)."""
    token = _current.set(make_actor(user=user, label=label, via=via, msp=msp))
    try:
        yield _current.get() or SYSTEM_ACTOR
    finally:
        _current.reset(token)


def act_from_here(*, user: Any, via: str) -> None:
    """Who acts for the rest of the enclosing `acting` block (the request's, opened by the middleware).

    The API learns its caller only once the token is checked, inside the view; the middleware's block ends
    with the request and puts the previous actor back, so nothing leaks into the next request."""
    _current.set(make_actor(user=user, via=via))


def current() -> Actor:
    return _current.get() or SYSTEM_ACTOR
