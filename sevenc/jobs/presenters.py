"""What a job's card shows: its state in words, how long it has run or waited, and whether the caller may
start it again. The pages and the polling view read it here."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sevenc.jobs.kinds import kind_of
from sevenc.jobs.models import Job
from sevenc.jobs.workflow import QUEUED, WAITING_LONG, is_stuck, may_start_again
from sevenc.tenancy.access import Caller


def job_context(job: Job, caller: Caller | None, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    kind = kind_of(job.kind)
    starter = job.started_by
    return {
        "job": job,
        "started_by": "the command line" if starter is None else starter.get_full_name() or starter.username,
        "elapsed": duration(now - (job.started_at or job.queued_at)),
        "waiting_long": job.state == QUEUED and now - job.queued_at > WAITING_LONG,
        "stuck": is_stuck(job.state, job.last_sign_of_life, now),
        "may_start_again": caller is not None
        and kind is not None
        and caller.role in kind.roles
        and may_start_again(job.state, job.last_sign_of_life, now),
    }


def duration(span: dt.timedelta) -> str:
    """ "4 s", "2 min 5 s", "1 h 3 min": how long, as a person says it."""
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
