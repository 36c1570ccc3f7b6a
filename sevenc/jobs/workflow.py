"""A job's states, who may move it from which to which, and when a job counts as stuck. No Django here.

queued → running → succeeded | failed. The worker ("system") makes every move but one: a person may start
a failed job again (failed → queued), or a stuck one — queued or running with no sign of life for
`STUCK_AFTER` (its worker died, or none is running). Each start is a new *attempt*; a worker holding an
older attempt can no longer record anything, so starting again never doubles a result.
"""

from __future__ import annotations

import datetime as dt

from sevenc.lib.transitions import TransitionTable

OWNER, VCIO, ENGINEER, SYSTEM = "owner", "vcio", "engineer", "system"
STAFF = (OWNER, VCIO, ENGINEER, SYSTEM)

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
ACTIVE = (QUEUED, RUNNING)  # at most one active job per subject (the database's unique constraint)
FINISHED = (SUCCEEDED, FAILED)

# A running job reports progress at least this often; one silent for longer has lost its worker. A queued
# one waiting this long has no worker to run it.
STUCK_AFTER = dt.timedelta(minutes=5)
# A queued job older than this tells the page that no worker seems to be picking work up.
WAITING_LONG = dt.timedelta(seconds=30)

JOB_MOVES = TransitionTable.of(
    "job",
    [
        (QUEUED, RUNNING, (SYSTEM,)),
        (RUNNING, SUCCEEDED, (SYSTEM,)),
        (RUNNING, FAILED, (SYSTEM,)),
        (FAILED, QUEUED, STAFF),  # start again; the kind says which roles (e.g. managers for a roadmap)
        (RUNNING, QUEUED, STAFF),  # only when stuck (`may_start_again`)
        (QUEUED, QUEUED, STAFF),  # only when stuck: enqueued again
    ],
)


def is_stuck(state: str, last_sign_of_life: dt.datetime, now: dt.datetime) -> bool:
    """Queued or running with no progress, claim or start for `STUCK_AFTER`."""
    return state in ACTIVE and now - last_sign_of_life > STUCK_AFTER


def may_start_again(state: str, last_sign_of_life: dt.datetime, now: dt.datetime) -> bool:
    return state == FAILED or is_stuck(state, last_sign_of_life, now)


def percent(done: int, total: int | None) -> int | None:
    """Progress in whole percent, or None when the amount of work is unknown (a single solve)."""
    if not total:
        return None
    return max(0, min(100, round(100 * done / total)))
