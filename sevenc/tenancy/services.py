"""Create MSPs and their memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from sevenc.clients.models import Client
from sevenc.tenancy.models import Membership, Msp, Role


class TenancyError(ValueError):
    pass


def get_or_create_msp(*, name: str) -> tuple[Msp, bool]:
    name = name.strip()
    if not name:
        raise TenancyError("MSP name: required")
    with transaction.atomic():
        return Msp.objects.get_or_create(name=name)


def get_msp(*, name: str) -> Msp:
    msp = Msp.objects.filter(name=name).first()
    if msp is None:
        raise TenancyError(f"no MSP called {name!r}")
    return msp


def add_member(
    *,
    msp: Msp,
    username: str,
    email: str,
    role: str,
    password: str | None = None,
    client: Client | None = None,
    first_name: str = "",
    last_name: str = "",
) -> Membership:
    if role not in Role.values:
        raise TenancyError(f"role: {role!r} must be one of {', '.join(Role.values)}")
    if (role == Role.CLIENT_VIEWER) != (client is not None):
        raise TenancyError("a client viewer needs exactly one client; other roles have none")
    if client is not None and client.msp_id != msp.pk:
        raise TenancyError("client: not a client of this MSP")
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.filter(username=username).exists():
            raise TenancyError(f"username {username!r} is taken")
        user: User = user_model.objects.create_user(  # type: ignore[attr-defined]
            username=username, email=email, password=password, first_name=first_name, last_name=last_name
        )
        return Membership.objects.create(user=user, msp=msp, role=role, client=client)
