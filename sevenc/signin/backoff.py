"""Throttling arithmetic: how long a key stays locked after its failures, growing with each lockout.
No Django here: plain values in, plain values out (`sevenc.signin.throttling` stores them).

A key (an address, an e-mail address) may fail `limit` times within `window`; the failure that reaches the
limit locks it for `cool_off`, the next lockout for twice that, then four times …, never longer than
`cap`. A key that stays quiet for `cap` after its last lockout starts again from the first cool-off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Policy:
    limit: int
    window: dt.timedelta
    cool_off: dt.timedelta
    cap: dt.timedelta


@dataclass(frozen=True)
class State:
    failures: int = 0
    first_at: dt.datetime | None = None
    locked_until: dt.datetime | None = None
    lockouts: int = 0


def grown(base: dt.timedelta, lockouts: int, cap: dt.timedelta) -> dt.timedelta:
    """The cool-off of the `lockouts`-th lockout (1 = the first): base, 2×base, 4×base, … at most cap."""
    if lockouts <= 1:
        return min(base, cap)
    factor = 2 ** min(lockouts - 1, 30)  # 2**30 × a second is already decades: no overflow
    return min(base * factor, cap)


def remaining(state: State, now: dt.datetime) -> dt.timedelta | None:
    """How long the key stays locked, or None when it is free."""
    if state.locked_until is None or state.locked_until <= now:
        return None
    return state.locked_until - now


def after_failure(state: State, policy: Policy, now: dt.datetime) -> State:
    """The state after one more failure (or counted request) at `now`."""
    if remaining(state, now) is not None:
        return state  # already locked: the caller refuses before counting
    lockouts = state.lockouts
    if state.locked_until is not None and now - state.locked_until >= policy.cap:
        lockouts = 0  # quiet long enough: forgiven
    if state.first_at is None or now - state.first_at >= policy.window:
        state = replace(state, failures=0, first_at=now)
    failures = state.failures + 1
    if failures < policy.limit:
        return replace(state, failures=failures, lockouts=lockouts)
    lockouts += 1
    return State(
        failures=0,
        first_at=None,
        locked_until=now + grown(policy.cool_off, lockouts, policy.cap),
        lockouts=lockouts,
    )


def minutes(delta: dt.timedelta) -> int:
    """A wait in whole minutes for a message, rounded up (never "0 minutes")."""
    return max(1, -(-int(delta.total_seconds()) // 60))
