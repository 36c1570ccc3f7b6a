"""Starting a job, and starting it again. Keyword-only, one transaction each; the task is enqueued when the
transaction commits, so a worker never sees a job that was rolled back.

No double start: a subject (what the job works on) has at most one queued or running job per MSP — the
database's unique constraint, checked here under a row lock and again by the insert itself, so two clicks
(or two app servers) racing each other still make one job. Starting what is already under way returns the
job under way; a *different* job on a busy subject (other parameters, another kind) is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sevenc.clients.models import Client
from sevenc.jobs.kinds import kind_of
from sevenc.jobs.models import Job
from sevenc.jobs.workflow import ACTIVE, JOB_MOVES, QUEUED, STUCK_AFTER, SUCCEEDED, may_start_again
from sevenc.lib.errors import Conflict, DomainError, NotAllowed
from sevenc.lib.fields import clean_text
from sevenc.tenancy.access import Caller
from sevenc.tenancy.scoping import Scope, scoped

logger = logging.getLogger(__name__)


class JobError(DomainError):
    """A job that cannot be started, or that cannot do its work; the message says why."""


class JobBusy(Conflict):
    """Another job is under way on the same subject."""


def start_job(
    *,
    actor: Caller,
    kind: str,
    subject: str,
    title: str,
    client: Client | None = None,
    params: dict[str, Any] | None = None,
    result_url: str = "",
    once: bool = False,
) -> tuple[Job, bool]:
    """Queue a job of `kind` on `subject`: (the job, True), or (the job already under way, False) when the
    same job is queued or running. `client`: the client it belongs to, reached through the caller's scope
    (None for MSP-wide work). `params` must be JSON; `result_url` is where its result will be shown.
    `once`: the subject's work is done once (a day's reminders): a job that succeeded on it is returned
    instead of starting another."""
    if kind_of(kind) is None:
        raise JobError(f"sevenc knows no job of kind {kind!r}", field="kind")
    stored = _as_json(params or {})
    title = clean_text(Job, "title", title, required=True)
    with transaction.atomic():
        active = _active(actor.scope, subject)
        if active is not None:
            return _same_or_busy(active, kind, stored), False
        done = scoped(Job, actor.scope).filter(subject=subject, state=SUCCEEDED).first() if once else None
        if done is not None:
            return done, False
        try:
            with transaction.atomic():  # a savepoint: losing the race to the unique constraint is no error
                job = Job.objects.create(
                    msp=actor.msp,
                    client=client,
                    kind=kind,
                    subject=subject,
                    title=title,
                    params=stored,
                    result_url=result_url,
                    started_by=actor.user,
                )
        except IntegrityError:
            active = _active(actor.scope, subject)
            if active is None:
                raise
            return _same_or_busy(active, kind, stored), False
        _enqueue_on_commit(actor.scope, job)
    return job, True


def start_again(*, actor: Caller, job: Job, now: dt.datetime | None = None) -> Job:
    """Start a failed job again, or a stuck one (no sign of life for `STUCK_AFTER`), as a new attempt; an
    older attempt still running somewhere can record nothing after this. Returns the job that now does the
    work: this one, or another already under way on the same subject (no double start)."""
    now = now or timezone.now()
    with transaction.atomic():
        current = scoped(Job, actor.scope).select_for_update(of=("self",)).get(pk=job.pk)
        kind = kind_of(current.kind)
        if kind is None:
            raise JobError(f"sevenc no longer knows jobs of kind {current.kind!r}", field="job")
        if actor.role not in kind.roles:
            raise NotAllowed("your role may not start this job again", field="job")
        if not may_start_again(current.state, current.last_sign_of_life, now):
            if current.state == SUCCEEDED:
                raise Conflict("this job is done: start a new one where its result is shown", field="job")
            minutes = int(STUCK_AFTER.total_seconds() // 60)
            raise Conflict(
                f"this job is still {current.state}; it can be started again once it has shown no progress "
                f"for {minutes} minutes",
                field="job",
            )
        JOB_MOVES.check(role=actor.role, source=current.state, target=QUEUED, field="job")
        other = _active(actor.scope, current.subject)
        if other is not None and other.pk != current.pk:
            return other
        current.state, current.attempt = QUEUED, current.attempt + 1
        current.done, current.total, current.message, current.worker = 0, None, "", ""
        current.queued_at, current.started_at, current.finished_at, current.heartbeat_at = (
            now,
            None,
            None,
            None,
        )
        current.started_by = actor.user
        current.save()
        _enqueue_on_commit(actor.scope, current)
    return current


def active_job(scope: Scope, subject: str) -> Job | None:
    """The job queued or running on `subject`, if any."""
    return scoped(Job, scope).filter(subject=subject, state__in=ACTIVE).first()


def job_to_show(scope: Scope, subject: str) -> Job | None:
    """The newest job on `subject` while it is under way or if it failed (its card shows the progress or
    the reason); None once it succeeded, when the page shows its result instead."""
    job = scoped(Job, scope).filter(subject=subject).select_related("started_by").first()
    return None if job is None or job.succeeded else job


def _active(scope: Scope, subject: str) -> Job | None:
    return (
        scoped(Job, scope)
        .select_for_update(of=("self",))
        .filter(subject=subject, state__in=ACTIVE)
        .select_related("started_by")
        .first()
    )


def _same_or_busy(active: Job, kind: str, params: dict[str, Any]) -> Job:
    if active.kind == kind and active.params == params:
        return active
    who = _name(active.started_by)
    raise JobBusy(
        f"{active.title} is under way (started {timezone.localtime(active.created_at):%H:%M} by {who}): "
        "wait for it to finish",
        field="job",
    )


def _name(user: Any) -> str:
    if user is None:
        return "the command line"
    return user.get_full_name() or user.get_username()


def _as_json(params: dict[str, Any]) -> dict[str, Any]:
    """The parameters as they will be stored (so a second start compares equal), or a JobError."""
    try:
        stored: dict[str, Any] = json.loads(json.dumps(params, allow_nan=False))
    except (TypeError, ValueError) as exc:
        raise JobError(f"parameters that are not JSON: {exc}", field="params") from None
    return stored


def _enqueue_on_commit(scope: Scope, job: Job) -> None:
    msp_id, job_id, attempt = scope.msp.pk, job.pk, job.attempt

    def enqueue() -> None:
        from sevenc.jobs.tasks import run_job  # the task module imports the runner, which imports kinds

        result = run_job.enqueue(msp_id, job_id, attempt)
        scoped(Job, scope).filter(pk=job_id, attempt=attempt).update(task_id=str(result.id)[:64])

    # robust: a queue that cannot be reached leaves the job queued (it shows as stuck and can be started
    # again) instead of failing the request that already committed it.
    transaction.on_commit(enqueue, robust=True)
