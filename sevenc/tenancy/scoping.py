"""The one tenant-scoping path. Every query of tenant-owned data goes through `scoped()`.

A tenant-owned model declares `TENANT_PATH` (the lookup from it to its Msp) and `CLIENT_PATH` (to its
Client). A Scope is "this MSP", optionally narrowed to one client for a client viewer. Anything outside the
scope simply does not exist for the caller, so views answer 404 rather than 403 and leak nothing.
`tests/test_scoping_is_the_only_path.py` fails when code queries a tenant-owned model another way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from sevenc.tenancy.models import Membership, Msp, Role

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Scope:
    msp: Msp
    client_id: int | None = None  # set for client viewers: they see one client only

    @classmethod
    def of(cls, membership: Membership) -> Scope:
        if membership.role == Role.CLIENT_VIEWER:
            return cls(msp=membership.msp, client_id=membership.client_id)
        return cls(msp=membership.msp)


def membership_of(user_id: int | None) -> Membership | None:
    """A user's own membership, the one lookup that is not scoped: it is what defines the scope."""
    if user_id is None:
        return None
    return Membership.objects.select_related("msp").filter(user_id=user_id).first()


def scoped(model: type[M], scope: Scope) -> QuerySet[M]:
    tenant_path: str = model.TENANT_PATH  # type: ignore[attr-defined]
    queryset: QuerySet[M] = model._default_manager.filter(**{tenant_path: scope.msp})
    if scope.client_id is not None:
        queryset = queryset.filter(**{model.CLIENT_PATH: scope.client_id})  # type: ignore[attr-defined]
    return queryset


def get_scoped(model: type[M], scope: Scope, **lookup: Any) -> M:
    """One object inside the scope, or Http404 whether it is missing or belongs to someone else."""
    try:
        return scoped(model, scope).get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404(f"No {model._meta.verbose_name} matches the given query.") from None
