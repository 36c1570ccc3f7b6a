"""API: who am I, and my own tokens (list, create — the secret is in this one answer only — and revoke)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from sevenc.lib.api import Day, In, Out, PathId, answers, caller_of, text
from sevenc.lib.bounds import NAME
from sevenc.tenancy.scoping import get_scoped
from sevenc.tokens.models import ApiToken
from sevenc.tokens.services import create_token, my_tokens, revoke_token

router = Router(tags=["me"])


class MeOut(Out):
    username: str | None
    name: str
    role: str
    msp: str
    client_id: int | None


class TokenOut(Out):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None


class TokenIn(In):
    name: text(NAME, required=True)  # type: ignore[valid-type]
    expires_on: Day | None = None


class NewTokenOut(TokenOut):
    token: str


def _token(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
    }


@router.get("/me", response=answers(MeOut))
def me(request: HttpRequest) -> dict[str, Any]:
    """The caller: their username, role, MSP and (for a client viewer) their client."""
    caller = caller_of(request)
    return {
        "username": caller.user.get_username() if caller.user is not None else None,
        "name": caller.name,
        "role": caller.role,
        "msp": caller.msp.name,
        "client_id": caller.scope.client_id,
    }


@router.get("/tokens", response=answers(list[TokenOut]))
def list_tokens(request: HttpRequest) -> list[dict[str, Any]]:
    """Your own API tokens (never their secrets)."""
    return [_token(token) for token in my_tokens(caller_of(request))]


@router.post("/tokens", response=answers(NewTokenOut, 201))
def new_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """A new token for yourself; `token` is the secret, in this answer only."""
    token, secret = create_token(actor=caller_of(request), name=payload.name, expires_on=payload.expires_on)
    return Status(201, {**_token(token), "token": secret})


@router.delete("/tokens/{token_id}", response=answers(None, 204))
def delete_token(request: HttpRequest, token_id: PathId) -> Status[None]:
    """Revoke one of your tokens: it stops working at once."""
    caller = caller_of(request)
    token = get_scoped(ApiToken, caller.scope, pk=token_id, user=caller.user)
    revoke_token(actor=caller, token_id=token.pk)
    return Status(204, None)
