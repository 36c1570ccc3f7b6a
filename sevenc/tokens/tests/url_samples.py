"""Samples for the URL walks: an API token of the victim MSP's member."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sevenc.tenancy.access import Caller
from sevenc.tokens.models import ApiToken
from sevenc.tokens.services import create_token


def _token(world: Any) -> int:
    existing = ApiToken.objects.filter(user=world.membership.user).first()
    if existing is not None:
        return existing.pk
    return create_token(actor=Caller.of_membership(world.membership), name="walk")[0].pk


SAMPLES: dict[str, Callable[[Any], Any]] = {"token_pk": _token}
MODELS = {"token_pk": ApiToken}
