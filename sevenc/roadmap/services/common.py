"""What the roadmap services share: their error, the locked read of a row, the transition check."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model

from sevenc.lib.errors import DomainError
from sevenc.tenancy.scoping import Scope, scoped

M = TypeVar("M", bound=Model)


class RoadmapError(DomainError):
    """A roadmap change that cannot be made; the message names the field or constraint at fault."""


def locked(model: type[M], obj: M, scope: Scope) -> M:
    """`obj`'s row as stored now, locked for this transaction (never the caller's possibly stale copy)."""
    return scoped(model, scope).select_for_update(of=("self",)).get(pk=obj.pk)
