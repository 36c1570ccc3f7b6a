"""Create, change and delete clients. Keyword-only, one transaction each; the caller's scope is checked."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet

from sevenc.clients.models import Client, Vertical
from sevenc.lib.bounds import SEATS
from sevenc.lib.errors import Conflict, DomainError
from sevenc.lib.fields import clean_text
from sevenc.tenancy.models import Membership, Role
from sevenc.tenancy.scoping import Scope, scoped

VCIO_ROLES = (Role.OWNER, Role.VCIO)


class ClientError(DomainError):
    """A client change that cannot be made; `field` names the input at fault."""


def vcio_queryset(scope: Scope) -> QuerySet[AbstractBaseUser]:
    """The MSP's people who can be a client's vCIO (owners and vCIOs), by name."""
    members = scoped(Membership, scope).filter(role__in=VCIO_ROLES).values("user_id")
    return get_user_model().objects.filter(pk__in=members).order_by("first_name", "last_name", "username")


def _email(value: str) -> str:
    email = clean_text(Client, "primary_contact_email", value)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ClientError(f"{email!r} is not an e-mail address", field="primary_contact_email") from None
    return email


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
    name = clean_text(Client, "name", name, required=True)
    seats = SEATS.parse_optional(seats, field="seats")
    if vertical not in Vertical.values:
        raise ClientError(f"{vertical!r} is not a known vertical", field="vertical")
    if isinstance(fiscal_year_start_month, bool) or fiscal_year_start_month not in range(1, 13):
        raise ClientError("must be a month from 1 to 12", field="fiscal_year_start_month")
    vcio_id = vcio.pk if vcio is not None else None
    if (
        vcio_id is not None
        and not scoped(Membership, scope).filter(user_id=vcio_id, role__in=VCIO_ROLES).exists()
    ):
        raise ClientError("must be an owner or vCIO of this MSP", field="vcio")
    return {
        "name": name,
        "seats": seats,
        "vertical": vertical,
        "fiscal_year_start_month": fiscal_year_start_month,
        "primary_contact_name": clean_text(Client, "primary_contact_name", primary_contact_name),
        "primary_contact_email": _email(primary_contact_email),
        "vcio_id": vcio_id,
        "next_review_date": next_review_date,
    }


# What a client's edit sets (update_client's arguments): the form's initial values and the API's partial
# update start from the client's current ones.
EDITABLE_FIELDS = (
    "name",
    "seats",
    "vertical",
    "fiscal_year_start_month",
    "primary_contact_name",
    "primary_contact_email",
    "vcio",
    "next_review_date",
)


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
            raise ClientError(f"{fields['name']!r} is already a client of this MSP", field="name")
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
    expected_version: int | None = None,
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
        target = scoped(Client, scope).select_for_update(of=("self",)).get(pk=client.pk)
        if expected_version is not None and target.version != expected_version:
            raise Conflict(
                f"{target.name} was changed by someone else while you edited it; your change was not saved — "
                "the form now shows their version",
                field="version",
            )
        if scoped(Client, scope).filter(name=fields["name"]).exclude(pk=target.pk).exists():
            raise ClientError(f"{fields['name']!r} is already a client of this MSP", field="name")
        for key, value in fields.items():
            setattr(target, key, value)
        target.version += 1
        target.save()
        return target


def delete_client(*, scope: Scope, client: Client, confirm_name: str) -> None:
    """Delete a client and all its history; the caller must type the client's name to confirm."""
    if confirm_name.strip() != client.name:
        raise ClientError("type the client's name exactly to confirm", field="confirm_name")
    with transaction.atomic():
        scoped(Client, scope).filter(pk=client.pk).delete()
