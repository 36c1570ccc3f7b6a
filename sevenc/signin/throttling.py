"""Throttles shared by every app server through the database.

- Sign-in (password and second step): django-axes (`settings.AXES_*`), failures per account and per
  address; `cool_off` below makes its lockout grow while failures go on.
- Password-reset requests, per address and per e-mail address, and failed API tokens per address: the
  `Throttle` table with the arithmetic of `backoff` (`check`, `count`).

Behind a reverse proxy the address is the one the proxy saw (`client_address`, `SEVENC_PROXY_COUNT`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress

from django.conf import settings
from django.db import transaction
from django.db.models import Q, Sum
from django.http import HttpRequest
from django.utils import timezone

from sevenc.signin.backoff import Policy, State, after_failure, grown, remaining
from sevenc.signin.models import Throttle

UNKNOWN_ADDRESS = "0.0.0.0"
RESET_ADDRESS, RESET_EMAIL, TOKEN_ADDRESS = "reset-address", "reset-email", "token-address"


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind `SEVENC_PROXY_COUNT` trusted proxies the address the
    outermost of them saw (counted from the right of X-Forwarded-For, which those proxies append to: the
    left-most entries are whatever the client sent, so they are never trusted)."""
    proxies = int(getattr(settings, "SEVENC_PROXY_COUNT", 0) or 0)
    remote = _address(request.META.get("REMOTE_ADDR"))
    if proxies <= 0:
        return remote
    chain = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    chain = [part for part in chain if part]
    return _address(chain[-proxies] if len(chain) >= proxies else (chain[0] if chain else remote))


def _address(value: object) -> str:
    """An IP address as text, or the unspecified address when there is none (a sign-in made by a test
    client or a management command has no request address): django-axes stores it in an address column,
    which PostgreSQL checks."""
    try:
        return str(ipaddress.ip_address(str(value or "").strip()))
    except ValueError:
        return UNKNOWN_ADDRESS


def policy(scope: str) -> Policy:
    limit, window, cool_off = settings.SEVENC_THROTTLES[scope]
    return Policy(
        limit=limit,
        window=dt.timedelta(minutes=window),
        cool_off=dt.timedelta(minutes=cool_off),
        cap=dt.timedelta(hours=settings.SEVENC_THROTTLE_CAP_HOURS),
    )


def _hashed(key: str) -> str:
    return hashlib.sha256(key.strip().lower().encode()).hexdigest()


def check(scope: str, key: str) -> dt.timedelta | None:
    """How long `key` is still locked in `scope`, or None when it may go on. One indexed read."""
    locked_until = (
        Throttle.objects.filter(scope=scope, key=_hashed(key), locked_until__gt=timezone.now())
        .values_list("locked_until", flat=True)
        .first()
    )
    return None if locked_until is None else locked_until - timezone.now()


def count(scope: str, key: str) -> dt.timedelta | None:
    """Count one failure (or request) of `key`; returns how long it is now locked, or None."""
    now = timezone.now()
    with transaction.atomic():
        row, _ = Throttle.objects.select_for_update().get_or_create(scope=scope, key=_hashed(key))
        before = State(row.failures, row.first_at, row.locked_until, row.lockouts)
        after = after_failure(before, policy(scope), now)
        row.failures, row.first_at, row.locked_until, row.lockouts = (
            after.failures,
            after.first_at,
            after.locked_until,
            after.lockouts,
        )
        row.save()
    return remaining(after, now)


def forget_quiet(older_than: dt.timedelta | None = None) -> int:
    """Delete rows quiet for longer than the cap (nothing left to remember); returns how many."""
    age = older_than or dt.timedelta(hours=settings.SEVENC_THROTTLE_CAP_HOURS)
    deleted, _ = Throttle.objects.filter(updated_at__lt=timezone.now() - age).delete()
    return deleted


# --- django-axes ----------------------------------------------------------------------------------------------


def signin_username(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return getattr(request, "signin_username", None) or request.POST.get("username") or None


def cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    """`AXES_COOLOFF_TIME`: the base cool-off, doubled for each further `AXES_FAILURE_LIMIT` failures the
    account or address has not stopped making (5 → 15 min, 10 → 30 min, 15 → 1 h …, at most the cap)."""
    from axes.models import AccessAttempt  # axes' models: loaded only once the apps are

    base = dt.timedelta(minutes=settings.SEVENC_SIGNIN_COOL_OFF_MINUTES)
    cap = dt.timedelta(hours=settings.SEVENC_THROTTLE_CAP_HOURS)
    if request is None:
        return base
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    username = signin_username(request)
    live = AccessAttempt.objects.filter(
        Q(expiration__isnull=True) | Q(expiration__expires_at__gt=timezone.now())
    )
    totals = [live.filter(ip_address=address).aggregate(n=Sum("failures_since_start"))["n"] or 0]
    if username:
        totals.append(live.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0)
    lockouts = max(totals) // max(1, int(settings.AXES_FAILURE_LIMIT))
    return grown(base, lockouts, cap)
