"""API: the MSP's team (owners only) — members with their role, invitations, role changes (against the
membership's etag)."""

from __future__ import annotations

from typing import Any, Literal

from django.db import transaction
from django.http import HttpRequest
from ninja import Query, Router, Status

from sevenc.clients.models import Client
from sevenc.lib.api import (
    ETag,
    In,
    ObjectId,
    Out,
    Page,
    PageQuery,
    PathId,
    answers,
    caller_of,
    etag,
    page,
    require_role,
    text,
)
from sevenc.lib.bounds import EMAIL, NAME
from sevenc.lib.errors import Conflict
from sevenc.team.services import change_role, invite_member
from sevenc.tenancy.access import OWNERS
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import get_scoped, scoped

router = Router(tags=["team"])
RoleCode = Literal[tuple(Role.values)]  # type: ignore[valid-type]


class MemberOut(Out):
    id: int
    username: str
    first_name: str
    last_name: str
    email: str
    role: RoleCode  # type: ignore[valid-type]
    client_id: int | None
    invited: bool
    etag: str


class InviteIn(In):
    """A new member: they get an e-mail with a link to choose their password."""

    username: text(NAME, required=True)  # type: ignore[valid-type]
    email: text(EMAIL, required=True)  # type: ignore[valid-type]
    role: RoleCode  # type: ignore[valid-type]
    client_id: ObjectId | None = None
    first_name: text(NAME) = ""  # type: ignore[valid-type]
    last_name: text(NAME) = ""  # type: ignore[valid-type]


class RoleIn(In):
    """A new role (a client viewer needs `client_id`) and the `etag` you read."""

    etag: ETag
    role: RoleCode  # type: ignore[valid-type]
    client_id: ObjectId | None = None


class MemberQuery(PageQuery):
    role: RoleCode | None = None  # type: ignore[valid-type]
    order: Literal["username", "role"] = "username"


def _etag(membership: Membership) -> str:
    return etag({"role": membership.role, "client": membership.client_id})


def member_out(membership: Membership) -> dict[str, Any]:
    user = membership.user
    return {
        "id": membership.pk,
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": membership.role,
        "client_id": membership.client_id,
        "invited": not user.has_usable_password(),
        "etag": _etag(membership),
    }


@router.get("/members", response=answers(Page[MemberOut]))
def list_members(request: HttpRequest, query: Query[MemberQuery]) -> dict[str, Any]:
    caller = require_role(caller_of(request), *OWNERS)
    rows = scoped(Membership, caller.scope).select_related("user")
    if query.role:
        rows = rows.filter(role=query.role)
    order = "user__username" if query.order == "username" else ("role", "user__username")
    return page(rows, query, member_out, order=order)


@router.post("/members", response=answers(MemberOut, 201))
def invite(request: HttpRequest, payload: InviteIn) -> Status[dict[str, Any]]:
    caller = require_role(caller_of(request), *OWNERS)
    data = payload.dict()
    client_id = data.pop("client_id")
    client = get_scoped(Client, caller.scope, pk=client_id) if client_id is not None else None
    membership = invite_member(scope=caller.scope, client=client, invited_by=caller.name, **data)
    return Status(201, member_out(membership))


@router.patch("/members/{member_id}", response=answers(MemberOut))
def patch_member(request: HttpRequest, member_id: PathId, payload: RoleIn) -> dict[str, Any]:
    """Change a member's role; the MSP keeps at least one owner."""
    caller = require_role(caller_of(request), *OWNERS)
    membership = get_scoped(Membership, caller.scope, pk=member_id)
    client = get_scoped(Client, caller.scope, pk=payload.client_id) if payload.client_id is not None else None
    with transaction.atomic():
        current = scoped(Membership, caller.scope).select_for_update().get(pk=membership.pk)
        if _etag(current) != payload.etag:
            raise Conflict("this member's role changed since you read it; read it again", field="etag")
        changed = change_role(scope=caller.scope, membership=current, role=payload.role, client=client)
    return member_out(changed)
