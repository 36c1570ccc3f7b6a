"""Creating and revoking personal API tokens. One transaction each; the secret is returned once."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from sevenc.lib.errors import DomainError, NotAllowed
from sevenc.lib.fields import clean_text
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import membership_of, scoped
from sevenc.tokens.lookup import PREFIX, digest
from sevenc.tokens.models import ApiToken

MAX_TOKENS_PER_USER = 50
SHOWN_PREFIX = len(PREFIX) + 6


class TokenError(DomainError):
    """A token that cannot be created or revoked; `field` names the input at fault."""


def create_token(*, actor: Caller, name: str, expires_on: dt.date | None = None) -> tuple[ApiToken, str]:
    """A new token for the actor itself (a person's token is their own): (the stored token, the secret).

    `expires_on`: the token stops working at the start of that day (server time); None never expires."""
    if actor.user is None:
        raise NotAllowed("a token belongs to a person; give --user on the command line", field="user")
    name = clean_text(ApiToken, "name", name, required=True)
    expires_at = None
    if expires_on is not None:
        if expires_on <= timezone.localdate():
            raise TokenError("must be a day after today", field="expires_on")
        expires_at = timezone.make_aware(dt.datetime.combine(expires_on, dt.time.min))
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        mine = scoped(ApiToken, actor.scope).filter(user=actor.user)
        if mine.filter(name=name).exists():
            raise TokenError(f"you already have a token called {name!r}", field="name")
        if mine.count() >= MAX_TOKENS_PER_USER:
            raise TokenError(
                f"at most {MAX_TOKENS_PER_USER} tokens per person; revoke one first", field="name"
            )
        token = ApiToken.objects.create(
            user=actor.user,
            name=name,
            prefix=secret[:SHOWN_PREFIX],
            token_hash=digest(secret),
            expires_at=expires_at,
        )
    return token, secret


def create_token_for_username(
    *, username: str, name: str, expires_on: dt.date | None = None
) -> tuple[ApiToken, str]:
    """`sevenc token create`: a token for the member called `username`."""
    user = get_user_model().objects.filter(username=username).first()
    membership = membership_of(user.pk) if user is not None else None
    if user is None or membership is None:
        raise TokenError(f"no member of any MSP is called {username!r}", field="user")
    return create_token(actor=Caller.of_membership(membership), name=name, expires_on=expires_on)


def my_tokens(actor: Caller) -> list[ApiToken]:
    if actor.user is None:
        return []
    return list(scoped(ApiToken, actor.scope).filter(user=actor.user).order_by("-created_at", "-pk"))


def revoke_token(*, actor: Caller, token_id: int) -> None:
    """Delete one of the actor's own tokens; another person's token is not found (404 upstream)."""
    with transaction.atomic():
        deleted, _ = scoped(ApiToken, actor.scope).filter(user=actor.user, pk=token_id).delete()
    if not deleted:
        raise TokenError("no such token of yours", field="token")
