"""Finding who calls by the secret they send: the token is the credential, so this lookup is what defines
whose it is (like a membership defines a signed-in user's scope, and a calendar feed's secret its owner)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from sevenc.tenancy.access import Caller
from sevenc.tokens.models import ApiToken

PREFIX = "sevenc_"
# Recording every use would write a row per request; a token's "last used" to the minute is enough.
LAST_USED_EVERY = dt.timedelta(minutes=1)
MAX_TOKEN_LENGTH = 200


def digest(secret: str) -> str:
    """Only a hash is stored: a copy of the database does not give the tokens away. The secret has 256 random
    bits, so one SHA-256 suffices (a slow password hash protects guessable secrets, not these)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def caller_for_token(secret: str) -> Caller | None:
    """The caller a token stands for, or None: unknown, expired, or its user belongs to no MSP any more."""
    if not secret or len(secret) > MAX_TOKEN_LENGTH or not secret.isascii():
        return None
    # One query: the token, its user, the user's membership and MSP.
    try:
        token = ApiToken.objects.select_related("user__membership__msp").get(token_hash=digest(secret))
    except ApiToken.DoesNotExist:
        return None
    now = timezone.now()
    if token.expires_at is not None and token.expires_at <= now:
        return None
    if not token.user.is_active:
        return None
    membership = getattr(token.user, "membership", None)
    if membership is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Caller.of_membership(membership)
