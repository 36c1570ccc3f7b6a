"""The job's states and moves (pure rules), and how its card words time and progress."""

from __future__ import annotations

import datetime as dt

import pytest

from sevenc.jobs.models import Job
from sevenc.jobs.presenters import duration
from sevenc.jobs.workflow import (
    ACTIVE,
    FAILED,
    JOB_MOVES,
    QUEUED,
    RUNNING,
    STUCK_AFTER,
    SUCCEEDED,
    is_stuck,
    may_start_again,
    percent,
)
from sevenc.lib.errors import Conflict, NotAllowed

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def test_the_model_stores_the_states_of_the_rules():
    assert {value for value, _ in Job.State.choices} == {QUEUED, RUNNING, SUCCEEDED, FAILED}
    assert set(ACTIVE) == {QUEUED, RUNNING}


@pytest.mark.parametrize(("source", "target"), [(QUEUED, RUNNING), (RUNNING, SUCCEEDED), (RUNNING, FAILED)])
def test_only_the_worker_moves_a_job_along(source, target):
    JOB_MOVES.check(role="system", source=source, target=target)
    for person in ("owner", "vcio", "engineer", "client_viewer"):
        with pytest.raises(NotAllowed):
            JOB_MOVES.check(role=person, source=source, target=target)


def test_a_done_job_never_moves_again():
    assert JOB_MOVES.next_states(SUCCEEDED) == []
    with pytest.raises(Conflict):
        JOB_MOVES.check(role="system", source=SUCCEEDED, target=QUEUED)


def test_staff_may_start_a_failed_job_again_a_client_viewer_may_not():
    for role in ("owner", "vcio", "engineer"):
        JOB_MOVES.check(role=role, source=FAILED, target=QUEUED)
    with pytest.raises(NotAllowed):
        JOB_MOVES.check(role="client_viewer", source=FAILED, target=QUEUED)


def test_a_job_is_stuck_after_a_silence_only_while_active():
    silent = NOW - STUCK_AFTER - dt.timedelta(seconds=1)
    assert is_stuck(RUNNING, silent, NOW) and is_stuck(QUEUED, silent, NOW)
    assert not is_stuck(RUNNING, NOW - dt.timedelta(seconds=30), NOW)
    assert not is_stuck(FAILED, silent, NOW) and not is_stuck(SUCCEEDED, silent, NOW)
    assert may_start_again(FAILED, NOW, NOW) and may_start_again(RUNNING, silent, NOW)
    assert not may_start_again(SUCCEEDED, silent, NOW)


@pytest.mark.parametrize(
    ("done", "total", "expected"), [(0, None, None), (0, 0, None), (1, 3, 33), (3, 3, 100), (5, 3, 100)]
)
def test_progress_in_percent(done, total, expected):
    assert percent(done, total) == expected


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(-3, "0 s"), (4, "4 s"), (125, "2 min 5 s"), (3780, "1 h 3 min")],
)
def test_durations_read_as_a_person_says_them(seconds, words):
    assert duration(dt.timedelta(seconds=seconds)) == words
