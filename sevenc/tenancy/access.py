"""The one permission path for views: who is calling, in which tenant scope, with which role.

Use it on every view that shows or changes tenant data:

    from sevenc.tenancy.access import Caller, allow, MANAGERS

    @allow(*MANAGERS)                       # or @allow() for every role of the MSP
    def goal_list(request, caller: Caller, client_pk: int):
        client = get_scoped(Client, caller.scope, pk=client_pk)   # 404 outside the caller's scope
        ...

`allow(*roles)` signs the caller in (redirect to the login page), finds their membership (404 without
one), answers a role outside `roles` with 403 for MSP staff and with 404 for client viewers (the portal is
all they know exists), sets `request.caller` (templates: `request.caller.role`, `.msp`, `.can_manage`) and
passes the `Caller` as the view's second argument. Inside the view, fetch objects only through
`caller.scope` (`scoped()` / `get_scoped()`), so anything of another MSP or another client is a 404.
For a finer rule inside a view, call `caller.require(condition)`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Concatenate, ParamSpec

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from sevenc.tenancy.models import Membership, Msp, Role
from sevenc.tenancy.scoping import Scope, membership_of

P = ParamSpec("P")

EVERYONE = tuple(Role.values)
STAFF = (Role.OWNER, Role.VCIO, Role.ENGINEER)  # the MSP's own people
MANAGERS = (Role.OWNER, Role.VCIO)  # may change clients, complete assessments, plan
OWNERS = (Role.OWNER,)  # users, branding, framework templates


SYSTEM = "system"  # not a membership role: the CLI and the demo acting on an MSP's behalf


@dataclass(frozen=True)
class Caller:
    """Who acts, in which scope, with which role: a signed-in member, or the system (CLI, demo).

    Services take the caller as `actor` and check their transition tables against `actor.role`."""

    user: Any  # the signed-in user; None for the system
    role: str
    scope: Scope
    membership: Membership | None = None

    @classmethod
    def of_membership(cls, membership: Membership) -> Caller:
        return cls(
            user=membership.user, role=membership.role, scope=Scope.of(membership), membership=membership
        )

    @classmethod
    def system(cls, msp: Msp, *, user: Any = None) -> Caller:
        """The CLI or the demo builder acting for `msp` (`user`, when given, is recorded as the author)."""
        return cls(user=user, role=SYSTEM, scope=Scope(msp))

    @property
    def name(self) -> str:
        if self.user is None:
            return "sevenc (command line)"
        return self.user.get_full_name() or self.user.get_username()

    @property
    def msp(self) -> Msp:
        return self.scope.msp

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER

    @property
    def can_manage(self) -> bool:
        return self.role in MANAGERS

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF

    @property
    def is_client_viewer(self) -> bool:
        return self.role == Role.CLIENT_VIEWER

    def require(self, allowed: bool) -> None:
        """Refuse the request unless `allowed`: 404 for a client viewer, 403 for MSP staff."""
        if not allowed:
            if self.is_client_viewer:
                raise Http404("Not found.")
            raise PermissionDenied("Your role does not allow this.")


def caller_of(request: HttpRequest) -> Caller:
    """The signed-in caller; 404 for a user who belongs to no MSP (e.g. a bare superuser)."""
    cached = getattr(request, "caller", None)
    if isinstance(cached, Caller):
        return cached
    if not request.user.is_authenticated:
        raise Http404("Sign in first.")
    membership = membership_of(request.user.pk)
    if membership is None:
        raise Http404("You are not a member of any MSP.")
    caller = Caller(
        user=request.user, role=membership.role, scope=Scope.of(membership), membership=membership
    )
    request.caller = caller  # type: ignore[attr-defined]
    return caller


def scope_of(request: HttpRequest) -> Scope:
    return caller_of(request).scope


def allow(
    *roles: str,
) -> Callable[[Callable[Concatenate[HttpRequest, Caller, P], HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view `(request, caller, **url_kwargs)`; no roles means every role of the MSP."""
    allowed = set(roles or EVERYONE)
    unknown = allowed - set(Role.values)
    if unknown:
        raise ValueError(f"unknown role(s): {', '.join(sorted(unknown))}")

    def decorate(
        view: Callable[Concatenate[HttpRequest, Caller, P], HttpResponse],
    ) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            caller = caller_of(request)
            caller.require(caller.role in allowed)
            return view(request, caller, *args, **kwargs)

        return wrapper

    return decorate
