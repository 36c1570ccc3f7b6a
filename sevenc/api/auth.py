"""Who calls the API: a personal token (`Authorization: Bearer …`) or the web app's own session (with its
CSRF token on writes). Either way the caller is the user's membership as a `Caller`, as on the web."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import Throttled
from ninja.security import APIKeyCookie, HttpBearer

from sevenc.audit.context import API, act_from_here
from sevenc.signin import throttling
from sevenc.signin.backoff import minutes
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import membership_of
from sevenc.tokens.lookup import caller_for_token


class TooManyFailedTokens(Throttled):
    """429: this address sent too many unknown or expired tokens lately; every token waits (a right one
    too, or guessing would go on unhindered)."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        later = minutes(dt.timedelta(seconds=wait))
        self.message = f"Too many failed API tokens from your address: try again in {later} minute{'s' if later != 1 else ''}."


class TokenAuth(HttpBearer):
    """A personal API token (see sevenc.tokens); failed tokens are counted per address."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        address = throttling.client_address(request)
        wait = throttling.check(throttling.TOKEN_ADDRESS, address)
        if wait is not None:
            raise TooManyFailedTokens(int(wait.total_seconds()) + 1)
        caller = caller_for_token(token.strip())
        if caller is None:
            throttling.count(throttling.TOKEN_ADDRESS, address)
            return None
        act_from_here(user=caller.user, via=API)  # the audit trail names the token's user, through the API
        return caller


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; writes must carry the CSRF token (`X-CSRFToken`)."""

    param_name: str = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a signed-in session this is no session call: no CSRF verdict (a bad token stays a 401).
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)  # checks the CSRF token of a write

    def authenticate(self, request: HttpRequest, key: Any) -> Caller | None:
        if key is None or not request.user.is_authenticated:
            return None
        membership = membership_of(request.user.pk)
        if membership is None:
            return None
        act_from_here(user=request.user, via=API)
        return Caller.of_membership(membership)
