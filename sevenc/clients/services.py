"""Create, change and delete clients. Keyword-only, one transaction each; the caller's scope is checked."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet

from sevenc.clients.models import MAX_SEATS, Client, Vertical
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, scoped

VCIO_ROLES = (Role.OWNER, Role.VCIO)


class ClientError(ValueError):
    """A client change that cannot be made. `field` names the form field at fault (or None)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


def vcio_queryset(scope: Scope) -> QuerySet[AbstractBaseUser]:
    """The MSP's people who can be a client's vCIO (owners and vCIOs), by name."""
    members = scoped(Membership, scope).filter(role__in=VCIO_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=members).order_by("first_name", "last_name", "username")


def _fields(
    *,
    scope: Scope,
    name: str,
    seats: int | None,
    vertical: str,
    fiscal_year_start_month: int,
    primary_contact_name: str,
    primary_contact_email: str,
    vcio: AbstractBaseUser | None,
    next_review_date: dt.date | None,
) -> dict[str, object]:
    """The validated model fields of a client, or ClientError naming the first field at fault."""
    name = name.strip()
    if not name:
        raise ClientError("name", "required")
    if seats is not None and not 1 <= seats <= MAX_SEATS:
        raise ClientError("seats", f"must be between 1 and {MAX_SEATS}")
    if vertical not in Vertical.values:
        raise ClientError("vertical", f"{vertical!r} is not a known vertical")
    if not 1 <= fiscal_year_start_month <= 12:
        raise ClientError("fiscal_year_start_month", "must be a month from 1 to 12")
    vcio_id = vcio.pk if vcio is not None else None
    if (
        vcio_id is not None
        and not scoped(Membership, scope).filter(user_id=vcio_id, role__in=VCIO_ROLES).exists()
    ):
        raise ClientError("vcio", "must be an owner or vCIO of this MSP")
    return {
        "name": name,
        "seats": seats,
        "vertical": vertical,
        "fiscal_year_start_month": fiscal_year_start_month,
        "primary_contact_name": primary_contact_name.strip(),
        "primary_contact_email": primary_contact_email.strip(),
        "vcio_id": vcio_id,
        "next_review_date": next_review_date,
    }


def create_client(
    *,
    scope: Scope,
    name: str,
    seats: int | None = None,
    vertical: str = Vertical.OTHER,
    fiscal_year_start_month: int = 1,
    primary_contact_name: str = "",
    primary_contact_email: str = "",
    vcio: AbstractBaseUser | None = None,
    next_review_date: dt.date | None = None,
) -> Client:
    fields = _fields(
        scope=scope,
        name=name,
        seats=seats,
        vertical=vertical,
        fiscal_year_start_month=fiscal_year_start_month,
        primary_contact_name=primary_contact_name,
        primary_contact_email=primary_contact_email,
        vcio=vcio,
        next_review_date=next_review_date,
    )
    with transaction.atomic():
        if scoped(Client, scope).filter(name=fields["name"]).exists():
            raise ClientError("name", f"{fields['name']!r} is already a client of this MSP")
        return Client.objects.create(msp=scope.msp, **fields)  # type: ignore[arg-type]


def update_client(
    *,
    scope: Scope,
    client: Client,
    name: str,
    seats: int | None,
    vertical: str,
    fiscal_year_start_month: int,
    primary_contact_name: str = "",
    primary_contact_email: str = "",
    vcio: AbstractBaseUser | None = None,
    next_review_date: dt.date | None = None,
) -> Client:
    fields = _fields(
        scope=scope,
        name=name,
        seats=seats,
        vertical=vertical,
        fiscal_year_start_month=fiscal_year_start_month,
        primary_contact_name=primary_contact_name,
        primary_contact_email=primary_contact_email,
        vcio=vcio,
        next_review_date=next_review_date,
    )
    with transaction.atomic():
        target = scoped(Client, scope).select_for_update().get(pk=client.pk)
        if scoped(Client, scope).filter(name=fields["name"]).exclude(pk=target.pk).exists():
            raise ClientError("name", f"{fields['name']!r} is already a client of this MSP")
        for key, value in fields.items():
            setattr(target, key, value)
        target.save()
        return target


def delete_client(*, scope: Scope, client: Client, confirm_name: str) -> None:
    """Delete a client and all its history; the caller must type the client's name to confirm."""
    if confirm_name.strip() != client.name:
        raise ClientError("confirm_name", "type the client's name exactly to confirm")
    with transaction.atomic():
        scoped(Client, scope).filter(pk=client.pk).delete()
