"""Backup sections of the tenant itself: its settings, and its people (members with their role, and every
other person the MSP's records name) by username — never a password hash, a token or a calendar secret."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from sevenc.lib.backup import BackupFileError, DumpContext, LoadContext, Row, Section, fields_out, rows_of
from sevenc.tenancy.models import Membership, Msp, Role
from sevenc.tenancy.scoping import membership_of, scoped

SETTINGS = ("brand_color", "accent_color", "currency", "logo_svg", "require_two_factor", "created_at")
PERSON = ("first_name", "last_name", "email", "is_active")


def dump_settings(ctx: DumpContext) -> dict[str, Any]:
    return fields_out(ctx.msp, SETTINGS)


def load_settings(ctx: LoadContext, data: Any) -> None:
    values = Row(data, "sections.settings").values(Msp, SETTINGS, added=("require_two_factor",))
    Msp.objects.filter(pk=ctx.msp.pk).update(**values)


def dump_people(ctx: DumpContext) -> list[dict[str, Any]]:
    members = {m.user_id: m for m in scoped(Membership, ctx.scope).select_related("user", "client")}
    for member in members.values():
        ctx.user(member.user)
    rows = []
    people = get_user_model().objects.filter(pk__in=list(ctx.people))
    for user in sorted(people, key=lambda u: str(u.get_username())):  # in Python: no database collation
        membership = members.get(user.pk)
        rows.append(
            {
                "username": user.get_username(),
                **fields_out(user, PERSON),
                "role": membership.role if membership else None,
                "client": membership.client.name if membership and membership.client else None,
            }
        )
    return rows


def load_people(ctx: LoadContext, data: Any) -> None:
    """Link each person to the account of that username, or create one without a usable password; members
    get their role once the clients are in. A person who belongs to another MSP cannot become a member."""
    user_model = get_user_model()
    rows = rows_of(data, "sections.people")
    names = [row.text("username") for row in rows]
    existing = {u.get_username(): u for u in user_model.objects.filter(username__in=names)}
    memberships = {name: membership_of(user.pk) for name, user in existing.items()}
    taken = {name: m.msp.name for name, m in memberships.items() if m is not None}
    for row in rows:
        name = row.text("username")
        role = row.text("role", optional=True)
        if name in ctx.users:
            raise BackupFileError(f"{name!r} is listed twice", field=row.at("username"))
        if role is not None and role not in Role.values:
            raise BackupFileError("not a role", field=row.at("role"))
        if role is not None and name in taken:
            raise BackupFileError(
                f"{name!r} is already a member of {taken[name]!r}; a person belongs to "
                "one MSP (restore into a database without them, or remove them from that MSP first)",
                field=row.at("username"),
            )
        user = existing.get(name)
        if user is None:
            user = user_model(username=name, **row.values(user_model, PERSON))
            user.set_unusable_password()
            try:
                user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                field, problems = next(iter(error.message_dict.items()))
                raise BackupFileError(f"{' '.join(problems)}", field=row.at(field)) from None
            user.save()
        ctx.users[name] = user.pk
        if role is not None:
            client = row.text("client", optional=True)
            ctx.later(functools.partial(_member, ctx, user.pk, role, client, row))


def _member(ctx: LoadContext, user_id: int, role: str, client: str | None, row: Row) -> None:
    client_id = ctx.id("client", client, row.at("client")) if client is not None else None
    if (role == Role.CLIENT_VIEWER) != (client_id is not None):
        raise BackupFileError(
            "a client viewer has exactly one client, other roles none",
            field=row.at("client"),
        )
    Membership.objects.create(user_id=user_id, msp=ctx.msp, role=role, client_id=client_id)


SECTIONS = (
    Section("settings", dump_settings, load_settings, models=("tenancy.Msp",)),
    Section("people", dump_people, load_people, dump_last=True, models=("tenancy.Membership",)),
)
