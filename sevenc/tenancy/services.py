"""Create and find MSPs (the tenants). Memberships and invitations live in `sevenc.team`."""

from __future__ import annotations

from django.db import transaction

from sevenc.lib.errors import DomainError
from sevenc.lib.fields import clean_text
from sevenc.tenancy.models import Msp


class TenancyError(DomainError):
    """An MSP that cannot be created or found."""


def get_or_create_msp(*, name: str) -> tuple[Msp, bool]:
    name = clean_text(Msp, "name", name, required=True)
    with transaction.atomic():
        return Msp.objects.get_or_create(name=name)


def get_msp(*, name: str) -> Msp:
    msp = Msp.objects.filter(name=name).first()
    if msp is None:
        raise TenancyError(f"no MSP called {name!r}", field="msp")
    return msp
