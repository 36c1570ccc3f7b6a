import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sevenc.signin.backoff import Policy, State, after_failure, grown, minutes, remaining

T0 = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
POLICY = Policy(
    limit=3, window=dt.timedelta(minutes=10), cool_off=dt.timedelta(minutes=15), cap=dt.timedelta(hours=24)
)


def _fail(state: State, times: int, at: dt.datetime) -> State:
    for _ in range(times):
        state = after_failure(state, POLICY, at)
    return state


def test_the_failure_that_reaches_the_limit_locks_for_the_cool_off():
    state = _fail(State(), 2, T0)
    assert remaining(state, T0) is None
    state = after_failure(state, POLICY, T0)
    assert remaining(state, T0) == dt.timedelta(minutes=15)


def test_each_further_lockout_doubles_the_cool_off_up_to_the_cap():
    state, now = State(), T0
    waits = []
    for _ in range(10):
        state = _fail(state, 3, now)
        wait = remaining(state, now)
        waits.append(wait)
        now += wait  # just after it ends
    assert waits[:4] == [dt.timedelta(minutes=m) for m in (15, 30, 60, 120)]
    assert waits[-1] == dt.timedelta(hours=24)


def test_failures_spread_wider_than_the_window_do_not_add_up():
    state = _fail(State(), 2, T0)
    state = after_failure(state, POLICY, T0 + dt.timedelta(minutes=11))
    assert remaining(state, T0 + dt.timedelta(minutes=11)) is None


def test_a_key_quiet_for_the_cap_after_a_lockout_starts_again_from_the_first_cool_off():
    state = _fail(State(), 3, T0)
    later = state.locked_until + dt.timedelta(hours=24)
    state = _fail(state, 3, later)
    assert remaining(state, later) == dt.timedelta(minutes=15)


@given(st.integers(min_value=-5, max_value=10_000))
def test_a_cool_off_is_never_shorter_than_the_base_nor_longer_than_the_cap(lockouts):
    wait = grown(dt.timedelta(minutes=15), lockouts, dt.timedelta(hours=24))
    assert dt.timedelta(minutes=15) <= wait <= dt.timedelta(hours=24)


def test_a_wait_is_said_in_whole_minutes_rounded_up():
    assert minutes(dt.timedelta(seconds=1)) == 1
    assert minutes(dt.timedelta(seconds=61)) == 2
